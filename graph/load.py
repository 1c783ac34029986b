"""Step 1: parse the Turtle files, reporting syntax errors as `file:line: reason`."""
from __future__ import annotations

import logging
import re
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import _is_valid_uri

from graph.findings import InputError
from graph.paths import ROOT
from graph.skolem import skolemize

__all__ = ["SourceFile", "load_turtle_dir", "load_turtle_file", "merge", "display_path"]

_PREFIX_DECLARATION = re.compile(r"(?:@prefix|PREFIX)\s+([^\s:]*):\s*<([^>]*)>", re.IGNORECASE)


@dataclass
class SourceFile:
    """A parsed Turtle file, kept with its text so findings can give a line."""

    label: str  # as shown in messages: relative to the repository when inside it
    text: str
    graph: Graph  # blank nodes already skolemized
    prefixes: dict[str, str]  # as declared in this file: prefix -> namespace


def display_path(path: Path) -> str:
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _syntax_error_line(error: BadSyntax) -> int:
    return error.lines + 1  # BadSyntax counts lines from 0


@contextmanager
def _quiet_rdflib():
    """rdflib logs (with a traceback) and warns on ill-typed literals and odd IRIs
    instead of failing; we report those ourselves with a file and line."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _line_of(text: str, needle: str) -> int | None:
    offset = text.find(needle)
    return text.count("\n", 0, offset) + 1 if offset >= 0 else None


def _check_iris(label: str, text: str, graph: Graph) -> None:
    for term in {t for triple in graph for t in triple if isinstance(t, URIRef)}:
        if not _is_valid_uri(term):
            line = _line_of(text, str(term)) or _line_of(text, str(term).rsplit("/", 1)[-1])
            raise InputError(f"{label}:{line}: invalid IRI <{term}> (spaces, quotes and braces must be %-encoded)")


def load_turtle_file(path: Path, skolemize_blank_nodes: bool = True) -> SourceFile:
    label = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{label}: cannot read: {error}") from error
    graph = Graph()
    try:
        with _quiet_rdflib():
            graph.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    except BadSyntax as error:
        raise InputError(f"{label}:{_syntax_error_line(error)}: {error._why}") from error
    except Exception as error:  # noqa: BLE001 - rdflib's parser raises assorted types; all mean "cannot parse"
        raise InputError(f"{label}: cannot parse: {error}") from error
    _check_iris(label, text, graph)
    prefixes = {prefix: namespace for prefix, namespace in _PREFIX_DECLARATION.findall(text)}
    return SourceFile(label, text, skolemize(graph) if skolemize_blank_nodes else graph, prefixes)


def load_turtle_dir(directory: Path, exclude: tuple[str, ...] = ()) -> list[SourceFile]:
    """Parse every `*.ttl` in `directory` (sorted by name) except the names in `exclude`."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(f"{display_path(directory)}: no such folder")
    files = [p for p in sorted(directory.glob("*.ttl")) if p.name not in exclude]
    if not files:
        raise InputError(f"{display_path(directory)}: no *.ttl files")
    return [load_turtle_file(path) for path in files]


def merge(files: list[SourceFile]) -> Graph:
    merged = Graph()
    for source in files:
        merged += source.graph
    return merged

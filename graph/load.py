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

from hzkg.graph.findings import InputError
from hzkg.graph.paths import PACKAGE_DIR
from hzkg.graph.skolem import skolemize

__all__ = ["SourceFile", "Loaded", "load_turtle_dir", "load_turtle_files", "display_path"]

_PREFIX_DECLARATION = re.compile(r"(?:@prefix|PREFIX)\s+([^\s:]*):\s*<([^>]*)>", re.IGNORECASE)
_BASE_DECLARATION = re.compile(r"^\s*(?:@base|BASE)\s+<([^>]*)>", re.IGNORECASE | re.MULTILINE)


@dataclass
class SourceFile:
    """A Turtle file's text, kept so that findings can give a line."""

    label: str  # as shown in messages: relative to the repository when inside it
    text: str
    prefixes: dict[str, str]  # as declared in this file: prefix -> namespace
    bases: list[str]  # @base IRIs declared in this file (relative IRIs resolve against them)


@dataclass
class Loaded:
    """The triples of a set of files (blank nodes skolemized) and the files themselves."""

    graph: Graph
    files: list[SourceFile]


def display_path(path: Path) -> str:
    path = Path(path).resolve()
    return str(path.relative_to(PACKAGE_DIR)) if path.is_relative_to(PACKAGE_DIR) else str(path)


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


def _parse_into(graph: Graph, path: Path) -> SourceFile:
    label = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{label}: cannot read: {error}") from error
    try:
        with _quiet_rdflib():
            # Parsing straight into the shared graph saves a copy; the parser
            # scopes blank node labels to each document, so files stay apart.
            graph.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    except BadSyntax as error:
        line = error.lines + 1  # BadSyntax counts lines from 0
        raise InputError(f"{label}:{line}: {error._why}") from error
    except Exception as error:  # noqa: BLE001 - rdflib's parser raises assorted types; all mean "cannot parse"
        raise InputError(f"{label}: cannot parse: {error}") from error
    return SourceFile(label, text, dict(_PREFIX_DECLARATION.findall(text)), _BASE_DECLARATION.findall(text))


def _check_iris(loaded: Loaded) -> None:
    for term in {t for triple in loaded.graph for t in triple if isinstance(t, URIRef)}:
        if not _is_valid_uri(term):
            for source in loaded.files:
                offset = source.text.find(str(term))
                if offset >= 0:
                    line = source.text.count("\n", 0, offset) + 1
                    raise InputError(f"{source.label}:{line}: invalid IRI <{term}> (%-encode spaces, quotes, braces)")
            raise InputError(f"invalid IRI <{term}> (%-encode spaces, quotes, braces)")


def load_turtle_files(paths: list[Path], skolemize_blank_nodes: bool = True) -> Loaded:
    """Parse `paths` in order into one graph."""
    graph = Graph()
    loaded = Loaded(graph, [_parse_into(graph, Path(path)) for path in paths])
    _check_iris(loaded)
    if skolemize_blank_nodes:
        skolemize(graph)
    return loaded


def load_turtle_dir(directory: Path, exclude: tuple[str, ...] = ()) -> Loaded:
    """Parse every `*.ttl` in `directory` (sorted by name) except the names in `exclude`."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(f"{display_path(directory)}: no such folder")
    paths = [p for p in sorted(directory.glob("*.ttl")) if p.name not in exclude]
    if not paths:
        raise InputError(f"{display_path(directory)}: no *.ttl files")
    return load_turtle_files(paths)

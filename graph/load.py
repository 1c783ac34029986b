"""Step 1: parse the Turtle files, reporting syntax errors as `file:line: reason`."""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

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


def load_turtle_file(path: Path, skolemize_blank_nodes: bool = True) -> SourceFile:
    label = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{label}: cannot read: {error}") from error
    graph = Graph()
    try:
        # rdflib warns (rather than fails) on ill-typed literals; SHACL's
        # sh:datatype reports those with a location, so the warnings are noise here.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            graph.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    except BadSyntax as error:
        raise InputError(f"{label}:{_syntax_error_line(error)}: {error._why}") from error
    except Exception as error:  # rdflib raises assorted types for bad IRIs and prefixes
        raise InputError(f"{label}: cannot parse: {error}") from error
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

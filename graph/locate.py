"""Find the file and line where a resource is written, for messages a person can act on."""
from __future__ import annotations

import re
from functools import lru_cache

from rdflib import URIRef

from graph.load import SourceFile
from graph.skolem import is_skolem

__all__ = ["Locator"]

# Characters that may continue a prefixed name: a match must not be followed by one,
# so that `hz:Zone` is not found inside `hz:ZoneKind`. A dot only ends the
# statement when no name character follows it.
_NAME_CONTINUES = r"(?![\w\-:%]|\.[\w\-])"
_NAME_STARTS = r"(?<![\w\-:.])"


class Locator:
    """Answers "where is this term written?" over a list of parsed files.

    A resource's home is the file where it is a subject (its block); within the
    file, a line that starts with the term wins over a line that mentions it.
    """

    def __init__(self, files: list[SourceFile]):
        self.files = files

    def _patterns(self, source: SourceFile, term: str) -> list[re.Pattern]:
        return _patterns(term, tuple(sorted(source.prefixes.items())))

    def _line_in(self, source: SourceFile, term: URIRef) -> int | None:
        patterns = self._patterns(source, str(term))
        first = None
        for number, line in enumerate(source.text.splitlines(), start=1):
            for pattern in patterns:
                match = pattern.search(line)
                if match and not line[: match.start()].strip():
                    return number
                if match and first is None:
                    first = number
        return first

    def locate(self, term, as_subject: bool = True) -> tuple[str | None, int | None]:
        """(file, line) where `term` is written; the enclosing resource for a skolemized
        blank node; (None, None) when no file holds it."""
        if is_skolem(term):
            return self._locate_blank_node(term)
        if not isinstance(term, URIRef):
            return None, None
        homes = [f for f in self.files if as_subject and (term, None, None) in f.graph]
        mentions = [f for f in self.files if f not in homes and _mentions(f, term)]
        for source in homes + mentions:
            line = self._line_in(source, term)
            if line is not None:
                return source.label, line
        return (homes + mentions)[0].label if homes + mentions else None, None

    def uses(self, term: URIRef) -> list[tuple[str, int | None]]:
        """Every file that mentions `term` in a triple, with the first line that does."""
        return [(f.label, self._line_in(f, term)) for f in self.files if _mentions(f, term)]

    def _locate_blank_node(self, node, seen: frozenset = frozenset()) -> tuple[str | None, int | None]:
        for source in self.files:
            for parent in source.graph.subjects(None, node):
                if parent in seen:
                    continue
                if is_skolem(parent):
                    return self._locate_blank_node(parent, seen | {node})
                line = self._line_in(source, parent)
                return source.label, line
        for source in self.files:
            if (node, None, None) in source.graph:
                return source.label, None
        return None, None


def _mentions(source: SourceFile, term: URIRef) -> bool:
    graph = source.graph
    return (
        (term, None, None) in graph or (None, term, None) in graph or (None, None, term) in graph
    )


@lru_cache(maxsize=4096)
def _patterns(term: str, prefixes: tuple[tuple[str, str], ...]) -> list[re.Pattern]:
    patterns = [re.compile(re.escape(f"<{term}>"))]
    for prefix, namespace in prefixes:
        if namespace and term.startswith(namespace):
            local = term[len(namespace):]
            patterns.append(re.compile(_NAME_STARTS + re.escape(f"{prefix}:{local}") + _NAME_CONTINUES))
    return patterns

"""Find the file and line where a resource is written, for messages a person can act on."""
from __future__ import annotations

import re
from functools import lru_cache

from rdflib import Graph, URIRef

from hzkg.graph.load import SourceFile
from hzkg.graph.paths import DEF
from hzkg.graph.skolem import is_skolem

__all__ = ["Locator"]

# A prefixed name must not run on: `hz:Zone` is not in `hz:ZoneKind`; a dot only
# ends the statement when no name character follows it.
_NAME_STARTS = r"(?<![\w\-:.])"
_NAME_CONTINUES = r"(?![\w\-:%]|\.[\w\-])"
_QUOTE = URIRef(DEF + "quote")


class Locator:
    """Answers "where is this term written?" by searching the files' text.

    A resource's block starts at the beginning of a line, so that line wins over
    an indented line that starts with the term, which wins over any mention.
    Blank nodes (skolemized) are located at the resource that holds them; a citation the
    build named (graph/authoring.py) at the line where its quote is written.
    """

    def __init__(self, files: list[SourceFile], graph: Graph):
        self.files = files
        self.graph = graph  # every triple, to find the owner of a blank node

    def locate(self, term) -> tuple[str | None, int | None]:
        """(file, line) where `term` is best found; (None, None) when nowhere."""
        if is_skolem(term):
            return self._locate_blank_node(term)
        if not isinstance(term, URIRef):
            return None, None
        best = None
        for source in self.files:
            for rank, line in _occurrences(source, str(term)):
                if best is None or rank < best[0]:
                    best = (rank, source.label, line)
                if rank == 0:
                    return source.label, line
        return (best[1], best[2]) if best else self._locate_quote(term)

    def uses(self, term: URIRef) -> list[tuple[str, int]]:
        """Each file that mentions `term`, with the first line that does."""
        found = []
        for source in self.files:
            lines = [line for _, line in _occurrences(source, str(term))]
            if lines:
                found.append((source.label, min(lines)))
        return found

    def _locate_quote(self, term: URIRef) -> tuple[str | None, int | None]:
        quote = self.graph.value(term, _QUOTE)
        written = f'"{quote}"' if quote is not None else None
        for source in self.files if written else ():
            offset = source.text.find(written)
            if offset >= 0:
                return source.label, source.text.count("\n", 0, offset) + 1
        return None, None

    def _locate_blank_node(self, node, seen: frozenset = frozenset()) -> tuple[str | None, int | None]:
        for owner in sorted(self.graph.subjects(None, node)):
            if owner in seen or owner == node:
                continue
            if is_skolem(owner):
                return self._locate_blank_node(owner, seen | {node})
            return self.locate(owner)
        return None, None


def _occurrences(source: SourceFile, term: str) -> list[tuple[int, int]]:
    """(rank, line) of the term's first occurrence of each rank in the file:
    0 at a line's start, 1 after indentation, 2 anywhere else."""
    found = []
    for rank, pattern in enumerate(_patterns(term, tuple(sorted(source.prefixes.items())), tuple(source.bases))):
        match = pattern.search(source.text)
        if match:
            found.append((rank, source.text.count("\n", 0, match.start("term")) + 1))
    return found


@lru_cache(maxsize=8192)
def _patterns(term: str, prefixes: tuple[tuple[str, str], ...], bases: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    forms = [re.escape(f"<{term}>")]
    forms += [re.escape(f"<{term[len(base):]}>") for base in bases if base and term.startswith(base)]
    for prefix, namespace in prefixes:
        if namespace and term.startswith(namespace):
            forms.append(_NAME_STARTS + re.escape(f"{prefix}:{term[len(namespace):]}") + _NAME_CONTINUES)
    written = "(?P<term>" + "|".join(forms) + ")"
    return (
        re.compile("^" + written, re.MULTILINE),
        re.compile(r"^[ \t]+" + written, re.MULTILINE),
        re.compile(written),
    )

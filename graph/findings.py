"""What the build reports: a finding (the data does not conform) or an input error."""
from __future__ import annotations

from dataclasses import asdict, dataclass

from rdflib import Literal

__all__ = ["Finding", "InputError", "show_term", "EXIT_OK", "EXIT_NONCONFORMING", "EXIT_ERROR"]

EXIT_OK = 0
EXIT_NONCONFORMING = 1
EXIT_ERROR = 2


@dataclass(frozen=True)
class Finding:
    """One reason the data does not conform, with where to look.

    >>> print(Finding("provenance", "graph/facts/x.ttl", 3, "quote not found").describe())
    graph/facts/x.ttl:3: quote not found
    """

    check: str  # the step that found it: terms, shapes, provenance
    file: str | None
    line: int | None
    message: str
    severity: str = "violation"  # SHACL warnings and infos are reported, never fatal

    @property
    def location(self) -> str:
        if self.file is None:
            return "(unknown file)"
        return f"{self.file}:{self.line}" if self.line else self.file

    def describe(self) -> str:
        prefix = "" if self.severity == "violation" else f"{self.severity}: "
        return f"{self.location}: {prefix}{self.message}"

    def as_dict(self) -> dict:
        return asdict(self)


class InputError(Exception):
    """An input cannot be read or parsed (exit code 2); the message says where and why."""


def show_term(term) -> str:
    """A term as written in N-Triples, without rdflib's n3() (which warns on ill-typed numbers).

    >>> from rdflib import Literal, URIRef
    >>> show_term(URIRef("https://w3id.org/hzkg/id/zone/x")), show_term(Literal("杭州", lang="zh"))
    ('<https://w3id.org/hzkg/id/zone/x>', '"杭州"@zh')
    """
    if not isinstance(term, Literal):
        return f"<{term}>"
    text = '"' + str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if term.language:
        return f"{text}@{term.language}"
    return f"{text}^^<{term.datatype}>" if term.datatype else text

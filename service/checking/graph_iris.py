"""The protocol's graph parameters (`default-graph-uri`, `named-graph-uri`), checked in the web
worker before anything reaches an engine: each must be an absolute IRI as the engine reads one.

pyoxigraph's NamedNode is the check (the parser the engine itself uses), so nothing that passes
here can fail there: before, `x`, `http://a b/` or `<http://e/>` reached the query process,
whose `NamedNode(...)` raised outside its error handling and killed it (502, a traceback in the log).

    >>> checked_graph_iris("default-graph-uri", ["https://w3id.org/hzkg/graph/plan"])
    ['https://w3id.org/hzkg/graph/plan']
    >>> checked_graph_iris("named-graph-uri", ["http://a b/"])
    Traceback (most recent call last):
    hzkg.service.errors.BadRequest: named-graph-uri 'http://a b/' is not an absolute IRI (Invalid IRI code point ' '); give a graph's full IRI, e.g. https://w3id.org/hzkg/graph/plan
"""
from __future__ import annotations

import pyoxigraph as ox

from hzkg.graph.prefixes import BASE
from hzkg.service.errors import BadRequest

__all__ = ["checked_graph_iris", "GRAPH_PARAMETERS"]

GRAPH_PARAMETERS = ("default-graph-uri", "named-graph-uri")
_EXAMPLE = BASE + "graph/plan"


def checked_graph_iris(parameter: str, values: list[str] | None) -> list[str] | None:
    """`values` unchanged when each is an absolute IRI, else a 400 naming the parameter and the value."""
    if values is None:
        return None
    for value in values:
        if not value.strip():
            raise BadRequest(f"{parameter} is empty; give a graph's full IRI, e.g. {_EXAMPLE}, or leave the parameter out")
        try:
            ox.NamedNode(value)
        except ValueError as error:
            reason = str(error).split("\n")[0][:120]
            raise BadRequest(f"{parameter} {value[:200]!r} is not an absolute IRI ({reason}); "
                             f"give a graph's full IRI, e.g. {_EXAMPLE}") from None
    return values

"""One canonical, engine-independent form of a query's answer, for golden files and for comparing
engines: what the tests, the load test and the benchmark compare.

Rows are sorted (ties under ORDER BY may come in either order on two engines), terms are written
as N3, and a value the query joins with GROUP_CONCAT is the sorted set of its parts without a
language tag, since SPARQL leaves the order to the engine and engines differ in the tag.

    >>> from rdflib import Literal
    >>> query = 'SELECT ?z (GROUP_CONCAT(?i; separator="、") AS ?industries) WHERE {}'
    >>> canonical_table(["z", "industries"], [(Literal("b"), Literal("甲、乙", lang="zh")), (Literal("a"), None)], query)
    [['"a"', None], ['"b"', '乙、甲']]
"""
from __future__ import annotations

import json
import re

from hzkg.service.engines.results import AskResult, GraphResult

__all__ = ["canonical", "canonical_table", "concat_separators"]

_GROUP_CONCAT = re.compile(
    r'GROUP_CONCAT\(\s*(?:DISTINCT\s+)?\?\w+\s*;\s*separator\s*=\s*"([^"]*)"\s*\)\s+AS\s+\?(\w+)', re.IGNORECASE)


def concat_separators(query: str) -> dict[str, str]:
    """{variable: separator} of the query's GROUP_CONCATs."""
    return {variable: separator for separator, variable in _GROUP_CONCAT.findall(query)}


def canonical_table(variables: list[str], rows, query: str = "") -> list[list[str | None]]:
    separators = concat_separators(query)
    table = []
    for row in rows:
        cells = []
        for variable, term in zip(variables, row):
            if term is not None and variable in separators:
                # as hzkg writes it (service/responses/concatenations.py): parts sorted, an empty part dropped
                cells.append(separators[variable].join(sorted(part for part in str(term).split(separators[variable]) if part)))
            else:
                cells.append(None if term is None else term.n3())
        table.append(cells)
    return sorted(table, key=lambda cells: json.dumps(cells, ensure_ascii=False))


def canonical(result, query: str = ""):
    """The canonical form of an engine's Result: a boolean for ASK, a table otherwise."""
    if isinstance(result, AskResult):
        return result.value
    if isinstance(result, GraphResult):
        return canonical_table(["s", "p", "o"], result.triples)
    return canonical_table(result.variables, result.rows, query)

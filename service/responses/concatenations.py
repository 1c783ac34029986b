"""One order for the values a named query joins with GROUP_CONCAT, whatever the engine.

SPARQL leaves the order of the joined parts and the language tag of the result to the engine
(pyoxigraph joins in hash order and keeps a common tag, Virtuoso and Comunica in their own order
without one), so hzkg sorts the parts and gives a plain literal: the same CSV from every store.
An empty part is dropped: queries concatenate "" for "none" (rdflib's engine fails on an unbound value).

>>> from rdflib import Literal
>>> from hzkg.service.engines.results import SelectResult
>>> text = 'SELECT ?z (GROUP_CONCAT(?n; separator="、") AS ?names) WHERE {} GROUP BY ?z'
>>> sort_concatenations(text, SelectResult(["z", "names"], [(None, Literal("萧山、杭州", lang="zh"))])).rows
[(None, rdflib.term.Literal('杭州、萧山'))]
>>> sort_concatenations(text, SelectResult(["z", "names"], [(None, Literal("萧山、、杭州"))])).rows
[(None, rdflib.term.Literal('杭州、萧山'))]
"""
from __future__ import annotations

import re

from rdflib import Literal

from hzkg.service.engines.results import Result, SelectResult

__all__ = ["sort_concatenations", "name_lists", "CONCATENATION", "NAME_SEPARATOR"]

NAME_SEPARATOR = "、"  # the Chinese list comma: the queries join names (labels) with it

# (GROUP_CONCAT(?x; separator="…") AS ?name), DISTINCT or not; the separator, then the variable.
CONCATENATION = re.compile(r'GROUP_CONCAT\(\s*(?:DISTINCT\s+)?\?\w+\s*;\s*separator\s*=\s*"([^"]*)"\s*\)\s+AS\s+\?(\w+)',
                           re.I)


def sort_concatenations(query_text: str, result: Result) -> Result:
    """The result with each GROUP_CONCAT value of the query's projection as its parts sorted, untagged."""
    separators = {variable: separator for separator, variable in CONCATENATION.findall(query_text)}
    if not separators or not isinstance(result, SelectResult):
        return result
    columns = {index: separators[variable] for index, variable in enumerate(result.variables) if variable in separators}

    def sorted_parts(index, term):
        if index not in columns or term is None:
            return term
        # an empty part is no value (a query concatenates "" where rdflib's engine cannot take an unbound one)
        return Literal(columns[index].join(sorted(part for part in str(term).split(columns[index]) if part)))

    rows = [tuple(sorted_parts(index, term) for index, term in enumerate(row)) for row in result.rows]
    return SelectResult(result.variables, rows, result.truncated)


def name_lists(query_text: str) -> set[str]:
    """The variables of a query that join names with the Chinese list comma (GROUP_CONCAT of labels), which a
    page in another language can give name by name.

    >>> sorted(name_lists('SELECT (GROUP_CONCAT(?n; separator="、") AS ?names) (GROUP_CONCAT(?s; separator=" ") AS ?s2) {}'))
    ['names']
    """
    return {variable for separator, variable in CONCATENATION.findall(query_text) if separator == NAME_SEPARATOR}

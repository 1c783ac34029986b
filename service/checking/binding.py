"""Typed parameters: a request's text becomes an RDF term, checked, before it meets a query.

Every engine receives the same bound query: `with_values_clause` opens the WHERE
group with a VALUES block of the terms, and proves on the parse tree that nothing
else changed. (Engine-level bindings were tried first; rdflib's initBindings are
joined after the WHERE group, so a FILTER on a parameter saw it unbound, and a
remote endpoint has no bindings at all.)
"""
from __future__ import annotations

import re
from functools import lru_cache
from datetime import date
from decimal import Decimal, InvalidOperation

from pyoxigraph import NamedNode
from pyparsing import ParseException
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql.parser import InlineData, parseQuery
from rdflib.term import Identifier

from hzkg.service.errors import BadRequest, quoted

__all__ = ["PARAMETER_TYPES", "make_term", "with_values_clause", "whole_number"]

# RFC 3987 excludes these from IRIs; a term containing them could end the IRI early.
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")


def _iri(text: str) -> URIRef:
    if not _IRI.match(text):
        raise ValueError("not an absolute IRI (scheme:..., no spaces, no <>\"{}|\\^`)")
    NamedNode(text)  # a ValueError unless RFC 3987 holds throughout (a `%` must start two hex digits)
    return URIRef(text)


def _integer(text: str) -> Literal:
    if not re.fullmatch(r"[+-]?[0-9]+", text.strip()):  # int() would take other scripts' digits and `1_0`
        raise ValueError("not a whole number")
    return Literal(str(int(text.strip())), datatype=XSD.integer)


def _decimal(text: str) -> Literal:
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError("not a decimal number") from None
    if not number.is_finite():
        raise ValueError("not a finite decimal number")
    return Literal(number, datatype=XSD.decimal)


def _boolean(text: str) -> Literal:
    if text not in ("true", "false"):
        raise ValueError("must be true or false")
    return Literal(text == "true")


def _date(text: str) -> Literal:
    return Literal(date.fromisoformat(text.strip()).isoformat(), datatype=XSD.date)


def _year(text: str) -> Literal:
    if not re.fullmatch(r"[0-9]{4}", text.strip()):  # \d would take other scripts' digits too
        raise ValueError("must be a four-digit year")
    return Literal(text.strip(), datatype=XSD.gYear)


def _string(text: str) -> Literal:
    return Literal(text)


PARAMETER_TYPES = {
    "iri": _iri,
    "string": _string,
    "integer": _integer,
    "decimal": _decimal,
    "boolean": _boolean,
    "date": _date,
    "year": _year,
}


def make_term(name: str, type_name: str, text: str) -> Identifier:
    """The RDF term for parameter `name` given as `text`; BadRequest names the parameter.

    >>> make_term("year", "integer", " 2015 ").n3()
    '"2015"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    try:
        return PARAMETER_TYPES[type_name](text)
    except ValueError as error:
        raise BadRequest(f"parameter {name}: {quoted(text)} is not a valid {type_name}: {error}") from None


def whole_number(parameter: str, text: str | None, default: int, low: int, high: int) -> int:
    """A request's whole-number parameter (`depth=2`), from `low` to `high`; absent or empty: `default`.
    ASCII digits only: `str.isdigit` takes `²` (and int() then fails), int() takes `٣`, ` 3 ` and `1_0`.

    >>> whole_number("min_shared", "²", 1, 1, 30)
    Traceback (most recent call last):
    hzkg.service.errors.BadRequest: parameter min_shared: '²' is not a whole number from 1 to 30
    >>> whole_number("top", "9" * 5000, 20, 1, 100)
    Traceback (most recent call last):
    hzkg.service.errors.BadRequest: parameter top: '99999999999999999999…' (5000 characters) is not a whole number from 1 to 100
    """
    if text is None or text == "":
        return default
    if re.fullmatch(r"[0-9]{1,18}", text) and low <= int(text) <= high:
        return int(text)
    raise BadRequest(f"parameter {parameter}: {quoted(text, 20)} is not a whole number from {low} to {high}")


def with_values_clause(sparql: str, bindings: dict[str, Identifier]) -> str:
    """`sparql` with `VALUES (?a ?b) { (term term) }` opening its WHERE group.

    Inside the group the values are in scope for every pattern and FILTER there, as
    if the parameter had been written into the query. The clause is written by
    rdflib's `.n3()` from checked terms, and parsed again on its own, whole, by rdflib's
    grammar for a VALUES clause: it must be one row of exactly these variables, or it is
    refused. It goes where a parse of the query with a VALUES block added found that the
    WHERE group opens (when the catalogue was checked, or on first use), so the query is
    the original plus this one block: parsing the whole bound query again, as this did
    until 2026-12-06, took 0.28 s of the web process for each new zone of zone-profile;
    the clause alone takes under 1 ms.
    """
    return _bound_query(sparql, tuple(bindings.items()))


@lru_cache(maxsize=1024)
def _bound_query(sparql: str, items: tuple[tuple[str, Identifier], ...]) -> str:
    bindings = dict(items)
    names = tuple(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise BadRequest(f"parameter name {name!r} is not a SPARQL variable name")
    offset = _KNOWN_POSITIONS.get((sparql, names)) or _where_group_offset(sparql, names)
    block = _values_block(bindings)
    if not _is_one_values_row(block, names):
        raise BadRequest("the parameters would change the shape of the query; refused")
    return _inject(sparql, offset, block)


def _is_one_values_row(block: str, names: tuple[str, ...]) -> bool:
    """Whether `block`, whole, is a VALUES clause of one row of `names`, and nothing else.

    >>> _is_one_values_row(' VALUES (?a) { ("x") } ', ("a",)), _is_one_values_row(' VALUES (?a) { ("x") } FILTER(1) ', ("a",))
    (True, False)
    """
    try:
        clause = InlineData.parse_string(block, parse_all=True)[0]
    except (ParseException, ValueError):
        return False
    rows = list(clause["value"])
    return [str(variable) for variable in clause["var"]] == list(names) and len(rows) == 1 and len(rows[0]) == len(names)


# (query text, parameter names) -> where the VALUES block goes: learnt by `binding_positions` when the
# catalogue was checked, and kept with it between runs (catalogue.py), so that no request pays the
# parses that find it (about 1 s for the catalogue).
_KNOWN_POSITIONS: dict[tuple[str, tuple[str, ...]], int] = {}


def binding_positions(sparql: str, names: tuple[str, ...]) -> int:
    """Where a VALUES block of `names` goes in `sparql` (see `remember_positions`)."""
    return _where_group_offset(sparql, names)


def remember_positions(sparql: str, names: tuple[str, ...], offset: int) -> None:
    """Let binding `names` into `sparql` use `offset` (from `binding_positions`) instead of parsing for it."""
    _KNOWN_POSITIONS[sparql, names] = offset


def _values_block(bindings: dict[str, Identifier]) -> str:
    variables = " ".join("?" + name for name in bindings)
    row = " ".join(term.n3() for term in bindings.values())
    return f" VALUES ({variables}) {{ ({row}) }} "


def _inject(sparql: str, offset: int, block: str) -> str:
    return sparql[:offset] + block + sparql[offset:]


@lru_cache(maxsize=256)
def _tree_text(sparql: str) -> str:
    return repr(parseQuery(sparql))


@lru_cache(maxsize=256)
def _where_group_offset(sparql: str, names: tuple[str, ...]) -> int:
    """Where the WHERE group opens: the first `{` after which a VALUES block parses as its first part.

    Found by trial on the parser rather than by scanning text, so braces in strings,
    IRIs, comments or a CONSTRUCT template cannot mislead it.
    """
    original = _tree_text(sparql)
    placeholder = _values_block({name: Literal("placeholder") for name in names})
    for brace in re.finditer(r"\{", sparql):
        if _is_only_values_added(_inject(sparql, brace.end(), placeholder), names, original):
            return brace.end()
    raise BadRequest("the query has no WHERE group that can take parameter values")


def _is_only_values_added(bound: str, names: tuple[str, ...], original_tree: str) -> bool:
    try:
        tree = parseQuery(bound)
    except (ParseException, ValueError):
        return False
    where = tree[1]["where"] if "where" in tree[1] else None
    parts = list(where["part"]) if where is not None and "part" in where else []
    if not parts or parts[0].name != "InlineData":
        return False
    values = parts[0]
    if [str(variable) for variable in values["var"]] != list(names) or len(values["value"]) != 1:
        return False
    if parts[1:]:
        where["part"] = parts[1:]
    else:
        del where["part"]
    return repr(tree) == original_tree

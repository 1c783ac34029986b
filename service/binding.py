"""Typed parameters: a request's text becomes an RDF term, checked, before it meets a query.

Embedded engines take the terms as initial bindings (pyoxigraph substitutions,
rdflib initBindings). A remote endpoint has no such thing, so `with_values_clause`
appends a VALUES clause written by rdflib's `.n3()` and then re-parses the query to
prove that the clause is the only thing that changed.
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from pyparsing import ParseException
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.term import Identifier

from .errors import BadRequest

__all__ = ["PARAMETER_TYPES", "make_term", "with_values_clause"]

# RFC 3987 excludes these from IRIs; a term containing them could end the IRI early.
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")


def _iri(text: str) -> URIRef:
    if not _IRI.match(text):
        raise ValueError("not an absolute IRI (scheme:..., no spaces, no <>\"{}|\\^`)")
    return URIRef(text)


def _integer(text: str) -> Literal:
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
    if not re.fullmatch(r"\d{4}", text.strip()):
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
        raise BadRequest(f"parameter {name}: {text!r} is not a valid {type_name}: {error}") from None


def with_values_clause(sparql: str, bindings: dict[str, Identifier]) -> str:
    """`sparql` with a trailing `VALUES (?a ?b) { (term term) }` for `bindings`."""
    names = list(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise BadRequest(f"parameter name {name!r} is not a SPARQL variable name")
    original = parseQuery(sparql)[1]
    if "valuesClause" in original:
        raise BadRequest("this query already ends with a VALUES clause; its parameters cannot be bound remotely")
    row = " ".join(bindings[name].n3() for name in names)
    variables = " ".join("?" + name for name in names)
    bound = f"{sparql.rstrip()}\nVALUES ({variables}) {{ ({row}) }}\n"
    try:
        values = parseQuery(bound)[1]["valuesClause"]
    except (ParseException, KeyError):
        raise BadRequest("the parameters could not be bound as a VALUES clause") from None
    if [str(variable) for variable in values["var"]] != names or len(values["value"]) != 1 or len(values["value"][0]) != len(names):
        raise BadRequest("the parameters changed the shape of the query; refused")
    return bound

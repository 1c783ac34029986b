"""What every engine returns: plain dataclasses of rdflib terms, picklable across processes.

Terms are normalised the way RDF 1.1 reads them, so that the engines compare equal:
a literal typed xsd:string is a plain literal, rdf:langString keeps only its language.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from hzkg.service.errors import NotAcceptable

__all__ = ["SelectResult", "AskResult", "GraphResult", "WrittenAnswer", "Result", "from_oxigraph", "from_sparql_json"]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

Term = Identifier
Triple = tuple[Term, Term, Term]


@dataclass
class SelectResult:
    variables: list[str]
    rows: list[tuple[Term | None, ...]]
    truncated: bool = False
    form: str = field(default="SELECT", init=False)


@dataclass
class AskResult:
    value: bool
    truncated: bool = field(default=False, init=False)
    form: str = field(default="ASK", init=False)


@dataclass
class GraphResult:
    """The triples of a CONSTRUCT or DESCRIBE, in the engine's order."""

    triples: list[Triple]
    truncated: bool = False
    form: str = field(default="CONSTRUCT", init=False)


@dataclass
class WrittenAnswer:
    """An answer already written in the format asked for, by pyoxigraph in the query process."""

    body: bytes
    truncated: bool
    form: str


Result = Union[SelectResult, AskResult, GraphResult]


def make_literal(value: str, datatype: str | None = None, language: str | None = None) -> Literal:
    if language:
        return Literal(value, lang=language)
    if datatype and datatype not in (XSD_STRING, RDF_LANG_STRING):
        return Literal(value, datatype=URIRef(datatype))
    return Literal(value)


_CONVERTED: dict = {}  # pyoxigraph term -> rdflib term, for the terms that repeat from row to row and query to query
_CONVERTED_MAX = 65_536


def from_oxigraph(term) -> Term | None:
    """A pyoxigraph term as an rdflib term (None stays None: an unbound variable).

    Each distinct term is converted once: rdflib validates every new URIRef and Literal,
    and that was half of pyoxigraph's time on a small answer (docs/measurements.md)."""
    if term is None:
        return None
    try:
        return _CONVERTED[term]
    except KeyError:
        pass
    if isinstance(term, ox.NamedNode):
        converted = URIRef(term.value)
    elif isinstance(term, ox.BlankNode):
        converted = BNode(term.value)
    elif isinstance(term, ox.Literal):
        converted = make_literal(term.value, term.datatype.value, term.language)
    else:  # an RDF 1.2 triple term: rdflib, which writes hzkg's pages and graph formats, has none
        raise NotAcceptable(
            f"the answer holds an RDF 1.2 triple term ({term}), which hzkg can write only in a SELECT answer as "
            "SPARQL results JSON, XML, CSV or TSV: ask for one of those (format=json, or the Accept header), "
            "or return the triple's parts as three variables")
    if len(_CONVERTED) >= _CONVERTED_MAX:
        _CONVERTED.clear()
    _CONVERTED[term] = converted
    return converted


def from_sparql_json(term: dict | None) -> Term | None:
    """A term of the SPARQL 1.1 Query Results JSON format as an rdflib term."""
    if term is None:
        return None
    kind = term["type"]
    if kind == "uri":
        return URIRef(term["value"])
    if kind == "bnode":
        return BNode(term["value"])
    if kind in ("literal", "typed-literal"):
        return make_literal(term["value"], term.get("datatype"), term.get("xml:lang"))
    raise TypeError(f"unsupported term type in SPARQL JSON results: {kind!r}")

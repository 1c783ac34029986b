"""What every engine returns: plain dataclasses of rdflib terms, picklable across processes.

Terms are normalised the way RDF 1.1 reads them, so that the engines compare equal:
a literal typed xsd:string is a plain literal, rdf:langString keeps only its language.
A literal keeps the lexical form the store holds: `"01"^^xsd:integer` and `"1"` are different RDF
terms, and rdflib's default (normalising) would write `"!!"^^xsd:base64Binary` as `""`.
"""
from __future__ import annotations

import copyreg
import logging
from dataclasses import dataclass, field
from typing import Union

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from hzkg.service.errors import NotAcceptable

__all__ = ["SelectResult", "AskResult", "GraphResult", "WrittenAnswer", "Result", "from_oxigraph", "from_sparql_json",
           "to_oxigraph"]

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


def _not_ill_typed_literal_noise(record: logging.LogRecord) -> bool:
    """rdflib logs a warning with a traceback for every ill-typed literal it builds (`"abc"^^xsd:integer`):
    the store may hold one, and a query may write one; it is kept as it is, which is not a fault."""
    return not record.getMessage().startswith("Failed to convert Literal lexical form to value")


logging.getLogger("rdflib.term").addFilter(_not_ill_typed_literal_noise)


def make_literal(value: str, datatype: str | None = None, language: str | None = None) -> Literal:
    """An rdflib literal of exactly this lexical form (normalize=False: never rewritten to rdflib's canonical one).

    >>> make_literal("01", "http://www.w3.org/2001/XMLSchema#integer").n3()
    '"01"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    if language:
        return Literal(value, lang=language)
    if datatype and datatype not in (XSD_STRING, RDF_LANG_STRING):
        return _exact_literal(value, None, URIRef(datatype))
    return Literal(value)


def _exact_literal(lexical: str, language: str | None, datatype: str | None) -> Literal:
    return Literal(lexical, lang=language, datatype=datatype, normalize=False)


def _reduce_literal(literal: Literal):
    # rdflib's own pickling builds the literal anew with normalize on: a GraphResult from the query
    # process arrived with "!!"^^xsd:base64Binary as "". Registered for every pickler (copyreg).
    return _exact_literal, (str(literal), literal.language, literal.datatype)


copyreg.pickle(Literal, _reduce_literal)


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


_WRITTEN: dict = {}  # rdflib term -> pyoxigraph term, the way back for the graph writers (responses/formats.py)


def to_oxigraph(term: Term):
    """An rdflib term as a pyoxigraph term, its lexical form as it is (what pyoxigraph's writers write).

    >>> to_oxigraph(make_literal("0A", "http://www.w3.org/2001/XMLSchema#hexBinary"))
    <Literal value=0A datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#hexBinary>>
    """
    try:
        return _WRITTEN[term]
    except KeyError:
        pass
    if isinstance(term, Literal):
        if term.language:
            converted = ox.Literal(str(term), language=term.language)
        elif term.datatype is not None:
            converted = ox.Literal(str(term), datatype=ox.NamedNode(term.datatype))
        else:
            converted = ox.Literal(str(term))
    elif isinstance(term, BNode):
        converted = ox.BlankNode(term)
    else:
        converted = ox.NamedNode(term)
    if len(_WRITTEN) >= _CONVERTED_MAX:
        _WRITTEN.clear()
    _WRITTEN[term] = converted
    return converted

"""Every answer format in one registry: its key (what `format=` and the terminal accept), media
type, aliases, file extension, its name in the W3C formats namespace, and its writers.

Negotiation offers the formats that can write an answer's shape; the service description lists
them; resource pages take their extensions; `/export` and `hzkg export` write dataset dumps with
them. Adding a format is one `Format` entry here with its writer (and a test).

Writers are the libraries that know the formats: rdflib writes SPARQL JSON; pyoxigraph re-reads
that JSON to write XML, CSV and TSV (rdflib has no TSV writer and no CSV for ASK), and writes the RDF
graphs and the dataset dumps, every literal in the lexical form the store holds (rdflib's writers
change some: `"!!"^^xsd:base64Binary` as `""`, `"1"^^xsd:decimal` as Turtle `1.0`, which reads back as
`"1.0"`; tests/test_service_fidelity.py).
"""
from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from typing import Callable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal
from rdflib.query import Result as RdflibResult
from rdflib.term import Variable

from hzkg.graph.prefixes import PREFIXES
from hzkg.service.engines.results import AskResult, GraphResult, Result, SelectResult, to_oxigraph
from hzkg.service.errors import NotAcceptable

__all__ = ["Format", "FORMATS", "offers", "write_oxigraph_answer", "by_extension", "serialize_result", "serialize_graph",
           "serialize_quads", "as_rdflib_result", "truncation_message", "TRUNCATION_HELP", "RESULTS", "GRAPH", "DATASET"]

# The shapes of answer a format can write.
RESULTS = "results"  # SELECT and ASK
GRAPH = "graph"  # CONSTRUCT, DESCRIBE, resource pages, the service description
DATASET = "dataset"  # a whole-dataset dump (/export): quads, named graphs kept where the syntax can


@dataclass(frozen=True)
class Format:
    key: str
    mimetype: str
    aliases: tuple[str, ...] = ()  # more media types and format= names that mean the same
    extension: str | None = None  # of resource pages (/id/….ttl) and downloads
    w3c_name: str | None = None  # in http://www.w3.org/ns/formats/ (the service description)
    write_results: Callable | None = None  # (SelectResult | AskResult, truncation warning or None) -> bytes
    graph_format: object | None = None  # pyoxigraph's writer for a graph (GRAPH)
    oxigraph_format: object | None = None  # pyoxigraph's writer for a dump (DATASET)
    oxigraph_results: object | None = None  # pyoxigraph's writer of SELECT/ASK answers, used in the query process

    @property
    def shapes(self) -> frozenset[str]:
        if self.key == "html":
            return frozenset({RESULTS, GRAPH})  # drawn by the page templates, not written here
        return frozenset(shape for shape, writer in ((RESULTS, self.write_results), (GRAPH, self.graph_format),
                                                     (DATASET, self.oxigraph_format)) if writer)


# How to get every row, wherever a truncated answer is shown (editor, pages, terminal, JSON).
TRUNCATION_HELP = ("For every row, raise the setting row_limit (hzkg serve --setting row_limit N), "
                   "or download the whole dataset from /export and query it locally.")


def truncation_message(row_limit: int) -> str:
    return f"the result was truncated to {row_limit} rows (setting row_limit)"


def as_rdflib_result(result: SelectResult | AskResult) -> RdflibResult:
    """The answer as an rdflib query result, whose serialisers write the SPARQL result formats."""
    if isinstance(result, AskResult):
        answer = RdflibResult("ASK")
        answer.askAnswer = result.value
        return answer
    answer = RdflibResult("SELECT")
    variables = [Variable(name) for name in result.variables]
    answer.vars = variables
    answer.bindings = [
        {variable: term for variable, term in zip(variables, row, strict=True) if term is not None}
        for row in result.rows
    ]
    return answer


def _sparql_json(result, warning: str | None) -> bytes:
    sparql_json = as_rdflib_result(result).serialize(format="json")
    if not warning:
        return sparql_json
    # Clients ignore unknown members; people reading the JSON see why rows are missing.
    document = json.loads(sparql_json)
    document["warning"] = warning
    document["truncated"] = True  # for programs; SPARQL clients read head and results only
    document["how_to_get_everything"] = TRUNCATION_HELP
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


# What XML 1.0 cannot carry, even as a character reference (&#1; is not well-formed either).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_XML_FORMATS = {"xml", "rdfxml"}


def _refuse_what_xml_cannot_carry(terms) -> None:
    """A 406 naming the character and the formats that carry it, never a 200 no XML parser accepts.

    >>> from rdflib import Literal
    >>> _refuse_what_xml_cannot_carry([Literal("a\u0001b")])
    Traceback (most recent call last):
    hzkg.service.errors.NotAcceptable: the answer holds U+0001 in a literal, a character XML 1.0 cannot carry; ask for SPARQL JSON, CSV or TSV, or Turtle, N-Triples or JSON-LD for a graph
    """
    for term in terms:
        if term is not None:
            found = _NOT_XML.search(term)
            if found:
                raise NotAcceptable(
                    f"the answer holds U+{ord(found.group()):04X} in a literal, a character XML 1.0 cannot carry; "
                    "ask for SPARQL JSON, CSV or TSV, or Turtle, N-Triples or JSON-LD for a graph")


def _refuse_predicates_rdfxml_cannot_name(predicates) -> None:
    """RDF/XML writes a predicate as an element name: a namespace and an XML name after it. An IRI that
    ends otherwise (`http://ex/1`, `…#`) has no such split; a 406 says so, where rdflib raised a ValueError
    and pyoxigraph writes an element `<oxprefix:>` that no XML parser reads.

    >>> from rdflib import URIRef
    >>> _refuse_predicates_rdfxml_cannot_name([URIRef("http://ex/1")])
    Traceback (most recent call last):
    hzkg.service.errors.NotAcceptable: RDF/XML cannot write the predicate <http://ex/1>: RDF/XML names a predicate by an XML element name, and this IRI does not end in one; ask for Turtle, N-Triples, JSON-LD or N-Quads
    """
    names = Graph(bind_namespaces="none").namespace_manager
    for predicate in set(predicates):
        try:
            names.compute_qname_strict(predicate)  # rdflib's test of a split into a namespace and an XML name
        except ValueError:
            raise NotAcceptable(f"RDF/XML cannot write the predicate <{predicate}>: RDF/XML names a predicate by an "
                                "XML element name, and this IRI does not end in one; ask for Turtle, N-Triples, "
                                "JSON-LD or N-Quads") from None


def _via_oxigraph(results_format) -> Callable:
    def write(result, warning: str | None) -> bytes:
        parsed = ox.parse_query_results(_sparql_json(result, None), format=ox.QueryResultsFormat.JSON)
        written = parsed.serialize(format=results_format)
        return _keep_carriage_returns(written) if results_format == ox.QueryResultsFormat.XML else written
    return write


def _keep_carriage_returns(xml_bytes: bytes) -> bytes:
    r"""A CR written raw in XML is read back as LF (XML 1.0, 2.11); as &#13; it stays a CR. The writers
    here put CRs only in literals' text (never in markup), so every one is escaped.

    >>> _keep_carriage_returns(b"<literal>a\rb</literal>")
    b'<literal>a&#13;b</literal>'
    """
    return xml_bytes.replace(b"\r", b"&#13;")


FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", ("application/json", "srj"), ".srj", "SPARQL_Results_JSON",
           write_results=_sparql_json, oxigraph_results=ox.QueryResultsFormat.JSON),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml", "srx"), ".srx",
           "SPARQL_Results_XML", write_results=_via_oxigraph(ox.QueryResultsFormat.XML),
           oxigraph_results=ox.QueryResultsFormat.XML),
    Format("csv", "text/csv", (), ".csv", "SPARQL_Results_CSV", write_results=_via_oxigraph(ox.QueryResultsFormat.CSV),
           oxigraph_results=ox.QueryResultsFormat.CSV),
    Format("tsv", "text/tab-separated-values", (), ".tsv", "SPARQL_Results_TSV",
           write_results=_via_oxigraph(ox.QueryResultsFormat.TSV), oxigraph_results=ox.QueryResultsFormat.TSV),
    Format("turtle", "text/turtle", ("ttl", "application/x-turtle"), ".ttl", "Turtle",
           graph_format=ox.RdfFormat.TURTLE, oxigraph_format=ox.RdfFormat.TURTLE),
    Format("nt", "application/n-triples", ("ntriples", "text/plain"), ".nt", "N-Triples",
           graph_format=ox.RdfFormat.N_TRIPLES),
    Format("jsonld", "application/ld+json", ("json-ld", "json", "application/json"), ".jsonld", "JSON-LD",
           graph_format=ox.RdfFormat.JSON_LD, oxigraph_format=ox.RdfFormat.JSON_LD),
    Format("rdfxml", "application/rdf+xml", ("xml", "rdf", "application/xml"), ".rdf", "RDF_XML",
           graph_format=ox.RdfFormat.RDF_XML),
    Format("nquads", "application/n-quads", ("nq", "n-quads"), ".nq", "N-Quads", graph_format=ox.RdfFormat.N_QUADS,
           oxigraph_format=ox.RdfFormat.N_QUADS),
    Format("trig", "application/trig", (), ".trig", "TriG", graph_format=ox.RdfFormat.TRIG),
    Format("html", "text/html", (), ".html"),
)


class _Enough(Exception):
    """Raised into pyoxigraph's writer once the answer has passed the row limit: it stops writing."""


class _RowCountingWriter(io.RawIOBase):
    """Keeps the first `lines` lines written to it (a TSV header and rows: one row a line, TSV
    escapes line breaks in values); one more line and it stops the writer (raises _Enough)."""

    def __init__(self, lines: int):
        super().__init__()
        self.left = lines
        self.parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        if self.left < 0:  # stopped: pyoxigraph's buffer may try to write its rest once more
            raise _Enough()
        data = bytes(data)
        count = data.count(b"\n")
        if count > self.left or (count == self.left and not data.endswith(b"\n")):
            cut = -1
            for _ in range(self.left):
                cut = data.index(b"\n", cut + 1)
            self.parts.append(data[:cut + 1])
            self.left = -1
            raise _Enough()
        self.left -= count
        self.parts.append(data)
        return len(data)


def write_oxigraph_answer(answer, key: str, row_limit: int) -> tuple[bytes, bool] | None:
    r"""A SELECT or ASK answer of pyoxigraph written in the format `key` by pyoxigraph itself, never
    as rdflib terms (in the query process, so writing is under the query's time limit too):
    (bytes, truncated). None when `key` has no native writer (graphs, pages).

    The rows are written as TSV up to the row limit (the writer is stopped there), then read back
    and written in the format asked for: all in pyoxigraph, with no Python object per term.

    >>> store = ox.Store()
    >>> write_oxigraph_answer(store.query('SELECT ?l WHERE { VALUES ?l { "a" 1 } }'), "csv", 1)
    (b'l\r\na\r\n', True)
    """
    fmt = next((fmt for fmt in FORMATS if fmt.key == key), None)
    if fmt is None or fmt.oxigraph_results is None:
        return None
    if isinstance(answer, ox.QueryBoolean):
        return answer.serialize(format=fmt.oxigraph_results), False
    writer = _RowCountingWriter(1 + row_limit)
    try:
        answer.serialize(writer, format=ox.QueryResultsFormat.TSV)
        truncated = False
    except _Enough:
        truncated = True
    tsv = b"".join(writer.parts)
    if key == "tsv":
        return tsv, truncated
    written = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV).serialize(format=fmt.oxigraph_results)
    if key in _XML_FORMATS:
        _refuse_what_xml_cannot_carry([written.decode("utf-8")])
        written = _keep_carriage_returns(written)
    if truncated and key == "json":  # clients ignore unknown members; people see why rows are missing
        # the same members as _sparql_json's: for people, for programs, and how to get every row
        members = {"warning": truncation_message(row_limit), "truncated": True, "how_to_get_everything": TRUNCATION_HELP}
        written = json.dumps(members, ensure_ascii=False).encode("utf-8")[:-1] + b"," + written[1:]
    return written, truncated


def offers(shape: str) -> tuple[Format, ...]:
    """The formats that can write `shape`, in the order of preference (the first is the default)."""
    return tuple(fmt for fmt in FORMATS if shape in fmt.shapes)


def by_extension(shape: str) -> dict[str, Format]:
    return {fmt.extension: fmt for fmt in offers(shape) if fmt.extension}


def _named(key: str, shape: str) -> Format:
    for fmt in offers(shape):
        if fmt.key == key:
            return fmt
    raise NotAcceptable(f"format {key!r} is not available for {shape}")


def serialize_result(result: Result, key: str, row_limit: int) -> bytes:
    if isinstance(result, GraphResult):
        return serialize_graph(result.triples, key)
    warning = truncation_message(row_limit) if result.truncated and key == "json" else None
    fmt = _named(key, RESULTS)
    if key in _XML_FORMATS and isinstance(result, SelectResult):
        _refuse_what_xml_cannot_carry((term for row in result.rows for term in row))
    if fmt.write_results is None:
        raise NotAcceptable(f"format {key!r} is not available for {result.form} results")
    return fmt.write_results(result, warning)


def serialize_graph(triples, key: str, extra_prefixes: dict[str, str] | None = None) -> bytes:
    """rdflib triples written by pyoxigraph, each term as it is; sorted (same triples, same bytes), so that
    Turtle groups a subject's triples in one block; with the prefixes of PREFIXES (and `extra_prefixes`) they use."""
    fmt = _named(key, GRAPH)
    if fmt.graph_format is None:
        raise NotAcceptable(f"format {key!r} is not available for RDF graphs")
    triples = list(dict.fromkeys(triples))  # a graph is a set: a triple once
    if key in _XML_FORMATS:
        _refuse_what_xml_cannot_carry((term for triple in triples for term in triple))
        _refuse_predicates_rdfxml_cannot_name(predicate for _, predicate, _ in triples)
    written = sorted((ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in triples), key=str)
    if fmt.graph_format.supports_datasets:  # N-Quads, TriG: the dataset's default graph (no graph name), so
        # that clients that load every answer as a dataset need no conversion step
        written = [ox.Quad(triple.subject, triple.predicate, triple.object) for triple in written]
    prefixes = _used_prefixes({**PREFIXES, **(extra_prefixes or {})}, triples)
    body = ox.serialize(written, format=fmt.graph_format, prefixes=prefixes)
    return _keep_carriage_returns(body) if key in _XML_FORMATS else body


def _used_prefixes(table: dict[str, str], triples) -> dict[str, str]:
    """The prefixes whose namespace starts an IRI of the triples (or a literal's datatype): pyoxigraph
    declares every prefix it is given, and an answer about one zone need not list twenty.

    >>> from rdflib import Literal, URIRef
    >>> from rdflib.namespace import XSD
    >>> _used_prefixes({"ex": "http://ex/", "xsd": str(XSD), "no": "urn:no:"},
    ...                [(URIRef("http://ex/a"), URIRef("urn:p"), Literal("1", datatype=XSD.integer))])
    {'ex': 'http://ex/', 'xsd': 'http://www.w3.org/2001/XMLSchema#'}
    """
    iris = set()
    for triple in triples:
        for term in triple:
            if isinstance(term, Literal):
                if term.datatype is not None:
                    iris.add(str(term.datatype))
            elif not isinstance(term, BNode):
                iris.add(str(term))
    return {prefix: str(namespace) for prefix, namespace in table.items()
            if prefix and any(iri.startswith(str(namespace)) for iri in iris)}


def serialize_quads(quads, key: str) -> bytes:
    """A dataset dump: pyoxigraph terms, sorted (same data, same bytes). Syntaxes without named
    graphs (Turtle) get their union, the default graph that queries see."""
    fmt = _named(key, DATASET)
    if fmt.oxigraph_format.supports_datasets:
        return ox.serialize(sorted(quads, key=str), format=fmt.oxigraph_format, prefixes=PREFIXES)
    triples = sorted({ox.Triple(quad.subject, quad.predicate, quad.object) for quad in quads}, key=str)
    return ox.serialize(triples, format=fmt.oxigraph_format, prefixes=PREFIXES)

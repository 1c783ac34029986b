"""Every format's output parses back, whatever a literal holds (hypothesis), and a character a
format cannot carry is a clear 406, never a 200 that no parser accepts."""
from __future__ import annotations

import csv
import io
import json
import urllib.parse
import xml.dom.minidom

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given, settings, strategies as st
from rdflib import Literal, URIRef

from hzkg.service.engines.results import GraphResult, SelectResult
from hzkg.service.errors import NotAcceptable
from hzkg.service.responses.formats import RESULTS, GRAPH, _NOT_XML, offers, serialize_result, write_oxigraph_answer
from tests.service_fixtures import assert_error

# Any text an engine can hold (no lone surrogates: they are not Unicode scalar values).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
OXIGRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
                    "nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}


def _results_back(body: bytes, key: str) -> list[str]:
    if key == "json":
        return [row["l"]["value"] for row in json.loads(body)["results"]["bindings"]]
    if key == "xml":
        document = xml.dom.minidom.parseString(body)  # expat: strict XML 1.0
        return ["".join(node.data for node in literal.childNodes) for literal in document.getElementsByTagName("literal")]
    if key == "csv":
        # One column: an empty literal is an empty line, which csv reads as no field.
        return [row[0] if row else "" for row in list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))[1:]]
    return [solution["l"].value for solution in ox.parse_query_results(body, format=ox.QueryResultsFormat.TSV)]


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_every_results_format_parses_back_or_refuses_clearly(text):
    result = SelectResult(["l"], [(Literal(text),)])
    for fmt in offers(RESULTS):
        if fmt.key == "html":
            continue
        try:
            body = serialize_result(result, fmt.key, 10)
        except NotAcceptable as refusal:
            assert fmt.key == "xml" and _NOT_XML.search(text), (fmt.key, text)
            assert "XML 1.0 cannot carry" in refusal.message
            continue
        back = _results_back(body, fmt.key)
        assert back == [text], (fmt.key, text, back)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's Dataset, in the TriG / N-Quads writers
@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_every_graph_format_parses_back_or_refuses_clearly(text):
    triple = (URIRef("https://w3id.org/hzkg/id/s"), URIRef("https://w3id.org/hzkg/def/p"), Literal(text))
    for fmt in offers(GRAPH):
        if fmt.key == "html":
            continue
        try:
            body = serialize_result(GraphResult([triple]), fmt.key, 10)
        except NotAcceptable:
            assert fmt.key == "rdfxml" and _NOT_XML.search(text), (fmt.key, text)
            continue
        if fmt.key == "rdfxml":
            xml.dom.minidom.parseString(body)  # expat: strict XML 1.0
            objects = [str(o) for o in rdflib.Graph().parse(data=body, format="xml").objects()]
        else:
            objects = [quad.object.value for quad in ox.parse(body, format=OXIGRAPH_FORMATS[fmt.key])]
        assert objects == [text], (fmt.key, text, objects)


@settings(max_examples=150, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=4), st.integers(min_value=1, max_value=5))
def test_the_query_process_native_writer_parses_back_too(texts, row_limit):
    # responses/formats.py write_oxigraph_answer: pyoxigraph's TSV up to the row limit, then the format asked for.
    store = ox.Store()
    for number, text in enumerate(texts):
        store.add(ox.Quad(ox.NamedNode(f"https://w3id.org/hzkg/id/s{number}"), ox.NamedNode("https://w3id.org/hzkg/def/p"),
                          ox.Literal(text)))
    query = "SELECT ?l WHERE { ?s ?p ?l } ORDER BY ?s"
    expected = [text for _, text in sorted((f"https://w3id.org/hzkg/id/s{n}", t) for n, t in enumerate(texts))]
    for key in ("json", "xml", "csv", "tsv"):
        try:
            body, truncated = write_oxigraph_answer(store.query(query), key, row_limit)
        except NotAcceptable:
            assert key == "xml" and any(_NOT_XML.search(text) for text in texts[:row_limit] or texts), texts
            continue
        assert truncated == (len(texts) > row_limit), (key, texts, row_limit)
        assert _results_back(body, key) == expected[:row_limit], (key, texts, row_limit)
        if key == "json" and truncated:
            assert "setting row_limit" in json.loads(body)["warning"]


SELECT_U1 = 'SELECT ?l WHERE { BIND("a\\u0001b" AS ?l) }'
CONSTRUCT_U1 = 'CONSTRUCT { <https://w3id.org/hzkg/id/s> <https://w3id.org/hzkg/def/p> ?l } WHERE { BIND("a\\u0001b" AS ?l) }'


def test_u0001_is_never_a_malformed_xml_200(server):
    for query, xml_type, other_type in ((SELECT_U1, "application/sparql-results+xml", "application/sparql-results+json"),
                                        (CONSTRUCT_U1, "application/rdf+xml", "text/turtle")):
        url = "/sparql?" + urllib.parse.urlencode({"query": query})
        refused = server.get(url, headers={"Accept": xml_type})
        assert_error(refused, 406, "U+0001", "XML 1.0 cannot carry")
        answered = server.get(url, headers={"Accept": other_type})
        assert answered.status == 200 and ("a\\u0001b" in answered.text or "a\u0001b" in answered.text), answered.body

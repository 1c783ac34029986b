"""The applicable tests of the W3C SPARQL 1.1 Protocol test suite (sparql11/protocol),
by their names, adapted to our data; the dataset tests run on all three engines.
The update_* tests do not apply: this endpoint is read-only (see test_service_refusals.py)."""
import urllib.parse

import pytest

from service_fixtures import assert_error, quads_per_graph

FACTS = "https://w3id.org/hzkg/graph/facts"
INFERRED = "https://w3id.org/hzkg/graph/inferred"
ONTOLOGY = "https://w3id.org/hzkg/graph/ontology"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DIRECT = {"Content-Type": "application/sparql-query"}


def count(answer) -> int:
    assert answer.status == 200, answer.body[:300]
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


def graphs(answer) -> list[str]:
    assert answer.status == 200, answer.body[:300]
    return [row["g"]["value"] for row in answer.json()["results"]["bindings"]]


@pytest.fixture(params=["server", "rdflib_server", "remote_server"])
def any_engine(request):
    return request.getfixturevalue(request.param)


def test_query_get_post_form_and_post_direct(server, artifact):
    total = sum(quads_per_graph(artifact).values())
    assert count(server.get("/sparql?" + urllib.parse.urlencode({"query": COUNT}))) == total
    assert count(server.get("/sparql", method="POST", headers=FORM,
                            data=urllib.parse.urlencode({"query": COUNT}).encode())) == total
    assert count(server.get("/sparql", method="POST", headers=DIRECT, data=COUNT.encode())) == total


def test_query_dataset_default_graphs_get_and_post(any_engine, artifact):
    expected = quads_per_graph(artifact)
    fields = [("query", COUNT), ("default-graph-uri", FACTS), ("default-graph-uri", INFERRED)]
    assert count(any_engine.get("/sparql?" + urllib.parse.urlencode(fields))) == expected[FACTS] + expected[INFERRED]
    posted = any_engine.get("/sparql", method="POST", headers=FORM, data=urllib.parse.urlencode(fields).encode())
    assert count(posted) == expected[FACTS] + expected[INFERRED]


def test_query_dataset_named_graphs_get_and_post(any_engine):
    fields = [("query", GRAPHS), ("named-graph-uri", FACTS), ("named-graph-uri", ONTOLOGY)]
    assert graphs(any_engine.get("/sparql?" + urllib.parse.urlencode(fields))) == [FACTS, ONTOLOGY]
    posted = any_engine.get("/sparql", method="POST", headers=FORM, data=urllib.parse.urlencode(fields).encode())
    assert graphs(posted) == [FACTS, ONTOLOGY]


def test_query_dataset_full(any_engine, artifact):
    query = ("SELECT (COUNT(?s) AS ?n) (COUNT(?g) AS ?named) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?a ?b ?c } } }")
    fields = [("query", query), ("default-graph-uri", INFERRED), ("named-graph-uri", ONTOLOGY)]
    row = any_engine.get("/sparql?" + urllib.parse.urlencode(fields)).json()["results"]["bindings"][0]
    expected = quads_per_graph(artifact)
    assert int(row["n"]["value"]) == expected[INFERRED]
    assert int(row["named"]["value"]) == expected[ONTOLOGY]


def test_query_multiple_dataset_protocol_overrides_from(any_engine, artifact):
    query = f"SELECT (COUNT(*) AS ?n) FROM <{FACTS}> WHERE {{ ?s ?p ?o }}"
    answer = any_engine.get("/sparql?" + urllib.parse.urlencode({"default-graph-uri": INFERRED}),
                            method="POST", headers=DIRECT, data=query.encode())
    assert count(answer) == quads_per_graph(artifact)[INFERRED]
    assert count(any_engine.get("/sparql?" + urllib.parse.urlencode({"query": query}))) == \
        quads_per_graph(artifact)[FACTS]


@pytest.mark.parametrize("query, accept, mimetype", [
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "application/sparql-results+xml, application/sparql-results+json",
     ("application/sparql-results+xml", "application/sparql-results+json")),
    ("ASK { ?s ?p ?o }", "application/sparql-results+json", ("application/sparql-results+json",)),
    ("DESCRIBE <https://w3id.org/hzkg/id/industry/automotive>", "application/rdf+xml, text/turtle",
     ("application/rdf+xml", "text/turtle")),
    ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "text/turtle, application/rdf+xml", ("text/turtle", "application/rdf+xml")),
])
def test_query_content_type_select_ask_describe_construct(server, query, accept, mimetype):
    answer = server.get("/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})
    assert answer.status == 200 and answer.content_type in mimetype


def test_bad_query_method(server):
    assert_error(server.get("/sparql?query=ASK%7B%7D", method="PUT"), 405)


def test_bad_multiple_queries(server):
    assert_error(server.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D"), 400, "exactly one query")


def test_bad_query_wrong_media_type(server):
    assert_error(server.get("/sparql", method="POST", data=b"ASK {}", headers={"Content-Type": "text/plain"}), 415)


def test_bad_query_missing_form_type(server):
    assert_error(server.get("/sparql", method="POST", data=b"query=ASK%20%7B%7D",
                            headers={"Content-Type": ""}), 415)


def test_bad_query_missing_direct_type(server):
    assert_error(server.get("/sparql", method="POST", data=b"ASK {}", headers={"Content-Type": ""}), 415)


def test_bad_query_non_utf8(server):
    body = "ASK { ?s ?p \"汽车\" }".encode("gb18030")
    assert_error(server.get("/sparql", method="POST", data=body, headers=DIRECT), 400, "UTF-8")


def test_bad_query_syntax(server):
    assert_error(server.get("/sparql?query=ASK%20%7B%3Fs%20%3Fp%7D"), 400, "malformed query")


def test_bad_update_get(server):
    assert_error(server.get("/sparql?" + urllib.parse.urlencode({"update": "CLEAR ALL"})), 400, "read-only")


def test_from_with_a_prefixed_name_and_from_named(any_engine, artifact):
    query = (f"PREFIX g: <https://w3id.org/hzkg/graph/> SELECT (COUNT(*) AS ?n) FROM g:inferred "
             f"FROM NAMED <{ONTOLOGY}> WHERE {{ ?s ?p ?o }}")
    assert count(any_engine.get("/sparql?" + urllib.parse.urlencode({"query": query}))) == \
        quads_per_graph(artifact)[INFERRED]
    named_only = f"SELECT DISTINCT ?g FROM NAMED <{ONTOLOGY}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} ORDER BY ?g"
    assert graphs(any_engine.get("/sparql?" + urllib.parse.urlencode({"query": named_only}))) == [ONTOLOGY]


def test_query_relative_iris_and_a_negative_decimal(any_engine, artifact):
    # The protocol tests' queries have no BASE (their IRIs are relative to the endpoint's base), and
    # rdflib's parser cannot negate a decimal (RDFLib/rdflib#2962): the engines that can run the text
    # do; the rdflib engine refuses it with a 400 that says why; no query process dies of it.
    answer = any_engine.get("/sparql?" + urllib.parse.urlencode({"query": "SELECT * WHERE { <a><b>-1.0 }"}))
    if answer.status == 400:
        assert_error(answer, 400, "the rdflib engine", "Not a number")
    else:
        assert answer.status == 200 and answer.json()["results"]["bindings"] == [], answer.body[:300]
    assert count(any_engine.get("/sparql?" + urllib.parse.urlencode({"query": COUNT}))) == \
        sum(quads_per_graph(artifact).values())


def test_query_relative_from_and_from_named_resolve_against_the_base(any_engine, artifact):
    # base_iri is https://w3id.org/hzkg/: <graph/inferred> is the inferred graph
    answer = any_engine.get("/sparql?" + urllib.parse.urlencode({"query": "CONSTRUCT FROM <file> WHERE { ?s ?p 1816 }"}))
    assert answer.status == 200, answer.body[:300]
    relative = "SELECT (COUNT(*) AS ?n) FROM <graph/inferred> WHERE { ?s ?p ?o }"
    assert count(any_engine.get("/sparql?" + urllib.parse.urlencode({"query": relative}))) == \
        quads_per_graph(artifact)[INFERRED]
    named = "SELECT DISTINCT ?g FROM NAMED <graph/ontology> WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    assert graphs(any_engine.get("/sparql?" + urllib.parse.urlencode({"query": named}))) == [ONTOLOGY]

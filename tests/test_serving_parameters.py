"""Bad protocol parameters are the client's 400, decided before anything reaches an engine: no
query process dies, nothing lands in the log as a traceback."""
from __future__ import annotations

import urllib.parse

from tests.service_fixtures import assert_error, start_hzkg, stop
from tools.servers import descendants, query_processes

BAD_IRIS = ["x", "http://a b/", "<http://e/>", ""]


def test_bad_graph_iris_are_400_naming_the_parameter_and_kill_no_query_process(server):
    one_server = server  # the shared server at the defaults: no query process may be replaced while this test runs
    before = set(descendants(one_server.process.pid))
    assert len(query_processes(one_server.process.pid)) == 3  # the default
    for parameter in ("default-graph-uri", "named-graph-uri"):
        for value in BAD_IRIS:
            for method in ("GET", "POST"):
                fields = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }", parameter: value})
                if method == "GET":
                    answer = one_server.get("/sparql?" + fields, headers={"Accept": "application/json"})
                else:
                    answer = one_server.get("/sparql", method="POST", data=fields.encode(),
                                            headers={"Content-Type": "application/x-www-form-urlencoded"})
                assert_error(answer, 400, parameter, "full IRI")
    good = one_server.get("/sparql?" + urllib.parse.urlencode(
        {"query": "ASK { ?s ?p ?o }", "default-graph-uri": "https://w3id.org/hzkg/graph/none"}),
        headers={"Accept": "application/sparql-results+json"})
    assert good.status == 200 and good.json()["boolean"] is False
    assert set(descendants(one_server.process.pid)) == before  # the same query processes, none restarted


def test_no_traceback_in_the_log_for_a_users_error(artifact):
    running = start_hzkg(artifact)
    try:
        for value in BAD_IRIS:
            running.get("/sparql?" + urllib.parse.urlencode({"query": "ASK {}", "named-graph-uri": value}))
        running.get("/sparql?query=" + urllib.parse.quote("SELECT ?x WHERE { ?x"))  # a syntax error
    finally:
        log = stop(running.process)
    assert "Traceback" not in log and "ValueError" not in log, log[-3000:]


def test_relative_iris_resolve_against_the_base_iri(server):
    # From the W3C SPARQL 1.1 protocol tests; Fuseki and oxigraph serve answer it too.
    answer = server.get("/sparql?" + urllib.parse.urlencode({"query": "CONSTRUCT { <s> <p> 1 } WHERE {}"}),
                        headers={"Accept": "application/n-triples"})
    assert answer.status == 200, answer.body[:300]
    assert answer.text.strip() == ('<https://w3id.org/hzkg/s> <https://w3id.org/hzkg/p> '
                                   '"1"^^<http://www.w3.org/2001/XMLSchema#integer> .')
    own_base = "BASE <http://example.org/> SELECT ?x WHERE { BIND(<a> AS ?x) }"
    answer = server.get("/sparql?" + urllib.parse.urlencode({"query": own_base}),
                        headers={"Accept": "application/sparql-results+json"})
    assert answer.json()["results"]["bindings"][0]["x"]["value"] == "http://example.org/a"

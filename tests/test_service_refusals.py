"""Over HTTP: the endpoint is read-only, fetches nothing, and bounds what it accepts."""
import urllib.parse

import pytest

from service_fixtures import ID, assert_error
from test_service_safety import LOADS, SERVICES, UPDATES

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DIRECT = {"Content-Type": "application/sparql-query"}


@pytest.mark.parametrize("update", UPDATES[:4] + LOADS[:1])
def test_updates_are_refused_however_they_are_sent(server, update):
    as_query = server.get("/sparql?" + urllib.parse.urlencode({"query": update}))
    as_update_form = server.get("/sparql", method="POST", headers=FORM,
                                data=urllib.parse.urlencode({"update": update}).encode())
    as_update_body = server.get("/sparql", method="POST", data=update.encode(),
                                headers={"Content-Type": "application/sparql-update"})
    for answer in (as_query, as_update_form, as_update_body):
        assert_error(answer, 400, "this endpoint is read-only")


@pytest.mark.parametrize("query", SERVICES)
def test_service_is_refused_before_execution(server, query):
    assert_error(server.get("/sparql?" + urllib.parse.urlencode({"query": query})), 400, "SERVICE is refused")


def test_load_is_named_in_the_refusal(server):
    answer = server.get("/sparql", method="POST", data=LOADS[2].encode(),
                        headers={"Content-Type": "application/sparql-query"})
    assert_error(answer, 400, "read-only", "LOAD is refused")


def test_from_a_url_does_not_fetch_it(rdflib_server):
    # rdflib would load FROM <url> from the network; the rdflib engine must not.
    query = "SELECT * FROM <http://127.0.0.1:9/never-fetched.ttl> WHERE { ?s ?p ?o }"
    answer = rdflib_server.get("/sparql?" + urllib.parse.urlencode({"query": query}))
    assert answer.status == 200
    assert answer.json()["results"]["bindings"] == []


def test_a_body_over_the_limit_is_413(server):
    # 1.2 MB, over max_body_bytes (1 MB): the app answers in the JSON shape. Past twice the limit
    # waitress answers itself (tests/test_serving_hostile.py).
    body = b"query=" + b"%20" * 400_000
    assert_error(server.get("/sparql", method="POST", headers=FORM, data=body), 413)


def test_a_query_over_the_length_limit_names_the_setting(server):
    query = "ASK {}" + " " * 100_001
    answer = server.get("/sparql", method="POST", data=query.encode(),
                        headers={"Content-Type": "application/sparql-query"})
    assert_error(answer, 400, "max_query_length")


@pytest.mark.parametrize("body, headers", [
    (b"ASK { ?s ?p \xff\xfe }", {"Content-Type": "application/sparql-query"}),
    (b"query=ASK%20%7B%7D%FF", FORM),
])
def test_invalid_utf8_is_400_not_mojibake(server, body, headers):
    assert_error(server.get("/sparql", method="POST", data=body, headers=headers), 400, "UTF-8")


def test_invalid_utf8_in_the_url_is_400(server):
    assert_error(server.get("/sparql?query=ASK%7B%7D%C3%28"), 400, "UTF-8")


def test_an_unsupported_body_type_is_415(server):
    answer = server.get("/sparql", method="POST", data=b"{}", headers={"Content-Type": "application/json"})
    assert_error(answer, 415, "application/sparql-query")


def test_errors_are_html_pages_for_browsers(server):
    answer = server.get("/sparql?query=DROP%20ALL", headers={"Accept": "text/html,*/*;q=0.8"})
    assert answer.status == 400
    assert answer.content_type == "text/html"
    assert "this endpoint is read-only" in answer.text and "Traceback" not in answer.text


def test_unknown_paths_and_methods_use_the_same_error_shape(server):
    assert_error(server.get("/no/such/page"), 404)
    assert_error(server.get("/sparql", method="DELETE"), 405)


# rdflib parses these in 0.5-3 s (more on a busy machine): a server with a patient time limit, so that the
# verdict is the parser's and not the machine's.
def test_nesting_is_parsed_deep_enough_and_refused_beyond(patient_server):
    server = patient_server
    fine = "SELECT * WHERE " + "{ " * 300 + "}" * 300
    assert server.get("/sparql", method="POST", data=fine.encode(), headers=DIRECT).status == 200
    too_deep = "SELECT * WHERE " + "{ " * 5000 + "}" * 5000
    assert_error(server.get("/sparql", method="POST", data=too_deep.encode(), headers=DIRECT), 400, "too deeply")


def test_a_query_with_many_triple_patterns_parses(patient_server):
    server = patient_server
    # 500 patterns without variables: deep for rdflib's parser (it recurses per pattern), quick to
    # answer (with variables, oxigraph 0.5's join planning grows steeply with the number of patterns)
    patterns = " ".join(f"<{ID}zone/fuyang-ez> a <https://w3id.org/hzkg/def/Zone> ." for _ in range(500))
    answer = server.get("/sparql", method="POST", data=f"ASK {{ {patterns} }}".encode(), headers=DIRECT)
    assert answer.status == 200 and answer.json()["boolean"] is True

"""A new query text at /sparql is checked and run in one round trip to a query process
(IsolatedStore.check_and_query); what the two round trips answered, it answers the same."""
from __future__ import annotations

import json

import pytest

from hzkg.service.app import create_app

from service_fixtures import FIXTURE_ARTIFACT

JSON = {"Accept": "application/sparql-results+json"}
SELECT = "SELECT ?s WHERE { ?s a <https://w3id.org/hzkg/def/Zone> } ORDER BY ?s"


class CallCountingStore:
    """The real store, counting the calls that send a message to a query process."""

    def __init__(self, store):
        self._store, self.calls = store, []

    def __getattr__(self, name):
        attribute = getattr(self._store, name)
        if name in ("check", "query", "check_and_query"):
            def counted(*args, **kwargs):
                self.calls.append(name)
                return attribute(*args, **kwargs)
            return counted
        return attribute


@pytest.fixture
def counting(oxigraph_store):
    return CallCountingStore(oxigraph_store)


@pytest.fixture
def client(counting):
    return create_app({"artifact": str(FIXTURE_ARTIFACT)}, store=counting).test_client()


def test_a_new_text_is_one_round_trip_and_a_repeated_one_none(client, counting):
    first = client.post("/sparql", data={"query": SELECT + " # one"}, headers=JSON)
    assert first.status_code == 200 and json.loads(first.data)["results"]["bindings"]
    assert counting.calls == ["check_and_query"]
    again = client.post("/sparql", data={"query": SELECT + " # one"}, headers=JSON)
    assert again.data == first.data
    assert counting.calls == ["check_and_query", "check"]  # the check is remembered; the answer is cached


def test_a_page_still_takes_two(client, counting):
    page = client.get("/sparql", query_string={"query": SELECT + " # page"}, headers={"Accept": "text/html"})
    assert page.status_code == 200 and b"<table" in page.data
    assert counting.calls == ["check", "query"]


def test_a_graph_query_no_accepted_format_carries_is_checked_and_not_run(client, counting):
    construct = "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } # 406"
    answer = client.post("/sparql", data={"query": construct}, headers=JSON)
    assert answer.status_code == 406
    assert "offered" in json.loads(answer.data)["error"]
    assert counting.calls == ["check_and_query"]
    turtle = client.post("/sparql", data={"query": construct}, headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and turtle.data.strip()


def test_refusals_and_relative_iris_are_what_two_round_trips_gave(client, counting):
    refused = client.post("/sparql", data={"query": "SELECT * WHERE { SERVICE <http://e/> { ?s ?p ?o } }"}, headers=JSON)
    assert refused.status_code == 400 and "SERVICE is refused" in json.loads(refused.data)["error"]
    relative = client.post("/sparql", data={"query": "SELECT ?x WHERE { BIND(<zone/x> AS ?x) }"}, headers=JSON)
    value = json.loads(relative.data)["results"]["bindings"][0]["x"]["value"]
    assert value == "https://w3id.org/hzkg/zone/x"
    from_clause = client.post("/sparql", data={"query": "SELECT (COUNT(*) AS ?n) FROM <http://nowhere.example/g> WHERE { ?s ?p ?o }"},
                              headers=JSON)
    assert json.loads(from_clause.data)["results"]["bindings"][0]["n"]["value"] == "0"  # FROM: only that (empty) graph

"""Answers are kept per worker for the dataset version: the same query comes back as the
same bytes without reaching the engine; other formats, graphs and errors are not mixed up."""
from __future__ import annotations

import pytest

from hzkg.service.app import create_app
from hzkg.service.responses.answer_cache import AnswerCache, CachedAnswer

from service_fixtures import FIXTURE_ARTIFACT

QUERY = "SELECT ?s WHERE { ?s a <https://w3id.org/hzkg/def/Zone> } ORDER BY ?s"
JSON = {"Accept": "application/sparql-results+json"}


class CountingStore:
    """The real store, counting the queries that reach it."""

    def __init__(self, store):
        self._store, self.queries = store, 0

    def query(self, *args, **kwargs):
        self.queries += 1
        return self._store.query(*args, **kwargs)

    def check_and_query(self, *args, **kwargs):  # a new text, checked and run in one round trip
        self.queries += 1
        return self._store.check_and_query(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._store, name)


@pytest.fixture
def counted(oxigraph_store):
    return CountingStore(oxigraph_store)


@pytest.fixture
def client(counted):
    return create_app({"artifact": str(FIXTURE_ARTIFACT)}, store=counted).test_client()


def test_the_same_query_is_answered_once_with_the_same_bytes(client, counted):
    first = client.get("/sparql", query_string={"query": QUERY}, headers=JSON)
    second = client.post("/sparql", data={"query": QUERY}, headers=JSON)
    assert first.status_code == second.status_code == 200
    assert first.data == second.data and first.content_type == second.content_type
    assert first.headers["ETag"] and first.headers["ETag"] == client.get(
        "/sparql", query_string={"query": QUERY}, headers=JSON).headers["ETag"]
    assert counted.queries == 1


def test_formats_and_graphs_are_kept_apart(client, counted):
    as_json = client.get("/sparql", query_string={"query": QUERY}, headers=JSON)
    as_csv = client.get("/sparql", query_string={"query": QUERY}, headers={"Accept": "text/csv"})
    only_ontology = client.get("/sparql", query_string={
        "query": QUERY, "default-graph-uri": "https://w3id.org/hzkg/graph/ontology"}, headers=JSON)
    assert as_csv.content_type.startswith("text/csv") and as_csv.data != as_json.data
    assert only_ontology.json["results"]["bindings"] == [] != as_json.json["results"]["bindings"]
    assert counted.queries == 3


def test_errors_are_asked_again(client, counted):
    for _ in range(2):
        answer = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p }"}, headers=JSON)
        assert answer.status_code == 400
    assert len(client.application.extensions["hzkg"].answer_cache) == 0


def test_the_cache_is_bounded_by_bytes():
    cache = AnswerCache(budget_bytes=100, largest_bytes=60)
    cache.put("too large", CachedAnswer(b"x" * 61, "text/csv", False))
    for key in "abc":
        cache.put(key, CachedAnswer(b"x" * 40, "text/csv", False))
    assert cache.get("too large") is None and cache.get("a") is None
    assert cache.get("b") is not None and cache.get("c") is not None

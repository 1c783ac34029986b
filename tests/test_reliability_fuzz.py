"""Property-based fuzzing (hypothesis) of every place a client's text enters the service:
/sparql, /queries/<name> parameters, /search, /id/..., /explore parameters. Whatever is
sent: never a 5xx, never a traceback, errors in the one shape, and the dataset unchanged."""
from __future__ import annotations

import urllib.parse

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from reliability_fixtures import assert_unchanged, fingerprint
from named_queries import CATALOGUE
from service_fixtures import ID

TOKENS = ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "*", "WHERE", "{", "}", "(", ")", "?s", "?p", "?o", "<urn:x>",
          f"<{ID}zone/hangzhou-etdz>", '"a"', "'b'@en", '"1"^^<http://www.w3.org/2001/XMLSchema#integer>', "FILTER",
          "UNION", "OPTIONAL", "MINUS", "GRAPH", "SERVICE", "INSERT", "DATA", "LOAD", "DROP", "ALL", "\\u0053", "#",
          "\n", ".", ";", ",", "PREFIX", "hz:", "hz:Zone", "a", "VALUES", "BIND", "AS", "COUNT", "GROUP BY",
          "ORDER BY", "LIMIT", "OFFSET", "1", "-1", "99999999999999999999", "REGEX", '"""', "<", ">", "/", "|",
          "+", "?", "!", "^", "EXISTS", "NOT", "IN", "STR", "LANG", "=", "&&", "SELECT (", "\\", "\x00", "汽车"]
ACCEPTS = ["application/sparql-results+json", "text/html", "*/*", "text/csv", "application/xml;q=0.1, text/turtle",
           "", "application/json"]
LIMITS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)
sparql_like = st.lists(st.sampled_from(TOKENS) | texts, max_size=25).map(" ".join)
raw_bytes = st.binary(max_size=40).map(urllib.parse.quote_from_bytes)  # also invalid UTF-8 once decoded


TRIED: list[int] = []  # statuses of every fuzzed request, for the printed figure


def check(server, path: str, accept: str) -> None:
    answer = server.get(path, headers={"Accept": accept} if accept else {})
    TRIED.append(answer.status)
    assert answer.status < 500, (path, answer.status, answer.body[:500])
    assert b"Traceback" not in answer.body and b'File "' not in answer.body, (path, answer.body[:500])
    if answer.status >= 400 and answer.content_type == "application/json":
        document = answer.json()
        assert document["ok"] is False and document["status"] == answer.status and document["error"], document


@pytest.fixture(scope="module")
def canary(server):
    before = fingerprint(server)
    yield
    assert_unchanged(server, before)
    print(f"\nfuzzing: {len(TRIED)} requests, statuses {sorted(set(TRIED))}, no 5xx, dataset unchanged")


@LIMITS
@given(query=sparql_like | texts, accept=st.sampled_from(ACCEPTS), post=st.booleans())
def test_sparql_endpoint(server, canary, query, accept, post):
    if post:
        answer = server.get("/sparql", method="POST", data=query.encode("utf-8"),
                            headers={"Content-Type": "application/sparql-query", "Accept": accept or "*/*"})
        TRIED.append(answer.status)
        assert answer.status < 500 and b"Traceback" not in answer.body, (query, answer.body[:500])
    else:
        check(server, "/sparql?" + urllib.parse.urlencode({"query": query}), accept)


@LIMITS
@given(name=st.sampled_from(sorted(CATALOGUE)) | texts,
       params=st.dictionaries(st.sampled_from(["zone", "resource", "industry", "text", "area", "cluster", "subcity",
                                                "format"]) | texts, sparql_like | texts | raw_bytes, max_size=3),
       accept=st.sampled_from(ACCEPTS))
def test_named_query_parameters(server, canary, name, params, accept):
    check(server, f"/queries/{urllib.parse.quote(name, safe='')}?" + urllib.parse.urlencode(params), accept)


@LIMITS
@given(term=(texts | sparql_like).map(urllib.parse.quote) | raw_bytes, accept=st.sampled_from(ACCEPTS))
def test_search(server, canary, term, accept):
    check(server, "/search?q=" + term, accept)


@LIMITS
@given(local=st.lists(texts | raw_bytes | st.sampled_from(["..", ".", "zone", "hangzhou-etdz.ttl", "%2e%2e", ""]),
                      max_size=5).map("/".join),
       section=st.sampled_from(["id", "def"]), accept=st.sampled_from(ACCEPTS))
def test_resource_pages(server, canary, local, section, accept):
    check(server, f"/{section}/" + urllib.parse.quote(local, safe="/%"), accept)


EXPLORE_PARAMETERS = ["query", "view", "focus", "depth", "lang", "format", "cluster", "base", "industry"]


@LIMITS
@given(params=st.dictionaries(st.sampled_from(EXPLORE_PARAMETERS) | texts,
                              texts | sparql_like | st.sampled_from(["0", "4", "5", "-1", "en", "zh", ID + "zone/hangzhou-etdz",
                                                                     "shared-industries", "CONSTRUCT WHERE { ?s ?p ?o }"]),
                              max_size=3),
       accept=st.sampled_from(ACCEPTS))
def test_explore_parameters(server, canary, params, accept):
    check(server, "/explore?" + urllib.parse.urlencode(params), accept)

"""Past one machine, for real: hzkg in front of OpenLink Virtuoso 7 (Debian's virtuoso-opensource),
started on loopback by the tests and loaded with `hzkg load` through its Graph Store endpoint with
digest credentials, answers as the embedded engine does: every named query (default and example
parameters), a resource page of every kind (HTML and Turtle), the network analyses, search and the
explorer (tests/store_comparison.py says what "the same" means)."""
from __future__ import annotations

import pytest

from store_comparison import (NAMED_QUERY_CASES, NETWORK_PATHS, PAGE_PATHS, RESOURCE_PATHS, graph_of,
                              named_query_answer, page_text)

BROWSER = {"Accept": "text/html"}


def test_hzkg_load_put_every_graph_with_digest_credentials(virtuoso):
    assert "[3/3]" in virtuoso.load_log and "triples (201)" in virtuoso.load_log


@pytest.mark.parametrize("name, params", NAMED_QUERY_CASES, ids=[f"{n}-{'example' if p else 'default'}"
                                                                  for n, p in NAMED_QUERY_CASES])
def test_named_query_answers_as_on_the_embedded_engine(plan_server, virtuoso_server, name, params):
    expected = named_query_answer(plan_server, name, params)
    assert expected.get("rows") or expected.get("triples")
    assert named_query_answer(virtuoso_server, name, params) == expected


@pytest.mark.parametrize("path", RESOURCE_PATHS)
def test_resource_page_reads_the_same(plan_server, virtuoso_server, path):
    assert page_text(virtuoso_server.get(path, headers=BROWSER)) == page_text(plan_server.get(path, headers=BROWSER))
    turtle = {"Accept": "text/turtle"}
    expected = graph_of(page_text(plan_server.get(path, headers=turtle)), "turtle")
    assert len(expected) > 3
    assert graph_of(page_text(virtuoso_server.get(path, headers=turtle)), "turtle") == expected


@pytest.mark.parametrize("path", NETWORK_PATHS)
def test_network_analysis_is_the_same(plan_server, virtuoso_server, path):
    expected = plan_server.get(path)
    assert expected.status == 200, expected.body[:300]
    assert virtuoso_server.get(path).json() == expected.json()


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_search_and_explorer_pages_are_the_same(plan_server, virtuoso_server, path):
    assert page_text(virtuoso_server.get(path, headers=BROWSER)) == page_text(plan_server.get(path, headers=BROWSER))

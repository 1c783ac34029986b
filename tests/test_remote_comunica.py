"""A second, independent engine of another family: Comunica's SPARQL endpoint (JavaScript, npm
`@comunica/query-sparql-file` 4) over the dataset's N-Quads, its default graph the union of the graphs.
hzkg in front of it answers as on the embedded engine: the named queries it supports, a resource page of
every kind (HTML and Turtle), the network, search and the explorer. It is slow (seconds a query where
Virtuoso and Oxigraph take milliseconds)."""
from __future__ import annotations

import pytest

from store_fixtures import REMOTE_WAIT
from store_comparison import (CATALOGUE, NAMED_QUERY_CASES, RESOURCE_PATHS, graph_of, named_query_answer,
                              page_text)

BROWSER = {"Accept": "text/html"}

# Named queries not compared on Comunica, each a Comunica bug (4.5.0). On three triples
#   <e:a> <e:p> <e:b> . <e:b> <e:l> "x" . <e:c> <e:p> <e:d> .
# SELECT ?s ?n WHERE { ?s <e:p> ?o OPTIONAL { SELECT ?s (COUNT(?v) AS ?n) WHERE { ?s <e:p> ?x . ?x <e:l> ?v } GROUP BY ?s } }
# gives ?n = 0 for <e:c> (GROUP_CONCAT gives ""), where SPARQL leaves ?n unbound: the sub-SELECT alone has no group
# for <e:c>. `HAVING (COUNT(?v) > 0)`, always true in SPARQL, works around it (industry-taxonomy has it). In
# partnership-network, with the HAVING, Comunica left ?about_zh unbound also for partnerships about named
# industries (no smaller reproduction found yet); rewritten as a sub-SELECT UNION a MINUS (as zone-industries is),
# it ran past Comunica's 60 s limit.
NOT_COMPARED = {
    "partnership-network": "?about_zh: Comunica gives \"\" for partnerships about nothing named, or with HAVING leaves "
                           "it unbound for some about named industries (the bug above)",
}
CASES = [(name, params) for name, params in NAMED_QUERY_CASES if name not in NOT_COMPARED]


def test_every_named_query_is_compared_or_has_a_reason():
    assert set(NOT_COMPARED) <= set(CATALOGUE)
    assert len({name for name, _ in CASES}) == len(CATALOGUE) - 1


@pytest.mark.parametrize("name, params", CASES, ids=[f"{n}-{'example' if p else 'default'}" for n, p in CASES])
def test_named_query_answers_as_on_the_embedded_engine(plan_server, comunica_server, name, params):
    expected = named_query_answer(plan_server, name, params)
    assert expected.get("rows") or expected.get("triples")
    # zones: 13-31 s on Comunica
    assert named_query_answer(comunica_server, name, params, timeout=REMOTE_WAIT) == expected


# A section's HTML page is the reading view (/plan, a 303), built from five queries over the whole plan: its facts
# query ran past 58 s on Comunica (0.1 s embedded), so only the section's Turtle is compared. Slow, not a bug.
PAGES = [path for path in RESOURCE_PATHS if path != "/id/section/1-1-1"]


def test_only_the_section_page_is_left_out():
    assert set(RESOURCE_PATHS) - set(PAGES) == {"/id/section/1-1-1"}


def test_the_sections_turtle_is_the_same(plan_server, comunica_server):
    turtle = {"Accept": "text/turtle"}
    expected = graph_of(page_text(plan_server.get("/id/section/1-1-1", headers=turtle)), "turtle")
    assert len(expected) > 3
    answer = comunica_server.get("/id/section/1-1-1", headers=turtle, timeout=REMOTE_WAIT)
    assert graph_of(page_text(answer), "turtle") == expected


@pytest.mark.parametrize("path", PAGES)
def test_resource_page_reads_the_same(plan_server, comunica_server, path):
    expected = page_text(plan_server.get(path, headers=BROWSER))
    assert page_text(comunica_server.get(path, headers=BROWSER, timeout=REMOTE_WAIT)) == expected
    turtle = {"Accept": "text/turtle"}
    expected = graph_of(page_text(plan_server.get(path, headers=turtle)), "turtle")
    assert graph_of(page_text(comunica_server.get(path, headers=turtle, timeout=REMOTE_WAIT)), "turtle") == expected


@pytest.mark.parametrize("path", ["/network", "/network/shared-industries", "/network/centrality?measure=degree&top=5",
                                  "/search?q=qiche&format=json", "/explore?industry=industry/automotive"])
def test_network_search_and_explorer_are_the_same(plan_server, comunica_server, path):
    expected = page_text(plan_server.get(path, headers=BROWSER))
    assert page_text(comunica_server.get(path, headers=BROWSER, timeout=REMOTE_WAIT)) == expected

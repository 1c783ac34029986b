"""What "the same answer" means between hzkg on its embedded engine and hzkg in front of
another store, and the requests to compare: every named query with its default and its example
parameters, a resource page of every kind (HTML and Turtle), the network analyses, search and
the explorer.

Answers are compared as hzkg writes them: hzkg itself sorts the parts of a named query's GROUP_CONCAT
values (service/responses/concatenations.py) and writes a remote store's literals in the embedded engine's forms
(service/engines/remote.py: boolean 1 -> true, decimal 2680.0 -> 2680); only the order of rows is free.
"""
from __future__ import annotations

import re

import json
import urllib.parse

from rdflib import Graph
from rdflib.compare import to_isomorphic

from named_queries import CATALOGUE

__all__ = ["CATALOGUE", "NAMED_QUERY_CASES", "RESOURCE_PATHS", "NETWORK_PATHS", "PAGE_PATHS",
           "named_query_answer", "graph_of", "page_text"]



def _cases():
    for name, named in sorted(CATALOGUE.items()):
        yield name, {}
        examples = {parameter.name: parameter.example for parameter in named.parameters if parameter.example}
        if examples:
            yield name, examples


NAMED_QUERY_CASES = list(_cases())

# The first resource (by IRI) of each kind the dataset has pages for, the busiest zone, and ontology terms.
RESOURCE_PATHS = [
    "/id/area/all-zones", "/id/base-role/chunan-edz/electronic-information-base", "/id/base/agricultural-processing-base",
    "/id/block/chunan-edz-county-seat", "/id/citation/1-1-1-5034e38e", "/id/cluster-park/dajiangdong-advanced-equipment",
    "/id/cluster-role/fuyang-edz/chengxi", "/id/cluster/chengxi", "/id/discrepancy/fuyang-hitech-park-status",
    "/id/industry-role/chengxi/biotech-emerging", "/id/industry-scheme", "/id/industry/advanced-equipment",
    "/id/institution/china-academy-of-art-creative-park", "/id/observation/all-zones-approved-area-2010",
    "/id/park/central-software-park", "/id/partnership/hangzhou-airport-edz-relies-on-airport",
    "/id/place/xiaoshan-international-airport", "/id/plan", "/id/section/1-1-1", "/id/sub-city-role/hangzhou-etdz/xiasha",
    "/id/sub-city/jiangnan", "/id/zone/chunan-edz", "/id/zone/hangzhou-etdz",
    "/def/DevelopmentZone", "/def/hasIndustry",
]

NETWORK_PATHS = [
    "/network", "/network/graph", "/network/shared-industries", "/network/centrality?measure=degree",
    "/network/centrality?measure=betweenness&kind=DevelopmentZone&top=5", "/network/communities",
    "/network/similarity?zone=zone/hangzhou-hitech-zone&top=3",
    "/network/path?" + urllib.parse.urlencode({"from": "桐庐", "to": "杭州高新技术产业开发区"}),
]

PAGE_PATHS = [
    "/search?" + urllib.parse.urlencode({"q": "汽车"}), "/search?q=qiche", "/search?q=Automotive&format=json",
    "/explore", "/explore?view=shared-industries", "/explore?industry=industry/automotive",
]


def named_query_answer(server, name: str, params: dict, timeout: float = 30) -> dict:
    """The named query's answer over HTTP, as comparable data (rows as a sorted multiset)."""
    query = urllib.parse.urlencode(params)
    if CATALOGUE[name].query.returns_graph:
        answer = server.get(f"/queries/{name}?{query}", headers={"Accept": "application/n-triples"}, timeout=timeout)
        assert answer.status == 200, (name, answer.status, answer.body[:300])
        return {"triples": sorted(graph_of(answer.text, "nt"))}
    answer = server.get(f"/queries/{name}?{query}&format=json", timeout=timeout)
    assert answer.status == 200, (name, answer.status, answer.body[:300])
    document = answer.json()
    rows = [json.dumps(binding, sort_keys=True, ensure_ascii=False) for binding in document["results"]["bindings"]]
    return {"variables": document["head"]["vars"], "rows": sorted(rows)}


def graph_of(text: str, format: str) -> set:
    """The triples of an RDF document, blank nodes canonicalised."""
    return set(to_isomorphic(Graph().parse(data=text, format=format)))


def page_text(answer) -> str:
    """The page as a reader sees it; the serving host's own address (in the dataset's JSON-LD) set aside."""
    assert answer.status == 200, (answer.status, answer.body[:300])
    return re.sub(r"http://127\.0\.0\.1:\d+", "http://127.0.0.1:PORT", answer.text)

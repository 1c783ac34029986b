"""/explore over HTTP: the views it offers, its refusals in the one error shape, and a page
that loads nothing from another host and carries labels as escaped data."""
from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

from service_fixtures import assert_error

JSON = {"Accept": "application/json"}


def drawn(answer) -> dict:
    assert answer.status == 200 and answer.content_type == "text/html", answer.body[:300]
    match = re.search(r'<script type="application/json" id="network-data">(.*?)</script>', answer.text, re.S)
    return json.loads(match.group(1))


@pytest.mark.parametrize("path, nodes, edges", [
    ("/explore?view=shared-industries", 17, 71),
    ("/explore?view=zone-cluster", 19, 7),
])
def test_projection_views(plan_server, path, nodes, edges):
    data = drawn(plan_server.get(path))
    assert (len(data["nodes"]), len(data["edges"])) == (nodes, edges)


def test_focused_views_hold_the_node_and_its_neighbours(plan_server):
    cluster = drawn(plan_server.get("/explore?cluster=cluster/dajiangdong"))
    assert {node["label_zh"] for node in cluster["nodes"]} >= {"大江东产业集聚区", "汽车产业园区"}
    industry = drawn(plan_server.get("/explore?industry=" + quote("汽车产业")))
    automotive = "https://w3id.org/hzkg/id/industry/automotive"
    linked = {end for edge in industry["edges"] if automotive in (edge["from"], edge["to"]) for end in (edge["from"], edge["to"])}
    assert len(industry["nodes"]) > 1 and {node["id"] for node in industry["nodes"]} == linked
    near = drawn(plan_server.get("/explore?focus=" + quote("https://w3id.org/hzkg/id/zone/tonglu-edz")))
    wider = drawn(plan_server.get("/explore?focus=zone/tonglu-edz&depth=2"))
    assert len(near["nodes"]) < len(wider["nodes"])
    base = drawn(plan_server.get("/explore?base=base/new-energy-base&lang=en"))
    assert base["title_en"].startswith("national base: ") and "new-energy-base" in str(base["nodes"])


@pytest.mark.parametrize("path, status, words", [
    ("/explore?view=galaxy", 400, ["parameter view", "shared-industries"]),
    ("/explore?focus=zone/tonglu-edz&depth=9", 400, ["parameter depth", "1 to 4"]),
    ("/explore?cluster=" + quote("桐庐"), 400, ["not a IndustrialCluster"]),
    ("/explore?focus=atlantis", 404, ["no node is named 'atlantis'"]),
    ("/explore?lang=fr", 400, ["parameter lang"]),
    ("/explore?colour=red", 400, ["unknown: colour"]),
    ("/explore?query=" + quote("SELECT * WHERE { ?s ?p ?o }"), 400, ["CONSTRUCT", "SELECT"]),
    ("/explore?query=" + quote("DELETE WHERE { ?s ?p ?o }"), 400, ["read-only"]),
    ("/explore?query=" + quote("CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }"), 400,
     ["SERVICE"]),
    ("/explore?query=" + quote("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"), 413, ["row_limit"]),
])
def test_refusals_are_answered_in_the_one_error_shape(plan_server, path, status, words):
    assert_error(plan_server.get(path, headers=JSON), status, *words)


def test_the_page_loads_only_our_own_assets(plan_server):
    page = plan_server.get("/explore").text
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets and all(asset.startswith(("/", "data:")) for asset in assets), assets
    for asset in assets:
        if asset.startswith("/static/"):
            assert plan_server.get(asset).status == 200, asset
    assert "vendor/vis-network/vis-network.min.js" in page


def test_labels_travel_as_escaped_data(escaping_server):
    answer = escaping_server.get("/explore?view=whole")
    assert "<script>window.__xss" not in answer.text and "<img src=x" not in answer.text
    data = drawn(answer)
    assert {node["label_zh"] for node in data["nodes"]} >= {"<script>window.__xss = 1</script>开发区"}


def test_the_sparql_editor_opens_a_construct_as_a_network(plan_server):
    editor = plan_server.get("/sparql", headers={"Accept": "text/html"}).text
    assert 'formaction="/explore"' in editor
    # the editor's form also sends format=...; /explore accepts and ignores it
    query = "CONSTRUCT { ?zone <https://w3id.org/hzkg/def/inSubCity> ?city } WHERE { ?zone <https://w3id.org/hzkg/def/inSubCity> ?city }"
    data = drawn(plan_server.get("/explore?format=html&query=" + quote(query)))
    assert len(data["edges"]) == 5 and data["title_en"] == "CONSTRUCT result"


def test_a_link_tooltip_names_its_role_and_section_in_the_page_language(plan_server):
    def tooltip(language: str) -> list:
        data = drawn(plan_server.get(f"/explore?focus=cluster/chengxi&lang={language}"))
        [link] = [edge for edge in data["edges"] if edge["from"].endswith("zone/hangzhou-hitech-zone")
                  and edge["to"].endswith("cluster/chengxi")]
        return [piece for line in link["title"] for piece in line]  # [text, language] pieces

    chinese, english = tooltip("zh"), tooltip("en")
    assert ["角色：产业联动开发", "zh"] in chinese and ["三（一）", "zh"] in chinese
    assert ["role: industrial linkage", "en"] in english and ["三（一）", "zh"] in english  # the section: an original
    assert not [text for text, language in english if language == "en" and re.search(r"[\u4e00-\u9fff]", text)]

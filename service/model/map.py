"""What /map draws, from the geometry graph by SPARQL: today's district boundaries, the plan's
areas and sub-cities mapped onto them, each zone at its point with its level and 2015 GDP targets,
and the partnerships and cluster memberships between them.
"""
from __future__ import annotations

from collections import defaultdict

from hzkg.graph.prefixes import DEF, sparql_prefixes
from hzkg.service.model.figures import gdp_targets
from hzkg.service.model.geo import parse_wkt
from hzkg.service.state import ServiceState

__all__ = ["map_data"]

_PREFIXES = sparql_prefixes("hz", "geo", "prov", "dcterms", "rdfs")
# Today's boundaries: the features of the geometry graph with an administrative code.
_BOUNDARIES = _PREFIXES + """SELECT ?boundary ?code ?name_zh ?name_en ?wkt WHERE {
  ?boundary a geo:Feature ; dcterms:identifier ?code ; geo:hasGeometry/geo:asWKT ?wkt .
  OPTIONAL { ?boundary rdfs:label ?name_zh FILTER(lang(?name_zh) = "zh") }
  OPTIONAL { ?boundary rdfs:label ?name_en FILTER(lang(?name_en) = "en") }
} ORDER BY ?code"""
# The plan's areas, sub-cities and zones drawn on them, with the basis of each mapping.
_PLACED = _PREFIXES + """SELECT ?thing ?kind ?label_zh ?label_en ?boundary ?basis ?wkt WHERE {
  VALUES ?kind { hz:AdministrativeArea hz:SubCity hz:DevelopmentZone }
  ?thing a ?kind ; geo:hasGeometry ?geometry . ?geometry prov:wasDerivedFrom ?boundary ; rdfs:comment ?basis .
  OPTIONAL { ?geometry geo:asWKT ?wkt FILTER(STRSTARTS(STR(?wkt), "POINT")) }
  OPTIONAL { ?thing rdfs:label ?label_zh FILTER(lang(?label_zh) = "zh") }
  OPTIONAL { ?thing rdfs:label ?label_en FILTER(lang(?label_en) = "en") }
}"""
# The zones of the plan period: not the two of 2010 consolidated into others (drawn as their host).
_ZONES = _PREFIXES + """SELECT ?zone ?level ?proposed ?located WHERE {
  ?zone a hz:DevelopmentZone . FILTER NOT EXISTS { ?zone hz:consolidatedInto ?host }
  OPTIONAL { ?zone hz:level ?level }
  OPTIONAL { ?zone a ?proposed FILTER(?proposed = hz:ProposedZone) }
  OPTIONAL { ?zone hz:locatedIn ?located }
}"""
# Partnerships (drives, cooperates with, relies on), and zones' clusters (member, proposed, docking, linked) and sub-cities.
_LINKS = _PREFIXES + """SELECT ?from ?relation ?to ?to_zh ?to_en ?relation_zh ?relation_en WHERE {
  { ?from hz:drives ?to BIND(hz:drives AS ?relation) } UNION { ?from hz:cooperatesWith ?to BIND(hz:cooperatesWith AS ?relation)
    FILTER(STR(?from) < STR(?to)) }
  UNION { ?from hz:reliesOn ?to BIND(hz:reliesOn AS ?relation) }
  UNION { ?from hz:inCluster ?to BIND(hz:inCluster AS ?relation) } UNION { ?from hz:inSubCity ?to BIND(hz:inSubCity AS ?relation) }
  # A zone's other ties to a cluster, drawn as what they are: not membership (issue 22).
  UNION { ?from hz:proposedInCluster ?to BIND(hz:proposedInCluster AS ?relation) }
  UNION { ?from hz:docksWith ?to BIND(hz:docksWith AS ?relation) }
  UNION { ?from hz:linkedToCluster ?to BIND(hz:linkedToCluster AS ?relation) }
  ?from a hz:DevelopmentZone .
  OPTIONAL { ?to rdfs:label ?to_zh FILTER(lang(?to_zh) = "zh") }
  OPTIONAL { ?to rdfs:label ?to_en FILTER(lang(?to_en) = "en") }
  OPTIONAL { ?relation rdfs:label ?relation_zh FILTER(lang(?relation_zh) = "zh") }
  OPTIONAL { ?relation rdfs:label ?relation_en FILTER(lang(?relation_en) = "en") }
}"""
_LEVELS = {DEF + "National": "national", DEF + "Provincial": "provincial"}


def _rows(state: ServiceState, query: str) -> list[dict]:
    result = state.store.query(query)
    return [{name: (None if value is None else str(value)) for name, value in zip(result.variables, row)} for row in result.rows]


def map_data(state: ServiceState) -> dict:
    boundaries = [{"iri": row["boundary"], "code": row["code"], "name_zh": row["name_zh"], "name_en": row["name_en"],
                   "page": state.local_path(row["boundary"]), "geometry": parse_wkt(row["wkt"])}
                  for row in _rows(state, _BOUNDARIES)]
    by_iri = {b["iri"]: b for b in boundaries}
    placed: dict[str, dict] = {}
    for row in _rows(state, _PLACED):
        kind = row["kind"].rsplit("/", 1)[-1]
        thing = placed.setdefault(row["thing"], {
            "iri": row["thing"], "kind": kind, "label_zh": row["label_zh"], "label_en": row["label_en"],
            "page": state.local_path(row["thing"]), "basis": row["basis"], "boundaries": [], "point": None})
        code = by_iri[row["boundary"]]["code"] if row["boundary"] in by_iri else None
        if code and code not in thing["boundaries"]:
            thing["boundaries"].append(code)
        if row["wkt"]:
            thing["point"] = parse_wkt(row["wkt"])["coordinates"]
    for thing in placed.values():
        thing["boundaries"].sort()
    targets = defaultdict(list)
    for target in gdp_targets(state)["targets"]:
        targets[target["area"]].append({"value": target["value"], "qualifier": target["qualifier"], "page": target["page"],
                                        "sections": [c["section"] for c in target["citations"]],
                                        "contradiction": target["contradiction"]})
    zones = {}
    for row in _rows(state, _ZONES):
        zone = zones.setdefault(row["zone"], dict(placed.get(row["zone"], {"iri": row["zone"], "point": None}),
                                                  level="proposed", located_in=[], gdp_2015=targets.get(row["zone"], [])))
        if row["level"]:
            zone["level"] = _LEVELS.get(row["level"], "other")
        if row["proposed"]:
            zone["level"] = "proposed"
        if row["located"] and row["located"] not in zone["located_in"]:
            zone["located_in"].append(row["located"])
    links = [{"from": row["from"], "to": row["to"], "relation": row["relation"].rsplit("/", 1)[-1],
              "relation_zh": row["relation_zh"], "relation_en": row["relation_en"], "to_zh": row["to_zh"],
              "to_en": row["to_en"]}
             for row in _rows(state, _LINKS)]
    links.sort(key=lambda link: (link["relation"], link["from"], link["to"]))
    kinds = defaultdict(list)
    for thing in placed.values():
        if thing["kind"] != "DevelopmentZone":
            kinds[thing["kind"]].append(thing)
    return {
        "boundaries": boundaries,
        "areas": sorted(kinds["AdministrativeArea"], key=lambda a: a["iri"]),
        "sub_cities": sorted(kinds["SubCity"], key=lambda a: a["iri"]),
        "zones": sorted(zones.values(), key=lambda z: z["iri"]),
        "links": links,
    }

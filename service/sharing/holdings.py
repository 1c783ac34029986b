"""Who holds what: every zone's industry roles, read once from the store.

The zones (level, group, table row), the industries with their taxonomy (group, broader, related),
the role kinds (read generically: a new kind in the graph shows with its own label and heading,
no code change) and one entry per role with its section and sentence. `hz:hasIndustry` is read as
the graph states it (the build entails it from the roles), not re-derived here.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from hzkg.graph.paths import DEF
from hzkg.graph.prefixes import sparql_prefixes
from hzkg.service.network.projections import BROADER, HAS_INDUSTRY, RELATED

__all__ = ["Holdings", "read_holdings", "RESTRUCTURE_AWAY"]

RESTRUCTURE_AWAY = DEF + "RestructureAway"
_PREFIXES = sparql_prefixes("hz", "rdfs", "skos")
_ZONES = _PREFIXES + """SELECT ?zone ?zh ?en ?level ?level_zh ?level_en ?group ?group_zh ?group_en ?order ?into WHERE {
  ?zone a hz:DevelopmentZone ; rdfs:label ?zh FILTER(lang(?zh) = "zh")
  OPTIONAL { ?zone rdfs:label ?en FILTER(lang(?en) = "en") }
  OPTIONAL { ?zone hz:level ?level . ?level rdfs:label ?level_zh , ?level_en
             FILTER(lang(?level_zh) = "zh" && lang(?level_en) = "en") }
  OPTIONAL { ?zone a ?group . ?group rdfs:subClassOf hz:DevelopmentZone ; rdfs:label ?group_zh , ?group_en
             FILTER(?group IN (hz:InternationallyCompetitiveZone, hz:UrbanRuralCoordinationZone))
             FILTER(lang(?group_zh) = "zh" && lang(?group_en) = "en") }
  OPTIONAL { ?zone hz:order ?order }
  OPTIONAL { ?zone hz:consolidatedInto ?into }
}"""
_INDUSTRIES = _PREFIXES + """SELECT ?industry ?zh ?en ?is_group ?broader ?related WHERE {
  ?industry a hz:Industry ; rdfs:label ?zh FILTER(lang(?zh) = "zh")
  OPTIONAL { ?industry rdfs:label ?en FILTER(lang(?en) = "en") }
  OPTIONAL { ?industry a hz:IndustryGroup BIND(true AS ?is_group) }
  OPTIONAL { ?industry skos:broader ?broader }
  OPTIONAL { ?industry skos:related ?related }
}"""
_HOLDS = _PREFIXES + """SELECT ?zone ?industry WHERE { ?zone a hz:DevelopmentZone ; hz:hasIndustry ?industry }"""
_ROLES = _PREFIXES + """SELECT ?role ?zone ?industry ?kind ?section ?quote ?citation ?block_zh WHERE {
  ?role a hz:IndustryRole ; hz:holder ?zone ; hz:industry ?industry ; hz:roleKind ?kind ; hz:citation ?citation .
  ?zone a hz:DevelopmentZone .
  ?citation hz:section/hz:sectionNumber ?section ; hz:quote ?quote .
  OPTIONAL { ?role hz:block/rdfs:label ?block_zh FILTER(lang(?block_zh) = "zh") }
}"""
_KINDS = _PREFIXES + """SELECT DISTINCT ?kind ?zh ?en ?heading ?heading_zh ?heading_en WHERE {
  ?role a hz:IndustryRole ; hz:roleKind ?kind .
  ?kind rdfs:label ?zh , ?en FILTER(lang(?zh) = "zh" && lang(?en) = "en")
  OPTIONAL { ?heading skos:member ?kind ; rdfs:label ?heading_zh , ?heading_en
             FILTER(lang(?heading_zh) = "zh" && lang(?heading_en) = "en") }
}"""


@dataclass
class Holdings:
    zones: dict[str, dict]                      # IRI -> {iri, label, label_en, level, group, order, into}
    industries: dict[str, dict]                 # IRI -> {iri, label, label_en, group, parent, is_group}
    kinds: dict[str, dict]                      # role kind IRI -> {kind, label, label_en, heading, ...}
    holds: dict[str, set[str]]                  # zone -> its hz:hasIndustry (groups included)
    roles: dict[tuple[str, str], list[dict]]    # (zone, industry) -> [{kind, label, section, quote, ...}]
    taxonomy: nx.MultiDiGraph = field(repr=False, default_factory=nx.MultiDiGraph)

    def assigned(self, zone: str) -> set[str]:
        """The zone's industries as the shared-industry rule counts them: hz:hasIndustry, no broad groups."""
        return {industry for industry in self.holds.get(zone, ()) if not self.industries[industry]["is_group"]}

    def network(self, assignment: dict[str, set[str]] | None = None) -> nx.MultiDiGraph:
        """The taxonomy with the zones' links (or `assignment`'s), in the shape service/network/projections
        reads, so that its one shared-industry rule serves here too."""
        network = self.taxonomy.copy()
        for zone, industries in (assignment or self.holds).items():
            network.add_node(zone, kind="DevelopmentZone")
            for industry in industries:
                network.add_edge(zone, industry, key=HAS_INDUSTRY)
        return network

    def zone_order(self) -> list[str]:
        """Zones in the plan's order: by group (四, then 五), then the appendix table's row."""
        return sorted(self.zones, key=lambda zone: (self.zones[zone]["into"] is not None, self.zones[zone]["order"],
                                                    self.zones[zone]["label"]))


def _text(term) -> str | None:
    return None if term is None else str(term)


def read_holdings(store) -> Holdings:
    zones: dict[str, dict] = {}
    for zone, zh, en, level, level_zh, level_en, group, group_zh, group_en, order, into in store.query(_ZONES, whole=True).rows:
        zones.setdefault(str(zone), {
            "iri": str(zone), "label": str(zh), "label_en": _text(en), "level": _text(level),
            "level_label": _text(level_zh), "level_label_en": _text(level_en), "group": _text(group),
            "group_label": _text(group_zh), "group_label_en": _text(group_en),
            "order": int(order) if order is not None else 10**6, "into": _text(into)})
    taxonomy = nx.MultiDiGraph()
    industries: dict[str, dict] = {}
    for industry, zh, en, is_group, broader, related in store.query(_INDUSTRIES, whole=True).rows:
        key = str(industry)
        industries.setdefault(key, {"iri": key, "label": str(zh), "label_en": _text(en), "is_group": is_group is not None})
        taxonomy.add_node(key, kind="IndustryGroup" if is_group is not None else "Industry", label_zh=str(zh))
        if broader is not None:
            taxonomy.add_edge(key, str(broader), key=BROADER)
        if related is not None:
            taxonomy.add_edge(key, str(related), key=RELATED)
    _place_in_groups(industries, taxonomy)
    holds: dict[str, set[str]] = defaultdict(set)
    for zone, industry in store.query(_HOLDS, whole=True).rows:
        if str(industry) in industries:
            holds[str(zone)].add(str(industry))
    kinds: dict[str, dict] = {}
    for kind, zh, en, heading, heading_zh, heading_en in store.query(_KINDS, whole=True).rows:
        kinds.setdefault(str(kind), {"kind": str(kind), "label": str(zh), "label_en": str(en),
                                     "heading": _text(heading), "heading_label": _text(heading_zh) or "其他",
                                     "heading_label_en": _text(heading_en) or "other",
                                     "away": str(kind) == RESTRUCTURE_AWAY})
    roles: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for role, zone, industry, kind, section, quote, citation, block in store.query(_ROLES, whole=True).rows:
        entry = {"role": str(role), "kind": str(kind), "label": kinds.get(str(kind), {}).get("label", str(kind)),
                 "label_en": kinds.get(str(kind), {}).get("label_en", str(kind)),
                 "section": str(section), "quote": str(quote), "citation": str(citation), "block": _text(block)}
        cell = roles[(str(zone), str(industry))]
        if entry not in cell:
            cell.append(entry)
    for cell in roles.values():
        cell.sort(key=lambda entry: (entry["section"], entry["kind"], entry["quote"]))
    return Holdings(zones=zones, industries=industries, kinds=kinds, holds=dict(holds), roles=dict(roles),
                    taxonomy=taxonomy)


def _place_in_groups(industries: dict[str, dict], taxonomy: nx.MultiDiGraph) -> None:
    """Each industry's group: the nearest broad group (hz:IndustryGroup) above it, ties by label;
    `parent` is its nearest broader industry that is not a group (the path the taxonomy shares through)."""
    broader = nx.DiGraph((source, target) for source, target, key in taxonomy.edges(keys=True) if key == BROADER)
    for iri, industry in industries.items():
        distances = nx.single_source_shortest_path_length(broader, iri) if iri in broader else {}
        groups = sorted((distance, industries[other]["label"], other) for other, distance in distances.items()
                        if other != iri and industries.get(other, {}).get("is_group"))
        parents = sorted((distance, industries[other]["label"], other) for other, distance in distances.items()
                         if other != iri and other in industries and not industries[other]["is_group"])
        industry["group"] = iri if industry["is_group"] else (groups[0][2] if groups else None)
        industry["parent"] = parents[0][2] if parents else None

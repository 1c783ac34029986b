"""Two to four zones side by side: industries shared and only in one zone (the shared-industry rule of
zone-pairs-sharing-industries), the path through the taxonomy where sharing comes only that way, the
similarity, the figures aligned by indicator, and the bases, clusters, sub-cities and partnerships."""
from __future__ import annotations

from itertools import combinations

import networkx as nx

from hzkg.graph.paths import DEF
from hzkg.service.errors import BadRequest
from hzkg.service.model.words import figure_words
from hzkg.service.network.projections import BROADER, RELATED
from hzkg.service.sharing.holdings import Holdings
from hzkg.service.sharing.measures import SharingRule, similarity

__all__ = ["compare_industries", "align_figures", "relations_side_by_side", "comparison_rows", "CSV_COLUMNS", "LINKS",
           "MAX_ZONES"]

CSV_COLUMNS = ("part", "zone", "zone_label", "zone_label_en", "item", "item_label", "item_label_en", "detail", "detail_en",
               "section", "sentence")

MAX_ZONES = 4
# The plain links a zone page lists, as the network holds them: (relation, 中文, English).
LINKS = (
    (DEF + "inNationalBase", "国家级试点和基地", "national pilots and bases"),
    # aspirations and reliance shown as what they are, never as membership (issue 22)
    (DEF + "aspiresToBase", "争取成为（试点和基地）", "aspires to (national bases)"),
    (DEF + "reliesOnBase", "依托（基地）", "relies on (national bases)"),
    (DEF + "inCluster", "省级产业集聚区", "provincial clusters"),
    (DEF + "proposedInCluster", "拟新设于（集聚区）", "proposed in (clusters)"),
    (DEF + "docksWith", "对接（集聚区）", "docks with (clusters)"),
    (DEF + "linkedToCluster", "与集聚区联动", "linked to (clusters)"),
    (DEF + "inSubCity", "副城", "sub-cities"),
    (DEF + "drives", "带动", "drives"),
    (DEF + "cooperatesWith", "合作、联动", "cooperates with"),
    (DEF + "reliesOn", "依托", "relies on"),
    (DEF + "takesOverFrom", "承接", "takes over from"),
)


def _industry(holdings: Holdings, iri: str, page, zones=()) -> dict:
    """An industry with each zone's roles for it (kind label, section, sentence)."""
    industry = holdings.industries[iri]
    roles = {zone: [{"label": role["label"], "label_en": role["label_en"], "section": role["section"],
                     "sentence": role["quote"], "citation": role["citation"]}
                    for role in holdings.roles.get((zone, iri), ())] for zone in zones}
    return {"iri": iri, "label": industry["label"], "label_en": industry["label_en"], "page": page(iri),
            "roles": {zone: entries for zone, entries in roles.items() if entries}}


def _taxonomy_path(holdings: Holdings, rule: SharingRule, zone: str, industry: str) -> list[str] | None:
    """How `zone` holds `industry` when not directly: from one of its own industries up the taxonomy
    (skos:broader) or across a skos:related link; None when it holds it directly."""
    assigned = holdings.assigned(zone)
    if industry in assigned:
        return None
    directed = nx.DiGraph()
    for source, target, key in holdings.taxonomy.edges(keys=True):
        if key == BROADER:
            directed.add_edge(source, target)
        elif key == RELATED:
            directed.add_edge(source, target)
            directed.add_edge(target, source)
    paths = [nx.shortest_path(directed, own, industry) for own in sorted(assigned)
             if industry in rule.profile_of.get(own, ()) and own in directed and nx.has_path(directed, own, industry)]
    return min(paths, key=lambda path: (len(path), path)) if paths else None


def compare_industries(holdings: Holdings, zones: list[str], page=lambda iri: iri) -> dict:
    """{shared, only, some, pairs, similarity}: shared by every zone, held by one alone, by some (3–4 zones)."""
    if not 2 <= len(zones) <= MAX_ZONES or len(set(zones)) != len(zones):
        raise BadRequest(f"parameter zone: give 2 to {MAX_ZONES} different zones (zone=A&zone=B); "
                         f"{len(set(zones))} different were given")
    rule = SharingRule(holdings)
    assigned = {zone: holdings.assigned(zone) for zone in zones}
    profiles = {zone: rule.profile(assigned[zone]) for zone in zones}
    candidates = set.intersection(*profiles.values()) & set().union(*assigned.values())
    shared = candidates - set().union(*(rule.broader_than.get(i, ()) for i in candidates))
    label = lambda iri: holdings.industries[iri]["label"]

    def shared_entry(iri: str) -> dict:
        through = {zone: _taxonomy_path(holdings, rule, zone, iri) for zone in zones}
        return {**_industry(holdings, iri, page, zones),
                "through_taxonomy": {zone: [label(step) for step in path] for zone, path in through.items() if path},
                "through_taxonomy_en": {zone: [holdings.industries[step]["label_en"] or label(step) for step in path]
                                        for zone, path in through.items() if path}}

    only = {}
    for zone in zones:
        others = set().union(*(profiles[other] for other in zones if other != zone))
        only[zone] = [_industry(holdings, iri, page, [zone]) for iri in sorted(assigned[zone] - others, key=label)]
    some = []
    if len(zones) > 2:
        counted = set(shared) | {item["iri"] for items in only.values() for item in items}
        for iri in sorted(set().union(*assigned.values()) - counted, key=label):
            holders = [zone for zone in zones if iri in profiles[zone]]
            some.append({**_industry(holdings, iri, page, holders), "zones": holders})
    pairs = []
    for a, b in combinations(zones, 2):
        pair_shared = rule.shared(assigned[a], assigned[b], profiles[a], profiles[b])
        pairs.append({"zones": [a, b], "shared": len(pair_shared),
                      "similarity": similarity(len(pair_shared), len(assigned[a]), len(assigned[b]))})
    return {"shared": [shared_entry(iri) for iri in sorted(shared, key=label)], "only": only, "some": some,
            "pairs": pairs, "similarity": sum(pair["similarity"] for pair in pairs) / len(pairs)}


def align_figures(figures_by_zone: dict[str, list[dict]]) -> list[dict]:
    """The zones' figures (figures.area_figures' observations) in rows by indicator, kind, period and unit:
    [{indicator, kind, when, unit, by_zone: {zone: [figure, ...]}}], baselines first."""
    rows: dict[tuple, dict] = {}
    order = {"baseline": 0, "planned": 1, "target": 2}
    for zone, figures in figures_by_zone.items():
        for figure in figures:
            key = (figure["indicator"], figure["kind"], figure["when"], figure["unit"], figure["table_total"])
            row = rows.setdefault(key, {"indicator": figure["indicator"], "indicator_zh": figure["indicator_zh"],
                                        "indicator_en": figure["indicator_en"], "kind": figure["kind"],
                                        "kind_zh": figure["kind_zh"], "when": figure["when"], "unit": figure["unit"],
                                        "by_zone": {}})
            row["by_zone"].setdefault(zone, []).append(figure)
    return sorted(rows.values(), key=lambda row: (order.get(row["kind"], 3), row["when"], row["indicator_en"], row["unit"]))


def relations_side_by_side(network, zones: list[str], page=lambda iri: iri) -> list[dict]:
    """For each kind of link (bases, clusters, sub-cities, partnerships): each zone's targets, the ones
    every compared zone has marked `common`."""
    from hzkg.service.network.model import display_label

    answer = []
    for relation, zh, en in LINKS:
        by_zone = {}
        for zone in zones:
            if zone not in network:
                by_zone[zone] = []
                continue
            targets = {target for _, target, key in network.out_edges(zone, keys=True) if key == relation}
            if relation == DEF + "cooperatesWith":  # symmetric, drawn once
                targets |= {source for source, _, key in network.in_edges(zone, keys=True) if key == relation}
            by_zone[zone] = sorted(targets, key=lambda iri: display_label(network, iri))
        common = set.intersection(*(set(targets) for targets in by_zone.values())) if by_zone else set()
        answer.append({"relation": relation, "label": zh, "label_en": en,
                       "by_zone": {zone: [{"iri": iri, "label": display_label(network, iri),
                                           "label_en": display_label(network, iri, "en"), "page": page(iri),
                                           "common": iri in common, "compared": iri in zones}
                                          for iri in targets] for zone, targets in by_zone.items()}})
    return answer


def comparison_rows(document: dict):
    """/compare as a tidy table: one row per zone and shared or own industry (with each role and its sentence),
    figure (with each sentence) and link; names and details in Chinese and in English."""
    zones = {zone["iri"]: (zone["label"], zone["label_en"]) for zone in document["zones"]}
    for part, industries in [("shared", document["shared"]), ("some", document["some"])] + [
            ("only", document["only"][zone["iri"]]) for zone in document["zones"]]:
        for industry in industries:
            for zone in zones:
                if part == "only" and industry not in document["only"][zone]:
                    continue
                path = industry.get("through_taxonomy", {}).get(zone)
                roles = industry["roles"].get(zone, [])
                if path:
                    yield (part, zone, *zones[zone], industry["iri"], industry["label"], industry["label_en"],
                           "只经由分类：" + " → ".join(path),
                           "only through the taxonomy: " + " → ".join(industry["through_taxonomy_en"][zone]), "", "")
                for role in roles:
                    yield (part, zone, *zones[zone], industry["iri"], industry["label"], industry["label_en"], role["label"],
                           role["label_en"], role["section"], role["sentence"])
    for row in document["figures"]:
        for zone, figures in row["by_zone"].items():
            for figure in figures:
                said = {language: figure_words(figure["value"], figure["unit_id"], figure["qualifier_id"], language,
                                               unit_zh=figure["unit"]) for language in ("zh", "en")}
                detail = f"{row['kind_zh']} {row['when']}：{said['zh']}" + ("（规划自相矛盾）" if figure["contradiction"] else "")
                detail_en = f"{row['kind']} {row['when']}: {said['en']}" + (
                    " (the plan contradicts itself)" if figure["contradiction"] else "")
                for citation in figure["citations"]:
                    yield ("figure", zone, *zones[zone], row["indicator"], row["indicator_zh"], row["indicator_en"],
                           detail, detail_en, citation["section"], citation["quote"])
    for relation in document["relations"]:
        for zone, targets in relation["by_zone"].items():
            for target in targets:
                yield ("link", zone, *zones[zone], target["iri"], target["label"], target["label_en"], relation["label"],
                       relation["label_en"], "", "")

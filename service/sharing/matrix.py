"""The zone × industry matrix: every zone's roles for every industry, each with its section and sentence.

One dict for JSON and the page (`matrix_content`), and its tidy rows for CSV (`matrix_rows`): one row per
zone, industry, role kind and section. A cell is a (zone, industry) with at least one role; a role that is
to be restructured away (hz:RestructureAway) is in the cell but does not make the zone hold the industry.
"""
from __future__ import annotations

from hzkg.service.sharing.holdings import Holdings
from hzkg.service.sharing.measures import SharingRule, cluster_order, holding_zones, similarity

__all__ = ["matrix_content", "matrix_rows", "CSV_COLUMNS"]

CSV_COLUMNS = ("zone", "zone_label", "zone_label_en", "industry", "industry_label", "industry_label_en", "group_label",
               "group_label_en", "role_kind", "role", "role_en", "section", "sentence")


def _zone_entry(holdings: Holdings, zone: str, page) -> dict:
    data = holdings.zones[zone]
    return {"iri": zone, "label": data["label"], "label_en": data["label_en"], "page": page(zone),
            "level": data["level"], "level_label": data["level_label"], "level_label_en": data["level_label_en"],
            "group": data["group"], "group_label": data["group_label"], "group_label_en": data["group_label_en"],
            "into": data["into"],
            "industries": len(holdings.assigned(zone))}


def _orders(holdings: Holdings, zones: list[str]) -> dict[str, list[str]]:
    """Row orders: the plan's (group, then the appendix table's row), by count, by similarity (clustered)."""
    holding = holding_zones(holdings)
    assignment = {zone: holdings.assigned(zone) for zone in holding}
    shared = SharingRule(holdings).by_pair(assignment)
    alike = {}
    for (a, b), industries in shared.items():
        alike[(a, b)] = alike[(b, a)] = similarity(len(industries), len(assignment[a]), len(assignment[b]))
    clustered = cluster_order(holding, lambda a, b: alike[(a, b)])
    rest = [zone for zone in zones if zone not in holding]
    return {"plan": zones,
            "count": sorted(zones, key=lambda zone: (-len(holdings.assigned(zone)), zones.index(zone))),
            "similarity": clustered + rest}


def matrix_content(holdings: Holdings, page=lambda iri: iri) -> dict:
    """{zones, industries, cells, role_kinds, groups, orders}; `page(iri)` gives a resource's local page."""
    zones = holdings.zone_order()
    in_cells = {industry for (_, industry) in holdings.roles} | set().union(*holdings.holds.values())
    industries = holdings.industries
    groups = {industries[i]["group"] for i in in_cells if industries[i]["group"]}
    group_order = sorted(groups, key=lambda g: industries[g]["label"])

    def column_key(iri):
        group = industries[iri]["group"]
        return (group is None, group_order.index(group) if group else 0, not industries[iri]["is_group"],
                -sum(iri in holdings.holds.get(zone, ()) for zone in zones), industries[iri]["label"])

    columns = sorted(in_cells, key=column_key)
    cells = []
    for zone in zones:
        for industry in columns:
            roles = holdings.roles.get((zone, industry), [])
            if not roles:
                continue
            cells.append({"zone": zone, "industry": industry, "holds": industry in holdings.holds.get(zone, ()),
                          "roles": [{"kind": role["kind"], "label": role["label"], "section": role["section"],
                                     "sentence": role["quote"], "citation": role["citation"],
                                     "citation_page": page(role["citation"]), "block": role["block"]}
                                    for role in roles]})
    kinds = sorted(holdings.kinds.values(), key=lambda kind: (kind["away"], kind["heading_label"] != "总体定位",
                                                              kind["heading_label"], kind["label"]))
    return {
        "zones": [_zone_entry(holdings, zone, page) for zone in zones],
        "industries": [{"iri": iri, "label": industries[iri]["label"], "label_en": industries[iri]["label_en"],
                        "group": industries[iri]["group"],
                        "group_label": industries[industries[iri]["group"]]["label"] if industries[iri]["group"] else None,
                        "group_label_en": industries[industries[iri]["group"]]["label_en"] if industries[iri]["group"] else None,
                        "is_group": industries[iri]["is_group"], "page": page(iri)} for iri in columns],
        "groups": [{"iri": group, "label": industries[group]["label"], "label_en": industries[group]["label_en"],
                    "page": page(group)} for group in group_order],
        "cells": cells,
        "role_kinds": [{"kind": kind["kind"], "label": kind["label"], "label_en": kind["label_en"],
                        "heading": kind["heading_label"], "heading_en": kind["heading_label_en"], "away": kind["away"]}
                       for kind in kinds],
        "orders": _orders(holdings, zones),
    }


def matrix_rows(content: dict):
    """The tidy table: one row per zone, industry, role kind and section (with the sentence)."""
    zones = {zone["iri"]: zone for zone in content["zones"]}
    industries = {industry["iri"]: industry for industry in content["industries"]}
    kinds = {kind["kind"]: kind for kind in content["role_kinds"]}
    for cell in content["cells"]:
        industry = industries[cell["industry"]]
        seen = set()
        for role in cell["roles"]:
            key = (role["kind"], role["section"], role["sentence"])
            if key in seen:
                continue
            seen.add(key)
            kind = kinds.get(role["kind"], {})
            yield (cell["zone"], zones[cell["zone"]]["label"], zones[cell["zone"]]["label_en"], cell["industry"],
                   industry["label"], industry["label_en"], industry["group_label"] or "", industry["group_label_en"] or "",
                   role["kind"], kind.get("label", role["label"]), kind.get("label_en", ""), role["section"], role["sentence"])

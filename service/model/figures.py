"""The plan's figures from the store: every figure of one area (baselines, planned amounts,
targets) grouped by unit, and every zone's 2015 GDP target with the growth each implies, each
figure with its qualifier and the sentences that state it. /charts/… and /map draw them.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from hzkg.graph.prefixes import DEF, ID, sparql_prefixes
from hzkg.service.checking.binding import make_term
from hzkg.service.errors import NotFound
from hzkg.service.state import ServiceState

__all__ = ["area_figures", "gdp_targets"]

HZ = DEF

# One row per observation and citation; labels as single-pattern OPTIONALs (see queries/zone-profile.rq).
_OBSERVATIONS = "\n" + sparql_prefixes("hz", "rdfs") + """SELECT ?observation ?area ?area_zh ?area_en ?indicator ?indicator_zh ?indicator_en ?kind ?year ?start ?end ?value
       ?unit ?unit_zh ?unit_en ?qualifier ?qualifier_zh ?qualifier_en ?citation ?section ?quote ?total WHERE {
  %s
  ?observation a hz:Observation ; hz:refArea ?area ; hz:indicator ?indicator ; hz:valueKind ?kind ;
               hz:value ?value ; hz:unit ?unit ; hz:qualifier ?qualifier ; hz:citation ?citation .
  ?citation hz:section/hz:sectionNumber ?section ; hz:quote ?quote .
  OPTIONAL { ?observation hz:year ?year }
  OPTIONAL { ?observation hz:periodStart ?start }
  OPTIONAL { ?observation hz:periodEnd ?end }
  OPTIONAL { ?observation hz:tableTotal ?total }
  OPTIONAL { ?area rdfs:label ?area_zh FILTER(lang(?area_zh) = "zh") }
  OPTIONAL { ?area rdfs:label ?area_en FILTER(lang(?area_en) = "en") }
  OPTIONAL { ?indicator rdfs:label ?indicator_zh FILTER(lang(?indicator_zh) = "zh") }
  OPTIONAL { ?indicator rdfs:label ?indicator_en FILTER(lang(?indicator_en) = "en") }
  OPTIONAL { ?unit rdfs:label ?unit_zh FILTER(lang(?unit_zh) = "zh") }
  OPTIONAL { ?unit rdfs:label ?unit_en FILTER(lang(?unit_en) = "en") }
  OPTIONAL { ?qualifier rdfs:label ?qualifier_zh FILTER(lang(?qualifier_zh) = "zh") }
  OPTIONAL { ?qualifier rdfs:label ?qualifier_en FILTER(lang(?qualifier_en) = "en") }
}"""
_KINDS = {HZ + "Baseline": ("基数", "baseline"), HZ + "Planned": ("计划", "planned"), HZ + "Target": ("目标", "target")}


def _number(value) -> float | int:
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else float(number)


def _observations(state: ServiceState, where: str) -> list[dict]:
    """Observations (one dict each, its citations gathered) matching the `where` patterns."""
    result = state.store.query(_OBSERVATIONS % where)
    names = result.variables
    found: dict[str, dict] = {}
    for values in result.rows:
        row = dict(zip(names, values))
        iri = str(row["observation"])
        if iri not in found:
            kind_zh, kind_en = _KINDS.get(str(row["kind"]), ("", str(row["kind"]).rsplit("/", 1)[-1]))
            when = str(row["year"]) if row["year"] is not None else f"{row['start']}–{row['end']}"
            qualifier = str(row["qualifier"])
            found[iri] = {
                "observation": iri, "page": state.local_path(iri),
                "area": str(row["area"]), "area_zh": str(row["area_zh"] or ""),
                "area_en": str(row["area_en"] or ""), "area_page": state.local_path(str(row["area"])),
                "indicator": str(row["indicator"]), "indicator_zh": str(row["indicator_zh"] or ""),
                "indicator_en": str(row["indicator_en"] or ""), "kind": kind_en, "kind_zh": kind_zh, "when": when,
                "value": _number(row["value"]), "unit": str(row["unit_zh"] or ""),
                "unit_en": str(row["unit_en"] or ""), "unit_id": str(row["unit"]).rsplit("/", 1)[-1],
                # The plan's own word for the qualifier (左右, 以上, 超过, 预计); none for an exact figure.
                "qualifier": "" if qualifier == HZ + "Exact" else str(row["qualifier_zh"] or "").split("、")[0],
                "qualifier_en": str(row["qualifier_en"] or ""), "qualifier_id": qualifier.rsplit("/", 1)[-1],
                "table_total": row["total"] is not None,
                "citations": [],
            }
        citation = {"section": str(row["section"]), "quote": str(row["quote"]), "citation": str(row["citation"])}
        if citation not in found[iri]["citations"]:
            found[iri]["citations"].append(citation)
    for observation in found.values():
        observation["citations"].sort(key=lambda citation: citation["section"])
    return list(found.values())


_KIND_ORDER = {"baseline": 0, "planned": 1, "target": 2}


def area_figures(state: ServiceState, iri: str) -> dict:
    """Every figure of one area, grouped by unit: {area, label, groups: [{unit, figures: [...]}]}."""
    term = make_term("iri", "iri", iri).n3()  # checked: a bad IRI is a 400, never part of the query
    observations = _observations(state, f"BIND({term} AS ?area)")
    if not observations:
        raise NotFound(f"the plan gives no figures for {iri}; figures exist for zones and for all zones together "
                       f"({ID}area/all-zones)")
    observations.sort(key=lambda o: (o["unit"], o["indicator_en"], _KIND_ORDER.get(o["kind"], 3), o["when"], o["value"]))
    groups: dict[str, list] = defaultdict(list)
    for observation in observations:
        groups[observation["unit"]].append(observation)
    _mark_contradictions(observations)
    return {"area": iri, "label": observations[0]["area_zh"], "page": state.local_path(iri),
            "groups": [{"unit": unit, "figures": figures} for unit, figures in groups.items()]}


def _mark_contradictions(observations: list[dict]) -> None:
    """Two figures of one area, indicator, kind and period with different values: the plan contradicts itself.
    The appendix table's total row is a sum, compared by the build's consistency rules, not here."""
    by_key: dict[tuple, list] = defaultdict(list)
    for observation in observations:
        key = (observation["area"], observation["indicator"], observation["kind"], observation["when"], observation["table_total"])
        by_key[key].append(observation)
    for same in by_key.values():
        values = {observation["value"] for observation in same}
        for observation in same:
            observation["contradiction"] = len(values) > 1
            observation["other_values"] = sorted(values - {observation["value"]})


def _ratio(to_value, from_value) -> Decimal:
    """As growth-implied computes it: ROUND(1000 * to / from) / 1000."""
    return (Decimal(str(to_value)) * 1000 / Decimal(str(from_value))).quantize(Decimal(1), ROUND_HALF_UP) / 1000


def gdp_targets(state: ServiceState) -> dict:
    """Every zone's 2015 GDP target (a zone with two values twice, marked), and the growth the plan's 2015
    figures imply against 2010: all zones' GDP, and each zone's developed area after its 2011–2015 new area
    (the plan gives no zone's 2010 GDP), as the named query growth-implied computes them."""
    zones = _observations(state, "?area a hz:DevelopmentZone .")
    _mark_contradictions(zones)
    targets = sorted((o for o in zones if o["indicator"] == HZ + "GDP" and o["kind"] == "target" and o["when"] == "2015"),
                     key=lambda o: (-o["value"], o["area_zh"], o["citations"][0]["section"]))
    growth = []
    # The table's total row (3241) is a sum, not the plan's target (3000): left out, as growth-implied does.
    everywhere = {(o["indicator"], o["kind"], o["when"]): o
                  for o in _observations(state, f"BIND(<{state.settings['base_iri']}id/area/all-zones> AS ?area)")
                  if not o["table_total"]}
    base, target = everywhere.get((HZ + "GDP", "baseline", "2010")), everywhere.get((HZ + "GDP", "target", "2015"))
    if base and target:
        growth.append(_growth(base, target, target["value"], ("地区生产总值 2010 → 2015", "GDP 2010 → 2015")))
    developed = {o["area"]: o for o in zones if o["indicator"] == HZ + "DevelopedArea" and o["when"] == "2010"}
    for new in zones:
        if new["indicator"] == HZ + "NewDevelopmentArea" and new["area"] in developed:
            base = developed[new["area"]]
            total = _number(Decimal(str(base["value"])) + Decimal(str(new["value"])))
            growth.append(_growth(base, new, total, (f"已开发面积 2010 → + 新开发面积 {new['when']}",
                                                     f"developed area 2010 → + new development area {new['when']}")))
    growth.sort(key=lambda g: (g["measure"], -g["ratio"], g["area_zh"]))
    return {"indicator": "地区生产总值 GDP", "unit": targets[0]["unit"] if targets else "",
            "unit_en": targets[0]["unit_en"] if targets else "", "targets": targets, "growth": growth}


def _growth(base: dict, target: dict, to_value, measure: tuple[str, str]) -> dict:
    """`measure` is (中文, English); "measure" keeps the Chinese and English together, as it always has."""
    ratio = _ratio(to_value, base["value"])
    return {"area": base["area"], "area_zh": base["area_zh"], "area_en": base["area_en"], "area_page": base["area_page"],
            "measure": f"{measure[0]} {measure[1]}" if measure[0].startswith("地区") else measure[0],
            "measure_zh": measure[0], "measure_en": measure[1], "is_gdp": measure[1].startswith("GDP"),
            "from": base, "to": target, "to_value": to_value, "unit": base["unit"], "ratio": float(ratio),
            # growth-implied's ROUND(1000 * (to - from) / from) / 10
            "change_percent": float(((Decimal(str(to_value)) - Decimal(str(base["value"]))) * 1000
                                     / Decimal(str(base["value"]))).quantize(Decimal(1), ROUND_HALF_UP) / 10),
            "annual_percent": round((float(Decimal(str(to_value)) / Decimal(str(base["value"]))) ** (1 / 5) - 1) * 100, 1)}

"""How differentiated the plan's assignment of industries is: every pair's overlap, each zone's distinctive
industries, the most-held industries, and one index for the whole plan beside random assignments of the
same sizes (service/sharing/measures.py says how each figure is counted)."""
from __future__ import annotations

from collections import Counter

from hzkg.graph.prefixes import sparql_prefixes
from hzkg.service.sharing.holdings import Holdings
from hzkg.service.sharing.measures import (DRAWS, SEED, cluster_order, distinctive, holding_zones, pair_measures,
                                           plan_index, random_baseline)

__all__ = ["overlap_content", "differentiation_sentences", "DIFFERENTIATION_PHRASES", "MOST_HELD"]

MOST_HELD = 15
# The plan's own words on differentiation: the citations whose sentence holds one of these phrases
# (二（二） and 六（一）) are shown beside the index, as the graph quotes them.
DIFFERENTIATION_PHRASES = ("形成开发区（园区）各自产业特色", "推进开发区（园区）差异化、特色化发展")
_SENTENCES = sparql_prefixes("hz") + """SELECT DISTINCT ?citation ?section ?quote WHERE {
  ?citation a hz:Citation ; hz:quote ?quote ; hz:section/hz:sectionNumber ?section .
  FILTER(%s)
} ORDER BY ?section ?citation"""


def differentiation_sentences(store, page=lambda iri: iri) -> list[dict]:
    condition = " || ".join(f'CONTAINS(STR(?quote), "{phrase}")' for phrase in DIFFERENTIATION_PHRASES)
    return [{"citation": str(citation), "page": page(str(citation)), "section": str(section), "sentence": str(quote),
             "phrase": next(phrase for phrase in DIFFERENTIATION_PHRASES if phrase in str(quote))}
            for citation, section, quote in store.query(_SENTENCES % condition, whole=True).rows]


def _histogram(values: list[float], bins: int = 24) -> list[dict]:
    """Counts of `values` (the last one excluded from the counts: the plan's) in equal bins spanning all of them."""
    low, high = min(values), max(values)
    width = (high - low) / bins or 1.0
    counts = [0] * bins
    for value in values[:-1]:
        counts[min(int((value - low) / width), bins - 1)] += 1
    return [{"from": low + n * width, "to": low + (n + 1) * width, "draws": count} for n, count in enumerate(counts)] + [None]


def overlap_content(holdings: Holdings, sentences: list[dict], page=lambda iri: iri, draws: int = DRAWS) -> dict:
    zones = holding_zones(holdings)
    pairs = pair_measures(holdings, zones)
    alike = {}
    for pair in pairs:
        a, b = pair["zones"]
        alike[(a, b)] = alike[(b, a)] = pair["similarity"]
    baseline = random_baseline(holdings, draws=draws, seed=SEED)
    index = plan_index(pairs)
    indices = baseline.pop("indices")
    baseline["at_or_below_plan"] = sum(value <= index for value in indices) / len(indices)
    baseline["histogram"] = _histogram(indices + [index])[:-1] if indices else []
    counts = Counter(industry for zone in zones for industry in holdings.assigned(zone))
    label = lambda iri: holdings.industries[iri]["label"]
    label_en = lambda iri: holdings.industries[iri]["label_en"] or label(iri)
    zone_en = lambda zone: holdings.zones[zone]["label_en"] or holdings.zones[zone]["label"]
    most_held = sorted(counts, key=lambda iri: (-counts[iri], label(iri)))[:MOST_HELD]
    alone = distinctive(holdings)
    without = [zone for zone in holdings.zone_order() if zone not in zones]
    return {
        "zones": [{"iri": zone, "label": holdings.zones[zone]["label"], "label_en": zone_en(zone), "page": page(zone),
                   "industries": len(holdings.assigned(zone))} for zone in zones],
        "zones_without_industries": [{"iri": zone, "label": holdings.zones[zone]["label"], "label_en": zone_en(zone),
                                      "page": page(zone), "into": holdings.zones[zone]["into"]} for zone in without],
        "pairs": [{**pair, "industries": [{"iri": iri, "label": label(iri), "label_en": label_en(iri)}
                                          for iri in pair["industries"]]}
                  for pair in pairs],
        "order": cluster_order(zones, lambda a, b: alike[(a, b)]),
        "distinctive": {zone: alone.get(zone, []) for zone in zones},
        "distinctive_labels": {zone: [label(iri) for iri in alone.get(zone, [])] for zone in zones},
        "distinctive_labels_en": {zone: [label_en(iri) for iri in alone.get(zone, [])] for zone in zones},
        "most_held": [{"iri": iri, "label": label(iri), "label_en": label_en(iri), "page": page(iri), "zones": counts[iri]}
                      for iri in most_held],
        "index": {"similarity": index, "role_weighted": plan_index(pairs, "role_weighted"), "pairs": len(pairs),
                  "sharing_pairs": sum(pair["shared"] > 0 for pair in pairs)},
        "random": baseline,
        "sentences": sentences,
    }

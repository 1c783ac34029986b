"""How alike the zones' industries are: shared industries, two similarities, distinctive industries,
one index for the whole plan and what random assignments of the same sizes give.

The shared-industry rule is service/network/projections.py's (the rule of the named query
zone-pairs-sharing-industries): taxonomy-aware, each shared industry counted once at the most
specific level, broad groups left out.

- similarity (Jaccard) = shared / (|A| + |B| − shared), |A| the zone's own industries (hz:hasIndustry,
  no broad groups): the named query zone-pair-similarity, unrounded.
- role-weighted similarity = Σ min(w_A, w_B) / Σ max(w_A, w_B) over the industries either zone holds
  (weighted Jaccard), w the number of distinct role kinds the plan gives the zone for the industry
  (a zone naming an industry in its 总体定位 and again in its 发展导向 weighs it 2): exact industries only,
  no taxonomy, so that it reads how strongly two zones are pointed at the same industries.
"""
from __future__ import annotations

import random
from itertools import combinations
from statistics import fmean

import networkx as nx

from hzkg.service.network.projections import BROADER, industry_profile
from hzkg.service.sharing.holdings import Holdings

__all__ = ["pair_measures", "similarity", "role_weighted_similarity", "distinctive", "plan_index",
           "random_baseline", "cluster_order", "holding_zones", "SharingRule", "DRAWS", "SEED"]

DRAWS = 1000
SEED = 2011  # the plan's first year; any fixed seed makes the baseline the same on every run


def similarity(shared: int, size_a: int, size_b: int) -> float:
    """Jaccard at the shared-industry rule.

    >>> similarity(6, 17, 12)
    0.2608695652173913
    >>> similarity(0, 0, 0)
    0.0
    """
    union = size_a + size_b - shared
    return shared / union if union else 0.0


def role_weighted_similarity(weights_a: dict[str, int], weights_b: dict[str, int]) -> float:
    """Weighted Jaccard Σ min / Σ max of two {industry: weight} maps.

    >>> role_weighted_similarity({"auto": 2, "it": 1}, {"auto": 1, "food": 1})
    0.25
    """
    industries = set(weights_a) | set(weights_b)
    top = sum(max(weights_a.get(i, 0), weights_b.get(i, 0)) for i in industries)
    return sum(min(weights_a.get(i, 0), weights_b.get(i, 0)) for i in industries) / top if top else 0.0


def _role_weights(holdings: Holdings, zone: str) -> dict[str, int]:
    return {industry: len({role["kind"] for role in holdings.roles.get((zone, industry), ())
                           if not holdings.kinds.get(role["kind"], {}).get("away")}) or 1
            for industry in holdings.assigned(zone)}


def holding_zones(holdings: Holdings) -> list[str]:
    """The zones assigned at least one industry, in the plan's order (the others have nothing to compare)."""
    return [zone for zone in holdings.zone_order() if holdings.assigned(zone)]


class SharingRule:
    """projections.py's shared-industry rule with each industry's part precomputed, so that a thousand random
    assignments are counted in about a second: profile(zone) = the union of its industries' taxonomy-aware
    profiles (projections.industry_profile of a zone holding that industry alone), and the most specific
    level drops every industry that is broader than another one of the set."""

    def __init__(self, holdings: Holdings):
        industries = [iri for iri, industry in holdings.industries.items() if not industry["is_group"]]
        network = holdings.network({f"urn:one-industry:{i}": {industry} for i, industry in enumerate(industries)})
        self.profile_of = {industry: industry_profile(network, f"urn:one-industry:{i}")
                           for i, industry in enumerate(industries)}
        broader = nx.DiGraph()
        broader.add_edges_from((source, target) for source, target, key in holdings.taxonomy.edges(keys=True)
                               if key == BROADER)
        self.broader_than = {industry: nx.descendants(broader, industry) if industry in broader else set()
                             for industry in industries}

    def profile(self, assigned: set[str]) -> set[str]:
        return set().union(*(self.profile_of[industry] for industry in assigned))

    def shared(self, assigned_a: set[str], assigned_b: set[str], profile_a: set[str], profile_b: set[str]) -> set[str]:
        candidates = profile_a & profile_b & (assigned_a | assigned_b)
        covered = set().union(*(self.broader_than.get(industry, ()) for industry in candidates))
        return candidates - covered

    def by_pair(self, assignment: dict[str, set[str]]) -> dict[tuple[str, str], set[str]]:
        profiles = {zone: self.profile(industries) for zone, industries in assignment.items()}
        return {(a, b): self.shared(assignment[a], assignment[b], profiles[a], profiles[b])
                for a, b in combinations(assignment, 2)}


def pair_measures(holdings: Holdings, zones: list[str] | None = None) -> list[dict]:
    """Every pair of `zones` (default: the zones holding industries): shared industries, both similarities."""
    zones = holding_zones(holdings) if zones is None else zones
    assignment = {zone: holdings.assigned(zone) for zone in zones}
    shared = SharingRule(holdings).by_pair(assignment)
    weights = {zone: _role_weights(holdings, zone) for zone in zones}
    return [{"zones": [a, b], "shared": len(industries), "industries": sorted(industries),
             "similarity": similarity(len(industries), len(assignment[a]), len(assignment[b])),
             "role_weighted": role_weighted_similarity(weights[a], weights[b])}
            for (a, b), industries in shared.items()]


def distinctive(holdings: Holdings) -> dict[str, list[str]]:
    """Each zone's industries that no other zone holds, directly or through the taxonomy
    (the named query distinctive-industries)."""
    rule = SharingRule(holdings)
    profiles = {zone: rule.profile(holdings.assigned(zone)) for zone in holdings.holds}
    answer = {}
    for zone in holdings.zone_order():
        others = set().union(*(profile for other, profile in profiles.items() if other != zone))
        answer[zone] = sorted(holdings.assigned(zone) - others, key=lambda i: holdings.industries[i]["label"])
    return answer


def plan_index(pairs: list[dict], key: str = "similarity") -> float:
    """The mean pairwise similarity: 0 when no two zones share an industry, 1 when all hold the same."""
    return fmean(pair[key] for pair in pairs) if pairs else 0.0


def random_baseline(holdings: Holdings, draws: int = DRAWS, seed: int = SEED) -> dict:
    """The plan index of `draws` random assignments: each zone keeps its number of industries, drawn
    without replacement from the industries some zone holds, counted by the same rule (taxonomy included)."""
    zones = holding_zones(holdings)
    sizes = {zone: len(holdings.assigned(zone)) for zone in zones}
    pool = sorted(set().union(*(holdings.assigned(zone) for zone in zones)))
    generator = random.Random(seed)
    rule = SharingRule(holdings)
    indices = []
    for _ in range(draws):
        assignment = {zone: set(generator.sample(pool, size)) for zone, size in sizes.items()}
        shared = rule.by_pair(assignment)
        indices.append(fmean(similarity(len(industries), sizes[a], sizes[b]) for (a, b), industries in shared.items()))
    indices.sort()
    return {"draws": draws, "seed": seed, "pool": len(pool), "mean": fmean(indices),
            "low": indices[int(0.025 * draws)], "high": indices[int(0.975 * draws) - 1],
            "at_or_below_plan": None, "indices": indices}


def cluster_order(items: list[str], alike) -> list[str]:
    """`items` in the leaf order of an average-linkage clustering by `alike(a, b)` (higher = more alike),
    so that alike items sit together in a heatmap; ties keep the given order. (No clustering library is
    a dependency here: scipy for one 17-leaf tree was not worth it.)

    >>> cluster_order(["a", "b", "c", "d"], lambda x, y: 1.0 if {x, y} in ({"a", "c"}, {"b", "d"}) else 0.0)
    ['a', 'c', 'b', 'd']
    """
    clusters = [[item] for item in items]
    while len(clusters) > 1:
        best = None
        for i, j in combinations(range(len(clusters)), 2):
            score = fmean(alike(a, b) for a in clusters[i] for b in clusters[j])
            if best is None or score > best[0]:
                best = (score, i, j)
        _, i, j = best
        clusters[i] = clusters[i] + clusters[j]
        del clusters[j]
    return clusters[0] if clusters else []

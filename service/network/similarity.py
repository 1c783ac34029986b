"""Similarity of zones' industry profiles (Jaccard), and the most similar zones for each."""
from __future__ import annotations

from hzkg.service.network.projections import industry_profile, industry_profiles, nodes_of_kind

__all__ = ["jaccard", "zone_similarity", "most_similar"]


def jaccard(first: set, second: set) -> float:
    """|A ∩ B| / |A ∪ B|; 0 for two empty sets.

    Examples
    --------
    >>> jaccard({"auto", "it", "food"}, {"auto", "it", "textiles", "finance"})
    0.4
    >>> jaccard(set(), set())
    0.0
    """
    union = first | second
    return len(first & second) / len(union) if union else 0.0


def zone_similarity(network, zone_a: str, zone_b: str) -> float:
    """Jaccard similarity of the two zones' taxonomy-aware industry profiles
    (projections.industry_profile: assigned, broader and related industries, no broad groups)."""
    return jaccard(industry_profile(network, zone_a), industry_profile(network, zone_b))


def most_similar(network, zone: str | None = None, top: int = 5) -> dict[str, list[dict]]:
    """For `zone` (or every zone): the `top` other zones by similarity, best first, ties by IRI,
    each with the score and the industries in common; zones with nothing in common are left out.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> hz = "https://w3id.org/hzkg/def/"
    >>> for zone in "abc": g.add_node(zone, kind="DevelopmentZone")
    >>> for zone, industry in [("a", "x"), ("a", "y"), ("b", "x"), ("b", "y"), ("b", "z"), ("c", "z")]:
    ...     _ = g.add_edge(zone, industry, key=hz + "hasIndustry")
    >>> [(entry["zone"], round(entry["score"], 3)) for entry in most_similar(g, "b")["b"]]
    [('a', 0.667), ('c', 0.333)]
    """
    zones = nodes_of_kind(network, "DevelopmentZone")
    profiles = industry_profiles(network, zones)
    answer = {}
    for one in [zone] if zone else zones:
        scored = []
        for other in zones:
            if other == one:
                continue
            score = jaccard(profiles[one], profiles[other])
            if score > 0:
                scored.append({"zone": other, "score": score, "common": sorted(profiles[one] & profiles[other])})
        scored.sort(key=lambda entry: (-entry["score"], entry["zone"]))
        answer[one] = scored[:top]
    return answer

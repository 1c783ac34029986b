"""Projections of the typed network onto the questions researchers ask.

zone–zone by shared industries (taxonomy-aware, the catalogue's rule), zone–zone by
partnership, zone–base and zone–cluster. Each returns a new undirected nx.Graph whose
nodes keep the typed network's attributes.
"""
from __future__ import annotations

from itertools import combinations

import networkx as nx

from hzkg.graph.paths import DEF

__all__ = [
    "PROJECTIONS", "industry_profile", "industry_profiles", "most_specific", "shared_industries", "shared_through_taxonomy",
    "shared_industry_projection", "partnership_projection", "zone_base_projection", "zone_cluster_projection",
    "nodes_of_kind",
]

HAS_INDUSTRY = DEF + "hasIndustry"
BROADER = "http://www.w3.org/2004/02/skos/core#broader"
RELATED = "http://www.w3.org/2004/02/skos/core#related"
PARTNERSHIP_RELATIONS = (DEF + "drives", DEF + "cooperatesWith", DEF + "reliesOn", DEF + "takesOverFrom")


def nodes_of_kind(network, kind: str) -> list[str]:
    return sorted(node for node, data in network.nodes(data=True) if data.get("kind") == kind)


def _targets(network, node, relation) -> set[str]:
    return {target for _, target, key in network.out_edges(node, keys=True) if key == relation}


def _related(network, industry) -> set[str]:
    # skos:related is symmetric but drawn once, so look both ways.
    return _targets(network, industry, RELATED) | {
        source for source, _, key in network.in_edges(industry, keys=True) if key == RELATED}


def industry_profile(network, zone: str, *, directly: bool = False) -> set[str]:
    """The industries of `zone`: assigned, or (default) taxonomy-aware — assigned, every broader
    one, and the ones related to an assigned one (hz:hasIndustryBroadly) — without broad groups.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("energy-group", kind="IndustryGroup")
    >>> _ = g.add_edge("z", "solar", key=HAS_INDUSTRY)
    >>> _ = g.add_edge("solar", "energy", key=BROADER)
    >>> _ = g.add_edge("energy", "energy-group", key=BROADER)
    >>> _ = g.add_edge("solar", "storage", key=RELATED)
    >>> sorted(industry_profile(g, "z")), sorted(industry_profile(g, "z", directly=True))
    (['energy', 'solar', 'storage'], ['solar'])
    """
    assigned = _targets(network, zone, HAS_INDUSTRY)
    if directly:
        return assigned
    broadly = set(assigned)
    for industry in assigned:
        broadly |= nx.descendants(_broader_network(network), industry)
        broadly |= _related(network, industry)
    return {industry for industry in broadly if network.nodes[industry].get("kind") != "IndustryGroup"}


def industry_profiles(network, zones=None) -> dict[str, set[str]]:
    zones = nodes_of_kind(network, "DevelopmentZone") if zones is None else zones
    return {zone: industry_profile(network, zone) for zone in zones}


def _broader_network(network):
    return nx.subgraph_view(network, filter_edge=lambda s, t, key: key == BROADER)


def most_specific(network, industries: set[str]) -> set[str]:
    """The industries of the set that no other industry of the set is narrower than.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("auto-parts", "automotive", key=BROADER)
    >>> sorted(most_specific(g, {"automotive", "auto-parts", "software"}))
    ['auto-parts', 'software']
    """
    broader = _broader_network(network)
    covered = set()
    for industry in industries:
        if industry in broader:
            covered |= nx.descendants(broader, industry) & industries
    return industries - covered


def shared_industries(network, zone_a: str, zone_b: str, profiles=None) -> set[str]:
    """Industries the two zones share, counted as queries/zone-pairs-sharing-industries.rq
    counts them: in both taxonomy-aware profiles, assigned directly to at least one, and
    each counted once, at the most specific level both zones have (a parent of a shared
    industry is not counted again).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "auto-parts", key=HAS_INDUSTRY); _ = g.add_edge("a", "automotive", key=HAS_INDUSTRY)
    >>> _ = g.add_edge("auto-parts", "automotive", key=BROADER)
    >>> _ = g.add_edge("b", "auto-parts", key=HAS_INDUSTRY); _ = g.add_edge("b", "automotive", key=HAS_INDUSTRY)
    >>> _ = g.add_edge("a", "solar", key=HAS_INDUSTRY); _ = g.add_edge("b", "wind", key=HAS_INDUSTRY)
    >>> _ = g.add_edge("solar", "energy", key=BROADER); _ = g.add_edge("wind", "energy", key=BROADER)
    >>> sorted(shared_industries(g, "a", "b"))  # not "automotive" (auto-parts is narrower), not "energy" (assigned to neither)
    ['auto-parts']
    """
    profiles = profiles or {}
    broad_a = profiles.get(zone_a) or industry_profile(network, zone_a)
    broad_b = profiles.get(zone_b) or industry_profile(network, zone_b)
    assigned = _targets(network, zone_a, HAS_INDUSTRY) | _targets(network, zone_b, HAS_INDUSTRY)
    return most_specific(network, broad_a & broad_b & assigned)


def _projected_graph(network, nodes, name: str) -> nx.Graph:
    graph = nx.Graph(name=name)
    graph.add_nodes_from((node, network.nodes[node]) for node in nodes)
    return graph


def shared_through_taxonomy(network, zone_a: str, zone_b: str, shared) -> list[str]:
    """The shared industries that one of the two zones holds only through the taxonomy (the plan
    assigns it a narrower industry, not this one): sharing the plan does not state (issue 22).

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "design", key=HAS_INDUSTRY); _ = g.add_edge("design", "culture", key=BROADER)
    >>> _ = g.add_edge("b", "culture", key=HAS_INDUSTRY)
    >>> shared_through_taxonomy(g, "a", "b", {"culture"})
    ['culture']
    """
    both = _targets(network, zone_a, HAS_INDUSTRY) & _targets(network, zone_b, HAS_INDUSTRY)
    return sorted(set(shared) - both)


def shared_industry_projection(network) -> nx.Graph:
    """Zones linked by the industries they share: `weight` = how many, `industries` = which (sorted),
    `through_taxonomy` = those of them one zone holds only through the taxonomy.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for zone in "abc": g.add_node(zone, kind="DevelopmentZone")
    >>> for zone, industry in [("a", "auto"), ("a", "it"), ("b", "auto"), ("b", "it"), ("c", "food")]:
    ...     _ = g.add_edge(zone, industry, key=HAS_INDUSTRY)
    >>> projection = shared_industry_projection(g)
    >>> list(projection.edges(data="weight")), sorted(projection.nodes)
    ([('a', 'b', 2)], ['a', 'b', 'c'])
    """
    zones = nodes_of_kind(network, "DevelopmentZone")
    profiles = industry_profiles(network, zones)
    graph = _projected_graph(network, zones, "shared-industries")
    for zone_a, zone_b in combinations(zones, 2):
        shared = shared_industries(network, zone_a, zone_b, profiles)
        if shared:
            graph.add_edge(zone_a, zone_b, weight=len(shared), industries=sorted(shared),
                           through_taxonomy=shared_through_taxonomy(network, zone_a, zone_b, shared))
    return graph


def partnership_projection(network) -> nx.Graph:
    """Zones linked when one drives, cooperates with or relies on the other; `relations` lists how.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for zone in "abc": g.add_node(zone, kind="DevelopmentZone")
    >>> g.add_node("area", kind="AdministrativeArea")
    >>> _ = g.add_edge("a", "b", key=PARTNERSHIP_RELATIONS[0]); _ = g.add_edge("a", "area", key=PARTNERSHIP_RELATIONS[0])
    >>> [(a, b, data["weight"]) for a, b, data in partnership_projection(g).edges(data=True)]
    [('a', 'b', 1)]
    """
    zones = nodes_of_kind(network, "DevelopmentZone")
    graph = _projected_graph(network, zones, "partnerships")
    for source, target, key in network.edges(keys=True):
        if key in PARTNERSHIP_RELATIONS and source in graph and target in graph and source != target:
            relations = graph.edges[source, target]["relations"] if graph.has_edge(source, target) else []
            graph.add_edge(source, target, relations=sorted(set(relations) | {key}))
            graph.edges[source, target]["weight"] = len(graph.edges[source, target]["relations"])
    return graph


_SHOWN_ON_A_TIE = ("label_zh", "label_en", "roles_zh", "roles_en", "sections")


def _bipartite(network, relations: tuple[str, ...], other_kind: str, name: str) -> nx.Graph:
    """Zones and the nodes of `other_kind` they are tied to by one of `relations`; each edge keeps
    which relation it is (`relation`, its labels, roles and sections), so an aspiration is drawn as one."""
    zones = nodes_of_kind(network, "DevelopmentZone")
    graph = _projected_graph(network, zones + nodes_of_kind(network, other_kind), name)
    for zone in zones:
        for _, target, key, data in network.out_edges(zone, keys=True, data=True):
            if key in relations and target in graph:
                graph.add_edge(zone, target, weight=1, relation=key,
                               **{field: data[field] for field in _SHOWN_ON_A_TIE if field in data})
    return graph


BASE_RELATIONS = tuple(DEF + name for name in ("inNationalBase", "aspiresToBase", "reliesOnBase"))
CLUSTER_RELATIONS = tuple(DEF + name for name in ("inCluster", "proposedInCluster", "docksWith", "linkedToCluster"))


def zone_base_projection(network) -> nx.Graph:
    """Zones and the national pilots and bases they are part of, aspire to or rely on (bipartite;
    `relation` says which: only hz:inNationalBase is membership)."""
    return _bipartite(network, BASE_RELATIONS, "NationalPilotOrBase", "zone-base")


def zone_cluster_projection(network) -> nx.Graph:
    """Zones and the provincial industrial clusters they take part in, are proposed in, dock with or
    link up with (bipartite; `relation` says which: only hz:inCluster is membership)."""
    return _bipartite(network, CLUSTER_RELATIONS, "IndustrialCluster", "zone-cluster")


PROJECTIONS = {
    "shared-industries": shared_industry_projection,
    "partnerships": partnership_projection,
    "zone-base": zone_base_projection,
    "zone-cluster": zone_cluster_projection,
}

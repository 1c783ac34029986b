"""Communities: groups of nodes more linked among themselves than to the rest (Louvain)."""
from __future__ import annotations

import networkx as nx

from hzkg.service.network.centrality import as_simple_graph

__all__ = ["louvain", "modularity"]


def louvain(graph, weight: str | None = "weight", seed: int = 0, resolution: float = 1.0) -> list[list[str]]:
    """Louvain communities, largest first, each sorted; the seed makes the answer repeatable.

    Examples
    --------
    >>> two_triangles = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> louvain(two_triangles)
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    simple = as_simple_graph(graph, weight)
    found = nx.community.louvain_communities(simple, weight=weight, seed=seed, resolution=resolution)
    return sorted((sorted(community) for community in found), key=lambda members: (-len(members), members))


def modularity(graph, communities, weight: str | None = "weight") -> float:
    """Newman's modularity of a split of `graph` into `communities`.

    Examples
    --------
    >>> two_triangles = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> round(modularity(two_triangles, [["a", "b", "c"], ["x", "y", "z"]]), 4)  # 2 (3/7 - 1/4) = 5/14
    0.3571
    """
    return nx.community.modularity(as_simple_graph(graph, weight), communities, weight=weight)

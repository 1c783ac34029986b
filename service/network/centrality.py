"""Centrality: who sits at the heart of the network (degree, betweenness, eigenvector).

Every measure takes any networkx graph (the typed MultiDiGraph or a projection) and
reads it as a simple undirected graph: a zone linked to an industry by two relations
is one neighbour, and a link counts whichever way the plan states it.
"""
from __future__ import annotations

import networkx as nx

__all__ = ["as_simple_graph", "degree", "betweenness", "eigenvector", "ranked", "MEASURES"]


def as_simple_graph(graph, weight: str | None = None) -> nx.Graph:
    """`graph` as an undirected simple graph; with `weight`, parallel links add up.

    Examples
    --------
    >>> multi = nx.MultiDiGraph([("a", "b"), ("b", "a"), ("a", "b")])
    >>> simple = as_simple_graph(multi, weight="weight")
    >>> simple.number_of_edges(), simple.edges["a", "b"]["weight"]
    (1, 3)
    """
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    for source, target, value in graph.edges(data=weight, default=1):
        if source == target:
            continue
        if simple.has_edge(source, target) and weight:
            simple.edges[source, target][weight] += value
        else:
            simple.add_edge(source, target, **({weight: value} if weight else {}))
    return simple


def degree(graph) -> dict[str, float]:
    """Share of the other nodes each node is linked to (networkx's degree centrality).

    Examples
    --------
    >>> degree(nx.path_graph(["a", "b", "c"]))
    {'a': 0.5, 'b': 1.0, 'c': 0.5}
    """
    return nx.degree_centrality(as_simple_graph(graph))


def betweenness(graph) -> dict[str, float]:
    """Share of shortest paths between other nodes that pass through each node (normalised).

    Examples
    --------
    >>> betweenness(nx.path_graph(["a", "b", "c"]))
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    return nx.betweenness_centrality(as_simple_graph(graph), normalized=True)


def eigenvector(graph, weight: str | None = None) -> dict[str, float]:
    """Eigenvector centrality: linked to well-linked nodes; Euclidean norm 1.

    Examples
    --------
    >>> scores = eigenvector(nx.star_graph(3))  # centre 1/sqrt(2), leaves 1/sqrt(6)
    >>> round(scores[0], 4), round(scores[1], 4)
    (0.7071, 0.4082)
    """
    simple = as_simple_graph(graph, weight)
    if simple.number_of_edges() == 0:
        return {node: 0.0 for node in simple}
    # The power iteration converges slowly on near-bipartite graphs such as zone-industry.
    return nx.eigenvector_centrality(simple, max_iter=10_000, tol=1e-9, weight=weight)


MEASURES = {"degree": degree, "betweenness": betweenness, "eigenvector": eigenvector}


def ranked(graph, scores: dict[str, float], top: int | None = None, kind: str | None = None) -> list[tuple[str, float]]:
    """(node, score) best first, ties by node; only nodes of `kind` when given.

    Examples
    --------
    >>> g = nx.path_graph(["a", "b", "c"])
    >>> ranked(g, degree(g), top=2)
    [('b', 1.0), ('a', 0.5)]
    """
    pairs = [(node, score) for node, score in scores.items()
             if kind is None or graph.nodes[node].get("kind") == kind]
    pairs.sort(key=lambda pair: (-pair[1], pair[0]))
    return pairs[:top] if top else pairs

"""The shortest relationship path between two entities, as a chain of labelled relations.

Links are followed either way (a zone lies in a county; the county "contains" the zone),
and each step says in which direction the plan states it.
"""
from __future__ import annotations

from itertools import islice

import networkx as nx

from hzkg.service.network.model import display_label

__all__ = ["relationship_path", "explain_path", "NoPath"]


class NoPath(LookupError):
    """The two entities are not connected in the network."""


def relationship_path(network, source: str, target: str) -> list[dict]:
    """Steps of a shortest path: `{"from", "relation", "to", "forward"}`, where `forward` is
    False when the plan states the link from `to` to `from`.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("zone", "county", key="locatedIn", label_en="located in")
    >>> _ = g.add_edge("other-zone", "county", key="locatedIn", label_en="located in")
    >>> [(step["from"], step["to"], step["forward"]) for step in relationship_path(g, "zone", "other-zone")]
    [('zone', 'county', True), ('county', 'other-zone', False)]
    """
    for end in (source, target):
        if end not in network:
            raise NoPath(f"{end} is not in the network")
    try:
        # Of the shortest paths, the first by IRIs: the same answer whatever order the store
        # returned the triples in (networkx's search follows insertion order). Capped, because
        # the number of shortest paths can grow exponentially.
        candidates = islice(nx.all_shortest_paths(network.to_undirected(as_view=True), source, target), 10_000)
        nodes = min(candidates)
    except nx.NetworkXNoPath:
        raise NoPath(f"no chain of relations links {source} and {target}") from None
    steps = []
    for here, there in zip(nodes, nodes[1:]):
        forward = network.has_edge(here, there)
        keys = sorted(network[here][there] if forward else network[there][here])
        steps.append({"from": here, "relation": keys[0], "to": there, "forward": forward})
    return steps


def explain_path(network, steps: list[dict], language: str = "zh") -> str:
    """The path as one line: `A —[relation]→ B ←[relation]— C`.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("zone", label_zh="桐庐开发区"); g.add_node("county", label_zh="桐庐")
    >>> _ = g.add_edge("zone", "county", key="locatedIn", label_zh="位于")
    >>> explain_path(g, relationship_path(g, "county", "zone"))
    '桐庐 ←[位于]— 桐庐开发区'
    """
    if not steps:
        return ""
    parts = [display_label(network, steps[0]["from"], language)]
    for step in steps:
        ends = (step["from"], step["to"]) if step["forward"] else (step["to"], step["from"])
        data = network.get_edge_data(*ends, key=step["relation"]) or {}
        label = data.get(f"label_{language}") or step["relation"]
        arrow = f" —[{label}]→ " if step["forward"] else f" ←[{label}]— "
        parts.append(arrow + display_label(network, step["to"], language))
    return "".join(parts)

"""The network analyses as JSON-ready answers, one per name, for /network/<name> and
`hzkg network <name> key=value ...` alike: same parameters, same checks, same answer.
"""
from __future__ import annotations

from collections import Counter
from typing import Callable

import networkx as nx

from hzkg.service.checking.binding import whole_number
from hzkg.service.errors import BadRequest, NotFound
from hzkg.service.network import centrality, communities, projections, relationship_paths as paths, similarity
from hzkg.service.network.model import NODE_KINDS, display_label, find_node, UnknownNode

__all__ = ["ANSWERS", "answer", "node_summary", "choose_graph"]


def node_summary(network, node: str) -> dict:
    data = network.nodes[node]
    return {"iri": node, "kind": data.get("kind", "Other"),
            "label_zh": display_label(network, node, "zh"), "label_en": display_label(network, node, "en")}


def _int(params: dict, name: str, default: int, low: int = 1, high: int = 10_000) -> int:
    return whole_number(name, params.get(name), default, low, high)


def _choice(params: dict, name: str, choices, default):
    value = params.get(name) or default
    if value is not None and value not in choices:
        raise BadRequest(f"parameter {name}: {value!r} is not one of {', '.join(choices)}")
    return value


def _node(network, params: dict, name: str, kind: str | None = None) -> str:
    text = params.get(name)
    if not text:
        raise BadRequest(f"parameter {name} is required: an IRI, a path such as zone/tonglu-edz, or a name")
    try:
        node = find_node(network, text)
    except UnknownNode as error:
        raise NotFound(f"parameter {name}: {error}") from None
    if kind and network.nodes[node].get("kind") != kind:
        raise BadRequest(f"parameter {name}: {display_label(network, node)} is a "
                         f"{network.nodes[node].get('kind')}, not a {kind}")
    return node


def choose_graph(network, params: dict):
    """The whole network, or the projection named by the `projection` parameter."""
    name = _choice(params, "projection", tuple(projections.PROJECTIONS), None)
    return projections.PROJECTIONS[name](network) if name else network


def _edge_json(network, source, target, data) -> dict:
    edge = {"source": source, "target": target}
    for name, value in data.items():
        if name == "industries":
            value = [node_summary(network, industry) for industry in value]
        edge[name] = value
    return edge


def summary(network, params: dict) -> dict:
    relations = Counter(key for _, _, key in network.edges(keys=True))
    labels = {key: (data["label_zh"], data["label_en"]) for _, _, key, data in network.edges(keys=True, data=True)}
    return {
        "nodes": network.number_of_nodes(), "edges": network.number_of_edges(),
        "kinds": dict(sorted(Counter(data.get("kind") for _, data in network.nodes(data=True)).items())),
        "relations": [{"relation": key, "label_zh": labels[key][0], "label_en": labels[key][1], "edges": count}
                      for key, count in sorted(relations.items())],
        "components": nx.number_weakly_connected_components(network) if network.number_of_nodes() else 0,
        "projections": sorted(projections.PROJECTIONS), "measures": sorted(centrality.MEASURES),
    }


def graph(network, params: dict) -> dict:
    chosen = choose_graph(network, params)
    nodes = [dict(node_summary(network, node), aliases=chosen.nodes[node].get("aliases", [])) for node in chosen]
    edges = [_edge_json(network, s, t, data) for s, t, data in chosen.edges(data=True)]
    return {"projection": params.get("projection") or None, "nodes": nodes, "edges": edges}


def shared_industries(network, params: dict) -> dict:
    projection = projections.shared_industry_projection(network)
    pairs = sorted(projection.edges(data=True), key=lambda edge: (-edge[2]["weight"], edge[0], edge[1]))
    top = _int(params, "top", len(pairs) or 1, high=100_000)
    return {"pairs": [{"zone_a": node_summary(network, a), "zone_b": node_summary(network, b),
                       "shared": data["weight"],
                       "industries": [dict(node_summary(network, industry),
                                           only_through_taxonomy=industry in data["through_taxonomy"])
                                      for industry in data["industries"]]}
                      for a, b, data in pairs[:top]]}


def centrality_answer(network, params: dict) -> dict:
    measure = _choice(params, "measure", tuple(centrality.MEASURES), "degree")
    kind = _choice(params, "kind", NODE_KINDS, None)
    chosen = choose_graph(network, params)
    # on a projection, eigenvector centrality counts how strongly zones are linked (the weights)
    weighted = measure == "eigenvector" and chosen is not network
    scores = centrality.eigenvector(chosen, weight="weight") if weighted else centrality.MEASURES[measure](chosen)
    ranking = centrality.ranked(chosen, scores, top=_int(params, "top", 20), kind=kind)
    return {"measure": measure, "weighted": weighted, "projection": params.get("projection") or None, "kind": kind,
            "ranking": [dict(node_summary(network, node), score=score) for node, score in ranking]}


def communities_answer(network, params: dict) -> dict:
    chosen = choose_graph(network, {"projection": params.get("projection") or "shared-industries"})
    seed = _int(params, "seed", 0, low=0, high=2**31)
    found = communities.louvain(chosen, seed=seed)
    return {"projection": params.get("projection") or "shared-industries", "seed": seed,
            "modularity": communities.modularity(chosen, found),
            "communities": [[node_summary(network, node) for node in members] for members in found]}


def similarity_answer(network, params: dict) -> dict:
    zone = _node(network, params, "zone", "DevelopmentZone") if params.get("zone") else None
    found = similarity.most_similar(network, zone, top=_int(params, "top", 5))
    return {"measure": "jaccard of taxonomy-aware industry profiles", "zones": [
        dict(node_summary(network, one), most_similar=[
            dict(node_summary(network, entry["zone"]), score=entry["score"],
                 common=[node_summary(network, industry) for industry in entry["common"]])
            for entry in entries])
        for one, entries in found.items()]}


def path_answer(network, params: dict) -> dict:
    source, target = _node(network, params, "from"), _node(network, params, "to")
    try:
        steps = paths.relationship_path(network, source, target)
    except paths.NoPath as error:
        raise NotFound(str(error)) from None
    described = []
    for step in steps:
        ends = (step["from"], step["to"]) if step["forward"] else (step["to"], step["from"])
        data = network.get_edge_data(*ends, key=step["relation"])
        described.append({"from": node_summary(network, step["from"]), "to": node_summary(network, step["to"]),
                          "relation": step["relation"], "label_zh": data["label_zh"], "label_en": data["label_en"],
                          "forward": step["forward"]})
    return {"from": node_summary(network, source), "to": node_summary(network, target), "length": len(steps),
            "steps": described, "explanation_zh": paths.explain_path(network, steps, "zh"),
            "explanation_en": paths.explain_path(network, steps, "en")}


ANSWERS: dict[str, tuple[Callable, tuple[str, ...]]] = {
    "summary": (summary, ()),
    "graph": (graph, ("projection",)),
    "shared-industries": (shared_industries, ("top",)),
    "centrality": (centrality_answer, ("measure", "projection", "kind", "top")),
    "communities": (communities_answer, ("projection", "seed")),
    "similarity": (similarity_answer, ("zone", "top")),
    "path": (path_answer, ("from", "to")),
}


def answer(network, name: str, params: dict) -> dict:
    """The answer `name` with `params` (strings); BadRequest/NotFound say what to change."""
    if name not in ANSWERS:
        raise NotFound(f"no network analysis named {name!r}; known: {', '.join(ANSWERS)}")
    function, known = ANSWERS[name]
    unknown = sorted(set(params) - set(known) - {"format"})
    if unknown:
        raise BadRequest(f"{name} takes the parameters {', '.join(known) or 'none'}; unknown: {', '.join(unknown)}")
    return {"ok": True, "analysis": name, **function(network, params)}

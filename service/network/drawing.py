"""What /explore draws: a network (or a part of it) as vis-network nodes and edges, built
with pyvis, with colour and shape by class, labels in both languages and key facts.

Labels and facts travel as data (JSON), never as markup: the page puts them in with
`textContent` and vis-network draws them on a canvas, so a label holding HTML shows as text.
"""
from __future__ import annotations

import re
from collections import Counter

import networkx as nx

from hzkg.service.errors import BadRequest
from hzkg.service.language import pick
from hzkg.service.network.model import SYMMETRIC_RELATIONS, display_label

__all__ = ["KIND_STYLES", "neighbourhood", "drawing", "MAX_DRAWN_NODES"]

# kind -> (colour, vis-network shape, 中文, English); names as in ontology/README.md.
KIND_STYLES = {
    "DevelopmentZone": ("#d62728", "dot", "开发区（园区）", "Development zone"),
    "Industry": ("#1f77b4", "diamond", "产业", "Industry"),
    "IndustryGroup": ("#17becf", "star", "产业类别", "Industry group"),
    "NationalPilotOrBase": ("#ff7f0e", "triangle", "国家级试点和基地", "National pilot or base"),
    "IndustrialCluster": ("#9467bd", "hexagon", "省级产业集聚区", "Provincial industrial cluster"),
    "ClusterPark": ("#c5b0d5", "triangleDown", "产业集聚区产业园区", "Cluster park"),
    "SubCity": ("#2ca02c", "square", "副城", "Sub-city"),
    "Block": ("#ff9896", "dot", "区块", "Block"),
    "AdministrativeArea": ("#8c564b", "square", "行政区域", "Administrative area"),
    "LocalPark": ("#e377c2", "dot", "其他园区", "Local park"),
    "Institution": ("#bcbd22", "triangle", "机构", "Institution"),
    "Place": ("#7f7f7f", "dot", "地点", "Place"),
    "Other": ("#aaaaaa", "ellipse", "其他", "Other"),
}
_CHINESE = re.compile(r"[\u3400-\u9fff]")
# Past this, a browser page becomes unusable; the error says to narrow the view.
MAX_DRAWN_NODES = 3_000


def neighbourhood(network, centre: str, depth: int) -> nx.MultiDiGraph:
    """`centre` and everything within `depth` links of it, whichever way the links point."""
    near = nx.single_source_shortest_path_length(network.to_undirected(as_view=True), centre, cutoff=depth)
    # Not network.subgraph(near): its view lists nodes in the order of a set, which changes from process to process.
    shown = network.__class__()
    shown.graph.update(network.graph)
    shown.add_nodes_from((node, data) for node, data in network.nodes(data=True) if node in near)
    shown.add_edges_from((source, target, key, data) for source, target, key, data in network.edges(keys=True, data=True)
                         if source in near and target in near)
    return shown


def _projection_link_names(data: dict) -> tuple[str, str]:
    if "industries" in data:
        return "共同产业", "shared industries"
    if "relations" in data:
        return "合作", "partnership"
    return data.get("label_zh", "关联"), data.get("label_en", "link")


def _relation_counts(network, node) -> list[list]:
    counts = Counter()
    if not network.is_directed():  # a projection
        for _, _, data in network.edges(node, data=True):
            counts[(*_projection_link_names(data), "both")] += 1
        return [[zh, en, direction, count] for (zh, en, direction), count in sorted(counts.items())]
    for _, _, data in network.out_edges(node, data=True):
        counts[(data.get("label_zh", ""), data.get("label_en", ""), "out")] += 1
    for _, _, data in network.in_edges(node, data=True):
        counts[(data.get("label_zh", ""), data.get("label_en", ""), "in")] += 1
    return [[zh, en, direction, count] for (zh, en, direction), count in sorted(counts.items())]


def _neighbours(whole, network, node) -> list[dict]:
    """Who `node` is linked to, by relation: the neighbour, its role(s) or the shared industries, the
    plan's sections; for the explorer's panel (which also fetches the sentences)."""
    found = []
    if not network.is_directed():  # a projection
        edges = [(other, data, "both") for _, other, data in network.edges(node, data=True)]
    else:
        edges = ([(target, data, "out") for _, target, data in network.out_edges(node, data=True)]
                 + [(source, data, "in") for source, _, data in network.in_edges(node, data=True)])
    for other, data, direction in edges:
        relation_zh, relation_en = ((data.get("label_zh", ""), data.get("label_en", "")) if data.get("relation")
                                    else _projection_link_names(data))
        if "industries" in data:
            detail_zh = "、".join(sorted(_shared_name(whole, data, industry, "zh") for industry in data["industries"]))
            detail_en = "; ".join(sorted(_shared_name(whole, data, industry, "en") for industry in data["industries"]))
        else:
            detail_zh, detail_en = "、".join(data.get("roles_zh", [])), "; ".join(data.get("roles_en", []))
        found.append({"relation_zh": relation_zh, "relation_en": relation_en, "direction": direction, "iri": other,
                      "label_zh": display_label(network, other, "zh"), "label_en": display_label(network, other, "en"),
                      "detail_zh": detail_zh, "detail_en": detail_en, "weight": data.get("weight"), "sections": list(data.get("sections", []))})
    return sorted(found, key=lambda item: (item["relation_zh"], item["direction"], -(item["weight"] or 0),
                                           item["label_zh"]))


def _shared_name(whole, data: dict, industry: str, language: str) -> str:
    """A shared industry's name, marked when one zone holds it only through the taxonomy."""
    name = display_label(whole, industry, language)
    if industry in data.get("through_taxonomy", ()):
        return name + ("（只经由分类）" if language == "zh" else " (only through the taxonomy)")
    return name


def _line(*parts) -> list:
    """A tooltip line: pieces of [text, language]; the explorer marks a piece in the other language."""
    return [[text, language] for text, language in parts if text]


def _tooltip(kind_zh: str, kind_en: str, data: dict, links: int, language: str) -> list:
    """The node's tooltip in the page's language: its name (the original beside it), kind, links, aliases."""
    name_zh, name_en = data.get("label_zh") or "", data.get("label_en") or ""
    if language == "en":
        name = _line((name_en, "en"), (name_zh if name_zh != name_en else "", "zh"))
    else:
        name = _line((name_zh or name_en, "zh" if name_zh else "en"))
    lines = [name, _line((pick(language, kind_zh, kind_en), language)),
             _line((pick(language, "关联：", "links: ") + str(links), language))]
    if data.get("aliases"):
        aliases = [(("、" if index else "") + alias, "zh" if _CHINESE.search(alias) else "en")
                   for index, alias in enumerate(data["aliases"])]  # the plan's and common names, in either language
        lines.append(_line((pick(language, "别名：", "aliases: "), language), *aliases))
    return [line for line in lines if line]


def drawing(whole, shown, local_path, *, directed: bool = True, title_zh: str = "", title_en: str = "",
            language: str = "zh") -> dict:
    """The page's data for `shown` (the whole network, a part of it, or a projection); tooltips in `language`.

    `whole` gives labels for industries named on projection edges; `local_path(iri)`
    gives the resource page of an IRI in our namespace (None outside it).
    """
    if shown.number_of_nodes() > MAX_DRAWN_NODES:
        raise BadRequest(f"{shown.number_of_nodes()} nodes are too many to draw (at most {MAX_DRAWN_NODES}); "
                         "narrow the view with focus=, depth= or a smaller CONSTRUCT")
    from pyvis.network import Network  # here, not at start-up: pyvis imports IPython (docs/measurements.md)

    net = Network(directed=directed)
    for node, data in shown.nodes(data=True):
        kind = data.get("kind", "Other")
        colour, shape, kind_zh, kind_en = KIND_STYLES.get(kind, KIND_STYLES["Other"])
        net.add_node(node, label=display_label(shown, node, "zh"), color=colour, shape=shape,
                     size=18 if kind == "DevelopmentZone" else 11, kind=kind,
                     label_zh=display_label(shown, node, "zh"), label_en=display_label(shown, node, "en"),
                     aliases=data.get("aliases", []), facts=data.get("facts", []), iri=node,
                     page=local_path(node) or (node if node.startswith(("http://", "https://")) else None),
                     links=_relation_counts(shown, node), neighbours=_neighbours(whole, shown, node),
                     title=_tooltip(kind_zh, kind_en, data, shown.degree(node), language))
    for number, (source, target, data) in enumerate(shown.edges(data=True)):
        if "industries" in data:  # a shared-industry projection edge
            names_zh = [_shared_name(whole, data, industry, "zh") for industry in data["industries"]]
            names_en = [_shared_name(whole, data, industry, "en") for industry in data["industries"]]
            label_zh = label_en = str(data["weight"])  # the count on the line; the names in its tooltip
            title = [_line((pick(language, f"{data['weight']} 个共同产业", f"{data['weight']} shared industries"), language)),
                     _line((pick(language, "、".join(names_zh), "; ".join(names_en)), language))]
            relation, relation_zh, relation_en = "shared-industries", "共同产业", "shared industries"
        else:
            label_zh, label_en = data.get("label_zh", ""), data.get("label_en", "")
            relation = data.get("relation") or ("partnership" if "relations" in data else "link")
            relation_zh, relation_en = (label_zh, label_en) if data.get("relation") else _projection_link_names(data)
            roles = pick(language, "、".join(data.get("roles_zh", [])), "; ".join(data.get("roles_en", [])))
            title = [line for line in (
                _line((pick(language, label_zh, label_en) or pick(language, relation_zh, relation_en), language)),
                _line((pick(language, "角色：", "role: ") + roles, language)) if roles else [],
                _line((pick(language, "规划章节：", "plan section: "), language), ("、".join(data["sections"]), "zh"))
                if data.get("sections") else []) if line]
        net.add_edge(source, target, id=f"e{number}", label=label_zh, label_zh=label_zh, label_en=label_en,
                     relation=relation, relation_zh=relation_zh, relation_en=relation_en, title=title,
                     width=1 + data["weight"] / 2 if "weight" in data else 1, weight=data.get("weight", 1))
        if not directed or relation in SYMMETRIC_RELATIONS:
            net.edges[-1]["arrows"] = ""
    kinds = Counter(node["kind"] for node in net.nodes)
    relations = Counter((edge["relation"], edge["relation_zh"], edge["relation_en"]) for edge in net.edges)
    return {
        "title_zh": title_zh, "title_en": title_en, "directed": directed,
        "nodes": net.nodes, "edges": net.edges,
        "legend": [{"kind": kind, "colour": KIND_STYLES.get(kind, KIND_STYLES["Other"])[0],
                    "shape": KIND_STYLES.get(kind, KIND_STYLES["Other"])[1],
                    "label_zh": KIND_STYLES.get(kind, KIND_STYLES["Other"])[2],
                    "label_en": KIND_STYLES.get(kind, KIND_STYLES["Other"])[3], "count": count}
                   for kind, count in sorted(kinds.items(), key=lambda item: list(KIND_STYLES).index(item[0])
                                             if item[0] in KIND_STYLES else len(KIND_STYLES))],
        "relations": [{"relation": relation, "label_zh": zh, "label_en": en, "count": count}
                      for (relation, zh, en), count in sorted(relations.items())],
    }

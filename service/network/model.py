"""The typed network: RDF triples (a CONSTRUCT result) as a networkx MultiDiGraph.

Nodes are keyed by IRI and carry `kind` (their display class), `label_zh`,
`label_en`, `aliases` and `facts` (other literal values); edges are keyed by the
relation IRI and carry the relation's labels. Any CONSTRUCT result becomes a
network this way, so /explore?query=... and the dataset's own view share one path.
"""
from __future__ import annotations

import networkx as nx
from rdflib import Literal
from rdflib.namespace import RDF, RDFS, SKOS

from hzkg.graph.paths import DEF, ID

__all__ = ["NODE_KINDS", "SYMMETRIC_RELATIONS", "network_from_triples", "display_label", "kind_of",
           "find_node", "UnknownNode"]

# Most specific first: a node shows as the first of these kinds it is typed with.
NODE_KINDS = (
    "DevelopmentZone", "IndustryGroup", "Industry", "NationalPilotOrBase", "IndustrialCluster",
    "ClusterPark", "SubCity", "Block", "AdministrativeArea", "LocalPark", "Institution", "Place",
)
# Stored in both directions by inference; drawn once.
SYMMETRIC_RELATIONS = frozenset({DEF + "cooperatesWith", DEF + "linkedWith", str(SKOS.related)})
_NAME_PREDICATES = {RDFS.label, SKOS.prefLabel}


def kind_of(types) -> str:
    """The display class of a node typed with `types` (IRIs); "Other" for none we know.

    Examples
    --------
    >>> kind_of(["https://w3id.org/hzkg/def/Industry", "https://w3id.org/hzkg/def/IndustryGroup"])
    'IndustryGroup'
    >>> kind_of(["http://schema.org/Place"])
    'Other'
    """
    local = {str(type_)[len(DEF):] for type_ in types if str(type_).startswith(DEF)}
    return next((kind for kind in NODE_KINDS if kind in local), "Other")


def _local_name(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or iri


def display_label(network: nx.MultiDiGraph, node: str, language: str = "zh") -> str:
    """A node's label in `language`, else in the other language, else its IRI's last segment.

    Examples
    --------
    >>> network = nx.MultiDiGraph()
    >>> network.add_node("https://example.org/zone/a", label_zh="甲", label_en="")
    >>> display_label(network, "https://example.org/zone/a", "en")
    '甲'
    >>> network.add_node("https://example.org/zone/b")
    >>> display_label(network, "https://example.org/zone/b")
    'b'
    """
    data = network.nodes[node]
    other = "en" if language == "zh" else "zh"
    return data.get(f"label_{language}") or data.get(f"label_{other}") or _local_name(node)


def _is_node(term) -> bool:
    # Blank nodes of a CONSTRUCT are nodes too; only literals are values.
    return not isinstance(term, Literal)


def network_from_triples(triples) -> nx.MultiDiGraph:
    """Build the typed network from (subject, predicate, object) rdflib terms.

    `rdfs:label` (by language) and `skos:altLabel` name nodes; other literals become
    `facts`; `rdf:type` decides `kind`; labels of a predicate name its edges;
    every other triple with a resource as object is an edge.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> from rdflib.namespace import RDF, RDFS
    >>> hz = "https://w3id.org/hzkg/def/"
    >>> zone, industry = URIRef("https://x/zone"), URIRef("https://x/auto")
    >>> network = network_from_triples([
    ...     (zone, RDF.type, URIRef(hz + "DevelopmentZone")),
    ...     (zone, RDFS.label, Literal("开发区", lang="zh")),
    ...     (zone, URIRef(hz + "hasIndustry"), industry),
    ...     (URIRef(hz + "hasIndustry"), RDFS.label, Literal("has industry", lang="en")),
    ... ])
    >>> network.nodes["https://x/zone"]["kind"], network.nodes["https://x/auto"]["kind"]
    ('DevelopmentZone', 'Other')
    >>> [(s, o, data["label_en"]) for s, o, data in network.edges(data=True)]
    [('https://x/zone', 'https://x/auto', 'has industry')]
    """
    triples = list(triples)
    types: dict[str, set[str]] = {}
    names: dict[str, dict] = {}
    relation_labels: dict[str, dict[str, str]] = {}
    links = []
    for subject, predicate, object_ in triples:
        node = str(subject)
        if predicate == RDF.type and _is_node(object_):
            types.setdefault(node, set()).add(str(object_))
        elif isinstance(object_, Literal):
            entry = names.setdefault(node, {"label_zh": "", "label_en": "", "aliases": [], "facts": []})
            language = (object_.language or "").lower()
            if predicate in _NAME_PREDICATES and language.startswith(("zh", "en")):
                key = "label_zh" if language.startswith("zh") else "label_en"
                entry[key] = entry[key] or str(object_)
                relation_labels.setdefault(node, {}).setdefault(key, str(object_))
            elif predicate in _NAME_PREDICATES or predicate == SKOS.altLabel:
                entry["aliases"].append(str(object_))
            else:
                entry["facts"].append([_local_name(str(predicate)), str(object_)])
        else:
            links.append((node, str(predicate), str(object_)))
    network = nx.MultiDiGraph()
    used_as_predicate = {predicate for _, predicate, _ in links}
    for node in sorted(set(types) | {n for n in names if n not in used_as_predicate or n in types}):
        _add_node(network, node, types, names)
    for subject, predicate, object_ in sorted(links):
        if predicate in SYMMETRIC_RELATIONS and network.has_edge(object_, subject, predicate):
            continue
        for end in (subject, object_):
            if end not in network:
                _add_node(network, end, types, names)
        labels = relation_labels.get(predicate, {})
        network.add_edge(subject, object_, key=predicate, relation=predicate,
                         label_zh=labels.get("label_zh") or labels.get("label_en") or _local_name(predicate),
                         label_en=labels.get("label_en") or labels.get("label_zh") or _local_name(predicate))
    return network


def _add_node(network: nx.MultiDiGraph, node: str, types: dict, names: dict) -> None:
    entry = names.get(node, {})
    network.add_node(node, iri=node, kind=kind_of(types.get(node, ())), types=sorted(types.get(node, ())),
                     label_zh=entry.get("label_zh", ""), label_en=entry.get("label_en", ""),
                     aliases=sorted(set(entry.get("aliases", []))), facts=sorted(entry.get("facts", [])))


class UnknownNode(LookupError):
    """No node, or more than one, answers to the name; the message lists candidates."""


def find_node(network: nx.MultiDiGraph, text: str, base: str | None = None) -> str:
    """The node named by `text`: its IRI, its path under `base` (`zone/tonglu-edz`; by default the
    namespace the network was fetched with, setting base_iri), or a label or alias — exact first, then the start of one, then a part of one — if only one node fits.

    Examples
    --------
    >>> network = nx.MultiDiGraph()
    >>> network.add_node("https://w3id.org/hzkg/id/area/tonglu", label_zh="桐庐", label_en="Tonglu", aliases=[])
    >>> network.add_node("https://w3id.org/hzkg/id/zone/tonglu-edz", label_zh="浙江桐庐经济开发区", aliases=[])
    >>> find_node(network, "桐庐"), find_node(network, "tonglu")
    ('https://w3id.org/hzkg/id/area/tonglu', 'https://w3id.org/hzkg/id/area/tonglu')
    >>> find_node(network, "zone/tonglu-edz")
    'https://w3id.org/hzkg/id/zone/tonglu-edz'
    """
    wanted = text.strip()
    base = base or network.graph.get("id_base", ID)
    for candidate in (wanted, base + wanted.lstrip("/").removeprefix("id/")):
        if candidate in network:
            return candidate
    folded = wanted.casefold()
    names = {node: [name.casefold() for name in (data.get("label_zh"), data.get("label_en"), *data.get("aliases", ()))
                    if name] for node, data in network.nodes(data=True)}
    for fits in (lambda name: name == folded, lambda name: name.startswith(folded), lambda name: folded in name):
        found = sorted(node for node, known in names.items() if any(fits(name) for name in known))
        if len(found) == 1:
            return found[0]
        if found:
            listed = ", ".join(f"{display_label(network, node)} <{node}>" for node in found[:8])
            raise UnknownNode(f"{text!r} names {len(found)} nodes: {listed}; give an IRI or a fuller name")
    raise UnknownNode(f"no node is named {text!r}; try /search")

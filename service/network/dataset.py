"""The dataset's relationship network, fetched from the store with one CONSTRUCT.

Which links are drawn, and why only these: each is the plain (entailed) form of a
relation the plan states, taken in one direction only (hasIndustry, not its inverse
industryOf), and `locatedIn` without its transitive closure, so that the picture
shows what the plan says rather than what inference adds.
"""
from __future__ import annotations

import networkx as nx

from hzkg.graph.paths import DEF, ID
from hzkg.graph.prefixes import sparql_prefixes
from hzkg.service.errors import NetworkTooLarge
from hzkg.service.network.model import NODE_KINDS, network_from_triples

__all__ = ["RELATIONS", "NETWORK_QUERY", "QUALIFIERS_QUERY", "fetch_network", "qualify_links",
           "run_construct"]

RELATIONS = tuple(DEF + name for name in (
    "hasIndustry", "inNationalBase", "aspiresToBase", "reliesOnBase", "inCluster", "proposedInCluster", "docksWith",
    "linkedToCluster", "inSubCity", "drives", "cooperatesWith", "reliesOn", "takesOverFrom", "blockOf", "hasPark", "parkIndustry",
    "hostedBy",
)) + ("http://www.w3.org/2004/02/skos/core#broader", "http://www.w3.org/2004/02/skos/core#related")

_CLASSES = " ".join(f"hz:{kind}" for kind in NODE_KINDS)
_RELATIONS = " ".join(f"<{iri}>" for iri in RELATIONS)

NETWORK_QUERY = f"""{sparql_prefixes("hz", "rdfs", "skos")}CONSTRUCT {{
  ?node a ?class ; rdfs:label ?label ; skos:altLabel ?alias .
  ?s ?p ?o . ?p rdfs:label ?relation_label .
  ?area_s hz:locatedIn ?area_o . hz:locatedIn rdfs:label ?located_label .
}} WHERE {{
  # VALUES, not FILTER(… IN …): an engine then looks the few classes and relations up, not every triple
  # (Comunica: the network 21.7 s -> 0.54 s; the same 1,242 triples on pyoxigraph).
  {{ VALUES ?class {{ {_CLASSES} }} ?node a ?class .
     OPTIONAL {{ ?node rdfs:label ?label }} OPTIONAL {{ ?node skos:altLabel ?alias }} }}
  UNION
  {{ VALUES ?p {{ {_RELATIONS} }} ?s ?p ?o . OPTIONAL {{ ?p rdfs:label ?relation_label }} }}
  UNION
  {{ ?area_s hz:locatedIn ?area_o .
     # the direct containment only: nothing lies between the two places
     FILTER NOT EXISTS {{ ?area_s hz:locatedIn ?between . ?between hz:locatedIn ?area_o .
                          FILTER(?between != ?area_s && ?between != ?area_o) }}
     OPTIONAL {{ hz:locatedIn rdfs:label ?located_label }} }}
}}"""

# The qualified relation behind each plain link: its role (核心区, 拓展区, 带动 …) and the
# sections of the plan that state it, so that a link leads back to its source.
QUALIFIERS_QUERY = f"""{sparql_prefixes("hz", "rdfs")}SELECT DISTINCT ?holder ?relation ?target ?role_zh ?role_en ?section WHERE {{
  ?qualified hz:holder ?holder .
  {{ ?qualified hz:promotedIndustry|hz:upgradedIndustry ?target BIND(hz:hasIndustry AS ?relation) }}
  UNION {{ ?qualified hz:memberBase ?target BIND(hz:inNationalBase AS ?relation) }}
  UNION {{ ?qualified hz:aspiredBase ?target BIND(hz:aspiresToBase AS ?relation) }}
  UNION {{ ?qualified hz:reliedOnBase ?target BIND(hz:reliesOnBase AS ?relation) }}
  UNION {{ ?qualified hz:memberCluster ?target BIND(hz:inCluster AS ?relation) }}
  UNION {{ ?qualified hz:proposedCluster ?target BIND(hz:proposedInCluster AS ?relation) }}
  UNION {{ ?qualified hz:dockedCluster ?target BIND(hz:docksWith AS ?relation) }}
  UNION {{ ?qualified hz:linkedCluster ?target BIND(hz:linkedToCluster AS ?relation) }}
  UNION {{ ?qualified hz:subCity ?target BIND(hz:inSubCity AS ?relation) }}
  UNION {{ ?qualified hz:drivenPartner ?target BIND(hz:drives AS ?relation) }}
  UNION {{ ?qualified hz:cooperationPartner ?target BIND(hz:cooperatesWith AS ?relation) }}
  UNION {{ ?qualified hz:reliedPartner ?target BIND(hz:reliesOn AS ?relation) }}
  UNION {{ ?qualified hz:sourcePartner ?target BIND(hz:takesOverFrom AS ?relation) }}
  OPTIONAL {{ ?qualified hz:roleKind|hz:partnershipKind ?kind .
             ?kind rdfs:label ?role_zh FILTER(lang(?role_zh) = "zh")
             ?kind rdfs:label ?role_en FILTER(lang(?role_en) = "en") }}
  OPTIONAL {{ ?qualified hz:citation/hz:section/hz:sectionNumber ?section }}
}}"""

def run_construct(store, sparql: str, *, whole: bool = False):
    """The triples of a CONSTRUCT; refuse a truncated answer rather than draw part of a graph.
    `whole`: our own fixed query of the whole network, not bound by a user's row limit."""
    result = store.query(sparql, whole=whole)
    if getattr(result, "form", None) != "CONSTRUCT":
        from hzkg.service.errors import BadRequest

        raise BadRequest(f"a network needs a CONSTRUCT query; this is a {getattr(result, 'form', '?')} query")
    if result.truncated:
        raise NetworkTooLarge(f"the CONSTRUCT result has more than {store.limits.row_limit} triples (setting row_limit); "
                              "narrow the query or raise the setting")
    return result.triples


# SKOS labels its properties in English only; the taxonomy's links need a Chinese name too.
_CHINESE_RELATION_LABELS = {RELATIONS[-2]: "上位产业", RELATIONS[-1]: "相关产业"}


def fetch_network(store, id_base: str = ID) -> nx.MultiDiGraph:
    """The whole relationship network of the dataset."""
    # Sorted (as written, a total order): nodes and links keep one order (drawings, exports) whatever the store's order.
    triples = run_construct(store, NETWORK_QUERY, whole=True)
    network = network_from_triples(sorted(triples, key=lambda triple: tuple(term.n3() for term in triple)))
    for _, _, key, data in network.edges(keys=True, data=True):
        if key in _CHINESE_RELATION_LABELS and data["label_zh"] == data["label_en"]:
            data["label_zh"] = _CHINESE_RELATION_LABELS[key]
    network.graph["name"] = "hzkg"
    network.graph["id_base"] = id_base  # names such as zone/tonglu-edz resolve under it (find_node)
    qualify_links(network, store.query(QUALIFIERS_QUERY, whole=True).rows)
    return network


def qualify_links(network: nx.MultiDiGraph, rows) -> None:
    """Add `roles_zh`, `roles_en` and `sections` (sorted lists) to the links the rows qualify;
    a symmetric link drawn the other way round is found too."""
    for holder, relation, target, role_zh, role_en, section in rows:
        ends = [(str(holder), str(target)), (str(target), str(holder))]
        for source, destination in ends:
            data = network.get_edge_data(source, destination, key=str(relation))
            if data is None:
                continue
            for name, value in (("roles_zh", role_zh), ("roles_en", role_en), ("sections", section)):
                if value is not None:
                    data[name] = sorted(set(data.get(name, [])) | {str(value)})
            break

"""Exports: the network for Gephi (GraphML, GEXF, node and edge CSVs) and the RDF
dataset (Turtle, N-Quads, JSON-LD), written by networkx and rdflib.

GraphML and GEXF hold only scalar attributes, so lists are joined with "; " and the
node's Chinese label becomes `label` (the name Gephi shows).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Callable

import networkx as nx
import pyoxigraph as ox
from rdflib import BNode, Literal
from rdflib.namespace import XSD

from ..errors import BadRequest, NotFound
from ..serialize import PREFIXES
from .answers import choose_graph
from .dataset import INTERNAL_ROW_LIMIT
from .model import display_label

__all__ = ["Export", "EXPORTS", "NETWORK_WRITERS", "network_for_files", "rdf_dataset_export", "export_bytes"]


@dataclass(frozen=True)
class Export:
    name: str
    filename: str
    mimetype: str
    kind: str  # "network" (takes a projection) or "rdf"


EXPORTS = {export.name: export for export in (
    Export("graphml", "hzkg.graphml", "application/graphml+xml", "network"),
    Export("gexf", "hzkg.gexf", "application/gexf+xml", "network"),
    Export("nodes-csv", "hzkg-nodes.csv", "text/csv", "network"),
    Export("edges-csv", "hzkg-edges.csv", "text/csv", "network"),
    Export("turtle", "hzkg.ttl", "text/turtle", "rdf"),
    Export("nquads", "hzkg.nq", "application/n-quads", "rdf"),
    Export("jsonld", "hzkg.jsonld", "application/ld+json", "rdf"),
)}


def _flat(value):
    if isinstance(value, (list, tuple, set)):
        return "; ".join("=".join(map(str, item)) if isinstance(item, (list, tuple)) else str(item) for item in value)
    return value


def network_for_files(network, chosen=None) -> nx.Graph:
    """A copy of `chosen` (default: the whole network) with scalar attributes only."""
    chosen = network if chosen is None else chosen
    flat = chosen.__class__()
    for node, data in chosen.nodes(data=True):
        attributes = {name: _flat(value) for name, value in data.items() if name != "types"}
        flat.add_node(node, **attributes, label=display_label(network, node, "zh"))
    if chosen.is_multigraph():
        for source, target, key, data in chosen.edges(keys=True, data=True):
            flat.add_edge(source, target, key=key, **{name: _flat(value) for name, value in data.items()})
    else:
        for source, target, data in chosen.edges(data=True):
            flat.add_edge(source, target, **{name: _flat(value) for name, value in data.items()})
    return flat


def _nodes_csv(flat) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Id", "Label", "kind", "label_zh", "label_en", "aliases"])
    for node, data in flat.nodes(data=True):
        writer.writerow([node, data["label"], data.get("kind", ""), data.get("label_zh", ""),
                         data.get("label_en", ""), data.get("aliases", "")])
    return out.getvalue().encode("utf-8")


def _edges_csv(flat) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Source", "Target", "Type", "Label", "relation", "label_en", "Weight", "industries"])
    kind = "Directed" if flat.is_directed() else "Undirected"
    for source, target, data in flat.edges(data=True):
        writer.writerow([source, target, kind, data.get("label_zh", ""), data.get("relation", ""),
                         data.get("label_en", ""), data.get("weight", 1), data.get("industries", "")])
    return out.getvalue().encode("utf-8")


def _graphml(flat) -> bytes:
    return "\n".join(nx.generate_graphml(flat)).encode("utf-8")


def _gexf(flat) -> bytes:
    return "\n".join(nx.generate_gexf(flat)).encode("utf-8")


NETWORK_WRITERS: dict[str, Callable[[nx.Graph], bytes]] = {
    "graphml": _graphml, "gexf": _gexf, "nodes-csv": _nodes_csv, "edges-csv": _edges_csv,
}

_QUADS_QUERY = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def _oxigraph_term(term):
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))
    return ox.NamedNode(str(term))


def rdf_dataset_export(store, timeout: float, name: str) -> bytes:
    """The dataset from the store: N-Quads and JSON-LD keep the named graphs; Turtle,
    which cannot, holds their union (the default graph queries see)."""
    rows = store.query(_QUADS_QUERY, timeout, INTERNAL_ROW_LIMIT).rows
    # pyoxigraph writes the literals' lexical forms as they are (rdflib writes "10" as 10.0) and
    # the graph names (rdflib's Dataset writers are deprecated); sorted: same data, same bytes.
    if name == "turtle":
        triples = sorted({ox.Triple(*map(_oxigraph_term, row[:3])) for row in rows}, key=str)
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    quads = sorted((ox.Quad(*map(_oxigraph_term, row)) for row in rows), key=str)
    if name == "nquads":
        return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    return ox.serialize(quads, format=ox.RdfFormat.JSON_LD, prefixes=PREFIXES)


def export_bytes(name: str, network_source, store, timeout: float, params: dict) -> bytes:
    """The export `name`; `network_source()` gives the network (fetched only when needed);
    network exports take an optional `projection` parameter."""
    if name not in EXPORTS:
        raise NotFound(f"no export named {name!r}; known: {', '.join(EXPORTS)}")
    allowed = {"projection"} if EXPORTS[name].kind == "network" else set()
    unknown = sorted(set(params) - allowed)
    if unknown:
        raise BadRequest(f"export {name} takes {', '.join(allowed) or 'no parameters'}; unknown: {', '.join(unknown)}")
    if EXPORTS[name].kind == "rdf":
        return rdf_dataset_export(store, timeout, name)
    network = network_source()
    return NETWORK_WRITERS[name](network_for_files(network, choose_graph(network, params)))

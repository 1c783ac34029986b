"""Exports: the network for Gephi (GraphML, GEXF, node and edge CSVs), written by networkx, and
the RDF dataset as a dump in every format of the registry that writes datasets
(service/responses/formats.py: Turtle, N-Quads, JSON-LD).

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

from hzkg.service.errors import BadRequest, NotFound
from hzkg.service.network.analyses import choose_graph
from hzkg.service.network.drawing import KIND_STYLES
from hzkg.service.network.model import display_label
from hzkg.service.responses.formats import DATASET, offers, serialize_quads

__all__ = ["Export", "EXPORTS", "NETWORK_WRITERS", "network_for_files", "rdf_dataset_export", "export_bytes",
           "export_filename", "excel_csv", "BOM"]

BOM = "\ufeff".encode("utf-8")


def excel_csv(body: bytes) -> bytes:
    """The CSV as Excel opens it right on a Chinese Windows: UTF-8 with a byte-order mark."""
    return body if body.startswith(BOM) else BOM + body


@dataclass(frozen=True)
class Export:
    name: str
    filename: str
    mimetype: str
    kind: str  # "network" (takes a projection) or "rdf"
    format_key: str | None = None  # an RDF dump's format in the registry


EXPORTS = {export.name: export for export in (
    Export("graphml", "hzkg.graphml", "application/graphml+xml", "network"),
    Export("gexf", "hzkg.gexf", "application/gexf+xml", "network"),
    Export("nodes-csv", "hzkg-nodes.csv", "text/csv", "network"),
    Export("edges-csv", "hzkg-edges.csv", "text/csv", "network"),
    *(Export(fmt.key, "hzkg" + fmt.extension, fmt.mimetype, "rdf", fmt.key) for fmt in offers(DATASET)),
)}


def export_filename(name: str, params: dict) -> str:
    """The download's file name, named after the projection when there is one.

    >>> export_filename("gexf", {"projection": "shared-industries"}), export_filename("nodes-csv", {})
    ('hzkg-shared-industries.gexf', 'hzkg-nodes.csv')
    """
    filename = EXPORTS[name].filename
    projection = params.get("projection")
    if EXPORTS[name].kind != "network" or not projection:
        return filename
    return filename.replace("hzkg", f"hzkg-{projection}", 1)


def _flat(value):
    if isinstance(value, (list, tuple, set)):
        return "; ".join("=".join(map(str, item)) if isinstance(item, (list, tuple)) else str(item) for item in value)
    return value


def network_for_files(network, chosen=None) -> nx.Graph:
    """A copy of `chosen` (default: the whole network) with scalar attributes only."""
    chosen = network if chosen is None else chosen
    flat = chosen.__class__()

    def edge_attributes(data: dict) -> dict:
        attributes = {name: _flat(value) for name, value in data.items()}
        if "industries" in data:  # names for people (Gephi shows them); the IRIs beside them for programs
            attributes["industries"] = _flat([display_label(network, industry, "zh") for industry in data["industries"]])
            attributes["industries_en"] = _flat([display_label(network, industry, "en") for industry in data["industries"]])
            attributes["industry_iris"] = _flat(data["industries"])
        return attributes

    for node, data in chosen.nodes(data=True):
        attributes = {name: _flat(value) for name, value in data.items() if name != "types"}
        flat.add_node(node, **attributes, label=display_label(network, node, "zh"))
    if chosen.is_multigraph():
        for source, target, key, data in chosen.edges(keys=True, data=True):
            flat.add_edge(source, target, key=key, **edge_attributes(data))
    else:
        for source, target, data in chosen.edges(data=True):
            flat.add_edge(source, target, **edge_attributes(data))
    return flat


def _nodes_csv(flat) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Id", "Label", "kind", "kind_zh", "kind_en", "label_zh", "label_en", "aliases"])
    for node, data in flat.nodes(data=True):
        kind = data.get("kind", "")
        _, _, kind_zh, kind_en = KIND_STYLES.get(kind, KIND_STYLES["Other"]) if kind else ("", "", "", "")
        writer.writerow([node, data["label"], kind, kind_zh, kind_en, data.get("label_zh", ""),
                         data.get("label_en", ""), data.get("aliases", "")])
    return out.getvalue().encode("utf-8")


def _edges_csv(flat) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Source", "Target", "Type", "Label", "relation", "label_en", "Weight", "industries", "industries_en"])
    kind = "Directed" if flat.is_directed() else "Undirected"
    for source, target, data in flat.edges(data=True):
        writer.writerow([source, target, kind, data.get("label_zh", ""), data.get("relation", ""),
                         data.get("label_en", ""), data.get("weight", 1), data.get("industries", ""),
                         data.get("industries_en", "")])
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


def rdf_dataset_export(store, name: str) -> bytes:
    """The dataset from the store as a dump in the format `name` (service/responses/formats.py)."""
    rows = store.query(_QUADS_QUERY, whole=True).rows
    return serialize_quads([ox.Quad(*map(_oxigraph_term, row)) for row in rows], EXPORTS[name].format_key)


def export_bytes(name: str, network_source, store, params: dict) -> bytes:
    """The export `name`; `network_source()` gives the network (fetched only when needed);
    network exports take an optional `projection` parameter."""
    if name not in EXPORTS:
        raise NotFound(f"no export named {name!r}; known: {', '.join(EXPORTS)}")
    allowed = {"projection"} if EXPORTS[name].kind == "network" else set()
    unknown = sorted(set(params) - allowed)
    if unknown:
        raise BadRequest(f"export {name} takes {', '.join(allowed) or 'no parameters'}; unknown: {', '.join(unknown)}")
    if EXPORTS[name].kind == "rdf":
        return rdf_dataset_export(store, name)
    network = network_source()
    return NETWORK_WRITERS[name](network_for_files(network, choose_graph(network, params)))

"""Deterministic skolemization: blank nodes become IRIs derived from their content.

rdflib gives blank nodes random ids, so two builds would differ. Each blank node
is named by a hash of its neighbourhood, refined round by round (colour
refinement): the triples around it, with neighbouring blank nodes named by the
previous round's hash, until the number of distinct names stops growing. The
names become IRIs under `.well-known/genid/` (RDF 1.1, section 3.5).

rdflib.compare.to_canonical_graph does the same job exactly, but thousands of
times slower on the build's graph (docs/measurements.md). Two blank nodes that
no round can tell apart have the same content in every respect and share one
IRI, which changes nothing a query can see.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict

from rdflib import BNode, Graph, URIRef

from hzkg.graph.findings import show_term
from hzkg.graph.paths import BASE

__all__ = ["GENID", "skolemize", "is_skolem"]

GENID = BASE + ".well-known/genid/"


def _hash(parts: list[str]) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _names(graph: Graph) -> dict[BNode, str]:
    outgoing: dict[BNode, list] = defaultdict(list)
    incoming: dict[BNode, list] = defaultdict(list)
    for s, p, o in graph:
        if isinstance(s, BNode):
            outgoing[s].append((p, o))
        if isinstance(o, BNode):
            incoming[o].append((s, p))
    nodes = set(outgoing) | set(incoming)
    names = {node: "" for node in nodes}

    def show(term) -> str:
        return "_:" + names[term] if isinstance(term, BNode) else show_term(term)

    distinct = 1
    for _ in range(len(nodes) + 1):
        names = {
            node: _hash(
                [names[node]]
                + sorted(f"> {show_term(p)} {show(o)}" for p, o in outgoing[node])
                + sorted(f"< {show(s)} {show_term(p)}" for s, p in incoming[node])
            )
            for node in nodes
        }
        if len(set(names.values())) == distinct:
            break
        distinct = len(set(names.values()))
    return names


def skolemize(graph: Graph) -> None:
    """Replace, in place, every blank node of `graph` with a stable IRI."""
    names = _names(graph)
    iris = {node: URIRef(GENID + name[:24]) for node, name in names.items()}
    with_blank_nodes = {t for node in names for t in (*graph.triples((node, None, None)), *graph.triples((None, None, node)))}
    for triple in with_blank_nodes:
        graph.remove(triple)
    for triple in with_blank_nodes:
        graph.add(tuple(iris.get(term, term) for term in triple))


def is_skolem(term) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(GENID)

"""Deterministic skolemization: blank nodes become IRIs derived from their content.

rdflib gives blank nodes random ids, so two builds would differ. rdflib's
canonical labelling (`rdflib.compare.to_canonical_graph`) hashes each blank
node's surroundings; we turn those labels into IRIs under `.well-known/genid/`
(RDF 1.1, section 3.5) so the artifact is byte-identical from build to build.
"""
from __future__ import annotations

import hashlib

from rdflib import BNode, Graph, URIRef
from rdflib.compare import to_canonical_graph

from graph.paths import BASE

__all__ = ["GENID", "skolemize", "is_skolem"]

GENID = BASE + ".well-known/genid/"


def _skolem_iri(label: str) -> URIRef:
    return URIRef(GENID + hashlib.sha256(label.encode()).hexdigest()[:24])


def skolemize(graph: Graph) -> Graph:
    """Return a copy of `graph` whose blank nodes are stable IRIs (a graph without
    blank nodes is returned as it is)."""
    if not any(isinstance(term, BNode) for triple in graph for term in triple):
        return graph
    result = Graph()
    for triple in to_canonical_graph(graph):
        result.add(tuple(_skolem_iri(str(t)) if isinstance(t, BNode) else t for t in triple))
    return result


def is_skolem(term) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(GENID)

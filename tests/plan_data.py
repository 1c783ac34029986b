"""Shared helpers for the tests about the curated data (graph/facts, ontology)."""
from __future__ import annotations

import functools
import re

from rdflib import Graph, Namespace

from hzkg.graph import paths

HZ = Namespace(paths.DEF)
ID = Namespace(paths.ID)


@functools.lru_cache(maxsize=1)
def asserted_graph() -> Graph:
    """Ontology + facts as written (no inference); parsed once per test session."""
    graph = Graph()
    for path in sorted(paths.ONTOLOGY_DIR.glob("*.ttl")):
        if path.name != "shapes.ttl":
            graph.parse(path, format="turtle")
    for path in sorted(paths.FACTS_DIR.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


@functools.lru_cache(maxsize=1)
def plan_text_collapsed() -> str:
    """The vendored plan with every run of white space collapsed to one space."""
    return re.sub(r"\s+", " ", paths.SOURCE_TEXT.read_text(encoding="utf-8"))

"""Shared helpers for the tests about the curated data (graph/facts, ontology)."""
from __future__ import annotations

import functools
import re

from rdflib import Graph, Namespace

from hzkg.graph import paths
from hzkg.graph.build import load_facts
from hzkg.graph.load import load_turtle_dir

HZ = Namespace(paths.DEF)
ID = Namespace(paths.ID)

# Where the plan's words put each zone, as today's district or county (graph/geometry/placements.ttl gives the basis).
PLAN_LOCATIONS = {
    "hangzhou-etdz": "钱塘区", "linjiang-industrial-park": "钱塘区", "xiaoshan-etdz": "萧山区", "hangzhou-airport-edz": "萧山区",
    "hangzhou-hitech-zone": "滨江区", "zhijiang-resort": "西湖区", "qianjiang-edz": "临平区", "yuhang-edz": "临平区",
    "linan-edz": "临安区", "linan-agri-park": "临安区", "fuyang-edz": "富阳区", "fuyang-hitech-park": "富阳区",
    "tonglu-edz": "桐庐县", "jiande-edz": "建德市", "chunan-edz": "淳安县",
}


@functools.lru_cache(maxsize=1)
def asserted_graph() -> Graph:
    """Ontology + facts as the build reads them, before inference; parsed once per test session."""
    return load_turtle_dir(paths.ONTOLOGY_DIR, exclude=("shapes.ttl",)).graph + load_facts(paths.FACTS_DIR).graph


@functools.lru_cache(maxsize=1)
def plan_text_collapsed() -> str:
    """The vendored plan with every run of white space collapsed to one space."""
    return re.sub(r"\s+", " ", paths.SOURCE_TEXT.read_text(encoding="utf-8"))

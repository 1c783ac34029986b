"""Where hzkg's files live: the data it ships with, and the folder it builds into.

The ontology, the facts, the plan's text and the named queries are package data of the one
`hzkg` package (in a checkout, its folders; once installed, beside this module). The built
dataset goes to ``./build`` of the folder `hzkg` is run in, unless ``HZKG_DATA_DIR`` names
another folder (`hzkg build --out` and `hzkg serve --setting artifact` choose per command).
"""
import os
from pathlib import Path

from hzkg.graph.prefixes import BASE, DEF, ID  # noqa: F401  (re-exported: the namespace IRIs are the prefix table's)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = PACKAGE_DIR / "ontology"
FACTS_DIR = Path(__file__).resolve().parent / "facts"
SOURCE_TEXT = Path(__file__).resolve().parent / "source" / "hangzhou-development-zones-12th-five-year-plan.zh.txt"
QUERIES_DIR = PACKAGE_DIR / "queries"
BUILD_DIR = Path(os.environ.get("HZKG_DATA_DIR") or "build").absolute()
ARTIFACT_NAME = "hzkg.nq"
REPORT_NAME = "report.json"

GRAPH_ONTOLOGY = BASE + "graph/ontology"
GRAPH_FACTS = BASE + "graph/facts"
GRAPH_INFERRED = BASE + "graph/inferred"
GRAPH_TEXT = BASE + "graph/text"  # the plan's parts and the quotes' selectors, derived by the build
GRAPH_GEOMETRY = BASE + "graph/geometry"  # the map's boundaries and placements (graph/geometry/)
# Every named graph of the dataset (what a remote store is asked to show, and nothing else).
DATASET_GRAPHS = (GRAPH_ONTOLOGY, GRAPH_FACTS, GRAPH_TEXT, GRAPH_GEOMETRY, GRAPH_INFERRED)

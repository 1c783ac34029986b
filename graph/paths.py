"""Where the project's files live (the repository is installed in editable mode)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = ROOT / "ontology"
FACTS_DIR = ROOT / "graph" / "facts"
SOURCE_TEXT = ROOT / "graph" / "source" / "hangzhou-development-zones-12th-five-year-plan.zh.txt"
QUERIES_DIR = ROOT / "queries"
BUILD_DIR = ROOT / "build"
ARTIFACT_NAME = "hzkg.nq"
REPORT_NAME = "report.json"

BASE = "https://w3id.org/hzkg/"
ID = BASE + "id/"
DEF = BASE + "def/"
GRAPH_ONTOLOGY = BASE + "graph/ontology"
GRAPH_FACTS = BASE + "graph/facts"
GRAPH_INFERRED = BASE + "graph/inferred"

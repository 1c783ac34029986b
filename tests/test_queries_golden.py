"""Every named query of queries/ answers the plan's data as its golden file says.

A golden file (tests/golden/<name>.json) holds the variables and rows of the query run
with its default parameters on the default engine. Rows compare as a multiset, and the
values a query joins with GROUP_CONCAT compare as sets of parts, since SPARQL leaves
both orders to the engine. To rewrite the files after a deliberate data change, run
`HZKG_UPDATE_GOLDEN=1 pytest tests/test_queries_golden.py` and review the diff.
"""
from __future__ import annotations

import json
import os

import pytest

from named_queries import CATALOGUE
from checkout import CHECKOUT
from tools.golden import canonical_table

GOLDEN = CHECKOUT / "tests" / "golden"
def test_the_catalogue_has_the_researchers_questions():
    assert len(CATALOGUE) >= 15
    assert sorted(p.name for p in GOLDEN.glob("*.json")) == sorted(f"{name}.json" for name in CATALOGUE)


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_named_query_matches_its_golden_answer(name, plan_store):
    query = CATALOGUE[name]
    result = plan_store.run(query.bound({}).text, row_limit=100_000)
    if result.form == "SELECT":
        answer = {"variables": result.variables, "rows": canonical_table(result.variables, result.rows, query.query.text)}
    else:
        answer = {"variables": ["s", "p", "o"], "rows": canonical_table(["s", "p", "o"], result.triples)}
    path = GOLDEN / f"{name}.json"
    if os.environ.get("HZKG_UPDATE_GOLDEN"):
        path.write_text(json.dumps(answer, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert answer["variables"] == expected["variables"]
    assert len(answer["rows"]) == len(expected["rows"])
    assert answer["rows"] == expected["rows"]

"""The build anchors every quote in the plan's text (W3C Web Annotation selectors) and
writes the plan's parts: 0 mismatches on the plan, every part with its IRI and text, the
parts' texts concatenating to the plan, and a quote outside its section failing the build."""
from __future__ import annotations

import json

import pytest
from rdflib import RDF, Graph, URIRef

from build_helpers import FixtureProject
from hzkg.graph import paths
from hzkg.graph.anchors import anchor_quotes, check_anchors
from hzkg.graph.findings import EXIT_NONCONFORMING
from hzkg.graph.locate import Locator
from hzkg.graph.plan_parts import parse_plan
from plan_data import asserted_graph

OA = "http://www.w3.org/ns/oa#"
HZ = paths.DEF
PLAN_TEXT = paths.SOURCE_TEXT.read_text(encoding="utf-8")


def test_the_plan_builds_with_every_quote_anchored_and_no_mismatch(plan_artifact):
    report = json.loads((plan_artifact.parent / paths.REPORT_NAME).read_text(encoding="utf-8"))
    assert report["text"]["mismatches"] == 0
    citations = set(asserted_graph().subjects(URIRef(HZ + "quote"), None))
    assert report["text"]["anchored"] == len(citations) > 270  # 270 before issue 12 quoted the whole plan
    assert report["text"]["parts"] == 358  # the plan, 64 sections, 64 headings, 132 paragraphs, a table, 16 rows, 80 cells


def _selectors(store) -> list[dict]:
    rows = store.run(f"""SELECT ?c ?quote ?start ?end ?exact ?prefix ?suffix WHERE {{
        ?c <{HZ}quote> ?quote ; <{OA}hasSelector> ?p , ?q .
        ?p <{OA}start> ?start ; <{OA}end> ?end .
        ?q <{OA}exact> ?exact ; <{OA}prefix> ?prefix ; <{OA}suffix> ?suffix }}""", 10_000).rows
    return [dict(zip(("c", "quote", "start", "end", "exact", "prefix", "suffix"), map(str, row)))
            for row in rows]


def test_every_selector_in_the_dataset_points_at_its_quote(plan_store):
    selectors = _selectors(plan_store)
    assert len(selectors) == len(set(asserted_graph().subjects(URIRef(HZ + "quote"), None))) > 270
    for s in selectors:
        start, end = int(s["start"]), int(s["end"])
        assert PLAN_TEXT[start:end] == s["exact"]
        assert " ".join(s["exact"].split()) == s["quote"]
        assert PLAN_TEXT[start - len(s["prefix"]):start] == s["prefix"] and PLAN_TEXT[end:end + len(s["suffix"])] == s["suffix"]
    rows = [s for s in selectors if s["c"].endswith("appendix-table-6589d21f")]
    assert rows and "\t" in rows[0]["exact"]  # a table row: its cells as the file separates them


def test_every_part_has_an_iri_and_its_text_and_the_leaves_make_the_plan(plan_store):
    rows = plan_store.run(f"""SELECT ?part ?text ?start ?child WHERE {{
        ?part a <{HZ}PlanPart> ; <{HZ}text> ?text ; <{OA}hasSelector>/<{OA}start> ?start .
        OPTIONAL {{ ?child <http://purl.org/dc/terms/isPartOf> ?part ; a <{HZ}PlanPart> }} FILTER(!BOUND(?child)) }}""", 10_000).rows
    leaves = sorted((int(str(start)), str(text)) for _, text, start, _ in rows)
    assert len(leaves) == 64 + 132 + 80  # headings, paragraphs, cells
    assert "".join(text for _, text in leaves) == PLAN_TEXT
    parts = plan_store.run(f"SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ ?p a <{HZ}PlanPart> }}", 10).rows
    untexted = plan_store.run(f"""SELECT ?p WHERE {{ ?p a <{HZ}PlanPart> FILTER NOT EXISTS {{ ?p <{HZ}text> ?t }} }}""", 10).rows
    assert int(str(parts[0][0])) == 357 and untexted == []  # every part but the plan itself


def test_every_part_reaches_the_plan_through_is_part_of(plan_store):
    rows = plan_store.run(f"""SELECT ?p WHERE {{ ?p a <{HZ}PlanPart>
        FILTER NOT EXISTS {{ ?p <http://purl.org/dc/terms/isPartOf>+ <{paths.ID}plan> }} }}""", 10).rows
    assert rows == []


def test_every_section_of_plan_ttl_is_a_part_with_its_number_and_title():
    parts = parse_plan(PLAN_TEXT)
    graph = asserted_graph()
    sections = set(graph.subjects(RDF.type, URIRef(HZ + "Section")))
    assert len(sections) == 60
    for section in sections:
        local = str(section)[len(paths.ID):]
        assert local in parts, local
        assert parts[local].number == str(graph.value(section, URIRef(HZ + "sectionNumber")))
        title = graph.value(section, URIRef("http://purl.org/dc/terms/title"))
        if local != "section/title":
            assert parts[local].title == str(title), local
    assert {p for p in parts if parts[p].kind == "section"} - {str(s)[len(paths.ID):] for s in sections} == {
        "section/5-1-1", "section/5-1-2", "section/5-1-3", "section/5-1-4"}


TWICE = "一、甲\n\n（一）乙。\n\n同一句话。\n\n（二）丙。\n\n同一句话。\n"


def _citation_graph(section: str, number: str, quote: str) -> Graph:
    return Graph().parse(data=f"""@prefix hz: <{HZ}> .
        <{paths.ID}citation/x> hz:section <{paths.ID}section/{section}> ; hz:quote "{quote}" .
        <{paths.ID}section/{section}> hz:sectionNumber "{number}" .""", format="turtle")


@pytest.mark.parametrize("section, number, expected", [("1-1", "一（一）", 12), ("1-2", "一（二）", 26)])
def test_a_quote_the_plan_writes_twice_is_anchored_in_its_own_section(section, number, expected):
    parts = parse_plan(TWICE)
    facts = _citation_graph(section, number, "同一句话")
    anchors, findings = anchor_quotes(facts, parts, Locator([], facts))
    assert findings == [] and check_anchors(anchors, parts, Locator([], facts)) == []
    assert [(a.start, a.end, a.part) for a in anchors] == [(expected, expected + 4, f"section/{section}")]
    assert TWICE[expected:expected + 4] == "同一句话"


def test_a_section_the_text_lacks_is_anchored_in_the_nearest_enclosing_one():
    parts = parse_plan(TWICE)
    facts = _citation_graph("1-2-9", "一（二）9", "同一句话")
    anchors, _ = anchor_quotes(facts, parts, Locator([], facts))
    assert [a.part for a in anchors] == ["section/1-2"]


def test_a_quote_outside_its_section_fails_the_build_with_file_line_and_reason(tmp_path, capsys):
    project = FixtureProject(tmp_path / "project")
    # The fixture's appendix citation now quotes a sentence of section 五.
    project.replace("facts/indicators.ttl", '"杭州经济技术开发区（杭州出口加工区） 23.12 10 630 全市生物医药产业发展核心区"',
                    '"共建4平方公里的城乡统筹区块"')
    assert project.build() == EXIT_NONCONFORMING
    err = capsys.readouterr().err
    assert "facts/indicators.ttl:" in err
    assert "quote not in its section 附表 but in 五" in err
    assert not (project.out / paths.ARTIFACT_NAME).exists()


def test_a_selector_that_does_not_point_at_its_quote_is_reported():
    parts = parse_plan(TWICE)
    facts = _citation_graph("1-1", "一（一）", "同一句话")
    anchors, _ = anchor_quotes(facts, parts, Locator([], facts))
    from dataclasses import replace

    moved = [replace(anchors[0], start=anchors[0].start + 1, end=anchors[0].end + 1)]
    messages = [f.message for f in check_anchors(moved, parts, Locator([], facts))]
    assert any("is not its exact text" in m for m in messages)
    assert any("prefix or suffix" in m for m in messages)

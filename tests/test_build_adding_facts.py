"""docs/adding-facts.md, followed on a copy of the plan's data: its Turtle blocks added, the build
passes, its SPARQL finds the new figure and relation; each mistake it shows, made, gives the
build's message it shows (line numbers aside)."""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from build_helpers import FixtureProject
from hzkg.graph import paths

DOC = paths.PACKAGE_DIR / "docs" / "adding-facts.md"
_FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _blocks(text: str, language: str) -> list[str]:
    return [body for lang, body in _FENCE.findall(text) if lang == language]


def _copy_path(relative: str) -> str:
    """graph/facts/x.ttl -> facts/x.ttl; ontology/x.ttl stays: the copy's layout."""
    return relative.removeprefix("graph/")


def additions() -> list[tuple[str, str]]:
    """(file, Turtle) of each block the doc marks `# add to FILE`."""
    found = []
    for body in _blocks(DOC.read_text(encoding="utf-8"), "turtle"):
        first, _, rest = body.partition("\n")
        if first.startswith("# add to "):
            found.append((first.removeprefix("# add to ").strip(), rest))
    return found


def mistakes() -> dict[str, tuple[list[tuple[str, str, str]], list[str]]]:
    """Each `###` section of the doc's mistakes: its edits (file, old, new) and the messages shown."""
    text = DOC.read_text(encoding="utf-8")
    found = {}
    for section in re.split(r"^### ", text.split("## The build's message for each common mistake", 1)[1], flags=re.MULTILINE)[1:]:
        title = section.partition("\n")[0].strip()
        edits = []
        for diff in _blocks(section, "diff"):
            for group in re.split(r"^# in ", diff, flags=re.MULTILINE)[1:]:
                name, _, lines = group.partition("\n")
                old = "\n".join(line[1:] for line in lines.splitlines() if line.startswith("-"))
                new = "\n".join(line[1:] for line in lines.splitlines() if line.startswith("+"))
                edits.append((name.strip(), old, new))
        messages = [line for block in _blocks(section, "text") for line in block.splitlines() if line.strip()]
        found[title] = (edits, messages)
    return found


def _walked(root: Path) -> FixtureProject:
    project = FixtureProject.of_the_plan(root)
    for relative, turtle in additions():
        path = project.path(_copy_path(relative))
        path.write_text(path.read_text(encoding="utf-8") + "\n" + turtle, encoding="utf-8")
    return project


def _without_line_numbers(message: str) -> str:
    return re.sub(r"^([^:\s]+):\d+: ", r"\1:N: ", message)


@pytest.fixture(scope="module")
def walked_store(tmp_path_factory) -> ox.Store:
    project = _walked(tmp_path_factory.mktemp("adding-facts"))
    assert project.build() == 0, "the doc's facts do not build:\n" + "\n".join(project.findings())
    store = ox.Store()
    store.load(path=str(project.out / paths.ARTIFACT_NAME), format=ox.RdfFormat.N_QUADS)
    return store


def _answer(store: ox.Store, query: str) -> list[dict[str, str]]:
    solutions = store.query(query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{name: row[name].value for name in names} for row in solutions]


def test_the_doc_adds_a_figure_and_a_relation_to_three_facts_files_and_the_code_lists():
    assert {relative for relative, _ in additions()} == {
        "ontology/codelists.ttl", "graph/facts/indicators.ttl", "graph/facts/places.ttl", "graph/facts/partnerships.ttl"}


def test_sparql_finds_the_new_figure_with_its_quote(walked_store):
    figure_query = _blocks(DOC.read_text(encoding="utf-8"), "sparql")[0]
    assert _answer(walked_store, figure_query) == [
        {"value": "2", "unit": "万美元", "quote": "我市人均地区生产总值将实现从1万美元向2万美元跨越"}]


def test_sparql_finds_the_new_relation(walked_store):
    relation_query = _blocks(DOC.read_text(encoding="utf-8"), "sparql")[1]
    assert _answer(walked_store, relation_query) == [
        {"partner": "杭黄客运专线站点", "kind": paths.DEF + "Reliance"}]


def test_the_build_names_the_blank_node_citations_by_the_rule_and_infers_the_link(walked_store):
    quoted = _answer(walked_store, """PREFIX hz: <https://w3id.org/hzkg/def/>
        SELECT ?citation WHERE { <https://w3id.org/hzkg/id/place/hangzhou-huangshan-railway-stations> hz:citation ?citation }""")
    assert quoted == [{"citation": paths.ID + "citation/5-2-4-058a6ed4"}]  # SHA-1 of 依托杭黄客运专线站点
    assert walked_store.query("""ASK { <https://w3id.org/hzkg/id/zone/chunan-edz> <https://w3id.org/hzkg/def/reliesOn>
        <https://w3id.org/hzkg/id/place/hangzhou-huangshan-railway-stations> }""", use_default_graph_as_union=True)


def test_the_doc_shows_the_common_mistakes():
    assert {"Quote not in its section", "Number not in its quote", "Word check", "Unknown IRI"} <= set(mistakes())
    assert all(edits and messages for edits, messages in mistakes().values())


@pytest.mark.parametrize("title", sorted(mistakes()))
def test_each_mistake_gives_the_message_the_doc_shows(title, tmp_path):
    edits, messages = mistakes()[title]
    project = _walked(tmp_path)
    for relative, old, new in edits:
        project.replace(_copy_path(relative), old, new)
    got = [_without_line_numbers(line) for line in project.findings()]
    for message in messages:
        assert _without_line_numbers(message) in got, "the build said:\n" + "\n".join(got)

"""What authors leave to the build (graph/authoring.py) and the two scripts that bring the facts
to it after a merge: tools/citation_iris.py (citation names by the rule) and
tools/stated_triples.py (a fact statement's triple written once)."""
from __future__ import annotations

import shutil

from rdflib import Graph, Literal, URIRef

from hzkg.graph import paths
from hzkg.graph.authoring import citation_iri, complete_facts, misnamed_citations
from hzkg.graph.build import load_facts
from hzkg.graph.skolem import skolemize
from tools import citation_iris, stated_triples

HZ, ID = paths.DEF, paths.ID
RULE_NAMED = "citation/4-2-7-20abc783"  # the README's example citation: SHA-1 of its quote


def _copy_of_the_facts(tmp_path):
    return shutil.copytree(paths.FACTS_DIR, tmp_path / "facts")


def test_every_citation_of_the_facts_is_named_by_the_rule():
    assert misnamed_citations(load_facts(paths.FACTS_DIR).graph) == {}


def test_a_blank_node_citation_gets_the_rules_name_a_type_and_its_source():
    graph = Graph()
    graph.parse(data=f"""@prefix hz: <{HZ}> . @base <{ID}> .
        <zone/x> hz:citation [ hz:section <section/4-2-7> ; hz:quote "开发区累计新开发面积5平方公里"@zh ] .""", format="turtle")
    skolemize(graph)
    complete_facts(graph)
    citation = graph.value(URIRef(ID + "zone/x"), URIRef(HZ + "citation"))
    assert citation == citation_iri(URIRef(ID + "section/4-2-7"), "开发区累计新开发面积5平方公里")
    assert str(citation).startswith(ID + "citation/4-2-7-") and len(str(citation)) == len(ID + "citation/4-2-7-") + 8
    assert graph.value(citation, URIRef(HZ + "quote")) == Literal("开发区累计新开发面积5平方公里", lang="zh")
    assert (citation, None, URIRef(ID + "plan")) in graph and (citation, None, URIRef(HZ + "Citation")) in graph


def test_a_blank_node_without_one_section_and_one_quote_keeps_its_skolem_name():
    graph = Graph()
    graph.parse(data=f"""@prefix hz: <{HZ}> . @base <{ID}> .
        <zone/x> hz:citation [ hz:quote "开发区累计新开发面积5平方公里"@zh ] .""", format="turtle")
    skolemize(graph)
    complete_facts(graph)
    assert "/.well-known/genid/" in str(graph.value(URIRef(ID + "zone/x"), URIRef(HZ + "citation")))


def test_citation_iris_renames_a_citation_everywhere_puts_its_block_back_in_order_and_then_has_nothing_to_do(tmp_path):
    facts = _copy_of_the_facts(tmp_path)
    originals = {path.name: path.read_text(encoding="utf-8") for path in facts.iterdir()}
    wrong = "citation/4-2-7-0badc0de"
    for path in facts.glob("*.ttl"):
        path.write_text(path.read_text(encoding="utf-8").replace(RULE_NAMED, wrong), encoding="utf-8")
    assert citation_iris.rename(facts, write=True) == {wrong: RULE_NAMED}
    assert {path.name: path.read_text(encoding="utf-8") for path in facts.iterdir()} == originals
    assert citation_iris.rename(facts, write=True) == {}


def test_citation_iris_merges_a_renamed_block_that_repeats_another_word_for_word(tmp_path):
    facts = _copy_of_the_facts(tmp_path)
    block = (facts / "citations.ttl").read_text(encoding="utf-8").split(f"<{RULE_NAMED}>", 1)[1].split("\n\n", 1)[0]
    goals = facts / "goals.ttl"
    goals.write_text(goals.read_text(encoding="utf-8") + f"\n<citation/4-2-7-0badc0de>{block}\n", encoding="utf-8")
    original = (facts / "citations.ttl").read_text(encoding="utf-8")
    assert citation_iris.rename(facts, write=True) == {"citation/4-2-7-0badc0de": RULE_NAMED}
    assert "0badc0de" not in goals.read_text(encoding="utf-8")
    assert f"<{RULE_NAMED}> a hz:Citation" not in goals.read_text(encoding="utf-8")  # cited there, defined once
    assert (facts / "citations.ttl").read_text(encoding="utf-8") == original


def test_stated_triples_removes_a_level_written_again_on_its_zone(tmp_path):
    facts = _copy_of_the_facts(tmp_path)
    zones = facts / "zones.ttl"
    original = zones.read_text(encoding="utf-8")
    label = '    rdfs:label "浙江淳安经济开发区"@zh , "Zhejiang Chun\'an Economic Development Zone"@en ;\n'
    assert label in original
    zones.write_text(original.replace(label, label + "    hz:level hz:Provincial ;\n"), encoding="utf-8")
    assert stated_triples.remove_stated(facts, write=True, only={URIRef(HZ + "consolidatedInto")}) == ([], [])
    removed, left = stated_triples.remove_stated(facts, write=True, only={URIRef(HZ + "level")})
    assert removed == ["zones.ttl: <zone/chunan-edz> hz:level hz:Provincial"] and left == []
    assert zones.read_text(encoding="utf-8") == original
    assert stated_triples.remove_stated(facts, write=True) == ([], [])


def test_the_build_asserts_each_fact_statements_triple():
    graph = load_facts(paths.FACTS_DIR).graph
    assert (URIRef(ID + "zone/chunan-edz"), URIRef(HZ + "level"), URIRef(HZ + "Provincial")) in graph
    assert (URIRef(ID + "zone/hangzhou-export-processing-zone"), URIRef(HZ + "consolidatedInto"),
            URIRef(ID + "zone/hangzhou-etdz")) in graph

"""A bad data file fails the build with the file, the line and the reason, and the
documented exit code (1: does not conform, 2: error); never a traceback."""
from __future__ import annotations

import pytest
from rdflib import URIRef
from build_helpers import FixtureProject

from hzkg.graph import paths
from hzkg.graph.authoring import citation_iri

ZONES = "facts/places.ttl"
INDICATORS = "facts/indicators.ttl"


@pytest.fixture
def project(tmp_path):
    return FixtureProject(tmp_path / "project")


def _fails(project, capsys, code: int) -> str:
    assert project.build() == code
    assert not (project.out / paths.ARTIFACT_NAME).exists()
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


def test_turtle_syntax_error_gives_file_line_and_exit_2(project, capsys):
    project.replace(ZONES, 'hz:locatedIn place:hangzhou .\n\nzone:', "hz:locatedIn place:hangzhou\n\nzone:")
    err = _fails(project, capsys, 2)
    # The statement runs on into the next block; the parser notices there.
    line = project.line_of(ZONES, "zone:hangzhou-etdz a")
    assert f"{project.root / ZONES}:{line}: expected '.'" in err


def test_undefined_prefix_is_a_syntax_error(project, capsys):
    project.replace(ZONES, "hz:partnerOf zone:jiande", "hz:partnerOf zonee:jiande")
    err = _fails(project, capsys, 2)
    assert f"{project.root / ZONES}:{project.line_of(ZONES, 'zonee:')}:" in err
    assert "zonee" in err


def test_missing_facts_folder_is_an_error(project, capsys):
    for path in project.path("facts").iterdir():
        path.unlink()
    project.path("facts").rmdir()
    assert "no such folder" in _fails(project, capsys, 2)


def test_missing_source_text_is_an_error(project, capsys):
    project.path("source/plan.zh.txt").unlink()
    assert "cannot read the plan text" in _fails(project, capsys, 2)


def test_shape_violation_names_focus_node_and_file(project, capsys):
    project.replace(ZONES, 'rdfs:label "钱塘区"@zh, "Qiantang"@en ;', 'rdfs:label "钱塘区"@zh ;')
    err = _fails(project, capsys, 1)
    line = project.line_of(ZONES, "place:qiantang a hz:District")
    assert f"{project.root / ZONES}:{line}: <{paths.ID}place/qiantang> <http://www.w3.org/2000/01/rdf-schema#label>: " in err
    assert "a place needs a Chinese and an English label" in err


def test_shape_violation_on_a_blank_node_points_at_its_owner(project, capsys):
    # A place written as a blank node, with one label where the shape wants two.
    project.replace(ZONES, "hz:locatedIn place:qiantang ;", 'hz:locatedIn [ a hz:District ; rdfs:label "某区"@zh ] ;')
    err = _fails(project, capsys, 1)
    assert f"{ZONES}:{project.line_of(ZONES, 'zone:hangzhou-etdz a')}: <{paths.BASE}.well-known/genid/" in err


def test_quote_not_in_the_text_fails(project, capsys):
    project.replace(INDICATORS, "杭州经济技术开发区与浙江建德经济开发区合作", "杭州经济技术开发区与浙江建德经济开发区结对")
    err = _fails(project, capsys, 1)
    line = project.line_of(INDICATORS, "结对")  # a citation written as a blank node: where its quote is
    named = citation_iri(URIRef(paths.ID + "section/5-1"), "杭州经济技术开发区与浙江建德经济开发区结对")
    assert f"{INDICATORS}:{line}: <{named}> quote not found" in err
    assert "结对" in err


def test_quote_spanning_a_line_break_is_found(project):
    # The plan breaks the line after "合作，"; a quote joins it with one space.
    project.replace(
        INDICATORS, '"杭州经济技术开发区与浙江建德经济开发区合作"', '"浙江建德经济开发区合作， 共建4平方公里的城乡统筹区块。"'
    )
    assert project.build() == 0


def test_number_not_in_its_quote_fails(project, capsys):
    project.replace(INDICATORS, "hz:value 23.12 ;", "hz:value 23.1 ;")
    err = _fails(project, capsys, 1)
    line = project.line_of(INDICATORS, "obs:hangzhou-etdz-area-2010 a")
    assert f"{INDICATORS}:{line}: <{paths.ID}observation/hangzhou-etdz-area-2010> value 23.1 not in the quote" in err


@pytest.mark.parametrize("written, plain", [("630.00", "630"), ("6.3e2", "630"), ("630", "630")])
def test_number_forms_match_the_plain_decimal(project, written, plain):
    project.replace(INDICATORS, "hz:value 630.0 ;", f"hz:value {written} ;")
    project.replace("ontology/shapes.ttl", "sh:datatype xsd:decimal ;", "")
    assert project.build() == 0


def test_unknown_vocabulary_term_gives_file_and_line(project, capsys):
    project.replace(ZONES, "hz:partnerOf zone:jiande", "hz:partnerWith zone:jiande")
    err = _fails(project, capsys, 1)
    line = project.line_of(ZONES, "hz:partnerWith")
    assert f"{ZONES}:{line}: unknown term <{paths.DEF}partnerWith>" in err


def test_unknown_class_gives_file_and_line(project, capsys):
    project.replace(ZONES, "zone:jiande a hz:Zone", "zone:jiande a hz:ProvincialZone")
    err = _fails(project, capsys, 1)
    assert f"{ZONES}:{project.line_of(ZONES, 'hz:ProvincialZone')}: unknown term <{paths.DEF}ProvincialZone>" in err


def test_dangling_link_fails(project, capsys):
    project.replace(ZONES, "hz:partnerOf zone:jiande", "hz:partnerOf zone:jiande-typo")
    err = _fails(project, capsys, 1)
    assert f"{ZONES}:{project.line_of(ZONES, 'zone:jiande-typo')}: dangling link <{paths.ID}zone/jiande-typo>" in err


def test_nonconforming_check_exits_1_and_lists_findings(project, capsys):
    project.replace(ZONES, "hz:partnerOf zone:jiande", "hz:partnerOf zone:jiande-typo")
    assert project.check() == 1
    out = capsys.readouterr().out
    assert "DOES NOT CONFORM" in out and "dangling link" in out


def test_invalid_iri_gives_file_line_and_exit_2(project, capsys):
    project.replace(ZONES, "hz:locatedIn place:hangzhou .", "hz:locatedIn <https://w3id.org/hzkg/id/place/hang zhou> .")
    err = _fails(project, capsys, 2)
    assert f"{ZONES}:{project.line_of(ZONES, 'hang zhou')}: invalid IRI" in err


def test_ill_typed_literal_fails_without_a_traceback(project, capsys):
    project.replace(INDICATORS, "hz:value 23.12 ;", 'hz:value "23,12"^^xsd:decimal ;')
    err = _fails(project, capsys, 1)
    line = project.line_of(INDICATORS, "obs:hangzhou-etdz-area-2010 a")
    assert f"{INDICATORS}:{line}: <{paths.ID}observation/hangzhou-etdz-area-2010> <{paths.DEF}value>: ill-typed literal" in err


def test_dangling_relative_iri_is_located(project, capsys):
    project.replace(INDICATORS, "hz:section <section/5-1> ;", "hz:section <section/5-9> ;")
    err = _fails(project, capsys, 1)
    assert f"{INDICATORS}:{project.line_of(INDICATORS, '<section/5-9>')}: dangling link <{paths.ID}section/5-9>" in err


def test_a_sentence_of_the_plan_that_no_fact_quotes_and_no_register_holds_fails_the_build(project, capsys):
    plan = project.path("source/plan.zh.txt")
    plan.write_text(plan.read_text(encoding="utf-8") + "\n\t浙江建德经济开发区\n\t4.83\n\t3\n\t28\n\t全市新材料产业和旅游休闲产业的重要组成部分\n", encoding="utf-8")
    err = _fails(project, capsys, 1)
    line = project.line_of("source/plan.zh.txt", "\t浙江建德经济开发区")
    assert f"{project.root / 'source/plan.zh.txt'}:{line}: sentence of <{paths.ID}section/appendix-table> is neither encoded nor registered" in err
    assert "«浙江建德经济开发区 4.83 3 28 全市新材料产业和旅游休闲产业的重要组成部分»" in err

"""The plan in English: every sentence of graph/coverage.py is an hz:Sentence with its Chinese,
its paragraph and the project's unofficial English, queryable through SPARQL on a real server;
the build fails, saying where, when a sentence has no translation, a translation has no
sentence, the Chinese beside it is not the sentence's, or its English does not use the
graph's English name of a thing the Chinese names (graph/glossary.py)."""
from __future__ import annotations

import json
import shutil
import urllib.parse

import pytest

from build_helpers import FixtureProject
from hzkg.graph import paths
from hzkg.graph.build import run_build
from hzkg.graph.coverage import plan_sentences
from hzkg.graph.glossary import EXCEPTIONS_FILE
from hzkg.graph.sentences import EN_FILE, identify

HZ = paths.DEF
PLAN_TEXT = paths.SOURCE_TEXT.read_text(encoding="utf-8")
TRANSLATION_DIR = paths.FACTS_DIR.parent / "translation"


def _select(server, query: str) -> list[dict]:
    answer = server.get("/sparql?" + urllib.parse.urlencode({"query": query}),
                        headers={"Accept": "application/sparql-results+json"})
    assert answer.status == 200, answer.text
    return answer.json()["results"]["bindings"]


def test_every_sentence_of_the_plan_is_an_hz_sentence_with_english_through_sparql(plan_server):
    rows = _select(plan_server, f"""PREFIX hz: <{HZ}> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?sentence ?zh ?en ?paragraph ?kind WHERE {{
          ?sentence a hz:Sentence ; hz:text ?zh ; hz:translation ?en ; dcterms:isPartOf ?paragraph .
          ?paragraph a ?kind FILTER(?kind IN (hz:Paragraph, hz:TableRow)) FILTER(lang(?en) = "en") }}""")
    expected = {f"{paths.ID}sentence/{s.id}": s.sentence.text for s in identify(plan_sentences(PLAN_TEXT))}
    assert len(expected) == 333
    found = {row["sentence"]["value"]: row for row in rows}
    assert set(found) == set(expected)
    assert all(found[iri]["zh"]["value"] == text for iri, text in expected.items())
    assert all(row["en"]["xml:lang"] == "en" and len(row["en"]["value"]) > 20 for row in rows)
    preface = found[paths.ID + "sentence/preface-s7"]
    assert preface["en"]["value"] == "The plan period is 2011–2015"
    assert preface["paragraph"]["value"] == paths.ID + "section/preface-p3"
    row = found[paths.ID + "sentence/appendix-table-s4"]
    assert row["kind"]["value"] == HZ + "TableRow" and row["en"]["value"].startswith("Hangzhou Hi-tech Industry Development Zone | 12.12")


def test_a_sentence_is_anchored_in_the_text_like_a_quote(plan_store):
    rows = plan_store.run(f"""PREFIX hz: <{HZ}> PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?zh ?start ?end ?exact WHERE {{ <{paths.ID}sentence/4-2-7-s3> hz:text ?zh ;
          oa:hasSelector ?p , ?q . ?p oa:start ?start ; oa:end ?end . ?q oa:exact ?exact }}""", 10).rows
    zh, start, end, exact = rows[0]
    assert PLAN_TEXT[int(str(start)):int(str(end))] == str(exact) == str(zh)
    assert str(zh).startswith("依托先进装备制造业发展的产业基础")


def test_every_section_title_is_in_english_through_sparql(plan_server):
    rows = _select(plan_server, f"""PREFIX hz: <{HZ}> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?section ?zh ?en WHERE {{ ?section a hz:Section ; hz:titleTranslation ?en .
          OPTIONAL {{ ?section dcterms:title ?zh FILTER(lang(?zh) = "zh") }} }}""")
    titles = {row["section"]["value"][len(paths.ID):]: row["en"]["value"] for row in rows}
    assert len(titles) == 64
    assert titles["section/4-2-7"] == "Zhejiang Lin'an Economic Development Zone"
    assert titles["section/preface"] == "Preface"


def test_the_short_phrases_between_sentences_are_in_english_too(plan_server):
    rows = _select(plan_server, f"""PREFIX hz: <{HZ}> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?phrase ?zh ?en ?paragraph WHERE {{ ?phrase a hz:Phrase ; hz:text ?zh ; hz:translation ?en ;
          dcterms:isPartOf ?paragraph }}""")
    phrases = {row["phrase"]["value"][len(paths.ID):]: row for row in rows}
    assert len(phrases) == 87  # 86 pieces of paragraphs and the appendix table's 合计 row
    first = phrases["phrase/4-2-7-1"]
    assert (first["zh"]["value"], first["en"]["value"]) == ("总体定位", "Overall positioning")
    assert first["paragraph"]["value"] == paths.ID + "section/4-2-7-p1"
    total = phrases["phrase/appendix-table-1"]  # the table's total row, too short to be a sentence
    assert (total["zh"]["value"], total["en"]["value"]) == ("合计90.33241", "Total | | 90.3 | 3241 |")
    assert total["paragraph"]["value"] == paths.ID + "section/appendix-table-row-15"
    not_sentences = _select(plan_server, f"PREFIX hz: <{HZ}> SELECT (COUNT(*) AS ?n) WHERE {{ ?p a hz:Phrase , hz:Sentence }}")
    assert not_sentences[0]["n"]["value"] == "0"


def test_the_translation_says_it_is_the_projects_unofficial_one(plan_server):
    rows = _select(plan_server, f"""PREFIX hz: <{HZ}> PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?creator ?description ?count ?source WHERE {{ <{paths.ID}translation/en> a hz:Translation ;
          dcterms:creator ?creator ; dcterms:description ?description ; hz:sentenceCount ?count ;
          prov:wasDerivedFrom ?source FILTER(lang(?description) = "en") }}""")
    assert len(rows) == 1
    assert rows[0]["creator"]["value"] == "hzkg contributors" and rows[0]["count"]["value"] == "333"
    assert "unofficial" in rows[0]["description"]["value"] and rows[0]["source"]["value"] == paths.ID + "plan"
    linked = _select(plan_server, f"""PREFIX hz: <{HZ}> SELECT (COUNT(?s) AS ?n) WHERE {{
        ?s hz:translatedIn <{paths.ID}translation/en> }}""")
    assert linked[0]["n"]["value"] == str(333 + 87)  # the sentences and the short phrases


def test_the_build_reports_the_translation_and_its_glossary_check(plan_artifact):
    report = json.loads((plan_artifact.parent / paths.REPORT_NAME).read_text(encoding="utf-8"))
    translation = report["text"]["translation"]
    assert translation["sentences"] == translation["translated"] == 333
    assert translation["headings"] == translation["headings_translated"] == 64
    assert translation["phrases"] == translation["phrases_translated"] == 87
    glossary = translation["glossary"]
    listed = [line for line in (TRANSLATION_DIR / EXCEPTIONS_FILE).read_text(encoding="utf-8").splitlines()
              if line and not line.startswith(("#", "sentence\t"))]
    assert glossary["exceptions"] == len(listed) and all(len(line.split("\t")) == 4 for line in listed)
    assert glossary["names_checked"] > 500
    assert glossary["names_in_english"] + glossary["excused"] == glossary["names_checked"]


@pytest.fixture
def plan_copy(tmp_path):
    """The plan's own inputs in a private folder, safe to break."""
    root = tmp_path / "plan"
    for folder in ("ontology", "graph/facts", "graph/source", "graph/translation"):
        shutil.copytree(paths.PACKAGE_DIR / folder, root / folder)
    return root


def _build(root, tmp_path) -> int:
    return run_build(out_dir=tmp_path / "out", quiet=True, ontology_dir=root / "ontology",
                     facts_dir=root / "graph/facts", source_text=root / "graph/source")


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_glossary_check_fails_on_a_planted_mistake(plan_copy, tmp_path, capsys):
    english = plan_copy / "graph/translation" / EN_FILE
    # 1-1-1-s1 names 杭州钱江经济开发区; write another name for it
    _edit(english, "newly established the Hangzhou Qianjiang Economic Development Zone,", "newly established the Qianjiang Zone,")
    code = _build(plan_copy, tmp_path)
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    line = next(n for n, text in enumerate(english.read_text(encoding="utf-8").splitlines(), 1) if text.startswith("1-1-1-s1\t"))
    assert f"graph/translation/en.tsv:{line}: 1-1-1-s1 names 杭州钱江经济开发区 (zone/qianjiang-edz)" in err
    assert "«Hangzhou Qianjiang Economic Development Zone»" in err and EXCEPTIONS_FILE in err
    assert err.count("names ") == 1  # the other 580 names are fine


def test_an_exception_that_excuses_nothing_fails_the_build(plan_copy, tmp_path, capsys):
    exceptions = plan_copy / "graph/translation" / EXCEPTIONS_FILE
    with exceptions.open("a", encoding="utf-8") as file:
        file.write("1-1-1-s1\t杭州钱江经济开发区\t-\tno reason: the English uses the label\n")
    code = _build(plan_copy, tmp_path)
    err = capsys.readouterr().err
    assert code == 1 and "the exception for 杭州钱江经济开发区 in 1-1-1-s1 excuses nothing" in err


def test_a_missing_phrase_file_lists_every_phrase_to_translate(plan_copy, tmp_path, capsys):
    (plan_copy / "graph/translation/en-phrases.tsv").unlink()
    code = _build(plan_copy, tmp_path)
    err = capsys.readouterr().err
    assert code == 1 and err.count("has no translation") == 87
    assert "en-phrases.tsv: short phrase 4-2-7-1 (plan character" in err and "add a line «4-2-7-1\t总体定位\t<English>»" in err


# The translation file's own errors, on the small build fixture (one sentence: a table row).
ROW = "杭州经济技术开发区（杭州出口加工区） 23.12 10 630 全市生物医药产业发展核心区"


def _fixture_build(tmp_path, capsys, edit) -> str:
    project = FixtureProject(tmp_path / "project")
    assert project.build() == 0, "the fixture builds as it is"
    edit(project)
    assert project.build() == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


def test_a_sentence_without_a_translation_fails_the_build(tmp_path, capsys):
    err = _fixture_build(tmp_path, capsys, lambda p: p.replace("translation/en.tsv", f"appendix-table-s1\t{ROW}\t", "# "))
    assert "translation/en.tsv: sentence appendix-table-s1 (plan line 11) has no translation: add a line" in err


def test_a_translation_without_a_sentence_fails_the_build(tmp_path, capsys):
    def add(project):
        with project.path("translation/en.tsv").open("a", encoding="utf-8") as file:
            file.write("4-2-7-s9\t开发区累计新开发面积\tThe zone develops\n")
    err = _fixture_build(tmp_path, capsys, add)
    assert "translation/en.tsv:4: 4-2-7-s9 is no sentence of the plan" in err


def test_chinese_that_is_not_the_sentences_fails_the_build(tmp_path, capsys):
    err = _fixture_build(tmp_path, capsys, lambda p: p.replace("translation/en.tsv", "23.12 10 630", "23.12 10 600"))
    assert "translation/en.tsv:3: the Chinese of appendix-table-s1 is not the plan's sentence" in err


def test_english_with_chinese_characters_fails_the_build(tmp_path, capsys):
    err = _fixture_build(tmp_path, capsys, lambda p: p.replace("translation/en.tsv", "| 630 |", "| 630 亿元 |"))
    assert "translation/en.tsv:3: the English of appendix-table-s1 has Chinese characters («亿元»)" in err


def test_a_heading_without_a_translation_fails_the_build(tmp_path, capsys):
    err = _fixture_build(tmp_path, capsys, lambda p: p.replace("translation/en-headings.tsv", "5\t城乡统筹", "# 5\t城乡统筹"))
    assert "translation/en-headings.tsv: heading 5 (section 五) has no translation: add a line «5\t城乡统筹\t<English>»" in err


def test_a_line_without_three_cells_fails_the_build(tmp_path, capsys):
    err = _fixture_build(tmp_path, capsys, lambda p: p.replace("translation/en.tsv", "\tHangzhou Economic", " Hangzhou Economic"))
    assert "translation/en.tsv:3: expected 3 tab-separated cells (id, Chinese, English), found 2" in err

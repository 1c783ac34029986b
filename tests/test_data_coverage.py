"""Sentence coverage: the plan split into substantive sentences, each encoded by a fact's
quote or registered with a reason; the build reports it by chapter."""
import json

from rdflib import RDF, Graph, Literal, URIRef

from hzkg.graph import coverage as coverage_module
from hzkg.graph import paths
from hzkg.graph.coverage import CHAPTERS, coverage, coverage_findings, plan_sentences
from plan_data import HZ, ID, asserted_graph

# The split of issue 12 (。 ； and the plan's two ASCII ;, >= 15 characters, headings out):
# 338 there; 333 here, as the front matter before 前言 (title, the 附表 and 附图
# references: 3 lines), the table's title and its 合计 row (12 characters) are left out.
SENTENCES_BY_CHAPTER = {"前言": 7, "一": 43, "二": 28, "三": 32, "四": 72, "五": 42, "六": 51, "七": 41, "附表": 17}


def _plan_text() -> str:
    return paths.SOURCE_TEXT.read_text(encoding="utf-8")


def test_the_plan_splits_into_the_sentences_of_issue_12():
    sentences = plan_sentences(_plan_text())
    counted = {chapter: sum(1 for s in sentences if s.chapter == chapter) for chapter in CHAPTERS}
    assert counted == SENTENCES_BY_CHAPTER
    assert all(len(s.text.replace(" ", "")) >= 15 for s in sentences)


def test_headings_are_left_out_and_sentences_carry_their_section_and_line():
    sentences = plan_sentences(_plan_text())
    texts = [s.text for s in sentences]
    assert "萧山经济技术开发区（杭州江东工业园区）" not in " ".join(t for t in texts if len(t) < 25)
    first_of_six = next(s for s in sentences if s.chapter == "六")
    assert first_of_six.section == str(ID["section/6-1"])
    assert first_of_six.text.startswith("围绕特色产业培育，以国际知名企业或行业领军企业为开发主体")
    lines = _plan_text().splitlines()
    assert "围绕特色产业培育" in lines[first_of_six.line - 1]
    table = [s for s in sentences if s.chapter == "附表"]
    assert table[1].text == "杭州经济技术开发区（杭州出口加工区） 23.12 10 630 全市生物医药产业发展核心区、先进装备制造业核心基地之一、新能源新材料产业核心基地之一、汽车产业核心基地之一"
    assert table[1].section == str(ID["section/appendix-table"])


SECTION_NUMBERS = {"section/preface": "前言", "section/6-5": "六（五）"}


def test_every_substantive_sentence_is_encoded_or_registered_and_most_are_encoded():
    report = coverage(asserted_graph(), _plan_text())
    assert report["neither"] == []
    assert report["total"]["sentences"] == sum(SENTENCES_BY_CHAPTER.values())
    assert report["total"]["encoded_share"] >= 0.90
    # The register holds rhetoric and the plan describing itself: 4 sentences of 前言, 3 of 附表.
    registered = {chapter: c["registered"] for chapter, c in report["chapters"].items() if c["registered"]}
    assert registered == {"前言": 4, "附表": 1}  # 2 of the table's 3 were encoded by the basis facts (statistical sources)


def test_the_build_reports_coverage_by_chapter(plan_artifact):
    report = json.loads((plan_artifact.parent / paths.REPORT_NAME).read_text(encoding="utf-8"))
    chapters = report["coverage"]["chapters"]
    assert set(chapters) == set(CHAPTERS) and report["coverage"]["chapter_order"] == list(CHAPTERS)
    assert {c: chapters[c]["sentences"] for c in CHAPTERS} == SENTENCES_BY_CHAPTER
    assert all(chapters[c]["encoded"] + chapters[c]["registered"] == chapters[c]["sentences"] for c in CHAPTERS)
    assert report["coverage"]["total"]["neither"] == 0


def _graph_quoting(*quotes: str, registered: str | None = None, section: str = "section/preface") -> Graph:
    graph = Graph()
    graph.add((ID[section], HZ.sectionNumber, Literal(SECTION_NUMBERS[section])))
    for number, quote in enumerate(quotes):
        graph.add((URIRef(ID[f"citation/test-{number}"]), HZ.quote, Literal(quote, lang="zh")))
        graph.add((URIRef(ID[f"citation/test-{number}"]), HZ.section, ID[section]))
        # a fact that cites it: a statement that says what it concerns
        graph.add((URIRef(ID[f"goal/test-{number}"]), HZ.concerns, ID["area/all-zones"]))
        graph.add((URIRef(ID[f"goal/test-{number}"]), HZ.citation, URIRef(ID[f"citation/test-{number}"])))
    if registered:
        item = URIRef(ID["register/test"])
        graph.add((item, RDF.type, HZ.RegisteredSentence))
        graph.add((item, HZ.quote, Literal(registered, lang="zh")))
        graph.add((item, HZ.section, ID[section]))
    return graph


TEXT = "前言\n\n甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉。天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往；秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜。\n"


def test_a_sentence_quoted_by_no_fact_and_not_registered_is_neither_and_fails_the_gate(monkeypatch):
    report = coverage(_graph_quoting("甲乙丙丁戊己庚辛壬癸子丑寅卯辰"), TEXT)
    assert report["chapters"]["前言"] == {"sentences": 3, "encoded": 1, "registered": 0, "neither": 2}
    assert [n["sentence"] for n in report["neither"]] == ["天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往", "秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜"]
    monkeypatch.setattr(coverage_module, "GATE", True)
    findings = coverage_findings(report)
    assert [f.line for f in findings] == [3, 3]
    assert all(f.severity == "violation" and "neither encoded nor registered" in f.message for f in findings)


def test_a_registered_sentence_counts_only_when_quoted_whole():
    whole = coverage(_graph_quoting(registered="天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往"), TEXT)
    assert whole["chapters"]["前言"]["registered"] == 1
    part = coverage(_graph_quoting(registered="天地玄黄宇宙洪荒日月盈昃辰宿列张"), TEXT)
    assert part["chapters"]["前言"]["registered"] == 0


def test_an_overlap_of_fewer_than_15_characters_does_not_encode():
    short = coverage(_graph_quoting("洪荒日月盈昃辰宿列张寒来暑往秋收"), TEXT)  # 14 of the 2nd, 2 of the 3rd
    assert short["chapters"]["前言"]["encoded"] == 0
    fragment = coverage(_graph_quoting("玄黄宇宙洪荒日"), TEXT)  # a short fragment does not
    assert fragment["chapters"]["前言"]["encoded"] == 0
    inside = coverage(_graph_quoting("玄黄宇宙洪荒日月盈昃辰宿列张寒来"), TEXT)  # 15 characters inside do
    assert inside["chapters"]["前言"]["encoded"] == 1


def test_a_quote_encodes_only_sentences_of_its_own_section():
    other = coverage(_graph_quoting("天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往", section="section/6-5"), TEXT)
    assert other["chapters"]["前言"]["encoded"] == 0
    registered_elsewhere = coverage(_graph_quoting(registered="天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往", section="section/6-5"), TEXT)
    assert registered_elsewhere["chapters"]["前言"]["registered"] == 0


def test_a_quote_cited_only_by_a_name_or_by_nothing_encodes_nothing():
    """Issue 22: a citation no fact cites (a bare citation, or one cited by a resource that has only
    its type, labels and citation) encodes nothing."""
    bare = _graph_quoting("天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往")
    bare.remove((None, HZ.concerns, None))
    assert coverage(bare, TEXT)["chapters"]["前言"]["encoded"] == 0
    from rdflib import RDFS
    bare.add((ID["goal/test-0"], RDF.type, HZ.Goal))
    bare.add((ID["goal/test-0"], RDFS.label, Literal("天地玄黄", lang="zh")))
    assert coverage(bare, TEXT)["chapters"]["前言"]["encoded"] == 0


def test_a_build_of_bare_citations_fails_the_gate(tmp_path):
    """The plan's citations with their sections and quotes, and no fact at all: nothing is encoded,
    so the build fails on every sentence that is not registered (it scored 333/333 before issue 22)."""
    from hzkg.graph.build import Progress, build_report, run_build

    facts = tmp_path / "facts"
    facts.mkdir()
    for name in ("citations.ttl", "register.ttl", "word-check.toml"):
        (facts / name).write_bytes((paths.FACTS_DIR / name).read_bytes())
    sections = Graph().parse(paths.FACTS_DIR / "plan.ttl")  # the sections, without the plan's own description
    sections.remove((None, HZ.citation, None))
    sections.serialize(facts / "plan.ttl", format="turtle")
    report, artifact = build_report(progress=Progress(quiet=True), facts_dir=facts)
    assert artifact is None
    assert report["coverage"]["total"]["encoded"] == 0
    total = report["coverage"]["total"]
    assert total["neither"] == total["sentences"] - total["registered"]
    coverage_violations = [f for f in report["validation"]["findings"] if f["check"] == "coverage"]
    assert len(coverage_violations) == report["coverage"]["total"]["neither"] > 300
    assert run_build(out_dir=tmp_path / "build", quiet=True, facts_dir=facts) == 1
    assert not (tmp_path / "build" / paths.ARTIFACT_NAME).exists()

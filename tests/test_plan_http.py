"""/plan over real HTTP: the whole text with every quote and part anchored, the parts' IRIs
as HTML (into /plan) and RDF by Accept, facts for every quote, search in Chinese and
pinyin, and the register's sentences (hz:RegisteredSentence) shown with their reasons."""
from __future__ import annotations

import html
import re
import shutil

import pytest
from rdflib import Graph, URIRef

from hzkg.graph import paths
from hzkg.graph.anchors import add_anchor_triples, anchor_quotes
from hzkg.graph.locate import Locator
from hzkg.graph.plan_parts import parse_plan
from plan_data import asserted_graph
from service_fixtures import assert_error, start_hzkg, stop

HZ = paths.DEF
REGISTERED = "在总体上保持开发区（园区）“管委会体制”稳定性的基础上"


def test_the_plan_page_holds_every_part_and_every_quote(plan_server):
    answer = plan_server.get("/plan", headers={"Accept": "text/html"})
    assert answer.status == 200 and answer.content_type == "text/html"
    page = answer.text
    ids = set(re.findall(r'id="([^"]+)"', page))
    citations = {str(c)[len(paths.ID):] for c in asserted_graph().subjects(URIRef(HZ + "quote"), None)}
    assert citations <= ids and len(citations) == _quoted() > 270
    parts = parse_plan(paths.SOURCE_TEXT.read_text(encoding="utf-8"))
    missing = [local for local, part in parts.items() if part.kind not in ("plan", "heading") and local not in ids]
    assert missing == []
    text = re.sub(r"<[^>]+>", "", page[page.index('<article id="plan-text"'):page.index("</article>")])
    assert "浙江临安经济开发区" in html.unescape(text)
    assert answer.headers["hzkg-version"]


def test_a_part_iri_answers_html_in_the_plan_and_rdf_by_accept(plan_server):
    redirected = plan_server.get("/id/section/4-2-7-p3", headers={"Accept": "text/html"})
    # urllib follows the 303 to /plan (the fragment stays with the browser)
    assert redirected.status == 200 and 'id="section/4-2-7-p3"' in redirected.text
    turtle = plan_server.get("/id/section/4-2-7-p3", headers={"Accept": "text/turtle"})
    assert turtle.status == 200 and turtle.content_type == "text/turtle"
    graph = Graph().parse(data=turtle.text, format="turtle")
    part = URIRef(paths.ID + "section/4-2-7-p3")
    assert str(graph.value(part, URIRef("http://purl.org/dc/terms/isPartOf"))) == paths.ID + "section/4-2-7"
    assert str(graph.value(part, URIRef(HZ + "text"))).startswith("“十二五”预期目标。开发区累计新开发面积5平方公里")
    assert str(graph.value(part, URIRef(HZ + "partNumber"))) == "四（二）7 ¶3"
    page = plan_server.get("/id/section/4-2-7?format=html")  # the resource page, when asked for by name
    assert page.status == 200 and "四（二）7" in page.text


def _quoted() -> int:
    """Every resource with a quote (citations and registered sentences), as the build anchors them."""
    return len(set(asserted_graph().subjects(URIRef(HZ + "quote"), None)))


def test_every_quote_has_facts_with_an_english_gloss(plan_server):
    anchored = plan_server.get("/plan/facts.json").json()["anchored"]
    assert len(anchored) == _quoted()
    assert [local for local, entry in anchored.items() if not entry["facts"] and not entry.get("registered")] == []
    linan = anchored["citation/4-2-7-20abc783"]
    assert linan["section_number"] == "四（二）7"
    glosses = [fact["gloss"] for fact in linan["facts"]]
    assert any("Gross domestic product" in g and "Zhejiang Lin'an Economic Development Zone" in g for g in glosses)


@pytest.mark.parametrize("query, found", [("临安经济开发区", "临安经济开发区"), ("lin'an", "临安"), ("LinAn", "临安"),
                                          ("hangzhou jingji jishu kaifaqu", "杭州经济技术开发区")])
def test_search_finds_the_text_in_chinese_and_pinyin(plan_server, query, found):
    answer = plan_server.get("/plan/search?q=" + __import__("urllib.parse").parse.quote(query))
    matches = answer.json()["matches"]
    assert matches and {m["text"] for m in matches} == {found}


def test_search_refuses_a_long_query_with_a_reason(plan_server):
    assert_error(plan_server.get("/plan/search?q=" + "a" * 101), 400, "q: at most 100 characters")


@pytest.fixture(scope="module")
def register_server(plan_artifact, tmp_path_factory):
    """The plan's dataset with two registered sentences, as graph/facts/register.ttl will give them."""
    folder = tmp_path_factory.mktemp("register")
    artifact = folder / paths.ARTIFACT_NAME
    shutil.copy(plan_artifact, artifact)
    register = Graph().parse(data=f"""@prefix hz: <{HZ}> . @base <{paths.ID}> .
        <register/7-1-1> a hz:RegisteredSentence ; hz:section <section/7-1> ; hz:quote "{REGISTERED}" ;
            hz:registerReason "管理体制的一般原则，没有可编码的事实"@zh , "A general principle of administration: no fact to encode"@en .
        <register/1-2-1> a hz:RegisteredSentence ; hz:section <section/1-2> ;
            hz:quote "杭州市开发区（园区）在发展中也面临一些问题" ;
            hz:registerReason "问题的概述"@zh , "An overview of problems"@en .""", format="turtle")
    facts = asserted_graph() + register
    anchors, findings = anchor_quotes(register + Graph().parse(data=f"""@prefix hz: <{HZ}> .
        <{paths.ID}section/7-1> hz:sectionNumber "七（一）" . <{paths.ID}section/1-2> hz:sectionNumber "一（二）" .""",
                                                            format="turtle"),
                                      parse_plan(paths.SOURCE_TEXT.read_text(encoding="utf-8")), Locator([], facts))
    assert findings == [] and len(anchors) == 2
    add_anchor_triples(register, anchors)
    with open(artifact, "a", encoding="utf-8") as out:
        for line in sorted(register.serialize(format="nt").splitlines()):
            if line.strip():
                out.write(line.rstrip(" .") + f" <{paths.GRAPH_FACTS}> .\n")
    running = start_hzkg(artifact)
    yield running
    stop(running.process)


def test_registered_sentences_show_as_such_with_their_reason(plan_server):
    """The plan's register (graph/facts/register.ttl): each entry marked in place with its reason."""
    registered = {iri: entry for iri, entry in plan_server.get("/plan/facts.json").json()["anchored"].items()
                  if entry.get("registered")}
    # Each in the page's language (issue 24): the Chinese reason on the Chinese page, the English on the English.
    for language, lead, reason, covered in (("zh", "未编码：", "reason_zh", "登记未编码"), ("en", "not encoded: ", "reason_en", "registered")):
        page = plan_server.get(f"/plan?lang={language}").text
        marks = {r: html.unescape(t) for r, t in re.findall(r'<mark class="reg" data-r="([^"]+)" title="([^"]+)"', page)}
        # A registered sentence is marked as such where no citation quotes the same words (the register
        # holds 7 sentences, 5 of them not quoted by any fact).
        assert len(registered) >= 5 and len(marks) >= 5 and set(marks) <= set(registered)
        for iri, title in marks.items():
            assert title.startswith(lead) and registered[iri][reason] in title, (language, title)
        preface = page[page.index('<section id="section/preface"'):] if '<section id="section/preface"' in page else page
        coverage = re.search(covered + r" (\d+)%", preface)
        assert coverage and int(coverage.group(1)) > 0


@pytest.mark.parametrize("path", ["/queries/conflicts?format=html", "/queries/gdp-targets-ranked?format=html",
                                  "/queries/provenance?format=html&resource=https%3A%2F%2Fw3id.org%2Fhzkg%2Fid%2Fzone%2Flinan-edz",
                                  "/id/zone/linan-edz", "/id/section/4-2-7?format=html"])
def test_section_numbers_and_citations_shown_elsewhere_link_to_their_place_in_the_plan(plan_server, path):
    page = plan_server.get(path, headers={"Accept": "text/html"}).text
    targets = set(re.findall(r'<a class="in-plan" href="/plan#([^"]+)"', page))
    assert targets, path
    ids = set(re.findall(r'id="([^"]+)"', plan_server.get("/plan").text))
    assert targets <= ids, targets - ids


def test_names_are_linked_coverage_is_shown_and_the_dataset_described(plan_server):
    page = plan_server.get("/plan").text
    article = page[page.index('<article id="plan-text"'):page.index("</article>")]
    for path, name in (("/id/zone/linan-edz", "浙江临安经济开发区"), ("/id/industry/new-energy", "新能源")):
        assert re.search(f'<a class="entity" href="{path}"( title="[^"]+")?>{name}</a>', article), name
    # Inside a quote a name says what a click does: open the quote's facts (plan.js), Ctrl/⌘-click its page.
    assert re.search(r'<mark class="q"[^>]*><a class="entity" href="/id/[^"]+" title="[^"]*Ctrl/⌘\+点击打开此页">', article)
    toc = page[page.index('<nav id="toc"'):page.index("</nav>")]
    assert toc.count('class="coverage"') == 64  # every section, with its share of encoded text
    assert re.search(r'已编码 \d+%', article)
    import json

    embedded = re.search(r'<script type="application/ld\+json" id="dataset-jsonld">(.*?)</script>', page, re.S).group(1)
    assert json.loads(embedded)["@type"] == ["Dataset", "dcat:Dataset"]

"""One language at a time on the core pages (issue 24): the home page, resource pages of every
kind, the reading view, the query catalogue, named queries, results, answers and citations are
wholly English in English mode (Chinese only as a marked original) and wholly Chinese in Chinese
mode (English only marked as such), checked with tests/language_check.py over the real server;
in a real browser the header's switch turns a zone page English and the next page stays English."""
from __future__ import annotations

import re

import pytest

from language_check import foreign_runs
from hzkg.graph import paths
from hzkg.service.checking.catalogue import load_catalogue

PAGES = [
    "/",
    "/id/zone/hangzhou-etdz",  # a zone: names, figures, roles, bases, partnerships, raw statements
    "/id/zone/linan-edz",  # a zone whose figures contradict each other
    "/id/industry/new-energy",
    "/id/base/software-base",
    "/id/partnership/linjiang-industrial-park-cooperation",
    "/id/cluster/dajiangdong",
    "/id/sub-city/xiasha",
    "/id/observation/zhijiang-resort-planned-investment-2011-2015",
    "/id/industry-role/zhijiang-resort/tourism-leisure-one-of-core-areas",
    "/id/citation/4-2-7-20abc783",
    "/id/register/preface-the-period",
    "/id/discrepancy/zones-of-2010-vs-table-rows",
    "/id/plan",
    "/plan",
    "/queries",
    "/queries/zones-with-industry?industry=industry/new-energy",
    "/queries/zone-profile",
    "/queries/gdp-targets-ranked",
    "/sparql?query=SELECT%20*%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%205",
    "/cite?iri=https%3A%2F%2Fw3id.org%2Fhzkg%2Fid%2Fzone%2Fhangzhou-etdz",
    "/answer?query=zones-with-industry&industry=industry%2Fnew-energy",
]


def _page(server, path: str, language: str) -> str:
    joiner = "&" if "?" in path else "?"
    answer = server.get(f"{path}{joiner}lang={language}", headers={"Accept": "text/html"})
    assert answer.status == 200, (path, answer.status, answer.text[:300])
    assert re.search(r'<html lang="([^"]+)"', answer.text).group(1) == language
    return answer.text


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("path", PAGES)
def test_a_core_page_is_in_one_language(patient_plan_server, path, language):
    assert foreign_runs(_page(patient_plan_server, path, language), language) == []


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_named_query_s_page_is_in_one_language(patient_plan_server, language):
    """Each query of the catalogue with its default parameters: descriptions, columns, names and words."""
    mixed = {}
    for named in load_catalogue(paths.QUERIES_DIR).values():
        runs = foreign_runs(_page(patient_plan_server, f"/queries/{named.name}", language), language)
        if runs:
            mixed[named.name] = runs[:3]
    assert mixed == {}


def test_an_english_zone_page_gives_names_in_english_with_the_chinese_original_and_each_sentence_translated(
        patient_plan_server):
    page = _page(patient_plan_server, "/id/zone/hangzhou-etdz", "en")
    assert re.search(r'<h1>Hangzhou Economic and Technological Development Zone <span class="original" lang="zh">'
                     r'杭州经济技术开发区</span></h1>', page)
    assert "<th>indicator</th>" in page and "<th>section</th>" in page  # column headings in English
    assert "63 billion yuan" in page  # 630亿元, as an English reader says it
    assert "<h3>Focus <" in page and "<h3>重点发展" not in page  # a role kind in English, not the plan's word
    sentences = page.count('<span class="sentence" lang="zh">')
    translations = page.count('<span class="translation" lang="en">')
    assert sentences > 30 and translations == sentences  # every fact's sentence with the plan's English under it
    chinese = _page(patient_plan_server, "/id/zone/hangzhou-etdz", "zh")
    assert "<th>指标</th>" in chinese and "630亿元" in chinese and "<h3>重点发展 <" in chinese
    assert '<span class="translation"' not in chinese


def test_query_descriptions_and_ontology_words_are_in_the_page_s_language(patient_plan_server):
    catalogue = patient_plan_server.get("/queries?format=json").json()["queries"]
    assert all(query["description_zh"] and query["description"] for query in catalogue)
    chinese = _page(patient_plan_server, "/queries/zones-with-industry?industry=industry/new-energy", "zh")
    english = _page(patient_plan_server, "/queries/zones-with-industry?industry=industry/new-energy", "en")
    assert "拥有该产业" in chinese and "Zones that have the industry" in english
    assert "重点发展" in chinese and "one of the core bases" not in chinese  # the role kinds column
    assert "focus, one of the core bases" in english  # its parts sorted, as the CSV has them
    profile = _page(patient_plan_server, "/queries/zone-profile", "zh")
    assert "<td>类别</td>" in profile and "<td>class</td>" not in profile  # zone-profile's 方面 column


def test_the_switch_turns_a_zone_page_english_and_the_next_page_stays_english(patient_plan_server, chromium):
    context = chromium.new_context(locale="zh-CN")  # a browser asking for Chinese
    page = context.new_page()
    try:
        page.goto(patient_plan_server.url + "/id/zone/hangzhou-etdz")
        assert page.get_attribute("html", "lang") == "zh"
        assert page.inner_text("h1").startswith("杭州经济技术开发区")
        page.click("header a.language-switch")
        page.wait_for_load_state()
        assert page.get_attribute("html", "lang") == "en"
        assert page.inner_text("h1").startswith("Hangzhou Economic and Technological Development Zone")
        page.wait_for_selector(".hzkg-chart svg")  # the page as the browser shows it, its figures chart drawn
        assert foreign_runs(page.content(), "en") == []
        page.click("header a[href='/plan']")  # a link without ?lang=: the remembered choice
        page.wait_for_selector("#plan-text")
        assert "lang=" not in page.url and page.get_attribute("html", "lang") == "en"
        assert page.is_checked("#parallel-toggle")  # English beside the Chinese, in English
        page.click("#section\\/4-2-7-p2 mark.q >> nth=0")
        page.wait_for_selector("#facts-panel:not([hidden]) .fact")
        panel = page.inner_html("#facts-panel")
        assert foreign_runs(panel, "en") == [] and "Cite: " in page.inner_text("#facts-panel")
        page.goto(patient_plan_server.url + "/")
        assert page.get_attribute("html", "lang") == "en" and "Where to start" in page.inner_text("main")
    finally:
        context.close()

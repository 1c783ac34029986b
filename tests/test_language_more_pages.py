"""One language at a time on the explorer, map, figures, search, downloads, matrix, compare, overlap,
changelog and error pages (issue 24): in English no Chinese outside elements marked lang="zh" (the plan's
names and sentences beside their English), in Chinese no English prose outside elements marked lang="en".
Over HTTP for what the server writes, in Chromium for what the pages' scripts draw (the rendered DOM and
SVG, tooltips shown), both read by tests/language_check.py."""
from __future__ import annotations

import csv
import html
import io
import re
import subprocess
from urllib.parse import quote

import pytest

from language_check import foreign_runs
from named_queries import CATALOGUE
from service_fixtures import HZKG
from test_sharing_browser import Page, opened  # noqa: F401 (the fixture)

LANGUAGES = ("zh", "en")
TWO_ZONES = "/compare?zone=zone/hangzhou-etdz&zone=zone/xiaoshan-etdz"
PAGES = [
    ("/explore", 200), ("/explore?view=whole", 200), ("/explore?focus=zone/linan-edz", 200),
    ("/map", 200), ("/figures", 200), ("/search", 200), ("/search?q=" + quote("临安"), 200),
    ("/search?q=automotive", 200), ("/downloads", 200), ("/matrix", 200), ("/compare", 200), (TWO_ZONES, 200),
    ("/compare?zone=zone/fuyang-edz&zone=zone/linan-edz&zone=zone/tonglu-edz", 200), ("/overlap", 200),
    ("/changelog", 200), ("/id/zone/atlantis", 404), ("/no-such-page", 404), ("/explore?view=galaxy", 400),
    ("/queries/zone-profile?zone=" + quote("临安"), 400), ("/queries/zones-with-industry?industry=" + quote("新能原"), 404),
]
HTML = {"Accept": "text/html"}


def _with_language(path: str, language: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}lang={language}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path, status", PAGES)
def test_the_page_is_in_one_language(plan_server, path, status, language):
    answer = plan_server.get(_with_language(path, language), headers=HTML)
    assert answer.status == status and answer.content_type == "text/html", answer.text[:300]
    assert f'<html lang="{language}">' in answer.text
    assert foreign_runs(answer.text, language) == []


def test_an_error_page_names_its_error_in_the_page_language(plan_server):
    chinese = plan_server.get("/no-such-page", headers=HTML).text
    english = plan_server.get("/no-such-page?lang=en", headers=HTML).text
    assert "错误 404 · 找不到" in chinese and "Error 404 · Not found" in english
    ambiguous = plan_server.get(_with_language("/queries/zone-profile?zone=" + quote("临安"), "en"), headers=HTML).text
    assert "is not clear" in ambiguous and "It can mean:" in ambiguous and "Try again" in ambiguous
    assert "Zhejiang Lin&#39;an Economic Development Zone" in ambiguous  # a candidate by its English name


@pytest.mark.parametrize("path", ["/queries/zone-profile?zone=zone/linan-edz",
                                  "/answer?query=zone-profile&zone=zone/linan-edz"])
def test_a_tables_links_are_named_in_the_page_language(plan_server, path):
    """A column of IRIs that the query gives no `_zh`/`_en` label for (zone-profile's basis) is named by the
    resource's label in the page's language, the query page and its permalink alike."""
    chinese = plan_server.get(path, headers=HTML).text
    english = plan_server.get(_with_language(path, "en"), headers=HTML).text
    assert '<a href="/def/Stated">明示</a>' in chinese and '<a href="/def/Implied">推出</a>' in chinese
    assert '<a href="/def/Stated">stated</a>' in english and '<a href="/def/Implied">implied</a>' in english
    assert ">明示</a>" not in english and ">推出</a>" not in english  # (the query's own text, shown, has both)
    assert '<a href="/def/ProvincialZone">Provincial-level zone</a>' in english


@pytest.mark.parametrize("path", ["/queries/zone-profile?zone=zone/linan-edz",
                                  "/answer?query=zone-profile&zone=zone/linan-edz"])
def test_a_tables_figures_are_worded_in_the_page_language(plan_server, path):
    """A figure (an observation: no label of its own) reads in English from its indicator, value, unit and
    qualifier, the query's Chinese wording beside it; the Chinese page keeps the query's wording alone."""
    english = plan_server.get(_with_language(path, "en"), headers=HTML).text
    assert ('>Gross domestic product: about 10 billion yuan</a> <span class="muted"><span lang="zh">地区生产总值 100亿元左右'
            '</span></span>') in english
    assert ">Planned total investment: about 9 billion yuan</a>" in english
    goals_path = "/queries/goals" if path.startswith("/queries/") else "/answer?query=goals"
    goals = plan_server.get(_with_language(goals_path, "en"), headers=HTML).text  # goals' figures, with year or period
    assert ("<td>Gross domestic product: about 2.8 billion yuan (2015); Newly developed area: 3.2 km² (2011–2015); "
            "Planned total investment: about 3 billion yuan (2011–2015) <span class=\"muted\"><span lang=\"zh\">地区生产总值 "
            "28亿元左右 (2015)") in goals
    chinese = plan_server.get(path, headers=HTML).text
    assert ">地区生产总值 100亿元左右</a></td>" in chinese and "Gross domestic product" not in chinese


def test_the_explorer_has_no_language_of_its_own(plan_server):
    """One mechanism: the page's language; the explorer's own switch is gone and `lang` is the page's."""
    english = plan_server.get("/explore?lang=en", headers=HTML).text
    assert 'id="language"' not in english and "data-language" not in english
    assert "Zones linked by shared industries" in english
    remembered = plan_server.get("/explore", headers={**HTML, "Cookie": "hzkg_lang=en"}).text
    assert "Zones linked by shared industries" in remembered


def test_downloads_name_formats_in_the_page_language(plan_server):
    chinese = plan_server.get("/downloads", headers=HTML).text
    english = plan_server.get("/downloads?lang=en", headers=HTML).text
    assert "Excel 用 CSV（UTF-8 带 BOM）" in chinese and "CSV for Excel (UTF-8 with BOM)" in english
    assert plan_server.get("/downloads?format=json").json()["files"][0]["format"] == "N-Quads (RDF)"


def test_a_comparison_says_its_figures_in_the_page_language(plan_server):
    chinese = plan_server.get(TWO_ZONES, headers=HTML).text
    english = plan_server.get(_with_language(TWO_ZONES, "en"), headers=HTML).text
    assert "250亿元左右" in chinese and "about 25 billion yuan" in english
    assert "Hangzhou Economic and Technological Development Zone" in english


# What the pages' scripts draw, read in Chromium: the rendered page (its SVG included) through the same check.
def _rendered(page: Page) -> str:
    return page.page.evaluate("document.documentElement.outerHTML")


def _assert_one_language(page: Page, language: str) -> None:
    assert page.page.evaluate("document.documentElement.lang") == language
    assert foreign_runs(_rendered(page), language) == []


def _svg_text(page: Page, selector: str) -> str:
    return page.page.evaluate("(selector) => Array.from(document.querySelectorAll(selector + ' svg text'))"
                              ".map(t => t.textContent).join(' ')", selector)


def _show_tooltip(page: Page, chart: str, series: str, index: int = 0) -> None:
    """ECharts' tooltip of one item of `series` (its name) on the chart `chart` (an expression), as a hover shows it."""
    page.page.evaluate(f"""([name, index]) => {{
        const chart = {chart}, series = chart.getOption().series.findIndex(s => s.name === name);
        chart.dispatchAction({{ type: 'showTip', seriesIndex: Math.max(series, 0), dataIndex: index }}); }}""",
                       [series, index])
    page.page.wait_for_timeout(100)


def _open(opened, plan_server, path: str, language: str, ready: str) -> Page:
    page = opened(plan_server.url + _with_language(path, language))
    page.until(ready)
    return page


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_explorer_draws_in_the_page_language(plan_server, opened, language):
    page = _open(opened, plan_server, "/explore?view=whole", language, "window.hzkgExplorer && window.hzkgExplorer.stabilised")
    zone = "https://w3id.org/hzkg/id/zone/xiaoshan-etdz"
    expected = {"zh": "萧山经济技术开发区", "en": "Xiaoshan Economic and Technological Development Zone"}[language]
    assert page.page.evaluate("(id) => window.hzkgExplorer.labelOf(id)", zone) == expected
    page.page.fill("#search-text", "萧山经济技术")
    page.page.press("#search-text", "Enter")
    page.until("document.getElementById('panel-title').textContent.length > 0")
    page.until("window.hzkgExplorer.statementsShown > 0")  # the panel's sentences, from /profiles
    assert page.page.text_content("#panel-title") == expected
    page.page.wait_for_timeout(800)  # the search's focus animation (400 ms) has ended: the node stays where it is
    point = page.page.evaluate("(id) => window.hzkgExplorer.pagePosition(id)", zone)
    page.page.mouse.move(point["x"], point["y"])
    page.page.wait_for_selector("div.vis-tooltip", state="visible")
    assert expected in page.page.text_content("div.vis-tooltip")
    _assert_one_language(page, language)
    page.assert_offline_and_quiet()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_explorer_link_panel_is_in_the_page_language(plan_server, opened, language):
    page = _open(opened, plan_server, "/explore", language, "window.hzkgExplorer && window.hzkgExplorer.stabilised")
    [link] = page.page.evaluate("window.hzkgExplorer.visibleLinks().slice(0, 1)")
    point = page.page.evaluate("(id) => window.hzkgExplorer.edgeMidpoint(id)", link["id"])
    page.page.mouse.click(point["x"], point["y"])
    page.until("window.hzkgExplorer.linkStatements > 0")
    assert page.page.text_content("#panel-statements h3").startswith({"zh": "共有产业", "en": "shared industries"}[language])
    _assert_one_language(page, language)
    page.assert_offline_and_quiet()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_map_draws_in_the_page_language(plan_server, opened, language):
    page = _open(opened, plan_server, "/map", language, "window.hzkgMap && window.hzkgMap.ready")
    svg = _svg_text(page, "#map")
    assert {"zh": "全市", "en": "The whole city"}[language] in svg
    assert {"zh": "淳安县", "en": "Chun'an County"}[language] in svg  # a district drawn by today's name (where no zone covers it)
    for series, shows in (("zones", "hzkg-quote"), ("labels", "<b>"), ("links", " → ")):
        _show_tooltip(page, "window.hzkgMap.core", series)
        assert shows in _rendered(page)
        _assert_one_language(page, language)
    page.assert_offline_and_quiet()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_figures_draw_in_the_page_language(plan_server, opened, language):
    page = _open(opened, plan_server, "/figures", language, "window.hzkgCharts && window.hzkgCharts.ready")
    assert {"zh": "250亿元左右", "en": "about 250"}[language] in _svg_text(page, ".hzkg-chart")  # Xiaoshan ETDZ's 2015 GDP
    _show_tooltip(page, "window.hzkgCharts.drawn[0].chart", "")
    assert "hzkg-tip" in _rendered(page)
    page.page.evaluate("document.querySelectorAll('details.hzkg-chart-data').forEach(d => d.open = true)")
    _assert_one_language(page, language)
    page.assert_offline_and_quiet()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_matrix_draws_in_the_page_language(plan_server, opened, language):
    page = _open(opened, plan_server, "/matrix", language, "window.hzkgMatrix && window.hzkgMatrix.ready")
    page.page.click("#matrix td.cell[data-industry]")
    page.until("document.querySelector('#matrix-panel blockquote') !== null")
    _assert_one_language(page, language)
    page.page.check("#rollup")
    _assert_one_language(page, language)
    page.assert_offline_and_quiet()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_overlap_charts_draw_in_the_page_language(plan_server, opened, language):
    page = _open(opened, plan_server, "/overlap", language, "window.hzkgOverlap && window.hzkgOverlap.ready")
    assert {"zh": "杭州经济技术开发区", "en": "Hangzhou Economic"}[language] in _svg_text(page, "#heatmap")
    _assert_one_language(page, language)
    page.assert_offline_and_quiet()


# The terminal: `hzkg query … --lang en` names columns, names and ontology words in English; Chinese by default.
def _hzkg_query(plan_artifact, *arguments) -> str:
    done = subprocess.run([HZKG, "query", *arguments, "--setting", "artifact", str(plan_artifact)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_hzkg_query_speaks_chinese_by_default_and_english_with_lang_en(plan_artifact):
    chinese = _hzkg_query(plan_artifact, "zones-with-industry", "--param", "industry=新能源").splitlines()
    english = _hzkg_query(plan_artifact, "zones-with-industry", "--param", "industry=新能源", "--lang", "en").splitlines()
    assert chinese[0].split()[0] == "开发区" and english[0].startswith("zone ")
    assert chinese[2].split() == ["杭州经济技术开发区", "新能源", "重点发展"]
    assert english[2].startswith("Hangzhou Economic and Technological Development Zone") and english[2].endswith("focus")
    assert "one of the core bases" in english[-1] and "核心基地之一" in chinese[-1]
    assert not [line for line in chinese if "focus" in line or "emerging" in line]


def test_hzkg_query_in_english_gives_lists_of_names_and_figures_in_english(plan_artifact):
    """As the English query pages do: a list of Chinese names name by name, a figure worded."""
    pairs = _hzkg_query(plan_artifact, "zone-pairs-sharing-industries", "--lang", "en").splitlines()
    assert pairs[2].split("  ")[0] == "Hangzhou Economic and Technological Development Zone"
    assert "E-commerce, High-end equipment manufacturing, New energy, New materials, Software, Vehicles and parts" in pairs[2]
    profile = _hzkg_query(plan_artifact, "zone-profile", "--param", "zone=zone/linan-edz", "--lang", "en")
    assert "Gross domestic product: about 10 billion yuan" in profile and "地区生产总值" not in profile
    goals = _hzkg_query(plan_artifact, "goals", "--lang", "en")
    assert "Gross domestic product: about 2.8 billion yuan (2015); Newly developed area: 3.2 km² (2011–2015)" in goals


def test_hzkg_query_in_english_gives_the_plans_sentences_in_english_beside_them(plan_artifact):
    """As the English query pages do under each quote: the project's English in a column beside the Chinese."""
    english = _hzkg_query(plan_artifact, "provenance", "--lang", "en").splitlines()
    assert english[0].split("  ")[-1].strip() == "the plan's sentences in English (unofficial translation, hzkg)"
    assert "开发区累计新开发面积5平方公里" in english[2]
    assert english[2].endswith("By 2015, the zone's gross regional product reaches about 10 billion yuan.")
    assert "Zhejiang Lin'an Economic Development Zone" in english[2]
    assert "unofficial translation" not in _hzkg_query(plan_artifact, "provenance")


def test_a_wrong_language_is_a_usage_error(plan_artifact):
    done = subprocess.run([HZKG, "query", "zones", "--lang", "fr", "--setting", "artifact", str(plan_artifact)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "--lang" in done.stderr and "Traceback" not in done.stderr


# Exports: every name and word in Chinese and in English, side by side (x_zh beside x_en).
@pytest.mark.parametrize("path, pairs", [
    ("/export/files/hzkg-zones.csv", ["zone", "kind", "level", "group"]),
    ("/export/files/hzkg-partnerships.csv", ["holder", "kind", "partner", "about"]),
    ("/export/files/hzkg-national-bases.csv", ["base", "role", "holders"]),
    ("/export/files/hzkg-observations.csv", ["area", "indicator", "unit", "kind", "qualifier"]),
    ("/export/files/hzkg-industry-roles.csv", ["holder", "industry", "role_kind"]),
])
def test_each_table_names_its_words_in_both_languages(plan_server, path, pairs):
    table = list(csv.DictReader(io.StringIO(plan_server.get(path).text)))
    assert table
    for name in pairs:
        chinese = [row[f"{name}_zh"] for row in table if row[f"{name}_zh"]]
        english = [row[f"{name}_en"] for row in table if row[f"{name}_en"]]
        assert chinese and len(chinese) == len(english), name  # every word that has one language has the other
        assert all(re.search(r"[\u4e00-\u9fff]", text) or not re.search("[A-Za-z]", text) for text in chinese), name  # or %
        assert not [text for text in english if re.fullmatch(r"[\u4e00-\u9fff、（）]+", text)], name


def test_zone_kinds_and_levels_are_in_chinese_too(plan_server):
    zones = {row["zone"].rsplit("/", 1)[-1]: row
             for row in csv.DictReader(io.StringIO(plan_server.get("/export/files/hzkg-zones.csv").text))}
    assert len(zones) == 15
    assert (zones["hangzhou-etdz"]["level_zh"], zones["hangzhou-etdz"]["level_en"]) == ("国家级", "national")
    assert zones["hangzhou-etdz"]["kind_zh"] and zones["hangzhou-etdz"]["kind_en"]


def test_network_exports_name_kinds_and_industries_in_both_languages(plan_server):
    nodes = list(csv.DictReader(io.StringIO(plan_server.get("/export/nodes-csv").text)))
    zone = next(row for row in nodes if row["Id"].endswith("zone/hangzhou-etdz"))
    assert (zone["kind_zh"], zone["kind_en"]) == ("开发区（园区）", "Development zone")
    edges = list(csv.DictReader(io.StringIO(plan_server.get("/export/edges-csv?projection=shared-industries").text)))
    assert all(len(row["industries"].split("; ")) == len(row["industries_en"].split("; ")) for row in edges)
    assert any("New energy" in row["industries_en"] for row in edges)


def _first_row(page: str) -> list[str]:
    """The first row of a query page's table, each cell's text without its tags."""
    return _rows(page)[0]


def _rows(page: str) -> list[list[str]]:
    """The rows of a query page's table, each cell's text without its tags."""
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.split(r"</td><td[^>]*>", row.removesuffix("</td>"))]
            for row in re.findall(r"<tr><td[^>]*>(.*?)</tr>", page, re.S)]


def test_a_querys_lists_of_names_are_given_name_by_name_in_english(plan_server):
    """GROUP_CONCAT of Chinese labels (shared industries, the zones of an industry …): on an English page each
    name in English, sorted, the Chinese names beside them in the same order; the Chinese page and the CSV keep
    the query's list."""
    path = "/queries/zone-pairs-sharing-industries"
    english = _first_row(plan_server.get(path + "?lang=en", headers=HTML).text)
    assert english[3] == ("E-commerce, High-end equipment manufacturing, New energy, New materials, Software, "
                          "Vehicles and parts 电子商务、高端装备制造业、新能源、新材料、软件、汽车及零部件")  # name by name
    assert english[4] == "High-end equipment manufacturing, Software 高端装备制造业、软件"
    chinese = _first_row(plan_server.get(path, headers=HTML).text)
    assert chinese[3:] == ["新材料、新能源、汽车及零部件、电子商务、软件、高端装备制造业", "软件、高端装备制造业"]
    table = list(csv.DictReader(io.StringIO(plan_server.get(path, headers={"Accept": "text/csv"}).text)))
    assert table[0]["through_taxonomy"] == "软件、高端装备制造业"
    counted = _first_row(plan_server.get("/queries/industries-by-zone-count?lang=en", headers=HTML).text)
    assert counted[2].startswith("Hangzhou Economic and Technological Development Zone, ")
    # each name links to its page where it names one resource; 江东区块 names two blocks and stays text
    assert '<a href="/id/industry/e-commerce">E-commerce</a>, <a href="/id/industry/high-end-equipment">' in \
        plan_server.get(path + "?lang=en", headers=HTML).text
    assert '<a href="/id/industry/software">软件</a>、<a href="/id/industry/high-end-equipment">高端装备制造业</a></td>' in \
        plan_server.get(path, headers=HTML).text
    assert "<td>江东区块</td>" in plan_server.get("/queries/zone-industries?zone=zone/hangzhou-etdz", headers=HTML).text


def test_every_column_of_a_named_query_is_named_in_the_page_language(plan_server):
    """The measures' table: its headers in Chinese or in English, a force of wording as the page's word
    (hz:ForcePromote is 推进（加快、积极、大力、着力）, one word holding the list comma); goals' kinds in Chinese."""
    headers = {}
    for language in LANGUAGES:
        page = plan_server.get(f"/queries/measures-by-instrument?lang={language}", headers=HTML).text
        headers[language] = re.findall(r"<th[^>]*>(.*?)</th>", page)
    assert headers["zh"] == ["工具类型", "政策工具", "措施", "力度", "规划用语", "归类理由", "实施主体", "章节", "原文"]
    assert headers["en"] == ["kind of instrument", "policy instrument", "measure", "force", "the plan&#39;s wording",
                             "why so classed", "actors", "sections", "the plan&#39;s sentences"]
    forces = {_first_row(plan_server.get(f"/queries/measures-by-instrument?lang={language}", headers=HTML).text)[3]
              for language in LANGUAGES}
    assert forces == {"要（必须）", "must"}
    goals = plan_server.get("/queries/goals", headers=HTML).text
    assert "<td>定性</td>" in goals and "<td>定量</td>" in goals and ">qualitative<" not in goals


@pytest.mark.parametrize("path", ["/queries/measures-by-instrument", "/answer?query=measures-by-instrument"])
def test_the_measures_reasons_are_read_in_the_page_language(plan_server, path):
    """A classification's reason is our analysis, written in both languages (hz:classificationReason @zh, @en):
    the Chinese page gives the Chinese reason alone, the English page the English alone, the other nowhere on the
    page; the CSV gives both, reason_zh and reason_en, as other bilingual columns are given."""
    table = list(csv.DictReader(io.StringIO(plan_server.get("/queries/measures-by-instrument", headers={"Accept": "text/csv"}).text)))
    assert len(table) == 133 and "reason" not in table[0]
    reasons = {language: [row["reason_" + language] for row in table] for language in LANGUAGES}
    assert all(re.search(r"[\u4e00-\u9fff]", text) for text in reasons["zh"])
    for language, other in (("zh", "en"), ("en", "zh")):
        page = plan_server.get(_with_language(path, language), headers=HTML).text
        headers = re.findall(r"<th[^>]*>(.*?)</th>", page)
        column = headers.index({"zh": "归类理由", "en": "why so classed"}[language])
        assert [html.unescape(row[column]) for row in _rows(page)] == reasons[language]
        shown = html.unescape(re.sub(r"<details>.*?</details>|<pre>.*?</pre>", "", page, flags=re.S))
        assert [text for text in set(reasons[other]) if text in shown] == []
        assert foreign_runs(page, language) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_two_columns_of_a_query_page_have_one_name(plan_server, language):
    """Every named query's page names each column apart from the others (zones and the number of zones)."""
    alike = {}
    for name in sorted(CATALOGUE):
        page = plan_server.get(f"/queries/{name}?lang={language}", headers=HTML).text
        headers = re.findall(r"<th[^>]*>(.*?)</th>", page)
        if len(set(headers)) < len(headers):
            alike[name] = headers
    assert alike == {}


QUOTE_QUERIES = {"goals": 27, "measures-by-instrument": 133, "provenance": 1, "zone-positioning": 3}
TRANSLATION = re.compile(r'<span class="translation" lang="en">(.*?) <span class="unofficial">\(unofficial translation, hzkg\)</span></span>')


@pytest.mark.parametrize("name", sorted(QUOTE_QUERIES))
def test_a_querys_quotes_have_the_projects_english_under_them_on_an_english_page(plan_server, name):
    """The plan's sentences in a query's table stay in Chinese, the original, and on an English page each has
    the project's English of the sentences it covers under it, marked as our unofficial translation (as on a
    profile); the Chinese page has none. The query page and its permalink's page alike."""
    for path in (f"/queries/{name}", f"/answer?query={name}"):
        english = plan_server.get(_with_language(path, "en"), headers=HTML).text
        translations = [html.unescape(text) for text in TRANSLATION.findall(english)]
        assert len(translations) == len(_rows(english)) == QUOTE_QUERIES[name], path
        assert all(re.search(r"[A-Za-z]{3}", text) and not re.search(r"[\u4e00-\u9fff]", text) for text in translations)
        assert "not translated" not in english
        assert foreign_runs(english, "en") == []
        assert 'class="translation"' not in plan_server.get(_with_language(path, "zh"), headers=HTML).text
        assert english.count('<td class="quote">') == QUOTE_QUERIES[name]  # the widest column (style.css)
    positioning = plan_server.get("/queries/zone-positioning?lang=en", headers=HTML).text
    assert ("To be built into an international base of advanced manufacturing, a university science and technology "
            "city of the new century, and a garden-like, ecological Xiasha sub-city.") in html.unescape(positioning)

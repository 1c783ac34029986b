"""The researcher's front door in headless Chromium, used as a person would: the home page,
resource profiles with the plan's sentences, no page headed by an IRI. Screenshots go to
tests/artifacts/ (README's docs/*.png are copies)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser_fixtures import emptied, requests_off_loopback

ARTIFACTS = Path(__file__).parent / "artifacts"
IRI_TEXT = re.compile(r"^(https?://|/id/|/def/)|^[a-z]+(-[a-z0-9]+)*/[a-z0-9-]+$")


@pytest.fixture
def page(module_tab, plan_server):
    """The module's tab, emptied as a new context would be (browser_fixtures.emptied), its requests recorded."""
    requests: list[str] = []
    record = lambda request: requests.append(request.url)  # noqa: E731
    tab = emptied(module_tab, plan_server.url)
    tab.on("request", record)
    yield tab
    tab.remove_listener("request", record)
    assert requests_off_loopback(requests) == []


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def iri_like_links(page) -> list[str]:
    texts = page.eval_on_selector_all("main a", "links => links.filter(a => a.checkVisibility())"
                                                ".map(a => a.textContent.trim())")
    return [text for text in texts if IRI_TEXT.search(text)]


def test_a_zone_is_two_clicks_from_home(plan_server, page):
    page.goto(plan_server.url + "/")
    assert "杭州市开发区（园区）“十二五”发展规划" in page.locator("h1").inner_text()
    shot(page, "home")
    page.click("#zones a:text-is('浙江临安经济开发区')")  # one click
    page.wait_for_load_state()
    assert page.url.endswith("/id/zone/linan-edz")
    assert page.locator("h1").inner_text().startswith("浙江临安经济开发区")


def test_linan_shows_both_2015_gdp_values_with_their_sentences(plan_server, page):
    page.goto(plan_server.url + "/id/zone/linan-edz")
    shot(page, "zone-linan")
    figures = page.locator("#figures").inner_text()
    assert "100亿元左右" in figures and "200亿元" in figures
    rows = page.locator("#figures tr.fact.conflict")
    assert rows.count() == 2  # both flagged
    sentences = page.locator("#figures tr.quote").all_inner_texts()
    assert any("开发区地区生产总值达到100亿元左右" in text and "四（二）7" in text for text in sentences)
    assert any("浙江临安经济开发区 5.8 5 200" in text and "附表" in text for text in sentences)
    sides = page.locator("section.conflicts .side").all_inner_texts()
    assert any(text.startswith("100亿元左右") and "四（二）7" in text for text in sides)
    assert any(text.startswith("200亿元") and "附表" in text for text in sides)
    assert page.locator("details.raw").get_attribute("open") is None  # raw statements stay folded


def test_the_zones_sharing_automotive_are_reachable_in_three_clicks(plan_server, page):
    page.goto(plan_server.url + "/")
    page.click("#industries a:text-is('汽车产业')")
    page.wait_for_load_state()
    shot(page, "industry-automotive")
    industries = page.locator("#industries")
    text = industries.inner_text()
    for zone in ("杭州经济技术开发区", "萧山经济技术开发区", "杭州萧山临江工业园区"):
        assert zone in text
    assert "核心基地之一" in text and "总体定位" in text
    assert "汽车产业核心基地之一" in " ".join(industries.locator("tr.quote").all_inner_texts())


@pytest.mark.parametrize("path", [
    "/", "/id/zone/linan-edz", "/id/industry/automotive", "/id/base/biotech-high-tech-base", "/id/cluster/chengxi",
    "/id/sub-city/xiasha", "/id/area/linan", "/id/partnership/linan-edz-relies-on-research-institutes-base",
    "/id/observation/linan-edz-gdp-2015-text", "/id/citation/4-2-7-20abc783",
    "/id/industry-role/linan-edz/advanced-equipment-one-of-core-bases", "/id/cluster-role/linan-edz/chengxi",
    "/id/discrepancy/linan-zone-name", "/id/section/4-2-7", "/search?q=qiche", "/queries/zone-profile?zone=zone/linan-edz",
    "/queries/conflicts",
])
def test_no_heading_is_an_iri_and_few_links_read_as_iris(plan_server, page, path):
    page.goto(plan_server.url + path)
    headings = page.locator("h1, h2, h3").all_inner_texts()
    assert headings and not [h for h in headings if IRI_TEXT.search(h.strip()) or "https://" in h], headings
    assert len(iri_like_links(page)) <= 3, iri_like_links(page)


def test_search_shows_the_main_name_of_what_an_alias_found(plan_server, page):
    page.goto(plan_server.url + "/search?q=qiche")
    first = page.locator("ol.hits > li").first
    assert first.locator("a").first.inner_text() == "汽车产业"  # the alias 汽车 matched
    assert "匹配 汽车 (别名)" in first.inner_text() and "下位产业" in first.inner_text()  # in the page's language


def test_a_citation_shows_its_paragraph_and_the_facts_citing_it(plan_server, page):
    page.goto(plan_server.url + "/id/citation/4-2-7-20abc783")
    shot(page, "citation")
    assert "“十二五”预期目标。" in page.locator("p.paragraph").inner_text()
    assert page.locator("p.paragraph mark").inner_text().endswith("100亿元左右")
    assert page.locator("#figures tr.fact").count() == 3


def settled_explorer(page, url: str) -> None:
    page.goto(url)
    for _ in range(600):
        if page.evaluate("Boolean(window.hzkgExplorer && window.hzkgExplorer.stabilised)"):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"{url} did not settle")


def test_the_explorer_panel_lists_neighbours_with_roles_and_sentences(plan_server, page):
    settled_explorer(page, plan_server.url + "/explore?focus=zone/linan-edz")
    page.fill("#search-text", "临安")  # the zone, not the district of the same name
    page.click("#search button")
    assert page.locator("#panel-title").inner_text() == "浙江临安经济开发区"
    links = page.locator("#panel-links").inner_text()
    assert "先进装备制造业" in links and "核心基地之一" in links  # a neighbour by relation, with its role
    page.wait_for_selector("#panel-statements blockquote.plan")
    statements = page.locator("#panel-statements").inner_text()
    assert "开发区地区生产总值达到100亿元左右" in statements and "四（二）7" in statements
    shot(page, "explore-panel")


def test_the_shared_industry_view_has_a_threshold(plan_server, page):
    settled_explorer(page, plan_server.url + "/explore?view=shared-industries")
    every = page.evaluate("window.hzkgExplorer.visibleEdges")
    page.fill("#min-weight", "5")
    page.wait_for_timeout(200)
    strong = page.evaluate("window.hzkgExplorer.visibleEdges")
    assert 0 < strong < every
    assert page.locator("#edge-count").inner_text() == str(strong)
    settled_explorer(page, plan_server.url + "/explore?view=shared-industries&min_shared=5")
    assert page.evaluate("window.hzkgExplorer.visibleEdges") == strong
    assert page.locator("#edge-count").inner_text() == str(strong)
    page.fill("#search-text", "汽车")  # no node: an industry is not drawn in this view
    page.click("#search button")
    page.fill("#search-text", "临安")
    page.click("#search button")
    links = page.locator("#panel-links").inner_text()
    assert "杭州经济技术开发区 ×5" in links and "先进装备制造业" in links  # which zones, which industries (counted once, issue 12)
    shot(page, "explore-shared-industries")

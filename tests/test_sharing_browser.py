"""The sharing views in headless Chromium (Debian's chromium, driven by playwright): reached from the home
page within two clicks, the comparison shows both zones' 2015 GDP with the plan's contradiction flagged, the
matrix opens a cell's sentences, the explorer's first view is small and readable. Pages load nothing from
off the machine and throw no error."""
from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest

from browser_fixtures import Listening, Tabs, requests_off_loopback

ID = "https://w3id.org/hzkg/id/"


class Page:
    def __init__(self, page, url: str):
        self.page = page
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.listening = Listening()
        self.listening.on(self.page, "request", lambda request: self.requests.append(request.url))
        self.listening.on(self.page, "console", lambda message: message.type == "error" and self.problems.append(message.text))
        self.listening.on(self.page, "pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.goto(url)
        self.page.wait_for_load_state("networkidle")

    def until(self, expression: str, seconds: float = 30):
        """Poll from here (the pages' Content-Security-Policy refuses wait_for_function's eval)."""
        deadline = time.monotonic() + seconds
        while not self.page.evaluate(expression):
            assert time.monotonic() < deadline, f"{expression} not true within {seconds} s: {self.problems}"
            self.page.wait_for_timeout(50)
        return self.page.evaluate(expression)

    def assert_offline_and_quiet(self) -> None:
        assert requests_off_loopback(self.requests) == []
        assert self.problems == []


@pytest.fixture
def opened(chromium, module_tab):
    """Opens a page in a tab as a fresh context gives it (browser_fixtures.Tabs)."""
    tabs, pages = Tabs(chromium, module_tab), []

    def open_(url):
        pages.append(Page(tabs.open(url), url))
        return pages[-1]

    yield open_
    for page in pages:
        page.listening.off()
    tabs.close()


def test_each_view_is_within_two_clicks_of_the_home_page(plan_server, opened):
    home = opened(plan_server.url + "/")
    home.page.click("ul.start a[href='/matrix']")
    home.page.wait_for_load_state("networkidle")
    assert urlsplit(home.page.url).path == "/matrix"
    assert home.until("window.hzkgMatrix && window.hzkgMatrix.ready && window.hzkgMatrix.rows.length") == 17
    home.page.goto(plan_server.url + "/")
    home.page.click("ul.start a[href='/compare']")
    home.page.click("a[href='/compare?zone=zone/hangzhou-etdz&zone=zone/xiaoshan-etdz']")
    home.page.wait_for_load_state("networkidle")
    assert home.page.text_content("h1") == "杭州经济技术开发区 · 萧山经济技术开发区"
    assert "(6)" in home.page.text_content("#shared")
    home.page.goto(plan_server.url + "/")
    home.page.click("ul.start a[href='/overlap']")
    home.page.wait_for_load_state("networkidle")
    assert home.until("window.hzkgOverlap && window.hzkgOverlap.ready") is True
    assert "0.117" in home.page.text_content("#plan-index")
    home.assert_offline_and_quiet()


def test_the_comparison_shows_both_2015_gdp_figures_with_linans_contradiction(plan_server, opened):
    page = opened(plan_server.url + "/compare?zone=" + "杭州经济技术开发区" + "&zone=" + "浙江临安经济开发区")
    gdp = page.page.locator("#compare-figures tr[data-indicator='https://w3id.org/hzkg/def/GDP'][data-kind=target][data-when='2015']")
    assert gdp.count() == 1
    etdz, linan = gdp.locator("td").nth(0), gdp.locator("td").nth(1)
    assert etdz.locator(".figure-value").all_text_contents() == ["630亿元"]
    assert "开发区地区生产总值达到630亿元" in etdz.text_content()
    assert linan.locator(".figure-value").all_text_contents() == ["100亿元左右", "200亿元"]
    assert linan.locator(".figure-value.conflict").count() == 2 and linan.locator(".flag-conflict").count() == 2
    assert "开发区地区生产总值达到100亿元左右" in linan.text_content() and "— 附表" in linan.text_content()
    page.assert_offline_and_quiet()


def test_a_matrix_cell_opens_its_sentences_and_the_columns_roll_up(plan_server, opened):
    page = opened(plan_server.url + "/matrix")
    page.until("window.hzkgMatrix && window.hzkgMatrix.ready")
    columns = page.page.evaluate("window.hzkgMatrix.columns.length")
    cell = page.page.locator(f"tr[data-zone='{ID}zone/linan-edz'] td.cell[data-industry='{ID}industry/advanced-equipment']")
    cell.click()
    panel = page.page.text_content("#matrix-panel")
    assert "浙江临安经济开发区 × 先进装备制造业" in panel and "核心基地之一" in panel and "附表" in panel
    page.page.check("#rollup")
    assert 0 < page.page.evaluate("window.hzkgMatrix.columns.length") < columns
    assert page.page.is_visible("#rollup-note")
    plan_order = page.page.evaluate("window.hzkgMatrix.rows")
    page.page.check("input[name=order][value=similarity]")
    clustered = page.page.evaluate("window.hzkgMatrix.rows")
    assert sorted(clustered) == sorted(plan_order) and clustered != plan_order
    page.page.select_option("#level", f"https://w3id.org/hzkg/def/National")
    assert 0 < len(page.page.evaluate("window.hzkgMatrix.rows")) < len(plan_order)
    page.assert_offline_and_quiet()


def test_the_explorers_first_view_is_small_dims_on_selection_and_opens_a_link(plan_server, opened):
    page = opened(plan_server.url + "/explore")
    status = "window.hzkgExplorer"
    page.until(f"{status} && {status}.stabilised")
    assert page.page.evaluate(f"{status}.nodeCount") <= 60
    assert page.page.evaluate(f"{status}.onCircle") is True
    # no visible link crosses a zone that is not one of its ends, nor any zone's label (canvas coordinates)
    crossings = page.page.evaluate("""() => {
      const s = window.hzkgExplorer, at = s.positions(), boxes = s.labelBoxes, found = [];
      const side = (a, b, c) => Math.sign((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x));
      const cross = (p, q, r, t) => side(p, q, r) * side(p, q, t) < 0 && side(r, t, p) * side(r, t, q) < 0;
      const distance = (p, a, b) => {
        const dx = b.x - a.x, dy = b.y - a.y, k = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)));
        return Math.hypot(p.x - a.x - k * dx, p.y - a.y - k * dy);
      };
      const links = s.visibleLinks();
      for (const link of links) {
        const a = at[link.from], b = at[link.to];
        for (const node of Object.keys(at)) {
          if (node !== link.from && node !== link.to && distance(at[node], a, b) < 18) found.push([link.id, "node", node]);
          const box = boxes[node] || [];
          for (let i = 0; i < box.length; i++) if (cross(a, b, box[i], box[(i + 1) % box.length])) found.push([link.id, "label", node]);
        }
      }
      return { links: links.length, labels: Object.keys(boxes).length, found: found };
    }""")
    assert crossings["links"] > 10 and crossings["labels"] == page.page.evaluate(f"{status}.nodeCount")
    assert crossings["found"] == []
    # selecting a zone dims the zones it shares nothing with; a click on empty space brings them back
    point = page.page.evaluate(f"(id) => {status}.pagePosition(id)", ID + "zone/chunan-edz")
    page.page.mouse.click(point["x"], point["y"])
    assert page.until(f"{status}.dimmed") > 0
    assert page.page.text_content("#panel-title") == "浙江淳安经济开发区"
    page.page.click("#panel-close")
    assert page.page.evaluate(f"{status}.dimmed") == 0
    # the closed panel widens the network, which is refitted 60 ms later: click a link only after that
    assert page.until(f"{status}.fittedWidth === document.getElementById('network').getBoundingClientRect().width")
    # a click on a link opens the industries the two zones share, with the plan's sentences
    link = max(page.page.evaluate(f"{status}.visibleLinks()"), key=lambda link: link["weight"])
    middle = page.page.evaluate(f"(id) => {status}.edgeMidpoint(id)", link["id"])
    page.page.mouse.click(middle["x"], middle["y"])
    assert page.until(f"{status}.linkStatements") == link["weight"]
    assert " — " in page.page.text_content("#panel-title")
    assert page.page.locator("#panel-statements blockquote.plan").count() >= link["weight"]
    assert page.page.get_attribute("#panel-page", "href").startswith("/compare?zone=")
    page.page.mouse.move(1, 1)
    page.assert_offline_and_quiet()

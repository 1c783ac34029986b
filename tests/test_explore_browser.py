"""/explore in headless Chromium (Debian's chromium, driven by playwright): the page loads
offline, holds the nodes the server says, settles, opens a node's panel, filters, searches,
switches language, shows labels holding HTML as text. Screenshots go to tests/artifacts/."""
from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from browser_fixtures import Listening, Tabs

ARTIFACTS = Path(__file__).parent / "artifacts"
ID = "https://w3id.org/hzkg/id/"


@pytest.fixture(scope="module")
def browser(chromium):
    """The shared headless Chromium of tests/browser_fixtures.py (a missing one fails the test)."""
    return chromium


class Explorer:
    """One page with every request and console message recorded."""

    def __init__(self, tab, url: str):
        self.page = tab
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.listening = Listening()
        self.listening.on(self.page, "request", lambda request: self.requests.append(request.url))
        self.listening.on(self.page, "console", lambda message: message.type in ("error", "warning")
                          and self.problems.append(f"{message.type}: {message.text}"))
        self.listening.on(self.page, "pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.goto(url)
        # Polled from here: page.wait_for_function evaluates its predicate with eval(), which the
        # service's Content-Security-Policy (script-src 'self') rightly refuses.
        deadline = time.monotonic() + 30
        while not self.page.evaluate("Boolean(window.hzkgExplorer && window.hzkgExplorer.stabilised)"):
            assert time.monotonic() < deadline, f"{url} did not settle within 30 s: {self.problems}"
            self.page.wait_for_timeout(50)

    def status(self, name: str):
        return self.page.evaluate(f"window.hzkgExplorer.{name}")

    def click_node(self, iri: str) -> None:
        """Click the node and wait until its panel shows a title; on a busy machine the
        panel can fill after the click returns, so the click is retried a few times."""
        deadline = time.monotonic() + 15
        while True:
            point = self.page.evaluate("(id) => window.hzkgExplorer.pagePosition(id)", iri)
            self.page.mouse.click(point["x"], point["y"])
            for _ in range(20):
                if self.page.text_content("#panel-title"):
                    return
                self.page.wait_for_timeout(50)
            assert time.monotonic() < deadline, f"clicking {iri} opened no panel: {self.problems}"

    def assert_offline_and_quiet(self) -> None:
        outside = [url for url in self.requests if urlsplit(url).hostname != "127.0.0.1"]
        assert outside == [], outside
        assert self.problems == [], self.problems

@pytest.fixture
def explorer(browser, module_tab):
    """Opens /explore in a tab as a fresh context gives it (browser_fixtures.Tabs)."""
    tabs, opened = Tabs(browser, module_tab), []

    def open_(url):
        opened.append(Explorer(tabs.open(url, 1400, 900), url))
        return opened[-1]

    yield open_
    for page in opened:
        page.listening.off()
    tabs.close()


def test_the_whole_network(plan_server, explorer):
    summary = plan_server.get("/network").json()
    page = explorer(plan_server.url + "/explore?view=whole")
    shown = int(page.page.get_attribute("#node-count", "data-count"))
    assert page.status("nodeCount") == shown == summary["nodes"]
    assert page.status("edgeCount") == int(page.page.get_attribute("#edge-count", "data-count")) == summary["edges"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=ARTIFACTS / "explorer.png")
    (ARTIFACTS / "explorer-timing.json").write_text(json.dumps(
        {"nodes": shown, "edges": summary["edges"], "stabilisation_ms": page.status("stabilisationMs"),
         "settled_after_navigation_ms": page.status("settledAtMs")}))
    # settled means still: physics is off and nothing moves any more
    before = page.status("positions()")
    page.page.wait_for_timeout(300)
    assert page.status("physics") is False and page.status("positions()") == before
    page.click_node(ID + "zone/hangzhou-hitech-zone")
    assert page.page.is_visible("#panel")
    assert page.page.text_content("#panel-title") == "杭州高新技术产业开发区"
    assert page.page.get_attribute("#panel-page", "href") == "/id/zone/hangzhou-hitech-zone"
    page.page.mouse.move(1, 1)  # no tooltip over the picture
    page.page.screenshot(path=ARTIFACTS / "explorer-panel.png")
    page.assert_offline_and_quiet()


def test_a_class_filter_hides_its_nodes_and_the_page_language_chooses_the_labels(plan_server, explorer):
    page = explorer(plan_server.url + "/explore?view=whole")
    industries = plan_server.get("/network").json()["kinds"]["Industry"]
    before = page.status("visibleNodes")
    page.page.uncheck("#kind-filters input[data-filter=Industry]")
    assert page.status("visibleNodes") == before - industries
    assert page.page.text_content("#node-count") == str(before - industries)
    page.page.uncheck("#relation-filters input[data-filter='https://w3id.org/hzkg/def/locatedIn']")
    assert page.page.text_content("#edge-count") != page.page.get_attribute("#edge-count", "data-count")
    assert page.page.evaluate("(id) => window.hzkgExplorer.labelOf(id)", ID + "zone/hangzhou-etdz") == "杭州经济技术开发区"
    page.assert_offline_and_quiet()
    english = explorer(plan_server.url + "/explore?view=whole&lang=en")
    assert english.page.evaluate("(id) => window.hzkgExplorer.labelOf(id)", ID + "zone/hangzhou-etdz") == (
        "Hangzhou Economic and Technological Development Zone")
    english.assert_offline_and_quiet()


def test_search_focuses_a_node_and_opens_its_panel(plan_server, explorer):
    page = explorer(plan_server.url + "/explore?lang=en")
    page.page.fill("#search-text", "xiaoshan economic")
    page.page.press("#search-text", "Enter")
    assert page.page.text_content("#panel-title") == "Xiaoshan Economic and Technological Development Zone"
    page.page.fill("#search-text", "no such place")
    page.page.press("#search-text", "Enter")
    assert "not found" in page.page.text_content("#search-result")
    page.assert_offline_and_quiet()


def test_the_shared_industry_view(plan_server, explorer):
    page = explorer(plan_server.url + "/explore?view=shared-industries")
    assert (page.status("nodeCount"), page.status("edgeCount")) == (17, 71)
    page.page.screenshot(path=ARTIFACTS / "shared-industries.png")
    page.assert_offline_and_quiet()


def test_a_construct_result_opens_as_a_network(plan_server, explorer):
    query = ("PREFIX hz: <https://w3id.org/hzkg/def/> CONSTRUCT { ?zone hz:inCluster ?cluster } "
             "WHERE { ?zone a hz:DevelopmentZone ; hz:inCluster ?cluster }")
    page = explorer(plan_server.url + "/explore?query=" + quote(query))
    rows = plan_server.get("/sparql?format=json&query=" + quote(
        "PREFIX hz: <https://w3id.org/hzkg/def/> SELECT ((COUNT(DISTINCT ?zone) + COUNT(DISTINCT ?cluster)) AS ?n_) "
        "WHERE { ?zone a hz:DevelopmentZone ; hz:inCluster ?cluster }"),
        headers={"Accept": "application/sparql-results+json"}).json()
    assert page.status("nodeCount") == int(rows["results"]["bindings"][0]["n_"]["value"])
    page.assert_offline_and_quiet()


def test_labels_holding_html_show_as_text(escaping_server, explorer):
    page = explorer(escaping_server.url + "/explore?view=whole")
    page.click_node(ID + "zone/evil")
    assert page.page.text_content("#panel-title") == "<script>window.__xss = 1</script>开发区"
    page.page.mouse.move(*page.page.evaluate(
        "(id) => { const p = window.hzkgExplorer.pagePosition(id); return [p.x, p.y]; }", ID + "industry/evil"))
    page.page.wait_for_selector("div.vis-tooltip", state="visible")
    assert "<svg onload=" in page.page.text_content("div.vis-tooltip")
    english = explorer(escaping_server.url + "/explore?view=whole&lang=en")
    assert "<b>industry</b>" in english.page.text_content("#relation-filters")
    assert english.page.evaluate("window.__xss") is None
    assert page.page.evaluate("window.__xss") is None
    assert page.page.query_selector("#panel b, #panel img, #legend b, div.vis-tooltip svg") is None
    page.assert_offline_and_quiet()

"""The SPARQL editor (YASGUI, vendored) in headless Chromium against a real `hzkg serve` over the
plan's data: it loads, runs its default query and shows rows, opens an example, shares the query
in its URL, opens a CONSTRUCT as a network; no console error, and no request leaves 127.0.0.1."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from browser_fixtures import Listening, Tabs, requests_off_loopback

ARTIFACTS = Path(__file__).parent / "artifacts"


class EditorPage:
    """The editor in a tab as a fresh context gives it (empty storage), every request and console problem recorded."""

    def __init__(self, tab, url: str):
        self.page = tab
        self.context = tab.context
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.listening = Listening()
        self.listening.on(self.context, "request", lambda request: self.requests.append(request.url))  # every page it opens
        self.listening.on(self.page, "console", lambda message: message.type in ("error", "warning")
                          and self.problems.append(f"{message.type}: {message.text}"))
        self.listening.on(self.page, "pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.goto(url)
        self.page.wait_for_function("window.hzkgEditor !== undefined", timeout=30_000)

    def run(self) -> int:
        self.page.evaluate("window.hzkgEditor.query()")
        self.page.wait_for_function("window.hzkgEditor.rowCount() !== null", timeout=30_000)
        # A table, or the view a `#defaultView:` comment of the query picks (static/editor-views.js).
        self.page.wait_for_selector(".yasr table tbody tr, .yasr .hzkg-view", timeout=10_000)
        return self.page.evaluate("window.hzkgEditor.rowCount()")

    def shown_rows(self) -> int:
        return self.page.locator(".yasr table tbody tr").count()

    def assert_offline_and_quiet(self) -> None:
        assert requests_off_loopback(self.requests) == [], self.requests
        assert self.problems == [], (self.problems, self.requests)


@pytest.fixture
def editor(chromium, module_tab):
    tabs, opened = Tabs(chromium, module_tab), []

    def open_(url):
        opened.append(EditorPage(tabs.open(url), url))
        return opened[-1]

    yield open_
    for page in opened:
        page.listening.off()
    tabs.close()


def test_the_default_query_runs_and_shows_its_rows(plan_server, editor):
    page = editor(plan_server.url + "/sparql")
    query = page.page.evaluate("window.hzkgEditor.yasgui.getTab().getQuery()")
    for prefix in ("hz:", "rdfs:", "skos:", "xsd:", "prov:", "dcterms:"):
        assert f"PREFIX {prefix} <" in query
    assert page.run() == 17  # the 17 zones
    assert page.shown_rows() == 17
    assert "杭州经济技术开发区" in page.page.locator(".yasr table").inner_text()
    with page.context.expect_page() as opened:  # an IRI of ours opens our resource page
        page.page.locator(".yasr table a.iri", has_text="hangzhou-etdz").first.click()
    resource = opened.value
    resource.wait_for_load_state()
    assert resource.url == plan_server.url + "/id/zone/hangzhou-etdz"
    assert "杭州经济技术开发区" in resource.title() + resource.content()
    resource.close()
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "editor.png"))  # README's docs/editor.png is a copy
    page.assert_offline_and_quiet()


def test_an_example_opens_in_a_tab_and_runs(plan_server, editor):
    page = editor(plan_server.url + "/sparql")
    page.page.click("button.example[data-name='zones-with-industry']")
    tab = page.page.evaluate("window.hzkgEditor.yasgui.getTab().name()")
    assert tab == "zones-with-industry"
    query = page.page.evaluate("window.hzkgEditor.yasgui.getTab().getQuery()")
    assert "VALUES (?industry) { (<https://w3id.org/hzkg/id/industry/new-energy>) }" in query
    rows = page.run()
    assert rows == len(plan_server.get("/queries/zones-with-industry?format=json").json()["results"]["bindings"]) > 0
    page.assert_offline_and_quiet()


def test_the_share_link_holds_the_query(plan_server, editor):
    query = "PREFIX hz: <https://w3id.org/hzkg/def/>\nSELECT ?city WHERE { ?city a hz:SubCity }"
    first = editor(plan_server.url + "/sparql")
    first.page.evaluate("(query) => { window.hzkgEditor.yasgui.getTab().setQuery(query); }", query)
    link = first.page.evaluate("window.hzkgEditor.yasgui.getTab().getShareableLink()")
    assert link.startswith(plan_server.url + "/sparql#") and "query=" in link
    shared = editor(link)  # a fresh browser context: nothing but the link carries the query
    assert shared.page.evaluate("window.hzkgEditor.yasgui.getTab().getQuery()") == query
    assert shared.run() == 3  # 下沙, 江南, 临平
    first.assert_offline_and_quiet()
    shared.assert_offline_and_quiet()


def test_a_javascript_iri_in_the_results_is_not_a_link(plan_server, editor):
    # YASR writes such an IRI without an href, as the server's result pages write it as text
    page = editor(plan_server.url + "/sparql")
    query = 'SELECT ?x WHERE { BIND(IRI("javascript:document.title=1") AS ?x) }'
    page.page.evaluate("(query) => { window.hzkgEditor.yasgui.getTab().setQuery(query); }", query)
    assert page.run() == 1
    cell = page.page.locator(".yasr table tbody a.iri")
    assert cell.inner_text() == "javascript:document.title=1" and cell.get_attribute("href") is None
    page.assert_offline_and_quiet()


def test_a_construct_opens_as_a_network(plan_server, editor):
    page = editor(plan_server.url + "/sparql")
    assert page.page.is_disabled("#open-network")  # the default query is a SELECT
    construct = ("PREFIX hz: <https://w3id.org/hzkg/def/>\n"
                 "CONSTRUCT { ?zone hz:inSubCity ?city } WHERE { ?zone hz:inSubCity ?city }")
    page.page.evaluate("(query) => { window.hzkgEditor.yasgui.getTab().setQuery(query); }", construct)
    page.page.wait_for_function("!document.getElementById('open-network').disabled")
    with page.page.expect_navigation():
        page.page.click("#open-network")
    assert page.page.url.startswith(plan_server.url + "/explore?query=" + quote("PREFIX", safe=""))
    page.page.wait_for_function("window.hzkgExplorer && window.hzkgExplorer.stabilised", timeout=30_000)
    assert page.page.evaluate("window.hzkgExplorer.edgeCount") == 5
    page.assert_offline_and_quiet()


def test_completing_a_property_asks_no_other_host(plan_server, editor):
    # YASQE's property and class completers ask lov.linkeddata.es; ours are switched off.
    page = editor(plan_server.url + "/sparql")
    page.page.evaluate("void window.hzkgEditor.yasgui.getTab().setQuery("
                       "'PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\\nSELECT * WHERE {\\n  ?zone rdfs:lab\\n}')")
    page.page.evaluate("(() => { const yasqe = window.hzkgEditor.yasgui.getTab().getYasqe();"
                       " yasqe.focus(); yasqe.getDoc().setCursor({line: 2, ch: 16}); })()")
    page.page.keyboard.type("e")
    page.page.keyboard.press("Control+Space")
    page.page.wait_for_timeout(1000)
    assert page.page.evaluate("window.hzkgEditor.yasgui.getTab().getQuery()").endswith("?zone rdfs:labe\n}")
    page.assert_offline_and_quiet()


# --- names that can be pasted back (graph/prefixes.py) --------------------------------------------------
ONE_OF_EACH_KIND = """SELECT ?kind (SAMPLE(?x) AS ?one) WHERE {
  ?x ?p ?o . BIND(STRBEFORE(STRAFTER(STR(?x), "https://w3id.org/hzkg/id/"), "/") AS ?kind) FILTER(?kind != "")
} GROUP BY ?kind ORDER BY ?kind"""


def test_every_kind_s_name_in_the_results_can_be_pasted_back(plan_server, editor):
    from hzkg.graph.prefixes import KINDS

    page = editor(plan_server.url + "/sparql")
    standard = page.page.evaluate("window.hzkgEditor.yasgui.getTab().getQuery()").split("\n#")[0]
    assert "PREFIX zone: <https://w3id.org/hzkg/id/zone/>" in standard and "PREFIX hz: <" in standard
    page.page.evaluate("(query) => { window.hzkgEditor.yasgui.getTab().setQuery(query); }", ONE_OF_EACH_KIND)
    assert page.run() == len(KINDS)
    cells = page.page.locator(".yasr table tbody td:nth-child(3)")  # (the row's number, ?kind, ?one)
    shown = {cells.nth(i).inner_text(): cells.nth(i).locator("a.iri").get_attribute("href") for i in range(cells.count())}
    short = [name for name in shown if not name.startswith("<")]
    assert {name.split(":")[0] for name in short} >= {"zone", "industry", "base", "cluster", "sub-city", "partnership"}
    assert len(short) > 25 and not any(name.startswith("hzkg:") or "/" in name for name in short)
    assert all(name == f"<{iri}>" for name, iri in shown.items() if name.startswith("<"))  # deeper IRIs whole
    for name, iri in shown.items():  # pasted into a query with the standard prefixes, it names that resource
        query = standard + f"\nSELECT ?x (COUNT(*) AS ?statements) WHERE {{ BIND({name} AS ?x) {name} ?p ?o }} GROUP BY ?x"
        answer = plan_server.get("/sparql", method="POST", data=query.encode(),
                                 headers={"Content-Type": "application/sparql-query", "Accept": "application/json"})
        assert answer.status == 200, (name, answer.text[:300])
        row = answer.json()["results"]["bindings"][0]
        assert row["x"]["value"] == iri and int(row["statements"]["value"]) > 0
    # and in the editor itself: pasted, the query runs with no syntax mark
    name = next(name for name in shown if name.startswith("zone:"))
    page.page.evaluate("(query) => { window.hzkgEditor.yasgui.getTab().setQuery(query); }",
                       standard + f"\nSELECT ?p ?o WHERE {{ {name} ?p ?o }}")
    assert page.run() > 5
    assert page.page.locator(".CodeMirror .gutterErrorBar .parseErrorIcon").count() == 0
    page.assert_offline_and_quiet()


def test_the_page_names_iris_as_the_server_does(plan_server, editor):
    from hzkg.graph.prefixes import prefixed_name

    rows = plan_server.get("/sparql?query=" + quote("SELECT DISTINCT ?x WHERE { ?x ?p ?o FILTER(isIRI(?x)) }"),
                           headers={"Accept": "application/json"}).json()["results"]["bindings"]
    iris = [row["x"]["value"] for row in rows] + ["https://w3id.org/hzkg/id/plan", "https://example.org/a/b"]
    page = editor(plan_server.url + "/sparql")
    in_page = page.page.evaluate("(iris) => iris.map(window.hzkgEditor.prefixedName)", iris)
    assert len(iris) > 1000
    assert [name or f"<{iri}>" for iri, name in zip(iris, in_page)] == [prefixed_name(iri) for iri in iris]


def test_typing_a_kind_s_prefix_declares_it(plan_server, editor):
    page = editor(plan_server.url + "/sparql")
    page.page.evaluate("void window.hzkgEditor.yasgui.getTab().setQuery('SELECT * WHERE {\\n  ?p ?o\\n}')")
    page.page.evaluate("(() => { const yasqe = window.hzkgEditor.yasgui.getTab().getYasqe();"
                       " yasqe.focus(); yasqe.getDoc().setCursor({line: 1, ch: 2}); })()")
    page.page.keyboard.type("zone:")
    page.page.wait_for_function("window.hzkgEditor.yasgui.getTab().getQuery().indexOf('PREFIX zone:') >= 0",
                                timeout=10_000)
    page.page.keyboard.type("xiaoshan-etdz ")
    query = page.page.evaluate("window.hzkgEditor.yasgui.getTab().getQuery()")
    assert query.startswith("PREFIX zone: <https://w3id.org/hzkg/id/zone/>\n") and "zone:xiaoshan-etdz ?p ?o" in query
    assert page.run() > 5
    page.assert_offline_and_quiet()


# --- one language at a time (issue 24) ---------------------------------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_page_is_in_one_language(plan_server, chromium, language):
    from language_check import foreign_runs

    answer = plan_server.get(f"/sparql?lang={language}", headers={"Accept": "text/html"})
    assert f'<html lang="{language}"' in answer.text
    assert foreign_runs(answer.text, language) == []
    # and as drawn, with what the scripts add: the tab, the notice, the result views' buttons
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(plan_server.url + f"/sparql?lang={language}")
        page.wait_for_function("window.hzkgEditor !== undefined", timeout=30_000)
        page.evaluate("void window.hzkgEditor.yasgui.getTab().setQuery('SELECT * WHERE { ?s ?p }')")
        page.evaluate("void window.hzkgEditor.query()")
        page.wait_for_selector(".yasr .hzkg-error-pointer", timeout=30_000)
        drawn = page.evaluate("""() => ({
            tab: document.querySelector('#yasgui .tabsList a').textContent.replace('✖', '').trim(),
            notice: document.getElementById('editor-notice').firstChild.textContent.split(':')[0],
            views: Array.from(document.querySelectorAll('.yasr_header button')).map(b => b.textContent.trim()),
            pointer: document.querySelector('.yasr .hzkg-error-pointer').textContent })""")
        expected = {"zh": {"tab": "查询", "notice": "查询出错 (400)", "views": ["表格", "▥图表", "◉地图", "⋈网络", "原始回答"],
                           "pointer": "查询出错：原因见编辑器上方的说明。"},
                    "en": {"tab": "Query", "notice": "The query failed (400)",
                           "views": ["Table", "▥Chart", "◉Map", "⋈Network", "Response"],
                           "pointer": "The query failed: the message above the editor says why."}}[language]
        assert drawn == expected
        if language == "en":  # what the service's messages and YASR's own titles say is English in both
            assert foreign_runs(page.content(), language) == []
    finally:
        context.close()

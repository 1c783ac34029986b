"""The pictures of the plan in headless Chromium against a real `hzkg serve` over the plan's data: the charts
(/figures, a zone's page), the map (/map) and the editor's result views and completion. Each page is
checked for what it draws against the graph, and asks no host but 127.0.0.1. Screenshots go to tests/artifacts/."""
from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from browser_fixtures import Listening, Tabs, requests_off_loopback
from plan_data import PLAN_LOCATIONS
from reliability_fixtures import HOSTILE_IRI, hostile_server  # noqa: F401 (a fixture)

from hzkg.service.model.geo import contains

ARTIFACTS = Path(__file__).parent / "artifacts"
ID = "https://w3id.org/hzkg/id/"


class Page:
    """One page in a tab as a fresh context gives it (browser_fixtures.Tabs), every request, failed response
    and script error recorded."""

    def __init__(self, tab, url: str, ready: str):
        self.page = tab
        self.context = tab.context
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.listening = Listening()
        self.listening.on(self.context, "request", lambda request: self.requests.append(request.url))
        self.listening.on(self.page, "response", lambda response: response.status >= 400
                          and self.problems.append(f"{response.status} {response.url}"))
        # with where it was thrown: the map once threw "Cannot read properties of null (reading '0')" in CI, not reproduced
        self.listening.on(self.page, "pageerror", lambda error: self.problems.append(
            f"page error: {error} {(error.stack or '').splitlines()[1:3]}"))
        self.page.goto(url)
        self.wait_for(ready, f"{url} was not ready")

    def wait_for(self, predicate: str, message: str, seconds: float = 30) -> None:
        # Polled from here: page.wait_for_function evaluates with eval(), which our Content-Security-Policy refuses.
        deadline = time.monotonic() + seconds
        while not self.page.evaluate(f"() => Boolean({predicate})"):
            assert time.monotonic() < deadline, f"{message}: {self.problems}"
            self.page.wait_for_timeout(50)

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name), full_page=True)

    def assert_offline_and_quiet(self) -> None:
        assert requests_off_loopback(self.requests) == [], self.requests
        assert [p for p in self.problems if "/favicon.ico" not in p] == [], self.problems


@pytest.fixture
def open_page(chromium, module_tab):
    tabs, opened = Tabs(chromium, module_tab), []

    def open_(url, ready, width: int = 1300, height: int = 1000):
        opened.append(Page(tabs.open(url, width, height), url, ready))
        return opened[-1]

    yield open_
    for page in opened:
        page.listening.off()
    tabs.close()


def fetch_json(url: str):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


CHARTS_READY = "window.hzkgCharts && window.hzkgCharts.ready"


def drawn_bars(page: Page, kind: str) -> list[dict]:
    """What ECharts holds for the charts of one kind: per bar, its value, its link and its tooltip text."""
    return page.page.evaluate("""(kind) => window.hzkgCharts.drawn.filter(d => d.kind === kind).flatMap(d =>
        d.chart.getOption().series[0].data.map(bar => ({value: bar.value, page: bar.page, tip: bar.tip})))""", kind)


def bar_centre(page: Page, kind: str, index: int) -> dict:
    """The page position of the middle of the index-th bar of the first chart of `kind`."""
    return page.page.evaluate("""([kind, index]) => {
        const d = window.hzkgCharts.drawn.find(d => d.kind === kind);
        const value = d.chart.getOption().series[0].data[index].value;
        const [x, y] = d.chart.convertToPixel({seriesIndex: 0}, [value / 2, index]);
        const box = d.chart.getDom().getBoundingClientRect();
        return {x: box.left + x, y: box.top + y};
    }""", [kind, index])


def test_a_zones_chart_shows_its_figures_with_their_values_sentences_and_links(plan_server, open_page):
    page = open_page(plan_server.url + "/id/zone/linan-edz", CHARTS_READY)
    data = fetch_json(plan_server.url + "/charts/area?iri=" + quote(ID + "zone/linan-edz"))
    expected = [(f["value"], f["page"]) for group in data["groups"] for f in group["figures"]]
    drawn = drawn_bars(page, "area")
    assert [(bar["value"], bar["page"]) for bar in drawn] == expected
    # Both of the plan's 2015 GDP values, marked, each with its own sentence.
    gdp = {bar["value"]: bar for bar in drawn if bar["page"].startswith("/id/observation/linan-edz-gdp-2015")}
    assert set(gdp) == {100, 200}
    assert "规划自相矛盾" in gdp[100]["tip"] and "四（二）7" in gdp[100]["tip"] and "达到100亿元左右" in gdp[100]["tip"]
    assert "附表" in gdp[200]["tip"]
    # The table under the chart holds the same figures, each a link to its page.
    links = page.page.eval_on_selector_all("#figures-chart a.hzkg-figure-link",
                                           "links => links.map(a => [Number(a.dataset.value), a.getAttribute('href')])")
    assert sorted(map(tuple, links)) == sorted(expected)
    assert "100左右" in page.page.text_content("#figures-chart table")  # the qualifier shown as the plan writes it
    # Hovering a bar shows its sentence; clicking it opens its figure's page.
    index = [bar["page"] for bar in drawn].index("/id/observation/linan-edz-gdp-2015-text")
    page.page.locator("#figures-chart").scroll_into_view_if_needed()  # on a zone's profile it is below the fold
    centre = bar_centre(page, "area", index)
    page.page.mouse.move(centre["x"], centre["y"])
    page.wait_for("document.querySelector('#figures-chart .hzkg-tip') && document.querySelector('#figures-chart .hzkg-tip').offsetParent",
                  "no tooltip on hover", 10)
    assert "达到100亿元左右" in page.page.inner_text("#figures-chart .hzkg-tip")
    page.screenshot("zone-chart.png")
    page.assert_offline_and_quiet()
    with page.page.expect_navigation():
        page.page.mouse.click(centre["x"], centre["y"])
    assert page.page.url == plan_server.url + "/id/observation/linan-edz-gdp-2015-text"


def test_the_figures_page_draws_every_gdp_target_and_the_growth_they_imply(plan_server, open_page):
    page = open_page(plan_server.url + "/figures", CHARTS_READY, height=1400)
    data = fetch_json(plan_server.url + "/charts/gdp-targets")
    targets = drawn_bars(page, "gdp-targets")
    assert [(bar["value"], bar["page"]) for bar in targets] == [(t["value"], t["page"]) for t in data["targets"]]
    assert len(targets) == 15 and sum("规划自相矛盾" in bar["tip"] for bar in targets) == 2
    growth = drawn_bars(page, "growth")
    assert [bar["value"] for bar in growth] == [g["change_percent"] for g in data["growth"]] and len(growth) == 13
    assert len(drawn_bars(page, "area")) > 20  # the plan-wide and provincial figures
    labels = page.page.evaluate("window.hzkgCharts.drawn.find(d => d.kind === 'gdp-targets').chart.getOption().yAxis[0].data")
    assert "浙江临安经济开发区（四（二）7）" in labels and "浙江临安经济开发区（附表）" in labels
    page.screenshot("figures.png")
    page.assert_offline_and_quiet()


def test_no_chart_axis_mixes_magnitudes(plan_server, open_page):
    """Each axis holds comparable values: a unit's figures more than 50 times apart are drawn in panels of their
    own (家: 1 to 30 zones and incubators, then 400 and 1,000 centres and enterprises), all figures still drawn."""
    page = open_page(plan_server.url + "/figures?lang=zh", CHARTS_READY, height=1400)
    charts = page.page.evaluate("""() => window.hzkgCharts.drawn.filter(d => d.kind === 'area').map(d =>
        ({unit: d.unit, values: d.chart.getOption().series[0].data.map(bar => bar.value)}))""")
    for chart in charts:
        positive = [value for value in chart["values"] if value > 0]
        assert max(positive) <= 50 * min(positive), chart
    households = [chart["values"] for chart in charts if chart["unit"] == "家"]
    assert sorted(map(sorted, households)) == [[1, 3, 5, 9, 14, 30], [400, 1000]]  # the plan-wide figures
    drawn = sorted(value for chart in charts for value in chart["values"])
    served = sorted(figure["value"] for area in ("all-zones", "provincial-zones")
                    for group in fetch_json(plan_server.url + "/charts/area?iri=" + quote(f"{ID}area/{area}"))["groups"]
                    for figure in group["figures"])
    assert drawn == served  # split, not dropped
    headings = page.page.locator("#all-zones h4.hzkg-unit").all_inner_texts()  # a split panel says its range
    assert sum(heading.endswith("家 · 1–30") for heading in headings) == 1
    assert sum(heading.endswith("家 · 400–1000") for heading in headings) == 1
    assert sum("·" in heading for heading in headings) == 2
    page.assert_offline_and_quiet()


MAP_READY = "window.hzkgMap && window.hzkgMap.ready"


def test_the_map_shows_one_marker_per_zone_inside_the_district_the_plan_puts_it_in(plan_server, open_page):
    page = open_page(plan_server.url + "/map", MAP_READY, height=1000)
    markers = page.page.evaluate("window.hzkgMap.markers")
    assert len(markers) == 15 == len({marker["iri"] for marker in markers})
    for chart in ("chart", "core"):
        drawn = page.page.evaluate(f"window.hzkgMap.{chart}.getOption().series.find(s => s.name === 'zones').data.length")
        assert drawn == 15, chart
    # ECharts' own hit test on the drawn map, and a point-in-polygon test on the GeoJSON it drew.
    regions = page.page.evaluate("""() => window.hzkgMap.markers.map(m => {
        const region = window.hzkgMap.chart.getModel().getComponent('geo', 0).coordinateSystem.getRegionByCoord(m.point);
        return [m.iri, region && region.name];
    })""")
    drawn_map = page.page.evaluate("echarts.getMap('hangzhou-today').geoJSON")
    polygons = {feature["properties"]["name"]: feature["geometry"] for feature in drawn_map["features"]}
    assert len(polygons) == 13
    for iri, region in regions:
        expected = PLAN_LOCATIONS[iri.rsplit("/", 1)[-1]]
        assert region == expected, (iri, region, expected)
        point = next(marker["point"] for marker in markers if marker["iri"] == iri)
        assert contains(polygons[expected], *point) and sum(contains(shape, *point) for shape in polygons.values()) == 1
    # Sized by the 2015 GDP target: the ETDZ (630) is drawn larger than 浙江淳安经济开发区 (28).
    size = {marker["iri"].rsplit("/", 1)[-1]: marker["size"] for marker in markers}
    assert size["hangzhou-etdz"] > size["xiaoshan-etdz"] > size["chunan-edz"]
    # Links: the three zone partnerships, seven ties to clusters and five sub-city memberships; the plan's names
    # mapped. Of the seven only 临安 is a member; the others are drawn as what they are (issue 22).
    relations = page.page.evaluate("window.hzkgMap.lines.map(l => l.relation)")
    assert sorted(set(relations)) == ["cooperatesWith", "docksWith", "inCluster", "inSubCity", "linkedToCluster",
                                      "proposedInCluster"]
    assert [relations.count(name) for name in ("cooperatesWith", "inCluster", "proposedInCluster", "docksWith",
                                               "linkedToCluster", "inSubCity")] == [3, 1, 1, 1, 4, 5]
    mapping = page.page.inner_text("#mapping")
    assert "余杭区 330110、临平区 330113" in mapping and "江干区 was abolished in 2021" in mapping  # the basis: English only
    assert "临平区和钱塘区于 2021 年" in page.page.inner_text(".map-legend")
    page.screenshot("map.png")
    page.assert_offline_and_quiet()
    # A zone's marker opens its page.
    with page.page.expect_navigation():
        point = page.page.evaluate("""() => {
            const m = window.hzkgMap.markers.find(m => m.iri.endsWith('/zone/chunan-edz'));
            const [x, y] = window.hzkgMap.chart.convertToPixel({geoIndex: 0}, m.point);
            const box = window.hzkgMap.chart.getDom().getBoundingClientRect();
            return {x: box.left + x, y: box.top + y};
        }""")
        page.page.mouse.click(point["x"], point["y"])
    assert page.page.url == plan_server.url + "/id/zone/chunan-edz"


LABEL_BOXES = """(id) => {
    const panel = document.getElementById(id), box = panel.getBoundingClientRect();
    const drawn = Array.from(panel.querySelectorAll('svg text')).filter(text => text.textContent.trim() &&
        getComputedStyle(text).display !== 'none' && getComputedStyle(text).visibility !== 'hidden' &&
        +(text.getAttribute('opacity') ?? 1) > 0);
    const boxes = drawn.map(text => { const r = text.getBoundingClientRect();
        return {text: text.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom}; });
    return {panel: {left: box.left, top: box.top, right: box.right, bottom: box.bottom}, boxes};
}"""


def colliding_and_clipped(page, panel: str) -> tuple[int, list, list]:
    """The labels ECharts drew in a panel (SVG text, measured by Chromium), the pairs whose boxes meet,
    and those not wholly inside the panel."""
    measured = page.page.evaluate(LABEL_BOXES, panel)
    boxes, edge = measured["boxes"], measured["panel"]
    meeting = [(a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
               if a["left"] < b["right"] - 0.5 and b["left"] < a["right"] - 0.5
               and a["top"] < b["bottom"] - 0.5 and b["top"] < a["bottom"] - 0.5]
    outside = [b["text"] for b in boxes if b["left"] < edge["left"] - 0.5 or b["right"] > edge["right"] + 0.5
               or b["top"] < edge["top"] - 0.5 or b["bottom"] > edge["bottom"] + 0.5]
    return len(boxes), meeting, outside


@pytest.mark.parametrize("width", [1300, 900])
def test_the_map_s_labels_neither_collide_nor_leave_their_panel(plan_server, open_page, width):
    page = open_page(plan_server.url + "/map", MAP_READY, width=width, height=1000)
    for panel in ("map", "map-core"):
        count, meeting, outside = colliding_and_clipped(page, panel)
        assert count >= 10, (panel, count)  # zones, clusters, sub-cities and districts are named
        assert meeting == [] and outside == [], (panel, meeting, outside)
    # zoomed in on the core, the labels of what leaves the panel go with it, the rest still apart
    page.page.evaluate("""() => { const c = window.hzkgMap.core, geo = c.getOption().geo[0];
        c.dispatchAction({type: 'geoRoam', componentType: 'geo', geoId: undefined, zoom: 1.6,
                          originX: c.getDom().clientWidth * 0.7, originY: c.getDom().clientHeight * 0.4}); }""")
    page.page.wait_for_timeout(300)
    count, meeting, outside = colliding_and_clipped(page, "map-core")
    assert count >= 5 and meeting == [] and outside == [], (count, meeting, outside)
    page.screenshot(f"map-labels-{width}.png")  # full page: the browser sets the window to 1 x 1 for a moment
    # each panel follows its own box when the window is made narrower (a ResizeObserver, not the window's event)
    page.page.set_viewport_size({"width": width - 200, "height": 1000})
    page.wait_for("window.hzkgMap.chart.getWidth() === document.getElementById('map').clientWidth && "
                  f"window.hzkgMap.chart.getWidth() < {width * 0.4 - 50}", "the map kept its old width", 10)
    page.assert_offline_and_quiet()


EDITOR_READY = "window.hzkgEditor !== undefined && window.hzkgViews !== undefined"
GDP_2015 = """PREFIX hz: <https://w3id.org/hzkg/def/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?zone ?zone_zh ?gdp WHERE {
  ?o hz:refArea ?zone ; hz:indicator hz:GDP ; hz:valueKind hz:Target ; hz:value ?gdp .
  ?zone a hz:DevelopmentZone ; rdfs:label ?zone_zh FILTER(lang(?zone_zh) = "zh")
} ORDER BY DESC(?gdp) ?zone_zh"""


def run_in_editor(page: Page) -> dict:
    page.page.evaluate("window.hzkgViews.drawn = null; window.hzkgEditor.query()")
    page.wait_for("window.hzkgViews.drawn || document.querySelector('.yasr .dataTable tbody tr')", "no result drawn")
    return page.page.evaluate("""() => { const d = window.hzkgViews.drawn; return d && {view: d.view, mode: d.mode,
        names: d.names, points: d.points, areas: d.areas, outlines: d.outlines, nodes: d.nodes, links: d.links,
        values: d.chart.getOption().series.map(s => (s.data || []).map(v => v && v.value !== undefined ? v.value : v))}; }""")


def test_a_query_with_defaultview_barchart_renders_a_chart_of_its_rows(plan_server, open_page):
    page = open_page(plan_server.url + "/sparql#query=" + quote("#defaultView:BarChart\n" + GDP_2015), EDITOR_READY)
    drawn = run_in_editor(page)
    rows = fetch_json(plan_server.url + "/sparql?query=" + quote(GDP_2015))["results"]["bindings"]
    assert drawn["view"] == "chart" and drawn["mode"] == "bar"
    assert drawn["names"] == [row["zone_zh"]["value"] for row in rows] and len(rows) == 15
    assert drawn["values"] == [[float(row["gdp"]["value"]) for row in rows]]
    assert page.page.locator(".yasr .select_chart.selected").count() == 1
    assert page.page.locator(".yasr .hzkg-view svg").count() == 1
    page.screenshot("editor-chart.png")
    # The same rows as a line chart, chosen in the editor.
    page.page.evaluate("window.hzkgViews.drawn = null")
    page.page.click(".yasr button.hzkg-mode[data-mode='line']")
    page.wait_for("window.hzkgViews.drawn", "no line chart")
    assert page.page.evaluate("window.hzkgViews.drawn.mode") == "line"
    page.assert_offline_and_quiet()


def test_linechart_map_and_graph_comments_pick_their_views(plan_server, open_page):
    page = open_page(plan_server.url + "/sparql#query=" + quote("#defaultView:LineChart\n" + GDP_2015), EDITOR_READY)
    assert run_in_editor(page)["mode"] == "line"
    page.page.evaluate("() => { window.hzkgEditor.openExample('zones'); }")  # the named query declares #defaultView:Map
    drawn = run_in_editor(page)
    assert drawn["view"] == "map" and drawn["points"] == 15
    page.page.evaluate("() => { window.hzkgEditor.openExample('partnership-network'); }")  # #defaultView:Graph
    drawn = run_in_editor(page)
    assert drawn["view"] == "network" and drawn["nodes"] > 20 and drawn["links"] > 20
    # "Open in the explorer": the same resources, as a CONSTRUCT drawn by /explore.
    explorer = page.context.new_page()
    explorer.goto(plan_server.url + page.page.get_attribute("a.hzkg-open-explorer", "href"))
    deadline = time.monotonic() + 30
    while not explorer.evaluate("Boolean(window.hzkgExplorer && window.hzkgExplorer.stabilised)"):
        assert time.monotonic() < deadline, "the explorer did not draw the SELECT's network"
        explorer.wait_for_timeout(50)
    assert explorer.evaluate("window.hzkgExplorer.nodeCount") == drawn["nodes"]
    explorer.close()
    page.page.evaluate("() => { window.hzkgEditor.openExample('zone-industries'); }")  # no default view: the table
    assert run_in_editor(page) is None and page.page.locator(".yasr .select_table.selected").count() == 1
    page.assert_offline_and_quiet()


def test_a_query_returning_wkt_and_areas_draws_them_on_the_map(plan_server, open_page):
    query = """PREFIX geo: <http://www.opengis.net/ont/geosparql#> PREFIX hz: <https://w3id.org/hzkg/def/>
#defaultView:Map
SELECT ?area ?wkt WHERE { ?area a hz:District ; geo:hasGeometry/geo:asWKT ?wkt }"""
    page = open_page(plan_server.url + "/sparql#query=" + quote(query), EDITOR_READY)
    drawn = run_in_editor(page)
    # 江干区, 西湖区, 余杭区 of 2011: four of today's districts shaded, and their WKT outlined.
    assert drawn["view"] == "map" and drawn["areas"] == 4 and drawn["outlines"] == 4
    page.assert_offline_and_quiet()


def type_in_editor(page: Page, text: str) -> list[str]:
    """Type `text` after `?zone a ` in the editor and return the completion list it offers."""
    page.page.evaluate("""() => { const y = window.hzkgEditor.yasgui.getTab().getYasqe();
        y.setValue('PREFIX hz: <https://w3id.org/hzkg/def/>\\nSELECT * WHERE {\\n  ?zone a \\n}');
        y.focus(); y.getDoc().setCursor({line: 2, ch: 11}); window.hzkgComplete.shown = [];
        window.hzkgComplete.prefix = null; }""")
    page.page.keyboard.type(text, delay=60)
    page.wait_for(f"document.querySelectorAll('.CodeMirror-hint').length && window.hzkgComplete.shown.length "
                  f"&& window.hzkgComplete.prefix === {json.dumps(text)}", f"no completion for {text}")
    return page.page.eval_on_selector_all(".CodeMirror-hint", "items => items.map(item => item.textContent)")


def test_the_editor_completes_our_terms_in_pinyin_and_chinese(plan_server, open_page):
    page = open_page(plan_server.url + "/sparql", EDITOR_READY)
    offered = type_in_editor(page, "qiche")
    assert any(item.startswith("汽车产业") for item in offered[:5]), offered
    page.screenshot("editor-completion.png")
    page.page.keyboard.press("Enter")  # the first: 汽车产业, inserted as its prefixed name, its prefix declared
    written = page.page.evaluate("window.hzkgEditor.yasgui.getTab().getYasqe().getValue()")
    assert "?zone a industry:automotive" in written and "PREFIX industry: <https://w3id.org/hzkg/id/industry/>\n" in written
    offered = type_in_editor(page, "开发区")
    assert any(item.endswith(" hz:DevelopmentZone") and "开发区（园区）" in item for item in offered[:5]), offered
    chosen = next(i for i, item in enumerate(offered) if item.endswith(" hz:DevelopmentZone"))
    for _ in range(chosen):
        page.page.keyboard.press("ArrowDown")
    page.page.keyboard.press("Enter")
    assert "?zone a hz:DevelopmentZone\n" in page.page.evaluate("window.hzkgEditor.yasgui.getTab().getYasqe().getValue()")
    page.assert_offline_and_quiet()


@pytest.mark.parametrize("view, query", [
    ("chart", f"#defaultView:BarChart\nSELECT ?label (STRLEN(?label) AS ?n) WHERE {{ <{HOSTILE_IRI}> ?p ?label }}"),
    ("network", "#defaultView:Graph\nSELECT ?zone ?label ?industry WHERE { ?zone <http://www.w3.org/2000/01/rdf-schema#label> ?label ; "
                "<https://w3id.org/hzkg/def/hasIndustry> ?industry }"),
])
def test_labels_holding_markup_show_as_text_in_the_editors_views(hostile_server, open_page, view, query):
    page = open_page(hostile_server.url + "/sparql#query=" + quote(query), EDITOR_READY)
    page.page.evaluate("""() => { window.__violations = [];
        document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective)); }""")
    page.wait_for("window.hzkgViews.drawn", "the link's query was not drawn")
    assert page.page.evaluate("window.hzkgViews.drawn.view") == view
    chart = page.page.evaluate("window.hzkgViews.drawn.chart.getDom().getBoundingClientRect().toJSON()")
    for step in range(1, 10):  # hover across the chart: tooltips hold the labels
        page.page.mouse.move(chart["x"] + chart["width"] * step / 10, chart["y"] + chart["height"] / 2)
        page.page.wait_for_timeout(30)
    assert page.page.evaluate("window.__xss === undefined && window.__violations.length === 0")
    assert page.page.locator(".yasr img[src='x'], .yasr svg[onload], .yasr [onerror]").count() == 0
    page.assert_offline_and_quiet()

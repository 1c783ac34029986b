"""The charts' numbers (/charts/… JSON, what static/charts.js draws) equal the graph's, as the named
queries gdp-targets-ranked, growth-implied and plan-targets give them, on a real server over the plan."""
from __future__ import annotations

from decimal import Decimal
from urllib.parse import quote

from service_fixtures import assert_error

ID = "https://w3id.org/hzkg/id/"


def named(server, name: str) -> list[dict]:
    answer = server.get(f"/queries/{name}?format=json")
    assert answer.status == 200, answer.text[:300]
    return [{key: cell["value"] for key, cell in row.items()} for row in answer.json()["results"]["bindings"]]


def test_every_zone_gdp_target_is_drawn_with_the_graphs_value_and_qualifier(plan_server):
    chart = plan_server.get("/charts/gdp-targets").json()
    drawn = sorted((t["area"], Decimal(str(t["value"])), t["qualifier_en"]) for t in chart["targets"])
    ranked = sorted((row["zone"], Decimal(row["gdp"]), row["qualifier_en"]) for row in named(plan_server, "gdp-targets-ranked"))
    assert drawn == ranked
    # 14 zones have a 2015 GDP target (富阳高新技术产业园区, proposed, has none); 临安 has two.
    assert len({t["area"] for t in chart["targets"]}) == 14 and len(chart["targets"]) == 15
    # The chart draws values in the named query's order (largest first).
    assert [t["value"] for t in chart["targets"]] == sorted((t["value"] for t in chart["targets"]), reverse=True)


def test_linans_two_values_are_both_drawn_and_marked_as_the_plans_contradiction(plan_server):
    targets = [t for t in plan_server.get("/charts/gdp-targets").json()["targets"] if t["area"] == ID + "zone/linan-edz"]
    by_value = {t["value"]: t for t in targets}
    assert set(by_value) == {100, 200}
    assert by_value[100]["contradiction"] and by_value[200]["contradiction"]
    assert by_value[100]["other_values"] == [200] and by_value[100]["qualifier"] == "左右"
    assert [c["section"] for c in by_value[100]["citations"]] == ["四（二）7"]
    assert "达到100亿元左右" in by_value[100]["citations"][0]["quote"]
    assert [c["section"] for c in by_value[200]["citations"]] == ["附表"] and by_value[200]["qualifier"] == ""
    assert by_value[200]["page"] == "/id/observation/linan-edz-gdp-2015-table"
    others = [t for t in plan_server.get("/charts/gdp-targets").json()["targets"] if t["area"] != ID + "zone/linan-edz"]
    assert not any(t["contradiction"] for t in others)


def test_the_growth_drawn_is_growth_implieds(plan_server):
    chart = plan_server.get("/charts/gdp-targets").json()["growth"]
    drawn = sorted((g["area"], Decimal(str(g["from"]["value"])), Decimal(str(g["to_value"])), Decimal(str(g["ratio"])),
                    Decimal(str(g["change_percent"]))) for g in chart)
    implied = [row for row in named(plan_server, "growth-implied")
               if row["indicator_zh"] in ("地区生产总值", "已开发面积 + 新开发面积")]
    expected = sorted((row["area"], Decimal(row["from_value"]), Decimal(row["to_value"]), Decimal(row["ratio"]),
                       Decimal(row["change"])) for row in implied)
    assert drawn == expected and len(drawn) == 13  # all zones' GDP, 12 zones' developed area
    everywhere = next(g for g in chart if g["area"] == ID + "area/all-zones")
    assert (everywhere["from"]["value"], everywhere["to_value"], everywhere["annual_percent"]) == (1167.8, 3000, 20.8)


def test_the_plan_wide_chart_holds_plan_targets_figures(plan_server):
    # plan-targets gives a figure once per section stating it; the chart once, with all its sections.
    expected = sorted({(row["indicator_en"], row["kind_en"], row["when"], Decimal(row["value"]), row["qualifier_en"])
                       for row in named(plan_server, "plan-targets") if row["area_zh"] == "全市开发区（园区）"})
    chart = plan_server.get("/charts/area?iri=" + quote(ID + "area/all-zones")).json()
    figures = [f for group in chart["groups"] for f in group["figures"]]
    drawn = sorted((f["indicator_en"], f["kind"], f["when"], Decimal(str(f["value"])), f["qualifier_en"]) for f in figures)
    assert drawn == expected and len(drawn) > 20
    assert all(f["citations"] and f["page"].startswith("/id/observation/") for f in figures)


def test_a_zones_chart_holds_each_of_its_figures_once_with_unit_and_sentence(plan_server):
    chart = plan_server.get("/charts/area?iri=" + quote(ID + "zone/hangzhou-etdz")).json()
    figures = {(f["indicator_en"], f["when"]): f for group in chart["groups"] for f in group["figures"]}
    gdp = figures[("Gross domestic product", "2015")]
    assert (gdp["value"], gdp["unit"], gdp["kind"], gdp["contradiction"]) == (630, "亿元", "target", False)
    developed = figures[("Developed area", "2010")]
    assert (developed["unit"], developed["value"], developed["kind"]) == ("平方公里", 23.12, "baseline")
    assert [c["section"] for c in gdp["citations"]] == ["四（二）1", "附表"]  # one bar, both sentences
    assert len(figures) == 6 and {group["unit"] for group in chart["groups"]} == {"%", "亿元", "平方公里"}


def test_bad_chart_requests_say_what_to_do(plan_server):
    assert_error(plan_server.get("/charts/area"), 400, "?iri=")
    assert_error(plan_server.get("/charts/area?iri=not%20an%20iri"), 400, "iri")
    assert_error(plan_server.get("/charts/area?iri=" + quote(ID + "industry/automotive")), 404, "no figures", "all-zones")


def test_pages_that_carry_a_chart(plan_server):
    figures = plan_server.get("/figures")
    assert figures.status == 200 and figures.text.count('class="hzkg-chart"') == 3
    zone = plan_server.get("/id/zone/linan-edz", headers={"Accept": "text/html"})
    assert 'data-src="/charts/area?iri=https' in zone.text and "charts.js" in zone.text
    industry = plan_server.get("/id/industry/automotive", headers={"Accept": "text/html"})
    assert "hzkg-chart" not in industry.text

"""The named queries over the plan's goals, positioning statements and policy measures
answer what a reader of the plan checks by hand (their defaults are golden-tested too)."""
from __future__ import annotations

from collections import Counter

from hzkg.graph import paths
from test_queries_answers import rows

ID = paths.ID


def test_measures_by_instrument_lists_every_classification_once_with_its_sentences(plan_store):
    measures = rows(plan_store, "measures-by-instrument")
    # 132 + 五（二）1's small-town functions (issue 22)
    assert len({(row["measure"], row["instrument"]) for row in measures}) == len(measures) == 133
    sides = Counter(row["side_en"] for row in measures)
    assert sides == {"environment-side instrument": 76, "supply-side instrument": 44, "demand-side instrument": 13}
    # 六（四）: "投资总量较小新项目，一律不得新批土地" is a prohibition, a regulation
    no_land = next(row for row in measures if row["measure"] == ID + "measure/6-4-small-projects-no-land")
    assert (no_land["instrument_zh"], no_land["force_zh"], no_land["wording"], no_land["sections"]) == (
        "法规管制与标准", "禁止（不得、禁止、不予）", "一律不得", "六（四）")
    assert no_land["quotes"].startswith("投资总量较小新项目，一律不得新批土地")
    # 七（三）: the city's special funds; 6-5: three departments share one sanction
    funds = next(row for row in measures if row["measure"] == ID + "measure/7-3-special-funds")
    assert (funds["instrument_zh"], funds["actors"]) == ("财政资金投入", "市政府")
    sanctions = next(row for row in measures if row["measure"] == ID + "measure/6-5-capacity-sanctions")
    assert set(sanctions["actors"].split("、")) == {"投资管理部门", "国土资源管理部门", "有关部门"}


def test_goals_carry_the_plans_figures(plan_store):
    goals = {row["goal"].rsplit("/", 1)[1]: row for row in rows(plan_store, "goals")}
    # 25 + two of issue 22: 四（二）2 跻身全国一流高新区行列, 四（二）6 the 百亿产业规模 of five industries
    assert len(goals) == 27
    assert Counter(row["kind"] for row in goals.values()) == {"quantitative": 20, "qualitative": 7}
    # 二（三）2: 地区生产总值超过3000亿元，年均增速超过20%，占全市地区生产总值比重达到30%
    assert set(goals["gdp-2015"]["figures"].split("; ")) == {
        "地区生产总值 超过3000亿元 (2015)", "地区生产总值年均增速 超过20% (2011–2015)", "占全市地区生产总值比重 30% (2015)"}
    # 五（二）3: 新开发面积3平方公里，计划总投资47.3亿元；地区生产总值预计达到28亿元
    assert set(goals["jiande-edz-targets"]["figures"].split("; ")) == {
        "地区生产总值 预计28亿元 (2015)", "新开发面积 3平方公里 (2011–2015)", "计划总投资 47.3亿元 (2011–2015)"}
    # a qualifier where the plan puts it: 五（二）4 开发区地区生产总值达到28亿元左右, and 二（三）2 新增…3家以上省级开发区（园区）
    assert "地区生产总值 28亿元左右 (2015)" in goals["chunan-edz-targets"]["figures"].split("; ")
    assert any("新增省级开发区（园区）数 3家以上" in row["figures"] for row in goals.values())
    assert goals["first-tier-zones"]["concerns"].split("、") != ["全市开发区（园区）"]


def test_zone_positioning_names_the_blocks_the_plan_positions(plan_store):
    xiaoshan = rows(plan_store, "zone-positioning", zone=ID + "zone/xiaoshan-etdz")
    assert {row["statement_zh"]: set(filter(None, row["blocks"].split("、"))) for row in xiaoshan} == {
        "建设成为都市型、生态型、综合型现代化产业新城": set(),
        "市北、桥南区块成为江东副城商务中心和科技新城": {"市北区块", "桥南区块"},
        "江东区块成为宜业宜居新城": {"江东区块"},
    }
    assert all(row["section"] == "四（二）3" for row in xiaoshan)
    airport = rows(plan_store, "zone-positioning", zone=ID + "zone/hangzhou-airport-edz")
    assert [(row["statement_zh"], row["quote"]) for row in airport] == [("建设成为国际化服务型生态新城", "建设成为国际化服务型生态新城")]

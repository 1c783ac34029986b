"""Every inconsistency of the plan is reported, by `hzkg check` and by the `conflicts` query,
each with both sides' sentences (section and quote on each side)."""
from __future__ import annotations

import pytest

from hzkg.graph import paths
from hzkg.graph.consistency import find_conflicts
from plan_data import asserted_graph

# discrepancy (graph/facts/discrepancies.ttl) -> kind, the sections of its two sides, a word of each side's quote
RECORDED = {
    "jiangdong-sub-city": ("naming", {"一（一）3", "四（二）3"}, ("下沙、江南和临平", "江东副城")),
    "hangzhou-etdz-jiangnan-block": ("naming", {"四（二）1", "四（二）4"}, ("江东区块", "杭州经济技术开发区江南区块")),
    "fuyang-hitech-park-status": ("naming", {"附表", "三（三）", "五（一）"}, ("（富阳高新技术产业园区）", "积极争取新设富阳")),
    "linan-zone-name": ("naming", {"三（一）", "附表"}, ("临安经济技术开发区", "浙江临安经济开发区")),
    "linjiang-zone-name": ("naming", {"一（一）1", "附表"}, ("杭州萧山临江工业园、", "杭州萧山临江工业园区")),
    "jiande-zone-name": ("naming", {"四（二）1", "五（二）3"}, ("与建德经济开发区", "浙江建德经济开发区")),
    "hitech-jiangnan-block-name": ("naming", {"一（一）3", "四（二）2"}, ("开发区江南区块", "江南主体区块")),
    "bonded-logistics-centre-name": ("naming", {"三（一）", "六（一）"}, ("杭州保税物流中心", "杭州空港保税物流中心")),
    "airport-name": ("naming", {"三（一）", "七（四）"}, ("杭州萧山国际机场", "加快推进萧山国际机场")),
    "yuhang-advanced-equipment-name": ("naming", {"四（二）6", "附表"}, ("先进装备制造产业", "先进装备制造业")),
    "zones-of-2010-vs-table-rows": ("count", {"一（一）1", "附表"}, ("14家", "杭州空港经济开发区 /")),
    "scope-vs-proposed-zones": ("scope", {"前言", "三（一）", "三（三）"}, ("通过国家审核", "积极争取新设")),
    "developed-area-sources": ("comparability", {"附表"}, ("国家统计局浙江调查总队", "市经济委员会")),
    "yuhang-investment-indicator": ("comparability", {"四（二）1", "四（二）6"}, ("计划总投资", "累计工业总投资")),
    "land-output-scope": ("comparability", {"一（一）4", "二（三）2"}, ("9个省级开发区", "50亿元/平方公里")),
}


@pytest.fixture(scope="module")
def conflicts():
    return find_conflicts(asserted_graph())


def _recorded(conflicts, slug):
    [conflict] = [c for c in conflicts if paths.ID + "discrepancy/" + slug in c["subjects"]]
    return conflict


@pytest.mark.parametrize("slug", sorted(RECORDED))
def test_each_recorded_inconsistency_is_reported_with_both_sides(conflicts, slug):
    kind, sections, (first, second) = RECORDED[slug]
    conflict = _recorded(conflicts, slug)
    assert conflict["kind"] == kind
    assert {source["section"] for source in conflict["sources"]} == sections
    quotes = [source["quote"] for source in conflict["sources"]]
    assert len(quotes) >= 2
    assert any(first in quote for quote in quotes) and any(second in quote for quote in quotes)
    assert not any(first in quote and second in quote for quote in quotes) or len(quotes) > 2


def test_every_discrepancy_of_the_data_is_tested_here(conflicts):
    curated = {c["subjects"][0].rsplit("/", 1)[-1] for c in conflicts if c["subjects"][0].startswith(paths.ID + "discrepancy/")}
    assert curated == set(RECORDED)


def test_the_numeric_conflicts_keep_both_values_and_their_sections(conflicts):
    value = next(c for c in conflicts if c["kind"] == "value")
    assert {s["section"] for s in value["sources"]} == {"四（二）7", "附表"}
    total = next(c for c in conflicts if c["kind"] == "total")
    assert {s["section"] for s in total["sources"]} == {"四（二）7", "附表"} and "3241" in total["message"]
    assert len(conflicts) == len(RECORDED) + 2


def test_the_conflicts_query_lists_every_inconsistency_with_its_sections(plan_store):
    with open(paths.QUERIES_DIR / "conflicts.rq", encoding="utf-8") as file:
        result = plan_store.run(file.read(), 1_000)
    sections = result.variables.index("sections")
    by_subject = {str(row[1]).rsplit("/", 1)[-1]: (str(row[0]), set(str(row[sections]).split(" "))) for row in result.rows}
    for slug, (kind, sections, _) in RECORDED.items():
        assert by_subject[slug] == (kind, sections)
    assert any(kind == "value" for kind, _ in by_subject.values())

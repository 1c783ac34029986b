"""What named queries answer for parameters other than their defaults (the golden answers
cover the defaults): points a reader of the plan would check by hand."""
from __future__ import annotations

import pytest

from hzkg.graph import paths
from named_queries import CATALOGUE as _CATALOGUE

ID = paths.ID


def rows(store, name: str, **params) -> list[dict[str, str]]:
    text = _CATALOGUE[name].bound(params).text
    result = store.run(text, 100_000)
    return [{variable: ("" if term is None else str(term)) for variable, term in zip(result.variables, row)}
            for row in result.rows]


def test_places_in_an_area_include_blocks_of_its_zones_and_places_of_no_narrower_kind(plan_store):
    fuyang = {(row["place_zh"], row["class_en"]) for row in rows(plan_store, "places-in-area", area=ID + "area/fuyang")}
    assert fuyang == {("浙江富阳经济开发区", "Development zone"), ("银湖创新创业新城", "Block"),
                      ("新登新城", "Block"), ("场口新城", "Block")}
    hangzhou = rows(plan_store, "places-in-area", area=ID + "area/hangzhou")
    assert {"place_zh": "杭州萧山国际机场", "class_en": "Place"}.items() <= next(
        row for row in hangzhou if row["place_zh"] == "杭州萧山国际机场").items()
    assert len({row["place"] for row in hangzhou}) == len(hangzhou)  # one kind per place


def test_the_etdz_belongs_to_xiasha_through_its_jiangbei_block(plan_store):
    assert rows(plan_store, "zones-of-sub-city", subcity=ID + "sub-city/xiasha") == [
        {"zone": ID + "zone/hangzhou-etdz", "zone_zh": "杭州经济技术开发区", "block_zh": "江北区块"}]


@pytest.mark.parametrize("zone", ["hangzhou-etdz", "hangzhou-hitech-zone", "linan-edz", "xiaoshan-etdz"])
def test_a_zone_profile_states_each_fact_once(plan_store, zone):
    profile = rows(plan_store, "zone-profile", zone=ID + f"zone/{zone}")
    assert profile and len({tuple(row.values()) for row in profile}) == len(profile)


def test_a_zone_takes_part_in_a_cluster_through_the_block_the_plan_names(plan_store):
    chengxi = {row["member_zh"]: row for row in rows(plan_store, "zones-of-cluster", cluster=ID + "cluster/chengxi")}
    assert chengxi["浙江富阳经济开发区"]["block_zh"] == "银湖创新创业新城"
    assert chengxi["浙江富阳经济开发区"]["role_en"] == "docking"
    assert chengxi["杭州高新技术产业开发区"]["block_zh"] == ""


def test_a_zone_profile_keeps_only_the_facts_of_a_basis(plan_store):
    linan = rows(plan_store, "zone-profile", zone=ID + "zone/linan-edz", only_basis="implied")
    # its provincial level and class (from 14 = 5 + 9) and its part in the Chengxi cluster (through the Qingshanhu
    # science city)
    assert [(row["aspect"], row["value_zh"], row["section"]) for row in linan] == [
        ("class", "省级开发区", ""), ("cluster", "城西科创产业集聚区", "三（一）"), ("level", "省级", "一（一）1")]
    stated = rows(plan_store, "zone-profile", zone=ID + "zone/linan-edz", only_basis="Stated")
    assert stated and {row["basis"] for row in stated} == {paths.DEF + "Stated"}
    interpreted = rows(plan_store, "zone-profile", zone=ID + "zone/linan-edz", only_basis="interpreted")
    everything = rows(plan_store, "zone-profile", zone=ID + "zone/linan-edz")
    # every row kind has a basis (issue 22): the three filters together give every row
    assert len(everything) == len(stated) + len(linan) + len(interpreted)
    assert all(row["basis"] for row in everything)

"""Aspiration is not membership (issue 22): the plan's 争取成为 (strives to become), 建设成为 (to be
built into), 依托 (relies on), 对接 (docks with), 争取新设 (proposes to create) and 联动/政策辐射
(linkage, policy radiation) never entail hz:inNationalBase or hz:inCluster; each has its own relation."""
from __future__ import annotations

import pytest

from hzkg.graph import paths

HZ = paths.DEF
ID = paths.ID

PREFIXES = f"PREFIX hz: <{HZ}>\nBASE <{ID}>\n"


def ask(store, where: str) -> bool:
    return store.run(PREFIXES + f"ASK {{ {where} }}", 10).value


def select(store, query: str) -> list:
    return store.run(PREFIXES + query, 10_000).rows

# (place, relation, target): what the plan says, and the membership it must not become.
NOT_MEMBERSHIP = [
    ("zone/tonglu-edz", "aspiresToBase", "base/new-energy-base", "inNationalBase"),  # 五（二）2 争取成为…的拓展区
    ("zone/tonglu-edz", "aspiresToBase", "base/biotech-high-tech-base", "inNationalBase"),
    ("zone/linan-agri-park", "aspiresToBase", "base/agricultural-processing-base", "inNationalBase"),  # 五（二）5 建设成为
    ("zone/qianjiang-edz", "reliesOnBase", "base/semiconductor-lighting-base", "inNationalBase"),  # 四（二）5 依托
    ("zone/hangzhou-airport-edz", "proposedInCluster", "cluster/dajiangdong", "inCluster"),  # 三（一） 积极争取新设
    ("zone/fuyang-edz", "docksWith", "cluster/chengxi", "inCluster"),  # 五（二）1 积极对接
    ("zone/hangzhou-hitech-zone", "linkedToCluster", "cluster/chengxi", "inCluster"),  # 三（一） 产业联动开发
    ("zone/hangzhou-etdz", "linkedToCluster", "cluster/dajiangdong", "inCluster"),  # 三（一） 政策辐射
]


@pytest.mark.parametrize("place, relation, target, membership", NOT_MEMBERSHIP,
                         ids=[f"{p.split('/')[1]}-{r}" for p, r, _, _ in NOT_MEMBERSHIP])
def test_an_aspiration_is_its_own_relation_and_not_membership(plan_store, place, relation, target, membership):
    assert ask(plan_store, f"<{place}> hz:{relation} <{target}>")
    assert not ask(plan_store, f"<{place}> hz:{membership} <{target}>")


def test_membership_is_entailed_only_from_roles_that_state_it(plan_store):
    """Every hz:inNationalBase / hz:inCluster comes from a core-area, extension-area or participant role."""
    rows = select(plan_store, """SELECT ?place ?target WHERE {
        { ?place hz:inNationalBase ?target } UNION { ?place hz:inCluster ?target }
        FILTER NOT EXISTS { ?role hz:holder ?place ; hz:memberBase|hz:memberCluster ?target ;
                                  hz:roleKind ?kind . FILTER(?kind IN (hz:CoreArea, hz:ExtensionArea, hz:Participant)) } }""")
    assert rows == []
    members = select(plan_store, "SELECT (COUNT(*) AS ?n) WHERE { ?place hz:inCluster ?cluster }")
    assert int(members[0][0]) == 2  # 余杭组团 (拓展区) and 临安经济技术开发区 (参与…建设), both in 城西


def test_the_base_that_does_not_exist_yet_is_typed_as_planned(plan_store):
    assert ask(plan_store, "<base/agricultural-processing-base> a hz:PlannedNationalBase")
    assert not ask(plan_store, "<base/agricultural-processing-base> a hz:NationalIndustryBase")
    assert not ask(plan_store, "<base/agricultural-processing-base> hz:baseMember ?member")

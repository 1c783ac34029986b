"""Role-aware industry links and the shared-industry rule, on the plan's real data.

四（二）3: 市北、桥南区块"积极调整原有的电子信息、机械制造、精细化工、新型建材等制造功能" is a
restructure away from those industries, not an industry the Xiaoshan ETDZ has; 四（二）4's
"改造提升化工等传统优势产业" is an upgrade of an industry Linjiang keeps.
"""
from __future__ import annotations

import pytest

from hzkg.graph import paths
from hzkg.service.network import projections
from hzkg.service.network.dataset import fetch_network
from test_network_plan import BackendAsStore

ID, HZ = paths.ID, paths.DEF
PREFIXES = f"PREFIX hz: <{HZ}> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "

# Hand-checked from the roles of 四（二）1 and 四（二）3 (and the appendix table):
#   汽车及零部件  both assigned (1: 培育发展汽车及零部件; 3: 江东区块 重点发展汽车整车及零部件); 汽车产业 (both
#                 汽车产业核心基地之一) is its parent, so not counted again;
#   新能源, 新材料 both 江东区块 focus; 新能源新材料 (1's 核心基地之一) is their parent, not counted again;
#   高端装备制造业 1's 江东区块 高端装备, 3's 数控机床 (narrower); 先进装备制造业 (both 核心基地之一) and
#                 装备制造业 (1's 优势主导) are its ancestors, not counted again;
#   电子商务     1's 江北区块, 3's 现代服务业;
#   软件        1's 江北区块, 3's 软件服务 (narrower).
# Not shared any more: 电子信息, which 3 only restructures away (市北、桥南区块).
ETDZ_XIAOSHAN_SHARED = {"汽车及零部件", "新能源", "新材料", "高端装备制造业", "电子商务", "软件"}


def _ask(store, sparql) -> bool:
    return store.run(PREFIXES + sparql, 10).value


def _pairs(store) -> dict:
    with open(paths.QUERIES_DIR / "zone-pairs-sharing-industries.rq", encoding="utf-8") as file:
        result = store.run(file.read(), 10_000)
    return {frozenset((str(row[0]), str(row[2]))): (int(row[4]), str(row[5])) for row in result.rows}


def test_restructured_industries_are_a_link_of_their_own_and_not_industries_the_zone_has(plan_store):
    for industry in ("electronic-information", "machinery", "fine-chemicals", "new-building-materials"):
        assert _ask(plan_store, f"ASK {{ <{ID}zone/xiaoshan-etdz> hz:restructuresIndustry <{ID}industry/{industry}> }}")
        assert not _ask(plan_store, f"ASK {{ <{ID}zone/xiaoshan-etdz> hz:hasIndustry <{ID}industry/{industry}> }}")
        assert not _ask(plan_store, f"ASK {{ <{ID}zone/xiaoshan-etdz> hz:promotesIndustry <{ID}industry/{industry}> }}")


def test_upgraded_and_promoted_industries_are_industries_the_zone_has(plan_store):
    assert _ask(plan_store, f"ASK {{ <{ID}zone/linjiang-industrial-park> hz:upgradesIndustry <{ID}industry/chemicals> ; "
                            f"hz:hasIndustry <{ID}industry/chemicals> }}")
    assert not _ask(plan_store, f"ASK {{ <{ID}zone/linjiang-industrial-park> hz:promotesIndustry <{ID}industry/chemicals> }}")
    assert _ask(plan_store, f"ASK {{ <{ID}zone/hangzhou-etdz> hz:promotesIndustry <{ID}industry/biomedicine> ; "
                            f"hz:hasIndustry <{ID}industry/biomedicine> }}")
    # every plain industry link comes from a promoting or upgrading role, never from a restructuring one
    assert not _ask(plan_store, "ASK { ?zone hz:hasIndustry ?industry FILTER NOT EXISTS { "
                                "?zone hz:promotesIndustry|hz:upgradesIndustry ?industry } }")


def test_the_restructured_roles_keep_both_blocks_the_plan_names(plan_store):
    answer = plan_store.run(PREFIXES + f"SELECT ?role (COUNT(?block) AS ?n) WHERE {{ ?role hz:holder <{ID}zone/xiaoshan-etdz> ; "
                            f"hz:block <{ID}block/xiaoshan-etdz-shibei> , ?block }} GROUP BY ?role", 100)
    counts = {str(row[0]).rsplit("/", 1)[-1]: int(row[1]) for row in answer.rows}
    assert len(counts) == 6 + 5 + 2  # four restructured, two focus and five services industries (issue 22), two base roles
    assert set(counts.values()) == {2}  # 市北 and 桥南 each time


def test_every_industry_role_kind_is_positioning_or_development_direction(plan_store):
    answer = plan_store.run(PREFIXES + "SELECT DISTINCT ?kind (COUNT(DISTINCT ?group) AS ?groups) WHERE { "
                            "?role a hz:IndustryRole ; hz:roleKind ?kind . OPTIONAL { ?group skos:member ?kind } } "
                            "GROUP BY ?kind", 100)
    assert answer.rows and all(int(row[1]) == 1 for row in answer.rows)


def test_the_etdz_and_xiaoshan_share_each_industry_once_at_its_most_specific_level(plan_store):
    pair = frozenset((ID + "zone/hangzhou-etdz", ID + "zone/xiaoshan-etdz"))
    count, names = _pairs(plan_store)[pair]
    assert set(names.split("、")) == ETDZ_XIAOSHAN_SHARED and count == len(ETDZ_XIAOSHAN_SHARED)


def test_no_pair_counts_an_industry_and_its_parent(plan_store):
    broader = plan_store.run(PREFIXES + "SELECT ?n ?b WHERE { ?x skos:broaderTransitive ?y . "
                             "?x skos:prefLabel ?n . ?y skos:prefLabel ?b FILTER(lang(?n) = 'zh' && lang(?b) = 'zh') }", 10_000)
    parents = {(str(row[0]), str(row[1])) for row in broader.rows}
    for count, names in _pairs(plan_store).values():
        shared = set(names.split("、"))
        assert not {(child, parent) for child, parent in parents if child in shared and parent in shared}


@pytest.fixture(scope="module")
def network(plan_store):
    return fetch_network(BackendAsStore(plan_store))


def test_the_network_projection_shares_the_same_industries(network):
    shared = projections.shared_industries(network, ID + "zone/hangzhou-etdz", ID + "zone/xiaoshan-etdz")
    labels = {network.nodes[industry]["label_zh"] for industry in shared}
    assert labels == ETDZ_XIAOSHAN_SHARED

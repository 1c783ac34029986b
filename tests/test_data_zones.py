"""The zones of the appendix table (附表) are all in the graph, with their numbers."""
from decimal import Decimal

import pytest
from rdflib import RDF, RDFS, Literal

from plan_data import HZ, ID, asserted_graph

# The appendix table as the plan prints it: zone, developed area 2010 (km², "/" = none),
# area to develop 2011–2015 (km²), expected GDP 2015 (亿元).
APPENDIX_TABLE = [
    ("hangzhou-etdz", "杭州经济技术开发区", "23.12", "10", "630"),
    ("xiaoshan-etdz", "萧山经济技术开发区", "26.43", "8", "250"),
    ("hangzhou-hitech-zone", "杭州高新技术产业开发区", "12.12", "8", "550"),
    ("zhijiang-resort", "杭州之江国家旅游度假区", "11.15", "5", "250"),
    ("linjiang-industrial-park", "杭州萧山临江工业园区", "9.99", "10", "250"),
    ("qianjiang-edz", "杭州钱江经济开发区", "5.52", "6", "100"),
    ("yuhang-edz", "杭州余杭经济开发区", "13.93", "9.9", "300"),
    ("linan-edz", "浙江临安经济开发区", "5.8", "5", "200"),
    ("hangzhou-airport-edz", "杭州空港经济开发区", "/", "3.2", "150"),
    ("fuyang-edz", "浙江富阳经济开发区", "10.31", "10", "350"),
    ("tonglu-edz", "浙江桐庐经济开发区", "6.05", "5", "105"),
    ("jiande-edz", "浙江建德经济开发区", "4.83", "3", "28"),
    ("chunan-edz", "浙江淳安经济开发区", "4.66", "3.2", "28"),
    ("linan-agri-park", "临安农产品深加工产业园区", "/", "4", "50"),
]


def values(zone: str, indicator: str) -> set[Decimal]:
    graph = asserted_graph()
    found = set()
    for observation in graph.subjects(HZ.refArea, ID["zone/" + zone]):
        if (observation, HZ.indicator, HZ[indicator]) in graph:
            found.add(graph.value(observation, HZ.value).toPython())
    return found


@pytest.mark.parametrize("slug, label, developed, new_area, gdp", APPENDIX_TABLE)
def test_table_zone_is_present_with_its_label(slug, label, developed, new_area, gdp):
    graph = asserted_graph()
    zone = ID["zone/" + slug]
    assert (zone, RDF.type, HZ.DevelopmentZone) in graph
    assert (zone, HZ["order"], None) in graph
    assert Literal(label, lang="zh") in set(graph.objects(zone, RDFS.label))


@pytest.mark.parametrize("slug, label, developed, new_area, gdp", APPENDIX_TABLE)
def test_table_zone_has_its_four_numbers(slug, label, developed, new_area, gdp):
    if developed == "/":
        assert values(slug, "DevelopedArea") == set()
    else:
        assert values(slug, "DevelopedArea") == {Decimal(developed)}
    assert values(slug, "NewDevelopmentArea") == {Decimal(new_area)}
    assert Decimal(gdp) in values(slug, "GDP")
    investment = values(slug, "PlannedInvestment") | values(slug, "IndustrialInvestment")
    assert len(investment) == 1


def test_the_table_has_fourteen_zones_and_the_graph_seventeen():
    graph = asserted_graph()
    ordered = set(graph.subjects(HZ["order"], None)) & set(graph.subjects(RDF.type, HZ.DevelopmentZone))
    zones = set(graph.subjects(RDF.type, HZ.DevelopmentZone))
    assert len(ordered) == 14
    # the proposed park of 三（三）, and the two zones the table writes in parentheses (counted among 2010's 14)
    assert zones - ordered == {ID["zone/fuyang-hitech-park"], ID["zone/hangzhou-export-processing-zone"],
                               ID["zone/hangzhou-jiangdong-industrial-park"]}


def test_linan_gdp_conflict_keeps_both_values():
    assert values("linan-edz", "GDP") == {Decimal("100"), Decimal("200")}


def test_proposed_zones():
    graph = asserted_graph()
    proposed = set(graph.subjects(RDF.type, HZ.ProposedZone))
    assert proposed == {ID["zone/hangzhou-airport-edz"], ID["zone/linan-agri-park"], ID["zone/fuyang-hitech-park"]}

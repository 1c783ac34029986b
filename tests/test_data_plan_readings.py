"""Single readings of the plan that the audit of issue 22 found wrong, each as the graph now says it."""
from __future__ import annotations

from hzkg.graph import paths

PREFIXES = f"PREFIX hz: <{paths.DEF}>\nBASE <{paths.ID}>\n"


def ask(store, where: str) -> bool:
    return store.run(PREFIXES + f"ASK {{ {where} }}", 10).value


def select(store, query: str) -> list[tuple]:
    return [tuple(str(value) for value in row) for row in store.run(PREFIXES + query, 1000).rows]


def test_yuhang_grows_five_industries_to_a_hundred_billion_scale_all_as_focus(plan_store):
    """四（二）6: 积极发展健康产业、装备制造业、绿色产业、通信电子 … 实现…和纺织服装业的百亿产业规模."""
    kinds = select(plan_store, """SELECT ?industry ?kind WHERE { ?role hz:holder <zone/yuhang-edz> ;
        hz:promotedIndustry ?industry ; hz:roleKind ?kind .
        FILTER(?industry IN (<industry/health>, <industry/equipment-manufacturing>, <industry/green-industry>,
                             <industry/communications-electronics>, <industry/textiles-apparel>)) }""")
    assert len(kinds) == 5 and {kind for _, kind in kinds} == {paths.DEF + "Focus"}
    assert ask(plan_store, "?goal a hz:Goal ; hz:concerns <zone/yuhang-edz> , <industry/textiles-apparel> ; "
                           "hz:citation/hz:quote ?quote FILTER(CONTAINS(?quote, \"百亿产业规模\"))")


def test_linjiang_upgrades_chemicals_and_eliminates_only_backward_capacity(plan_store):
    """四（二）4: 改造提升化工等传统优势产业，坚决淘汰落后产能."""
    assert not ask(plan_store, "?m hz:forceWording \"坚决淘汰\"@zh ; hz:measureObject <industry/chemicals>")
    assert ask(plan_store, "?m hz:forceWording \"坚决淘汰\"@zh ; hz:actor <zone/linjiang-industrial-park> ; "
                           "hz:measureObject <target/backward-capacity>")
    assert ask(plan_store, "?m hz:forceWording \"改造提升\"@zh ; hz:actor <zone/linjiang-industrial-park> ; "
                           "hz:measureObject <industry/chemicals>")


def test_xiaoshan_services_belong_to_the_shibei_and_qiaonan_blocks(plan_store):
    """四（二）3: 市北、桥南区块 … 加快培育发展研发设计、软件服务、科技金融、电子商务、总部基地等现代服务业."""
    rows = select(plan_store, """SELECT ?industry (COUNT(DISTINCT ?block) AS ?blocks) WHERE {
        ?role hz:holder <zone/xiaoshan-etdz> ; hz:roleKind hz:Services ; hz:promotedIndustry ?industry .
        OPTIONAL { ?role hz:block ?block FILTER(?block IN (<block/xiaoshan-etdz-shibei>, <block/xiaoshan-etdz-qiaonan>)) }
    } GROUP BY ?industry""")
    assert len(rows) == 5 and {blocks for _, blocks in rows} == {"2"}


def test_xiaoshan_new_materials_leave_out_chemicals_and_smelting(plan_store):
    """四（二）3: 江东区块 … 新材料（化工、冶炼除外）."""
    excluded = select(plan_store, """SELECT ?industry WHERE { <industry-role/xiaoshan-etdz/new-materials-focus-jiangdong>
        hz:excludedIndustry ?industry }""")
    assert sorted(industry for (industry,) in excluded) == [paths.ID + "industry/chemicals", paths.ID + "industry/smelting"]
    assert not ask(plan_store, "<zone/xiaoshan-etdz> hz:hasIndustry <industry/smelting>")


def test_the_hi_tech_zone_aims_to_join_the_first_class_high_tech_zones(plan_store):
    """四（二）2: 到2015年 … 跻身全国一流高新区行列, a goal of its own, not only inside a quote."""
    assert ask(plan_store, "?goal a hz:Goal ; hz:concerns <zone/hangzhou-hitech-zone> ; rdfs:label ?label "
                           "FILTER(CONTAINS(?label, \"跻身全国一流高新区行列\"))".replace(
                               "rdfs:label", "<http://www.w3.org/2000/01/rdf-schema#label>"))


LABELS_THAT_KEEP_THEIR_CONTENT = [
    # (statement, words its Chinese label must hold): labels that dropped content in the audit of issue 22
    ("goal/brand-parks", ["专业园"]),  # 二（三）2
    ("positioning/all-zones-urban-rural-pioneer", ["社会公共服务功能"]),  # 二（三）1
    ("positioning/all-zones-urban-function-extension", ["现代服务业", "城市新区"]),
    ("positioning/all-zones-core-of-upgrading", ["高新技术产业", "海洋经济", "传统优势产业"]),
    ("principle/zone-and-city", ["建区", "建城"]),  # 二（二）
    ("principle/reform-and-opening", ["高新技术产业", "现代生产性服务业", "兄弟城市"]),
    ("principle/optimise-layout", ["产业集聚区", "新城"]),
    ("positioning/hangzhou-hitech-zone-jiangbei-innovation-park", ["招商引资", "咨询服务"]),  # 四（二）2
    ("positioning/chengxi-cluster", ["现代生产性服务业集聚区", "国家级自主创新示范区"]),  # 三（一）
]


def test_labels_keep_what_their_sentences_say(plan_store):
    for statement, words in LABELS_THAT_KEEP_THEIR_CONTENT:
        [(label,)] = select(plan_store, f"SELECT ?label WHERE {{ <{statement}> <http://www.w3.org/2000/01/rdf-schema#label> ?label "
                                        "FILTER(lang(?label) = \"zh\") }")
        assert all(word in label for word in words), (statement, label)


def test_the_core_of_upgrading_links_the_industries_it_names(plan_store):
    industries = {industry.rsplit("/", 1)[-1] for (industry,) in select(
        plan_store, "SELECT ?i WHERE { <positioning/all-zones-core-of-upgrading> hz:concerns ?i . ?i a hz:Industry }")}
    assert industries == {"high-tech-industry", "strategic-emerging-industry", "producer-services", "marine-economy",
                          "traditional-industry"}


SENTENCES_ONCE_CARRIED_ONLY_BY_A_NAME = [
    "高新技术产业和服务业得到较快发展",  # 一（一）2
    "统分结合、事权集中、领导统一的管理协调机制",  # 一（一）5, counted before through the name 桐庐
    "先进制造业和知识型服务业正在加速",  # 一（三）1
    "加快培育小城市商务商贸、科技研发、休闲旅游、民生服务等功能",  # 五（二）1
]


def test_sentences_once_carried_only_by_a_name_are_statements_now(plan_store):
    for fragment in SENTENCES_ONCE_CARRIED_ONLY_BY_A_NAME:
        assert ask(plan_store, "?statement a hz:PolicyStatement ; hz:concerns|hz:measureObject ?thing ; "
                               f"hz:citation/hz:quote ?quote FILTER(CONTAINS(?quote, \"{fragment}\"))"), fragment


def test_statements_link_the_places_and_bases_their_quotes_name(plan_artifact):
    """≥ 95 % of the places and bases named in the statements' quotes are linked from the statement;
    the build's report lists the rest, each with its reason (graph/statement_links.py)."""
    import json

    links = json.loads((plan_artifact.parent / paths.REPORT_NAME).read_text(encoding="utf-8"))["statement_links"]
    assert links["names"] >= 80 and links["share"] >= 0.95
    assert all(item["reason"] for item in links["unlinked"]), [i for i in links["unlinked"] if not i["reason"]]


def test_a_statement_that_names_a_park_without_linking_it_is_a_gap():
    from rdflib import Graph, URIRef

    from hzkg.graph.statement_links import statement_links

    graph = Graph().parse(format="turtle", data=f"""
        @prefix hz: <{paths.DEF}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <{paths.ID}park/p> a hz:LocalPark ; rdfs:label "崇贤工业园"@zh .
        <{paths.ID}goal/g> a hz:Goal ; hz:citation <{paths.ID}citation/c> .
        <{paths.ID}citation/c> hz:quote "带动崇贤工业园发展" .
        hz:LocalPark rdfs:subClassOf hz:Place .""")
    links = statement_links(graph)
    assert (links["names"], links["linked"]) == (1, 0)
    assert links["unlinked"] == [{"statement": "goal/g", "name": "崇贤工业园", "resources": ["park/p"], "reason": ""}]
    graph.add((URIRef(paths.ID + "goal/g"), URIRef(paths.DEF + "concerns"), URIRef(paths.ID + "park/p")))
    assert statement_links(graph)["linked"] == 1

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
    """二（三）1: 推进科技创新及研发产业化，重点培育高新技术产业、战略性新兴产业、现代生产性服务业和海洋经济，
    改造提升传统优势产业."""
    industries = {industry.rsplit("/", 1)[-1] for (industry,) in select(
        plan_store, "SELECT ?i WHERE { <positioning/all-zones-core-of-upgrading> hz:concerns ?i . ?i a hz:Industry }")}
    assert industries == {"high-tech-industry", "strategic-emerging-industry", "producer-services", "marine-economy",
                          "traditional-industry", "rd-industrialisation"}


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


def test_statements_link_the_names_of_every_kind_their_quotes_hold(plan_artifact):
    """≥ 95 % of the zones, blocks, industries, bases, clusters, sub-cities and places named in the
    statements' quotes are linked from the statement; the build's report lists the rest, each with
    its reason (graph/statement_links.py, graph/facts/statement-links.toml), and no rule is stale."""
    import json

    links = json.loads((plan_artifact.parent / paths.REPORT_NAME).read_text(encoding="utf-8"))["statement_links"]
    assert links["names"] >= 230 and links["share"] >= 0.95
    assert set(links["by_kind"]) == {"industry", "base", "zone", "block", "cluster", "sub-city", "place"}
    assert links["by_kind"]["industry"]["names"] >= 150 and links["by_kind"]["industry"]["share"] >= 0.95
    assert all(item["reason"] for item in links["unlinked"]), [i for i in links["unlinked"] if not i["reason"]]
    assert links["stale"] == []


def _links_of(data: str, rules=None):
    from rdflib import Graph

    from hzkg.graph.statement_links import statement_links

    graph = Graph().parse(format="turtle", data=f"""
        @prefix hz: <{paths.DEF}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        hz:LocalPark rdfs:subClassOf hz:Place . hz:DevelopmentZone rdfs:subClassOf hz:Place .
        <{paths.ID}goal/g> a hz:Goal ; hz:citation <{paths.ID}citation/c> .
        {data}""")
    return graph, statement_links(graph, rules)


def test_a_statement_that_names_a_park_without_linking_it_is_a_gap():
    from rdflib import URIRef

    from hzkg.graph.statement_links import statement_links

    graph, links = _links_of(f"""<{paths.ID}park/p> a hz:LocalPark ; rdfs:label "崇贤工业园"@zh .
        <{paths.ID}citation/c> hz:quote "带动崇贤工业园发展" .""")
    assert (links["names"], links["linked"]) == (1, 0)
    assert links["unlinked"] == [{"statement": "goal/g", "name": "崇贤工业园", "kind": "place", "resources": ["park/p"],
                                  "reason": ""}]
    graph.add((URIRef(paths.ID + "goal/g"), URIRef(paths.DEF + "concerns"), URIRef(paths.ID + "park/p")))
    assert statement_links(graph)["linked"] == 1


def test_an_industry_inside_a_longer_word_is_not_a_name():
    """研发 inside the compound 研发投入 (firms' R&D spending) names no industry; 研发 on its own does,
    and the longest name wins (研发设计 is the R&D industry's own longer name, 电子商务产业 not 电子商务)."""
    from hzkg.graph.statement_links import LinkRules

    industries = f"""<{paths.ID}industry/rd> a hz:Industry ; rdfs:label "研发"@zh ; <http://www.w3.org/2004/02/skos/core#altLabel> "研发设计"@zh .
        <{paths.ID}industry/e-commerce> a hz:Industry ; rdfs:label "电子商务"@zh , "电子商务产业"@zh ."""
    _, links = _links_of(industries + f"""<{paths.ID}citation/c> hz:quote "企业研发投入不断提高" .""",
                         LinkRules({}, {}, frozenset({"研发投入"})))
    assert links["names"] == 0
    _, links = _links_of(industries + f"""<{paths.ID}citation/c> hz:quote "发展研发设计、电子商务产业" .""")
    assert [(item["name"], item["kind"]) for item in links["unlinked"]] == [("电子商务产业", "industry"), ("研发设计", "industry")]


def test_a_phrase_names_each_thing_of_its_list():
    """市北、桥南区块 names two blocks, though only 桥南区块 is a label; a reason excuses one of them."""
    from hzkg.graph.statement_links import LinkRules

    blocks = f"""hz:Block rdfs:subClassOf hz:Place .
        <{paths.ID}block/shibei> a hz:Block ; rdfs:label "市北区块"@zh .
        <{paths.ID}block/qiaonan> a hz:Block ; rdfs:label "桥南区块"@zh .
        <{paths.ID}citation/c> hz:quote "承接市北、桥南区块制造功能升级" ."""
    rules = LinkRules({"市北、桥南区块": ("block/shibei", "block/qiaonan")},
                      {("goal/g", "市北、桥南区块 → block/shibei"): "a reason"})
    _, links = _links_of(blocks + f"<{paths.ID}goal/g> hz:concerns <{paths.ID}block/qiaonan> .", rules)
    assert (links["names"], links["linked"], links["by_kind"]["block"]["names"]) == (2, 1, 2)
    assert [item["reason"] for item in links["unlinked"]] == ["a reason"] and links["stale"] == []

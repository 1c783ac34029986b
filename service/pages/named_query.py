"""A named query's page for people: a form with pick-lists, the description, the parameters in
the title, columns with names, IRIs shown by their labels, figures with unit and qualifier, and
links to the same answer as CSV, JSON and SPARQL (in the editor)."""
from __future__ import annotations

from urllib.parse import urlencode

from rdflib import Literal, URIRef

from hzkg.graph.paths import DEF
from hzkg.service.model.names import PARAMETER_KINDS

__all__ = ["query_page_context", "readable_table", "COLUMN_LABELS"]

COLUMN_LABELS = {
    "zone": "开发区", "zone_a": "开发区甲", "zone_b": "开发区乙", "industry": "产业", "role": "角色",
    "section": "章节", "sections": "章节", "value": "数值", "gdp": "2015年地区生产总值（亿元）", "gdp_2015": "2015年地区生产总值（亿元）",
    "group": "组别", "zones": "开发区数", "kind": "类型", "subject": "对象", "what": "事项",
    "first_value": "数值甲", "first_sections": "数值甲的章节", "second_value": "数值乙", "second_sections": "数值乙的章节",
    "area": "地区", "indicator": "指标", "from_year": "起始年", "from_value": "起始值", "to_period": "目标期",
    "to_value": "目标值", "unit": "单位", "ratio": "倍数", "change": "变化", "zone_names": "开发区",
    "broader": "上位产业", "related": "相关产业", "text": "检索词", "resource": "资源", "label": "名称",
    "type": "类别", "partnership": "合作", "holder": "主体", "partner": "合作方", "about": "涉及",
    "place": "地点", "class": "类别", "when": "年份/时期", "qualifier": "限定", "citation": "引文",
    "section_number": "章节", "section_title": "章节标题", "quote": "原文", "aspect": "方面", "detail": "说明",
    "member": "成员", "block": "区块", "shared": "共同产业数", "shared_industries": "共同产业", "through_taxonomy": "只经由分类共享", "instances": "实例数",
    "level": "级别", "proposed": "拟设", "table_row": "附表行",
}
_QUALIFIER_WORDS = {"approximately": ("", "左右"), "at least": ("", "以上"), "more than": ("超过", ""),
                    "expected": ("预计", ""), "exact": ("", "")}
_NUMBER_COLUMNS = ("value", "gdp", "to_value", "from_value")


def _column_label(name: str) -> str:
    base = name
    for suffix in ("_zh", "_en"):
        base = base.removesuffix(suffix)
    label = COLUMN_LABELS.get(base)
    if label is None:
        return name.replace("_", " ")
    return label + (" (English)" if name.endswith("_en") and base not in ("kind", "level", "group", "class", "qualifier", "role") else "")


def query_page_context(state, named, bound_text: str, bindings: dict, result, index, url_path: str) -> dict:
    """What named_query.html needs to show `result`, the answer of `named` to `given`."""
    id_base = state.settings["base_iri"] + "id/"
    parameters = []
    chosen_labels = []
    for parameter in named.parameters:
        term = bindings.get(parameter.name)
        value = str(term) if term is not None else ""
        options = []
        kind = PARAMETER_KINDS.get(parameter.name)
        if parameter.type == "iri" and kind:
            for iri, types in index.types.items():
                if DEF + kind in types and index.label_of(iri):
                    options.append({"value": iri[len(id_base):] if iri.startswith(id_base) else iri,
                                    "iri": iri, "label": index.label_of(iri)})
            options.sort(key=lambda option: option["label"])
        shown = value[len(id_base):] if value.startswith(id_base) else value
        if parameter.type == "iri" and term is not None:
            chosen_labels.append(index.label_of(value) or shown)
        parameters.append({"name": parameter.name, "type": parameter.type, "description": parameter.description,
                           "value": shown, "iri": value, "options": options, "label": _column_label(parameter.name)})
    title = " · ".join([*chosen_labels, named.title_zh])
    query_string = {parameter["name"]: parameter["value"] for parameter in parameters}
    links = {key: f"{url_path}?{urlencode({**query_string, 'format': key})}" for key in ("csv", "json")}
    links["sparql"] = "/sparql#" + urlencode({"query": bound_text})
    columns, rows = readable_table(result, index.label_of, state.local_path)
    return {"named": named, "title": title, "parameters": parameters, "columns": columns, "rows": rows,
            "links": links, "bound_query": bound_text, "result": result}


def readable_table(result, label_of, local_path) -> tuple[list[dict], list[list[dict]]]:
    """Columns merged for reading: `x` (an IRI) with `x_zh` becomes one linked, labelled column;
    a number with `unit_zh` and `qualifier_en` becomes the figure as the plan words it. Rows keep
    the query's order. `label_of(iri)` names other IRIs; `local_path(iri)` is their page or None.
    Used by the query pages and by `hzkg query`."""
    variables = list(getattr(result, "variables", []))
    hidden = set()
    for name in variables:
        for suffix in ("_zh", "_en"):
            if name + suffix in variables:
                hidden.add(name + suffix)
    figure = next((name for name in _NUMBER_COLUMNS if name in variables), None)
    if figure and ("qualifier_en" in variables or "unit_zh" in variables):
        hidden |= {"qualifier_en", "unit_zh"} & set(variables)
    shown = [name for name in variables if name not in hidden]
    columns = [{"name": name, "label": _column_label(name)} for name in shown]
    rows = []
    for raw in getattr(result, "rows", []):
        row = dict(zip(variables, raw))
        cells = []
        for name in shown:
            term = row.get(name)
            cell = {"text": "" if term is None else str(term), "page": None, "muted": None}
            if isinstance(term, URIRef):
                cell["page"] = local_path(str(term))
                cell["text"] = (str(row[name + "_zh"]) if row.get(name + "_zh") is not None
                                else label_of(str(term)) or cell["page"] or str(term))
                if row.get(name + "_en") is not None and row.get(name + "_zh") is not None:
                    cell["muted"] = str(row[name + "_en"])
            elif name == figure and isinstance(term, Literal):
                before, after = _QUALIFIER_WORDS.get(str(row.get("qualifier_en") or "exact"), ("", ""))
                unit = str(row.get("unit_zh") or "")
                cell["text"] = f"{before}{term}{unit}{after}"
            elif name + "_zh" in row and row.get(name + "_zh") is not None:
                cell["text"] = str(row[name + "_zh"])
            cells.append(cell)
        rows.append(cells)
    return columns, rows

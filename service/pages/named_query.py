"""A named query's page for people: a form with pick-lists, the description, the parameters in
the title, columns with names, IRIs shown by their labels, figures with unit and qualifier, and
links to the same answer as CSV, JSON and SPARQL (in the editor)."""
from __future__ import annotations

from functools import partial
from typing import Callable, Collection
from urllib.parse import urlencode

from rdflib import Literal, URIRef

from hzkg.graph.paths import DEF
from hzkg.graph.prefixes import sparql_prefixes
from hzkg.service.language import page_language, pick
from hzkg.service.model.names import PARAMETER_KINDS
from hzkg.service.model.plan_english import english_of_quotes
from hzkg.service.responses.concatenations import NAME_SEPARATOR, name_lists as lists_of_names
from hzkg.service.model.words import figure_words, is_chinese, term_of, translate_word

__all__ = ["query_page_context", "page_table", "has_quotes", "readable_table", "table_labels", "figure_names", "goal_figures",
           "COLUMN_LABELS"]

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
    "level": "级别", "proposed": "拟设", "table_row": "附表行", "basis": "依据", "only_basis": "只看依据",
    "goal": "目标", "year": "年份", "concerns": "涉及", "figures": "数字", "quotes": "原文", "side": "工具类型",
    "instrument": "政策工具", "measure": "措施", "force": "力度", "wording": "规划用语", "reason": "归类理由",
    "actors": "实施主体", "base": "试点和基地", "places": "所在地", "holders": "主体", "industries_a": "开发区甲的产业数",
    "industries_b": "开发区乙的产业数", "similarity": "相似度", "statement": "定位", "blocks": "区块",
    "via_industries": "经由产业", "role_kinds": "角色",
}
COLUMN_LABELS_EN = {
    "zone": "zone", "zone_a": "first zone", "zone_b": "second zone", "industry": "industry", "role": "role",
    "section": "section", "sections": "sections", "value": "value", "gdp": "2015 GDP (100 million yuan)",
    "gdp_2015": "2015 GDP (100 million yuan)", "group": "group", "zones": "number of zones", "kind": "kind", "subject": "subject",
    "what": "what", "first_value": "first value", "first_sections": "sections of the first value",
    "second_value": "second value", "second_sections": "sections of the second value", "area": "area",
    "indicator": "indicator", "from_year": "from year", "from_value": "from value", "to_period": "target period",
    "to_value": "target value", "unit": "unit", "ratio": "ratio", "change": "change", "zone_names": "zones",
    "broader": "broader industry", "related": "related industry", "text": "search text", "resource": "resource",
    "label": "name", "type": "type", "partnership": "partnership", "holder": "holder", "partner": "partner",
    "about": "about", "place": "place", "class": "class", "when": "year or period", "qualifier": "qualifier",
    "citation": "citation", "section_number": "section", "section_title": "section title", "quote": "quote",
    "aspect": "aspect", "detail": "detail", "member": "member", "block": "block", "shared": "number of shared industries",
    "shared_industries": "shared industries", "through_taxonomy": "shared only through the taxonomy", "instances": "instances", "level": "level", "proposed": "proposed",
    "table_row": "row of the appendix table", "basis": "basis", "only_basis": "only basis",
    "goal": "goal", "year": "year", "concerns": "concerns", "figures": "figures", "quotes": "the plan's sentences",
    "side": "kind of instrument", "instrument": "policy instrument", "measure": "measure", "force": "force",
    "wording": "the plan's wording", "reason": "why so classed", "actors": "actors", "base": "pilot or base",
    "places": "places", "holders": "holders", "industries_a": "industries of the first zone",
    "industries_b": "industries of the second zone", "similarity": "similarity", "statement": "positioning",
    "blocks": "blocks", "via_industries": "through industries", "role_kinds": "roles",
}
# Words the queries bind themselves (zone-profile's aspect, conflicts' kind), in Chinese.
_QUERY_WORDS_ZH = {"class": "类别", "level": "级别", "industry": "产业", "national base": "国家级试点和基地",
                   "cluster": "产业集聚区", "sub-city": "副城", "figure": "数字", "value": "数值",
                   "qualitative": "定性", "quantitative": "定量"}
_QUALIFIERS = {"approximately": "Approximately", "at least": "AtLeast", "more than": "MoreThan",
               "expected": "Expected", "exact": "Exact"}
_NUMBER_COLUMNS = ("value", "gdp", "to_value", "from_value")
# Columns in our own words, written in both languages: the ontology's code-list words (a role kind, a level …)
# and our analysis (a measure's classification reason). Read in the page's language alone: no other-language
# text beside them as a name of the plan has, for there is no original to show.
_OWN_WORDS = ("kind", "level", "group", "class", "qualifier", "role", "side", "force", "reason")
# Columns of the plan's own sentences (a quote, or several joined with QUOTE_SEPARATOR): the Chinese is the
# original and stays, with the project's unofficial English under it on a page not in Chinese.
QUOTE_COLUMNS = ("quote", "quotes")
QUOTE_SEPARATOR = " …… "


def _column_label(name: str, language: str = "zh") -> str:
    base = name
    for suffix in ("_zh", "_en"):
        base = base.removesuffix(suffix)
    label = pick(language, COLUMN_LABELS, COLUMN_LABELS_EN).get(base)
    if label is None:
        return name.replace("_", " ")
    # a name's other-language column says so; our own words (kind, level, reason …) read as the page's
    other = name.endswith(pick(language, "_en", "_zh")) and base not in _OWN_WORDS
    return label + (pick(language, "（英文）", " (Chinese)") if other else "")


def _literal_text(name: str, term: Literal, row: dict, language: str) -> str:
    """A literal cell in `language`: its `x_zh` column in Chinese, an ontology word (a role kind,
    a level …) or a word the query binds translated."""
    if language == "zh" and row.get(name + "_zh") is not None:
        return str(row[name + "_zh"])
    text = str(term)
    if language == "zh" and text in _QUERY_WORDS_ZH:
        return _QUERY_WORDS_ZH[text]
    if getattr(term, "datatype", None) is None and not text[:1].isdigit():
        return translate_word(text, language) or text
    return text


def _names_in(joined: str, name_in: Callable[[str], str | None]) -> tuple[str, str]:
    """Chinese names joined with 、, each in another language where it has one name there, sorted, joined
    with commas (semicolons when a name has a comma); and the Chinese names in the same order, for reading
    side by side.

    >>> _names_in("纺织服装、汽车", {"汽车": "automotive", "纺织服装": "textiles, apparel"}.get)
    ('automotive; textiles, apparel', '汽车、纺织服装')
    >>> _names_in("汽车、未译", {"汽车": "automotive"}.get)
    ('automotive, 未译', '汽车、未译')
    """
    pairs = _name_pairs(joined, name_in)
    return _separator(pairs).join(name for name, _ in pairs), NAME_SEPARATOR.join(part for _, part in pairs)


def _name_pairs(joined: str, name_in: Callable[[str], str | None]) -> list[tuple[str, str]]:
    """(name as shown, its Chinese name) of each name of a list joined with 、, sorted as shown."""
    return sorted((name_in(part) or part, part) for part in joined.split(NAME_SEPARATOR) if part)


def _separator(pairs: list[tuple[str, str]]) -> str:
    names = [name for name, _ in pairs]
    if all(name == part for name, part in pairs):
        return NAME_SEPARATOR
    return "; " if any("," in name for name in names) else ", "


def _linked_parts(pairs: list[tuple[str, str]], resource_named, local_path) -> list[dict]:
    """Each name of a list, with the page of the resource its Chinese name names (None: none or several)."""
    parts = []
    for name, label in pairs:
        iri = resource_named(label)
        parts.append({"text": name, "page": local_path(iri) if iri else None, "lang": _language_of(name, None)})
    return parts


def _quote_english(text: str, english_of: Callable[[str], str | None]) -> str | None:
    """The English of a quote cell: each quote's (joined by QUOTE_SEPARATOR in the queries' lists), or None
    when none of them has one.

    >>> _quote_english("甲 …… 乙", {"甲": "A.", "乙": "B."}.get)
    'A. … B.'
    >>> _quote_english("甲 …… 丙", {"甲": "A."}.get)
    'A. … [not translated]'
    >>> _quote_english("丙", {"甲": "A."}.get) is None
    True
    """
    found = [english_of(quote) for quote in text.split(QUOTE_SEPARATOR) if quote]
    if not any(found):
        return None
    return " … ".join(english or "[not translated]" for english in found)


def _language_of(text: str, term) -> str | None:
    """The language a cell's text is in, to mark it when it is not the page's."""
    tag = getattr(term, "language", None)
    if tag:
        return tag.split("-")[0]
    if is_chinese(text):
        return "zh"
    return "en" if any(character.isalpha() for character in text) and " " in text.strip() else None


def table_labels(state, index, result, language: str) -> Callable[[str], str | None]:
    """`label_of` for readable_table: an IRI's label in `language` from the search index, and a figure (an
    observation, which has no label) worded in `language` from its indicator, value, unit and qualifier:
    "Gross domestic product: about 10 billion yuan", as a Chinese page reads the query's 地区生产总值 100亿元左右."""
    figures = figure_names(state.store, state.settings["base_iri"], result, language)
    return lambda iri: figures.get(iri) or index.label_of(iri, language)


def figure_names(store, base_iri: str, result, language: str) -> dict[str, str]:
    """{observation IRI: its figure worded in `language`} for the observations in a SELECT result, in one
    query; none for Chinese, where the queries word their figures themselves."""
    iris = "" if language == "zh" else _resources_in(result, base_iri + "id/observation/")
    if not iris:
        return {}
    rows = store.query(sparql_prefixes("hz", "rdfs") + f"""SELECT ?o ?indicator ?value ?unit ?qualifier WHERE {{
      VALUES ?o {{ {iris} }}
      ?o hz:indicator/rdfs:label ?indicator ; hz:value ?value ; hz:unit ?unit . FILTER(lang(?indicator) = "{language}")
      OPTIONAL {{ ?o hz:qualifier ?qualifier }} }}""", whole=True).rows
    return {str(o): f"{indicator}: {figure_words(str(value), str(unit), str(qualifier or ''), language)}"
            for o, indicator, value, unit, qualifier in rows}


def goal_figures(store, base_iri: str, result, language: str) -> dict[str, str]:
    """{goal IRI: its figures worded in `language`, each with its year or period, joined with "; "} for the
    goals of a result with a `figures` column (goals); none for Chinese, which the query words itself."""
    if language == "zh" or "figures" not in getattr(result, "variables", []):
        return {}
    iris = _resources_in(result, base_iri + "id/goal/")
    if not iris:
        return {}
    rows = store.query(sparql_prefixes("hz", "rdfs") + f"""SELECT ?goal ?indicator ?value ?unit ?qualifier ?year ?start ?end
    WHERE {{
      VALUES ?goal {{ {iris} }}
      ?goal hz:indicatorObservation ?o .
      ?o hz:indicator/rdfs:label ?indicator ; hz:value ?value ; hz:unit ?unit . FILTER(lang(?indicator) = "{language}")
      OPTIONAL {{ ?o hz:qualifier ?qualifier }} OPTIONAL {{ ?o hz:year ?year }}
      OPTIONAL {{ ?o hz:periodStart ?start }} OPTIONAL {{ ?o hz:periodEnd ?end }} }}""", whole=True).rows
    figures: dict[str, set[str]] = {}
    for goal, indicator, value, unit, qualifier, year, start, end in rows:
        when = str(year) if year is not None else f"{start}–{end}" if start is not None else ""
        worded = f"{indicator}: {figure_words(str(value), str(unit), str(qualifier or ''), language)}"
        figures.setdefault(str(goal), set()).add(f"{worded} ({when})" if when else worded)
    return {goal: "; ".join(sorted(texts)) for goal, texts in figures.items()}


def _resources_in(result, prefix: str) -> str:
    """The IRIs under `prefix` that a SELECT result holds, as a VALUES list ("" when none)."""
    return " ".join(sorted({f"<{term}>" for row in getattr(result, "rows", []) for term in row
                            if isinstance(term, URIRef) and str(term).startswith(prefix)}))


def page_table(state, index, result, query_text: str, language: str) -> tuple[list[dict], list[list[dict]]]:
    """readable_table as a page shows it, in `language`: names from the search index, figures worded, the
    lists of names `query_text` makes ("" for none) name by name and linked. The query pages and /answer."""
    base_iri = state.settings["base_iri"]
    return readable_table(result, table_labels(state, index, result, language), state.local_path, language,
                          lists_of_names(query_text), partial(index.name_in, language=language),
                          goal_figures(state.store, base_iri, result, language).get,
                          partial(index.resource_named, namespace=base_iri + "id/"),
                          english_of_quotes().get if language != "zh" and has_quotes(result) else None)


def has_quotes(result) -> bool:
    """Whether a result has a column of the plan's sentences (only then is their English worth reading)."""
    return any(name in QUOTE_COLUMNS for name in getattr(result, "variables", []))


def query_page_context(state, named, bound_text: str, bindings: dict, result, index, url_path: str) -> dict:
    """What named_query.html needs to show `result`, the answer of `named` to `given`, in the page's language."""
    language = page_language()
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
                                    "iri": iri, "label": index.label_of(iri, language)})
            options.sort(key=lambda option: option["label"])
        shown = value[len(id_base):] if value.startswith(id_base) else value
        label = index.label_of(value, language) if parameter.type == "iri" and term is not None else None
        if label:  # a resource without a name stays in its box, out of the title
            chosen_labels.append(label)
        parameters.append({"name": parameter.name, "type": parameter.type, "description": parameter.description_in(language),
                           "value": shown, "iri": value, "options": options, "label": _column_label(parameter.name, language)})
    title = " · ".join([*chosen_labels, named.title_in(language)])
    query_string = {parameter["name"]: parameter["value"] for parameter in parameters}
    links = {key: f"{url_path}?{urlencode({**query_string, 'format': key})}" for key in ("csv", "json")}
    links["sparql"] = "/sparql#" + urlencode({"query": bound_text})
    columns, rows = page_table(state, index, result, bound_text, language)
    return {"named": named, "title": title, "parameters": parameters, "columns": columns, "rows": rows,
            "links": links, "bound_query": bound_text, "result": result}


def readable_table(result, label_of, local_path, language: str = "zh", name_lists: Collection[str] = (),
                   name_in: Callable[[str], str | None] | None = None,
                   figures_of: Callable[[str], str | None] | None = None,
                   resource_named: Callable[[str], str | None] | None = None,
                   quote_english: Callable[[str], str | None] | None = None) -> tuple[list[dict], list[list[dict]]]:
    """Columns merged for reading, in `language`: `x` (an IRI) with `x_zh` and `x_en` becomes one
    linked column labelled in `language` (the other language's label beside it); a number with
    `unit_zh` and `qualifier_en` becomes the figure as the plan words it (or in English); ontology
    words (role kinds, levels, kinds) and our reasons (`reason_zh`, `reason_en`) are given in `language`
    alone. Rows keep the query's order.
    `label_of(iri)` names an IRI in `language` (else in the other), after the query's own `x_<language>`
    column and before its other language's; `local_path(iri)` is their page or None. Each cell says the
    language of its text ("lang") and of its muted note ("muted_lang"). A column of `name_lists` (Chinese
    labels joined with 、, concatenations.name_lists) is given name by name through `name_in(label)` on a
    page not in Chinese, the Chinese beside it, and each name is a link ("parts") where `resource_named(label)`
    finds its one resource; a `figures` column (goals') through `figures_of(goal IRI)` (goal_figures). A quote
    column keeps the plan's Chinese, with `quote_english(quote)` under it ("translation"), the project's
    unofficial English. Used by the query pages and by `hzkg query`."""
    variables = list(getattr(result, "variables", []))
    hidden = set()
    mine, theirs = pick(language, ("_zh", "_en"), ("_en", "_zh"))
    for name in variables:
        for suffix in ("_zh", "_en"):
            if name + suffix in variables:
                hidden.add(name + suffix)
        if name.endswith(theirs) and name.removesuffix(theirs) + mine in variables:
            hidden.add(name)  # x_zh and x_en with no x: one column, x in the page's language, the other beside it
    figure = next((name for name in _NUMBER_COLUMNS if name in variables), None)
    if figure and ("qualifier_en" in variables or "unit_zh" in variables):
        hidden |= {"qualifier_en", "unit_zh"} & set(variables)
    shown = [name for name in variables if name not in hidden]
    # a list of Chinese names is given name by name, so its column is not "(Chinese)"
    columns = [{"name": name, "label": _column_label(name.removesuffix("_zh") if name in name_lists and name_in else name,
                                                     language)} for name in shown]
    rows = []
    for raw in getattr(result, "rows", []):
        row = dict(zip(variables, raw))
        cells = []
        for name in shown:
            term = row.get(name)
            cell = {"text": "" if term is None else str(term), "page": None, "muted": None, "muted_lang": None,
                    "iri": False}
            if isinstance(term, URIRef):
                cell["page"] = local_path(str(term))
                named = next((str(label) for label in (row.get(name + mine), label_of(str(term)), row.get(name + theirs))
                              if label is not None and str(label)), None)
                cell["text"] = named or cell["page"] or str(term)
                cell["iri"] = not named  # an IRI shown as itself (code, not words)
                other = row.get(name + theirs)
                if other is not None and str(other) and str(other) != cell["text"]:  # the original beside its translation
                    cell["muted"], cell["muted_lang"] = str(other), theirs[1:]
            elif name == figure and isinstance(term, Literal):
                qualifier = _QUALIFIERS.get(str(row.get("qualifier_en") or "exact"), "Exact")
                unit_zh = str(row.get("unit_zh") or "")
                unit = term_of(unit_zh, "zh") if unit_zh else None
                cell["text"] = (figure_words(str(term), unit, qualifier, language, unit_zh=unit_zh)
                                if unit or not unit_zh or language == "zh" else f"{term} {unit_zh}")
            elif name == "figures" and figures_of is not None and figures_of(str(row.get("goal"))):
                cell["text"] = figures_of(str(row.get("goal")))
                if str(term):
                    cell["muted"], cell["muted_lang"] = str(term), "zh"
            elif name in name_lists and name_in is not None and isinstance(term, Literal):
                pairs = _name_pairs(str(term), name_in if language != "zh" else lambda part: None)
                cell["separator"] = _separator(pairs)
                cell["text"] = cell["separator"].join(shown for shown, _ in pairs)
                original = NAME_SEPARATOR.join(part for _, part in pairs)
                if cell["text"] != original:
                    cell["muted"], cell["muted_lang"] = original, "zh"
                if resource_named is not None:
                    cell["parts"] = _linked_parts(pairs, resource_named, local_path)
            elif isinstance(term, Literal):
                cell["text"] = _literal_text(name, term, row, language)
                base = name.removesuffix(mine)
                other = row.get(base + theirs) if name.endswith(mine) and base not in _OWN_WORDS else None
                if other is not None and str(other) and str(other) != cell["text"]:
                    cell["muted"], cell["muted_lang"] = str(other), theirs[1:]
            if name in QUOTE_COLUMNS:
                cell["quote"] = True  # the plan's sentences: the widest column
                if quote_english is not None and isinstance(term, Literal):
                    cell["translation"] = _quote_english(str(term), quote_english)
            cell["lang"] = _language_of(cell["text"], term if cell["text"] == str(term) else None)
            cells.append(cell)
        rows.append(cells)
    return columns, rows

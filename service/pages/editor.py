"""The query editor that /sparql gives browsers: YASGUI (vendored in static/vendor/yasgui/),
configured by service/static/editor.js from the JSON this module puts in the page."""
from __future__ import annotations

from flask import url_for

from hzkg.graph.prefixes import PREFIXES, sparql_prefixes

from hzkg.service.language import page_language, t
from hzkg.service.responses.formats import TRUNCATION_HELP
from hzkg.service.state import ServiceState

__all__ = ["EDITOR_PREFIXES", "default_query", "editor_context"]

# Pre-filled in every new query (folded): the project's one prefix table (hz: for the ontology, zone:,
# industry: … for the things it describes), so that what the results show can be pasted back.
EDITOR_PREFIXES = PREFIXES


def default_query() -> str:
    """The query a new tab holds, its comment in the page's language."""
    return (sparql_prefixes(*EDITOR_PREFIXES) + "\n"
            + t("# 开发区及其中文、英文名称\n", "# The development zones, with their Chinese and English names\n")
            + "SELECT ?zone ?name_zh ?name_en WHERE {\n"
            "  ?zone a hz:DevelopmentZone ; rdfs:label ?name_zh , ?name_en .\n"
            '  FILTER(lang(?name_zh) = "zh" && lang(?name_en) = "en")\n'
            "}\nORDER BY ?zone\n")


def _texts() -> dict[str, str]:
    """What the page's scripts say (static/editor*.js), in the page's language."""
    return {
        "tab": t("查询", "Query"),
        "failed": t("查询出错", "The query failed"),
        "truncated": t("结果被截断", "Truncated"),
        "truncationHelp": t("如需全部结果，请调高设置 row_limit（hzkg serve --setting row_limit N），"
                            "或从 /export 下载整个数据集在本地查询。", TRUNCATION_HELP),
        "add": t("添加", "Add"),
        "chart": t("图表", "Chart"), "bar": t("柱状", "Bar"), "line": t("折线", "Line"),
        "map": t("地图", "Map"), "network": t("网络", "Network"),
        "explorer": t("在探索器中打开", "Open in the explorer"),
        "class": t("类", "class"), "property": t("属性", "property"),
        "table": t("表格", "Table"), "response": t("原始回答", "Response"),
        "seeAbove": t("查询出错：原因见编辑器上方的说明。", "The query failed: the message above the editor says why."),
    }


def editor_context(state: ServiceState) -> dict:
    """What editor.html needs: the settings for the page, and the editor's configuration."""
    english = page_language() == "en"
    examples = [
        # Parameters are bound to their defaults, so each example runs as it stands.
        {"name": query.name, "title": query.title_en if english else query.title_zh,
         "query": query.bound({}).text, "page": url_for("catalogue.run_named_query", name=query.name)}
        for query in state.catalogue.values()
    ]
    config = {
        "endpoint": url_for("sparql.sparql_endpoint", _external=True),
        "defaultQuery": default_query(),
        "prefixes": EDITOR_PREFIXES,
        "examples": examples,
        "explore": url_for("explore.explore"),
        "baseIri": state.settings["base_iri"],  # its IRIs in results link to our own pages
        "language": page_language(),
        "texts": _texts(),
    }
    return {"example": config["defaultQuery"], "catalogue": state.catalogue, "limits": state.store.limits,
            "examples": examples, "config": config}

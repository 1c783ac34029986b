"""/explore: the network in the browser (vis-network, served by us; drawn data from pyvis).

    /explore                         where to start: the shared-industry view at a threshold (FIRST_VIEW_MIN_SHARED)
    /explore?view=whole              the whole relationship network
    /explore?focus=<IRI>&depth=N     a node and its neighbourhood (N links, 1..4)
    /explore?cluster= | base= | industry=<IRI or name>   one cluster, base or industry and its links
    /explore?view=shared-industries | partnerships | zone-base | zone-cluster   a projection
    /explore?query=<CONSTRUCT>       any CONSTRUCT result as a network
    &lang=en                         the page in English (service/language.py: the page's language, as everywhere)
    &min_shared=N                    the shared-industry view: hide links of fewer than N shared industries
"""
from __future__ import annotations

from flask import Blueprint, render_template, request

from hzkg.service.checking.binding import whole_number
from hzkg.service.errors import BadRequest, NotFound
from hzkg.service.network.dataset import run_construct
from hzkg.service.network.drawing import drawing, neighbourhood
from hzkg.service.network.model import display_label, find_node, network_from_triples, UnknownNode
from hzkg.service.network.projections import PROJECTIONS
from hzkg.service.language import page_language
from hzkg.service.model.network import current_network
from hzkg.service.state import current_state

__all__ = ["blueprint", "FIRST_VIEW_MIN_SHARED"]

FIRST_VIEW_MIN_SHARED = 3  # the first view's links: pairs of zones sharing at least this many industries

blueprint = Blueprint("explore", __name__)

_VIEW_TITLES = {
    "shared-industries": ("开发区共同产业网络", "Zones linked by shared industries"),
    "partnerships": ("开发区合作网络", "Zones linked by partnerships"),
    "zone-base": ("开发区与国家级试点和基地", "Zones and national pilots and bases"),
    "zone-cluster": ("开发区与省级产业集聚区", "Zones and provincial industrial clusters"),
}
# focus parameters that name a node of one kind: parameter -> (kind, 中文, English)
_FOCUS_KINDS = {
    "cluster": ("IndustrialCluster", "产业集聚区", "cluster"),
    "base": ("NationalPilotOrBase", "国家级试点和基地", "national base"),
    "industry": ("Industry", "产业", "industry"),
}


def _depth() -> int:
    return whole_number("depth", request.args.get("depth"), 1, 1, 4)


def _find(network, parameter: str, kind: str | None = None) -> str:
    try:
        node = find_node(network, request.args[parameter])
    except UnknownNode as error:
        raise NotFound(f"parameter {parameter}: {error}") from None
    found_kind = network.nodes[node].get("kind")
    # an industry group is an industry too
    if kind and found_kind != kind and not (kind == "Industry" and found_kind == "IndustryGroup"):
        raise BadRequest(f"parameter {parameter}: {display_label(network, node)} is a {found_kind}, not a {kind}")
    return node


def _choose_view() -> dict:
    """The drawing the parameters ask for."""
    state = current_state()
    if "query" in request.args:
        # Parsed in the query process, as /sparql does: a query slow to parse meets the time limit there.
        checked = state.store.check(request.args["query"])
        if checked.form != "CONSTRUCT":
            raise BadRequest(f"/explore draws the result of a CONSTRUCT query; this is a {checked.form} query")
        triples = run_construct(state.store, checked.text)
        result = network_from_triples(triples)
        return drawing(result, result, state.local_path, language=page_language(), title_zh="CONSTRUCT 查询结果", title_en="CONSTRUCT result")
    network = current_network()
    view = request.args.get("view")
    if view == "whole":
        return drawing(network, network, state.local_path, language=page_language(), title_zh="关系网络全图", title_en="The whole relationship network")
    if view:
        if view not in PROJECTIONS:
            raise BadRequest(f"parameter view: {view!r} is not one of whole, {', '.join(PROJECTIONS)}")
        title_zh, title_en = _VIEW_TITLES[view]
        return drawing(network, PROJECTIONS[view](network), state.local_path, language=page_language(), directed=False,
                       title_zh=title_zh, title_en=title_en)
    for parameter, (kind, kind_zh, kind_en) in _FOCUS_KINDS.items():
        if parameter in request.args:
            node = _find(network, parameter, kind)
            return drawing(network, neighbourhood(network, node, _depth()), state.local_path, language=page_language(),
                           title_zh=f"{kind_zh}：{display_label(network, node, 'zh')}",
                           title_en=f"{kind_en}: {display_label(network, node, 'en')}")
    if "focus" in request.args:
        node = _find(network, "focus")
        depth = _depth()
        return drawing(network, neighbourhood(network, node, depth), state.local_path, language=page_language(),
                       title_zh=f"{display_label(network, node, 'zh')} 的 {depth} 度关联",
                       title_en=f"{display_label(network, node, 'en')}, {depth} link(s) around")
    # The first view is never the whole tangle (196 nodes, 406 links): the zones linked by shared industries.
    title_zh, title_en = _VIEW_TITLES["shared-industries"]
    return drawing(network, PROJECTIONS["shared-industries"](network), state.local_path, language=page_language(), directed=False,
                   title_zh=title_zh, title_en=title_en)


@blueprint.route("/explore")
def explore():
    known = {"query", "view", "focus", "depth", "lang", "format", "min_shared", *_FOCUS_KINDS}
    unknown = sorted(set(request.args) - known)
    if unknown:
        raise BadRequest(f"/explore takes {', '.join(sorted(known - {'format'}))}; unknown: {', '.join(unknown)}")
    first_view = not set(request.args) & {"query", "view", "focus", *_FOCUS_KINDS}
    min_shared = whole_number("min_shared", request.args.get("min_shared"), FIRST_VIEW_MIN_SHARED if first_view else 1,
                              1, 30)
    data = _choose_view()
    return render_template("explore.html", data=data, min_shared=min_shared, first_view=first_view)

"""/compare?zone=A&zone=B[&zone=C&zone=D]: zones side by side (service/sharing/compare.py). A zone is a name,
a short id (zone/linan-edz) or an IRI, resolved as the named queries resolve them. HTML or JSON."""
from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request

from hzkg.graph.paths import DEF
from hzkg.service.errors import BadRequest, NotFound
from hzkg.service.language import page_language
from hzkg.service.model.figures import area_figures
from hzkg.service.model.plan_english import quote_translations
from hzkg.service.model.network import current_network
from hzkg.service.model.names import resolver
from hzkg.service.model.search_index import search_index
from hzkg.service.sharing.compare import (CSV_COLUMNS, MAX_ZONES, align_figures, compare_industries, comparison_rows,
                                          relations_side_by_side)
from hzkg.service.sharing.measures import similarity
from hzkg.service.sharing.kept import chosen_format, csv_response, current_holdings, current_rule, kept, local_page
from hzkg.service.state import current_state

__all__ = ["blueprint", "comparison"]

blueprint = Blueprint("compare", __name__)


def _zone_figures(state, zone: str) -> list[dict]:
    """A zone's figures (figures.area_figures), kept per worker like the holdings: the artifact never changes."""
    try:
        return [figure for group in area_figures(state, zone)["groups"] for figure in group["figures"]]
    except NotFound:  # the plan gives this zone no figures
        return []


def comparison(state, texts: list[str]) -> dict:
    """The JSON of /compare for the zones `texts` name."""
    if len(texts) > MAX_ZONES:
        raise BadRequest(f"parameter zone: at most {MAX_ZONES} zones side by side; {len(texts)} were given")
    resolve = resolver(state, search_index(state))
    zones = list(dict.fromkeys(resolve("zone", text) for text in texts))
    holdings = current_holdings()
    industries = compare_industries(holdings, zones, local_page)
    figures = {zone: kept(f"figures {zone}", lambda zone=zone: _zone_figures(state, zone)) for zone in zones}
    return {
        "zones": [{"iri": zone, "label": holdings.zones[zone]["label"], "label_en": holdings.zones[zone]["label_en"],
                   "page": local_page(zone), "level": holdings.zones[zone]["level_label"],
                   "level_en": holdings.zones[zone]["level_label_en"], "group": holdings.zones[zone]["group_label"],
                   "group_en": holdings.zones[zone]["group_label_en"], "industries": len(holdings.assigned(zone))}
                  for zone in zones],
        **industries,
        "figures": align_figures(figures),
        "relations": relations_side_by_side(current_network(), zones, local_page),
    }


@blueprint.app_context_processor
def compare_offer_for_pages():
    """`compare_offer(iri)` for the zone pages: the other zones to pick from, and the most alike first."""
    return {"compare_offer": compare_offer}


def compare_offer(profile) -> dict | None:
    """None for anything but a zone (read from the page's own types: no query for other pages)."""
    if not any(str(value.term) == DEF + "DevelopmentZone" for value in profile.types):
        return None
    holdings = current_holdings()
    zone = str(profile.iri)
    if zone not in holdings.zones:
        return None
    others = [other for other in holdings.zone_order() if other != zone]
    rule = current_rule()
    mine = holdings.assigned(zone)
    profile = rule.profile(mine)

    def alike(other: str) -> float:
        theirs = holdings.assigned(other)
        return similarity(len(rule.shared(mine, theirs, profile, rule.profile(theirs))), len(mine), len(theirs))

    scored = sorted(((alike(other), other) for other in others if mine and holdings.assigned(other)),
                    key=lambda pair: (-pair[0], others.index(pair[1])))
    short = lambda one: one.rsplit("/id/", 1)[-1]
    return {"zone": short(zone), "label": holdings.zones[zone]["label"],
            "choices": [{"short": short(other), "label": holdings.zones[other]["label"],
                         "label_en": holdings.zones[other]["label_en"]} for other in others],
            "alike": [{"short": short(other), "label": holdings.zones[other]["label"],
                       "label_en": holdings.zones[other]["label_en"], "similarity": score}
                      for score, other in scored[:3] if score > 0]}


@blueprint.route("/compare")
def compare():
    state = current_state()
    texts = [text for text in request.args.getlist("zone") if text.strip()]
    chosen = chosen_format()
    holdings = current_holdings()
    choices = [{"iri": zone, "label": holdings.zones[zone]["label"], "label_en": holdings.zones[zone]["label_en"],
                "short": zone.rsplit("/id/", 1)[-1]}
               for zone in holdings.zone_order()]
    if len(texts) < 2:
        if chosen != "html":
            raise BadRequest("parameter zone: give 2 to 4 zones, e.g. /compare?zone=杭州经济技术开发区&zone=萧山经济技术开发区")
        return render_template("compare.html", content=None, choices=choices, given=texts)
    content = comparison(state, texts)
    if chosen == "json":
        return jsonify(ok=True, **content)
    if chosen == "csv":
        return csv_response(CSV_COLUMNS, comparison_rows(content), "comparison.csv")
    english = quote_translations() if page_language() == "en" else {}  # each sentence's English, in an English page
    return render_template("compare.html", content=content, choices=choices, given=texts, english=english)

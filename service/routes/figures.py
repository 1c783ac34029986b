"""The plan's figures as chart data (JSON) and the /figures page.

`/charts/area?iri=<zone or aggregate>`: every figure of one zone (or of all zones together) —
baselines, planned amounts, targets — grouped by unit, each with its observation's page, its
qualifier (左右, 以上 …) and the sentences that state it. `/charts/gdp-targets`: every zone's 2015
GDP target, a zone the plan gives two values appearing twice, marked as a contradiction, with the
growth each target implies against the zone's 2010 figure. The numbers come from the service's
own SPARQL; static/charts.js draws them (ECharts, vendored).
"""
from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request

from hzkg.graph.prefixes import ID
from hzkg.service.errors import BadRequest
from hzkg.service.model.figures import area_figures, gdp_targets
from hzkg.service.state import current_state

__all__ = ["blueprint"]

blueprint = Blueprint("figures", __name__)


@blueprint.route("/charts/area")
def chart_area():
    iri = request.args.get("iri", "")
    if not iri:
        raise BadRequest(f"give the zone or area as ?iri=<IRI>, e.g. ?iri={ID}zone/linan-edz")
    return jsonify(ok=True, **area_figures(current_state(), iri))


@blueprint.route("/charts/gdp-targets")
def chart_gdp_targets():
    return jsonify(ok=True, **gdp_targets(current_state()))


@blueprint.route("/figures")
def figures_page():
    state = current_state()
    base = state.settings["base_iri"]
    return render_template("figures.html", all_zones=base + "id/area/all-zones",
                           provincial_zones=base + "id/area/provincial-zones")

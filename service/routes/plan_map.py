"""/map: the plan's map (附图：杭州市开发区（园区）“十二五”发展示意图, absent from our text) recreated from the
graph: today's district boundaries, the plan's areas and sub-cities mapped onto them, each zone at its point,
coloured by level and sized by its 2015 GDP target, with partnerships and cluster memberships as links.
`/map/data` is everything the page draws, as JSON; every geometry comes from the geometry graph by SPARQL.
"""
from __future__ import annotations

from flask import Blueprint, jsonify, render_template

from hzkg.service.model.map import map_data
from hzkg.service.state import current_state

__all__ = ["blueprint"]

blueprint = Blueprint("plan_map", __name__)


@blueprint.route("/map/data")
def map_json():
    return jsonify(ok=True, **map_data(current_state()))


@blueprint.route("/map")
def map_page():
    return render_template("map.html")

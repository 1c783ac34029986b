"""/network/<analysis>: the network analyses as JSON (service/network/analyses.py)."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from hzkg.service.model.network import current_network
from hzkg.service.network.analyses import answer

__all__ = ["blueprint"]

blueprint = Blueprint("network", __name__)


@blueprint.route("/network")
@blueprint.route("/network/<name>")
def network_analysis(name: str = "summary"):
    return jsonify(answer(current_network(), name, request.args.to_dict()))

"""/network/<analysis>: the network analyses as JSON (service/network/analyses.py)."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from hzkg.service.network.analyses import answer
from hzkg.service.network.dataset import fetch_network
from hzkg.service.state import current_state, made_once_and_kept

__all__ = ["blueprint", "current_network"]

blueprint = Blueprint("network", __name__)


def current_network():
    """The dataset's network, fetched on first use and kept for the life of the worker:
    the artifact a worker serves never changes under it."""
    cache = current_app.extensions.setdefault("hzkg-network", {})
    if "network" not in cache:
        state = current_state()
        with made_once_and_kept():
            cache["network"] = fetch_network(state.store, state.settings["base_iri"] + "id/")
    return cache["network"]


@blueprint.route("/network")
@blueprint.route("/network/<name>")
def network_analysis(name: str = "summary"):
    return jsonify(answer(current_network(), name, request.args.to_dict()))

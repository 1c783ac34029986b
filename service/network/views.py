"""/network/<analysis>: the network analyses as JSON (service/network/answers.py);
/export/<format>: the network for Gephi and the RDF dataset as files."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request

from ..state import current_state
from .answers import answer
from .dataset import fetch_network
from .exports import EXPORTS, export_bytes

__all__ = ["blueprint", "current_network"]

blueprint = Blueprint("network", __name__)


def current_network():
    """The dataset's network, fetched on first use and kept for the life of the worker:
    the artifact a worker serves never changes under it."""
    cache = current_app.extensions.setdefault("hzkg-network", {})
    if "network" not in cache:
        state = current_state()
        cache["network"] = fetch_network(state.store, state.settings["time_limit"])
    return cache["network"]


@blueprint.route("/network")
@blueprint.route("/network/<name>")
def network_analysis(name: str = "summary"):
    return jsonify(answer(current_network(), name, request.args.to_dict()))


@blueprint.route("/export")
def export_list():
    return jsonify(ok=True, exports=[{"name": export.name, "url": f"/export/{export.name}", "filename": export.filename,
                                      "mimetype": export.mimetype, "kind": export.kind}
                                     for export in EXPORTS.values()])


@blueprint.route("/export/<name>")
def export_file(name: str):
    state = current_state()
    body = export_bytes(name, current_network, state.store, state.settings["time_limit"],
                        request.args.to_dict())
    export = EXPORTS[name]
    return Response(body, mimetype=export.mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{export.filename}"'})

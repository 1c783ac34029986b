"""/export/<name>: the network for Gephi and the RDF dataset as files (service/responses/exports.py)."""
from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from hzkg.service.responses.exports import EXPORTS, export_bytes, export_filename
from hzkg.service.model.network import current_network
from hzkg.service.state import current_state

__all__ = ["blueprint"]

blueprint = Blueprint("exports", __name__)


@blueprint.route("/export")
def export_list():
    return jsonify(ok=True, exports=[{"name": export.name, "url": f"/export/{export.name}", "filename": export.filename,
                                      "mimetype": export.mimetype, "kind": export.kind}
                                     for export in EXPORTS.values()])


@blueprint.route("/export/<name>")
def export_file(name: str):
    state = current_state()
    params = request.args.to_dict()
    body = export_bytes(name, current_network, state.store, params)
    return Response(body, mimetype=EXPORTS[name].mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{export_filename(name, params)}"'})

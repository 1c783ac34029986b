"""The dataset describes itself: VoID at /.well-known/void and DCAT + schema.org `Dataset`
JSON-LD at /dataset.jsonld (responses/dataset_description.py writes both)."""
from __future__ import annotations

from flask import Blueprint, Response, jsonify, request
from rdflib.namespace import VOID

from hzkg.service.responses.dataset_description import dataset_jsonld, void_triples
from hzkg.service.responses.formats import serialize_graph
from hzkg.service.responses.negotiation import GRAPH_FORMATS, choose_format

__all__ = ["blueprint"]

blueprint = Blueprint("dataset", __name__)

_VOID_FORMATS = tuple(f for f in GRAPH_FORMATS if f.key != "html")


@blueprint.route("/.well-known/void")
def void_description():
    chosen = choose_format(_VOID_FORMATS, request.accept_mimetypes, request.args.get("format"))
    body = serialize_graph(void_triples(), chosen.key, {"void": str(VOID)})
    response = Response(body, mimetype=chosen.mimetype)
    response.vary.add("Accept")
    return response


@blueprint.route("/dataset.jsonld")
def dataset_description():
    response = jsonify(dataset_jsonld())
    response.mimetype = "application/ld+json"
    return response

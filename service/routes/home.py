"""/: where a visitor starts: what the dataset is, what it holds, how to cite it, where to begin.
HTML for browsers, the same content as JSON by Accept or ?format=json."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template, request, send_from_directory

from hzkg.service.pages.home import home_content
from hzkg.service.responses.dataset_description import embedded_jsonld
from hzkg.service.responses.error_pages import prefers_html
from hzkg.service.state import current_state

__all__ = ["blueprint"]

blueprint = Blueprint("home", __name__)


@blueprint.route("/")
def home():
    content = home_content(current_state())
    if request.args.get("format") != "json" and prefers_html():
        # DCAT + schema.org Dataset, for harvesters
        return render_template("home.html", dataset_jsonld=embedded_jsonld(), **content)
    return jsonify(ok=True, **content)


@blueprint.route("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico on pages that name no icon (JSON answers, error pages)."""
    return send_from_directory(current_app.static_folder, "favicon.svg", mimetype="image/svg+xml", max_age=86400)

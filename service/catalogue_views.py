"""/queries: the catalogue as HTML or JSON, and each named query at its own URL."""
from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request

from .answers import answer_query
from .concatenations import sort_concatenations
from .error_pages import prefers_html
from .errors import NotFound
from .state import current_state

__all__ = ["blueprint"]

blueprint = Blueprint("catalogue", __name__)


def describe(named) -> dict:
    return {
        "name": named.name,
        "title_zh": named.title_zh,
        "title_en": named.title_en,
        "description": named.description,
        "form": named.query.form,
        "params": [
            {"name": p.name, "type": p.type, "default": p.default, "example": p.example, "description": p.description}
            for p in named.parameters
        ],
        "url": f"/queries/{named.name}",
        "query": named.query.text,
    }


@blueprint.route("/queries")
def list_queries():
    catalogue = current_state().catalogue
    if request.args.get("format") != "json" and prefers_html():
        return render_template("queries.html", catalogue=catalogue)
    return jsonify(ok=True, queries=[describe(named) for named in catalogue.values()])


@blueprint.route("/queries/<name>")
def run_named_query(name: str):
    named = current_state().catalogue.get(name)
    if named is None:
        raise NotFound(f"there is no query named {name!r}; the list is at /queries")
    given = {key: value for key, value in request.args.items()}
    format_parameter = given.pop("format", None)
    checked = named.bound(given)
    return answer_query(checked, format_parameter, title=f"{named.title_zh} · {named.title_en}",
                        normalise=lambda result: sort_concatenations(checked.text, result))

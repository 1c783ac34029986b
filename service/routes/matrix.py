"""/matrix: zones × industries, each cell the zone's roles for the industry with the plan's sentences
(service/sharing/matrix.py). HTML for browsers; JSON and tidy CSV by ?format= or Accept."""
from __future__ import annotations

from flask import Blueprint, jsonify, render_template

from hzkg.service.sharing.kept import chosen_format, csv_response, current_holdings, kept, local_page
from hzkg.service.sharing.matrix import CSV_COLUMNS, matrix_content, matrix_rows

__all__ = ["blueprint"]

blueprint = Blueprint("matrix", __name__)


@blueprint.route("/matrix")
def matrix():
    content = kept("matrix", lambda: matrix_content(current_holdings(), local_page))
    chosen = chosen_format()
    if chosen == "csv":
        return csv_response(CSV_COLUMNS, matrix_rows(content), "zone-industry-matrix.csv")
    if chosen == "json":
        return jsonify(ok=True, **content)
    return render_template("matrix.html", content=content)

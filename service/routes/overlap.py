"""/overlap: how differentiated the plan's assignment of industries is (service/sharing/overlap.py).
HTML for browsers; JSON, and the pairs as CSV, by ?format= or Accept."""
from __future__ import annotations

from flask import Blueprint, jsonify, render_template

from hzkg.service.language import page_language
from hzkg.service.model.plan_english import quote_translations
from hzkg.service.sharing.kept import chosen_format, csv_response, current_holdings, kept, local_page
from hzkg.service.sharing.overlap import differentiation_sentences, overlap_content
from hzkg.service.state import current_state

__all__ = ["blueprint", "current_overlap"]

blueprint = Blueprint("overlap", __name__)

PAIR_COLUMNS = ("zone_a", "zone_a_label", "zone_a_label_en", "zone_b", "zone_b_label", "zone_b_label_en", "shared",
                "similarity", "role_weighted_similarity", "shared_industries", "shared_industries_en")


def current_overlap() -> dict:
    return kept("overlap", lambda: overlap_content(
        current_holdings(), differentiation_sentences(current_state().store, local_page), local_page))


@blueprint.route("/overlap")
def overlap():
    content = current_overlap()
    chosen = chosen_format()
    if chosen == "csv":
        labels = {zone["iri"]: (zone["label"], zone["label_en"]) for zone in content["zones"]}
        rows = ((a, *labels[a], b, *labels[b], pair["shared"], round(pair["similarity"], 3), round(pair["role_weighted"], 3),
                 "、".join(industry["label"] for industry in pair["industries"]),
                 "; ".join(industry["label_en"] for industry in pair["industries"]))
                for pair in content["pairs"] for a, b in [pair["zones"]])
        return csv_response(PAIR_COLUMNS, rows, "zone-pair-overlap.csv")
    if chosen == "json":
        return jsonify(ok=True, **content)
    english = quote_translations() if page_language() == "en" else {}  # the plan's aim in English, in an English page
    return render_template("overlap.html", content=content, english=english)

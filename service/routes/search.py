"""/search: find resources by their labels and aliases in Chinese, English or pinyin.

"汽车", "automotive", "qiche", "qi che", "qìchē" and "qi4che1" all find 汽车; the best
hits also list what links to them (the zones assigned an industry, its narrower
industries), grouped by property. The label index is built from the store on the
first search and kept for the life of the worker.
"""
from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request

from hzkg.graph.prefixes import short_name
from hzkg.service.checking.binding import make_term
from hzkg.service.errors import BadRequest
from hzkg.service.responses.error_pages import prefers_html
from hzkg.service.model.search_index import SearchIndex, search_index
from hzkg.service.state import ServiceState, current_state
from hzkg.service.model.plan_english import plan_english, sentences_with

__all__ = ["blueprint", "linked_from"]

blueprint = Blueprint("search", __name__)

_HITS_WITH_LINKS = 3
_MAX_LINKS = 100


def linked_from(state: ServiceState, index: SearchIndex, iri: str) -> list[dict]:
    """What links to `iri`, grouped by property: [{property, property_label, resources: [...]}]."""
    target = make_term("resource", "iri", iri).n3()  # a checked IRI from our own index
    query = f"SELECT DISTINCT ?property ?resource WHERE {{ ?resource ?property {target} FILTER(isIRI(?resource)) }}"
    result = state.store.query(query, row_limit=_MAX_LINKS)
    groups: dict[str, list[dict]] = {}
    for prop, resource in result.rows:
        groups.setdefault(str(prop), []).append(
            {"resource": str(resource), "label": index.label_of(str(resource)),
             "label_en": index.label_in(str(resource), "en"), "page": state.local_path(str(resource))})
    return [{"property": prop, "property_label": " ".join(_INCOMING_NAMES[prop]) if prop in _INCOMING_NAMES
             else index.label_of(prop) or short_name(prop),
             "property_label_zh": _INCOMING_NAMES.get(prop, ("",))[0] or index.label_in(prop, "zh") or short_name(prop),
             "property_label_en": _INCOMING_NAMES.get(prop, ("", ""))[1] or index.label_in(prop, "en") or short_name(prop),
             "page": state.local_path(prop),
             "resources": sorted(resources, key=lambda item: (item["label"] is None, item["label"] or item["resource"]))}
            for prop, resources in sorted(groups.items()) if prop not in _TRANSITIVE]


_SKOS = "http://www.w3.org/2004/02/skos/core#"
# What a link pointing here means, read from this end (X skos:broader this: X is narrower)
_INCOMING_NAMES = {_SKOS + "broader": ("下位产业", "narrower"), _SKOS + "narrower": ("上位产业", "broader"),
                   _SKOS + "related": ("相关产业", "related")}
_TRANSITIVE = {_SKOS + "broaderTransitive", _SKOS + "narrowerTransitive"}  # the same links again, inferred


@blueprint.route("/search")
def search():
    state = current_state()
    text = request.args.get("q", "")
    if len(text) > 200:
        raise BadRequest("the search text is longer than 200 characters")
    index = search_index(state)
    hits = index.search(text) if text.strip() else []
    for rank, hit in enumerate(hits):
        hit["page"] = state.local_path(hit["resource"])
        hit["name"] = index.label_of(hit["resource"]) or hit["label"]  # the main name, when an alias matched
        hit["name_zh"], hit["name_en"] = index.label_in(hit["resource"], "zh"), index.label_in(hit["resource"], "en")
        if rank < _HITS_WITH_LINKS:
            hit["linked_from"] = linked_from(state, index, hit["resource"])
    sentences = sentences_with(plan_english(), text) if text.strip() else []  # the plan's own words, and their English
    if request.args.get("format") != "json" and prefers_html():
        return render_template("search.html", q=text, hits=hits, sentences=sentences)
    return jsonify(ok=True, q=text, results=hits, sentences=sentences)

"""/complete: terms of our own data for the editor's autocompletion, from the index /search uses.

`/complete?prefix=qiche` offers 汽车产业 (its alias 汽车 matched in pinyin), `开发区` offers
`hz:DevelopmentZone`, `hz:Dev` the terms whose prefixed name starts so. Each suggestion gives what
to insert: the prefixed name when the editor declares the namespace (hz:, skos:, zone: …), else the IRI.
"""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from hzkg.graph.prefixes import prefixed_name
from hzkg.service.checking.binding import whole_number
from hzkg.service.errors import BadRequest
from hzkg.service.model.search_index import SearchIndex, search_index
from hzkg.service.state import current_state

__all__ = ["blueprint", "complete"]

blueprint = Blueprint("complete", __name__)

_DEFAULT_LIMIT = 10
_MAX_LIMIT = 50
_CLASS_TYPES = {"http://www.w3.org/2002/07/owl#Class", "http://www.w3.org/2000/01/rdf-schema#Class"}
_PROPERTY_TYPES = {"http://www.w3.org/2002/07/owl#ObjectProperty", "http://www.w3.org/2002/07/owl#DatatypeProperty",
                   "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property", "http://www.w3.org/2002/07/owl#AnnotationProperty"}


def _kind(types: set[str]) -> str:
    if types & _CLASS_TYPES:
        return "class"
    if types & _PROPERTY_TYPES:
        return "property"
    return "resource"


def complete(index: SearchIndex, text: str, limit: int = _DEFAULT_LIMIT) -> list[dict]:
    """Suggestions for `text`: a label or alias (Chinese, English, pinyin), or the start of a prefixed name or IRI."""
    text = text.strip().lstrip("<")
    if not text:
        return []
    if ":" in text:  # hz:Dev, http://…: match prefixed names and IRIs by their start
        wanted = text.lower()
        hits = sorted((iri for iri in index.by_resource
                       if prefixed_name(iri).lower().startswith(wanted) or iri.lower().startswith(wanted)),
                      key=lambda iri: (len(iri), iri))[:limit]
        found = [(iri, None) for iri in hits]
    else:
        # the ontology's terms before the things they describe: in an editor one types a class or property
        # more often than an entity (开发区: hz:DevelopmentZone before 开发区管委会)
        hits = sorted(index.search(text), key=lambda hit: _kind(index.types.get(hit["resource"], set())) == "resource")
        found = [(hit["resource"], hit) for hit in hits[:limit]]  # a stable sort: the search's order within each
    suggestions = []
    for iri, hit in found:
        types = index.types.get(iri, set())
        label = index.label_of(iri) or iri
        suggestions.append({
            "iri": iri, "insert": prefixed_name(iri), "label": label, "label_en": index.label_in(iri, "en"),
            "matched": hit["label"] if hit and hit["label"] != label else None, "kind": _kind(types),
        })
    return suggestions


@blueprint.route("/complete")
def complete_route():
    text = request.args.get("prefix", "")
    if len(text) > 200:
        raise BadRequest("the prefix to complete is longer than 200 characters")
    limit = whole_number("limit", request.args.get("limit"), _DEFAULT_LIMIT, 1, _MAX_LIMIT)
    return jsonify(ok=True, prefix=text, results=complete(search_index(current_state()), text, limit))

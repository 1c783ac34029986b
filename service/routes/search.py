"""/search: find resources by their labels and aliases in Chinese, English or pinyin.

"汽车", "automotive", "qiche", "qi che", "qìchē" and "qi4che1" all find 汽车; the best
hits also list what links to them (the zones assigned an industry, its narrower
industries), grouped by property. The label index is built from the store on the
first search and kept for the life of the worker.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from flask import Blueprint, jsonify, render_template, request

from hzkg.service.checking.binding import make_term
from hzkg.service.errors import BadRequest
from hzkg.service.routes.error_pages import prefers_html
from hzkg.service.routes.plan_english import plan_english, sentences_with
from hzkg.service.state import current_state, made_once_and_kept, ServiceState

__all__ = ["blueprint", "SearchIndex", "build_search_index", "search_index"]

blueprint = Blueprint("search", __name__)

_LABEL_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?resource ?label ?kind ?type WHERE {
  { ?resource rdfs:label ?label BIND("label" AS ?kind) }
  UNION
  { ?resource skos:altLabel ?label BIND("alias" AS ?kind) }
  OPTIONAL { ?resource a ?type }
}"""
_MAX_RESULTS = 50
_HITS_WITH_LINKS = 3
_MAX_LINKS = 100


def _fold(text: str) -> str:
    """Lower case, no spaces, no tone marks: the form every search key is compared in."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return re.sub(r"[\s\u0300-\u036f'’·-]+", "", decomposed)


@dataclass
class Entry:
    resource: str
    label: str
    language: str
    kind: str  # label or alias
    keys: tuple[str, ...]  # folded label, toneless pinyin, numbered-tone pinyin


@dataclass
class SearchIndex:
    entries: list[Entry]
    types: dict[str, set[str]]

    def __post_init__(self):
        self.by_resource: dict[str, list[Entry]] = {}
        for entry in self.entries:
            self.by_resource.setdefault(entry.resource, []).append(entry)

    def label_of(self, iri: str) -> str | None:
        """The resource's Chinese label, else its English one."""
        labels = {entry.language: entry.label for entry in self.by_resource.get(iri, ()) if entry.kind == "label"}
        return labels.get("zh") or labels.get("en") or labels.get("")

    def label_in(self, iri: str, language: str) -> str | None:
        return next((entry.label for entry in self.by_resource.get(iri, ())
                     if entry.kind == "label" and entry.language == language), None)

    def search(self, text: str) -> list[dict]:
        wanted = _fold(text)
        if not wanted:
            return []
        wanted_plain = re.sub(r"[1-5]", "", wanted)  # "qi4che1" also matches as "qiche"
        best: dict[str, tuple] = {}
        for entry in self.entries:
            score = _score(entry, wanted, wanted_plain)
            if score is None:
                continue
            if entry.resource not in best or score < best[entry.resource][0]:
                best[entry.resource] = (score, entry)
        ranked = sorted(best.values(), key=lambda pair: (pair[0], pair[1].resource))[:_MAX_RESULTS]  # ties: by IRI, not the store's row order
        return [{"resource": entry.resource, "label": entry.label, "language": entry.language,
                 "matched": entry.kind, "types": sorted(self.types.get(entry.resource, ()))}
                for _, entry in ranked]


def _score(entry: Entry, wanted: str, wanted_plain: str):
    """Smaller is better: exact before prefix before substring, labels before aliases, short before long."""
    for key in entry.keys:
        for candidate in (wanted, wanted_plain):
            if key == candidate:
                place = 0
            elif key.startswith(candidate):
                place = 1
            elif candidate in key:
                place = 2
            else:
                continue
            return (place, entry.kind != "label", len(entry.label), entry.label)
    return None


def _keys(label: str) -> tuple[str, ...]:
    keys = [_fold(label)]
    if re.search(r"[\u4e00-\u9fff]", label):
        # Imported here, when the index is first built: its phrase dictionary took 0.21 s of every start-up.
        from pypinyin import Style, lazy_pinyin

        keys.append(_fold("".join(lazy_pinyin(label))))
        keys.append(_fold("".join(lazy_pinyin(label, style=Style.TONE3, neutral_tone_with_five=True))))
    return tuple(dict.fromkeys(keys))


def build_search_index(state: ServiceState) -> SearchIndex:
    result = state.store.query(_LABEL_QUERY, whole=True)
    entries, types, seen = [], {}, set()
    for resource, label, kind, type_ in result.rows:
        if type_ is not None:
            types.setdefault(str(resource), set()).add(str(type_))
        if (resource, label, kind) in seen:
            continue
        seen.add((resource, label, kind))
        entries.append(Entry(str(resource), str(label), label.language or "", str(kind), _keys(str(label))))
    return SearchIndex(entries, types)


def linked_from(state: ServiceState, index: SearchIndex, iri: str) -> list[dict]:
    """What links to `iri`, grouped by property: [{property, property_label, resources: [...]}]."""
    target = make_term("resource", "iri", iri).n3()  # a checked IRI from our own index
    query = f"SELECT DISTINCT ?property ?resource WHERE {{ ?resource ?property {target} FILTER(isIRI(?resource)) }}"
    result = state.store.query(query, row_limit=_MAX_LINKS)
    groups: dict[str, list[dict]] = {}
    for prop, resource in result.rows:
        groups.setdefault(str(prop), []).append(
            {"resource": str(resource), "label": index.label_of(str(resource)), "page": state.local_path(str(resource))})
    return [{"property": prop, "property_label": _INCOMING_NAMES.get(prop) or index.label_of(prop) or _prefixed(prop),
             "page": state.local_path(prop),
             "resources": sorted(resources, key=lambda item: (item["label"] is None, item["label"] or item["resource"]))}
            for prop, resources in sorted(groups.items()) if prop not in _TRANSITIVE]


_SKOS = "http://www.w3.org/2004/02/skos/core#"
# What a link pointing here means, read from this end (X skos:broader this: X is narrower)
_INCOMING_NAMES = {_SKOS + "broader": "下位产业 narrower", _SKOS + "narrower": "上位产业 broader",
                   _SKOS + "related": "相关产业 related"}
_TRANSITIVE = {_SKOS + "broaderTransitive", _SKOS + "narrowerTransitive"}  # the same links again, inferred


def _prefixed(iri: str) -> str | None:
    from hzkg.graph.prefixes import PREFIXES

    return next((f"{prefix}:{iri[len(namespace):]}" for prefix, namespace in PREFIXES.items()
                 if iri.startswith(namespace) and len(iri) > len(namespace)), None)


def search_index(state: ServiceState) -> SearchIndex:
    """The worker's label index, built on first use (also serves /complete)."""
    if state.search_index is None:
        with made_once_and_kept():
            state.search_index = build_search_index(state)
    return state.search_index


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
        if rank < _HITS_WITH_LINKS:
            hit["linked_from"] = linked_from(state, index, hit["resource"])
    sentences = sentences_with(plan_english(), text) if text.strip() else []  # the plan's own words, and their English
    if request.args.get("format") != "json" and prefers_html():
        return render_template("search.html", q=text, hits=hits, sentences=sentences)
    return jsonify(ok=True, q=text, results=hits, sentences=sentences)

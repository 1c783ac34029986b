"""The plan as the reading view shows it, read from the graph: its text and parts (with
their spans), every anchored quote (citations and registered sentences, with their
selectors), the facts each citation supports, and the names of the things the text
speaks of. Built once per app from the store (graph/anchors.py wrote it at build time).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from flask import current_app
from rdflib import Literal

from hzkg.graph.paths import DEF, GRAPH_FACTS, ID
from hzkg.graph.prefixes import prefixed_name, sparql_prefixes

from hzkg.service.state import current_state, made_once_and_kept

__all__ = ["PlanModel", "Span", "PartSpan", "Fact", "plan_model", "PREFIXES"]

PREFIXES = sparql_prefixes("hz", "oa", "rdfs", "skos", "dcterms")
_KINDS = {"Section": "section", "Heading": "heading", "Paragraph": "paragraph", "PlanTable": "table",
          "TableRow": "row", "TableCell": "cell"}
_PARTS_QUERY = PREFIXES + """SELECT ?part ?class ?parent ?start ?end ?number ?title ?en WHERE {
  ?part a ?class ; dcterms:isPartOf ?parent ; oa:hasSelector ?s .
  VALUES ?class { hz:Section hz:Heading hz:Paragraph hz:PlanTable hz:TableRow hz:TableCell }
  ?s oa:start ?start ; oa:end ?end .
  OPTIONAL { ?part hz:partNumber|hz:sectionNumber ?number }
  OPTIONAL { ?part dcterms:title ?title }
  OPTIONAL { ?part rdfs:label ?en FILTER(lang(?en) = "en") }
}"""
_TEXT_QUERY = PREFIXES + f"SELECT ?text WHERE {{ <{ID}plan> hz:text ?text }}"
# Anything anchored: citations, and the register's sentences (hz:RegisteredSentence) with their reasons.
_ANCHORS_QUERY = PREFIXES + """SELECT ?anchored ?start ?end ?section ?quote ?registered ?reason_zh ?reason_en WHERE {
  ?anchored hz:quote ?quote ; hz:section ?section ; oa:hasSelector ?s .
  ?s oa:start ?start ; oa:end ?end .
  # xsd:boolean(…): Virtuoso 7.2 answers a bare EXISTS as 1/0 (queries/zones.rq does the same)
  BIND(<http://www.w3.org/2001/XMLSchema#boolean>(EXISTS { ?anchored a hz:RegisteredSentence }) AS ?registered)
  OPTIONAL { ?anchored hz:registerReason ?reason_zh FILTER(lang(?reason_zh) = "zh") }
  OPTIONAL { ?anchored hz:registerReason ?reason_en FILTER(lang(?reason_en) = "en") }
}"""
# The facts as written (the facts graph), each property and value with its labels.
_FACTS_QUERY = PREFIXES + f"""SELECT ?citation ?fact ?p ?o ?p_zh ?p_en ?o_zh ?o_en WHERE {{
  GRAPH <{GRAPH_FACTS}> {{ ?fact hz:citation ?citation . ?fact ?p ?o }}
  FILTER(?p NOT IN (hz:citation, skos:altLabel))
  OPTIONAL {{ ?p rdfs:label ?p_zh FILTER(lang(?p_zh) = "zh") }}
  OPTIONAL {{ ?p rdfs:label ?p_en FILTER(lang(?p_en) = "en") }}
  OPTIONAL {{ ?o rdfs:label ?o_zh FILTER(lang(?o_zh) = "zh") }}
  OPTIONAL {{ ?o rdfs:label ?o_en FILTER(lang(?o_en) = "en") }}
}}"""
# The things the text names: zones, blocks, industries, bases, clusters, sub-cities, areas, parks, institutions.
_ENTITY_KINDS = ("zone", "block", "industry", "base", "cluster", "cluster-park", "sub-city", "area", "park",
                 "place", "institution")
_NAMES_QUERY = PREFIXES + """SELECT ?entity ?name WHERE {
  ?entity rdfs:label|skos:altLabel ?name FILTER(lang(?name) = "zh")
}"""
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@dataclass
class PartSpan:
    iri: str
    local: str  # "section/4-2-7": the fragment of /plan that shows it
    kind: str
    parent: str  # local name
    start: int
    end: int
    number: str
    title: str | None
    english: str | None
    children: list[str] = field(default_factory=list)


@dataclass
class Span:
    iri: str
    local: str  # "citation/4-2-7-20abc783"
    start: int
    end: int
    section: str
    quote: str
    registered: bool
    reason_zh: str | None = None
    reason_en: str | None = None


@dataclass
class Fact:
    iri: str
    path: str | None
    types: list[tuple[str, str]] = field(default_factory=list)  # (zh, en) labels
    labels: dict[str, str] = field(default_factory=dict)  # language -> label
    properties: list[dict] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"iri": self.iri, "path": self.path, "types": self.types, "labels": self.labels,
                "properties": self.properties, "gloss": self.gloss()}

    def gloss(self) -> str:
        """The fact in English, from the graph's English labels only."""
        kind = ", ".join(en for _, en in self.types if en) or "Resource"
        head = self.labels.get("en") or kind
        details = [f"{p['en']}: {p['value_en']}" for p in self.properties if p["en"] and p["value_en"]]
        return f"{head} ({kind})" + (" — " + "; ".join(details) if details else "") if head != kind else \
            kind + (" — " + "; ".join(details) if details else "")


@dataclass
class PlanModel:
    text: str
    parts: dict[str, PartSpan]  # local -> part, in the text's order
    spans: list[Span]
    facts: dict[str, list[Fact]]  # citation IRI -> the facts citing it
    names: list[tuple[str, str, str]]  # (name, entity IRI, path), longest name first

    def leaves(self) -> list[PartSpan]:
        return [part for part in self.parts.values() if not part.children]

    def sections(self) -> list[PartSpan]:
        return [part for part in self.parts.values() if part.kind == "section"]


def part_exists(local: str) -> bool:
    """Whether the running app's plan has a part of this local name (`section/4-2-7`)."""
    return local in plan_model().parts


def _local(iri: str) -> str:
    return iri[len(ID):] if iri.startswith(ID) else iri


def _property_name(iri: str) -> str:
    """A property the ontology gives no Chinese label, by its prefixed name (dcterms:isReferencedBy)."""
    return prefixed_name(iri).strip("<>")


def _value(term) -> str | None:
    return None if term is None else str(term)


def load_plan_model(store, local_path) -> PlanModel:
    def rows(query):
        # in one order whatever the store's, so that overlapping spans resolve the same on every engine
        return sorted(store.query(query, whole=True).rows,
                      key=lambda row: tuple("" if term is None else term.n3() for term in row))

    text_rows = rows(_TEXT_QUERY)
    text = str(text_rows[0][0]) if text_rows else ""
    parts: dict[str, PartSpan] = {}
    for part, cls, parent, start, end, number, title, english in rows(_PARTS_QUERY):
        parts[_local(str(part))] = PartSpan(str(part), _local(str(part)), _KINDS[str(cls)[len(DEF):]], _local(str(parent)),
                                            int(str(start)), int(str(end)), _value(number) or "", _value(title), _value(english))
    ordered = dict(sorted(parts.items(), key=lambda item: (item[1].start, -item[1].end, _depth(item[1]))))
    for part in ordered.values():
        if part.parent in ordered:
            ordered[part.parent].children.append(part.local)
    spans = []
    for anchored, start, end, section, quote, registered, reason_zh, reason_en in rows(_ANCHORS_QUERY):
        spans.append(Span(str(anchored), _local(str(anchored)), int(str(start)), int(str(end)), _local(str(section)),
                          str(quote), str(registered) in ("true", "1"), _value(reason_zh), _value(reason_en)))
    spans.sort(key=lambda span: (span.start, -span.end, span.iri))
    return PlanModel(text, ordered, spans, _facts(rows(_FACTS_QUERY), local_path), _names(rows(_NAMES_QUERY), text, local_path))


def _depth(part: PartSpan) -> int:
    return {"section": 0, "table": 1, "row": 2}.get(part.kind, 3) + part.local.count("-")


def _facts(rows, local_path) -> dict[str, list[Fact]]:
    facts: dict[str, dict[str, Fact]] = defaultdict(dict)
    for citation, fact_iri, p, o, p_zh, p_en, o_zh, o_en in rows:
        fact = facts[str(citation)].setdefault(str(fact_iri), Fact(str(fact_iri), local_path(str(fact_iri))))
        if str(p) == _RDF_TYPE:
            fact.types.append((_value(o_zh) or _local(str(o)), _value(o_en) or ""))
        elif str(p) == _LABEL:
            fact.labels.setdefault(getattr(o, "language", None) or "", str(o))
        else:
            fact.properties.append(_property(p, o, p_zh, p_en, o_zh, o_en, local_path))
    result = {}
    for citation, by_iri in facts.items():
        for fact in by_iri.values():
            fact.types.sort()
            fact.properties = _merge_languages(sorted(fact.properties, key=lambda p: (p["zh"], p["value_zh"])))
        result[citation] = sorted(by_iri.values(), key=lambda fact: fact.iri)
    return result


def _property(p, o, p_zh, p_en, o_zh, o_en, local_path) -> dict:
    if isinstance(o, Literal):
        language = o.language
        return {"zh": _value(p_zh) or _property_name(str(p)), "en": _value(p_en) or "",
                "value_zh": "" if language == "en" else str(o), "value_en": "" if language == "zh" else str(o),
                "path": None}
    return {"zh": _value(p_zh) or _property_name(str(p)), "en": _value(p_en) or "",
            "value_zh": _value(o_zh) or _local(str(o)), "value_en": _value(o_en) or "", "path": local_path(str(o))}


def _merge_languages(properties: list[dict]) -> list[dict]:
    """A description written in Chinese and in English is one property with both values."""
    merged: list[dict] = []
    for prop in properties:
        twin = next((m for m in merged if m["zh"] == prop["zh"] and m["path"] is None and prop["path"] is None
                     and (not m["value_zh"] or not m["value_en"]) and (not prop["value_zh"]) != (not m["value_zh"])), None)
        if twin is not None:
            twin["value_zh"] = twin["value_zh"] or prop["value_zh"]
            twin["value_en"] = twin["value_en"] or prop["value_en"]
        else:
            merged.append(dict(prop))
    return merged


def _names(rows, text: str, local_path) -> list[tuple[str, str, str]]:
    names = {}
    for entity, name in rows:
        path = local_path(str(entity))
        if path is None or not path.startswith("/id/") or path.split("/")[2] not in _ENTITY_KINDS:
            continue
        name = str(name)
        if len(name) >= 2 and name in text:
            names.setdefault(name, (name, str(entity), path))
    return sorted(names.values(), key=lambda item: (-len(item[0]), item[0]))


def plan_model() -> PlanModel:
    """The model for the running app's dataset, built on first use."""
    state = current_state()
    cache = current_app.extensions.setdefault("hzkg-plan", {})
    key = state.version.tag if state.version else None
    if key not in cache:
        cache.clear()
        with made_once_and_kept():
            cache[key] = load_plan_model(state.store, state.local_path)
    return cache[key]

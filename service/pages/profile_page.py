"""A resource's HTML page: its profile (service/pages/profile.py), the named queries about it,
the paragraph of a citation, and the raw statements in a collapsed section."""
from __future__ import annotations

from collections import defaultdict

from flask import render_template
from markupsafe import Markup
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from hzkg.graph.paths import DEF, ID, SOURCE_TEXT
from hzkg.graph.prefixes import short_name
from hzkg.service.language import page_language
from hzkg.service.model.plan_english import quote_translations
from hzkg.service.model.words import label_in, name_html
from hzkg.service.pages.profile import build_profile
from hzkg.service.pages.vocabulary import COLUMN_NAMES, COLUMNS, STATEMENT_KINDS

__all__ = ["render_profile", "queries_about", "paragraph_of", "raw_context"]

_LABELS = (RDFS.label, SKOS.prefLabel)
_NAMES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel)  # shown as the page's names, not as relations
# A named query's IRI parameter that takes a resource of this kind (the first segment of its /id/ path).
_PARAMETER_FOR_PATH = {"zone": "zone", "industry": "industry", "cluster": "cluster", "sub-city": "subcity",
                       "area": "area"}


def queries_about(catalogue, iri: str) -> list[dict]:
    """The named queries whose parameter takes this resource, as links with the resource's short id."""
    if not iri.startswith(ID):
        return []
    short = iri[len(ID):]
    wanted = _PARAMETER_FOR_PATH.get(short.split("/", 1)[0])
    found = []
    for named in catalogue.values():
        for parameter in named.parameters:
            if parameter.type == "iri" and parameter.name in (wanted, "resource"):
                found.append({"title": label_in(named.title_zh, named.title_en), "url": f"/queries/{named.name}?{parameter.name}={short}"})
    return found


def paragraph_of(quote: str) -> dict | None:
    """The paragraph of the plan's text that holds `quote`, split around it."""
    try:
        text = SOURCE_TEXT.read_text(encoding="utf-8")
    except OSError:
        return None
    for paragraph in text.splitlines():
        at = paragraph.find(quote)
        if at >= 0:
            return {"before": paragraph[:at], "quote": quote, "after": paragraph[at + len(quote):]}
    return None


def render_profile(subject: URIRef, triples, state) -> str:
    profile = build_profile(state.store, str(subject))
    if page_language() == "en":
        _add_translations(profile)
    paragraph = None
    if profile.own is not None and profile.own.kind == "Citation" and profile.own.quotes:
        paragraph = paragraph_of(profile.own.quotes[0].text)
        if paragraph:
            paragraph["section"] = profile.own.quotes[0].section
    own_columns = []
    if profile.own is not None:
        own_columns = [(name, COLUMN_NAMES.get(name, (name, name))) for name in COLUMNS[profile.own.kind]
                       if profile.own.cell(name)]
    focus = str(subject)[len(ID):] if str(subject).startswith(ID) else str(subject)
    return render_template("profile.html", p=profile, kinds=STATEMENT_KINDS, own_columns=own_columns,
                           paragraph=paragraph, queries=queries_about(state.catalogue, str(subject)),
                           explore_focus=focus, **raw_context(subject, triples, state))


def _add_translations(profile) -> None:
    """Each quote of the page with the project's English of its sentences."""
    english = quote_translations()
    statements = [statement for found in profile.statements.values() for statement in found]
    for statement in [*statements, *([profile.own] if profile.own else [])]:
        for quote in statement.quotes:
            quote.en = english.get(quote.citation or profile.iri, "")  # a citation's own page: its quote
    for quote in profile.quotes:
        quote.en = english.get(quote.citation, "")


def raw_context(subject: URIRef, triples, state) -> dict:
    labels: dict[URIRef, dict[str, str]] = defaultdict(dict)
    for s, p, o in triples:
        if p in _LABELS and isinstance(o, Literal):
            labels[s].setdefault(o.language or "", str(o))
    outgoing = sorted(((p, o) for s, p, o in triples if s == subject and p not in _NAMES and p != RDF.type),
                      key=lambda pair: (str(pair[0]), str(pair[1])))
    incoming = sorted(((s, p) for s, p, o in triples if o == subject),
                      key=lambda pair: (str(pair[1]), str(pair[0])))
    names = sorted((o for s, p, o in triples if s == subject and p in _NAMES),
                   key=lambda literal: (literal.language or "", str(literal)))
    types = sorted(o for s, p, o in triples if s == subject and p == RDF.type)

    def label(term):
        """A term's name in the page's language (its original beside it), else its short name."""
        known = labels.get(term, {})
        if known.get("zh") or known.get("en") or known.get(""):
            return name_html(known.get("zh"), known.get("en") or known.get(""))
        return Markup('<span class="iri">{}</span>').format(short_name(str(term)))

    # A zone or an aggregate the plan gives figures for gets their chart (static/charts.js, service/model/figures.py).
    has_figures = any(str(p) == DEF + "refArea" for s, p in incoming)
    return dict(has_figures=has_figures, subject=subject,
                title=label_in(labels[subject].get("zh"), labels[subject].get("en")) or str(subject),
                english=labels[subject].get("en"), names=names, types=types, outgoing=outgoing,
                incoming=incoming, label=label, local_path=state.local_path)

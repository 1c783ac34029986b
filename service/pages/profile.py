"""A resource's profile: what the plan says about it, each statement with the plan's sentence.

Plain queries through the store, whatever the resource: its own properties and the links in; the
qualified statements that mention it (roles, figures, memberships, partnerships, discrepancies, and
cited statements of other kinds), found first and then described; the labels of everything they
point to, in one query per 200; the citations (quote, section) of those statements and of the
resource itself. The queries over what mentions the resource join in no OPTIONAL labels and test no
NOT EXISTS: the remote stores planned those badly (Virtuoso 7.2: 0.65 s on every page, Comunica 4.5:
up to 7 s a query). Everything else is shaped here, in Python.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from markupsafe import Markup

from hzkg.graph.paths import DEF
from hzkg.service.language import t
from hzkg.service.model.words import figure_words, in_language, label_in, name_html, text_html
from hzkg.service.pages.vocabulary import property_name
from hzkg.service.pages.vocabulary import (GENERIC_TYPES, INCOMING_PROPERTIES, POSITION_ROLES, ROLE_ORDER,
                                           STATEMENT_KINDS, SUMMARY_PROPERTIES, COLUMNS, COLUMN_NAMES)

__all__ = ["Profile", "Statement", "Value", "Quote", "build_profile", "QUALIFIER_WORDS"]

PARTNERS = {"partner", "cooperationPartner", "drivenPartner", "reliedPartner", "sourcePartner"}
_KIND_IRIS = " ".join(f"<{DEF}{kind}>" for kind in STATEMENT_KINDS if kind != "Other")

# How the plan words a qualifier around a number: (before, after).
QUALIFIER_WORDS = {"Approximately": ("", "左右"), "AtLeast": ("", "以上"), "MoreThan": ("超过", ""),
                   "Expected": ("预计", ""), "Exact": ("", "")}
# The heading of a section of statements that all link to the page's resource by this property.
_HOLDERS_HEADINGS = {("IndustryRole", "industry"): ("定位此产业的开发区", "Zones assigned this industry"),
                     ("BaseRole", "base"): ("此基地的开发区", "Zones of this base"),
                     ("ClusterParticipation", "cluster"): ("参与的开发区", "Zones taking part"),
                     ("SubCityMembership", "subCity"): ("组成副城的开发区", "Zones forming this sub-city")}


@dataclass
class Value:
    term: object  # URIRef or Literal
    zh: str | None = None
    en: str | None = None
    # A link's own basis when the plan does not state it (a hz:FactStatement of the link says so):
    # the project's classification of a taxonomy link, a location from outside the plan.
    basis: Value | None = None

    @property
    def label(self) -> str:
        """The label in the page's language (the other when it has none)."""
        if isinstance(self.term, Literal):
            return str(self.term)
        return label_in(self.zh, self.en) or _local(str(self.term))

    @property
    def html(self) -> Markup:
        """As a page shows it: a name in the page's language with its original beside it."""
        if isinstance(self.term, Literal):
            return text_html(self.term)
        if str(self.term).startswith(DEF):  # the ontology's word (a role kind, a level): no original beside it
            return text_html(self.label)
        if self.zh or self.en:
            return name_html(self.zh, self.en)
        return Markup('<span class="iri">{}</span>').format(_local(str(self.term)))

    @property
    def local(self) -> str:
        return _local(str(self.term))

    @property
    def is_iri(self) -> bool:
        return isinstance(self.term, URIRef)


@dataclass
class Quote:
    citation: str
    text: str
    section: str  # the plan's own number, 四（二）7
    order: int
    en: str = ""  # the project's unofficial English of the sentences it covers (filled by the page)


def non_stated_basis(values: dict[str, list[Value]]) -> Value | None:
    """A fact's basis when the plan does not state it in so many words (implied, interpreted)."""
    basis = (values.get("basis") or [None])[0]
    return basis if basis is not None and basis.local != "Stated" else None


def basis_note(values: dict[str, list[Value]]) -> Markup:
    """Why the basis is what it is, in the page's language when the graph says it so."""
    notes = in_language(values.get("basisNote", []))
    return notes[0].html if notes else Markup("")


@dataclass
class Statement:
    iri: str
    kind: str  # local name of its class: Observation, IndustryRole, ...
    link: str  # the property by which it mentions the page's resource ("" for the resource itself)
    values: dict[str, list[Value]] = field(default_factory=dict)  # local property name -> values
    quotes: list[Quote] = field(default_factory=list)
    conflict: "Statement | None" = None  # another figure of the same key with another value

    def first(self, name: str) -> Value | None:
        found = self.values.get(name)
        return found[0] if found else None

    def label_of(self, name: str) -> str:
        value = next(iter(in_language(self.values.get(name, []))), None)
        return value.label if value else ""

    @property
    def partner(self) -> Value | None:
        return next(iter(self.partners), None)

    @property
    def partners(self) -> list[Value]:
        """Every partner, by the specific partner properties (hz:partner, inferred, only when none is given)."""
        found: dict[str, Value] = {}
        for name in ("cooperationPartner", "drivenPartner", "reliedPartner", "sourcePartner"):
            for value in self.values.get(name, []):
                found.setdefault(str(value.term), value)
        return list(found.values()) or list(self.values.get("partner", []))

    @property
    def basis(self) -> Value | None:
        return non_stated_basis(self.values)

    @property
    def basis_note(self) -> str:
        return basis_note(self.values)

    def cell(self, name: str) -> list[Value] | str:
        """What a table shows in column `name`: values to link, or text."""
        if name == "figure":
            return self.figure
        if name == "when":
            return self.when
        if name == "partner":
            return self.partners
        return in_language(self.values.get(name, []))

    @property
    def when(self) -> str:
        if self.first("year"):
            return self.label_of("year")
        if self.first("periodStart") or self.first("periodEnd"):
            return f"{self.label_of('periodStart')}–{self.label_of('periodEnd')}"
        return ""

    @property
    def figure(self) -> str:
        """The value as the plan words it (100亿元左右, 55%以上), or in English (about 10 billion yuan)."""
        unit, qualifier = self.first("unit"), self.first("qualifier")
        return figure_words(self.label_of("value"), unit.local if unit else None, qualifier.local if qualifier else None,
                            unit_zh=unit.zh if unit else None)

    @property
    def key(self) -> tuple:
        """What two figures must share to be the same figure (qualifiers aside)."""
        return (self.label_of("refArea"), self.label_of("indicator"), self.label_of("valueKind"),
                self.label_of("year") or self.label_of("periodEnd"))

    @property
    def sections(self) -> str:
        return " ".join(dict.fromkeys(quote.section for quote in self.quotes))

    @property
    def title(self) -> str:
        """A label composed from what the statement links: 浙江临安经济开发区 · 地区生产总值 2015 · 目标值."""
        if self.kind == "Observation":
            parts = [self.label_of("refArea"), f"{self.label_of('indicator')} {self.when}".strip(),
                     self.label_of("valueKind")]
        elif self.kind == "Discrepancy":
            return self.label_of("label") or t("矛盾", "discrepancy")
        elif self.kind == "Other":
            return self.label_of("statement") or f"{self.label_of('statementKind') or t('陈述', 'statement')} · {self.label_of('link')}"
        elif self.kind == "Citation":
            quote = self.quotes[0] if self.quotes else None
            if quote and quote.en and t("zh", "en") == "en":
                return f"{quote.section} · {quote.en[:48]}…"
            return f"{quote.section} · {quote.text[:24]}…" if quote else t("引文", "citation")
        else:
            target = (self.first("industry") or self.first("base") or self.first("cluster")
                      or self.first("subCity") or self.partner)
            kind = self.first("roleKind") or self.first("partnershipKind")
            target_label = t("、", ", ").join(partner.label for partner in self.partners) if target is self.partner and target else \
                (target.label if target else "")
            parts = [self.label_of("holder"), target_label, kind.label if kind else ""]
        return " · ".join(part for part in parts if part)

    @property
    def title_html(self) -> Markup:
        """The title as a page shows it: Chinese parts (a quote, a section number) marked in an English page."""
        return text_html(self.title)


@dataclass
class Profile:
    iri: str
    zh: str | None
    en: str | None
    types: list[Value]
    names: list[Value]  # every rdfs:label, skos:prefLabel, skos:altLabel
    aliases: list[Value]
    properties: list[tuple[str, list[Value]]]  # other own properties (local name or IRI -> values)
    incoming: list[tuple[str, list[Value]]]  # labelled resources that point here, by property
    statements: dict[str, list[Statement]]  # by kind, in STATEMENT_KINDS order
    own: Statement | None  # the resource itself, when it is a statement (a role, a figure, a citation)
    quotes: list[Quote]  # the resource's own citations
    conflicts: list[tuple[Statement, Statement]]

    def summary(self) -> list[tuple[tuple[str, str], list[Value]]]:
        """The own properties a reader wants first, named: ((中文, English), values)."""
        own = dict(self.properties)
        shown_below = set(COLUMNS.get(self.own.kind, ())) if self.own is not None else set()  # the statement's own table
        return [(names, in_language(own[key])) for key, names in SUMMARY_PROPERTIES.items()
                if key in own and key not in shown_below]

    def linked_here(self) -> list[tuple[tuple[str, str], list[Value]]]:
        incoming = dict(self.incoming)
        return [(names, sorted(incoming[key], key=lambda value: value.label))
                for key, names in INCOMING_PROPERTIES.items() if key in incoming]

    @property
    def basis(self) -> Value | None:
        return non_stated_basis(dict(self.properties))

    @property
    def basis_note(self) -> str:
        return basis_note(dict(self.properties))

    def kinds(self) -> list[Value]:
        """What the resource is, in the ontology's words, most telling first."""
        return [value for value in self.types if str(value.term).startswith(DEF)
                and value.local not in GENERIC_TYPES and (value.zh or value.en)]

    @property
    def title(self) -> str:
        if self.own is not None and self.own.kind != "Discrepancy":
            return self.own.title
        return label_in(self.zh, self.en) or self._statement_title() or self._part_title() or _local(self.iri)

    def _part_title(self) -> str:
        """An unlabelled part of a named thing (a zone's geometry) by the thing's name: 杭州萧山临江工业园区 · geometry."""
        owners = [values[0] for _, values in self.incoming if values]
        kind = self.iri.split("/id/", 1)[-1].split("/", 1)[0]
        return f"{owners[0].label} · {kind}" if len(owners) == 1 and "/id/" in self.iri else ""

    def _statement_title(self) -> str:
        """An unlabelled rdf:Statement (the taxonomy's, the plan's statements about a zone) by what it
        links: 物联网 → 新一代信息技术."""
        own = dict(self.properties)
        ends = [own.get(str(RDF.subject)), own.get(str(RDF.object))]
        return " → ".join(values[0].label for values in ends if values) if all(ends) else ""

    @property
    def title_html(self) -> Markup:
        """The heading: in English the English name with the Chinese original beside it."""
        if self.own is not None and self.own.kind != "Discrepancy":
            return text_html(self.own.title)
        if self.zh or self.en:
            return name_html(self.zh, self.en)
        if self._statement_title() or self._part_title():
            return text_html(self.title)
        return Markup('<span class="iri">{}</span>').format(self.title)

    def columns(self, kind: str) -> list[tuple[str, tuple[str, str]]]:
        """The columns of a statement table on this page: the property linking to the page is left out
        when every statement of the table links by it (it would repeat the page's own name)."""
        statements = self.statements.get(kind, [])
        links = {statement.link for statement in statements}
        shown = [name for name in COLUMNS[kind] if not (links == {name} or (name == "partner" and links <= PARTNERS))
                 and any(statement.cell(name) for statement in statements)]
        return [(name, COLUMN_NAMES.get(name, (name, name))) for name in shown]

    def section_names(self, kind: str, names: tuple[str, str, str]) -> tuple[str, str]:
        """A statement section's heading: on the page of what the statements point to (an industry's,
        a base's, a cluster's, a sub-city's) they list zones, and say so."""
        links = {statement.link for statement in self.statements.get(kind, ())}
        return _HOLDERS_HEADINGS.get((kind, next(iter(links))) if len(links) == 1 else None, names[:2])

    def roles_by_kind(self) -> list[tuple[str, bool, list[Statement]]]:
        """Industry roles grouped by role kind: (role label, is a 总体定位 role, statements)."""
        groups: dict[str, list[Statement]] = defaultdict(list)
        for statement in self.statements.get("IndustryRole", ()):
            kind = statement.first("roleKind")
            groups[kind.local if kind else ""].append(statement)
        ordered = sorted(groups, key=lambda kind: ROLE_ORDER.index(kind) if kind in ROLE_ORDER else len(ROLE_ORDER))
        return [(groups[kind][0].label_of("roleKind") or t("其他", "other"), kind in POSITION_ROLES, groups[kind])
                for kind in ordered]


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _short(iri: str) -> str:
    return iri[len(DEF):] if iri.startswith(DEF) else iri


def _in_order(rows) -> list:
    """Rows in one order whatever the engine's (a page must read the same on every store)."""
    return sorted(rows, key=lambda row: tuple("" if term is None else term.n3() for term in row))


_BASIS, _BASIS_NOTE = URIRef(DEF + "basis"), URIRef(DEF + "basisNote")
_VALUES_ROWS = 200  # resources a query describes or labels, so that a query stays far below max_query_length


def _statements_about(store, term: str) -> tuple[list, list]:
    """The statements that mention the resource: (s, kind, link) of the listed kinds, and (s, link) of cited
    statements of other kinds (not named things: those have a prefLabel), in one query of two branches.
    Found by their links alone, then described (_described): the stores plan the two steps well, not one
    query doing both. Virtuoso 7.2 tested FILTER NOT EXISTS with a VALUES inside on every subject of the
    dataset's graphs (0.65 s on every page; OPTIONAL and !BOUND, 0.01 s); Comunica 4.5 joined OPTIONAL
    labels over all it described (6.7 s for /id/area/all-zones; 0.1 s in two steps). Same answer on every
    engine (tested)."""
    rows = store.query(f"""SELECT DISTINCT ?s ?kind ?link WHERE {{
      {{ ?s ?link {term} . ?s a ?kind VALUES ?kind {{ {_KIND_IRIS} }} }}
      UNION
      {{ ?s ?link {term} FILTER(isIRI(?s) && ?link != <{DEF}citation>) ?s <{DEF}citation> ?cited
         OPTIONAL {{ ?s <{SKOS.prefLabel}> ?name }} OPTIONAL {{ ?s a ?known VALUES ?known {{ {_KIND_IRIS} <{DEF}Citation> }} }}
         FILTER(!BOUND(?name) && !BOUND(?known)) }} }}""", whole=True).rows
    typed = [(s, kind, link) for s, kind, link in rows if kind is not None]
    return _in_order(typed), _in_order([(s, link) for s, kind, link in rows if kind is None])


def _described(store, subjects) -> dict:
    """Each subject's (p, o), in order."""
    rows = _for_each_chunk(store, subjects, lambda values: f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }}")
    described = defaultdict(list)
    for s, p, o in _in_order(rows):
        described[s].append((p, o))
    return described


def _labels(store, iris) -> dict:
    """{iri: (zh, en)}: the first Chinese and English rdfs:label of each, in the order of N-Triples (as the
    first row of OPTIONAL labels would give). One query per _VALUES_ROWS and no OPTIONAL: Comunica 4.5 joined
    two OPTIONAL labels over a whole description (3.2 s for /id/area/all-zones, 0.1 s so)."""
    rows = _for_each_chunk(store, iris, lambda values: f"""SELECT ?o ?label WHERE {{ VALUES ?o {{ {values} }}
      ?o <{RDFS.label}> ?label FILTER(lang(?label) = "zh" || lang(?label) = "en") }}""")
    labels: dict = {}
    for o, label in _in_order(rows):
        zh, en = labels.get(o, (None, None))
        labels[o] = (zh or (label if label.language == "zh" else None), en or (label if label.language == "en" else None))
    return labels


def _for_each_chunk(store, terms, query_for) -> list:
    """The rows of `query_for(values)` over `terms`, _VALUES_ROWS of them a query (in N-Triples order)."""
    terms = sorted(terms, key=lambda term: term.n3())
    rows = []
    for start in range(0, len(terms), _VALUES_ROWS):
        rows += store.query(query_for(" ".join(term.n3() for term in terms[start:start + _VALUES_ROWS])), whole=True).rows
    return rows


def _other_rows(other: list, described: dict, labels: dict) -> list:
    """(s, link, kind_zh, kind_en, label, label_en, basis, basis_zh, basis_en, note, note_en, link_zh, link_en)
    of each cited statement of another kind, one row for each combination as SPARQL's OPTIONALs would give."""
    rows = []
    for s, link in other:
        facts = described[s]
        kinds = [labels[o] for p, o in facts if p == RDF.type and str(o).startswith(DEF) and labels.get(o, (None,))[0]]
        bases = [(o, *labels.get(o, (None, None))) for p, o in facts if p == _BASIS] or [(None, None, None)]
        labels_zh, labels_en = _texts_in(facts, RDFS.label, "zh"), _texts_in(facts, RDFS.label, "en")
        notes_zh, notes_en = _texts_in(facts, _BASIS_NOTE, "zh"), _texts_in(facts, _BASIS_NOTE, "en")
        rows += [(s, link, *kind, label, label_en, *basis, note, note_en, *labels.get(link, (None, None)))
                 for kind in kinds or [(None, None)] for label in labels_zh for label_en in labels_en
                 for basis in bases for note in notes_zh for note_en in notes_en]
    return _in_order(rows)


def _texts_in(facts: list, prop: URIRef, language: str) -> list:
    """The texts of `prop` in `language` among (p, o) facts, or [None] (an OPTIONAL that found none)."""
    return [o for p, o in facts if p == prop and isinstance(o, Literal) and o.language == language] or [None]


def build_profile(store, iri: str) -> Profile:
    """The profile of `iri` (an IRI checked by the caller; empty when the graph says nothing of it)."""
    term = URIRef(iri).n3()
    # Its own properties (?in unbound) and the links in (?in true), one query; their labels come later
    # (_labels): Virtuoso 7.2 otherwise tested the NOT EXISTS on every subject of the graphs before the link
    # (2.8 s a page on the plan); Comunica 4.5 took 1.7 s for /id/plan's labels.
    both = store.query(f"""SELECT ?in ?p ?o WHERE {{ {{ {term} ?p ?o }} UNION {{ ?o ?p {term} FILTER(isIRI(?o))
      OPTIONAL {{ ?o a ?kind VALUES ?kind {{ {_KIND_IRIS} <{DEF}Citation> }} }} FILTER(!BOUND(?kind)) BIND(true AS ?in) }} }}""",
                       whole=True).rows
    own = [(p, o) for way_in, p, o in both if way_in is None]
    links_in = [(p, o) for way_in, p, o in both if way_in is not None]
    typed, other = _statements_about(store, term)
    described = _described(store, {s for s, _, _ in typed} | {s for s, _ in other})
    labels = _labels(store, {o for _, o in [*own, *links_in, *(fact for facts in described.values() for fact in facts)]
                             if isinstance(o, URIRef)} | {link for _, link in other})
    own_rows = _in_order([(p, o, *labels.get(o, (None, None))) for p, o in own])
    incoming_rows = _in_order([(p, o, *labels[o]) for p, o in links_in if o in labels])
    statement_rows = [(s, kind, link, p, o, *labels.get(o, (None, None))) for s, kind, link in typed for p, o in described[s]]
    statements: dict[str, Statement] = {}
    for s, link, kind_zh, kind_en, label, label_en, basis, basis_zh, basis_en, note, note_en, link_zh, link_en in \
            _other_rows(other, described, labels):
        statement = statements.setdefault(str(s), Statement(str(s), "Other", _short(str(link))))
        for language, link_label in (("zh", link_zh), ("en", link_en)):
            _add(statement.values, "link", Value(Literal(property_name(str(link), language) or link_label or _local(str(link)),
                                                         lang=language)))
        for name, texts in (("statementKind", (kind_zh, kind_en)), ("statement", (label, label_en)), ("basisNote", (note, note_en))):
            for text in texts:
                if text is not None:
                    _add(statement.values, name, Value(text))
        if basis is not None:
            _add(statement.values, "basis", Value(basis, str(basis_zh) if basis_zh else None, str(basis_en) if basis_en else None))
    for s, kind, link, p, o, zh, en in statement_rows:
        if link == RDF.type:
            continue
        statement = statements.setdefault(str(s), Statement(str(s), _local(str(kind)), _short(str(link))))
        if p in (RDF.type,):
            continue
        name = "label" if p == RDFS.label else _short(str(p))
        _add(statement.values, name, Value(o, _text(zh), _text(en)))
    types = [Value(o, _text(zh), _text(en)) for p, o, zh, en in own_rows if p == RDF.type]
    own_kinds = {_local(str(value.term)) for value in types if str(value.term).startswith(DEF)}
    own = None
    own_kind = next((kind for kind in (*STATEMENT_KINDS, "Citation") if kind in own_kinds), None)
    own_values: dict[str, list[Value]] = {}
    for p, o, zh, en in own_rows:
        if p != RDF.type:
            _add(own_values, "label" if p == RDFS.label else _short(str(p)), Value(o, _text(zh), _text(en)))
    _link_bases(store, term, own_values)
    if own_kind:
        own = Statement(iri, own_kind, "", own_values)
    quotes = _quotes(store, [iri, *statements])
    for statement in statements.values():
        statement.quotes = quotes.get(statement.iri, [])
    if own is not None:
        own.quotes = quotes.get(iri, [])
        if own_kind == "Citation":
            own.quotes = _citation_itself(own_values)
    by_kind = {kind: sorted((s for s in statements.values() if s.kind == kind), key=_statement_order)
               for kind in STATEMENT_KINDS}
    conflicts = _mark_conflicts(by_kind["Observation"])
    names = [Value(o) for p, o, _, _ in own_rows if p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel)]
    label = {(o.language or ""): str(o) for p, o, _, _ in own_rows if p == RDFS.label}
    hidden = {"label", str(SKOS.prefLabel), str(SKOS.altLabel), "citation", "quote", "section"}
    properties = sorted(((name, values) for name, values in own_values.items() if name not in hidden),
                        key=lambda item: item[0])
    incoming: dict[str, list[Value]] = {}
    for p, o, zh, en in incoming_rows:
        if p != RDF.type:
            _add(incoming, _short(str(p)), Value(o, _text(zh), _text(en)))
    return Profile(iri, label.get("zh"), label.get("en") or label.get(""), types, _unique(names),
                   _unique([Value(o) for p, o, _, _ in own_rows if p == SKOS.altLabel]), properties,
                   sorted(incoming.items()), {kind: found for kind, found in by_kind.items() if found}, own,
                   quotes.get(iri, []) if own_kind != "Citation" else [], conflicts)


def _link_bases(store, term: str, own_values: dict[str, list[Value]]) -> None:
    """Give each of the resource's links that a hz:FactStatement qualifies as not stated (the
    project's classification, outside the plan, implied, interpreted) its basis (the note is on the
    statement's own page)."""
    rows = _in_order(store.query(f"""SELECT ?p ?o ?basis ?basis_zh ?basis_en WHERE {{
      ?statement <{RDF.subject}> {term} ; <{RDF.predicate}> ?p ; <{RDF.object}> ?o ; <{DEF}basis> ?basis
      FILTER(?basis != <{DEF}Stated>)
      OPTIONAL {{ ?basis <{RDFS.label}> ?basis_zh FILTER(lang(?basis_zh) = "zh") }}
      OPTIONAL {{ ?basis <{RDFS.label}> ?basis_en FILTER(lang(?basis_en) = "en") }} }}""", whole=True).rows)
    for p, o, basis, basis_zh, basis_en in rows:
        for value in own_values.get(_short(str(p)), ()):
            if value.term == o:
                value.basis = Value(basis, _text(basis_zh), _text(basis_en))


def _text(term) -> str | None:
    return None if term is None else str(term)


def _add(values: dict, name: str, value: Value) -> None:
    """Add `value` once; of a text given in Chinese and English both are kept, and pages show the
    one of their language (words.in_language)."""
    known = values.setdefault(name, [])
    if all(existing.term != value.term for existing in known):
        known.append(value)


def _unique(values: list[Value]) -> list[Value]:
    seen, kept = set(), []
    for value in values:
        if value.term not in seen:
            seen.add(value.term)
            kept.append(value)
    return sorted(kept, key=lambda value: (getattr(value.term, "language", "") or "", str(value.term)))


def _statement_order(statement: Statement) -> tuple:
    first_section = min((quote.order for quote in statement.quotes), default=10**6)
    return (statement.label_of("indicator"), statement.when, first_section, statement.title)


def _quotes(store, iris: list[str]) -> dict[str, list[Quote]]:
    """The citations of each of `iris`, in the plan's order."""
    if not iris:
        return {}
    values = " ".join(URIRef(iri).n3() for iri in iris)
    rows = store.query(f"""SELECT ?s ?c ?quote ?number ?order WHERE {{ VALUES ?s {{ {values} }}
      ?s <{DEF}citation> ?c . ?c <{DEF}quote> ?quote ; <{DEF}section> ?section .
      ?section <{DEF}sectionNumber> ?number ; <{DEF}order> ?order }}""", whole=True).rows
    found: dict[str, list[Quote]] = defaultdict(list)
    for s, c, quote, number, order in rows:
        found[str(s)].append(Quote(str(c), str(quote), str(number), int(order)))
    return {iri: sorted(quotes, key=lambda q: (q.order, q.citation)) for iri, quotes in found.items()}


def _citation_itself(values: dict[str, list[Value]]) -> list[Quote]:
    quote, section = values.get("quote"), values.get("section")
    if not quote:
        return []
    number = (section[0].zh or section[0].label) if section else ""  # the plan's own number: 四（二）7
    return [Quote("", quote[0].label, number.split(" ")[0], 0)]


def _mark_conflicts(figures: list[Statement]) -> list[tuple[Statement, Statement]]:
    """Pairs of figures with the same area, indicator, kind and year but different values."""
    by_key: dict[tuple, list[Statement]] = defaultdict(list)
    for figure in figures:
        by_key[figure.key].append(figure)
    pairs = []
    for same in by_key.values():
        for index, first in enumerate(same):
            for second in same[index + 1:]:
                if first.label_of("value") != second.label_of("value"):
                    first.conflict, second.conflict = second, first
                    pairs.append((first, second))
    return pairs

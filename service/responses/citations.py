"""Cite this: a fact, a section or any resource as BibTeX, RIS, CSL-JSON, and plain text in
GB/T 7714-2015 (the Chinese national reference standard) and an English style; each names
the plan, the section(s), the quote(s), hzkg's version and the resource's IRI.

Served at /cite?iri=…&format=…, and on /id/… by Accept (application/x-bibtex,
application/x-research-info-systems, application/vnd.citationstyles.csl+json).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from flask import Response

from hzkg.graph.prefixes import sparql_prefixes
from hzkg.graph.version import package_version

from hzkg.service.checking.binding import make_term
from hzkg.service.errors import BadRequest, NotFound
from hzkg.service.responses.dataset_description import PLAN_TITLE, PLAN_TITLE_EN
from hzkg.service.responses.negotiation import Format
from hzkg.service.model.numbering import plan_anchor
from hzkg.service.state import current_state

__all__ = ["CITATION_FORMATS", "CiteTarget", "cite_target", "render_citation", "citation_response"]

CITATION_FORMATS = (
    Format("bibtex", "application/x-bibtex", ("bib", "text/x-bibtex")),
    Format("ris", "application/x-research-info-systems", ("text/x-research-info-systems",)),
    Format("csl-json", "application/vnd.citationstyles.csl+json", ("csl", "csljson")),
    Format("gbt7714", "text/plain", ("gb", "gb/t7714", "gb7714")),
    Format("text", "text/plain", ("english", "plain")),
)


@dataclass
class CiteTarget:
    iri: str
    name_zh: str | None  # the resource's label (a section: its number and title)
    name_en: str | None
    sections: list[tuple[str, str | None]] = field(default_factory=list)  # (number, title)
    quotes: list[str] = field(default_factory=list)
    anchor: str | None = None  # /plan#… when the resource is a part or a quote
    kind: str = "resource"  # "quote" (a citation), "part" (of the plan) or "resource" (cites quotes)
    version: str = field(default_factory=package_version)
    accessed: str = field(default_factory=lambda: datetime.now(timezone.utc).date().isoformat())

    @property
    def key(self) -> str:
        """hzkg-zone-linan-edz for …/id/zone/linan-edz, hzkg-def-Goal for …/def/Goal."""
        local = re.sub(r"^.*?/(?:id/|(?=def/))", "", self.iri, count=1)
        return "hzkg-" + re.sub(r"[^A-Za-z0-9]+", "-", local).strip("-")

    @property
    def section_text(self) -> str:
        return "; ".join(f"{number} {title}".strip() if title and title != number else number
                         for number, title in self.sections)

    @property
    def title_zh(self) -> str:
        if self.kind == "resource":  # a fact or a thing: its name; its sections go in the note
            name = self.name_zh or self.name_en or self.section_text or self.iri.rsplit("/", 1)[-1]
            return PLAN_TITLE if name == PLAN_TITLE else "：".join([PLAN_TITLE, name])  # the plan itself: once
        return "：".join([PLAN_TITLE, self.section_text] if self.sections else [PLAN_TITLE])

    @property
    def quote_text(self) -> str:
        return " / ".join(f"“{quote}”" for quote in self.quotes)


_TARGET_QUERY = sparql_prefixes("hz", "rdfs", "dcterms") + """SELECT ?kind ?label_zh ?label_en ?number ?title ?quote WHERE {
  { BIND("self" AS ?kind) OPTIONAL { $RESOURCE rdfs:label ?label_zh FILTER(lang(?label_zh) = "zh") }
    OPTIONAL { $RESOURCE rdfs:label ?label_en FILTER(lang(?label_en) = "en") } }
  UNION { BIND("quote" AS ?kind) $RESOURCE hz:quote ?quote ; hz:section ?s . ?s hz:sectionNumber ?number OPTIONAL { ?s dcterms:title ?title } }
  UNION { BIND("part" AS ?kind) $RESOURCE hz:partNumber ?number . OPTIONAL { $RESOURCE dcterms:title ?title } }
  UNION { BIND("cited" AS ?kind) $RESOURCE hz:citation ?c . ?c hz:quote ?quote ; hz:section ?s . ?s hz:sectionNumber ?number
          OPTIONAL { ?s dcterms:title ?title } }
}"""


def cite_target(iri: str) -> CiteTarget:
    """What the graph says to cite `iri` by. NotFound when it knows nothing of it."""
    state = current_state()
    try:
        term = make_term("iri", "iri", iri).n3()
    except BadRequest:
        raise BadRequest(f"iri: {iri!r} is not an IRI; give the full IRI of a resource, e.g. "
                         f"{state.settings['base_iri']}id/citation/4-2-7-20abc783") from None
    exists = state.store.query(f"ASK {{ {{ {term} ?p ?o }} UNION {{ ?s ?q {term} }} }}", row_limit=1)
    if not exists.value:
        raise NotFound(f"iri: nothing is known about {iri}; find resources with /search")
    # The IRI was checked and written by rdflib (make_term), so it cannot change the query's shape.
    rows = state.store.query(_TARGET_QUERY.replace("$RESOURCE", term), row_limit=1000).rows
    target = CiteTarget(iri, None, None)
    seen = set()
    for kind, label_zh, label_en, number, title, quote in sorted(rows, key=lambda row: tuple(str(v) for v in row)):
        if kind is not None and str(kind) == "self":
            target.name_zh = target.name_zh or (str(label_zh) if label_zh else None)
            target.name_en = target.name_en or (str(label_en) if label_en else None)
        elif number is not None:
            if str(kind) in ("quote", "part"):
                target.kind = str(kind)
            section = (str(number), str(title) if title else None)
            if section not in seen:
                seen.add(section)
                target.sections.append(section)
            if quote is not None and str(quote) not in target.quotes:
                target.quotes.append(str(quote))
    target.anchor = plan_anchor(iri, state.settings["base_iri"])
    return target


# --- the formats -----------------------------------------------------------------------
def _bibtex_escape(text: str) -> str:
    return re.sub(r"([{}\\%&$#_])", r"\\\1", text)


def bibtex(target: CiteTarget) -> str:
    fields = {
        "title": "{" + _bibtex_escape(target.title_zh) + "}",
        "howpublished": f"\\url{{{target.iri}}}",
        "url": target.iri,
        "note": _bibtex_escape("; ".join(filter(None, [
            f"Section {target.section_text}" if target.sections else None,
            f"Quote: {target.quote_text}" if target.quotes else None,
            f"{target.name_en}" if target.name_en else None,
            f"Via hzkg {target.version}, the knowledge graph of {PLAN_TITLE_EN}"]))),
        "version": target.version,
        "language": "zh",
        "urldate": target.accessed,
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return f"@misc{{{target.key},\n{body}\n}}\n"


def ris(target: CiteTarget) -> str:
    lines = [("TY", "GOVDOC"), ("TI", target.title_zh), ("T2", PLAN_TITLE), ("TT", PLAN_TITLE_EN)]
    lines += [("SE", target.section_text)] if target.sections else []
    lines += [("N1", f"Quote: {quote}") for quote in target.quotes]
    lines += [("N1", target.name_en)] if target.name_en else []
    lines += [("UR", target.iri), ("DB", "hzkg"), ("ET", target.version), ("LA", "zh"), ("Y2", target.accessed.replace("-", "/")),
              ("ER", "")]
    return "".join(f"{tag}  - {value}\n" for tag, value in lines)


def csl_json(target: CiteTarget) -> str:
    year, month, day = (int(x) for x in target.accessed.split("-"))
    item = {
        "id": target.key,
        "type": "report",
        "title": target.title_zh,
        "container-title": PLAN_TITLE,
        "genre": "government plan",
        "URL": target.iri,
        "version": target.version,
        "language": "zh",
        "source": f"hzkg {target.version}",
        "accessed": {"date-parts": [[year, month, day]]},
    }
    note = "; ".join(filter(None, [f"Quote: {target.quote_text}" if target.quotes else None, target.name_en]))
    if note:
        item["note"] = note
    if target.sections:
        item["section"] = target.section_text
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def gbt7714(target: CiteTarget) -> str:
    """GB/T 7714-2015 for an online document ([EB/OL]) with its date of citation."""
    quote = f"原文：{target.quote_text}. " if target.quotes else ""
    return (f"{target.title_zh}[EB/OL]. {quote}hzkg 知识图谱，{target.version} 版. [{target.accessed}]. {target.iri}.\n")


def english(target: CiteTarget) -> str:
    section = f", section {target.section_text}" if target.sections else ""
    name = f" ({target.name_en})" if target.name_en and not target.sections else ""
    quote = f": {target.quote_text}" if target.quotes else ""
    return (f"{PLAN_TITLE_EN} [{PLAN_TITLE}]{section}{name}{quote}. In hzkg, version {target.version}. "
            f"{target.iri} (accessed {target.accessed}).\n")


_WRITERS = {"bibtex": bibtex, "ris": ris, "csl-json": csl_json, "gbt7714": gbt7714, "text": english}


def render_citation(target: CiteTarget, key: str) -> str:
    return _WRITERS[key](target)


def citation_response(iri: str, chosen: Format) -> Response:
    response = Response(render_citation(cite_target(iri), chosen.key), mimetype=chosen.mimetype)
    response.charset = "utf-8"
    response.vary.add("Accept")
    return response

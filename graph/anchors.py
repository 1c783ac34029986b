"""Step 5: every quote anchored in the plan's text with W3C Web Annotation selectors, and
the plan's parts as RDF: the build computes them, checks them, and writes them to their
own named graph (paths.GRAPH_TEXT).

A citation (any resource with hz:section and hz:quote: citations, registered sentences)
gets an `oa:TextQuoteSelector` (exact, prefix, suffix) and an `oa:TextPositionSelector`
(start, end: Unicode code points of the vendored text, end exclusive) on `oa:hasSource
<plan>`, whose `hz:text` is that text. A quote is looked for inside its own section (so
a sentence the plan writes twice is anchored where its citation says); a table row,
quoted cell by cell with single spaces, is matched up to white space and anchored to the
row's span, so its `exact` is the text as the file has it (cells separated by tabs and
line breaks).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from hzkg.graph.findings import Finding
from hzkg.graph.locate import Locator
from hzkg.graph.paths import DEF, ID
from hzkg.graph.plan_parts import PLAN, Part, PlanParts, enclosing_numbers
from hzkg.graph.provenance import normalize_space

__all__ = ["Anchor", "OA", "anchor_quotes", "check_anchors", "text_graph", "add_anchor_triples", "CONTEXT", "collapsed_text"]

OA = Namespace("http://www.w3.org/ns/oa#")
HZ = Namespace(DEF)
CONTEXT = 32  # characters of prefix and suffix, as Hypothesis stores them
_PART_CLASSES = {"section": HZ.Section, "heading": HZ.Heading, "paragraph": HZ.Paragraph,
                 "table": HZ.PlanTable, "row": HZ.TableRow, "cell": HZ.TableCell}
_PART_ENGLISH = {"heading": "heading", "paragraph": "paragraph", "table": "table", "row": "row", "cell": "cell"}


@dataclass(frozen=True)
class Anchor:
    resource: URIRef  # the citation (or registered sentence)
    quote: str
    part: str  # local name of the part it was anchored in (its section, or the nearest the text has)
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    occurrences_in_part: int  # more than 1: anchored at the first


class _Collapsed:
    """The text with every run of white space as one space, and where each character came from."""

    def __init__(self, text: str):
        chars, origin = [], []
        previous_space = False
        for index, char in enumerate(text):
            space = char.isspace()
            if space and previous_space:
                continue
            chars.append(" " if space else char)
            origin.append(index)
            previous_space = space
        self.text = "".join(chars)
        self.origin = origin

    def to_collapsed(self, position: int) -> int:
        """The first collapsed index whose character comes from `position` or later."""
        low, high = 0, len(self.origin)
        while low < high:
            middle = (low + high) // 2
            if self.origin[middle] < position:
                low = middle + 1
            else:
                high = middle
        return low


def collapsed_text(text: str) -> str:
    """The text as the quotes are compared with it: white space runs as one space.

    >>> collapsed_text("a\\n\\t b  c")
    'a b c'
    """
    return _Collapsed(text).text


def _section_of(resource: URIRef, facts: Graph, parts: PlanParts) -> Part | None:
    """The part a citation's section names: by IRI, else by its number, else the nearest
    enclosing number the text has (四（二）7 -> 四（二） -> 四)."""
    section = facts.value(resource, HZ.section)
    if section is None:
        return None
    local = str(section)[len(ID):] if str(section).startswith(ID) else None
    if local in parts and parts[local].kind == "section":
        return parts[local]
    by_number = parts.by_number()
    found = [n for n in enclosing_numbers(str(facts.value(section, HZ.sectionNumber) or "")) if n in by_number]
    return by_number[found[0]] if found else None


def anchor_quotes(facts: Graph, parts: PlanParts, locator: Locator) -> tuple[list[Anchor], list[Finding]]:
    """An anchor for every resource with hz:quote and hz:section; a finding for each quote that
    is in the plan but not in its section (a quote not in the plan at all is the provenance
    check's to report)."""
    text = parts.text
    collapsed = _Collapsed(text)
    anchors, findings = [], []
    for resource in sorted(set(facts.subjects(HZ.quote, None)) & set(facts.subjects(HZ.section, None))):
        for quote in sorted(str(q) for q in facts.objects(resource, HZ.quote)):
            wanted = normalize_space(quote)
            if not wanted or wanted not in collapsed.text:
                continue
            part = _section_of(resource, facts, parts) or parts[PLAN]
            low, high = collapsed.to_collapsed(part.start), collapsed.to_collapsed(part.end)
            found = collapsed.text.find(wanted, low, high)
            if found < 0:
                elsewhere = collapsed.origin[collapsed.text.find(wanted)]
                where = _innermost_section(parts, elsewhere)
                file, line = locator.locate(resource)
                findings.append(Finding("selectors", file, line,
                                        f"<{resource}> quote not in its section {part.number} but in {where}: «{quote}»"))
                continue
            count = collapsed.text[low:high].count(wanted)
            start = collapsed.origin[found]
            end = collapsed.origin[found + len(wanted) - 1] + 1
            anchors.append(Anchor(resource, quote, part.local, start, end, text[start:end],
                                  text[max(0, start - CONTEXT):start], text[end:end + CONTEXT], count))
    return anchors, findings


def _innermost_section(parts: PlanParts, position: int) -> str:
    sections = [p for p in parts.values() if p.kind == "section" and p.start <= position < p.end]
    return sections[-1].number if sections else "no section"


def check_anchors(anchors: list[Anchor], parts: PlanParts, locator: Locator) -> list[Finding]:
    """Re-read each anchor against the text, as a client resolving the selectors would:
    the text at start..end is `exact`, which is the quote (up to white space between table
    cells); prefix and suffix surround it; the span lies in its part; and exact with its
    prefix and suffix occurs once in the text (a TextQuoteSelector names one place)."""
    text = parts.text
    findings = []
    for anchor in anchors:
        part = parts[anchor.part]
        problems = []
        if text[anchor.start:anchor.end] != anchor.exact:
            problems.append(f"the text at {anchor.start}..{anchor.end} is not its exact text")
        if normalize_space(anchor.exact) != normalize_space(anchor.quote):
            problems.append(f"the text at {anchor.start}..{anchor.end} «{anchor.exact}» is not the quote")
        if not re.search(r"\s", anchor.quote) and anchor.exact != anchor.quote:
            problems.append("a quote without white space is not anchored verbatim")
        if text[anchor.start - len(anchor.prefix):anchor.start] != anchor.prefix or \
                text[anchor.end:anchor.end + len(anchor.suffix)] != anchor.suffix:
            problems.append("its prefix or suffix is not the text around it")
        if not part.start <= anchor.start < anchor.end <= part.end:
            problems.append(f"its span {anchor.start}..{anchor.end} is outside its section {part.number}")
        if text.count(anchor.prefix + anchor.exact + anchor.suffix) != 1:
            problems.append("its quote selector (prefix, exact, suffix) does not name one place in the text")
        if problems:
            file, line = locator.locate(anchor.resource)
            findings += [Finding("selectors", file, line, f"<{anchor.resource}> {p}: «{anchor.quote}»") for p in problems]
    return findings


def _iri(local: str) -> URIRef:
    return URIRef(ID + local)


def _english_number(part: Part) -> str:
    """`section/5-1-2` -> "Section 5-1-2", as plan.ttl labels its sections in English."""
    return "Section " + part.local.removeprefix("section/")


def text_graph(parts: PlanParts, anchors: list[Anchor], facts: Graph) -> Graph:
    """The plan's parts and the anchors as triples (the build's GRAPH_TEXT)."""
    graph = Graph()
    text = parts.text
    plan = _iri(PLAN)
    graph.add((plan, HZ.text, Literal(text)))
    graph.add((plan, HZ.textSha256, Literal(hashlib.sha256(text.encode("utf-8")).hexdigest())))
    graph.add((plan, HZ.characters, Literal(len(text), datatype=XSD.integer)))
    known_sections = set(facts.subjects(RDF.type, HZ.Section))
    for part in parts.values():
        if part.kind == "plan":
            continue
        iri = _iri(part.local)
        graph.add((iri, RDF.type, _PART_CLASSES[part.kind]))
        graph.add((iri, DCTERMS.isPartOf, _iri(part.parent)))
        graph.add((iri, HZ.text, Literal(part.text(text))))
        _position(graph, iri, part.start, part.end)
        if part.kind == "section":
            if iri not in known_sections:  # a section plan.ttl does not list (五（一）1 …): as it lists them
                graph.add((iri, HZ.sectionNumber, Literal(part.number)))
                graph.add((iri, DCTERMS.title, Literal(part.title, lang="zh")))
                graph.add((iri, RDFS.label, Literal(f"{part.number} {part.title}", lang="zh")))
                graph.add((iri, RDFS.label, Literal(_english_number(part), lang="en")))
        else:  # no rdfs:label: 293 labels such as "四（二）7 ¶3" would only crowd /search
            graph.add((iri, HZ.partNumber, Literal(part.number)))
    add_anchor_triples(graph, anchors)
    return graph


def add_anchor_triples(graph: Graph, anchors: list[Anchor]) -> None:
    """Each anchor's oa:hasSource and its two selectors."""
    for anchor in anchors:
        _position(graph, anchor.resource, anchor.start, anchor.end)
        selector = URIRef(f"{anchor.resource}#text-quote")
        graph.add((anchor.resource, OA.hasSelector, selector))
        graph.add((selector, RDF.type, OA.TextQuoteSelector))
        graph.add((selector, OA.exact, Literal(anchor.exact)))
        graph.add((selector, OA.prefix, Literal(anchor.prefix)))
        graph.add((selector, OA.suffix, Literal(anchor.suffix)))


def _position(graph: Graph, iri: URIRef, start: int, end: int) -> None:
    # xsd:integer, not the Web Annotation model's xsd:nonNegativeInteger: pyoxigraph stores the
    # latter as xsd:integer, so the endpoint and the dumps would not give back the artifact's terms.
    selector = URIRef(f"{iri}#text-position")
    graph.add((iri, OA.hasSource, _iri(PLAN)))
    graph.add((iri, OA.hasSelector, selector))
    graph.add((selector, RDF.type, OA.TextPositionSelector))
    graph.add((selector, OA.start, Literal(start, datatype=XSD.integer)))
    graph.add((selector, OA.end, Literal(end, datatype=XSD.integer)))

"""What authors of facts leave to the build: citation names and the triples of fact statements.

A citation is named by one rule, `<citation/SECTION-HASH>`: SECTION is the local name of
its section (`4-2-7`, `preface`, `appendix-table`), HASH the first 8 hex digits of the
SHA-1 of its quote (the quote's text as written, UTF-8, without its language tag). An
author writes the section and the quote, nothing else:

    hz:citation [ hz:section <section/4-2-7> ; hz:quote "…"@zh ] .

and the build names that blank node by the rule, types it hz:Citation and says it was
quoted from <plan>. A citation written with a name is checked against the rule
(`citation_name_findings`); tools/citation_iris.py renames the ones that break it.

A hz:FactStatement (a zone's level, a zone consolidated into another) carries the basis
and citations of one triple; the build asserts that triple, so it is written once.
"""
from __future__ import annotations

import hashlib

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import PROV

from hzkg.graph.findings import Finding
from hzkg.graph.paths import DEF, ID
from hzkg.graph.skolem import is_skolem

__all__ = ["CITATION_RULE", "citation_iri", "complete_facts", "citation_name_findings", "misnamed_citations"]

CITATION_RULE = "<citation/SECTION-HASH>: the section's local name, then the first 8 hex digits of the SHA-1 of the quote"
CITATION, FACT_STATEMENT = URIRef(DEF + "Citation"), URIRef(DEF + "FactStatement")
QUOTE, SECTION = URIRef(DEF + "quote"), URIRef(DEF + "section")
PLAN = URIRef(ID + "plan")
_SECTIONS, _CITATIONS = ID + "section/", ID + "citation/"


def citation_iri(section: URIRef, quote: str) -> URIRef | None:
    """The IRI the rule gives a citation of `quote` in `section`; None for a section outside `section/`.

    >>> str(citation_iri(URIRef(ID + "section/4-2-7"), "开发区累计新开发面积5平方公里，计划总投资90亿元左右；到2015年，开发区地区生产总值达到100亿元左右"))
    'https://w3id.org/hzkg/id/citation/4-2-7-20abc783'
    """
    if not str(section).startswith(_SECTIONS):
        return None
    digest = hashlib.sha1(str(quote).encode("utf-8")).hexdigest()[:8]
    return URIRef(f"{_CITATIONS}{str(section)[len(_SECTIONS):]}-{digest}")


def _rule_name(graph: Graph, citation) -> URIRef | None:
    """The rule's IRI for a resource with exactly one section (an IRI) and one quote (a literal)."""
    sections, quotes = list(graph.objects(citation, SECTION)), list(graph.objects(citation, QUOTE))
    if len(sections) != 1 or len(quotes) != 1 or not isinstance(quotes[0], Literal):
        return None  # the shapes say what is missing
    return citation_iri(sections[0], quotes[0])


def _rename(graph: Graph, old, new: URIRef) -> None:
    for s, p, o in list(graph.triples((old, None, None))):
        graph.remove((s, p, o))
        graph.add((new, p, o))
    for s, p, o in list(graph.triples((None, None, old))):
        graph.remove((s, p, o))
        graph.add((s, p, new))


def complete_facts(graph: Graph) -> None:
    """Name each citation written as a blank node (already skolemized) by the rule, and assert
    the triple of each hz:FactStatement; in place."""
    for node in sorted(s for s in set(graph.subjects(QUOTE, None)) if is_skolem(s)):
        name = _rule_name(graph, node)
        if name is None:
            continue
        if graph.value(node, RDF.type) is None:
            graph.add((node, RDF.type, CITATION))
        if graph.value(node, PROV.wasQuotedFrom) is None:
            graph.add((node, PROV.wasQuotedFrom, PLAN))
        _rename(graph, node, name)
    for statement in graph.subjects(RDF.type, FACT_STATEMENT):
        triple = [list(graph.objects(statement, p)) for p in (RDF.subject, RDF.predicate, RDF.object)]
        if all(len(terms) == 1 for terms in triple):
            graph.add(tuple(terms[0] for terms in triple))


def misnamed_citations(graph: Graph) -> dict[URIRef, URIRef]:
    """Each citation named under `citation/` against the rule, with the name the rule gives it."""
    found = {}
    for citation in set(graph.subjects(QUOTE, None)):
        if str(citation).startswith(_CITATIONS):
            expected = _rule_name(graph, citation)
            if expected is not None and expected != citation:
                found[citation] = expected
    return dict(sorted(found.items()))


def _relative(iri: URIRef) -> str:
    return f"<{str(iri)[len(ID):]}>" if str(iri).startswith(ID) else f"<{iri}>"


def citation_name_findings(facts: Graph, locator) -> list[Finding]:
    """A citation named against the rule: where it is written, and the name it should have."""
    findings = []
    for citation, expected in misnamed_citations(facts).items():
        file, line = locator.locate(citation)
        findings.append(Finding(
            "provenance", file, line,
            f"citation {_relative(citation)} is not named by the rule: expected {_relative(expected)} ({CITATION_RULE}); "
            "rename it everywhere with `python tools/citation_iris.py`, or write it as a blank node "
            "[ hz:section …; hz:quote … ] and the build names it",
        ))
    return findings

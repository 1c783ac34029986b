"""Step 2: every vocabulary term the facts use is declared; every link points somewhere."""
from __future__ import annotations

from rdflib import RDF, Graph, Literal, URIRef

from hzkg.graph.findings import Finding, show_term
from hzkg.graph.locate import Locator
from hzkg.graph.paths import DEF, ID

__all__ = ["unknown_terms", "dangling_links", "ill_typed_literals"]


def _vocabulary_terms_used(facts: Graph) -> set[URIRef]:
    used = set()
    for _, predicate, obj in facts:
        used.add(predicate)
        if isinstance(obj, URIRef):
            used.add(obj)
    return {term for term in used if str(term).startswith(DEF)}


def unknown_terms(facts: Graph, ontology: Graph, locator: Locator) -> list[Finding]:
    """A `hz:` term used in the facts (predicate, class or object) that the ontology
    does not declare (give an rdf:type) is a typo or a missing declaration."""
    declared = set(ontology.subjects(RDF.type, None))
    findings = []
    for term in sorted(_vocabulary_terms_used(facts) - declared):
        for file, line in locator.uses(term):
            findings.append(Finding("terms", file, line, f"unknown term <{term}>: not declared in the ontology"))
    return findings


def dangling_links(facts: Graph, ontology: Graph, locator: Locator) -> list[Finding]:
    """A link to a resource (an `id/` IRI) that no triple describes is a broken link."""
    targets = {o for o in facts.objects() if isinstance(o, URIRef) and str(o).startswith(ID)}
    described = set(facts.subjects()) | set(ontology.subjects())
    findings = []
    for term in sorted(targets - described):
        for file, line in locator.uses(term):
            findings.append(Finding("terms", file, line, f"dangling link <{term}>: no triple describes it"))
    return findings


def ill_typed_literals(facts: Graph, locator: Locator) -> list[Finding]:
    """A literal whose text does not fit its datatype ("abc"^^xsd:integer)."""
    findings = []
    for subject, predicate, obj in sorted(facts):
        if isinstance(obj, Literal) and obj.ill_typed:
            file, line = locator.locate(subject)
            findings.append(Finding("terms", file, line, f"<{subject}> <{predicate}>: ill-typed literal {show_term(obj)}"))
    return findings

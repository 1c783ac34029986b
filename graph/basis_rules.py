"""Bases written by rule, where the rule is honest (issue 22): added to the facts when they are
parsed, so that the shapes check them like any fact and every query sees them.

- A policy statement restates the sentences it cites: hz:basis hz:Stated, unless its file gives
  another basis (with the note that says why).
- A measure's actor: hz:actorBasis hz:Interpreted where hz:actorNote says how we assigned it (the
  plan names nobody, or names 市里 for the city government), hz:Stated where the cited sentence
  names it.
- A link of the industry taxonomy (skos:broader) is the project's classification (hz:Classified),
  unless a hz:FactStatement of the facts states its basis and cites the sentence that groups the two.
- A location entailed through hz:locatedIn's transitivity (a park in 余杭区, 余杭区 in 杭州市, so the
  park in 杭州市) keeps the basis of the links it comes from: the weakest of them, with their
  citations, the links named (prov:wasDerivedFrom) and a note saying so.

Examples
--------
>>> from rdflib import Graph
>>> g = Graph().parse(format="turtle", data='''
... @prefix hz: <https://w3id.org/hzkg/def/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
... <https://w3id.org/hzkg/id/industry/led> skos:broader <https://w3id.org/hzkg/id/industry/energy-saving> .''')
>>> add_rule_bases(g)
1
>>> print(g.value(TAXONOMY_STATEMENT("led", "energy-saving"), HZ.basis))
https://w3id.org/hzkg/def/Classified
"""
from __future__ import annotations

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from hzkg.graph.paths import DEF, ID

__all__ = ["add_rule_bases", "TAXONOMY_STATEMENT"]

HZ = Namespace(DEF)
PROV = Namespace("http://www.w3.org/ns/prov#")
# From the strongest basis to the weakest: an entailed link is as strong as its weakest step.
_BASIS_STRENGTH = (HZ.Stated, HZ.Implied, HZ.Classified, HZ.Interpreted, HZ.OutsidePlan)
_INDUSTRY = ID + "industry/"


def TAXONOMY_STATEMENT(narrower: str, broader: str) -> URIRef:  # noqa: N802 - names an IRI pattern
    """The IRI of the basis statement of one taxonomy link, by the two industries' slugs."""
    return URIRef(f"{ID}statement/taxonomy/{narrower}/{broader}")


def _slug(industry: URIRef) -> str:
    return str(industry)[len(_INDUSTRY):] if str(industry).startswith(_INDUSTRY) else str(industry).rsplit("/", 1)[-1]


def _stated_triples(facts: Graph) -> set[tuple]:
    """The triples some hz:FactStatement of the files already gives a basis."""
    return {(facts.value(s, RDF.subject), facts.value(s, RDF.predicate), facts.value(s, RDF.object))
            for s in facts.subjects(RDF.type, HZ.FactStatement)}


def add_rule_bases(facts: Graph) -> int:
    """Add the bases the rules give to `facts`; return how many resources got one."""
    added = 0
    statements = set(facts.subjects(RDF.type, HZ.PolicyStatement))
    for cls in (HZ.Assessment, HZ.GuidingIdea, HZ.Principle, HZ.Goal, HZ.LayoutGuidance,
                HZ.PositioningStatement, HZ.PolicyMeasure):
        statements |= set(facts.subjects(RDF.type, cls))
    for statement in sorted(statements):
        if facts.value(statement, HZ.basis) is None:
            facts.add((statement, HZ.basis, HZ.Stated))
            added += 1
    for measure in sorted(set(facts.subjects(HZ.actor, None))):
        if facts.value(measure, HZ.actorBasis) is None:
            assigned = facts.value(measure, HZ.actorNote) is not None
            facts.add((measure, HZ.actorBasis, HZ.Interpreted if assigned else HZ.Stated))
            added += 1
    stated = _stated_triples(facts)
    for narrower, broader in sorted(facts.subject_objects(SKOS.broader)):
        if (narrower, SKOS.broader, broader) in stated:
            continue
        node = TAXONOMY_STATEMENT(_slug(narrower), _slug(broader))
        facts.add((node, RDF.type, HZ.FactStatement))
        facts.add((node, RDF.subject, narrower))
        facts.add((node, RDF.predicate, SKOS.broader))
        facts.add((node, RDF.object, broader))
        facts.add((node, HZ.basis, HZ.Classified))
        facts.add((node, HZ.basisNote, Literal(
            "项目自己的产业分类：规划没有一句话把这两个产业归为上下位；为按分类回答问题（如 hz:hasIndustryBroadly）而归类", lang="zh")))
        facts.add((node, HZ.basisNote, Literal(
            "The project's own industry classification: no sentence of the plan files the one industry under the "
            "other; it is filed so that taxonomy-aware questions (hz:hasIndustryBroadly) can be answered.", lang="en")))
        added += 1
    return added + _add_entailed_location_bases(facts)


def _add_entailed_location_bases(facts: Graph) -> int:
    """A basis statement for each hz:locatedIn that only transitivity gives, from its chain's statements."""
    statement_of = {(facts.value(s, RDF.subject), facts.value(s, RDF.object)): s
                    for s in facts.subjects(RDF.predicate, HZ.locatedIn)
                    if (s, RDF.type, HZ.FactStatement) in facts}
    parents: dict = {}
    for place, larger in facts.subject_objects(HZ.locatedIn):
        parents.setdefault(place, []).append(larger)
    added = 0
    for place in sorted(parents):
        for larger, chain in sorted(_entailed_chains(place, parents).items()):
            steps = [statement_of.get(step) for step in chain]
            if (place, larger) in statement_of or not all(steps):
                continue
            bases = [facts.value(step, HZ.basis) for step in steps]
            weakest = max(bases, key=lambda b: _BASIS_STRENGTH.index(b) if b in _BASIS_STRENGTH else len(_BASIS_STRENGTH))
            node = URIRef(f"{steps[0]}/entailed/{str(larger).rsplit('/', 1)[-1]}")
            facts.add((node, RDF.type, HZ.EntailedStatement))
            facts.add((node, RDF.subject, place))
            facts.add((node, RDF.predicate, HZ.locatedIn))
            facts.add((node, RDF.object, larger))
            facts.add((node, HZ.basis, weakest))
            for step in steps:
                facts.add((node, PROV.wasDerivedFrom, step))
                for citation in facts.objects(step, HZ.citation):
                    facts.add((node, HZ.citation, citation))
            names = " → ".join(str(p).rsplit("/", 1)[-1] for p in [place] + [b for _, b in chain])
            facts.add((node, HZ.basisNote, Literal(
                f"由位于关系的传递性推出（{names}）：依据取其各步中最弱者", lang="zh")))
            facts.add((node, HZ.basisNote, Literal(
                f"Entailed by hz:locatedIn's transitivity ({names}): the basis is the weakest of its steps'", lang="en")))
            added += 1
    return added


def _entailed_chains(place, parents: dict) -> dict:
    """Each larger place reached from `place` in two steps or more, with the shortest chain of links to it."""
    chains, frontier = {}, [(place, [])]
    while frontier:
        here, chain = frontier.pop(0)
        for larger in sorted(parents.get(here, [])):
            path = chain + [(here, larger)]
            if larger in chains or larger == place or any(larger == a for a, _ in chain):
                continue
            chains[larger] = path
            frontier.append((larger, path))
    return {larger: path for larger, path in chains.items() if len(path) > 1}

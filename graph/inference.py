"""Step 6: the entailments queries need, from a few SPARQL rules on pyoxigraph.

owlrl's full OWL 2 RL closure is the reference (`reference_entailments`), but it
is slow and mostly noise: these rules give the same entailments about our resources
in a small part of its time (docs/measurements.md); tests/test_build_inference.py
checks that they stay the same.
"""
from __future__ import annotations

from pyoxigraph import Literal as OxLiteral
from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store, Triple, parse
from rdflib import Graph
from rdflib import Literal as RdfLiteral

from hzkg.graph.paths import ID
from hzkg.graph.prefixes import NAMESPACES
from hzkg.graph.skolem import GENID

__all__ = ["RULES", "fast_entailments", "readable_by_rules", "reference_entailments", "is_noise", "about_our_resources", "as_triples"]

RDF, RDFS, OWL, XSD = (NAMESPACES[name] for name in ("rdf", "rdfs", "owl", "xsd"))

_PREFIXES = {name: NAMESPACES[name] for name in ("rdf", "rdfs", "owl")}

# Each rule is one SPARQL INSERT; they run in turn until nothing new appears.
RULES = {
    "subclass types": """INSERT { ?x rdf:type ?super } WHERE {
        ?x rdf:type ?class .
        ?class (rdfs:subClassOf|owl:equivalentClass|^owl:equivalentClass)+ ?super . }""",
    "subproperties": """INSERT { ?x ?super ?y } WHERE {
        ?property (rdfs:subPropertyOf|owl:equivalentProperty|^owl:equivalentProperty)+ ?super .
        ?x ?property ?y . }""",
    "inverses": """INSERT { ?y ?inverse ?x } WHERE {
        ?property owl:inverseOf|^owl:inverseOf ?inverse .
        ?x ?property ?y . FILTER(!isLiteral(?y)) }""",
    "symmetric": """INSERT { ?y ?property ?x } WHERE {
        ?property rdf:type owl:SymmetricProperty .
        ?x ?property ?y . FILTER(!isLiteral(?y)) }""",
    "transitive": """INSERT { ?x ?property ?z } WHERE {
        ?property rdf:type owl:TransitiveProperty .
        ?x ?property ?y . ?y ?property ?z . }""",
    "domain types": """INSERT { ?x rdf:type ?class } WHERE {
        ?property rdfs:domain ?class . ?x ?property ?y . }""",
    "range types": """INSERT { ?y rdf:type ?class } WHERE {
        ?property rdfs:range ?class . ?x ?property ?y . FILTER(!isLiteral(?y)) }""",
    "property chains": """INSERT { ?x ?property ?z } WHERE {
        ?property owl:propertyChainAxiom ?chain .
        ?chain rdf:first ?first ; rdf:rest ?rest .
        ?rest rdf:first ?second ; rdf:rest rdf:nil .
        ?x ?first ?y . ?y ?second ?z . }""",
}

_NOISE_TYPES = {NamedNode(OWL + "Thing"), NamedNode(RDFS + "Resource"), NamedNode(OWL + "NamedIndividual")}
_VOCABULARY_NAMESPACES = (RDF, RDFS, OWL, XSD)
_TYPE = NamedNode(RDF + "type")
_SAME_AS = NamedNode(OWL + "sameAs")


def is_noise(triple: Triple) -> bool:
    """Entailments no query needs: typing as owl:Thing and the like, reflexive
    owl:sameAs, triples about the RDF/RDFS/OWL vocabulary itself, and membership
    in anonymous class expressions (restrictions, unions: skolemized blank nodes)."""
    subject, predicate, obj = triple.subject, triple.predicate, triple.object
    if isinstance(subject, NamedNode) and subject.value.startswith(_VOCABULARY_NAMESPACES):
        return True
    if predicate == _SAME_AS and subject == obj:
        return True
    if predicate == _TYPE:
        if isinstance(obj, OxLiteral) or obj in _NOISE_TYPES:
            return True
        if isinstance(obj, NamedNode) and obj.value.startswith(GENID):
            return True
    return False


_AXIOM_PREDICATES = {NamedNode(RDFS + "subPropertyOf"), NamedNode(RDFS + "domain"), NamedNode(RDFS + "range"),
                     NamedNode(OWL + "inverseOf"), NamedNode(OWL + "equivalentProperty")}
_PROPERTY_TYPES = {NamedNode(OWL + "SymmetricProperty"), NamedNode(OWL + "TransitiveProperty")}
_FIRST = NamedNode(RDF + "first")


def readable_by_rules(ontology: set[Triple], triples: set[Triple]) -> set[Triple]:
    """The triples some rule of RULES can read: rdf:type, the RDF/RDFS/OWL vocabulary, and
    properties that an axiom of the ontology names (sub-, equivalent or inverse property,
    domain, range, symmetric, transitive, a link of a property chain). Others — the plan's text,
    the quotes' selectors — can neither match a rule nor be entailed, so inference skips them.
    """
    named = {_TYPE}
    for t in ontology:
        if t.predicate in _AXIOM_PREDICATES:
            named.update((t.subject, t.object))
        elif t.predicate == _TYPE and t.object in _PROPERTY_TYPES:
            named.add(t.subject)
        elif t.predicate == _FIRST:
            named.add(t.object)
    return {t for t in triples if t.predicate in named or t.predicate.value.startswith(_VOCABULARY_NAMESPACES)}


def as_triples(graph: Graph) -> set[Triple]:
    """An rdflib graph's triples as pyoxigraph terms (through N-Triples, the fast way)."""
    data = graph.serialize(format="nt", encoding="utf-8")
    return {quad.triple for quad in parse(data, RdfFormat.N_TRIPLES)}


def _triples(store: Store) -> set[Triple]:
    return {quad.triple for quad in store.quads_for_pattern(None, None, None, None)}


def fast_entailments(asserted: set[Triple]) -> set[Triple]:
    """New triples entailed by RULES from the asserted ones (ontology + facts), noise removed."""
    store = Store()
    store.extend(Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in asserted)
    # Read the input back from the store: it stores some literals in canonical form
    # ("630.0" as "630"), and those must not count as new.
    asserted = _triples(store)
    size = len(asserted)
    while True:
        for rule in RULES.values():
            store.update(rule, prefixes=_PREFIXES)
        new_size = len(store)
        if new_size == size:
            break
        size = new_size
    return {t for t in _triples(store) - asserted if not is_noise(t)}


def reference_entailments(ontology: Graph, facts: Graph) -> set[Triple]:
    """New triples of owlrl's OWL 2 RL closure of ontology + facts (or any asserted data), noise removed."""
    import owlrl  # only the reference needs it, and importing it takes a while

    # A store without named graphs: the closure is the same set of triples, and owlrl's many lookups
    # skip the default store's bookkeeping of contexts (the plan with its text: 23 -> 19 s of CPU).
    closure = Graph(store="SimpleMemory")
    closure += ontology
    closure += facts
    asserted = set(closure)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    entailed = Graph()
    for triple in closure:
        # Literal subjects are "literal typing", noise, and not representable in pyoxigraph.
        if triple not in asserted and not isinstance(triple[0], RdfLiteral):
            entailed.add(triple)
    return {t for t in as_triples(entailed) if not is_noise(t)}


def about_our_resources(triples: set[Triple]) -> set[Triple]:
    """The triples whose subject is one of the plan's resources (`id/` namespace)."""
    return {t for t in triples if isinstance(t.subject, NamedNode) and t.subject.value.startswith(ID)}

"""The fast inference rules give what owlrl's full OWL 2 RL closure gives, on the build's own input:
the same entailments about our resources, and every named query the same answers.

The artifact holds the asserted triples and the entailments of a few SPARQL rules
(graph/inference.py); the reference is the asserted triples plus owlrl's whole closure,
less the noise that no query can use (typing as owl:Thing, reflexive owl:sameAs,
statements about the RDF/OWL vocabulary itself: graph.inference.is_noise). The
closure also holds what the rules leave out on purpose, such as the ontology's own
subclass closure (reflexive and transitive rdfs:subClassOf), so a query that relied on
its absence would answer differently here.

owlrl's closure of the plan is the slowest thing the build's tests compute (about 20 s of CPU),
so it is computed once, here, for both comparisons; tests/test_build_inference.py compares the
rules with owlrl on the small build fixture.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
import pytest

from hzkg.graph import paths
from hzkg.graph.anchors import anchor_quotes, text_graph
from hzkg.graph.geometry import geometry_triples
from hzkg.graph.inference import about_our_resources, as_triples, reference_entailments
from hzkg.graph.build import load_facts
from hzkg.graph.coverage import plan_sentences
from hzkg.graph.sentences import HEADINGS_FILE, PHRASES_FILE, identify, read_translations, sentence_graph, short_phrases
from hzkg.graph.load import load_turtle_dir
from hzkg.graph.locate import Locator
from hzkg.graph.plan_parts import parse_plan
from hzkg.service.engines.embedded import OxigraphBackend
from tools.bench.engine_speed import catalogue_queries
from tools.golden import canonical

_ROWS = 1_000_000
_QUERIES = catalogue_queries()


class _StoreBackend(OxigraphBackend):
    """The service's oxigraph backend over a store built here."""

    def __init__(self, store: ox.Store):
        self.store = store


@dataclass
class _Reference:
    asserted: set[ox.Triple]  # the ontology, the facts and the plan's text, as the build reads them
    entailed: set[ox.Triple]  # owlrl's closure of them, noise removed


@pytest.fixture(scope="module")
def reference() -> _Reference:
    ontology = load_turtle_dir(paths.ONTOLOGY_DIR, exclude=("shapes.ttl",)).graph
    facts = load_facts(paths.FACTS_DIR).graph
    plan_text = paths.SOURCE_TEXT.read_text(encoding="utf-8")
    parts = parse_plan(plan_text)
    anchors, _ = anchor_quotes(facts, parts, Locator([], facts))
    asserted = facts + text_graph(parts, anchors, facts)  # the facts and the plan's text, as the build writes them
    translation_dir = paths.FACTS_DIR.parent / "translation"  # and the plan's sentences with their English
    asserted += sentence_graph(identify(plan_sentences(plan_text)), read_translations(translation_dir)[0], parts,
                               read_translations(translation_dir, HEADINGS_FILE)[0], short_phrases(parts),
                               read_translations(translation_dir, PHRASES_FILE)[0])
    return _Reference(as_triples(ontology) | as_triples(asserted), reference_entailments(ontology, asserted))


@pytest.fixture(scope="module")
def full_closure(reference) -> OxigraphBackend:
    triples = reference.asserted | reference.entailed
    triples |= geometry_triples()[0]  # the map's geometry graph, part of the dataset, not inferred
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    return _StoreBackend(store)


def test_fast_rules_equal_the_owlrl_reference_on_the_plan(plan_artifact, reference):
    """What the build inferred (the artifact's inferred graph: the rules on the ontology, the facts and
    the text) and owlrl's closure of the same input say the same about our resources."""
    inferred_graph = ox.NamedNode(paths.GRAPH_INFERRED)
    inferred = {quad.triple for quad in ox.parse(path=str(plan_artifact), format=ox.RdfFormat.N_QUADS)
                if quad.graph_name == inferred_graph}
    fast, owlrl = about_our_resources(inferred), about_our_resources(reference.entailed)
    print(f"{len(owlrl)} entailments about our resources")
    missing = sorted(map(str, owlrl - fast))
    extra = sorted(map(str, fast - owlrl))
    assert not missing and not extra, f"owlrl only: {missing[:30]}\nfast rules only: {extra[:30]}"
    assert len(owlrl) > 0


@pytest.mark.parametrize("name", sorted(_QUERIES))
def test_named_query_answers_as_on_the_full_closure(name, plan_store, full_closure):
    text = _QUERIES[name]
    fast = canonical(plan_store.run(text, _ROWS), text)
    assert fast, f"{name} has no answer on the plan's data"
    assert fast == canonical(full_closure.run(text, _ROWS), text)

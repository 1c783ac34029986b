"""Inference: the named entailments are in the artifact, and the fast SPARQL rules
give exactly what owlrl's OWL 2 RL closure gives about our resources (here on the build
fixture; on the plan in tests/test_build_inference_answers.py, which computes owlrl's
closure of the plan once for that comparison and its queries)."""
from __future__ import annotations

import time

import pytest
from build_helpers import FIXTURE, FixtureProject

from hzkg.graph import paths
from hzkg.graph.build import load_facts
from hzkg.graph.inference import about_our_resources, as_triples, fast_entailments, reference_entailments
from hzkg.graph.load import load_turtle_dir

HZ = f"<{paths.DEF}"
PLACE, ZONE, INDUSTRY = f"<{paths.ID}place/", f"<{paths.ID}zone/", f"<{paths.ID}industry/"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SKOS = "<http://www.w3.org/2004/02/skos/core#"
INFERRED = f"<{paths.GRAPH_INFERRED}> ."


@pytest.fixture(scope="module")
def inferred_lines(tmp_path_factory):
    project = FixtureProject(tmp_path_factory.mktemp("inference") / "project")
    assert project.build() == 0
    lines = (project.out / paths.ARTIFACT_NAME).read_text(encoding="utf-8").splitlines()
    return {line.removesuffix(" " + INFERRED) for line in lines if line.endswith(INFERRED)}


@pytest.mark.parametrize(
    "entailment",
    [
        pytest.param(f"{ZONE}hangzhou-etdz> {TYPE} {HZ}Zone>", id="subclass type"),
        pytest.param(f"{ZONE}hangzhou-etdz> {TYPE} {HZ}Place>", id="subclass type, two steps"),
        pytest.param(f"{PLACE}qiantang> {HZ}contains> {ZONE}hangzhou-etdz>", id="inverse"),
        pytest.param(f"{ZONE}jiande> {HZ}partnerOf> {ZONE}hangzhou-etdz>", id="symmetric"),
        pytest.param(f"{ZONE}hangzhou-etdz> {HZ}locatedIn> {PLACE}hangzhou>", id="transitive"),
        pytest.param(f"{PLACE}hangzhou> {HZ}contains> {ZONE}hangzhou-etdz>", id="transitive then inverse"),
        pytest.param(f"{ZONE}hangzhou-etdz> {HZ}industry> {INDUSTRY}biomedicine>", id="subproperty"),
        pytest.param(f"{PLACE}qiantang> {HZ}districtIndustry> {INDUSTRY}biomedicine>", id="chain"),
        pytest.param(f"{PLACE}hangzhou> {HZ}districtIndustry> {INDUSTRY}biomedicine>", id="chain over inferred"),
        pytest.param(f"{INDUSTRY}biomedicine> {SKOS}broaderTransitive> {INDUSTRY}all>", id="skos broader transitive"),
        pytest.param(f"{INDUSTRY}biomedicine> {TYPE} {SKOS}Concept>", id="subclass of a skos class"),
    ],
)
def test_named_entailment_is_inferred(inferred_lines, entailment):
    assert f"{entailment}" in inferred_lines


def test_no_noise_is_inferred(inferred_lines):
    noise = ("owl#Thing>", "owl#NamedIndividual>", "rdf-schema#Resource>", "owl#sameAs>")
    assert not [line for line in inferred_lines if line.endswith(noise) or "owl#sameAs>" in line]
    vocabulary = ("<http://www.w3.org/1999/02/22-rdf-syntax-ns#", "<http://www.w3.org/2002/07/owl#")
    assert not [line for line in inferred_lines if line.startswith(vocabulary)]


def _compare_with_owlrl(ontology_dir, facts_dir) -> int:
    """Assert the fast rules and owlrl agree about our resources; return how many."""
    ontology = load_turtle_dir(ontology_dir, exclude=("shapes.ttl",)).graph
    facts = load_facts(facts_dir).graph
    started = time.perf_counter()
    fast = about_our_resources(fast_entailments(as_triples(ontology) | as_triples(facts)))
    fast_seconds = time.perf_counter() - started
    started = time.perf_counter()
    reference = about_our_resources(reference_entailments(ontology, facts))
    reference_seconds = time.perf_counter() - started
    print(f"fast rules {fast_seconds:.3f} s, owlrl {reference_seconds:.3f} s, {len(reference)} entailments")
    missing = sorted(map(str, reference - fast))
    extra = sorted(map(str, fast - reference))
    assert not missing and not extra, f"owlrl only: {missing[:30]}\nfast rules only: {extra[:30]}"
    return len(reference)


def test_fast_rules_equal_the_owlrl_reference_on_the_fixture():
    assert _compare_with_owlrl(FIXTURE / "ontology", FIXTURE / "facts") > 10

"""The benchmark's synthetic graphs have the plan's shape: every resource replicated, the
ontology shared, the size asked for, and a selective query's answer the same at every size."""
from __future__ import annotations


import pyoxigraph as ox
import pytest

from hzkg.graph import paths
from tools.bench.engine_speed import catalogue_queries
from tools.bench.synthetic import replicas_for, split_plan, write_synthetic

HZ = "https://w3id.org/hzkg/def/"


def _store(path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    return store


def _count(store: ox.Store, where: str) -> int:
    answer = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}", use_default_graph_as_union=True)
    return int(next(iter(answer))["n"].value)


@pytest.fixture(scope="module")
def three_replicas(plan_artifact, tmp_path_factory):
    plan = plan_artifact.read_text(encoding="utf-8")
    shared, replicated = split_plan(plan)
    target = shared.count("\n") + 2 * replicated.count("\n") + 1  # just past two replicas: three
    path = tmp_path_factory.mktemp("synthetic") / "three.nq"
    size = write_synthetic(plan_artifact, target, path)
    return path, size, shared.count("\n"), replicated.count("\n")


def test_the_size_is_the_ontology_once_and_whole_replicas(three_replicas):
    path, size, shared, per_replica = three_replicas
    assert size == shared + 3 * per_replica
    with open(path, encoding="utf-8") as lines:
        assert sum(1 for _ in lines) == size


def test_every_resource_is_replicated_and_the_ontology_shared(plan_artifact, three_replicas):
    plan, replicas = _store(plan_artifact), _store(three_replicas[0])
    for pattern in (f"?z a <{HZ}DevelopmentZone>", f"?r a <{HZ}IndustryRole>", f"?o a <{HZ}Observation>",
                    f"?a <{HZ}cooperatesWith> ?b", f"?z <{HZ}hasIndustry> ?i"):
        assert _count(replicas, pattern) == 3 * _count(plan, pattern) > 0, pattern
    ontology = f"GRAPH <{paths.GRAPH_ONTOLOGY}> {{ ?s ?p ?o }}"
    assert _count(replicas, ontology) == _count(plan, ontology) > 0
    # Replicas are disjoint: no statement links a resource of replica 1 to one of replica 2.
    assert _count(replicas, "?s ?p ?o FILTER(isIRI(?o) && CONTAINS(STR(?s), '-r1') && CONTAINS(STR(?o), '-r2'))") == 0


def test_a_selective_query_has_the_same_answer_at_every_size(plan_artifact, three_replicas):
    query = catalogue_queries()["zone-profile"]
    plan, replicas = _store(plan_artifact), _store(three_replicas[0])
    rows = [list(store.query(query, use_default_graph_as_union=True)) for store in (plan, replicas)]
    assert len(rows[0]) == len(rows[1]) > 10


def test_replicas_for_rounds_up(plan_artifact):
    plan = plan_artifact.read_text(encoding="utf-8")
    shared, replicated = split_plan(plan)
    assert replicas_for(1, plan) == 1
    assert replicas_for(shared.count("\n") + replicated.count("\n") + 1, plan) == 2

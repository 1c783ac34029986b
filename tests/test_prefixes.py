"""One prefix per kind of resource (graph/prefixes.py): every IRI of the plan's graph has a name that
SPARQL reads back as the same IRI (`zone:xiaoshan-etdz`, never `hzkg:zone/xiaoshan-etdz`, which is not
SPARQL; a deeper IRI whole, `<…>`), in pyoxigraph and in rdflib's parser alike."""
from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.plugins.sparql import prepareQuery

from hzkg.graph.prefixes import ID, KINDS, PREFIXES, prefixed_name, sparql_prefixes

STANDARD_PREFIXES = sparql_prefixes(*PREFIXES)
KINDLESS = {"plan", "industry-scheme", "guiding-idea"}  # one resource each: hzkg:plan


@pytest.fixture(scope="module")
def our_iris(plan_store) -> list[str]:
    rows = plan_store.run("SELECT DISTINCT ?x WHERE { { ?x ?p ?o } UNION { ?s ?p ?x } "
                          f'FILTER(isIRI(?x) && STRSTARTS(STR(?x), "{ID}")) }}', 100_000).rows
    return sorted(str(row[0]) for row in rows)


def test_every_resource_but_the_plan_s_own_has_a_kind(our_iris):
    first_steps = {iri[len(ID):].split("/")[0].split("#")[0] for iri in our_iris}
    assert first_steps - set(KINDS) == KINDLESS
    assert set(KINDS) <= first_steps  # no kind without resources
    names = {iri: prefixed_name(iri) for iri in our_iris}
    for iri, name in names.items():
        local = iri[len(ID):]
        if local in KINDLESS:
            assert name == "hzkg:" + local
        elif "/" in local.split("/", 1)[1] or "#" in local:  # base-role/hangzhou-etdz/software-base
            assert name == f"<{iri}>"
        else:
            assert name == local.replace("/", ":", 1)  # zone:xiaoshan-etdz
    # the kinds a researcher names in a query all have short names
    for kind in ("zone", "industry", "base", "cluster", "sub-city", "partnership", "park", "section", "citation"):
        of_kind = [name for iri, name in names.items() if iri.startswith(f"{ID}{kind}/") and "#" not in iri]
        assert of_kind and all(name.startswith(kind + ":") for name in of_kind), kind


def test_every_prefixed_name_reads_back_as_its_iri(plan_store, our_iris):
    names = [prefixed_name(iri) for iri in our_iris]
    answer = plan_store.run(STANDARD_PREFIXES + "SELECT ?x WHERE { VALUES ?x { " + " ".join(names) + " } }", 100_000)
    assert sorted(str(row[0]) for row in answer.rows) == our_iris


def test_rdflib_reads_one_name_of_each_kind(our_iris):
    samples = {"https://w3id.org/hzkg/id/zone/xiaoshan-etdz": "zone:xiaoshan-etdz",
               "https://w3id.org/hzkg/id/sub-city/xiasha": "sub-city:xiasha",
               "https://w3id.org/hzkg/id/plan": "hzkg:plan"}
    assert {iri: prefixed_name(iri) for iri in samples} == samples
    # rdflib's parser (the reference engine's) is slow: one name of each kind
    one_of_each = {iri[len(ID):].split("/")[0]: iri for iri in reversed(our_iris) if ":" in prefixed_name(iri)}
    for iri in [*samples, *one_of_each.values()]:
        query = prepareQuery(STANDARD_PREFIXES + f"SELECT ?x WHERE {{ BIND({prefixed_name(iri)} AS ?x) }}")
        bound = query.algebra["p"]["p"]["expr"]
        assert bound == URIRef(iri), (iri, prefixed_name(iri))

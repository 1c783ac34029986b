"""Each SHACL shape accepts the plan's data and rejects a deliberately broken copy of it.

The valid example of every shape is the real data (which must conform); the invalid
example breaks one resource that the shape targets, and the test checks that the
violation comes from that shape (or one of its property shapes).
"""
from __future__ import annotations

import functools

import pyshacl
import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS, XSD

from hzkg.graph import paths
from plan_data import HZ, ID, asserted_graph

SH = Namespace("http://www.w3.org/ns/shacl#")
HZS = Namespace(paths.DEF + "shapes/")


@functools.lru_cache(maxsize=1)
def shapes() -> Graph:
    return Graph().parse(paths.ONTOLOGY_DIR / "shapes.ttl", format="turtle")


def violated_shapes(data: Graph, *only: URIRef) -> set[URIRef]:
    """The node shapes that report a violation (a property shape counts for every node
    shape that uses it); `only`: validate with these node shapes alone, and the named property shapes
    they use (pyshacl's use_shapes takes shapes by IRI), a thirtieth of the time of all of them."""
    chosen = [shape for node in only for shape in (node, *shapes().objects(node, SH.property)) if isinstance(shape, URIRef)]
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes(), inference="none", allow_warnings=True,
                                           use_shapes=chosen or None)
    owners: dict = {}
    for node, prop in shapes().subject_objects(SH.property):
        owners.setdefault(prop, set()).add(node)
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        source = report.value(result, SH.sourceShape)
        found |= owners.get(source, {source})
    return found


def without(graph: Graph, *triples) -> Graph:
    broken = Graph()
    for triple in graph:
        broken.add(triple)
    for subject, predicate, obj in triples:
        broken.remove((subject, predicate, obj))
    return broken


def plus(graph: Graph, *triples) -> Graph:
    broken = without(graph)
    for triple in triples:
        broken.add(triple)
    return broken


def test_the_plan_data_conforms_to_every_shape():
    assert violated_shapes(asserted_graph()) == set()


def test_every_shape_has_a_broken_example_below():
    node_shapes = {s for s in shapes().subjects(RDF.type, SH.NodeShape)}
    assert node_shapes == {HZS[name] for name, _ in BREAKAGES}


def _zone(slug):
    return ID["zone/" + slug]


BREAKAGES = [
    ("Place", lambda g: without(g, (_zone("hangzhou-etdz"), RDFS.label, Literal("Hangzhou Economic and Technological Development Zone", lang="en")))),
    ("Zone", lambda g: plus(g, (_zone("tonglu-edz"), HZ.level, HZ.Percent))),
    ("Block", lambda g: without(g, (ID["block/fuyang-edz-yinhu"], HZ.blockOf, None))),
    ("ClusterPark", lambda g: without(g, (ID["cluster-park/dajiangdong-automotive"], HZ.parkOf, None))),
    ("Institution", lambda g: without(g, (ID["institution/zhejiang-shuren-university"], HZ.citation, None))),
    ("Base", lambda g: without(g, (ID["base/software-base"], RDFS.label, None))),
    ("Industry", lambda g: without(g, (ID["industry/automotive"], SKOS.inScheme, None))),
    ("CodeListConcept", lambda g: without(g, (HZ.GDP, SKOS.inScheme, None))),
    ("Citation", lambda g: plus(g, (next(g.subjects(RDF.type, HZ.Citation)), HZ.section, ID["section/1"]))),
    ("Section", lambda g: without(g, (ID["section/4-2-1"], HZ.sectionNumber, None))),
    ("Discrepancy", lambda g: without(g, *[(ID["discrepancy/linan-zone-name"], HZ.citation, c)
                                          for c in list(g.objects(ID["discrepancy/linan-zone-name"], HZ.citation))[1:]])),
    ("IndustryRole", lambda g: without(g, (ID["industry-role/jiande-edz/new-materials-important-component"], HZ.promotedIndustry, None))),
    # an upgrade (改造提升) role that also claims to promote its industry
    ("IndustryLinkMatchesRoleKind", lambda g: plus(
        g, (ID["industry-role/linjiang-industrial-park/chemicals-upgrade"], HZ.promotedIndustry, ID["industry/chemicals"]))),
    ("BaseRole", lambda g: without(g, (ID["base-role/qianjiang-edz/semiconductor-lighting-base"], HZ.reliedOnBase, None))),
    ("ClusterParticipation", lambda g: without(g, (ID["cluster-role/linan-edz/chengxi"], HZ.memberCluster, None))),
    # an aspiration (争取成为…的拓展区) written as membership: it would entail hz:inNationalBase
    ("RoleLinkMatchesRoleKind", lambda g: plus(
        g, (ID["base-role/tonglu-edz/new-energy-base"], HZ.memberBase, ID["base/new-energy-base"]))),
    ("SubCityMembership", lambda g: without(g, (ID["sub-city-role/yuhang-edz/linping"], HZ.subCity, None))),
    ("Partnership", lambda g: without(g, (ID["partnership/tonglu-edz-relies-on-shuren-university"], HZ.reliedPartner, None))),
    # an interpreted fact without the note that says how
    ("Basis", lambda g: without(g, (ID["sub-city-role/qianjiang-edz/linping"], HZ.basisNote, None))),
    ("FactStatement", lambda g: without(g, (ID["statement/linan-edz/level"], RDF.subject, None))),
    # a level statement whose triple is not asserted on the zone
    ("FactStatementAsserted", lambda g: without(g, (_zone("linan-edz"), HZ.level, HZ.Provincial))),
    ("Observation", lambda g: plus(g, (ID["observation/jiande-edz-gdp-2015"], HZ.periodStart, Literal("2011", datatype=XSD.gYear)),
                                   (ID["observation/jiande-edz-gdp-2015"], HZ.periodEnd, Literal("2015", datatype=XSD.gYear)))),
    # policy statements and the register (ontology/policy.ttl)
    ("PolicyStatement", lambda g: without(g, (ID["principle/zone-and-city"], HZ.citation, None))),
    ("Assessment", lambda g: without(g, (ID["assessment/1-2-space"], HZ.assessmentKind, None))),
    ("Principle", lambda g: plus(g, (ID["principle/industry-led"], HZ.principleKind, HZ.SelectionCriterion))),
    ("Goal", lambda g: plus(g, (ID["goal/gdp-2015"], HZ.indicatorObservation, ID["zone/hangzhou-etdz"]))),
    ("LayoutGuidance", lambda g: without(g, (ID["positioning/qianjiang-edz-overall"], HZ.concerns, None))),
    ("PolicyMeasure", lambda g: without(g, (ID["measure/6-4-small-projects-no-land"], HZ.force, None))),
    ("InstrumentClassification", lambda g: plus(g, *[(c, HZ.instrument, HZ.SupplySide)
                                                     for c in g.objects(ID["measure/7-3-listing"], HZ.instrumentClassification)])),
    ("ActorOrTarget", lambda g: without(g, (ID["actor/city-government"], RDFS.label, None))),
    ("PolicyCode", lambda g: without(g, (HZ.ForceEncourage, SKOS.inScheme, None))),
    ("RegisteredSentence", lambda g: plus(g, (ID["principle/zone-and-city"], HZ.citation, ID["register/preface-basis"]))),
]


@pytest.mark.parametrize("shape, breakage", BREAKAGES, ids=[name for name, _ in BREAKAGES])
def test_shape_rejects_a_broken_example(shape, breakage):
    broken = breakage(asserted_graph())
    assert len(broken) != len(asserted_graph())
    assert HZS[shape] in violated_shapes(broken, HZS[shape])


def test_an_untyped_number_is_rejected():
    observation = ID["observation/hangzhou-etdz-gdp-2015"]
    graph = asserted_graph()
    value = graph.value(observation, HZ.value)
    broken = plus(without(graph, (observation, HZ.value, value)), (observation, HZ.value, Literal("630")))
    assert HZS["Observation"] in violated_shapes(broken, HZS["Observation"])

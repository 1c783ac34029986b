"""Each SHACL shape accepts the plan's data and rejects a deliberately broken copy of it.

The valid example of every shape is the real data (which must conform); the invalid
example breaks one resource that the shape targets, and the test checks that the
violation comes from that shape (or one of its property shapes).
"""
from __future__ import annotations

import functools
from contextlib import contextmanager

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


def validation_report(data: Graph, *only: URIRef) -> Graph:
    """pyshacl's report on `data`; `only`: validate with these node shapes alone, and the named property shapes
    they use (pyshacl's use_shapes takes shapes by IRI), a thirtieth of the time of all of them."""
    chosen = [shape for node in only for shape in (node, *shapes().objects(node, SH.property)) if isinstance(shape, URIRef)]
    return pyshacl.validate(data, shacl_graph=shapes(), inference="none", allow_warnings=True, use_shapes=chosen or None)[1]


def violated_shapes(data: Graph, *only: URIRef) -> set[URIRef]:
    """The node shapes that report a violation (a property shape counts for every node
    shape that uses it); `only` as in validation_report."""
    report = validation_report(data, *only)
    owners: dict = {}
    for node, prop in shapes().subject_objects(SH.property):
        owners.setdefault(prop, set()).add(node)
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        source = report.value(result, SH.sourceShape)
        found |= owners.get(source, {source})
    return found


Edit = tuple[list, list]  # the patterns of triples to take out, the triples to put in


def without(*patterns) -> Edit:
    return list(patterns), []


def plus(*triples) -> Edit:
    return [], list(triples)


@contextmanager
def broken(graph: Graph, edit: Edit):
    """`graph` with `edit` made, for the with-block, and then put back as it was: the plan's data is
    parsed once (plan_data.asserted_graph), and copying its 14k triples for each breakage took longer
    than validating them."""
    patterns, added = edit
    taken = {triple for pattern in patterns for triple in graph.triples(pattern)}
    put = [triple for triple in added if triple not in graph]
    for triple in taken:
        graph.remove(triple)
    for triple in put:
        graph.add(triple)
    try:
        yield graph
    finally:
        for triple in put:
            graph.remove(triple)
        for triple in taken:
            graph.add(triple)


def test_the_plan_data_conforms_to_every_shape():
    assert violated_shapes(asserted_graph()) == set()


def test_every_shape_has_a_broken_example_below():
    node_shapes = {s for s in shapes().subjects(RDF.type, SH.NodeShape)}
    assert node_shapes == {HZS[name] for name, _ in BREAKAGES}


def _zone(slug):
    return ID["zone/" + slug]


BREAKAGES = [
    ("Place", lambda g: without((_zone("hangzhou-etdz"), RDFS.label, Literal("Hangzhou Economic and Technological Development Zone", lang="en")))),
    ("Zone", lambda g: plus((_zone("tonglu-edz"), HZ.level, HZ.Percent))),
    ("Block", lambda g: without((ID["block/fuyang-edz-yinhu"], HZ.blockOf, None))),
    ("ClusterPark", lambda g: without((ID["cluster-park/dajiangdong-automotive"], HZ.parkOf, None))),
    ("Institution", lambda g: without((ID["institution/zhejiang-shuren-university"], HZ.citation, None))),
    ("Base", lambda g: without((ID["base/software-base"], RDFS.label, None))),
    ("Industry", lambda g: without((ID["industry/automotive"], SKOS.inScheme, None))),
    ("CodeListConcept", lambda g: without((HZ.GDP, SKOS.inScheme, None))),
    ("Citation", lambda g: plus((next(g.subjects(RDF.type, HZ.Citation)), HZ.section, ID["section/1"]))),
    ("Section", lambda g: without((ID["section/4-2-1"], HZ.sectionNumber, None))),
    ("Discrepancy", lambda g: without(*[(ID["discrepancy/linan-zone-name"], HZ.citation, c)
                                          for c in list(g.objects(ID["discrepancy/linan-zone-name"], HZ.citation))[1:]])),
    ("IndustryRole", lambda g: without((ID["industry-role/jiande-edz/new-materials-important-component"], HZ.promotedIndustry, None))),
    # an upgrade (改造提升) role that also claims to promote its industry
    ("IndustryLinkMatchesRoleKind", lambda g: plus(
        (ID["industry-role/linjiang-industrial-park/chemicals-upgrade"], HZ.promotedIndustry, ID["industry/chemicals"]))),
    ("BaseRole", lambda g: without((ID["base-role/qianjiang-edz/semiconductor-lighting-base"], HZ.reliedOnBase, None))),
    ("ClusterParticipation", lambda g: without((ID["cluster-role/linan-edz/chengxi"], HZ.memberCluster, None))),
    # an aspiration (争取成为…的拓展区) written as membership: it would entail hz:inNationalBase
    ("RoleLinkMatchesRoleKind", lambda g: plus(
        (ID["base-role/tonglu-edz/new-energy-base"], HZ.memberBase, ID["base/new-energy-base"]))),
    ("SubCityMembership", lambda g: without((ID["sub-city-role/yuhang-edz/linping"], HZ.subCity, None))),
    ("Partnership", lambda g: without((ID["partnership/tonglu-edz-relies-on-shuren-university"], HZ.reliedPartner, None))),
    # an interpreted fact without the note that says how
    ("Basis", lambda g: without((ID["sub-city-role/qianjiang-edz/linping"], HZ.basisNote, None))),
    ("FactStatement", lambda g: without((ID["statement/linan-edz/level"], RDF.subject, None))),
    # a level statement whose triple is not asserted on the zone
    ("FactStatementAsserted", lambda g: without((_zone("linan-edz"), HZ.level, HZ.Provincial))),
    ("Observation", lambda g: plus((ID["observation/jiande-edz-gdp-2015"], HZ.periodStart, Literal("2011", datatype=XSD.gYear)),
                                   (ID["observation/jiande-edz-gdp-2015"], HZ.periodEnd, Literal("2015", datatype=XSD.gYear)))),
    # policy statements and the register (ontology/policy.ttl)
    ("PolicyStatement", lambda g: without((ID["principle/zone-and-city"], HZ.citation, None))),
    ("Assessment", lambda g: without((ID["assessment/1-2-space"], HZ.assessmentKind, None))),
    ("Principle", lambda g: plus((ID["principle/industry-led"], HZ.principleKind, HZ.SelectionCriterion))),
    ("Goal", lambda g: plus((ID["goal/gdp-2015"], HZ.indicatorObservation, ID["zone/hangzhou-etdz"]))),
    ("LayoutGuidance", lambda g: without((ID["positioning/qianjiang-edz-overall"], HZ.concerns, None))),
    ("PolicyMeasure", lambda g: without((ID["measure/6-4-small-projects-no-land"], HZ.force, None))),
    ("InstrumentClassification", lambda g: plus(*[(c, HZ.instrument, HZ.SupplySide)
                                                     for c in g.objects(ID["measure/7-3-listing"], HZ.instrumentClassification)])),
    ("ActorOrTarget", lambda g: without((ID["actor/city-government"], RDFS.label, None))),
    ("PolicyCode", lambda g: without((HZ.ForceEncourage, SKOS.inScheme, None))),
    ("RegisteredSentence", lambda g: plus((ID["principle/zone-and-city"], HZ.citation, ID["register/preface-basis"]))),
]


@pytest.mark.parametrize("shape, breakage", BREAKAGES, ids=[name for name, _ in BREAKAGES])
def test_shape_rejects_a_broken_example(shape, breakage):
    graph = asserted_graph()
    size = len(graph)
    with broken(graph, breakage(graph)):
        assert len(graph) != size
        assert HZS[shape] in violated_shapes(graph, HZS[shape])
    assert len(graph) == size


def test_an_untyped_number_is_rejected():
    observation = ID["observation/hangzhou-etdz-gdp-2015"]
    graph = asserted_graph()
    value = graph.value(observation, HZ.value)
    with broken(graph, ([(observation, HZ.value, value)], [(observation, HZ.value, Literal("630"))])):
        assert HZS["Observation"] in violated_shapes(graph, HZS["Observation"])


def test_a_classification_without_its_chinese_reason_or_with_two_is_named_with_the_message():
    """hz:classificationReason once in Chinese and once in English: a missing or a second Chinese reason is a
    violation on that classification, with the shape's message."""
    classification = ID["measure/7-3-listing/instrument/finance"]
    graph = asserted_graph()
    chinese = next(reason for reason in graph.objects(classification, HZ.classificationReason) if reason.language == "zh")
    for edit in (without((classification, HZ.classificationReason, chinese)),
                 plus((classification, HZ.classificationReason, Literal("另一条理由。", lang="zh")))):
        with broken(graph, edit):
            report = validation_report(graph, HZS["InstrumentClassification"])
            messages = {str(report.value(result, SH.resultMessage)) for result in report.subjects(SH.focusNode, classification)}
            assert messages == {"a classification gives its reason once in Chinese (@zh) and once in English (@en) "
                                "(hz:classificationReason)"}

"""Every quote is the plan's own words, and every figure stands in its quote."""
import re

from rdflib import RDF

from plan_data import HZ, asserted_graph, plan_text_collapsed


def plain_number(value) -> str:
    text = format(value.normalize(), "f")
    return text


def test_every_quote_occurs_in_the_plan():
    graph = asserted_graph()
    text = plan_text_collapsed()
    quotes = [str(q) for q in graph.objects(None, HZ.quote)]
    assert len(quotes) > 200
    missing = [q for q in quotes if re.sub(r"\s+", " ", q) not in text]
    assert missing == []


def test_every_figure_occurs_in_each_quote_it_cites():
    graph = asserted_graph()
    observations = list(graph.subjects(RDF.type, HZ.Observation))
    assert len(observations) > 80
    wrong = []
    for observation in observations:
        number = plain_number(graph.value(observation, HZ.value).toPython())
        for citation in graph.objects(observation, HZ.citation):
            quote = str(graph.value(citation, HZ.quote))
            if number not in quote:
                wrong.append((str(observation), number, quote))
    assert wrong == []


def test_every_fact_resource_has_a_citation():
    graph = asserted_graph()
    cited_classes = [HZ.DevelopmentZone, HZ.QualifiedRelation, HZ.Observation, HZ.Industry,
                     HZ.NationalPilotOrBase, HZ.IndustrialCluster, HZ.SubCity, HZ.Block, HZ.Discrepancy]
    uncited = []
    for cls in cited_classes:
        subclasses = set(graph.transitive_subjects(graph.namespace_manager.expand_curie("rdfs:subClassOf"), cls))
        for sub in subclasses:
            for resource in graph.subjects(RDF.type, sub):
                if (resource, HZ.citation, None) not in graph:
                    uncited.append(str(resource))
    assert uncited == []

"""The ontology documents itself: every term labelled and explained in Chinese and
English, and ontology/README.md generated from it and up to date."""
from rdflib import OWL, RDF, RDFS
from rdflib.namespace import SKOS

from hzkg.graph import paths
from hzkg.graph.ontology_docs import DOC, ontology_markdown
from plan_data import asserted_graph


def _languages(graph, term, predicate) -> set[str]:
    return {getattr(value, "language", None) for value in graph.objects(term, predicate)}


def test_every_class_and_property_has_labels_and_comments_in_both_languages():
    graph = asserted_graph()
    terms = {t for cls in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
             for t in graph.subjects(RDF.type, cls) if str(t).startswith(paths.DEF)}
    assert len(terms) > 80
    lacking = sorted(str(t) for t in terms
                     if not {"zh", "en"} <= _languages(graph, t, RDFS.label)
                     or not {"zh", "en"} <= _languages(graph, t, RDFS.comment))
    assert lacking == []


def test_every_code_has_labels_and_definitions_in_both_languages():
    graph = asserted_graph()
    codes = {c for c in graph.subjects(SKOS.inScheme, None) if str(c).startswith(paths.DEF)}
    assert len(codes) > 50
    lacking = sorted(str(c) for c in codes
                     if not {"zh", "en"} <= _languages(graph, c, RDFS.label)
                     or not {"zh", "en"} <= _languages(graph, c, SKOS.definition))
    assert lacking == []


def test_the_ontology_page_is_generated_from_the_current_ontology():
    assert DOC.read_text(encoding="utf-8") == ontology_markdown(), "run: python -m hzkg.graph.ontology_docs"


def test_the_ontology_page_lists_the_core_terms():
    page = DOC.read_text(encoding="utf-8")
    for term in ("hz:DevelopmentZone", "hz:IndustryRole", "hz:hasIndustry", "hz:Observation", "hz:OneOfCoreBases", "hz:YiYuan"):
        assert f"`{term}`" in page

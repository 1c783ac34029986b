"""The SPARQL 1.1 Service Description of /sparql (what a GET without a query returns to RDF clients).

It also lists the service's prefixes (graph/prefixes.py: hz:, zone:, industry: …) as SHACL prefix
declarations (`sh:declare [ sh:prefix "zone" ; sh:namespace "…"^^xsd:anyURI ]`), the RDF way of
stating them: a client can declare the same names the editor and the result pages use."""
from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SH, XSD

from hzkg.graph import paths
from hzkg.graph.prefixes import PREFIXES
from hzkg.service.responses.formats import FORMATS as ANSWER_FORMATS

__all__ = ["service_description"]

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
W3C_FORMATS = Namespace("http://www.w3.org/ns/formats/")


def service_description(endpoint_url: str) -> Graph:
    graph = Graph(bind_namespaces="none")
    graph.bind("sd", SD)
    graph.bind("formats", W3C_FORMATS)
    service, dataset, default_graph = BNode("service"), BNode("dataset"), BNode("default")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, URIRef(endpoint_url)))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    # The default graph is the union of the named graphs.
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    for fmt in ANSWER_FORMATS:
        if fmt.w3c_name:
            graph.add((service, SD.resultFormat, W3C_FORMATS[fmt.w3c_name]))
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default_graph))
    graph.add((default_graph, RDF.type, SD.Graph))
    for iri in paths.DATASET_GRAPHS:
        named = BNode("graph-" + iri.rsplit("/", 1)[-1])
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, URIRef(iri)))
    graph.add((service, URIRef("http://purl.org/dc/terms/title"),
               Literal("杭州市开发区“十二五”发展规划知识图谱", lang="zh")))
    graph.bind("sh", SH)
    for prefix, namespace in PREFIXES.items():
        declaration = BNode("prefix-" + prefix)
        graph.add((service, SH.declare, declaration))
        graph.add((declaration, SH.prefix, Literal(prefix)))
        graph.add((declaration, SH.namespace, Literal(namespace, datatype=XSD.anyURI)))
    return graph

"""Results as bytes in the chosen format, written by the libraries that know the formats:
rdflib writes SPARQL JSON and the RDF syntaxes; pyoxigraph re-reads that JSON to
write XML, CSV and TSV (rdflib has no TSV writer and no CSV for ASK)."""
from __future__ import annotations

import json

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.namespace import NamespaceManager
from rdflib.query import Result as RdflibResult
from rdflib.term import Variable

from .engines.results import AskResult, GraphResult, Result, SelectResult
from .errors import NotAcceptable

__all__ = ["serialize_result", "serialize_graph", "as_rdflib_result", "truncation_message", "PREFIXES"]

PREFIXES = {
    "hzkg": "https://w3id.org/hzkg/id/",
    "def": "https://w3id.org/hzkg/def/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
}
_OXIGRAPH_RESULT_FORMATS = {
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
_RDFLIB_GRAPH_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "rdfxml": "xml"}
# Dataset syntaxes: the answer is the dataset's default graph (no graph name is written), so
# clients that load every answer as a dataset (N-Quads, TriG) need no conversion step.
_RDFLIB_DATASET_FORMATS = {"nquads": "nquads", "trig": "trig"}


def truncation_message(row_limit: int) -> str:
    return f"the result was truncated to {row_limit} rows (setting row_limit)"


def serialize_result(result: Result, key: str, row_limit: int) -> bytes:
    if isinstance(result, GraphResult):
        return serialize_graph(result.triples, key)
    sparql_json = as_rdflib_result(result).serialize(format="json")
    if key == "json":
        if not result.truncated:
            return sparql_json
        # Clients ignore unknown members; people reading the JSON see why rows are missing.
        document = json.loads(sparql_json)
        document["warning"] = truncation_message(row_limit)
        return json.dumps(document, ensure_ascii=False).encode("utf-8")
    if key not in _OXIGRAPH_RESULT_FORMATS:
        raise NotAcceptable(f"format {key!r} is not available for {result.form} results")
    parsed = ox.parse_query_results(sparql_json, format=ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=_OXIGRAPH_RESULT_FORMATS[key])


def serialize_graph(triples, key: str, extra_prefixes: dict[str, str] | None = None) -> bytes:
    if key in _RDFLIB_DATASET_FORMATS:
        graph = Dataset()
        # Dataset takes no bind_namespaces; without this, TriG would declare rdflib's 29 prefixes.
        graph.namespace_manager = NamespaceManager(graph, bind_namespaces="none")
        rdflib_format = _RDFLIB_DATASET_FORMATS[key]
    elif key in _RDFLIB_GRAPH_FORMATS:
        graph = Graph(bind_namespaces="none")
        rdflib_format = _RDFLIB_GRAPH_FORMATS[key]
    else:
        raise NotAcceptable(f"format {key!r} is not available for RDF graphs")
    for prefix, namespace in {**PREFIXES, **(extra_prefixes or {})}.items():
        graph.bind(prefix, namespace)
    for triple in triples:
        graph.add(triple)
    return graph.serialize(format=rdflib_format, encoding="utf-8")


def as_rdflib_result(result: SelectResult | AskResult) -> RdflibResult:
    """The answer as an rdflib query result, whose serialisers write the SPARQL result formats."""
    if isinstance(result, AskResult):
        answer = RdflibResult("ASK")
        answer.askAnswer = result.value
        return answer
    answer = RdflibResult("SELECT")
    variables = [Variable(name) for name in result.variables]
    answer.vars = variables
    answer.bindings = [
        {variable: term for variable, term in zip(variables, row, strict=True) if term is not None}
        for row in result.rows
    ]
    return answer

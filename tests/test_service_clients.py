"""A client researchers use, rdflib's SPARQLStore, against the real server: every
method it offers, every result format it reads."""
import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from service_fixtures import ID

ZONES = "SELECT ?zone WHERE { ?zone a <https://w3id.org/hzkg/def/Zone> } ORDER BY ?zone"


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
@pytest.mark.parametrize("result_format", ["xml", "json", "csv"])
def test_sparqlstore_select(server, method, result_format):
    graph = Graph(store=SPARQLStore(server.url + "/sparql", method=method, returnFormat=result_format))
    zones = [str(row[0]) for row in graph.query(ZONES)]
    assert zones == [ID + "zone/fuyang-ez", ID + "zone/hangzhou-etdz", ID + "zone/xiaoshan-etdz"]


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
def test_sparqlstore_ask_and_construct(server, method):
    graph = Graph(store=SPARQLStore(server.url + "/sparql", method=method))
    assert graph.query(f"ASK {{ <{ID}zone/fuyang-ez> ?p ?o }}").askAnswer is True
    constructed = graph.query(f"CONSTRUCT WHERE {{ <{ID}industry/automotive> ?p ?o }}").graph
    assert (URIRef(ID + "industry/automotive"), URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            URIRef("https://w3id.org/hzkg/def/Industry")) in constructed

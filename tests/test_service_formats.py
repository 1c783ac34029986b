"""One registry of formats (service/responses/formats.py) serves negotiation, serialisation, the
service description, resource-page extensions, the terminal and /export; one prefix table."""
from __future__ import annotations

import subprocess
import urllib.parse

import pyoxigraph as ox
import pytest

from hzkg.graph.prefixes import PREFIXES
from hzkg.service.cli.query import OUTPUTS
from hzkg.service.responses.exports import EXPORTS
from hzkg.service.responses.formats import DATASET, FORMATS, GRAPH, RESULTS, offers
from service_fixtures import HZKG

CONSTRUCT = "CONSTRUCT { ?zone a <https://w3id.org/hzkg/def/DevelopmentZone> } WHERE { ?zone a <https://w3id.org/hzkg/def/DevelopmentZone> }"
_OXIGRAPH_READERS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
                     "rdfxml": ox.RdfFormat.RDF_XML, "nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}


def test_every_format_has_a_unique_key_extension_and_media_type():
    for attribute in ("key", "mimetype", "extension"):
        values = [getattr(fmt, attribute) for fmt in FORMATS]
        assert len(values) == len(set(values)), attribute
    assert [fmt.key for fmt in offers(RESULTS)][0] == "json" and [fmt.key for fmt in offers(GRAPH)][0] == "turtle"


@pytest.mark.parametrize("fmt", offers(GRAPH), ids=lambda fmt: fmt.key)
def test_every_graph_format_is_negotiated_and_written(plan_server, fmt):
    answer = plan_server.get("/sparql?query=" + urllib.parse.quote(CONSTRUCT), headers={"Accept": fmt.mimetype})
    assert answer.status == 200 and answer.content_type == fmt.mimetype
    if fmt.key != "html":
        triples = list(ox.parse(answer.body, format=_OXIGRAPH_READERS[fmt.key]))
        assert len(triples) == 17  # the 15 zones of the plan period and the 2 consolidated in 2010


@pytest.mark.parametrize("fmt", [fmt for fmt in offers(GRAPH) if fmt.extension], ids=lambda fmt: fmt.key)
def test_every_graph_format_is_a_resource_page_extension(plan_server, fmt):
    answer = plan_server.get("/id/zone/hangzhou-etdz" + fmt.extension)
    assert answer.status == 200 and answer.content_type == fmt.mimetype


def test_the_service_description_lists_every_written_format(plan_server):
    answer = plan_server.get("/sparql", headers={"Accept": "application/n-triples"})
    listed = {line.split()[2].strip("<>").rsplit("/", 1)[1] for line in answer.text.splitlines()
              if "sparql-service-description#resultFormat" in line}
    assert listed == {fmt.w3c_name for fmt in FORMATS if fmt.w3c_name}


def test_exports_and_the_terminal_take_their_formats_from_the_registry():
    assert {name for name, export in EXPORTS.items() if export.kind == "rdf"} == {fmt.key for fmt in offers(DATASET)}
    assert set(OUTPUTS) == {"table"} | {fmt.key for fmt in offers(RESULTS) if fmt.key != "html"}


def test_served_rdf_uses_the_one_prefix_table(plan_server):
    """`hz:` for the ontology everywhere, as the queries, the editor and the README write it."""
    assert PREFIXES["hz"] == "https://w3id.org/hzkg/def/" and "def" not in PREFIXES
    pages = [plan_server.get("/id/zone/hangzhou-etdz.ttl"), plan_server.get("/export/turtle"),
             plan_server.get("/export/jsonld"),
             plan_server.get("/sparql?query=" + urllib.parse.quote(CONSTRUCT), headers={"Accept": "text/turtle"}),
             plan_server.get("/sparql?query=" + urllib.parse.quote(CONSTRUCT), headers={"Accept": "application/trig"})]
    for page in pages:
        assert page.status == 200
        assert "def:" not in page.text
    assert "@prefix hz: <https://w3id.org/hzkg/def/>" in pages[0].text
    assert "hz:DevelopmentZone" in pages[0].text and "hz:DevelopmentZone" in pages[3].text
    editor = plan_server.get("/sparql", headers={"Accept": "text/html"})
    assert "PREFIX hz: &lt;https://w3id.org/hzkg/def/&gt;" in editor.text


def test_hzkg_query_writes_every_results_format(plan_artifact):
    for output in OUTPUTS:
        done = subprocess.run([HZKG, "query", "zones", "--format", output, "--setting", "artifact", str(plan_artifact)],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, (output, done.stderr)
        assert "杭州经济技术开发区" in done.stdout, output

"""/sparql against a real `hzkg serve`: the SPARQL 1.1 Protocol, conneg, caching, CORS."""
import json
import re
import urllib.parse

import pyoxigraph as ox
import pytest
from rdflib import Graph

from service_fixtures import ID, assert_error

ZONES = "SELECT ?zone WHERE { ?zone a <https://w3id.org/hzkg/def/Zone> } ORDER BY ?zone"
ZONE_IRIS = [ID + "zone/fuyang-ez", ID + "zone/hangzhou-etdz", ID + "zone/xiaoshan-etdz"]
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def q(query: str, **more) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": query, **more})


def zones_of(answer) -> list[str]:
    return [row["zone"]["value"] for row in answer.json()["results"]["bindings"]]


def test_get_post_form_and_post_direct_give_the_same_rows(server):
    via_get = server.get(q(ZONES))
    via_form = server.get("/sparql", method="POST", headers=FORM,
                          data=urllib.parse.urlencode({"query": ZONES}).encode())
    via_body = server.get("/sparql", method="POST", data=ZONES.encode(),
                          headers={"Content-Type": "application/sparql-query"})
    for answer in (via_get, via_form, via_body):
        assert answer.status == 200
        assert answer.content_type == "application/sparql-results+json"
        assert zones_of(answer) == ZONE_IRIS


def test_default_graph_uri_selects_the_default_graph(server):
    answer = server.get(q(ZONES, **{"default-graph-uri": "https://w3id.org/hzkg/graph/facts"}))
    assert zones_of(answer) == [ID + "zone/fuyang-ez"]


def test_named_graph_uri_limits_graph_patterns(server):
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    answer = server.get(q(query, **{"named-graph-uri": "https://w3id.org/hzkg/graph/inferred"}))
    assert [row["g"]["value"] for row in answer.json()["results"]["bindings"]] == [
        "https://w3id.org/hzkg/graph/inferred"]


def test_accept_with_q_values_picks_the_best_format(server):
    cases = {
        "application/sparql-results+xml;q=0.5, text/csv": "text/csv",
        "text/tab-separated-values;q=0.9, application/sparql-results+xml": "application/sparql-results+xml",
        "application/sparql-results+json,*/*;q=0.9": "application/sparql-results+json",
        "text/*;q=0.9, text/csv;q=0.1": "text/tab-separated-values",
        "*/*": "application/sparql-results+json",
    }
    for accept, expected in cases.items():
        assert server.get(q(ZONES), headers={"Accept": accept}).content_type == expected, accept


def test_csv_and_tsv_bodies(server):
    csv = server.get(q(ZONES), headers={"Accept": "text/csv"}).text
    assert csv.splitlines() == ["zone", *ZONE_IRIS]
    tsv = server.get(q(ZONES), headers={"Accept": "text/tab-separated-values"}).text
    assert tsv.splitlines() == ["?zone", *(f"<{iri}>" for iri in ZONE_IRIS)]


def test_xml_results_and_ask(server):
    xml = server.get(q(ZONES, format="xml"))
    assert xml.content_type == "application/sparql-results+xml"
    assert f"<uri>{ZONE_IRIS[0]}</uri>" in xml.text
    assert server.get(q("ASK { ?s ?p ?o }")).json()["boolean"] is True


def test_construct_in_every_rdf_format(server):
    construct = f"CONSTRUCT WHERE {{ <{ID}industry/automotive> ?p ?o }}"
    expected = {"text/turtle": "industry:automotive", "application/n-triples": f"<{ID}industry/automotive>",
                "application/rdf+xml": f'rdf:about="{ID}industry/automotive"',
                "application/ld+json": f'"{ID}industry/automotive"'}  # pyoxigraph writes JSON-LD compact
    for mimetype, fragment in expected.items():
        answer = server.get(q(construct), headers={"Accept": mimetype})
        assert answer.content_type == mimetype
        assert fragment in answer.text
    assert f"@prefix industry: <{ID}industry/>" in server.get(q(construct), headers={"Accept": "text/turtle"}).text
    jsonld = json.loads(server.get(q(construct, format="jsonld")).body)
    assert jsonld[0]["@id"] == ID + "industry/automotive"


@pytest.mark.parametrize("form", ["CONSTRUCT WHERE {{ <{iri}> ?p ?o }}", "DESCRIBE <{iri}>"])
@pytest.mark.parametrize("mimetype, key, syntax", [("application/n-quads", "nquads", ox.RdfFormat.N_QUADS),
                                                   ("application/trig", "trig", ox.RdfFormat.TRIG)])
def test_graph_answers_as_datasets_by_accept_and_format(server, form, mimetype, key, syntax):
    query = form.format(iri=ID + "industry/automotive")
    triples = server.get(q(query), headers={"Accept": "application/n-triples"}).body
    expected = {quad.triple for quad in ox.parse(triples, format=ox.RdfFormat.N_TRIPLES)}
    assert len(expected) > 0
    for answer in (server.get(q(query), headers={"Accept": mimetype}), server.get(q(query, format=key))):
        assert answer.status == 200 and answer.content_type == mimetype
        quads = list(ox.parse(answer.body, format=syntax))
        # the answer is the dataset's default graph: no graph name is invented for it
        assert {quad.graph_name for quad in quads} == {ox.DefaultGraph()}
        assert {quad.triple for quad in quads} == expected


def test_format_parameter_overrides_accept(server):
    answer = server.get(q(ZONES, format="csv"), headers={"Accept": "application/sparql-results+json"})
    assert answer.content_type == "text/csv"


def test_unacceptable_format_is_406(server):
    assert_error(server.get(q(ZONES), headers={"Accept": "image/png"}), 406, "offered")
    assert_error(server.get(q(ZONES, format="pdf")), 406, "format='pdf'")


def test_malformed_query_gets_the_parser_message_and_position(server):
    assert_error(server.get(q("SELECT * WHERE { ?s ?p }")), 400, "malformed query at line 1, column 24: found '}' where "
                 "the object of the triple pattern was expected")  # more in tests/test_service_syntax_errors.py


def test_no_query_gives_a_service_description_to_rdf_clients(server):
    answer = server.get("/sparql", headers={"Accept": "text/turtle"})
    assert answer.content_type == "text/turtle"
    assert "sd:Service" in answer.text and "sd:UnionDefaultGraph" in answer.text
    assert f"sd:endpoint <{server.url}/sparql>" in answer.text
    # the service's prefixes, one per kind of resource among them (graph/prefixes.py)
    declared = Graph().parse(data=answer.text, format="turtle").query(
        "PREFIX sh: <http://www.w3.org/ns/shacl#> SELECT ?prefix ?namespace WHERE { ?s sh:declare [ sh:prefix ?prefix ; sh:namespace ?namespace ] }")
    declared = {str(prefix): str(namespace) for prefix, namespace in declared}
    assert declared["zone"] == ID + "zone/" and declared["hz"] == "https://w3id.org/hzkg/def/" and len(declared) > 40
    for offered in ("formats:N-Quads", "formats:TriG", "formats:SPARQL_Results_TSV"):
        assert offered in answer.text


def test_no_query_gives_the_editor_to_browsers_with_local_assets_only(server):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    page = server.get("/sparql", headers={"Accept": browser})
    assert page.content_type == "text/html"
    assert "<textarea name=\"query\"" in page.text
    assert "https://" not in page.text.replace("https://w3id.org/", "")  # no CDN, no web font
    assert server.get("/static/style.css").status == 200


def test_browsers_get_results_as_an_html_table_with_local_links(server):
    page = server.get(q(ZONES), headers={"Accept": "text/html"})
    assert page.content_type == "text/html"
    assert '<a class="iri" href="/id/zone/hangzhou-etdz">' in page.text


def test_etag_and_last_modified_revalidate_to_304(server):
    first = server.get(q(ZONES))
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert server.get(q(ZONES), headers={"If-None-Match": etag}).status == 304
    assert server.get(q(ZONES), headers={"If-Modified-Since": modified}).status == 304
    # another representation has another tag
    assert server.get(q(ZONES), headers={"If-None-Match": etag, "Accept": "text/csv"}).status == 200
    assert "Accept" in first.headers["vary"]


def test_cors_on_answers_errors_and_preflight(server):
    assert server.get(q(ZONES)).headers["access-control-allow-origin"] == "*"
    assert server.get(q("SELECT")).headers["access-control-allow-origin"] == "*"
    preflight = server.get("/sparql", method="OPTIONS", headers={
        "Origin": "http://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "Content-Type" in preflight.headers["access-control-allow-headers"]


def test_the_editor_offers_the_catalogue_as_examples(server):
    page = server.get("/sparql", headers={"Accept": "text/html"}).text
    assert '<button type="button" class="example" data-name="label-search">按名称查找</button>' in page
    english = server.get("/sparql?lang=en", headers={"Accept": "text/html"}).text
    assert '<button type="button" class="example" data-name="label-search">Find resources by name</button>' in english
    assert '<a href="/queries/label-search">' in page
    config = json.loads(re.search(r'<script type="application/json" id="editor-config">(.*?)</script>', page, re.S)[1])
    assert config["endpoint"] == server.url + "/sparql"
    [example] = [example for example in config["examples"] if example["name"] == "label-search"]
    assert "VALUES" in example["query"]  # parameters bound to their defaults: it runs as it stands
    assert server.get(q(example["query"])).status == 200
    assert "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>" in config["defaultQuery"]  # prefixes pre-filled
    assert "PREFIX rdfs: &lt;http://www.w3.org/2000/01/rdf-schema#&gt;" in page  # and in the no-script form


def test_head_is_answered_without_a_body(server):
    answer = server.get(q(ZONES), method="HEAD")
    assert answer.status == 200 and answer.body == b""
    assert answer.content_type == "application/sparql-results+json" and answer.headers["etag"]


def test_a_long_query_fits_in_a_get(server):
    padding = "# " + "x" * 2000 + "\n"
    url = q(padding * 3 + ZONES)
    assert 6000 < len(url) < 8100  # past many servers' request-line limit (gunicorn's 4094), within waitress's 64 KB
    assert zones_of(server.get(url)) == ZONE_IRIS

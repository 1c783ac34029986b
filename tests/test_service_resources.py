"""/id/... and /def/... pages, and /search in Chinese, English and pinyin."""
import urllib.parse

import pyoxigraph as ox
import pytest

from service_fixtures import DEF, ID, assert_error

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def test_a_zone_page_shows_labels_types_and_both_directions(server):
    page = server.get("/id/zone/hangzhou-etdz", headers=BROWSER)
    assert page.status == 200 and page.content_type == "text/html"
    text = page.text
    assert "<h1>杭州经济技术开发区" in text and "Hangzhou Economic and Technological Development Zone" in text
    assert '<a href="/def/NationalZone">国家级开发区</a>' in text  # type, with its label
    assert '<a href="/def/hasIndustry">主导产业</a></td><td><a href="/id/industry/automotive">汽车</a>' in text
    incoming = text.split('class="incoming"')[1]
    assert '<a href="/id/industry/automotive">汽车</a>' in incoming  # industryOf points back here
    assert "10.5" in text and "xsd:decimal" in text


@pytest.mark.parametrize("how, mimetype", [
    ({"headers": {"Accept": "text/turtle"}}, "text/turtle"),
    ({"headers": {"Accept": "application/ld+json"}}, "application/ld+json"),
    ({"headers": {"Accept": "application/n-triples"}}, "application/n-triples"),
    ({"suffix": ".ttl"}, "text/turtle"),
    ({"suffix": ".jsonld"}, "application/ld+json"),
    ({"suffix": ".nt"}, "application/n-triples"),
    ({"suffix": "?format=rdfxml"}, "application/rdf+xml"),
])
def test_rdf_by_accept_or_extension(server, how, mimetype):
    answer = server.get("/id/industry/automotive" + how.get("suffix", ""), headers=how.get("headers"))
    assert answer.status == 200 and answer.content_type == mimetype
    # pyoxigraph reads every format (rdflib's JSON-LD parser warns about its own deprecations)
    triples = {quad.triple for quad in ox.parse(answer.body, format=ox.RdfFormat.from_media_type(mimetype))}
    automotive = ox.NamedNode(ID + "industry/automotive")
    assert ox.Triple(automotive, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                     ox.Literal("汽车", language="zh")) in triples
    assert ox.Triple(ox.NamedNode(ID + "zone/xiaoshan-etdz"), ox.NamedNode(DEF + "hasIndustry"), automotive) in triples


def test_ontology_terms_dereference(server):
    page = server.get("/def/Zone", headers=BROWSER)
    assert page.status == 200 and "<h1>开发区" in page.text
    assert '<a href="/id/zone/fuyang-ez">富阳经济开发区</a>' in page.text  # instances link here


def test_unknown_resources_are_404_with_a_hint(server):
    assert_error(server.get("/id/zone/atlantis"), 404, "nothing is known", "/search")
    assert_error(server.get("/id/zone/a%3E%20%7D%20DROP%20ALL"), 404, "not an IRI")


@pytest.mark.parametrize("text", ["汽车", "automotive", "Automotive", "qiche", "qi che", "qìchē", "qi4che1", "零部件"])
def test_search_finds_the_automotive_industry_every_way(server, text):
    results = server.get("/search?" + urllib.parse.urlencode({"q": text})).json()["results"]
    assert results[0]["resource"] == ID + "industry/automotive", results
    assert results[0]["page"] == "/id/industry/automotive"
    assert DEF + "Industry" in results[0]["types"]


def test_search_ranks_exact_before_partial_and_finds_pinyin_of_zones(server):
    results = server.get("/search?q=xiaoshan").json()["results"]
    assert [hit["resource"] for hit in results] == [ID + "zone/xiaoshan-etdz"]
    ranked = [hit["label"] for hit in server.get("/search?" + urllib.parse.urlencode({"q": "开发区"})).json()["results"]]
    assert ranked[0] == "开发区"  # the exact label first, then the longer ones
    assert "杭州经济技术开发区" in ranked


def test_search_page_for_browsers_and_empty_queries(server):
    page = server.get("/search?q=qiche", headers=BROWSER)
    assert page.content_type == "text/html" and '<a href="/id/industry/automotive">汽车</a>' in page.text
    assert server.get("/search?q=").json()["results"] == []
    assert server.get("/search?q=nothing-like-this").json()["results"] == []


def test_search_lists_what_links_to_the_best_hits(server):
    best = server.get("/search?" + urllib.parse.urlencode({"q": "qiche"})).json()["results"][0]
    by_property = {group["property"]: group for group in best["linked_from"]}
    has_industry = by_property[DEF + "hasIndustry"]
    assert has_industry["property_label"] == "主导产业"
    assert [(item["label"], item["page"]) for item in has_industry["resources"]] == [
        ("杭州经济技术开发区", "/id/zone/hangzhou-etdz"), ("萧山经济技术开发区", "/id/zone/xiaoshan-etdz")]
    page = server.get("/search?q=qiche", headers=BROWSER).text
    assert '<a href="/def/hasIndustry">主导产业</a> ←' in page and '<a href="/id/zone/xiaoshan-etdz">萧山经济技术开发区</a>' in page


def test_resource_pages_revalidate_to_304(server):
    first = server.get("/id/zone/fuyang-ez", headers=BROWSER)
    assert server.get("/id/zone/fuyang-ez", headers={**BROWSER, "If-None-Match": first.headers["etag"]}).status == 304
    turtle = server.get("/id/zone/fuyang-ez.ttl", headers={"If-None-Match": first.headers["etag"]})
    assert turtle.status == 200 and turtle.headers["etag"] != first.headers["etag"]


def test_data_is_escaped_in_html(server):
    query = 'SELECT ("<script>alert(1)</script>" AS ?x) WHERE {}'
    page = server.get("/sparql?" + urllib.parse.urlencode({"query": query}), headers=BROWSER)
    assert page.status == 200
    assert "<script>" not in page.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text

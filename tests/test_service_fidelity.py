"""Graph answers say what the store says: every literal of a CONSTRUCT, DESCRIBE or resource page comes
back, in every graph format hzkg offers, as exactly the term the engine gave (lexical form, datatype,
language). rdflib's writers and its pickling changed some: `"!!"^^xsd:base64Binary` was written as `""`,
`"0A"^^xsd:hexBinary` as `"0a"`, `"01"^^xsd:integer` as Turtle `1`, `"1"^^xsd:decimal` as `1.0`.
A real server on loopback; its log is read after each test (the probes' fixture: no traceback, and
no rdflib warning about an ill-typed literal, which is kept as it is)."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from test_service_probes import probe, probed  # noqa: F401  (the logged server and its per-test log check)

XSD = "http://www.w3.org/2001/XMLSchema#"
AWKWARD = {
    "base64 that does not decode": f'"!!"^^<{XSD}base64Binary>',
    "integer with a leading zero": f'"01"^^<{XSD}integer>',
    "integer with a plus sign": f'"+1"^^<{XSD}integer>',
    "hexBinary in capitals": f'"0A"^^<{XSD}hexBinary>',
    "boolean as a digit": f'"1"^^<{XSD}boolean>',
    "decimal without a point": f'"1"^^<{XSD}decimal>',
    "double without an exponent": f'"1"^^<{XSD}double>',
    "ill-typed integer": f'"abc"^^<{XSD}integer>',
    "language-tagged string": '"chat"@en-GB',
    "string with quotes, line breaks, a backslash": r'"a \"q\" \n b \\ c \r"',
}
# Every graph format hzkg offers (responses/formats.py), by media type, with pyoxigraph's parser for it.
GRAPH_FORMATS = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
                 "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/ld+json": ox.RdfFormat.JSON_LD,
                 "application/trig": ox.RdfFormat.TRIG, "application/n-quads": ox.RdfFormat.N_QUADS}


@pytest.fixture(autouse=True)
def no_literal_warnings(probed):  # noqa: F811
    """rdflib's warning about an ill-typed literal (a traceback with it) was in the log for each one."""
    before = len(probed.log())
    yield
    assert "Failed to convert Literal" not in probed.log()[before:]


TEMPLATE = "CONSTRUCT {{ {triples} }} WHERE {{}}"


def _construct() -> str:
    return TEMPLATE.format(triples=" ".join(f"<urn:s{n}> <urn:p> {literal} ." for n, literal in enumerate(AWKWARD.values())))


def _objects(triples) -> dict[str, object]:
    return {str(triple.subject.value): triple.object for triple in triples}


def _read(body: bytes, fmt) -> list:
    return [ox.Triple(item.subject, item.predicate, item.object) for item in ox.parse(body, format=fmt)]


def test_the_format_list_is_every_graph_format_offered():
    from hzkg.service.responses.formats import GRAPH, offers

    offered = {fmt.mimetype for fmt in offers(GRAPH) if fmt.key != "html"}
    assert offered == set(GRAPH_FORMATS)


@pytest.mark.parametrize("accept", GRAPH_FORMATS)
def test_every_awkward_literal_comes_back_as_the_engine_gave_it(probe, accept):
    # What the engine itself answers, term for term: pyoxigraph over no data.
    expected = _objects(ox.Store().query(_construct()))
    assert len(expected) == len(AWKWARD)
    answer = probe.get(probe.sparql(_construct()), headers={"Accept": accept})
    assert answer.status == 200 and answer.content_type == accept, answer.body[:300]
    got = _objects(_read(answer.body, GRAPH_FORMATS[accept]))
    for number, (name, literal) in enumerate(AWKWARD.items()):
        subject = f"urn:s{number}"
        assert got[subject] == expected[subject], (name, literal, answer.text[:2000])
    assert got["urn:s0"] == ox.Literal("!!", datatype=ox.NamedNode(XSD + "base64Binary"))  # once data loss


def test_turtle_keeps_its_prefixes_and_writes_no_shorthand_that_changes_a_term(probe):
    answer = probe.get(probe.sparql(_construct()), headers={"Accept": "text/turtle"})
    assert "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> ." in answer.text
    assert '"1"^^xsd:decimal' in answer.text and '"1"^^xsd:boolean' in answer.text  # never bare 1 (an integer)
    assert "@prefix owl:" not in answer.text  # only the prefixes the answer uses


def test_a_resource_page_keeps_the_plans_lexical_forms(probe):
    """A target of 10 km² is "10"^^xsd:decimal in the plan's data; rdflib's Turtle wrote it as 10.0."""
    iri = "https://w3id.org/hzkg/id/observation/hangzhou-etdz-new-development-area-2011-2015"
    local = iri.split("/hzkg/", 1)[1]
    value = "https://w3id.org/hzkg/def/value"
    for accept, fmt in GRAPH_FORMATS.items():
        answer = probe.get(f"/{local}", headers={"Accept": accept})
        assert answer.status == 200 and answer.content_type == accept, answer.body[:300]
        values = [t.object for t in _read(answer.body, fmt) if t.subject.value == iri and t.predicate.value == value]
        assert values == [ox.Literal("10", datatype=ox.NamedNode(XSD + "decimal"))], (accept, answer.text[:1500])


def test_the_pages_of_a_graph_and_a_select_show_the_lexical_form(probe):
    page = probe.get(probe.sparql(_construct()), headers={"Accept": "text/html"})
    assert page.status == 200
    for lexical in ("!!", "0A", "01", "+1", "abc"):
        assert f">{lexical}<" in page.text, lexical
    select = "SELECT ?x WHERE { VALUES ?x { " + " ".join(AWKWARD.values()) + " } }"
    page = probe.get(probe.sparql(select), headers={"Accept": "text/html"})
    assert page.status == 200 and ">!!<" in page.text and ">0A<" in page.text


@pytest.mark.parametrize("accept, fmt", [("application/sparql-results+json", ox.QueryResultsFormat.JSON),
                                         ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
                                         ("text/tab-separated-values", ox.QueryResultsFormat.TSV)])
def test_a_select_of_awkward_literals_comes_back_as_the_engine_gave_it(probe, accept, fmt):
    # The engine reads a query's typed constants by value: "01"^^xsd:integer is 1 in its answer already.
    select = "SELECT ?x WHERE { VALUES ?x { " + " ".join(AWKWARD.values()) + " } }"
    expected = [solution["x"] for solution in ox.Store().query(select)]
    answer = probe.get(probe.sparql(select), headers={"Accept": accept})
    assert answer.status == 200, answer.body[:300]
    assert [solution["x"] for solution in ox.parse_query_results(answer.body, format=fmt)] == expected


def test_a_written_answer_is_the_same_bytes_each_time(probe):
    """Sorted, so one graph is one text (rdflib wrote N-Triples in its hash order)."""
    path = probe.sparql(_construct())
    first, second = (probe.get(path, headers={"Accept": "application/n-triples"}).body for _ in range(2))
    assert first == second and first.splitlines() == sorted(first.splitlines())


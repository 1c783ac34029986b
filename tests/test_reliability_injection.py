"""A named query's parameter is a value, never SPARQL: whatever it holds (`}`, UNION, `#`,
quotes, IRIs with spaces), the query keeps its shape: the same variables, only the rows
the value itself selects, or a 400 naming the parameter."""
from __future__ import annotations

import urllib.parse

import pytest
from rdflib import Literal
from rdflib.plugins.sparql.parser import parseQuery

from reliability_fixtures import assert_unchanged, fingerprint
from hzkg.service.checking.binding import with_values_clause
from named_queries import CATALOGUE
from service_fixtures import ID, assert_error

ESCAPES = [
    '"} UNION { ?resource ?p ?label } #',
    "') } UNION { ?s ?p ?o } #",
    '\\" . ?resource ?p ?label . FILTER(true) #',
    '""" } ; DROP ALL ; SELECT * { """',
    "'''\n} UNION {\n?resource ?p ?label\n}\n#'''",
    "汽车\"@zh } UNION { ?resource ?p ?label } #",
    "# } UNION { ?resource ?p ?label",
    "} } } } } UNION { { { {",
    "\\u0022 } UNION { ?resource ?p ?label } #",
    "汽车\x00",
]
BAD_IRIS = [
    ID + "zone/hangzhou-etdz> } UNION { ?s ?p ?o } #",
    ID + "zone/hangzhou etdz",
    ID + "zone/x>",
    "<" + ID + "zone/hangzhou-etdz>",
    ID + 'zone/"quoted"',
    ID + "zone/{brace}",
    "not an iri at all",
    "javascript:alert(1) }",
]
ODD_BUT_VALID_IRIS = [ID + "zone/hangzhou-etdz#UNION", ID + "zone/%7D%20UNION", "urn:x:'quote'", "urn:x:#?&="]


def run(server, name: str, **params):
    return server.get(f"/queries/{name}?" + urllib.parse.urlencode({**params, "format": "json"}))


# rdflib expands \u escapes before parsing, so it reads the text `\u0022` as `"`: still inside the
# literal, but another value than oxigraph reads (a known difference of the reference engine).
@pytest.mark.parametrize("value", [value for value in ESCAPES if "\\u" not in value])
def test_a_string_parameter_stays_inside_its_literal(value):
    bound = with_values_clause(CATALOGUE["label-search"].query.text, {"text": Literal(value)})
    values = parseQuery(bound)[1]["where"]["part"][0]  # the parser's literal node holds the string
    assert [str(v) for v in values["var"]] == ["text"] and [str(term["string"]) for term in values["value"][0]] == [value]


def test_string_parameters_over_http_select_only_what_they_say(server):
    before = fingerprint(server)
    reference = run(server, "label-search", text="no label has this text").json()
    assert reference["results"]["bindings"] == []
    for value in ESCAPES:
        answer = run(server, "label-search", text=value)
        assert answer.status == 200, (value, answer.body[:300])
        document = answer.json()
        assert document["head"]["vars"] == reference["head"]["vars"], value
        assert document["results"]["bindings"] == [], f"{value!r} changed what the query selects"
    automotive = run(server, "label-search", text="汽车").json()["results"]["bindings"]
    assert automotive and {row["resource"]["value"] for row in automotive} == {ID + "industry/automotive"}
    print(f"\n{len(ESCAPES)} string injections: the query kept its shape each time")
    assert_unchanged(server, before)


@pytest.mark.parametrize("name", ["zone-profile", "zone-industries", "provenance", "resource-description"])
def test_iri_parameters_refuse_what_is_not_an_iri_and_bind_the_rest(server, name):
    # An IRI parameter also takes a name (service/model/names.py): what names nothing the graph
    # holds is refused before it meets the query, as a 404 (an unknown name or IRI) or a 400 (malformed)
    parameter = CATALOGUE[name].parameters[0].name
    before = fingerprint(server)
    for value in BAD_IRIS + ODD_BUT_VALID_IRIS + [ID + "zone/no-such-zone"]:
        answer = run(server, name, **{parameter: value})
        assert answer.status in (400, 404), (value, answer.body[:300])
        assert_error(answer, answer.status, f"parameter {parameter}")
    assert run(server, name, **{parameter: ID + "zone/hangzhou-etdz"}).status == 200
    print(f"\n{name}: {len(BAD_IRIS) + len(ODD_BUT_VALID_IRIS) + 1} malformed or unknown IRIs refused")
    assert_unchanged(server, before)


def test_parameters_the_query_does_not_declare_are_refused_by_name(server):
    answer = run(server, "zones", **{"zone } UNION { ?s ?p ?o": "x"})
    assert_error(answer, 400, "has no parameter zone } UNION")

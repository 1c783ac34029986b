"""Named queries for people, over HTTP on the plan's data: every IRI parameter takes a name
(Chinese, English, pinyin) or a short id and answers as the IRI does; an unknown name or IRI is
a 404 that suggests names, an ambiguous one a 400 that lists them; the HTML page is a form."""
from __future__ import annotations

import re
import urllib.parse

import pytest

from named_queries import CATALOGUE
from service_fixtures import ID, assert_error

BROWSER = {"Accept": "text/html"}
IRI_PARAMETERS = [(named.name, parameter.name, parameter.default)
                  for named in CATALOGUE.values() for parameter in named.parameters if parameter.type == "iri"]


def answer(server, name: str, **params) -> dict:
    got = server.get(f"/queries/{name}?" + urllib.parse.urlencode({**params, "format": "json"}))
    assert got.status == 200, (name, params, got.body[:300])
    return got.json()


def labels_of(plan_store, iri: str) -> list[str]:
    rows = plan_store.run(f"SELECT ?l WHERE {{ <{iri}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}", 10).rows
    return [str(row[0]) for row in rows]


@pytest.mark.parametrize("name, parameter, default", IRI_PARAMETERS)
def test_every_iri_parameter_takes_a_name_or_a_short_id(plan_server, plan_store, name, parameter, default):
    by_iri = answer(plan_server, name, **{parameter: default})
    assert by_iri == answer(plan_server, name, **{parameter: default[len(ID):]})  # zone/linan-edz
    names = labels_of(plan_store, default)  # Chinese and English; a figure has none, only its id
    assert len(names) == 2 or "/observation/" in default
    for label in names:
        assert by_iri == answer(plan_server, name, **{parameter: label})


def test_pinyin_names_a_zone(plan_server):
    assert answer(plan_server, "zone-industries", zone="zhejianglinanjingjikaifaqu") == answer(
        plan_server, "zone-industries", zone=ID + "zone/linan-edz")


@pytest.mark.parametrize("name, parameter", sorted({(name, parameter) for name, parameter, _ in IRI_PARAMETERS}))
def test_an_unknown_name_or_iri_is_a_404_with_suggestions(plan_server, name, parameter):
    for text in ("atlantis", ID + "zone/atlantis"):
        got = plan_server.get(f"/queries/{name}?" + urllib.parse.urlencode({parameter: text}))
        assert_error(got, 404, f"parameter {parameter}", "did you mean: ")


def test_an_ambiguous_name_lists_the_candidates(plan_server):
    got = plan_server.get("/queries/zone-profile?" + urllib.parse.urlencode({"zone": "临安"}))
    assert_error(got, 400, "浙江临安经济开发区 (zone/linan-edz)", "临安农产品深加工产业园区 (zone/linan-agri-park)")


def test_a_resource_of_the_wrong_kind_is_refused(plan_server):
    got = plan_server.get("/queries/zone-profile?zone=industry/automotive")
    assert_error(got, 400, "汽车产业 (industry/automotive) is not a DevelopmentZone")


def test_the_page_is_a_form_titled_by_its_parameters(plan_server):
    page = plan_server.get("/queries/zone-profile?" + urllib.parse.urlencode({"zone": "浙江临安经济开发区"}),
                           headers=BROWSER)
    assert page.status == 200 and page.content_type == "text/html"
    text = page.text
    assert "<title>浙江临安经济开发区 · 开发区概况" in text
    assert '<select name="zone">' in text and '<option value="zone/linan-edz" selected>浙江临安经济开发区</option>' in text
    # the links carry every parameter (zone-profile's only_basis too, since issue 12), the zone by its short id
    for key in ("csv", "json"):
        assert re.search(rf'href="/queries/zone-profile\?zone=zone%2Flinan-edz(&amp;[a-z_]+=[a-z]+)*&amp;format={key}"', text)
    assert 'href="/sparql#query=' in text
    assert "<th title=\"?value\">数值</th>" in text  # labelled columns
    csv = plan_server.get("/queries/zone-profile?zone=zone%2Flinan-edz&format=csv")
    assert csv.status == 200 and csv.content_type == "text/csv"


def test_figures_keep_their_qualifiers(plan_server):
    text = plan_server.get("/queries/gdp-targets-ranked", headers=BROWSER).text
    assert "<td>100左右</td>" in text and "<td>200</td>" in text and "<td>预计28</td>" in text

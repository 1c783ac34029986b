"""Citable answers: /answer gives a permalink with the version and the answer's SHA-256;
opening it runs the query again: the hash matches a re-run, and a changed hash is reported."""
from __future__ import annotations

from urllib.parse import parse_qs, quote, urlsplit

from hzkg.graph.version import package_version
from service_fixtures import assert_error

ZONES_OF_INDUSTRY = "/answer?query=zones-with-industry&industry=https%3A%2F%2Fw3id.org%2Fhzkg%2Fid%2Findustry%2Fnew-energy"
SPARQL = "SELECT ?z WHERE { ?z a <https://w3id.org/hzkg/def/DevelopmentZone> }"


def test_a_named_query_s_permalink_records_version_and_hash_and_a_rerun_matches(plan_server):
    first = plan_server.get(ZONES_OF_INDUSTRY, headers={"Accept": "application/json"}).json()
    assert first["version"] == package_version() and len(first["sha256"]) == 64 and first["rows"] > 0
    link = parse_qs(urlsplit(first["permalink"]).query)
    assert link["version"] == [package_version()] and link["sha256"] == [first["sha256"]]
    assert link["industry"] == ["https://w3id.org/hzkg/id/industry/new-energy"]
    again = plan_server.get(first["permalink"], headers={"Accept": "application/json"}).json()
    assert again["identical"] is True and again["same_version"] is True and again["sha256"] == first["sha256"]
    assert "identical" in again["verdict"]


def test_a_changed_hash_is_reported(plan_server):
    first = plan_server.get(ZONES_OF_INDUSTRY, headers={"Accept": "application/json"}).json()
    tampered = first["permalink"].replace(first["sha256"], "0" * 64).replace(f"version={package_version()}", "version=0.0.1")
    again = plan_server.get(tampered, headers={"Accept": "application/json"}).json()
    assert again["identical"] is False and again["same_version"] is False
    assert again["cited"]["sha256"] == "0" * 64 and again["sha256"] == first["sha256"]
    assert "CHANGED" in again["verdict"]
    page = plan_server.get(tampered, headers={"Accept": "text/html"}).text
    assert "答案已变" in page and first["sha256"] in page


def test_another_parameter_gives_another_hash(plan_server):
    energy = plan_server.get(ZONES_OF_INDUSTRY, headers={"Accept": "application/json"}).json()
    auto = plan_server.get(ZONES_OF_INDUSTRY.replace("new-energy", "auto-and-parts"),
                           headers={"Accept": "application/json"}).json()
    assert energy["sha256"] != auto["sha256"]


def test_a_sparql_query_s_permalink(plan_server):
    first = plan_server.get("/answer?sparql=" + quote(SPARQL), headers={"Accept": "application/json"}).json()
    assert first["rows"] == 17  # the 15 zones of the plan period and the 2 consolidated into others (issue 12)
    again = plan_server.get(first["permalink"], headers={"Accept": "application/json"}).json()
    assert again["identical"] is True
    page = plan_server.get(first["permalink"], headers={"Accept": "text/html"}).text
    assert "答案未变" in page and 'id="permalink"' in page


def test_bad_requests_say_what_to_do(plan_server):
    assert_error(plan_server.get("/answer"), 400, "give either query=")
    assert_error(plan_server.get("/answer?query=nope"), 404, "no such named query")
    assert_error(plan_server.get("/answer?sparql=" + quote("DROP ALL")), 400)
    assert_error(plan_server.get("/answer?sparql=" + quote(SPARQL) + "&industry=x"), 400, "for named queries")


def test_a_query_s_result_page_links_to_its_citable_answer(plan_server):
    import html
    import re

    page = plan_server.get(ZONES_OF_INDUSTRY.replace("/answer?query=", "/queries/").replace("&", "?", 1) + "&format=html",
                           headers={"Accept": "text/html"}).text
    link = html.unescape(re.search(r'<a class="cite-answer" href="([^"]+)"', page).group(1))
    answer = plan_server.get(link, headers={"Accept": "application/json"}).json()
    assert answer["query"] == "zones-with-industry" and answer["rows"] == 5  # 新能源: 临江 (only 新能源新材料) no longer counts (issue 12)


def test_the_form_s_short_ids_and_names_cite_the_same_answer(patient_plan_server):
    """The query form sends short ids (`industry/new-energy`); names, IRIs and the prefixed names the editor's
    results show (`industry:new-energy`) are taken alike."""
    by_iri = patient_plan_server.get(ZONES_OF_INDUSTRY, headers={"Accept": "application/json"}).json()
    for given in ("industry%2Fnew-energy", quote("新能源"), quote("industry:new-energy")):
        answer = patient_plan_server.get(f"/answer?query=zones-with-industry&industry={given}", headers={"Accept": "application/json"})
        assert answer.status == 200, answer.text
        assert answer.json()["sha256"] == by_iri["sha256"]
        assert answer.json()["parameters"] == {"industry": "https://w3id.org/hzkg/id/industry/new-energy"}
    assert_error(patient_plan_server.get("/answer?query=zones-with-industry&industry=industry%2Fno-such-thing"), 404, "nothing is known")


def test_the_answer_page_shows_the_rows_and_the_formatted_citation(patient_plan_server):
    page = patient_plan_server.get("/answer?query=zones-with-industry&industry=industry%2Fnew-energy", headers={"Accept": "text/html"}).text
    assert page.count('<tr><td>') == 5 and "/id/zone/" in page  # the five zones, linked by their labels
    assert "[DB/OL]" in page and "SHA-256" in page and "zones-with-industry" in page
    assert "引用格式" in page  # in the page's language (Chinese by default; issue 24)


def test_a_parameter_left_out_takes_its_default_as_on_the_query_page(plan_server):
    """/answer?query=zone-profile with no zone was a 500 with a traceback (a KeyError); it answers as
    /queries/zone-profile does, with the parameter's default."""
    answer = plan_server.get("/answer?query=zone-profile&format=json")
    assert answer.status == 200, answer.text[:300]
    page = plan_server.get("/queries/zone-profile?format=json").json()
    assert answer.json()["rows"] == len(page["results"]["bindings"]) > 0

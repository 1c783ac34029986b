"""The front door over HTTP on the plan's data: the home page as JSON, conflicts pairing each value
with its section, truncation said plainly while standard clients (SPARQLWrapper, pandas) keep
reading the answers, and a missing PREFIX named with the line to add."""
from __future__ import annotations

import io
import urllib.parse

import pandas
from SPARQLWrapper import CSV, JSON, SPARQLWrapper

from service_fixtures import ID, assert_error

DEF = "https://w3id.org/hzkg/def/"
ZONES = f"SELECT ?zone WHERE {{ ?zone a <{DEF}DevelopmentZone> }} ORDER BY ?zone"


def test_home_answers_json_with_the_plan_counts_and_lists(plan_server):
    home = plan_server.get("/", headers={"Accept": "application/json"}).json()
    assert home["plan"]["title_zh"] == "杭州市开发区（园区）“十二五”发展规划" and home["plan"]["period"] == "2011–2015"
    counts = {count["class"]: count["count"] for count in home["dataset"]["counts"]}
    assert counts["DevelopmentZone"] == 17 and counts["SubCity"] == 3 and counts["IndustrialCluster"] == 2
    lists = {entry["key"]: entry["entries"] for entry in home["lists"]}
    assert [zone["label_zh"] for zone in lists["zones"]][:2] == ["杭州经济技术开发区", "萧山经济技术开发区"]
    assert {"label_zh": "浙江临安经济开发区", "page": "/id/zone/linan-edz"}.items() <= lists["zones"][7].items()
    # the two zones run together with another (the plan's parentheses) come last, each naming the other
    assert [(zone["label_zh"], zone["into"]["label_zh"]) for zone in lists["zones"] if zone["into"]] == [
        ("杭州出口加工区", "杭州经济技术开发区"), ("杭州江东工业园区", "萧山经济技术开发区")]
    assert all(zone["into"] is None for zone in lists["zones"][:15])
    assert {entry["key"]: entry["current"] for entry in home["lists"]}["zones"] == 15
    html = plan_server.get("/", headers={"Accept": "text/html"}).text
    assert "(15 + 2)" in html and "合署" in html
    assert any("200" in c["message"] and "100" in c["message"] for c in home["contradictions"])
    assert plan_server.get("/?format=json").json() == home
    assert plan_server.get("/", headers={"Accept": "text/html"}).content_type == "text/html"


def test_conflicts_pair_each_value_with_its_own_sections(plan_server, plan_store):
    rows = plan_server.get("/queries/conflicts?format=json").json()["results"]["bindings"]
    values = [row for row in rows if row["kind"]["value"] == "value"]
    assert values
    for row in values:
        for side in ("first", "second"):
            sections = plan_store.run(
                f"SELECT DISTINCT ?number WHERE {{ ?o <{DEF}refArea> <{row['subject']['value']}> ; "
                f"<{DEF}value> ?v ; <{DEF}citation>/<{DEF}section>/<{DEF}sectionNumber> ?number "
                f"FILTER(?v = {row[side + '_value']['value']}) }}",
                100).rows
            assert set(row[side + "_sections"]["value"].split()) == {str(number) for (number,) in sections}
    linan = next(row for row in values if row["subject"]["value"] == ID + "zone/linan-edz")
    assert (linan["first_value"]["value"], linan["first_sections"]["value"]) == ("100", "四（二）7")
    assert (linan["second_value"]["value"], linan["second_sections"]["value"]) == ("200", "附表")


def test_a_truncated_answer_says_so_and_clients_still_read_it(small_server):
    endpoint = SPARQLWrapper(small_server.url + "/sparql")
    endpoint.setQuery(ZONES)
    endpoint.setReturnFormat(JSON)
    document = endpoint.query().convert()
    assert len(document["results"]["bindings"]) == 5
    assert document["truncated"] is True and "row_limit" in document["warning"]
    assert "/export" in document["how_to_get_everything"]
    endpoint.setReturnFormat(CSV)
    table = pandas.read_csv(io.BytesIO(endpoint.query().convert()))
    assert list(table.columns) == ["zone"] and len(table) == 5  # CSV stays plain CSV: the header says the rest
    answer = small_server.get("/sparql?" + urllib.parse.urlencode({"query": ZONES, "format": "csv"}))
    assert "5 rows" in answer.headers["hzkg-truncated"]
    page = small_server.get("/queries/zones", headers={"Accept": "text/html"}).text
    assert "只显示前 5 行" in page and "row_limit" in page and "/export" in page


def test_whole_answers_read_the_same_in_standard_clients(plan_server):
    endpoint = SPARQLWrapper(plan_server.url + "/sparql")
    endpoint.setQuery(ZONES)
    endpoint.setReturnFormat(JSON)
    document = endpoint.query().convert()
    assert len(document["results"]["bindings"]) == 17 and "truncated" not in document
    ranked = pandas.read_csv(io.StringIO(plan_server.get("/queries/gdp-targets-ranked?format=csv").text))
    assert list(ranked.columns) == ["zone", "zone_zh", "gdp", "qualifier_en", "sections"]
    assert ranked["gdp"].tolist() == sorted(ranked["gdp"].tolist(), reverse=True)


def test_a_missing_prefix_is_named_with_the_line_to_add(plan_server):
    query = "SELECT ?zone WHERE { ?zone a hz:DevelopmentZone }"
    answer = plan_server.get("/sparql?" + urllib.parse.urlencode({"query": query}))
    assert_error(answer, 400, "the prefix hz: without declaring it", f"PREFIX hz: <{DEF}>")


def test_error_pages_link_the_paths_they_name(plan_server):
    page = plan_server.get("/id/zone/atlantis", headers={"Accept": "text/html"})
    assert page.status == 404 and '<a href="/search">/search</a>' in page.text
    named = plan_server.get("/queries/zone-profile?zone=%3Cb%3Eatlantis", headers={"Accept": "text/html"})
    assert named.status == 404 and "&lt;b&gt;atlantis" in named.text and "<b>" not in named.text


def test_favicon(plan_server):
    icon = plan_server.get("/favicon.ico")
    assert icon.status == 200 and icon.content_type == "image/svg+xml" and b"<svg" in icon.body

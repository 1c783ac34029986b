"""The query catalogue: headers checked at start-up, typed parameters, results at their own URL."""
import shutil
import subprocess
import urllib.parse
from pathlib import Path

import pytest

from hzkg.service.checking.catalogue import CatalogueError, load_catalogue, load_query_file
from service_fixtures import HZKG, ID, assert_error
from hzkg.graph import paths

GOOD_HEADER = """#+ name: {name}
#+ title_zh: 测试
#+ title_en: Test
#+ description: A test query.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_catalogue_query_loads():
    catalogue = load_catalogue(paths.QUERIES_DIR)
    assert {"label-search", "resource-description", "classes"} <= set(catalogue)
    assert catalogue["label-search"].parameters[0].type == "string"


@pytest.mark.parametrize("text, reason", [
    ("SELECT * { ?s ?p ?o }", "no `#+` header"),
    ("#+ name: [unclosed\nSELECT * { ?s ?p ?o }", "not valid YAML"),
    (GOOD_HEADER.format(name="other") + "SELECT * { ?s ?p ?o }", "differs from the file name"),
    (GOOD_HEADER.format(name="bad").replace("#+ title_en: Test\n", "") + "ASK {}", "'title_en'"),
    (GOOD_HEADER.format(name="bad") + "#+ colour: red\nASK {}", "unknown header key(s) colour"),
    (GOOD_HEADER.format(name="bad") + "#+ description_zh: [a, list]\nASK {}", "description_zh, when given, must be a text"),
    (GOOD_HEADER.format(name="bad") + "#+ params:\n#+   - {name: x, type: colour}\nASK { ?x ?p ?o }", "type 'colour'"),
    (GOOD_HEADER.format(name="bad") + "#+ params:\n#+   - {name: y, type: string}\nASK { ?x ?p ?o }", "no ?y"),
    (GOOD_HEADER.format(name="bad") + "#+ params:\n#+   - {name: x, type: integer, default: ten}\nASK { ?x ?p ?o }",
     "parameter x: 'ten' is not a valid integer"),
    (GOOD_HEADER.format(name="bad") + "SELECT * { ?s ?p }", "malformed query"),
    (GOOD_HEADER.format(name="bad") + "DELETE WHERE { ?s ?p ?o }", "read-only"),
    (GOOD_HEADER.format(name="bad") + "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", "SERVICE is refused"),
])
def test_a_bad_query_file_is_named_with_the_reason(tmp_path, text, reason):
    path = write(tmp_path, "bad", text)
    with pytest.raises(CatalogueError) as caught:
        load_query_file(path)
    assert str(path) in str(caught.value) and reason in str(caught.value)


def test_hzkg_serve_refuses_to_start_on_a_bad_query_file(tmp_path, artifact):
    shutil.copy(paths.QUERIES_DIR / "classes.rq", tmp_path)
    write(tmp_path, "broken", "#+ name: broken\nSELECT * { ?s ?p ?o }")
    done = subprocess.run([HZKG, "serve", "--port", "1", "--setting", "artifact", str(artifact),
                           "--setting", "queries", str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "broken.rq" in done.stderr and "'title_zh'" in done.stderr
    assert "Traceback" not in done.stderr


def test_catalogue_lists_as_json_and_html(server):
    listing = server.get("/queries").json()
    names = [query["name"] for query in listing["queries"]]
    assert "label-search" in names
    label_search = next(q for q in listing["queries"] if q["name"] == "label-search")
    assert label_search["params"][0] == {"name": "text", "type": "string", "default": "汽车",
                                         "example": "automotive", "description": "part of a label, in Chinese or English",
                                         "description_zh": "名称的一部分，中文或英文"}
    assert label_search["description_zh"] and label_search["description"]  # each page shows its language's
    page = server.get("/queries", headers={"Accept": "text/html"})
    assert page.content_type == "text/html" and "按名称查找" in page.text and "中文或英文" in page.text


def test_named_query_with_a_parameter(server):
    answer = server.get("/queries/label-search?" + urllib.parse.urlencode({"text": "零部件"}))
    rows = answer.json()["results"]["bindings"]
    assert {row["resource"]["value"] for row in rows} == {ID + "industry/automotive"}


def test_named_query_default_parameter_and_formats(server):
    csv = server.get("/queries/label-search?format=csv")
    assert csv.content_type == "text/csv"
    assert f"汽车,{ID}industry/automotive,汽车,https://w3id.org/hzkg/def/Industry" in csv.text.splitlines()
    html = server.get("/queries/label-search", headers={"Accept": "text/html"})
    assert '<a href="/id/industry/automotive">' in html.text


def test_a_parameter_cannot_change_the_query(server):
    smuggled = '") } } SELECT * WHERE { ?s ?p ?o } #'
    answer = server.get("/queries/label-search?" + urllib.parse.urlencode({"text": smuggled}))
    assert answer.status == 200
    assert answer.json()["results"]["bindings"] == []  # searched for that text, found nothing


def test_construct_named_query_with_an_iri_parameter(server):
    answer = server.get("/queries/resource-description?" + urllib.parse.urlencode(
        {"resource": ID + "industry/automotive"}), headers={"Accept": "application/n-triples"})
    lines = answer.text.splitlines()
    assert f'<{ID}industry/automotive> <http://www.w3.org/2000/01/rdf-schema#label> "汽车"@zh .' in lines
    assert f"<{ID}zone/xiaoshan-etdz> <https://w3id.org/hzkg/def/hasIndustry> <{ID}industry/automotive> ." in lines


def test_bad_parameters_are_named(server):
    # An IRI parameter also takes a name: one that names nothing is a 404 that suggests names
    assert_error(server.get("/queries/resource-description?resource=not%20an%20iri"), 404, "parameter resource",
                 "nothing is named 'not an iri'; did you mean: ")
    assert_error(server.get("/queries/label-search?colour=red"), 400, "no parameter colour")
    assert_error(server.get("/queries/no-such-query"), 404, "no query named 'no-such-query'")


def test_hzkg_query_in_the_terminal(artifact):
    table = subprocess.run([HZKG, "query", "label-search", "--param", "text=automotive",
                            "--setting", "artifact", str(artifact)], capture_output=True, text=True, timeout=60)
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[2].split() == ["automotive", "汽车", "automotive", "产业"]  # labels, not IRIs
    csv = subprocess.run([HZKG, "query", str(paths.QUERIES_DIR / "classes.rq"), "--format", "csv",
                          "--engine", "rdflib", "--setting", "artifact", str(artifact)],
                         capture_output=True, text=True, timeout=60)
    assert csv.returncode == 0, csv.stderr
    assert "https://w3id.org/hzkg/def/Zone,Development zone,3" in csv.stdout.splitlines()


def test_hzkg_query_errors_exit_2_with_a_message(artifact):
    unknown = subprocess.run([HZKG, "query", "nope", "--setting", "artifact", str(artifact)],
                             capture_output=True, text=True, timeout=60)
    assert unknown.returncode == 2 and "no query named 'nope'" in unknown.stderr
    bad = subprocess.run([HZKG, "query", "resource-description", "--param", "resource=x y",
                          "--setting", "artifact", str(artifact)], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "parameter resource" in bad.stderr


def test_one_line_values_may_contain_colons(tmp_path):
    header = GOOD_HEADER.format(name="colons").replace("A test query.", "Targets: 2010 baselines, 2015: goals")
    named = load_query_file(write(tmp_path, "colons", header + "ASK {}"))
    assert named.description == "Targets: 2010 baselines, 2015: goals"


def test_every_catalogue_query_has_its_description_in_chinese_and_english():
    """Issue 24: the catalogue's pages show the description of their language."""
    for named in load_catalogue(paths.QUERIES_DIR).values():
        assert named.description_zh and named.description, named.name
        assert named.description_in("zh") == named.description_zh and named.description_in("en") == named.description
        for parameter in named.parameters:
            assert bool(parameter.description_zh) == bool(parameter.description), (named.name, parameter.name)


def test_every_catalogue_query_runs_with_its_default_parameters(plan_server):
    # On the plan's data: a default names a resource of the plan, and an unknown one is a 404
    for named in load_catalogue(paths.QUERIES_DIR).values():
        answer = plan_server.get(f"/queries/{named.name}")
        assert answer.status == 200, (named.name, answer.body[:500])

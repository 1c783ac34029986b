"""Cite this: every format parses with a reader of that format (bibtexparser, a RIS reading,
the official CSL-JSON schema and citeproc-py for CSL-JSON), names the plan, the section, the
quote, hzkg's version and the IRI; the same by content negotiation on /id/…; bad input gets a reason."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import bibtexparser
import jsonschema
import pytest

from hzkg.graph.paths import ID
from hzkg.graph.version import package_version
from service_fixtures import assert_error

CSL_SCHEMA = Path(__file__).parent / "schemas" / "csl-data.json"  # vendored; see schemas/README.md
CSL_JSON = "application/vnd.citationstyles.csl+json"

CITATION = "https://w3id.org/hzkg/id/citation/4-2-7-20abc783"
QUOTE = "开发区累计新开发面积5平方公里，计划总投资90亿元左右；到2015年，开发区地区生产总值达到100亿元左右"
PLAN = "杭州市开发区（园区）“十二五”发展规划"
TARGETS = [CITATION, "https://w3id.org/hzkg/id/section/4-2-7", "https://w3id.org/hzkg/id/zone/linan-edz",
           "https://w3id.org/hzkg/id/observation/linan-edz-gdp-2015-text"]


def _cite(server, iri, format_):
    answer = server.get(f"/cite?iri={quote(iri, safe='')}&format={format_}")
    assert answer.status == 200, answer.text
    return answer


@pytest.mark.parametrize("iri", TARGETS)
def test_bibtex_parses_and_names_the_plan_section_version_and_iri(plan_server, iri):
    answer = _cite(plan_server, iri, "bibtex")
    assert answer.content_type == "application/x-bibtex"
    library = bibtexparser.parse_string(answer.text)
    assert len(library.entries) == 1 and not library.failed_blocks
    entry = library.entries[0]
    assert PLAN in entry["title"] and entry["url"] == iri and entry["version"] == package_version()
    if iri != TARGETS[1]:
        assert "四（二）7" in entry["title"] + entry["note"]


def test_bibtex_of_a_citation_holds_its_quote(plan_server):
    entry = bibtexparser.parse_string(_cite(plan_server, CITATION, "bibtex").text).entries[0]
    assert QUOTE in entry["note"] and "四（二）7" in entry["title"]


@pytest.mark.parametrize("iri", TARGETS)
def test_ris_is_tagged_lines_from_ty_to_er(plan_server, iri):
    answer = _cite(plan_server, iri, "ris")
    assert answer.content_type == "application/x-research-info-systems"
    lines = answer.text.splitlines()
    tags = [re.match(r"^([A-Z][A-Z0-9])  - (.*)$", line) for line in lines]
    assert all(tags), lines
    assert tags[0].group(1) == "TY" and tags[-1].group(1) == "ER"
    fields = {}
    for tag in tags:
        fields.setdefault(tag.group(1), []).append(tag.group(2))
    assert fields["UR"] == [iri] and fields["ET"] == [package_version()] and PLAN in fields["T2"]


@pytest.mark.parametrize("iri", TARGETS)
def test_csl_json_is_read_and_formatted_by_citeproc(plan_server, iri):
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    answer = _cite(plan_server, iri, "csl-json")
    assert answer.content_type == "application/vnd.citationstyles.csl+json"
    items = json.loads(answer.text)
    assert len(items) == 1 and {"id", "type", "title", "URL", "version", "accessed"} <= set(items[0])
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem(items[0]["id"])]))
    text = str(bibliography.bibliography()[0])
    assert PLAN in text and iri in text


@pytest.fixture(scope="module")
def csl_validator():
    schema = json.loads(CSL_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def _csl_problems(validator, text: str) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in validator.iter_errors(json.loads(text))]


def test_the_schema_check_refuses_what_the_schema_forbids(csl_validator):
    """The vendored schema is strict enough to catch a wrong CSL-JSON item."""
    good = [{"id": "x", "type": "report", "title": "t", "accessed": {"date-parts": [[2026, 11, 29]]}}]
    assert _csl_problems(csl_validator, json.dumps(good)) == []
    for bad in ({"id": "x", "type": "government plan"}, {"id": "x", "type": "report", "section-title": "t"},
                {"type": "report"}, {"id": "x", "type": "report", "accessed": "2026-11-29"}):
        assert _csl_problems(csl_validator, json.dumps([bad])), bad


@pytest.fixture(scope="module")
def one_resource_of_each_kind(plan_store) -> list[str]:
    """The first resource of each rdf:type in the graph (facts, sections, paragraphs, table rows and
    cells, citations, their selectors, zones, ontology terms, the plan), and the cases above."""
    rows = plan_store.run("SELECT ?t (MIN(STR(?s)) AS ?first) WHERE { ?s a ?t FILTER(isIRI(?s)) } GROUP BY ?t", 1000).rows
    return sorted({str(first) for _, first in rows} | set(TARGETS))


def test_every_kind_of_resource_has_csl_json_the_official_schema_accepts(plan_server, csl_validator,
                                                                          one_resource_of_each_kind):
    assert len(one_resource_of_each_kind) > 60
    problems = {}
    for iri in one_resource_of_each_kind:
        answer = _cite(plan_server, iri, "csl-json")
        assert answer.content_type == CSL_JSON
        found = _csl_problems(csl_validator, answer.text)
        items = json.loads(answer.text)
        if not found and not (len(items) == 1 and items[0]["URL"] == iri and items[0]["version"] == package_version()):
            found = [f"not one item naming {iri} and version {package_version()}"]
        if found:
            problems[iri] = found
    assert problems == {}


def test_csl_json_by_accept_on_every_kind_of_id_resource_passes_the_schema(plan_server, csl_validator,
                                                                             one_resource_of_each_kind):
    """Content negotiation on /id/… (a fragment IRI is cited through its document, so it is left to /cite)."""
    resources = [iri for iri in one_resource_of_each_kind if iri.startswith(ID) and "#" not in iri]
    assert len(resources) > 40
    problems = {}
    for iri in resources:
        answer = plan_server.get("/id/" + quote(iri[len(ID):]), headers={"Accept": CSL_JSON})
        assert answer.status == 200 and answer.content_type == CSL_JSON, (iri, answer.status, answer.content_type)
        found = _csl_problems(csl_validator, answer.text)
        if found or json.loads(answer.text)[0]["URL"] != iri:
            problems[iri] = found or ["URL is not the resource's IRI"]
    assert problems == {}


def test_plain_text_in_gbt7714_and_english(plan_server):
    chinese = _cite(plan_server, CITATION, "gbt7714").text
    assert chinese.startswith(PLAN + "：四（二）7") and "[EB/OL]" in chinese and QUOTE in chinese
    assert f"{package_version()} 版" in chinese and CITATION in chinese
    assert re.search(r"\[\d{4}-\d{2}-\d{2}\]", chinese)  # GB/T 7714's date of citation
    english = _cite(plan_server, CITATION, "text").text
    assert english.startswith("Hangzhou development zones' 12th five-year plan") and "section 四（二）7" in english
    assert f"version {package_version()}" in english and QUOTE in english and CITATION in english


@pytest.mark.parametrize("accept, marker", [("application/x-bibtex", "@misc{"),
                                            ("application/x-research-info-systems", "TY  - GOVDOC"),
                                            ("application/vnd.citationstyles.csl+json", '"container-title"')])
def test_a_resource_answers_its_citation_by_accept(plan_server, accept, marker):
    answer = plan_server.get("/id/zone/linan-edz", headers={"Accept": accept})
    assert answer.status == 200 and answer.content_type == accept
    assert marker in answer.text and "https://w3id.org/hzkg/id/zone/linan-edz" in answer.text


def test_the_cite_page_shows_every_format(plan_server):
    chrome = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8," \
             "application/signed-exchange;v=b3;q=0.7"  # what Chromium sends when it opens a link
    page = plan_server.get(f"/cite?iri={quote(CITATION, safe='')}", headers={"Accept": chrome})
    assert page.status == 200 and page.content_type == "text/html"
    for name in ("BibTeX", "RIS", "CSL-JSON", "GB/T 7714-2015", "English"):
        assert name in page.text


def test_bad_iris_get_a_reason(plan_server):
    assert_error(plan_server.get("/cite"), 400, "iri: give the IRI")
    assert_error(plan_server.get("/cite?iri=nonsense&format=bibtex"), 400, "is not an IRI")
    assert_error(plan_server.get("/cite?iri=https%3A%2F%2Fw3id.org%2Fhzkg%2Fid%2Fzone%2Fnope&format=bibtex"), 404, "nothing is known")
    assert_error(plan_server.get(f"/cite?iri={quote(CITATION, safe='')}&format=docx"), 406, "format='docx'")


def test_csl_json_names_the_plan_once_and_leaves_out_empty_fields(plan_server):
    plan = json.loads(_cite(plan_server, "https://w3id.org/hzkg/id/plan", "csl-json").text)[0]
    assert plan["title"] == PLAN and plan["id"] == "hzkg-plan"
    selector = json.loads(_cite(plan_server, CITATION + "#text-position", "csl-json").text)[0]
    assert "note" not in selector and all(value not in ("", [], {}) for value in selector.values())
    term = json.loads(_cite(plan_server, "https://w3id.org/hzkg/def/DevelopmentZone", "csl-json").text)[0]
    assert term["id"] == "hzkg-def-DevelopmentZone" and term["note"] == "Development zone"

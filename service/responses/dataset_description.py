"""What the dataset says of itself: VoID (counted from the store, so its numbers are the
endpoint's) and DCAT + schema.org `Dataset` JSON-LD (served at /dataset.jsonld, embedded in the
home page and /plan for harvesters). One version source: graph/version.py."""
from __future__ import annotations

import json

from flask import current_app
from markupsafe import Markup
from rdflib import RDF, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, VOID

from hzkg.graph.version import DATA_LICENSE, PLAN_TEXT_RIGHTS, package_version
from hzkg.service.state import current_state, made_once_and_kept

__all__ = ["PLAN_TITLE", "PLAN_TITLE_EN", "dataset_jsonld", "embedded_jsonld", "void_counts", "void_triples"]

PLAN_TITLE = "杭州市开发区（园区）“十二五”发展规划"
PLAN_TITLE_EN = "Hangzhou development zones' 12th five-year plan (2011–2015)"
TITLE = "hzkg: the Hangzhou development zones' 12th five-year plan as a knowledge graph"
DESCRIPTION = ("The zones, industries, national pilot bases, provincial industrial clusters, sub-cities, partnerships, "
               "2010 baselines and 2015 targets of 《杭州市开发区（园区）“十二五”发展规划》 (2011–2015) as RDF with an "
               "OWL ontology; every fact cites the plan's sentence (section and verbatim quote, anchored with W3C Web "
               "Annotation selectors in the plan's text).")
DUMPS = (("hzkg.nq", "application/n-quads"), ("hzkg.ttl", "text/turtle"), ("hzkg.jsonld", "application/ld+json"))  # /export/files/


def _site() -> str:
    return current_state().public_url("")


def dataset_iri() -> str:
    return current_state().settings["base_iri"] + "dataset"


def dataset_jsonld() -> dict:
    """DCAT and schema.org `Dataset` in one JSON-LD object (Google's dataset search reads schema.org)."""
    site, version = _site(), package_version()
    return {
        "@context": {"@vocab": "https://schema.org/", "dcat": "http://www.w3.org/ns/dcat#",
                     "dct": "http://purl.org/dc/terms/"},
        "@type": ["Dataset", "dcat:Dataset"],
        "@id": dataset_iri(),
        "name": TITLE,
        "dct:title": TITLE,
        "description": DESCRIPTION,
        "dct:description": DESCRIPTION,
        "version": version,
        "dcat:version": version,
        "license": DATA_LICENSE,
        "dct:license": {"@id": DATA_LICENSE},
        "dct:rights": PLAN_TEXT_RIGHTS,
        "inLanguage": ["zh", "en"],
        "keywords": ["development zones", "开发区", "Hangzhou", "杭州", "five-year plan", "十二五", "industrial policy",
                     "knowledge graph", "RDF", "SPARQL"],
        "temporalCoverage": "2011/2015",
        "dct:temporal": "2011/2015",
        "spatialCoverage": {"@type": "Place", "name": "杭州市 Hangzhou, Zhejiang, China"},
        "isBasedOn": {"@type": "CreativeWork", "@id": current_state().settings["base_iri"] + "id/plan",
                      "name": PLAN_TITLE, "alternateName": PLAN_TITLE_EN, "inLanguage": "zh",
                      "temporalCoverage": "2011/2015", "genre": "government document (planning document)"},
        "creator": {"@type": "Organization", "name": "hzkg contributors"},
        "url": site + "/plan",
        "dcat:landingPage": {"@id": site + "/"},
        "dcat:accessService": {"@type": "dcat:DataService", "dcat:endpointURL": {"@id": site + "/sparql"}},
        "distribution": [{"@type": ["DataDownload", "dcat:Distribution"], "contentUrl": f"{site}/export/files/{name}",
                          "dcat:downloadURL": {"@id": f"{site}/export/files/{name}"}, "encodingFormat": mimetype,
                          "dcat:mediaType": mimetype} for name, mimetype in DUMPS],
        "citation": f"hzkg contributors. {TITLE}. Version {version}. {site}/",
        "subjectOf": {"@id": site + "/.well-known/void"},
    }


def embedded_jsonld() -> Markup:
    """dataset_jsonld() as a page embeds it in <script type="application/ld+json">."""
    return Markup(json.dumps(dataset_jsonld(), ensure_ascii=False).replace("<", "\\u003c"))


_COUNT_QUERIES = {
    "triples": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "classes": "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }",
    "properties": "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }",
    "distinctSubjects": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }",
    "distinctObjects": "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }",
}


def _entities_query(space: str) -> str:
    return f'SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{space}")) }}'


CLASS_PARTITION_QUERY = "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY STR(?c)"
PROPERTY_PARTITION_QUERY = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY STR(?p)"


def void_counts() -> dict:
    """The counts, asked of the store as any client would ask the endpoint (cached per app)."""
    state = current_state()
    cache = current_app.extensions.setdefault("hzkg-void", {})
    key = state.version.tag if state.version else None
    if key in cache:
        return cache[key]
    def rows(query):
        with made_once_and_kept():
            return state.store.query(query, whole=True).rows

    counts = {name: int(str(rows(query)[0][0])) for name, query in _COUNT_QUERIES.items()}
    counts["entities"] = int(str(rows(_entities_query(state.settings["base_iri"] + "id/"))[0][0]))
    counts["class_partitions"] = [(str(c), int(str(n))) for c, n in rows(CLASS_PARTITION_QUERY)]
    counts["property_partitions"] = [(str(p), int(str(n))) for p, n in rows(PROPERTY_PARTITION_QUERY)]
    cache.clear()
    cache[key] = counts
    return counts


def void_triples() -> list[tuple]:
    state = current_state()
    site, version, counts = _site(), package_version(), void_counts()
    dataset = URIRef(dataset_iri())
    base = state.settings["base_iri"]
    triples = [
        (dataset, RDF.type, VOID.Dataset),
        (dataset, DCTERMS.title, Literal(TITLE, lang="en")),
        (dataset, DCTERMS.description, Literal(DESCRIPTION, lang="en")),
        (dataset, DCTERMS.license, URIRef(DATA_LICENSE)),
        (dataset, DCTERMS.rights, Literal(PLAN_TEXT_RIGHTS, lang="en")),
        (dataset, DCTERMS.source, URIRef(base + "id/plan")),
        (dataset, DCTERMS.hasVersion, Literal(version)),
        (dataset, OWL.versionInfo, Literal(version)),
        (dataset, VOID.sparqlEndpoint, URIRef(site + "/sparql")),
        (dataset, VOID.uriSpace, Literal(base + "id/")),
        (dataset, VOID.vocabulary, URIRef(base + "def/")),
        (dataset, VOID.rootResource, URIRef(base + "id/plan")),
    ]
    triples += [(dataset, VOID.dataDump, URIRef(f"{site}/export/files/{name}")) for name, _ in DUMPS]
    for name in ("triples", "entities", "classes", "properties", "distinctSubjects", "distinctObjects"):
        triples.append((dataset, VOID[name], Literal(counts[name], datatype=XSD.integer)))
    for index, (cls, entities) in enumerate(counts["class_partitions"], 1):
        partition = URIRef(f"{dataset}#class-{index}")
        triples += [(dataset, VOID.classPartition, partition), (partition, VOID["class"], URIRef(cls)),
                    (partition, VOID.entities, Literal(entities, datatype=XSD.integer))]
    for index, (prop, count) in enumerate(counts["property_partitions"], 1):
        partition = URIRef(f"{dataset}#property-{index}")
        triples += [(dataset, VOID.propertyPartition, partition), (partition, VOID.property, URIRef(prop)),
                    (partition, VOID.triples, Literal(count, datatype=XSD.integer))]
    return triples

"""The one prefix table: the names the ontology, the queries, the editor, the docs and every
served document use (`hz:` for the ontology, `hzkg:` for the things it describes), and the only
place the project's namespace IRI is written. Every SPARQL text built in Python takes its
`PREFIX` lines from `sparql_prefixes`.

The standard namespaces are written as rdflib writes them (tests/test_structure.py compares);
importing rdflib here would cost every `hzkg` command its start-up.

>>> print(sparql_prefixes("hz", "rdfs"), end="")
PREFIX hz: <https://w3id.org/hzkg/def/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
from __future__ import annotations

__all__ = ["BASE", "DEF", "ID", "NAMESPACES", "PREFIXES", "prefix_line", "sparql_prefixes", "prefixed_name",
           "short_name"]

BASE = "https://w3id.org/hzkg/"
DEF = BASE + "def/"  # the ontology
ID = BASE + "id/"  # the things it describes

NAMESPACES = {
    "hz": DEF,
    "hzkg": ID,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    # used by the build's texts, the reading view and the map; not declared in served documents
    "oa": "http://www.w3.org/ns/oa#",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "qb": "http://purl.org/linked-data/cube#",
    "void": "http://rdfs.org/ns/void#",
    "sh": "http://www.w3.org/ns/shacl#",
}
# Declared in every served document, the dumps and the editor's queries.
PREFIXES = {name: NAMESPACES[name] for name in ("hz", "hzkg", "rdf", "rdfs", "owl", "skos", "xsd", "prov", "dcterms")}


def prefix_line(prefix: str, namespace: str) -> str:
    return f"PREFIX {prefix}: <{namespace}>"


def sparql_prefixes(*names: str) -> str:
    """The PREFIX lines of a SPARQL text, one per name of the table, each ending in a line break."""
    return "".join(prefix_line(name, NAMESPACES[name]) + "\n" for name in names)


def _split(iri: str, table: dict[str, str]) -> tuple[str, str] | None:
    return next(((prefix, iri[len(namespace):]) for prefix, namespace in table.items()
                 if iri.startswith(namespace) and len(iri) > len(namespace)), None)


def short_name(iri: str, table: dict[str, str] = PREFIXES) -> str | None:
    """`prov:wasDerivedFrom` for an IRI of a namespace in the table (shown to people), else None.

    >>> short_name("http://www.w3.org/ns/prov#wasDerivedFrom"), short_name("https://example.org/x")
    ('prov:wasDerivedFrom', None)
    """
    split = _split(iri, table)
    return None if split is None else f"{split[0]}:{split[1]}"


def prefixed_name(iri: str) -> str:
    """The IRI as SPARQL and Turtle may write it: `hz:DevelopmentZone`, else `<…>`.

    >>> prefixed_name("https://w3id.org/hzkg/def/DevelopmentZone")
    'hz:DevelopmentZone'
    >>> prefixed_name("https://w3id.org/hzkg/id/industry/automotive")
    '<https://w3id.org/hzkg/id/industry/automotive>'
    """
    split = _split(iri, PREFIXES)
    if split is not None and all(c.isalnum() or c in "_-" for c in split[1]):
        return f"{split[0]}:{split[1]}"
    return f"<{iri}>"

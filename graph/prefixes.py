"""The one prefix table: the names the ontology, the queries, the editor, the docs and every
served document use (`hz:` for the ontology, one prefix per kind of resource for the things it
describes: `zone:xiaoshan-etdz`, `industry:automotive`), and the only place the project's namespace
IRI is written. Every SPARQL text built in Python takes its `PREFIX` lines from `sparql_prefixes`.

Why a prefix per kind: SPARQL and Turtle do not allow an unescaped `/` in a prefixed name, so
`hzkg:zone/xiaoshan-etdz` is not one (pasted into a query it fails to parse); `zone:xiaoshan-etdz`
is. A deeper IRI (`base-role/hangzhou-etdz/software-base`) is written whole, `<…>`: SPARQL would allow
`base-role:hangzhou-etdz\\/software-base`, but rdflib's parser keeps the backslash in the IRI
(RDFlib/rdflib#1871, open) and Virtuoso 7.2 refuses it. `hzkg:` stays for the resources of no kind
(`hzkg:plan`).

The standard namespaces are written as rdflib writes them (tests/test_structure.py compares);
importing rdflib here would cost every `hzkg` command its start-up.

>>> print(sparql_prefixes("hz", "rdfs"), end="")
PREFIX hz: <https://w3id.org/hzkg/def/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
from __future__ import annotations

__all__ = ["BASE", "DEF", "ID", "KINDS", "NAMESPACES", "PREFIXES", "prefix_line", "sparql_prefixes",
           "prefixed_name", "short_name"]

BASE = "https://w3id.org/hzkg/"
DEF = BASE + "def/"  # the ontology
ID = BASE + "id/"  # the things it describes

# The kinds of resource, each the first step of its IRIs' paths (`id/zone/…`) and the name of its prefix;
# tests/test_prefixes.py checks that every IRI of the built graph but hzkg:plan's few has one.
KINDS = ("zone", "industry", "base", "cluster", "cluster-park", "sub-city", "park", "block", "place", "area",
         "boundary", "geometry", "institution", "actor", "partnership", "industry-role", "base-role",
         "cluster-role", "sub-city-role", "positioning", "goal", "target", "measure", "principle", "layout",
         "observation", "assessment", "discrepancy", "register", "statement", "citation", "section", "sentence",
         "phrase", "translation")

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
    **{kind: f"{ID}{kind}/" for kind in KINDS},
    # used by the build's texts, the reading view and the map; not declared in served documents
    "oa": "http://www.w3.org/ns/oa#",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "qb": "http://purl.org/linked-data/cube#",
    "void": "http://rdfs.org/ns/void#",
    "sh": "http://www.w3.org/ns/shacl#",
}
# Declared in every served document, the dumps, the service description and the editor's queries.
PREFIXES = {name: NAMESPACES[name] for name in ("hz", "hzkg", "rdf", "rdfs", "owl", "skos", "xsd", "prov", "dcterms",
                                                *KINDS)}


def prefix_line(prefix: str, namespace: str) -> str:
    return f"PREFIX {prefix}: <{namespace}>"


def sparql_prefixes(*names: str) -> str:
    """The PREFIX lines of a SPARQL text, one per name of the table, each ending in a line break."""
    return "".join(prefix_line(name, NAMESPACES[name]) + "\n" for name in names)


def _split(iri: str, table: dict[str, str]) -> tuple[str, str] | None:
    """(prefix, local name) by the longest namespace of the table that starts the IRI: zone:, not hzkg:."""
    matches = [(prefix, namespace) for prefix, namespace in table.items()
               if iri.startswith(namespace) and len(iri) > len(namespace)]
    if not matches:
        return None
    prefix, namespace = max(matches, key=lambda match: len(match[1]))
    return prefix, iri[len(namespace):]


def _writable(local: str) -> bool:
    """Whether every engine reads `prefix:local` as the IRI: ASCII letters, digits, `_`, and `-` after
    the first character. static/editor.js applies the same rule to the editor's result tables."""
    return bool(local) and local[0] != "-" and all(
        character.isascii() and (character.isalnum() or character in "_-") for character in local)


def short_name(iri: str, table: dict[str, str] = PREFIXES) -> str | None:
    """`prov:wasDerivedFrom` for an IRI of a namespace in the table (shown to people), else None.

    >>> short_name("http://www.w3.org/ns/prov#wasDerivedFrom"), short_name("https://example.org/x")
    ('prov:wasDerivedFrom', None)
    """
    split = _split(iri, table)
    return f"{split[0]}:{split[1]}" if split is not None and _writable(split[1]) else None


def prefixed_name(iri: str) -> str:
    """The IRI as SPARQL and Turtle may write it: `hz:DevelopmentZone`, `zone:xiaoshan-etdz`, else `<…>`.

    >>> prefixed_name("https://w3id.org/hzkg/def/DevelopmentZone")
    'hz:DevelopmentZone'
    >>> prefixed_name("https://w3id.org/hzkg/id/industry/automotive")
    'industry:automotive'
    >>> prefixed_name("https://w3id.org/hzkg/id/base-role/hangzhou-etdz/software-base")
    '<https://w3id.org/hzkg/id/base-role/hangzhou-etdz/software-base>'
    >>> prefixed_name("https://example.org/x")
    '<https://example.org/x>'
    """
    return short_name(iri) or f"<{iri}>"

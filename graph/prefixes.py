"""The one prefix table: the names the ontology, the queries, the editor, the docs and every
served document use (`hz:` for the ontology, `hzkg:` for the things it describes)."""
from hzkg.graph.paths import DEF, ID

__all__ = ["PREFIXES", "prefixed_name", "short_name"]

PREFIXES = {
    "hz": DEF,
    "hzkg": ID,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
}


def _split(iri: str) -> tuple[str, str] | None:
    return next(((prefix, iri[len(namespace):]) for prefix, namespace in PREFIXES.items()
                 if iri.startswith(namespace) and len(iri) > len(namespace)), None)


def short_name(iri: str) -> str | None:
    """`prov:wasDerivedFrom` for an IRI of a namespace in the table (shown to people), else None.

    >>> short_name("http://www.w3.org/ns/prov#wasDerivedFrom"), short_name("https://example.org/x")
    ('prov:wasDerivedFrom', None)
    """
    split = _split(iri)
    return None if split is None else f"{split[0]}:{split[1]}"


def prefixed_name(iri: str) -> str:
    """The IRI as SPARQL and Turtle may write it: `hz:DevelopmentZone`, else `<…>`.

    >>> prefixed_name("https://w3id.org/hzkg/def/DevelopmentZone")
    'hz:DevelopmentZone'
    >>> prefixed_name("https://w3id.org/hzkg/id/industry/automotive")
    '<https://w3id.org/hzkg/id/industry/automotive>'
    """
    split = _split(iri)
    if split is not None and all(c.isalnum() or c in "_-" for c in split[1]):
        return f"{split[0]}:{split[1]}"
    return f"<{iri}>"

"""The one prefix table: the names the ontology, the queries, the editor, the docs and every
served document use (`hz:` for the ontology, `hzkg:` for the things it describes)."""
from hzkg.graph.paths import DEF, ID

__all__ = ["PREFIXES"]

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
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
}

"""The query editor that /sparql gives browsers: YASGUI (vendored in static/vendor/yasgui/),
configured by service/static/editor.js from the JSON this module puts in the page."""
from __future__ import annotations

from flask import url_for

from hzkg.graph.prefixes import PREFIXES, sparql_prefixes

from hzkg.service.responses.formats import TRUNCATION_HELP
from hzkg.service.state import ServiceState

__all__ = ["EDITOR_PREFIXES", "DEFAULT_QUERY", "editor_context"]

# Pre-filled in every new query: the project's one prefix table (hz: for the ontology).
EDITOR_PREFIXES = PREFIXES
DEFAULT_QUERY = (
    sparql_prefixes(*EDITOR_PREFIXES)
    + "\n# The development zones, with their Chinese and English names\n"
    "SELECT ?zone ?name_zh ?name_en WHERE {\n"
    "  ?zone a hz:DevelopmentZone ; rdfs:label ?name_zh , ?name_en .\n"
    '  FILTER(lang(?name_zh) = "zh" && lang(?name_en) = "en")\n'
    "}\nORDER BY ?zone\n"
)


def editor_context(state: ServiceState) -> dict:
    """What editor.html needs: the settings for the page, and the editor's configuration."""
    examples = [
        # Parameters are bound to their defaults, so each example runs as it stands.
        {"name": query.name, "title": f"{query.title_zh} · {query.title_en}",
         "query": query.bound({}).text, "page": url_for("catalogue.run_named_query", name=query.name)}
        for query in state.catalogue.values()
    ]
    config = {
        "endpoint": url_for("sparql.sparql_endpoint", _external=True),
        "defaultQuery": DEFAULT_QUERY,
        "prefixes": EDITOR_PREFIXES,
        "examples": examples,
        "explore": url_for("explore.explore"),
        "baseIri": state.settings["base_iri"],  # its IRIs in results link to our own pages
        "truncationHelp": TRUNCATION_HELP,
    }
    return {"example": DEFAULT_QUERY, "catalogue": state.catalogue, "limits": state.store.limits,
            "examples": examples, "config": config}

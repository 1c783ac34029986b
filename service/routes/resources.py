"""/id/... and /def/...: every IRI in our namespace dereferences to a page about it.

HTML for browsers (labels, types, relations in both directions, linked), and
Turtle, N-Triples, JSON-LD or RDF/XML by Accept or by a file extension.
"""
from __future__ import annotations

from flask import Blueprint, Response, redirect, request
from rdflib import URIRef
from rdflib.namespace import RDFS

from hzkg.service.checking.binding import make_term
from hzkg.service.engines.results import GraphResult
from hzkg.service.errors import BadRequest, NotFound
from hzkg.service.model.plan_english import part_exists
from hzkg.service.pages.profile_page import render_profile
from hzkg.service.responses.answers import revalidate, with_version_headers
from hzkg.service.responses.citations import CITATION_FORMATS, citation_response
from hzkg.service.responses.formats import GRAPH, by_extension, serialize_graph
from hzkg.service.responses.negotiation import GRAPH_FORMATS, choose_format
from hzkg.service.state import current_state

__all__ = ["blueprint", "describe_resource"]

blueprint = Blueprint("resources", __name__)

_EXTENSIONS = by_extension(GRAPH)  # /id/zone/hangzhou-etdz.ttl and the like


def describe_resource(iri: str) -> GraphResult:
    """Every triple with `iri` as subject or object, plus the labels of the resources they mention."""
    state = current_state()
    # The IRI comes from the URL: checked as an IRI and written by rdflib, it cannot alter the query.
    try:
        term = make_term("resource", "iri", iri).n3()
    except BadRequest:
        raise NotFound(f"{iri} is not an IRI this service can describe") from None
    query = f"""CONSTRUCT {{ {term} ?p ?o . ?s ?q {term} . ?p <{RDFS.label}> ?pl . ?o <{RDFS.label}> ?ol .
                             ?q <{RDFS.label}> ?ql . ?s <{RDFS.label}> ?sl . }}
    WHERE {{
      {{ {term} ?p ?o OPTIONAL {{ ?p <{RDFS.label}> ?pl }} OPTIONAL {{ ?o <{RDFS.label}> ?ol }} }}
      UNION
      {{ ?s ?q {term} OPTIONAL {{ ?q <{RDFS.label}> ?ql }} OPTIONAL {{ ?s <{RDFS.label}> ?sl }} }}
    }}"""
    return state.store.query(query)


def _split_extension(local: str) -> tuple[str, str | None]:
    for extension, fmt in _EXTENSIONS.items():
        if local.endswith(extension):
            return local[: -len(extension)], fmt.key
    return local, None


@blueprint.route("/id/<path:local>")
@blueprint.route("/def/<path:local>")
def resource_page(local: str):
    state = current_state()
    section = request.path.split("/")[1]  # "id" or "def"
    local, extension_format = _split_extension(local)
    iri = f"{state.settings['base_iri']}{section}/{local}"
    chosen = choose_format(GRAPH_FORMATS + CITATION_FORMATS[:3], request.accept_mimetypes,
                           extension_format or request.args.get("format"))
    if chosen in CITATION_FORMATS:  # Accept: application/x-bibtex and the like
        return citation_response(iri, chosen)
    if chosen.key == "html" and not (extension_format or request.args.get("format")) and section == "id" \
            and local.startswith(("section/", "sentence/", "phrase/")) and part_exists(local):
        asked = request.args.get("lang")  # the page's language, kept (service/language.py checked it)
        return redirect(f"/plan{f'?lang={asked}' if asked else ''}#{local}", 303)  # a part of the plan is read in its place
    etag, not_modified = revalidate(chosen.mimetype)
    if not_modified:
        return not_modified
    result = describe_resource(iri)
    subject = URIRef(iri)
    own = [triple for triple in result.triples if subject in (triple[0], triple[2])]
    if not own:
        raise NotFound(f"nothing is known about {iri}; try /search")
    if chosen.key != "html":
        response = Response(serialize_graph(result.triples, chosen.key), mimetype=chosen.mimetype)
    else:
        response = Response(render_profile(subject, result.triples, state), mimetype="text/html")
    response.vary.add("Accept")
    return with_version_headers(response, etag)

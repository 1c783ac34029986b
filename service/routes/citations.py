"""/cite?iri=…&format=bibtex|ris|csl-json|gbt7714|text: a resource cited in every format
(responses/citations.py writes them); browsers get a page with all of them. /id/… answers the
same formats by Accept."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from hzkg.graph.prefixes import ID
from hzkg.service.errors import BadRequest
from hzkg.service.responses.citations import CITATION_FORMATS, citation_response, cite_target, render_citation
from hzkg.service.responses.error_pages import prefers_html
from hzkg.service.responses.negotiation import Format, choose_format

__all__ = ["blueprint"]

blueprint = Blueprint("citations", __name__)

_PAGE = Format("html", "text/html")


@blueprint.route("/cite")
def cite():
    iri = request.args.get("iri", "").strip()
    if not iri:
        raise BadRequest(f"iri: give the IRI of the resource to cite, e.g. /cite?iri={ID}section/4-2-7")
    format_parameter = request.args.get("format")
    # Browsers get a page with every format; other clients BibTeX unless they ask for another.
    offers = (_PAGE, *CITATION_FORMATS) if format_parameter or prefers_html() else CITATION_FORMATS
    chosen = choose_format(offers, request.accept_mimetypes, format_parameter)
    if chosen.key == "html":
        target = cite_target(iri)
        return render_template("cite.html", target=target,
                               formats=[(f.key, render_citation(target, f.key)) for f in CITATION_FORMATS])
    return citation_response(iri, chosen)

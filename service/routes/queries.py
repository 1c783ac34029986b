"""/queries: the catalogue as HTML or JSON, and each named query at its own URL.

An IRI parameter also takes a name (Chinese, English, pinyin) or a short id (`zone/linan-edz`),
resolved through the search index (service/model/names.py); a name that names nothing is a
404 that suggests the nearest names. Browsers get the answer as a page with a form
(service/pages/named_query.py); every other format is answered as /sparql answers it."""
from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template, request

from hzkg.service.responses.concatenations import sort_concatenations
from hzkg.service.model.names import resolver
from hzkg.service.errors import NotFound
from hzkg.service.pages.named_query import query_page_context
from hzkg.service.responses.answers import TRUNCATED_HEADER, answer_query
from hzkg.service.responses.formats import TRUNCATION_HELP, truncation_message
from hzkg.service.responses.negotiation import GRAPH_FORMATS, RESULT_FORMATS, choose_format
from hzkg.service.responses.error_pages import prefers_html
from hzkg.service.model.search_index import search_index
from hzkg.service.language import page_language
from hzkg.service.state import current_state

__all__ = ["blueprint"]

blueprint = Blueprint("catalogue", __name__)


def describe(named) -> dict:
    return {
        "name": named.name,
        "title_zh": named.title_zh,
        "title_en": named.title_en,
        "description": named.description,
        "description_zh": named.description_zh,
        "form": named.query.form,
        "params": [
            {"name": p.name, "type": p.type, "default": p.default, "example": p.example, "description": p.description,
             "description_zh": p.description_zh}
            for p in named.parameters
        ],
        "url": f"/queries/{named.name}",
        "query": named.query.text,
    }


@blueprint.route("/queries")
def list_queries():
    catalogue = current_state().catalogue
    if request.args.get("format") != "json" and prefers_html():
        return render_template("queries.html", catalogue=catalogue)
    return jsonify(ok=True, queries=[describe(named) for named in catalogue.values()])


@blueprint.route("/queries/<name>")
def run_named_query(name: str):
    state = current_state()
    named = state.catalogue.get(name)
    if named is None:
        raise NotFound(f"there is no query named {name!r}; the list is at /queries")
    given = {key: value for key, value in request.args.items()}
    format_parameter = given.pop("format", None)
    given.pop("lang", None)  # the page's language (service/language.py), not the query's
    needs_names = any(parameter.type == "iri" for parameter in named.parameters)
    index = search_index(state) if needs_names else None
    resolve = resolver(state, index) if needs_names else None
    bindings = named.bind(given, resolve)
    checked = named.bound(given, resolve)
    chosen = choose_format(GRAPH_FORMATS if checked.returns_graph else RESULT_FORMATS, request.accept_mimetypes,
                           format_parameter)
    if chosen.key != "html" or checked.returns_graph:
        return answer_query(checked, format_parameter, title=named.title_in(page_language()),
                            normalise=lambda result: sort_concatenations(checked.text, result))
    index = index or search_index(state)
    graphs = [list(graphs) for graphs in checked.dataset] if checked.dataset is not None else [None, None]
    # The joined values as the downloads give them: parts sorted, no empty part (the engine's own order otherwise).
    result = sort_concatenations(checked.text, state.store.query(checked.text, default_graphs=graphs[0],
                                                                 named_graphs=graphs[1]))
    context = query_page_context(state, named, checked.text, bindings, result, index, request.path)
    warning = None
    if result.truncated:
        warning = (f"只显示前 {state.store.limits.row_limit} 行。Only the first rows are shown: "
                   f"{truncation_message(state.store.limits.row_limit)}. {TRUNCATION_HELP}")
    response = Response(render_template("named_query.html", warning=warning, **context), mimetype="text/html")
    if result.truncated:
        response.headers[TRUNCATED_HEADER] = truncation_message(state.store.limits.row_limit)
    response.vary.add("Accept")
    return response

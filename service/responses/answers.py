"""Run a checked query and answer it in the negotiated format, with the headers every
query answer carries (ETag, Last-Modified, Vary, truncation). Shared by /sparql and /queries."""
from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlencode

from flask import Response, current_app, request
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from hzkg.service.checking.safety import CheckedQuery, with_base
from hzkg.service.engines.isolated import time_limit_reached
from hzkg.service.engines.results import AskResult, GraphResult, Result, SelectResult, WrittenAnswer
from hzkg.service.errors import NotAcceptable
from hzkg.service.language import page_language
from hzkg.service.responses.answer_cache import CachedAnswer
from hzkg.service.responses.formats import serialize_result, truncation_message
from hzkg.service.responses.negotiation import GRAPH_FORMATS, RESULT_FORMATS, choose_format
from hzkg.service.state import current_state, request_deadline

__all__ = ["answer_text", "answer_query", "revalidate", "with_version_headers", "TRUNCATED_HEADER"]

TRUNCATED_HEADER = "Hzkg-Truncated"
# A page of answers: rows and cells at most (a wide answer rendered in full takes seconds and
# gigabytes: docs/measurements.md); the whole answer is offered as a CSV or Turtle download.
HTML_ROWS = 1000
HTML_CELLS = 20_000


def answer_text(text: str, format_parameter: str | None, *, default_graphs=None, named_graphs=None) -> Response:
    """A client's query text (/sparql): checked, then answered as answer_query does. A text the store
    has not checked lately is checked and run in one round trip to a query process, when the store
    can (StorePool.check_and_query) and the answer is not a page: new texts are the common case. The
    formats are chosen for both kinds of answer first; a form with none acceptable is checked, not run."""
    state = current_state()
    store, deadline = state.store, request_deadline()
    choices = _choices(request.headers.get("Accept"), format_parameter)
    if (not state.capabilities.checks_and_runs_at_once or store.checked_already(text) is not None
            or any(getattr(chosen, "key", None) == "html" for chosen in choices.values())):
        return answer_query(store.check(text, deadline), format_parameter, default_graphs=default_graphs,
                            named_graphs=named_graphs)
    forms = {form for form, graph in _FORMS_GIVING.items() if not isinstance(choices[graph], NotAcceptable)}
    checked, result = store.check_and_query(text, deadline, default_graphs=default_graphs, named_graphs=named_graphs,
                                            format=getattr(choices[False], "key", None), forms=forms,
                                            base=state.settings["base_iri"])
    chosen = choices[checked.returns_graph]
    if isinstance(chosen, NotAcceptable):  # checked, not run
        raise NotAcceptable(chosen.message)
    etag, not_modified = revalidate(chosen.mimetype)
    if not_modified:
        return not_modified
    return _respond(result, chosen, etag, _cache_key(checked, chosen, *checked.graphs(default_graphs, named_graphs,
                                                                                      state.settings["base_iri"])))


@lru_cache(maxsize=256)  # clients send few Accept headers, and werkzeug's matching is slow (docs/measurements.md)
def _choices(accept: str | None, format_parameter: str | None) -> dict:
    """returns_graph -> the Format chosen for that kind of answer, or the 406 for it (no accepted format carries it)."""
    choices = {}
    for returns_graph, offers in ((False, RESULT_FORMATS), (True, GRAPH_FORMATS)):
        try:
            choices[returns_graph] = choose_format(offers, parse_accept_header(accept, MIMEAccept), format_parameter)
        except NotAcceptable as refusal:
            choices[returns_graph] = refusal
    return choices


_FORMS_GIVING = {"SELECT": False, "ASK": False, "CONSTRUCT": True, "DESCRIBE": True}  # form -> returns a graph


def answer_query(checked: CheckedQuery, format_parameter: str | None, *,
                 default_graphs=None, named_graphs=None, title: str = "SPARQL", normalise=None) -> Response:
    """`normalise(result) -> result`, if given, runs before the answer is written (and cached)."""
    state = current_state()
    offers = GRAPH_FORMATS if checked.returns_graph else RESULT_FORMATS
    chosen = choose_format(offers, request.accept_mimetypes, format_parameter)
    etag, not_modified = revalidate(chosen.mimetype)
    if not_modified:
        return not_modified
    default_graphs, named_graphs = checked.graphs(default_graphs, named_graphs, state.settings["base_iri"])
    cache_key = _cache_key(checked, chosen, default_graphs, named_graphs, normalise)
    if cache_key is not None:
        cached = state.answer_cache.get(cache_key)
        if cached is not None:
            return _cached_response(cached, etag)
    deadline = request_deadline()
    if chosen.key == "html":
        # A page shows the first rows (HTML_CELLS cells at most); the whole answer is a download.
        bound = {"cells": HTML_CELLS} if state.capabilities.bounds_cells else {}
        result = state.store.query(_with_base(checked.text, state), deadline, HTML_ROWS, default_graphs=default_graphs,
                                   named_graphs=named_graphs, **bound)
        if normalise is not None:
            result = normalise(result)
        shown, warning = _bounded_for_a_page(result, state.store.limits.row_limit)
        body = _render_within(deadline, "results.html", result=shown, title=title, query=checked.text, warning=warning,
                              is_graph=isinstance(result, GraphResult), local_path=state.local_path)
        response = Response(body, mimetype="text/html")  # not cached (_cache_key)
        response.vary.add("Accept")
        return with_version_headers(response, etag)
    # Stores that can write SELECT / ASK answers in their query process do (pyoxigraph, natively).
    # A named query's answer is normalised first (service/responses/concatenations.py), so it comes back as terms.
    native = {"format": chosen.key} if state.capabilities.writes_answers and normalise is None else {}
    result = state.store.query(_with_base(checked.text, state), deadline, default_graphs=default_graphs, named_graphs=named_graphs,
                               **native)
    if normalise is not None:
        result = normalise(result)
    return _respond(result, chosen, etag, cache_key)


def _cache_key(checked: CheckedQuery, chosen, default_graphs, named_graphs, normalise=None) -> tuple | None:
    """The answer cache's key for this answer (None: not cached, as pages and answers without a local dataset)."""
    state = current_state()
    if state.version is None or chosen.key == "html":
        return None
    # The version is in the key, though an app serves one version: the key names all the bytes depend on.
    return (state.version.tag, checked.text, chosen.key, _graphs_key(default_graphs), _graphs_key(named_graphs),
            normalise is not None)  # a named query's answer is written otherwise than the same text's at /sparql


def _respond(result, chosen, etag: str | None, cache_key: tuple | None) -> Response:
    """A query's answer (not a page) as a response in the format chosen, with its headers; cached."""
    state = current_state()
    deadline = request_deadline()
    if isinstance(result, WrittenAnswer):
        body = result.body
    else:
        body = serialize_result(result, chosen.key, state.store.limits.row_limit)
    if deadline.expired:
        raise time_limit_reached("writing the answer", state.store.limits.named_limit(deadline))
    response = Response(body, mimetype=chosen.mimetype)
    if chosen.mimetype.startswith("text/") or "json" in chosen.mimetype or "xml" in chosen.mimetype:
        response.charset = "utf-8"
    if cache_key is not None:
        state.answer_cache.put(cache_key, CachedAnswer(response.get_data(), response.content_type, result.truncated))
    response.vary.add("Accept")
    if result.truncated:
        response.headers[TRUNCATED_HEADER] = truncation_message(state.store.limits.row_limit)
    return with_version_headers(response, etag)


def _with_base(text: str, state) -> str:
    return with_base(text, state.settings["base_iri"])


def _bounded_for_a_page(result, row_limit: int) -> tuple[Result, str | None]:
    """The rows a page shows (HTML_CELLS cells, HTML_ROWS rows at most) and what it says about the rest."""
    if isinstance(result, AskResult):
        return result, None
    rows = result.triples if isinstance(result, GraphResult) else result.rows
    columns = 3 if isinstance(result, GraphResult) else max(1, len(result.variables))
    keep = max(1, min(HTML_ROWS, HTML_CELLS // columns))
    if len(rows) <= keep and not result.truncated:
        return result, None
    download = _download_url("turtle" if isinstance(result, GraphResult) else "csv")
    warning = (f"showing the first {min(keep, len(rows))} rows of a larger answer; a page shows at most {HTML_ROWS} "
               f"rows and {HTML_CELLS} cells. The whole answer (up to {row_limit} rows, setting row_limit): {download}")
    if isinstance(result, GraphResult):
        return GraphResult(rows[:keep], True), warning
    return SelectResult(result.variables, rows[:keep], True), warning


def _download_url(format_key: str) -> str:
    """This request as a GET in another format (the query text included when it came in a body)."""
    pairs = [(name, value) for name, value in request.values.items(multi=True) if name != "format"]
    if request.mimetype == "application/sparql-query" and not any(name == "query" for name, _ in pairs):
        pairs.append(("query", request.get_data(as_text=True)))
    return request.base_url + "?" + urlencode(pairs + [("format", format_key)])


def _render_within(deadline, template_name: str, **context) -> str:
    """Render a page piece by piece, stopping with the request's 503 once its time limit has passed."""
    template = current_app.jinja_env.get_template(template_name)
    current_app.update_template_context(context)
    pieces = []
    for count, piece in enumerate(template.generate(context)):
        pieces.append(piece)
        if count % 256 == 0 and deadline.expired:
            raise time_limit_reached("drawing the answer as a page", current_state().store.limits.named_limit(deadline))
    return "".join(pieces)


def _graphs_key(graphs) -> tuple | None:
    return None if graphs is None else tuple(graphs)


def _cached_response(cached: CachedAnswer, etag: str | None) -> Response:
    response = Response(cached.body, content_type=cached.content_type)
    response.vary.add("Accept")
    if cached.truncated:
        response.headers[TRUNCATED_HEADER] = truncation_message(current_state().store.limits.row_limit)
    return with_version_headers(response, etag)


def revalidate(mimetype: str) -> tuple[str | None, Response | None]:
    """This representation's ETag (None without a local dataset), and a 304 when the client has it."""
    state = current_state()
    if state.version is None or request.method not in ("GET", "HEAD"):
        return None, None
    # An HTML answer is in the page's language (service/language.py): each language its own ETag.
    shown_as = f"{mimetype};lang={page_language()}" if mimetype == "text/html" else mimetype
    etag = state.version.etag(shown_as, state.store.engine, str(state.store.limits.row_limit))
    if request.if_none_match.contains(etag) or (
        not request.if_none_match and request.if_modified_since
        and request.if_modified_since >= state.version.last_modified
    ):
        return etag, with_version_headers(Response(status=304), etag)
    return etag, None


def with_version_headers(response: Response, etag: str | None) -> Response:
    if etag is None:
        return response
    response.set_etag(etag)
    response.last_modified = current_state().version.last_modified
    # Clients may keep the answer but must ask again; a rebuilt dataset changes the ETag.
    response.cache_control.no_cache = True
    response.vary.add("Accept")
    return response

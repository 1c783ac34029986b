"""Run a checked query and answer it in the negotiated format, with the headers every
query answer carries (ETag, Last-Modified, Vary, truncation). Shared by /sparql and /queries."""
from __future__ import annotations

from flask import Response, render_template, request

from .answer_cache import CachedAnswer
from .engines.results import GraphResult
from .negotiation import GRAPH_FORMATS, RESULT_FORMATS, choose_format
from .safety import CheckedQuery
from .serialize import serialize_result, truncation_message
from .state import current_state

__all__ = ["answer_query", "revalidate", "with_version_headers", "TRUNCATED_HEADER"]

TRUNCATED_HEADER = "Hzkg-Truncated"


def answer_query(checked: CheckedQuery, format_parameter: str | None, *,
                 default_graphs=None, named_graphs=None, title: str = "SPARQL", normalise=None) -> Response:
    """`normalise(result) -> result`, if given, runs before the answer is written (and cached)."""
    state = current_state()
    settings = state.settings
    offers = GRAPH_FORMATS if checked.returns_graph else RESULT_FORMATS
    chosen = choose_format(offers, request.accept_mimetypes, format_parameter)
    etag, not_modified = revalidate(chosen.mimetype)
    if not_modified:
        return not_modified
    if default_graphs is None and named_graphs is None and checked.dataset is not None:
        # Stores see the union of the graphs by default, so the query's FROM is passed explicitly.
        default_graphs, named_graphs = (list(graphs) for graphs in checked.dataset)
    if default_graphs is not None or named_graphs is not None:
        # A dataset given in the protocol or by FROM holds only the graphs it names.
        default_graphs, named_graphs = default_graphs or [], named_graphs or []
    cache_key = None
    if state.version is not None and chosen.key != "html":
        # The version is in the key, though an app serves one version: the key names all the bytes depend on.
        cache_key = (state.version.tag, checked.text, chosen.key, _graphs_key(default_graphs), _graphs_key(named_graphs),
                     normalise is not None)  # a named query's answer is written otherwise than the same text's at /sparql
        cached = state.answer_cache.get(cache_key)
        if cached is not None:
            return _cached_response(cached, etag)
    result = state.store.query(checked.text, settings["time_limit"], settings["row_limit"],
                               default_graphs=default_graphs, named_graphs=named_graphs)
    if normalise is not None:
        result = normalise(result)
    if chosen.key == "html":
        body = render_template("results.html", result=result, title=title, query=checked.text,
                               warning=truncation_message(settings["row_limit"]) if result.truncated else None,
                               is_graph=isinstance(result, GraphResult), local_path=state.local_path)
        response = Response(body, mimetype="text/html")
    else:
        response = Response(serialize_result(result, chosen.key, settings["row_limit"]), mimetype=chosen.mimetype)
        if chosen.mimetype.startswith("text/") or "json" in chosen.mimetype or "xml" in chosen.mimetype:
            response.charset = "utf-8"
    if cache_key is not None:
        state.answer_cache.put(cache_key, CachedAnswer(response.get_data(), response.content_type, result.truncated))
    response.vary.add("Accept")
    if result.truncated:
        response.headers[TRUNCATED_HEADER] = truncation_message(settings["row_limit"])
    return with_version_headers(response, etag)


def _graphs_key(graphs) -> tuple | None:
    return None if graphs is None else tuple(graphs)


def _cached_response(cached: CachedAnswer, etag: str | None) -> Response:
    response = Response(cached.body, content_type=cached.content_type)
    response.vary.add("Accept")
    if cached.truncated:
        response.headers[TRUNCATED_HEADER] = truncation_message(current_state().settings["row_limit"])
    return with_version_headers(response, etag)


def revalidate(mimetype: str) -> tuple[str | None, Response | None]:
    """This representation's ETag (None without a local dataset), and a 304 when the client has it."""
    state = current_state()
    if state.version is None or request.method not in ("GET", "HEAD"):
        return None, None
    etag = state.version.etag(mimetype, state.store.engine, str(state.settings["row_limit"]))
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

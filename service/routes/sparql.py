"""/sparql: the SPARQL 1.1 Protocol (query operation only; the endpoint is read-only).

Parameters are read from the raw bytes, strictly as UTF-8, so a mangled query is
refused instead of being run with replacement characters.
"""
from __future__ import annotations

from urllib.parse import parse_qsl

from flask import Blueprint, Response, render_template, request, url_for

from hzkg.service.checking.graph_iris import GRAPH_PARAMETERS, checked_graph_iris
from hzkg.service.checking.safety import READ_ONLY_MESSAGE
from hzkg.service.errors import BadRequest, ReadOnlyRefusal, UnsupportedMediaType
from hzkg.service.responses.answers import answer_text
from hzkg.service.responses.formats import serialize_graph
from hzkg.service.responses.negotiation import DESCRIPTION_FORMATS, choose_format
from hzkg.service.responses.service_description import service_description
from hzkg.service.pages.editor import editor_context
from hzkg.service.state import current_state

__all__ = ["blueprint"]

blueprint = Blueprint("sparql", __name__)

_FORM = "application/x-www-form-urlencoded"
_SPARQL_QUERY = "application/sparql-query"
_SPARQL_UPDATE = "application/sparql-update"


def _utf8(raw: bytes, what: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadRequest(f"the {what} is not valid UTF-8 (byte {error.start}); send the query as UTF-8") from None


def _parameters(raw: bytes, what: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(_utf8(raw, what), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError as error:
        raise BadRequest(f"the {what} has percent-escapes that are not valid UTF-8 ({error.reason})") from None


def _read_protocol_parameters() -> tuple[str | None, list[tuple[str, str]]]:
    """The query text (None when absent) and every other protocol parameter."""
    url_parameters = _parameters(request.query_string, "query string")
    if request.method in ("GET", "HEAD"):
        parameters = url_parameters
    else:
        content_type = request.mimetype
        if content_type == _SPARQL_UPDATE:
            raise ReadOnlyRefusal(f"{READ_ONLY_MESSAGE}: SPARQL Update is refused")
        if content_type == _FORM:
            parameters = _parameters(request.get_data(cache=False), "form body") + url_parameters
        elif content_type == _SPARQL_QUERY:
            parameters = [("query", _utf8(request.get_data(cache=False), "query body"))] + url_parameters
        else:
            raise UnsupportedMediaType(
                f"POST a query as {_SPARQL_QUERY} or {_FORM}, not {content_type or 'an untyped body'}"
            )
    names = [name for name, _ in parameters]
    if "update" in names or "using-graph-uri" in names:
        raise ReadOnlyRefusal(f"{READ_ONLY_MESSAGE}: SPARQL Update is refused")
    queries = [value for name, value in parameters if name == "query"]
    if len(queries) > 1:
        raise BadRequest("send exactly one query parameter")
    return (queries[0] if queries else None), parameters


@blueprint.route("/sparql", methods=["GET", "POST"])
def sparql_endpoint():
    query, parameters = _read_protocol_parameters()
    format_parameter = next((value for name, value in parameters if name == "format"), None)
    if query is None or not query.strip():
        return _describe_service(format_parameter)
    graphs = {parameter: checked_graph_iris(parameter, [value for name, value in parameters if name == parameter] or None)
              for parameter in GRAPH_PARAMETERS}  # before the engine: a bad IRI is the client's 400
    return answer_text(query, format_parameter, default_graphs=graphs["default-graph-uri"],
                       named_graphs=graphs["named-graph-uri"])


def _describe_service(format_parameter: str | None) -> Response:
    chosen = choose_format(DESCRIPTION_FORMATS, request.accept_mimetypes, format_parameter)
    if chosen.key == "html":
        return Response(render_template("editor.html", **editor_context(current_state())), mimetype="text/html")
    description = service_description(current_state().public_url(url_for("sparql.sparql_endpoint")))
    body = serialize_graph(list(description), chosen.key, dict(description.namespaces()))
    return Response(body, mimetype=chosen.mimetype)

"""The one error handler: every failure becomes `{"ok": false, "error", "status"}` for
API clients or an HTML page for browsers, never a traceback."""
from __future__ import annotations

import logging
import re
from urllib.parse import urlencode

from flask import Flask, current_app, jsonify, render_template, request
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from hzkg.service.errors import ServiceError
from hzkg.service.language import page_language
from hzkg.service.model.words import mark_chinese

__all__ = ["register_error_handler", "error_response", "name_error_page", "prefers_html", "with_links"]

log = logging.getLogger(__name__)


def prefers_html() -> bool:
    """Browsers name text/html explicitly; curl and API clients send */* or a data type."""
    return request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html"


_PATH = re.compile(r"(?<![\w/.:<])(/(?:id|def|search|queries|sparql|explore|export|network|profiles)\b"
                   r"(?:[^\s,;)'\"<>&]*[^\s,;)'\"<>&.])?)")


def with_links(message: str) -> Markup:
    """The message as HTML, each of our paths in it (/search, /queries/zones) a link.

    >>> str(with_links("nothing is known about x; try /search"))
    'nothing is known about x; try <a href="/search">/search</a>'
    """
    # In an English page the names the message quotes (临安) are marked as the Chinese they are.
    escaped = str(mark_chinese(message) if page_language() == "en" else escape(message))
    return Markup(_PATH.sub(lambda match: f'<a href="{match.group(1)}">{match.group(1)}</a>', escaped))


def error_response(status: int, message: str):
    if prefers_html():
        response = render_template("error.html", status=status, message=with_links(message)), status
    else:
        response = jsonify(ok=False, error=message, status=status), status
    return response


def name_error_page(error) -> str:
    """A name that names nothing, or several things, as a page: the form again with what was typed,
    and each candidate as a link that asks again with it (and to its own page)."""
    from hzkg.service.model.search_index import search_index
    from hzkg.service.state import current_state

    state = current_state()
    index = search_index(state)
    id_base = state.settings["base_iri"] + "id/"
    others = [(key, value) for key, value in request.args.items(multi=True) if key != error.parameter]
    candidates = []
    for iri in error.candidates:
        short = iri[len(id_base):] if iri.startswith(id_base) else iri
        retry = request.path + "?" + urlencode([*others, (error.parameter, short)])
        candidates.append({"label": index.label_of(iri) or short, "label_zh": index.label_in(iri, "zh"),
                           "label_en": index.label_in(iri, "en"), "short": short, "retry": retry,
                           "page": state.local_path(iri)})
    return render_template("name_error.html", status=error.status, error=error, others=others,
                           candidates=candidates, message=with_links(error.message))


# Bodies up to this size are read and dropped after a 413 (see _drain_body); larger
# ones are cut off, as a client sending that much is not waiting for an answer.
_DRAIN_LIMIT = 64 * 1024 * 1024


def _drain_body() -> None:
    """Read the rest of an oversized body, so that a client still sending it reads the
    413 instead of a broken pipe (waitress has read the body whole already; a server that
    closes the connection on unread input would cut the answer off)."""
    stream = request.environ.get("wsgi.input")
    remaining = request.content_length or 0
    if stream is None or remaining > _DRAIN_LIMIT:
        return
    while remaining > 0:
        chunk = stream.read(min(65536, remaining))
        if not chunk:
            return
        remaining -= len(chunk)


def _too_large(error: RequestEntityTooLarge) -> ServiceError:
    """werkzeug's words ("The data value transmitted exceeds the capacity limit.") name neither the
    limit nor the setting: say both, and what to do."""
    size = f" ({request.content_length:,} bytes)" if request.content_length else ""
    return ServiceError(f"the request body{size} is larger than the limit of {current_app.config['MAX_CONTENT_LENGTH']:,} "
                        "bytes (setting max_body_bytes); send a shorter request, or have the service's operator raise "
                        "max_body_bytes", error.code)


def _handle(error: Exception):
    if isinstance(error, RequestEntityTooLarge):
        _drain_body()
        error = _too_large(error)
    if isinstance(error, ServiceError):
        if getattr(error, "candidates", None) is not None and prefers_html():
            return name_error_page(error), error.status
        return error_response(error.status, error.message)
    if isinstance(error, HTTPException):
        body, status = error_response(error.code or 500, error.description or error.name)
        headers = {key: value for key, value in error.get_headers() if key.lower() == "allow"}
        return body, status, headers
    log.exception("unexpected error while answering %s %s", request.method, request.path)
    return error_response(500, "internal error: the server log has the details")


def register_error_handler(app: Flask) -> None:
    # Registered for Exception, Flask routes HTTPExceptions (404, 405, 413) here too.
    app.register_error_handler(Exception, _handle)

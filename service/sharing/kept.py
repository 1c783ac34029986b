"""What the sharing views read, made once per worker (the artifact a worker serves never changes under it),
and how they choose between HTML, JSON and CSV."""
from __future__ import annotations

import csv
import io

from flask import Response, current_app, request

from hzkg.service.errors import BadRequest
from hzkg.service.responses.error_pages import prefers_html
from hzkg.service.sharing.holdings import Holdings, read_holdings
from hzkg.service.sharing.measures import SharingRule
from hzkg.service.state import current_state, made_once_and_kept

__all__ = ["current_holdings", "current_rule", "kept", "chosen_format", "csv_response", "local_page"]

_FORMATS = ("html", "json", "csv")


def kept(name: str, make):
    """`make()` once per worker under `name`, inside made_once_and_kept (the store's own limit per query)."""
    cache = current_app.extensions.setdefault("hzkg-sharing", {})
    if name not in cache:
        with made_once_and_kept():
            cache[name] = make()
    return cache[name]


def current_holdings() -> Holdings:
    return kept("holdings", lambda: read_holdings(current_state().store))


def current_rule() -> SharingRule:
    return kept("rule", lambda: SharingRule(current_holdings()))


def local_page(iri: str) -> str:
    return current_state().local_path(iri) or iri


def chosen_format() -> str:
    """?format=html|json|csv, else CSV when asked by Accept, HTML for browsers and JSON for the rest."""
    wanted = request.args.get("format")
    if wanted:
        if wanted not in _FORMATS:
            raise BadRequest(f"parameter format: {wanted!r} is not one of {', '.join(_FORMATS)}")
        return wanted
    if request.accept_mimetypes.best_match(["application/json", "text/csv", "text/html"]) == "text/csv":
        return "csv"
    return "html" if prefers_html() else "json"


def csv_response(columns, rows, filename: str) -> Response:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return Response(text.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'inline; filename="{filename}"'})

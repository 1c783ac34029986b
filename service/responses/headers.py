"""The headers every response carries, in one place: security (what a page may load and do)
and CORS (open data, no credentials: any web page, YASGUI or notebook may query us)."""
from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from flask import Flask, Response, request

from hzkg.graph.version import package_version

__all__ = ["SECURITY_HEADERS", "VERSION_HEADER", "register_headers"]

VERSION_HEADER = "Hzkg-Version"  # the one version (graph/version.py) on every response

# Scripts only from our own static folder (no inline script, so a label or parameter that slips
# into a page as markup still cannot run); styles may be inline (vis-network adds <style> elements
# of its own); never framed; content types are not sniffed.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
                               "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Hzkg-Truncated",
}
CORS_PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Accept, If-None-Match",
    "Access-Control-Max-Age": "86400",
}


def register_headers(app: Flask) -> None:
    @app.after_request
    def add_headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers.update(CORS_HEADERS)
        response.headers[VERSION_HEADER] = package_version()
        if request.method == "OPTIONS":
            response.headers.update(CORS_PREFLIGHT_HEADERS)
        if "Location" in response.headers:
            response.headers["Location"] = location_on_this_site(response.headers["Location"], request.host)
        return response


def location_on_this_site(location: str, host: str) -> str:
    """A redirect to this site as a path: werkzeug writes its own redirects (`/static//x` to `/static/x`,
    `/queries` to `/queries/`) with the request's Host header, which a client may set to any site.
    A path never starts with `//`, which a browser would read as another site.

    >>> location_on_this_site("http://evil.example/static/x?a=1", "evil.example")
    '/static/x?a=1'
    >>> location_on_this_site("//evil.example/x", "127.0.0.1:8000")
    '/evil.example/x'
    >>> location_on_this_site("/plan#zone/x", "127.0.0.1:8000")
    '/plan#zone/x'
    """
    parts = urlsplit(location)
    if parts.scheme and parts.netloc != host:  # another site's address: no route here writes one
        return location
    if parts.scheme:
        location = urlunsplit(("", "", parts.path, parts.query, parts.fragment))
    return "/" + location.lstrip("/") if location.startswith("/") else location

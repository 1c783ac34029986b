"""Broken and hostile HTTP: security headers on every response, path traversal on the static
and export routes, oversized bodies, invalid UTF-8 everywhere, absurd Accept headers."""
from __future__ import annotations

import http.client
import urllib.parse

import pytest

from service_fixtures import assert_error

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
# One of each kind of answer: pages, data, files, redirects, errors (JSON and HTML), 304.
EVERY_KIND = [
    ("/sparql", {"Accept": "text/html"}), ("/sparql?query=ASK%7B%7D", {}), ("/sparql", {"Accept": "text/turtle"}),
    ("/queries", {"Accept": "text/html"}), ("/queries/zones?format=csv", {}), ("/id/zone/hangzhou-etdz", {"Accept": "text/html"}),
    ("/id/zone/hangzhou-etdz.ttl", {}), ("/search?q=qiche", {"Accept": "text/html"}), ("/search?q=qiche&format=json", {}),
    ("/explore", {}), ("/network/summary", {}), ("/export", {}), ("/static/style.css", {}),
    ("/static/vendor/vis-network/vis-network.min.js", {}), ("/", {}), ("/no/such/page", {}),
    ("/no/such/page", {"Accept": "text/html"}), ("/sparql?query=DROP%20ALL", {"Accept": "text/html"}),
    ("/sparql?query=SELECT", {}), ("/id/zone/nowhere", {"Accept": "text/html"}),
    ("/figures", {}), ("/charts/gdp-targets", {}), ("/map", {}), ("/map/data", {}), ("/complete?prefix=qiche", {}),
]


def test_security_headers_on_every_kind_of_response(server):
    kinds = 0
    for path, headers in EVERY_KIND:
        answer = server.get(path, headers=headers)
        policy = answer.headers.get("content-security-policy", "")
        assert "script-src 'self'" in policy and "object-src 'none'" in policy, (path, answer.status, policy)
        assert "frame-ancestors 'none'" in policy and answer.headers.get("x-frame-options") == "DENY", path
        assert answer.headers.get("x-content-type-options") == "nosniff", path
        assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0], "inline scripts must not run"
        kinds += 1
    etag = server.get("/id/zone/hangzhou-etdz.ttl").headers["etag"]
    not_modified = server.get("/id/zone/hangzhou-etdz.ttl", headers={"If-None-Match": etag})
    assert not_modified.status == 304 and not_modified.headers.get("x-content-type-options") == "nosniff"
    print(f"\nsecurity headers present on {kinds + 1} kinds of response")


def raw_get(server, target: str, headers: dict | None = None, *, location: list | None = None) -> tuple[int, bytes]:
    """A request line sent as is: urllib would normalise `..` and refuse some bytes."""
    host, port = server.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.putrequest("GET", target, skip_accept_encoding=True)
    for name, value in (headers or {}).items():
        connection.putheader(name, value)
    connection.endheaders()
    response = connection.getresponse()
    answer = response.status, response.read()
    if location is not None:
        location.append(response.getheader("Location", ""))
    connection.close()
    return answer


TRAVERSALS = ["../", "..%2f", "%2e%2e/", "%2e%2e%2f", "..%5c", "....//", "%252e%252e/", "..;/", "%c0%ae%c0%ae/",
              "/", "//", "\\..\\"]
TARGETS = ["etc/passwd", "service/app.py", "pyproject.toml", "build/hzkg.nq"]
SECRETS = [b"root:x:0:0", b"def create_app", b"[project]", b"<https://w3id.org/hzkg/id/"]


@pytest.mark.parametrize("route", ["/static/", "/static/vendor/", "/export/", "/id/", "/def/", "/queries/", "/network/"])
def test_path_traversal_reaches_nothing_outside(server, route):
    tried = 0
    for step in TRAVERSALS:
        for depth in (1, 3, 8):
            for target in TARGETS:
                redirect = []
                status, body = raw_get(server, route + step * depth + target, location=redirect)
                tried += 1
                if status == 308:  # `//` merged into `/`: the redirect stays under the route
                    assert urllib.parse.urlsplit(redirect[0]).path.startswith(route.rstrip("/") + "/"), redirect
                else:
                    assert status in (400, 404, 405, 406), (route + step * depth + target, status, body[:200])
                assert not any(secret in body for secret in SECRETS), (route + step * depth + target, body[:200])
    print(f"\n{route}: {tried} traversal attempts, none reached a file")


@pytest.mark.parametrize("path", ["/sparql", "/queries/zones", "/search", "/explore", "/id/zone/hangzhou-etdz", "/export/turtle"])
def test_oversized_bodies_are_413_on_every_route(server, path):
    answer = server.get(path, method="POST", headers=FORM, data=b"query=" + b"x" * 1_200_000)
    assert answer.status in (405, 413), (path, answer.status)
    assert_error(answer, answer.status)


INVALID_UTF8 = ["%ff", "%c3%28", "%ed%a0%80", "%f8%88%80%80%80", "%c0%af", "abc%e2%82"]


def test_invalid_utf8_in_every_parameter_and_path_is_a_clear_400(server):
    tried = 0
    for bad in INVALID_UTF8:
        for target in (f"/sparql?query={bad}", f"/sparql?format={bad}&query=ASK%7B%7D", f"/queries/zones?format={bad}",
                       f"/queries/zone-profile?zone={bad}", f"/queries/{bad}", f"/search?q={bad}", f"/id/zone/{bad}",
                       f"/explore?focus={bad}", f"/explore?{bad}=1", f"/network/{bad}", f"/export/{bad}",
                       f"/network/path?from={bad}&to=x"):
            status, body = raw_get(server, target, {"Accept": "application/json"})
            tried += 1
            assert status == 400 and b"not valid UTF-8" in body, (target, status, body[:300])
    form = server.get("/sparql", method="POST", headers=FORM, data=b"query=ASK%20%7B%7D&format=%ff")
    assert form.status == 400
    print(f"\n{tried + 1} requests with invalid UTF-8: every one a 400 saying so")


ABSURD_ACCEPTS = [
    "text/html;q=NaN", "*/*;q=-1", "application/json;q=1e999", ";;;,,,;", "text/" * 2000, "a" * 20000,
    ",".join(f"type{n}/sub{n};q=0.{n % 10}" for n in range(3000)), "\x7f\x01", "text/html; charset=\"unterminated",
    "*/*;q=0", "application/sparql-results+json;q=0, */*;q=0", "image/png", "text/*;level=1;q=0.5;a=b=c",
]


@pytest.mark.parametrize("path", ["/sparql?query=ASK%7B%7D", "/sparql?query=CONSTRUCT%20WHERE%7B%3Fs%20%3Fp%20%3Fo%7D",
                                  "/queries/zones", "/id/zone/hangzhou-etdz", "/search?q=qiche", "/explore",
                                  "/network/summary", "/no/such/page"])
def test_absurd_accept_headers_are_answered_or_refused_never_a_crash(server, path):
    statuses = set()
    for accept in ABSURD_ACCEPTS:
        try:
            status, body = raw_get(server, path, {"Accept": accept})
        except http.client.HTTPException:  # a header line past http.client's own limit: no answer to parse
            status, body = 431, b""
        statuses.add(status)
        assert status < 500, (path, accept[:60], status, body[:300])
        assert b"Traceback" not in body
    print(f"\n{path}: {len(ABSURD_ACCEPTS)} absurd Accept headers -> statuses {sorted(statuses)}")


def test_a_request_line_and_headers_past_the_limits_do_not_reach_the_app(server):
    # waitress refuses a request line and headers of more than 64 KB together (431) before the app sees them.
    try:
        status, _ = raw_get(server, "/search?q=" + "x" * 70_000)
    except (http.client.HTTPException, ConnectionResetError):
        status = 431
    assert status in (400, 414, 431), status
    long_header = {"X-Filler": "y" * 70_000}
    try:
        status, _ = raw_get(server, "/sparql?query=ASK%7B%7D", long_header)
    except (http.client.HTTPException, ConnectionResetError):
        status = 431
    assert status in (400, 431), status
    assert server.get("/sparql?" + urllib.parse.urlencode({"query": "ASK {}"})).status == 200

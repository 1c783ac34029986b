"""Requests that only look whole, chunked bodies, `Expect: 100-continue` and SIGTERM, against a real
`hzkg serve` (waitress) on loopback: no connection holds a thread, valid HTTP is answered, malformed
HTTP gets the server's own 4xx, and none of it leaves a traceback in the log (issue 20's probes)."""
from __future__ import annotations

import re
import signal
import socket
import time
import urllib.parse

import pytest

from tests.service_fixtures import start_hzkg, stop
from tools import slow_clients
from tools.loopback import refuse_unless_loopback

ASK = "/sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }")
# Sent by each of 64 connections, which then stay silent (issue 20's two High probes).
SHORT_CHUNK = (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
               b"Transfer-Encoding: chunked\r\n\r\n100\r\nASK {}\r\n0\r\n\r\n")  # declares 256 bytes, sends fewer
ENDLESS_HEAD = b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: %s\r\n" % (n, b"a" * 7500) for n in range(9))
CLIENT_TIMEOUT = 2


@pytest.fixture(scope="module")
def hostile(artifact):
    """A server of its own, with a short client_timeout; its log is checked after the module's tests."""
    running = start_hzkg(artifact, "--setting", "client_timeout", str(CLIENT_TIMEOUT))
    yield running
    log = stop(running.process)
    assert "Traceback" not in log, log[-3000:]


def _exchange(url: str, data: bytes, wait_s: float = 10.0) -> bytes:
    """Send raw bytes, read until the server closes the connection (a refusal that closes while bytes
    it did not read are left ends in a reset, after its answer)."""
    host, port = refuse_unless_loopback(url)
    answer = b""
    with socket.create_connection((host, port), timeout=wait_s) as sock:
        sock.sendall(data)
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except ConnectionResetError:
            pass
    return answer


def _statuses(answer: bytes) -> list[int]:
    """The status of each response in `answer` (a body runs straight into the next status line)."""
    return [int(status) for status in re.findall(rb"HTTP/1\.[01] (\d{3}) ", answer)]


@pytest.mark.parametrize("what, stuck_bytes", [("a chunked body shorter than declared", SHORT_CHUNK),
                                               ("67 KB of headers with no end", ENDLESS_HEAD)])
def test_64_requests_that_only_look_whole_leave_a_normal_client_answered(hostile, what, stuck_bytes):
    run = slow_clients.hold(hostile.url, slow=0, idle=0, stuck=64, stuck_bytes=stuck_bytes, seconds=3 * CLIENT_TIMEOUT,
                            probe_path=ASK, probe_every_s=0.5, probe_timeout_s=2.0)
    print(f"\n{what}: {len(run.probes)} probes, worst {run.worst_s:.3f} s, {run.stuck_dropped} connections dropped")
    assert len(run.probes) >= 4
    assert run.unanswered == 0, run.probes  # each within 2 s
    assert run.stuck_dropped >= 64  # each was closed (after client_timeout at most), none held


_CHUNKED_HEAD = (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                 b"Accept: application/sparql-results+json\r\nTransfer-Encoding: chunked\r\n")


@pytest.mark.parametrize("what, body", [
    ("a trailer", b"10\r\nASK { ?s ?p ?o }\r\n0\r\nX-Trailer: yes\r\n\r\n"),
    ("an extension on the last chunk", b"10\r\nASK { ?s ?p ?o }\r\n0;name=value\r\n\r\n"),
    ("two chunks", b"6\r\nASK { \r\na\r\n?s ?p ?o }\r\n0\r\n\r\n"),
])
def test_valid_chunked_requests_are_answered(hostile, what, body):
    answer = _exchange(hostile.url, _CHUNKED_HEAD + b"Connection: close\r\n\r\n" + body)
    assert _statuses(answer) == [200], (what, answer[:300])
    assert b'"boolean":true' in answer.replace(b" ", b"")


def test_a_request_pipelined_after_a_chunked_one_is_answered(hostile):
    second = f"GET {ASK} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAccept: application/sparql-results+json\r\n\r\n"
    answer = _exchange(hostile.url, _CHUNKED_HEAD + b"\r\n10\r\nASK { ?s ?p ?o }\r\n0\r\n\r\n" + second.encode())
    assert _statuses(answer) == [200, 200], answer[:600]


def test_a_malformed_chunk_size_is_the_servers_400(hostile):
    answer = _exchange(hostile.url, _CHUNKED_HEAD + b"\r\nzz\r\nASK {}\r\n0\r\n\r\n")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert _statuses(head) == [400], head
    assert b"Invalid chunk size" in body and b"Traceback" not in body  # the log is checked by the fixture


def test_expect_100_continue_is_answered_before_the_body_is_sent(hostile):
    host, port = refuse_unless_loopback(hostile.url)
    body = b"ASK { ?s ?p ?o }"
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                     b"Accept: application/sparql-results+json\r\nExpect: 100-continue\r\nConnection: close\r\n"
                     b"Content-Length: %d\r\n\r\n" % len(body))
        interim = sock.recv(65536)  # curl waits 1 s for this before it sends the body anyway
        assert interim.startswith(b"HTTP/1.1 100 Continue\r\n"), interim
        sock.sendall(body)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    assert _statuses(interim + answer) == [100, 200], answer[:300]


def test_the_servers_own_answers_to_malformed_http(hostile):
    """What README's "What the server answers itself" says: waitress's plain-text 4xx, then close."""
    cases = {
        400: b"GET /sparql HTTP/1.1\r\nHost: x\r\nBad Header Name: y\r\n\r\n",
        431: ENDLESS_HEAD,
        413: b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
             b"Content-Length: 50000000\r\n\r\nASK {}",
        501: b"POST /sparql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
    }
    for status, raw in cases.items():
        head, _, body = _exchange(hostile.url, raw).partition(b"\r\n\r\n")
        assert _statuses(head) == [status], (status, head)  # HTTP/1.0 when the request line did not parse
        assert b"Content-Type: text/plain" in head and b"Connection: close" in head, head
        assert body.endswith(b"(generated by waitress)"), body


def test_after_sigterm_new_connections_are_refused_and_the_request_in_flight_is_answered(artifact):
    running = start_hzkg(artifact, "--setting", "time_limit", "3")
    host, port = refuse_unless_loopback(running.url)
    runaway = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . "
                                                "?j ?k ?l . ?m ?o ?p }"})
    try:
        with socket.create_connection((host, port), timeout=30) as in_flight:
            in_flight.sendall(f"GET /sparql?{runaway} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
            time.sleep(0.5)  # it is running now (it takes the whole time limit)
            running.process.send_signal(signal.SIGTERM)
            refused = None
            for _ in range(100):  # 100 x 0.05 s: promptly, not the 18 s of gunicorn's worker
                try:
                    socket.create_connection((host, port), timeout=1).close()
                except ConnectionRefusedError:
                    refused = True
                    break
                time.sleep(0.05)
            answer = b""
            while chunk := in_flight.recv(65536):
                answer += chunk
        assert refused, "new connections were still accepted after SIGTERM"
        assert _statuses(answer) == [503] and b"time_limit" in answer, answer[:300]
        assert running.process.wait(timeout=30) == 0
    finally:
        log = stop(running.process)
    assert "SIGTERM: no new connections; 1 requests in flight finished" in log, log[-2000:]
    assert "Traceback" not in log, log[-3000:]

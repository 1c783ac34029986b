"""The serving core against slow, idle and kept-alive clients, on a real `hzkg serve` (waitress) on
loopback: no client that sends or reads slowly, or nothing at all, holds a thread."""
from __future__ import annotations

import http.client
import socket
import time
import urllib.parse

import pytest

from tests.service_fixtures import http as http_get, start_hzkg, stop
from tools import slow_clients
from tools.loopback import refuse_unless_loopback

ASK = "/sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }")


def _raw(url: str, data: bytes, wait_s: float = 10.0) -> bytes:
    """Send raw bytes, read until the server closes the connection."""
    host, port = refuse_unless_loopback(url)
    with socket.create_connection((host, port), timeout=wait_s) as sock:
        sock.sendall(data)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


@pytest.fixture(scope="module")
def impatient(artifact):
    """One server for the tests of dropping silent clients: client_timeout 1 s (the shortest), 2 threads,
    answers of up to 100,000 rows with time to compute them; its log is checked after the module's tests."""
    running = start_hzkg(artifact, "--setting", "client_timeout", "1", "--setting", "threads", "2",
                         "--setting", "row_limit", "100000", "--setting", "time_limit", "30")
    yield running
    log = stop(running.process)
    assert "Traceback" not in log, log[-3000:]


def test_slow_and_idle_clients_do_not_starve_a_normal_client(impatient):
    # 16 clients sending a header byte every 0.5 s and 16 that send nothing, for 6 s, against 2 threads.
    run = slow_clients.hold(impatient.url, slow=16, idle=16, seconds=6, byte_every_s=0.5, probe_path=ASK,
                            probe_every_s=0.5)
    print(f"\n{len(run.probes)} probes, worst {run.worst_s:.3f} s; slow dropped {run.slow_dropped}, idle {run.idle_dropped}")
    assert len(run.probes) >= 8
    assert run.unanswered == 0, run.probes
    assert run.worst_s < 2.0, run.probes
    # Each idle connection was closed after client_timeout (1 s), not held for the run; a slow one is
    # not silent, so it stays, costing a connection (max_connections) and no thread.
    assert run.idle_dropped >= 16


def test_keep_alive_reuses_one_connection(server):
    host, port = refuse_unless_loopback(server.url)
    connection = http.client.HTTPConnection(host, port, timeout=10)
    try:
        sockets = []
        for _ in range(5):
            connection.request("GET", ASK, headers={"Accept": "application/sparql-results+json"})
            response = connection.getresponse()
            assert response.status == 200 and response.read()
            assert response.getheader("Connection", "").lower() != "close"
            sockets.append(connection.sock)
        assert all(sock is sockets[0] and sock is not None for sock in sockets)
    finally:
        connection.close()


def test_a_request_that_stops_arriving_is_closed_after_client_timeout(server):
    host, port = refuse_unless_loopback(server.url)
    began = time.monotonic()
    with socket.create_connection((host, port), timeout=30) as sock:
        sock.sendall(b"GET /sparql HTTP/1.1\r\nHost: x\r\n")  # never finished
        answer = sock.recv(65536)
    waited = time.monotonic() - began
    assert answer == b""  # waitress closes a silent connection without an answer
    assert 5.0 <= waited < 20.0, waited  # client_timeout is 5 s by default


def test_a_body_announced_too_large_is_refused_before_it_is_sent(server):
    answer = _raw(server.url, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                              b"Content-Length: 50000000\r\n\r\nASK {}")
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    assert b"exceeds max_body of 2000000" in answer  # waitress's words: twice max_body_bytes (README)


def test_a_body_sent_in_pieces_is_answered(server):
    host, port = refuse_unless_loopback(server.url)
    body = b"ASK { ?s ?p ?o }"
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAccept: application/sparql-results+json\r\n"
                     b"Content-Type: application/sparql-query\r\nContent-Length: %d\r\n\r\n" % len(body))
        for piece in (body[:5], body[5:]):
            time.sleep(0.3)
            sock.sendall(piece)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 200 "), answer[:300]
    assert b'"boolean": true' in answer or b'"boolean":true' in answer


def test_a_short_client_timeout_drops_idle_clients_sooner(impatient):
    host, port = refuse_unless_loopback(impatient.url)  # client_timeout 1 s
    began = time.monotonic()
    with socket.create_connection((host, port), timeout=10) as sock:
        assert sock.recv(100) == b""  # idle: closed without an answer
    assert time.monotonic() - began < 5.0  # against 5 s by default


# 10,000 rows (row_limit) of nine IRIs each from the small fixture: a 3.4 MB CSV answer.
_LARGE = "/sparql?query=" + urllib.parse.quote(
    "SELECT ?x WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i BIND(CONCAT(STR(?a), ' ', STR(?b), ' ', STR(?c), ' ', STR(?d), "
    "' ', STR(?e), ' ', STR(?f), ' ', STR(?g), ' ', STR(?h), ' ', STR(?i)) AS ?x) }")


def _slow_readers(artifact, readers: int, seconds: float, *settings: str, threads: str = "8"):
    """(the run, the server's log) of `readers` clients reading _LARGE 1 KB a second beside a probe."""
    running = start_hzkg(artifact, "--setting", "threads", threads, *settings)
    try:
        run = slow_clients.hold(running.url, slow=0, idle=0, readers=readers, reader_path=_LARGE, seconds=seconds,
                                probe_path=ASK, probe_timeout_s=5)
    finally:
        log = stop(running.process)
    assert run.unanswered == 0 and run.worst_s < 2.0, run.probes
    assert "Traceback" not in log
    return run, log


def test_clients_reading_large_answers_slowly_do_not_starve_a_normal_client(artifact):
    # 2 threads, and 5 clients each reading a 3.4 MB answer at 1 KB/s through a 4 KB receive buffer, for
    # 10 s: waitress writes each answer from its buffers in its event loop, so no reader holds a thread.
    run, log = _slow_readers(artifact, 5, 10, threads="2")
    print(f"\n{len(run.probes)} probes, worst {run.worst_s:.3f} s, {run.unanswered} unanswered; "
          f"readers read {run.read_bytes} bytes, {run.readers_done} answers ended")
    assert len(run.probes) >= 7
    assert run.readers_done == 0  # 1 KB a second is reading: no reader was dropped
    assert run.read_bytes >= 5 * 5 * 1024  # every reader was served, slowly, all along


def test_a_large_answer_arrives_whole_and_keep_alive_follows_it(server):
    host, port = refuse_unless_loopback(server.url)
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request("GET", _LARGE, headers={"Accept": "text/csv"})
        response = connection.getresponse()
        body = response.read()
        assert response.status == 200
        assert len(body) == int(response.getheader("Content-Length")) > 3_000_000
        assert body.count(b"\r\n") == 10_001  # the header and row_limit rows
        assert response.getheader("X-Content-Type-Options") == "nosniff"
        first = connection.sock
        connection.request("HEAD", ASK)  # the next request on the same connection, after the large answer
        response = connection.getresponse()
        assert response.status == 200 and response.read() == b""
        assert connection.sock is first
    finally:
        connection.close()


def test_a_client_that_reads_nothing_of_its_answer_is_dropped_after_client_timeout(impatient):
    # row_limit 100,000: all 39^3 = 59,319 rows, a 19.8 MB answer (measured), of which the kernel's socket buffers
    # take some 4 MB; waitress holds the rest.
    host, port = refuse_unless_loopback(impatient.url)  # client_timeout 1 s, row_limit 100,000
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.settimeout(60)  # computing the answer took more than 10 s beside two busy loops and make test's 2 workers
        sock.connect((host, port))
        sock.sendall(f"GET {_LARGE} HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\n\r\n".encode())
        got = len(sock.recv(1))  # the answer has begun (computing it may take seconds on a busy machine)
        # Then it reads nothing: the server sends what the kernel buffers take, and after 1 s silent marks the
        # connection to be closed, which it does at the next chance to write: when the client reads again.
        time.sleep(4.0)
        sock.settimeout(10)
        try:
            while chunk := sock.recv(65536):
                got += len(chunk)
        except ConnectionResetError:
            pass
    assert got < 10_000_000, got  # a part at most, then the end of the connection
    assert http_get(impatient.url + ASK).status == 200  # and the server answers others

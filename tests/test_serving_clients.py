"""The serving core against slow, idle and kept-alive clients (service/cli/worker.py), on a real
`hzkg serve` on loopback: no client that sends slowly or nothing at all holds a thread."""
from __future__ import annotations

import http.client
import socket
import time
import urllib.parse

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


def test_slow_and_idle_clients_do_not_starve_a_normal_client(server):
    # 16 clients sending a header byte every 3 s and 16 that send nothing, for 30 s, against 2 workers.
    run = slow_clients.hold(server.url, slow=16, idle=16, seconds=30, byte_every_s=3.0, probe_path=ASK)
    print(f"\n{len(run.probes)} probes, worst {run.worst_s:.3f} s; slow dropped {run.slow_dropped}, idle {run.idle_dropped}")
    assert len(run.probes) >= 25
    assert run.unanswered == 0, run.probes
    assert run.worst_s < 2.0, run.probes
    # Each slow or idle connection was dropped after client_timeout (5 s), not held for the run.
    assert run.slow_dropped >= 16 and run.idle_dropped >= 16


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


def test_a_request_not_whole_in_time_gets_a_408_and_no_thread(server):
    host, port = refuse_unless_loopback(server.url)
    began = time.monotonic()
    with socket.create_connection((host, port), timeout=15) as sock:
        sock.sendall(b"GET /sparql HTTP/1.1\r\nHost: x\r\n")  # never finished
        answer = sock.recv(65536)
    waited = time.monotonic() - began
    assert answer.startswith(b"HTTP/1.1 408 "), answer[:200]
    assert b"client_timeout" in answer and b"Content-Security-Policy" in answer
    assert 4.0 <= waited < 8.0, waited


def test_a_body_announced_too_large_is_refused_before_it_is_sent(server):
    answer = _raw(server.url, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                              b"Content-Length: 50000000\r\n\r\nASK {}")
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    assert b"max_body_bytes" in answer


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


def test_gunicorns_own_errors_carry_the_security_headers_and_the_error_shape(server):
    too_long = b"GET /sparql?query=" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    malformed = b"GET /sparql HTTP/1.1\r\nHost: x\r\nBad Header Name: y\r\n\r\n"
    too_many = b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: y\r\n" % n for n in range(200)) + b"\r\n"
    for raw, status in ((too_long, 414), (malformed, 400), (too_many, 431)):
        answer = _raw(server.url, raw)
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 %d " % status), head
        for header in (b"Content-Security-Policy: ", b"X-Content-Type-Options: nosniff", b"X-Frame-Options: DENY"):
            assert header in head, (status, head)
        assert b'"ok": false' in body and b'"status": %d' % status in body, body


def test_a_short_client_timeout_drops_slow_clients_sooner(artifact):
    running = start_hzkg(artifact, "--setting", "client_timeout", "1", workers=1)
    try:
        host, port = refuse_unless_loopback(running.url)
        began = time.monotonic()
        with socket.create_connection((host, port), timeout=10) as sock:
            assert sock.recv(100) == b""  # idle: closed without an answer
        assert time.monotonic() - began < 3.0
    finally:
        log = stop(running.process)
    assert "Traceback" not in log


# 10,000 rows (row_limit) of nine IRIs each from the small fixture: a 3.4 MB CSV answer.
_LARGE = "/sparql?query=" + urllib.parse.quote(
    "SELECT ?x WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i BIND(CONCAT(STR(?a), ' ', STR(?b), ' ', STR(?c), ' ', STR(?d), "
    "' ', STR(?e), ' ', STR(?f), ' ', STR(?g), ' ', STR(?h), ' ', STR(?i)) AS ?x) }")


def _slow_readers(artifact, readers: int, seconds: float, *settings: str, threads: str = "8"):
    """(the run, the server's log) of `readers` clients reading _LARGE 1 KB a second beside a probe, 1 worker."""
    running = start_hzkg(artifact, "--setting", "threads", threads, *settings, workers=1)
    try:
        run = slow_clients.hold(running.url, slow=0, idle=0, readers=readers, reader_path=_LARGE, seconds=seconds,
                                probe_path=ASK, probe_timeout_s=5)
    finally:
        log = stop(running.process)
    assert run.unanswered == 0 and run.worst_s < 2.0, run.probes
    assert "Traceback" not in log
    return run, log


def test_clients_reading_large_answers_slowly_do_not_starve_a_normal_client(artifact):
    # 1 worker x 2 threads, and 5 clients each reading a 3.4 MB answer at 1 KB/s through a 4 KB receive
    # buffer, for 20 s: each answer is written from the worker's event loop, so no reader holds a thread.
    run, log = _slow_readers(artifact, 5, 20, threads="2")
    print(f"\n{len(run.probes)} probes, worst {run.worst_s:.3f} s, {run.unanswered} unanswered; "
          f"readers read {run.read_bytes} bytes, {run.readers_done} answers ended")
    assert len(run.probes) >= 15
    assert "read nothing of its answer" not in log  # 1 KB a second is reading: no reader was dropped
    assert run.read_bytes >= 5 * 10 * 1024  # every reader was served, slowly, all along


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


def test_a_client_that_reads_nothing_of_its_answer_is_dropped_after_client_timeout(artifact):
    running = start_hzkg(artifact, "--setting", "client_timeout", "1", workers=1)
    try:
        host, port = refuse_unless_loopback(running.url)
        with socket.socket() as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.settimeout(10)
            sock.connect((host, port))
            sock.sendall(f"GET {_LARGE} HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\n\r\n".encode())
            time.sleep(4.0)  # reads nothing: the server sends what the kernel buffers take, then waits 1 s
            got = 0
            try:
                while chunk := sock.recv(65536):
                    got += len(chunk)
            except ConnectionResetError:
                pass
        assert got < 3_000_000, got  # a part at most, then the end of the connection
        assert http_get(running.url + ASK).status == 200  # and the worker answers others
    finally:
        log = stop(running.process)
    assert "read nothing of its answer for 1 s" in log and "client_timeout" in log
    assert "Traceback" not in log


def test_past_unread_answers_mb_the_reader_waiting_longest_is_dropped(artifact):
    # 3 slow readers of a 3.4 MB answer (the kernel takes some 2.8 MB of each) hold more than 1 MB:
    # the oldest is dropped (it then asks again).
    run, log = _slow_readers(artifact, 3, 8, "--setting", "unread_answers_mb", "1")
    assert "more than 1 MB of answers not sent yet" in log and "unread_answers_mb" in log, log[-3000:]
    assert run.readers_done >= 1  # a dropped reader saw its connection end

"""The one HTTP load client of the load test and the benchmark: N threads, each with its own
connection (kept alive, or new per request), cycling through a mix of requests until a request
count or a time budget is spent. Latency is per request, measured in the client.

Every answer is judged by its request's `judge` (status, body, seconds) -> None when right, else
what was wrong; the run keeps latencies of the right answers and the reasons of the others.
"""
from __future__ import annotations

import http.client
import itertools
import os
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Callable

__all__ = ["Request", "Outcome", "drive", "percentile", "sparql_post", "expect_200"]

# Each drive's distinct texts are its own: a second drive of the same server must not send the first
# one's texts again (its answer cache would answer them, as it did the bench's new texts in turns until 2026-12-06).
_DRIVES = itertools.count()


def expect_200(status: int, body: bytes, seconds: float) -> str | None:
    return None if status == 200 else f"{status} {body[:200]!r}"


@dataclass
class Request:
    name: str
    path: str
    method: str = "GET"
    body: bytes | None = None
    headers: dict = field(default_factory=dict)
    judge: Callable[[int, bytes, float], str | None] = expect_200


def sparql_post(path: str, query: str, name: str = "sparql") -> Request:
    """A query POSTed form-encoded (as the SPARQL Protocol allows), answered as SPARQL JSON."""
    return Request(name, path, "POST", urllib.parse.urlencode({"query": query}).encode("utf-8"),
                   {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})


@dataclass
class Outcome:
    clients: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)  # seconds, of the answers judged right
    # (client, sent, answered) of the same answers, on time.monotonic()'s clock: what was answered while
    # something else ran (tools/loadtest.py, Run.answered_while_runaway_ran)
    spans: list[tuple[int, float, float]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # "name: what was wrong"

    @property
    def requests(self) -> int:
        return len(self.latencies) + len(self.failures)

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    @property
    def errors(self) -> int:
        return len(self.failures)

    @property
    def p50(self) -> float:  # milliseconds
        return percentile(self.latencies, 50) * 1000

    @property
    def p99(self) -> float:  # milliseconds
        return percentile(self.latencies, 99) * 1000


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile by nearest rank (q=50 is the median of an odd list).

    >>> percentile([1.0, 2.0, 3.0, 4.0, 100.0], 99)
    100.0
    >>> percentile([3.0, 1.0, 2.0], 50)
    2.0
    """
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def _client(host: str, port: int, next_request: Callable[[int], Request], stop_at: float, quota: list[int],
            lock: threading.Lock, outcome: Outcome, keep_alive: bool, timeout: float, client: int) -> None:
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    turn = 0
    while time.monotonic() < stop_at:
        with lock:
            if quota[0] <= 0:
                break
            quota[0] -= 1
        request = next_request(turn)
        turn += 1
        began = time.monotonic()
        try:
            connection.request(request.method, request.path, body=request.body, headers=request.headers)
            response = connection.getresponse()
            status, body = response.status, response.read()
        except (OSError, http.client.HTTPException) as error:
            status, body = 0, f"{type(error).__name__}: {error}".encode()
            connection.close()
        if not keep_alive:
            connection.close()
        answered = time.monotonic()
        elapsed = answered - began
        verdict = request.judge(status, body, elapsed)
        with lock:
            if verdict is None:
                outcome.latencies.append(elapsed)
                outcome.spans.append((client, began, answered))
            else:
                outcome.failures.append(f"{request.name}: {verdict}")
    connection.close()


def drive(url: str, mix: list[Request], clients: int, max_seconds: float, max_requests: int = 100_000, *,
          distinct: bool = False, keep_alive: bool = True, timeout: float = 60, offset: int = 0) -> Outcome:
    """Drive the server at `url` with `clients` threads cycling through `mix`; stops at `max_requests`
    or `max_seconds`. `distinct`: each query POSTed gets a comment unique to this process, drive, thread and turn, so
    no cache answers it."""
    parsed = urllib.parse.urlsplit(url)
    this_drive = f"{os.getpid()}.{next(_DRIVES)}"
    outcome, lock, quota = Outcome(clients), threading.Lock(), [max_requests]

    def requests_of(thread: int) -> Callable[[int], Request]:
        def next_request(turn: int) -> Request:
            request = mix[(thread * offset + turn) % len(mix)]
            if distinct and request.body is not None:
                unique = urllib.parse.quote(f"\n# {this_drive} {thread} {turn}").encode()
                request = Request(request.name, request.path, request.method, request.body + unique,
                                  request.headers, request.judge)
            return request
        return next_request

    started = time.monotonic()
    threads = [threading.Thread(target=_client, args=(parsed.hostname, parsed.port, requests_of(n), started + max_seconds,
                                                      quota, lock, outcome, keep_alive, timeout, n), daemon=True)
               for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max_seconds + timeout + 60)
    outcome.seconds = time.monotonic() - started
    return outcome

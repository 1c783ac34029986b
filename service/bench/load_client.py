"""A small HTTP load client: N threads, one keep-alive connection each, a bounded run.

Each thread POSTs the queries in turn (form-encoded, as the SPARQL Protocol allows)
until the request count or the time budget is spent. Latency is per request,
measured in the client; throughput is answered requests over wall time.
"""
from __future__ import annotations

import http.client
import threading
import time
import urllib.parse
from dataclasses import dataclass

__all__ = ["LoadResult", "percentile", "run_load"]

_ACCEPT = "application/sparql-results+json"


@dataclass
class LoadResult:
    clients: int
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def p50(self) -> float:
        return percentile(self.latencies_ms, 50)

    @property
    def p99(self) -> float:
        return percentile(self.latencies_ms, 99)


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


def _client(host: str, port: int, path: str, queries: list[str], distinct: bool, stop_at: float, quota: list[int],
            lock: threading.Lock, latencies: list[float], errors: list[int]) -> None:
    connection = http.client.HTTPConnection(host, port, timeout=60)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": _ACCEPT}
    turn = 0
    while time.perf_counter() < stop_at:
        with lock:
            if quota[0] <= 0:
                break
            quota[0] -= 1
        query = queries[turn % len(queries)]
        if distinct:  # a new text each time: no server may answer from a cache of earlier answers
            query += f"\n# {threading.get_ident()} {turn}"
        body = urllib.parse.urlencode({"query": query}).encode("utf-8")
        turn += 1
        began = time.perf_counter()
        try:
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=60)
        elapsed = (time.perf_counter() - began) * 1000
        with lock:
            if ok:
                latencies.append(elapsed)
            else:
                errors[0] += 1
    connection.close()


def run_load(url: str, queries: list[str], clients: int, max_requests: int, max_seconds: float,
             warmup: int = 1, distinct: bool = False) -> LoadResult:
    """Drive `url` (…/sparql) with `clients` threads; stops at `max_requests` or `max_seconds`.

    `distinct`: make every query text unique (a comment), to measure answers without caching.
    """
    parsed = urllib.parse.urlsplit(url)
    lock = threading.Lock()
    # The mix `warmup` times first, so that no server is measured while it warms its caches.
    _client(parsed.hostname, parsed.port, parsed.path, queries, distinct, time.perf_counter() + max_seconds,
            [warmup * len(queries)], lock, [], [0])
    latencies: list[float] = []
    errors = [0]
    quota = [max_requests]
    started = time.perf_counter()
    stop_at = started + max_seconds
    threads = [threading.Thread(target=_client, args=(parsed.hostname, parsed.port, parsed.path, queries, distinct, stop_at,
                                                      quota, lock, latencies, errors), daemon=True)
               for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max_seconds + 120)
    elapsed = time.perf_counter() - started
    return LoadResult(clients, len(latencies), errors[0], elapsed, latencies)



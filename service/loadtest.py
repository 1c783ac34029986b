"""`python -m hzkg.service.loadtest` (`make loadtest`): a bounded load test of `hzkg serve`, on loopback only.

For 1, 8 and 32 clients it runs the same mix of requests (named queries compared with
their golden answers in tests/golden/, ad-hoc SPARQL, resource pages, search, the
network) for a fixed time, first alone and then beside clients that send runaway
queries (a cartesian product, an unbounded property path) without pause. It prints
throughput, p50, p99, 5xx/connection errors and wrong answers per run, and exits 1
when an answer was wrong, a normal request failed, a runaway query was not stopped
with the clear 503 in time, or a worker was lost.

    python -m hzkg.service.loadtest --seconds 10 --clients 1,8,32 --runaway 2
"""
from __future__ import annotations

import argparse
import http.client
import json
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from hzkg.graph import paths
from .engines.results import from_sparql_json
from .loadtest_server import LOOPBACK, refuse_unless_loopback, started_server

__all__ = ["Probe", "Run", "normal_mix", "run_load", "percentile", "main"]

GOLDEN = Path("tests") / "golden"  # run from the checkout
# Named queries without GROUP_CONCAT, whose rows compare exactly (as a multiset) with the golden file.
GOLDEN_QUERIES = ("zones", "zone-profile", "gdp-targets-by-group", "growth-implied", "plan-targets",
                  "places-in-area", "zones-of-cluster", "zones-of-sub-city", "provenance", "classes")
RUNAWAY_QUERIES = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",  # 10^12 rows on the plan
    "SELECT (COUNT(*) AS ?n) WHERE { ?a (<urn:x:p>|!<urn:x:p>)* ?b . ?b (!<urn:x:q>)* ?c }",  # every path
)
_AD_HOC = ("PREFIX hz: <https://w3id.org/hzkg/def/> SELECT ?zone (COUNT(?i) AS ?n) WHERE "
           "{ ?zone hz:hasIndustry ?i } GROUP BY ?zone ORDER BY DESC(?n) ?zone")
_FORM = {"Content-Type": "application/x-www-form-urlencoded"}
_JSON = {"Accept": "application/sparql-results+json"}


@dataclass
class Probe:
    """One kind of request in the mix and the answer it must get."""

    name: str
    path: str
    method: str = "GET"
    body: bytes | None = None
    headers: dict = field(default_factory=dict)
    expected: object = None  # golden rows, or the bytes first answered without load

    def is_right(self, body: bytes) -> bool:
        if self.name.startswith("golden:"):
            return _rows(body) == self.expected
        return body == self.expected


def _rows(body: bytes) -> list[list]:
    document = json.loads(body)
    variables = document["head"]["vars"]
    rows = [[None if (term := from_sparql_json(b.get(v))) is None else term.n3() for v in variables]
            for b in document["results"]["bindings"]]
    return sorted(rows, key=lambda cells: json.dumps(cells, ensure_ascii=False))


def _request(connection: http.client.HTTPConnection, probe: Probe) -> tuple[int, bytes]:
    connection.request(probe.method, probe.path, body=probe.body, headers=probe.headers)
    response = connection.getresponse()
    return response.status, response.read()


def normal_mix(host: str, port: int) -> list[Probe]:
    """The requests of the mix, each with its expected answer (golden, or fetched once now)."""
    probes = [Probe(f"golden:{name}", f"/queries/{name}?format=json",
                    expected=json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))["rows"])
              for name in GOLDEN_QUERIES]
    probes += [
        Probe("sparql:post", "/sparql", "POST", urllib.parse.urlencode({"query": _AD_HOC}).encode(), {**_FORM, **_JSON}),
        Probe("sparql:get", "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}), headers=_JSON),
        Probe("page:zone", "/id/zone/hangzhou-etdz", headers={"Accept": "text/html"}),
        Probe("page:industry", "/id/industry/new-energy.ttl"),
        Probe("search", "/search?q=qiche&format=json"),
        Probe("search:zh", "/search?" + urllib.parse.urlencode({"q": "开发区"}), headers={"Accept": "text/html"}),
        Probe("network", "/network/summary"),
        Probe("explore", "/explore"),
    ]
    connection = http.client.HTTPConnection(host, port, timeout=60)
    mix = []
    for probe in probes:
        status, body = _request(connection, probe)
        if probe.name == "explore" and status == 404:
            continue  # the explorer is not in this version of the service
        if status != 200:
            raise RuntimeError(f"{probe.name} {probe.path} answered {status} before any load: {body[:300]!r}")
        if probe.expected is None:
            probe.expected = body
        elif not probe.is_right(body):
            raise RuntimeError(f"{probe.name} differs from its golden answer before any load")
        mix.append(probe)
    connection.close()
    return mix


@dataclass
class Run:
    clients: int
    runaway_clients: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)  # seconds, of normal requests answered 200
    errors: list[str] = field(default_factory=list)  # normal requests: 5xx, other status, connection error
    wrong: list[str] = field(default_factory=list)  # 200 with an answer that differs from the expected one
    runaway_stopped: list[float] = field(default_factory=list)  # seconds until the clear 503
    runaway_bad: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.latencies) + len(self.errors)

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        runaway = (f"  runaway: {len(self.runaway_stopped)} stopped (max {max(self.runaway_stopped, default=0):.1f} s),"
                   f" {len(self.runaway_bad)} not" if self.runaway_clients else "")
        return (f"{self.clients:>3} clients{' +' + str(self.runaway_clients) + ' runaway' if self.runaway_clients else '':<11}"
                f" {self.requests:>6} requests {self.throughput:>7.1f} req/s  p50 {percentile(self.latencies, 50) * 1000:>7.1f} ms"
                f"  p99 {percentile(self.latencies, 99) * 1000:>7.1f} ms  errors {len(self.errors)}  wrong {len(self.wrong)}{runaway}")


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile.

    >>> percentile([0.1, 0.2, 0.3, 0.4, 10.0], 99)
    10.0
    """
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * q // 100) - 1).__int__()]


def _normal_client(host, port, mix, offset, stop_at, budget, run, lock):
    connection = http.client.HTTPConnection(host, port, timeout=60)
    turn = offset
    while time.monotonic() < stop_at:
        with lock:
            if budget[0] <= 0:
                break
            budget[0] -= 1
        probe = mix[turn % len(mix)]
        turn += 1
        began = time.monotonic()
        try:
            status, body = _request(connection, probe)
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            with lock:
                run.errors.append(f"{probe.name}: {type(error).__name__}: {error}")
            continue
        elapsed = time.monotonic() - began
        with lock:
            if status != 200:
                run.errors.append(f"{probe.name}: {status} {body[:200]!r}")
            else:
                run.latencies.append(elapsed)
                if not probe.is_right(body):
                    run.wrong.append(probe.name)
    connection.close()


def _runaway_client(host, port, number, stop_at, time_limit, run, lock):
    query = RUNAWAY_QUERIES[number % len(RUNAWAY_QUERIES)]
    probe = Probe("runaway", "/sparql", "POST", urllib.parse.urlencode({"query": query}).encode(), _FORM)
    while time.monotonic() < stop_at:
        connection = http.client.HTTPConnection(host, port, timeout=time_limit + 30)
        began = time.monotonic()
        try:
            status, body = _request(connection, probe)
        except (OSError, http.client.HTTPException) as error:
            status, body = 0, repr(error).encode()
        finally:
            connection.close()
        elapsed = time.monotonic() - began
        with lock:
            if status == 503 and b"time limit" in body and elapsed < time_limit + 5:
                run.runaway_stopped.append(elapsed)
            else:
                run.runaway_bad.append(f"{status} after {elapsed:.1f} s: {body[:200]!r}")


def run_load(url: str, mix: list[Probe], clients: int, seconds: float, *, runaway_clients: int = 0,
             time_limit: float = 10.0, max_requests: int = 100_000) -> Run:
    """`clients` threads cycle through `mix` for `seconds` (or `max_requests`), beside `runaway_clients`."""
    host, port = refuse_unless_loopback(url)
    run, lock, budget = Run(clients, runaway_clients), threading.Lock(), [max_requests]
    started = time.monotonic()
    stop_at = started + seconds
    threads = [threading.Thread(target=_runaway_client, args=(host, port, n, stop_at, time_limit, run, lock), daemon=True)
               for n in range(runaway_clients)]
    threads += [threading.Thread(target=_normal_client, args=(host, port, mix, n * 3, stop_at, budget, run, lock),
                                 daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads[runaway_clients:]:
        thread.join(seconds + 120)
    run.seconds = time.monotonic() - started
    for thread in threads[:runaway_clients]:
        thread.join(time_limit + 60)  # the last runaway query is answered (stopped) too
    return run


def _arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m hzkg.service.loadtest", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help=f"a running hzkg serve on loopback ({', '.join(sorted(LOOPBACK))}); "
                                      "default: start one on a free port")
    parser.add_argument("--artifact", default=str(paths.BUILD_DIR / paths.ARTIFACT_NAME), help="dataset for the server started here")
    parser.add_argument("--seconds", type=float, default=10.0, help="duration of each run (default: %(default)s)")
    parser.add_argument("--clients", default="1,8,32", help="client counts, comma-separated (default: %(default)s)")
    parser.add_argument("--runaway", type=int, default=2, help="clients sending runaway queries (default: %(default)s)")
    parser.add_argument("--time-limit", type=float, default=5.0, help="the server's time_limit (default: %(default)s)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers of the server started here")
    parser.add_argument("--max-requests", type=int, default=100_000, help="request budget of each run")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    with started_server(args.url, args.artifact, args.time_limit, args.workers) as (url, count_workers):
        host, port = refuse_unless_loopback(url)
        mix = normal_mix(host, port)
        run_load(url, mix, 8, min(3.0, args.seconds))  # every worker builds its caches (search index, network)
        workers_before = count_workers()
        print(f"hzkg load test on {url}: {len(mix)} kinds of request ({', '.join(p.name for p in mix)}); "
              f"{args.seconds:g} s a run; runaway queries stopped at {args.time_limit:g} s", flush=True)
        failed = False
        for clients in (int(n) for n in args.clients.split(",")):
            calm = run_load(url, mix, clients, args.seconds, time_limit=args.time_limit, max_requests=args.max_requests)
            print(calm.line(), flush=True)
            stormy = run_load(url, mix, clients, args.seconds, runaway_clients=args.runaway,
                              time_limit=args.time_limit, max_requests=args.max_requests)
            ratio = percentile(stormy.latencies, 99) / percentile(calm.latencies, 99)
            print(stormy.line() + f"  p99 ×{ratio:.2f} (goal ≤ 3)", flush=True)
            for run in (calm, stormy):
                for problem in (run.errors + run.wrong + run.runaway_bad)[:5]:
                    print("   ", problem, flush=True)
                failed |= bool(run.errors or run.wrong or run.runaway_bad)
        workers_after = count_workers()
        print(f"workers: {workers_before} before, {workers_after} after", flush=True)
        failed |= workers_after is not None and workers_after < (workers_before or 0)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

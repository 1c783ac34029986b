"""`python -m tools.loadtest` (`make loadtest`): a bounded load test of `hzkg serve`, on loopback only.

For 1, 8 and 32 clients it runs the same mix of requests (named queries compared with
their golden answers in tests/golden/, ad-hoc SPARQL, resource pages, search, the
network) for a fixed time, first alone and then beside clients that send runaway
queries (a cartesian product, an unbounded property path) without pause; then 8 clients beside
slow-header and idle connections and clients reading a large answer 1 KB a second
(tools/slow_clients.py). It prints
throughput, p50, p99, 5xx/connection errors and wrong answers per run, and exits 1
when an answer was wrong, a normal request failed, a runaway query was not stopped
with the clear 503 in time, or a query process was lost.

    python -m tools.loadtest --seconds 10 --clients 1,8,32 --runaway 2
"""
from __future__ import annotations

import argparse
import contextlib
import html
import http.client
import json
import re
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from hzkg.graph import paths
from hzkg.graph.prefixes import DEF, sparql_prefixes
from hzkg.service.engines.results import from_sparql_json
from tools.golden import canonical_table
from tools.load_client import Outcome, Request, drive, percentile
from tools.loopback import LOOPBACK, refuse_unless_loopback
from tools.servers import query_processes, start_hzkg

__all__ = ["Probe", "Run", "normal_mix", "run_load", "percentile", "main"]

GOLDEN = Path("tests") / "golden"  # run from the checkout
# Named queries without GROUP_CONCAT, whose rows compare exactly (as a multiset) with the golden file.
GOLDEN_QUERIES = ("zones", "zone-profile", "gdp-targets-by-group", "growth-implied", "plan-targets",
                  "places-in-area", "zones-of-cluster", "zones-of-sub-city", "provenance", "classes")
RUNAWAY_QUERIES = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",  # 10^12 rows on the plan
    "SELECT (COUNT(*) AS ?n) WHERE { ?a (<urn:x:p>|!<urn:x:p>)* ?b . ?b (!<urn:x:q>)* ?c }",  # every path
)
_AD_HOC = (sparql_prefixes("hz") + "SELECT ?zone (COUNT(?i) AS ?n) WHERE "
           "{ ?zone hz:hasIndustry ?i } GROUP BY ?zone ORDER BY DESC(?n) ?zone")
_FORM = {"Content-Type": "application/x-www-form-urlencoded"}
_JSON = {"Accept": "application/sparql-results+json"}


WRONG = "wrong answer"


@dataclass
class Probe(Request):
    """One kind of request in the mix and the answer it must get."""

    expected: object = None  # golden rows, or the bytes first answered without load

    def __post_init__(self):
        self.judge = self._judge

    def is_right(self, body: bytes) -> bool:
        if self.name.startswith("golden:"):
            return _rows(body) == self.expected
        return body == self.expected

    def _judge(self, status: int, body: bytes, seconds: float) -> str | None:
        if status != 200:
            return f"{status} after {seconds:.2f} s: {_message(body)}"
        return None if self.is_right(body) else WRONG


def _message(body: bytes) -> str:
    """What an error answer says: an HTML error page's message (its <pre class="error">), else the start of the body.

    >>> _message(b'<!doctype html><h1>x</h1><pre class="error" lang="en">the query was stopped</pre>')
    'the query was stopped'
    """
    found = re.search(rb'<pre class="error"[^>]*>(.*?)</pre>', body, re.S)
    return html.unescape(found.group(1).decode("utf-8", "replace")) if found else repr(body[:200])


def _rows(body: bytes) -> list[list]:
    document = json.loads(body)
    variables = document["head"]["vars"]
    return canonical_table(variables, [[from_sparql_json(binding.get(v)) for v in variables]
                                       for binding in document["results"]["bindings"]])


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
    normal: Outcome
    runaway: Outcome | None = None

    @property
    def seconds(self) -> float:
        return self.normal.seconds

    @property
    def latencies(self) -> list[float]:  # seconds, of normal requests answered right
        return self.normal.latencies

    @property
    def errors(self) -> list[str]:  # normal requests: 5xx, other status, connection error
        return [failure for failure in self.normal.failures if not failure.endswith(WRONG)]

    @property
    def wrong(self) -> list[str]:  # 200 with an answer that differs from the expected one
        return [failure for failure in self.normal.failures if failure.endswith(WRONG)]

    @property
    def runaway_stopped(self) -> list[float]:  # seconds until the clear 503
        return self.runaway.latencies if self.runaway else []

    @property
    def runaway_bad(self) -> list[str]:
        return self.runaway.failures if self.runaway else []

    def answered_while_runaway_ran(self) -> list[int]:
        """For each runaway query stopped while the normal clients were still sending, how many normal
        requests were sent and answered while it ran. None (0) means they waited for it to be stopped;
        counted, not timed, so that a busy machine, which makes every request slower, does not change the verdict.

        >>> normal = Outcome(1, spans=[(0, 1.0, 1.5), (0, 1.5, 3.5), (0, 3.5, 3.6)])
        >>> Run(1, 1, normal, Outcome(1, spans=[(0, 0.5, 3.0), (0, 3.0, 9.0)])).answered_while_runaway_ran()
        [1]
        """
        last_sent = max((sent for _, sent, _ in self.normal.spans), default=0.0)
        return [sum(1 for _, sent, answered in self.normal.spans if began <= sent and answered <= ended)
                for _, began, ended in (self.runaway.spans if self.runaway else []) if ended <= last_sent]

    @property
    def requests(self) -> int:
        return self.normal.requests

    @property
    def throughput(self) -> float:
        return self.normal.throughput

    def line(self) -> str:
        runaway = (f"  runaway: {len(self.runaway_stopped)} stopped (max {max(self.runaway_stopped, default=0):.1f} s),"
                   f" {len(self.runaway_bad)} not" if self.runaway_clients else "")
        return (f"{self.clients:>3} clients{' +' + str(self.runaway_clients) + ' runaway' if self.runaway_clients else '':<11}"
                f" {self.requests:>6} requests {self.throughput:>7.1f} req/s  p50 {percentile(self.latencies, 50) * 1000:>7.1f} ms"
                f"  p99 {percentile(self.latencies, 99) * 1000:>7.1f} ms  errors {len(self.errors)}  wrong {len(self.wrong)}{runaway}")


def _runaway_mix(time_limit: float) -> list[Request]:
    def stopped_in_time(status: int, body: bytes, seconds: float) -> str | None:
        if status == 503 and b"time limit" in body and seconds < 3 * time_limit:  # a bound of 3x: a busy machine
            return None
        return f"{status} after {seconds:.1f} s: {body[:200]!r}"
    return [Request("runaway", "/sparql", "POST", urllib.parse.urlencode({"query": query}).encode(), _FORM,
                    stopped_in_time) for query in RUNAWAY_QUERIES]


def run_load(url: str, mix: list[Probe], clients: int, seconds: float, *, runaway_clients: int = 0,
             time_limit: float = 10.0, max_requests: int = 100_000) -> Run:
    """`clients` threads cycle through `mix` for `seconds` (or `max_requests`), beside `runaway_clients`
    that send runaway queries without pause (each on a new connection)."""
    refuse_unless_loopback(url)
    runaway: list[Outcome] = []
    beside = threading.Thread(target=lambda: runaway.append(
        drive(url, _runaway_mix(time_limit), runaway_clients, seconds, keep_alive=False, timeout=time_limit + 30,
              offset=1)), daemon=True)
    if runaway_clients:
        beside.start()
    normal = drive(url, mix, clients, seconds, max_requests, offset=3)
    if runaway_clients:
        beside.join(seconds + time_limit + 90)  # the last runaway query is answered (stopped) too
    return Run(clients, runaway_clients, normal, runaway[0] if runaway else None)


def _arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m tools.loadtest", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help=f"a running hzkg serve on loopback ({', '.join(sorted(LOOPBACK))}); "
                                      "default: start one on a free port")
    parser.add_argument("--artifact", default=str(paths.BUILD_DIR / paths.ARTIFACT_NAME), help="dataset for the server started here")
    parser.add_argument("--seconds", type=float, default=10.0, help="duration of each run (default: %(default)s)")
    parser.add_argument("--clients", default="1,8,32", help="client counts, comma-separated (default: %(default)s)")
    parser.add_argument("--runaway", type=int, default=2, help="clients sending runaway queries (default: %(default)s)")
    parser.add_argument("--time-limit", type=float, default=5.0, help="the server's time_limit (default: %(default)s)")
    parser.add_argument("--max-requests", type=int, default=100_000, help="request budget of each run")
    parser.add_argument("--slow", type=int, default=16, help="slow-header clients (a byte every 3 s) and as many idle "
                        "connections, held for one run beside 8 normal clients; 0 for none (default: %(default)s)")
    parser.add_argument("--readers", type=int, default=8, help="clients reading a large answer (3.4 MB of "
                        "CSV) 1 KB a second in the same run (default: %(default)s)")
    return parser.parse_args(argv)


# A large answer for the slow readers: each quote of the plan beside every triple, row_limit rows, 3.4 MB
# of CSV, more than the kernel's socket buffers take on loopback (about 2.8 MB: every triple alone, 1.6 MB, fits).
_LARGE_ANSWER = "/sparql?query=" + urllib.parse.quote(
    f"SELECT * WHERE {{ ?s <{DEF}quote> ?q . ?a ?b ?c }}")


def slow_client_run(url: str, mix: list[Probe], slow: int, seconds: float, time_limit: float,
                    max_requests: int, readers: int = 0) -> tuple["Run", object]:
    """8 normal clients for `seconds` while `slow` slow-header and `slow` idle connections are held,
    and `readers` clients read a large answer 1 KB a second."""
    from tools import slow_clients

    held: dict = {}
    holder = threading.Thread(target=lambda: held.update(run=slow_clients.hold(
        url, slow=slow, idle=slow, seconds=seconds + 2, readers=readers, reader_path=_LARGE_ANSWER)), daemon=True)
    holder.start()
    time.sleep(1.5)  # the slow and idle connections take their places first
    run = run_load(url, mix, 8, seconds, time_limit=time_limit, max_requests=max_requests)
    holder.join(seconds + 30)
    return run, held.get("run")


@contextlib.contextmanager
def started_server(url: str | None, artifact: str, time_limit: float) -> Iterator[tuple[str, Callable[[], int | None]]]:
    """(url, count of query processes) of the given server, or of `hzkg serve` started for the test and stopped after."""
    if url:
        refuse_unless_loopback(url)
        yield url, lambda: None
        return
    server = start_hzkg(Path(artifact), "--setting", "time_limit", str(time_limit), deadline_s=120)
    try:
        yield server.url, lambda: len(query_processes(server.process.pid))
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    with started_server(args.url, args.artifact, args.time_limit) as (url, count_processes):
        host, port = refuse_unless_loopback(url)
        mix = normal_mix(host, port)
        run_load(url, mix, 8, min(3.0, args.seconds))  # the server builds its caches (search index, network)
        processes_before = count_processes()
        print(f"hzkg load test on {url}: {len(mix)} kinds of request ({', '.join(p.name for p in mix)}); "
              f"{args.seconds:g} s a run; runaway queries stopped at {args.time_limit:g} s", flush=True)
        failed = False
        for clients in (int(n) for n in args.clients.split(",")):
            calm = run_load(url, mix, clients, args.seconds, time_limit=args.time_limit, max_requests=args.max_requests)
            print(calm.line(), flush=True)
            stormy = run_load(url, mix, clients, args.seconds, runaway_clients=args.runaway,
                              time_limit=args.time_limit, max_requests=args.max_requests)
            ratio = percentile(stormy.latencies, 99) / percentile(calm.latencies, 99)
            beside = stormy.answered_while_runaway_ran()
            print(stormy.line() + f"  p99 ×{ratio:.2f} (goal ≤ 3; printed, not judged: it moves with the machine's load)"
                  f"; normal answers while each runaway query ran: min {min(beside, default=0)}", flush=True)
            for run in (calm, stormy):
                for problem in (run.errors + run.wrong + run.runaway_bad)[:5]:
                    print("   ", problem, flush=True)
                failed |= bool(run.errors or run.wrong or run.runaway_bad)
            if not beside or min(beside) == 0:
                print("    normal clients waited for a runaway query to be stopped (or none was stopped)", flush=True)
                failed = True
        if args.slow or args.readers:
            slowed, held = slow_client_run(url, mix, args.slow, args.seconds, args.time_limit, args.max_requests,
                                           args.readers)
            print(slowed.line() + f"  beside {args.slow} slow-header + {args.slow} idle connections "
                  f"({held.slow_dropped} + {held.idle_dropped} dropped after client_timeout) + {args.readers} "
                  f"slow readers ({held.read_bytes} bytes read)", flush=True)
            for problem in (slowed.errors + slowed.wrong)[:5]:
                print("   ", problem, flush=True)
            failed |= bool(slowed.errors or slowed.wrong)
        processes_after = count_processes()
        print(f"query processes: {processes_before} before, {processes_after} after", flush=True)
        failed |= processes_after is not None and processes_after < (processes_before or 0)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

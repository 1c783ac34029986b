"""`python -m tools.bench --new-texts`: the one figure of issue 14 still short of its goal, quickly.

hzkg serve with every query text distinct (so neither the answer cache nor the check cache helps)
beside `oxigraph serve` (in memory), on the same data and the same mix as the HTTP figure of
`make bench`, at 1 and 8 clients. The machine's 2 cores are shared, and other work on them moves
any one figure by 30 % or more; so both servers stay up and are driven in turns of a few seconds
(hzkg, oxigraph, hzkg, …), each getting the same share of whatever else runs. Beside req/s it
prints the CPU time each server's processes spent per answered request, which such load moves
less, and the load average before and after.
"""
from __future__ import annotations

import os

from hzkg.graph import paths

from tools import servers
from tools.bench.engine_speed import catalogue_queries
from tools.bench.run import HTTP_MIX, _load
from tools.load_client import Outcome

__all__ = ["compare_new_texts"]

HZKG, OXIGRAPH = "hzkg serve, every query text distinct", "oxigraph serve (in memory)"


def _cpu_seconds(server) -> float:
    """User + system CPU of a server and all its processes (its query processes)."""
    import psutil  # the [bench] extra

    root = psutil.Process(server.process.pid)
    total = 0.0
    for process in [root, *root.children(recursive=True)]:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.Error:  # a query process replaced meanwhile
            pass
    return total


def compare_new_texts(turn_s: float = 2.0, turns: int = 4, settings: list[tuple[str, str]] = (), log=print,
                      distinct: bool = True) -> dict:
    """{(server, clients): (Outcome, CPU ms per request)}; `settings`: `--setting NAME VALUE` pairs for hzkg serve;
    `distinct=False`: the same texts again and again (hzkg's answer cache) instead of new ones."""
    artifact = paths.BUILD_DIR / paths.ARTIFACT_NAME
    queries = catalogue_queries()
    mix = [queries[name] for name in HTTP_MIX]
    extra = [word for name, value in settings for word in ("--setting", name, value)]
    log(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    started = {}
    try:
        started[HZKG] = servers.start_hzkg(artifact, *extra)
        started[OXIGRAPH] = servers.start_oxigraph(None)
        servers.load_into(started[OXIGRAPH], artifact)
        figures = {}
        for clients in (1, 8):
            totals = {name: [Outcome(clients), 0.0] for name in started}
            for _ in range(turns):
                for name, server in started.items():
                    cpu_before = _cpu_seconds(server)
                    outcome = _load(server.sparql_url, mix, clients, 100_000, turn_s, distinct and name == HZKG)
                    totals[name][1] += _cpu_seconds(server) - cpu_before
                    total = totals[name][0]
                    total.seconds += outcome.seconds
                    total.latencies += outcome.latencies
                    total.failures += outcome.failures
            for name, (outcome, cpu) in totals.items():
                per_request = 1000 * cpu / max(1, len(outcome.latencies))
                figures[name, clients] = (outcome, per_request)
                shown = name if distinct or name != HZKG else "hzkg serve, the same texts repeated"
                log(f"  {shown}, {clients} clients: {outcome.throughput:,.0f} req/s, p50 {outcome.p50:.1f} ms, "
                    f"p99 {outcome.p99:.1f} ms, {outcome.errors} errors, server CPU {per_request:.2f} ms per request")
            hzkg, oxigraph = figures[HZKG, clients][0].throughput, figures[OXIGRAPH, clients][0].throughput
            log(f"  {clients} clients: hzkg {'new' if distinct else 'repeated'} texts ÷ oxigraph serve = {hzkg:,.0f} ÷ {oxigraph:,.0f} = {hzkg / oxigraph:.2f}×")
    finally:
        for server in started.values():
            server.stop()
    log(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return figures

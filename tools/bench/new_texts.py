"""`python -m tools.bench --new-texts`: the one figure of issue 14 still short of its goal, quickly.

hzkg serve with every query text distinct (so neither the answer cache nor the check cache helps)
beside `oxigraph serve` (in memory), on the same data and the same mix as the HTTP figure of
`make bench`, at 1 and 8 clients, one server at a time. Prints the rates, their ratios and the
load average before and after (other work on the 2 cores skews every figure).
"""
from __future__ import annotations

import os

from hzkg.graph import paths

from tools import servers
from tools.bench.engine_speed import catalogue_queries
from tools.bench.run import HTTP_MIX, _load

__all__ = ["compare_new_texts"]


def compare_new_texts(seconds: float = 8.0, settings: list[tuple[str, str]] = (), log=print) -> dict:
    """{(server, clients): Outcome}; `settings`: `--setting NAME VALUE` pairs for hzkg serve."""
    artifact = paths.BUILD_DIR / paths.ARTIFACT_NAME
    queries = catalogue_queries()
    mix = [queries[name] for name in HTTP_MIX]
    extra = [word for name, value in settings for word in ("--setting", name, value)]
    log(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    outcomes = {}

    def oxigraph_memory():
        server = servers.start_oxigraph(None)
        servers.load_into(server, artifact)
        return server

    for name, start, distinct in (("hzkg serve, every query text distinct", lambda: servers.start_hzkg(artifact, *extra), True),
                                  ("oxigraph serve (in memory)", oxigraph_memory, False)):
        server = start()
        try:
            for clients in (1, 8):
                outcome = _load(server.sparql_url, mix, clients, 100_000, seconds, distinct)
                outcomes[name, clients] = outcome
                log(f"  {name}, {clients} clients: {outcome.throughput:,.0f} req/s, p50 {outcome.p50:.1f} ms, "
                    f"p99 {outcome.p99:.1f} ms, {outcome.errors} errors")
        finally:
            server.stop()
    for clients in (1, 8):
        hzkg = outcomes["hzkg serve, every query text distinct", clients].throughput
        oxigraph = outcomes["oxigraph serve (in memory)", clients].throughput
        log(f"  {clients} clients: hzkg new texts ÷ oxigraph serve = {hzkg:,.0f} ÷ {oxigraph:,.0f} = {hzkg / oxigraph:.2f}×")
    log(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return outcomes



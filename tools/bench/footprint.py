"""`hzkg serve`'s footprint at its defaults (issue 20): seconds from launch to the first answer, and
the memory of all its processes (PSS summed, so that pages shared between them count once) once it
has answered the HTTP mix, beside `oxigraph serve` holding the same data in memory."""
from __future__ import annotations

import statistics
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from tools import servers
from tools.bench.engine_speed import catalogue_queries
from tools.load_client import drive, sparql_post

__all__ = ["Footprint", "measure_footprint", "MEMORY_GOAL_MB", "STARTUP_GOAL_S"]

MEMORY_GOAL_MB = 250
STARTUP_GOAL_S = 1.5


@dataclass
class Footprint:
    startups_s: list[float]
    pss_mb: float
    processes: int
    oxigraph_pss_mb: float
    # CPU seconds all of hzkg serve's processes had spent when the first answer came: what the machine's
    # load stretches into the wall-clock start-up, so the steadier figure beside it
    startup_cpu_s: list[float] = field(default_factory=list)

    @property
    def startup_s(self) -> float:
        return statistics.median(self.startups_s)


def _warm(server: servers.Server, mix: list[str]) -> None:
    """The mix once, then every text new for a second: what a serving process holds after some use."""
    path = urllib.parse.urlsplit(server.sparql_url).path
    requests = [sparql_post(path, query) for query in mix]
    drive(server.sparql_url, requests, 4, 1.0, len(requests))
    drive(server.sparql_url, requests, 4, 1.0, distinct=True)


def measure_footprint(artifact: Path, mix_names: tuple[str, ...], runs: int = 3) -> Footprint:
    queries = catalogue_queries()
    mix = [queries[name] for name in mix_names]
    startups, cpu, pss, processes = [], [], 0.0, 0
    for run in range(runs):
        server = servers.start_hzkg(artifact)
        try:
            startups.append(server.startup_s)
            cpu.append(server.cpu_s())
            if run == 0:
                _warm(server, mix)
                pss, processes = server.pss_mb()
        finally:
            server.stop()
    oxigraph = servers.start_oxigraph(None)
    try:
        servers.load_into(oxigraph, artifact)
        _warm(oxigraph, mix)
        oxigraph_pss, _ = oxigraph.pss_mb()
    finally:
        oxigraph.stop()
    return Footprint(startups, pss, processes, oxigraph_pss, cpu)

"""Figure 1: every named query on pyoxigraph vs rdflib's own engine, same rows.

Both backends are the service's own (service/engines/embedded.py), loaded in this
process: the figure is the engines' speed, without HTTP or the query process.
"""
from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from hzkg.graph import paths
from hzkg.service.checking.catalogue import load_catalogue
from tools.golden import canonical
from hzkg.service.engines.embedded import OxigraphBackend
from hzkg.service.engines.isolated import IsolatedStore
from hzkg.service.engines.limits import Limits
from hzkg.service.errors import QueryTimeout

__all__ = ["EngineTiming", "catalogue_queries", "compare_engines", "time_query"]

_ROW_LIMIT = 1_000_000  # no truncation: rows are compared whole

@dataclass
class EngineTiming:
    name: str
    rows: int
    oxigraph_ms: float  # median
    rdflib_ms: float  # median; the time limit when rdflib was stopped there
    identical: bool | None  # None: rdflib did not finish within its time limit

    @property
    def ratio(self) -> float:
        return self.rdflib_ms / self.oxigraph_ms if self.oxigraph_ms else float("inf")


def catalogue_queries(queries_dir: Path = paths.QUERIES_DIR) -> dict[str, str]:
    """Each named query's text with its default parameters bound, as the service runs it."""
    catalogue = load_catalogue(queries_dir)
    return {name: catalogue[name].bound({}).text for name in sorted(catalogue)}


def time_query(run, budget_seconds: float, max_runs: int, min_runs: int = 3) -> tuple[list[float], object]:
    """Run `run()` at least `min_runs` times, then until the budget or `max_runs`; times in ms."""
    times, result = [], None
    started = time.perf_counter()
    while len(times) < max_runs and (len(times) < min_runs or time.perf_counter() - started < budget_seconds):
        begin = time.perf_counter()
        result = run()
        times.append((time.perf_counter() - begin) * 1000)
    return times, result


def compare_engines(artifact: Path, queries: dict[str, str], *, oxigraph_budget_s: float = 1.0,
                    rdflib_runs: int = 5, rdflib_limit_s: float = 60.0) -> list[EngineTiming]:
    """Each query on both engines: pyoxigraph in this process, repeated for about its budget;
    rdflib `rdflib_runs` times in the service's killable query process, stopped at `rdflib_limit_s`
    (some named queries take rdflib minutes), which then counts as a lower bound."""
    oxigraph = OxigraphBackend(artifact)
    rdflib_engine = IsolatedStore("rdflib", artifact, Limits(time_limit=rdflib_limit_s, row_limit=_ROW_LIMIT),
                                  slow_niceness=0)
    timings = []
    try:
        for name, text in queries.items():
            ox_times, ox_result = time_query(lambda text=text: oxigraph.run(text, _ROW_LIMIT), oxigraph_budget_s, 1000,
                                             min_runs=min(3, rdflib_runs))
            try:
                rdf_times, rdf_result = time_query(lambda text=text: rdflib_engine.query(text, rdflib_limit_s, _ROW_LIMIT),
                                                   0, rdflib_runs, min_runs=rdflib_runs)
                identical = canonical(ox_result, text) == canonical(rdf_result, text)
                rdflib_ms = statistics.median(rdf_times)
            except QueryTimeout:
                identical, rdflib_ms = None, rdflib_limit_s * 1000
            expected = canonical(ox_result, text)
            timings.append(EngineTiming(name, len(expected) if isinstance(expected, list) else 1,
                                        statistics.median(ox_times), rdflib_ms, identical))
    finally:
        rdflib_engine.close()
    return timings

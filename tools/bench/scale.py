"""Figure 4: the named queries on synthetic graphs of 10^5, 10^6 (10^7) triples.

For each size: write the dataset (tools/bench/synthetic.py), write its on-disk
(RocksDB) store as `hzkg serve --setting store_dir` does (service/engines/disk_store.py),
then, in a killable child process, open that store read-only (open + first answered
query), run every named query (p50 over a few runs, stopped at the time limit), and
report the child's resident memory; a second child loads the same N-Quads into memory,
as the service's query process does without store_dir, for the in-memory load time and
memory. From 10^6 triples on, `hzkg serve` itself is started on the store that is now
there (persistent), to the first answered query.
"""
from __future__ import annotations

import multiprocessing
import shutil
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from hzkg.service.dataset_version import read_dataset_version
from hzkg.service.engines.disk_store import ensure_disk_store

from tools import servers
from tools.bench.synthetic import write_synthetic

__all__ = ["SELECTIVE", "ScalePoint", "measure_scale"]

SELECTIVE = ("zone-profile", "zones-with-industry")  # the selective queries (p50 < 5 ms at 10^6)
_CONTEXT = multiprocessing.get_context("spawn")  # a fresh interpreter: its memory is the store's
_REPEAT_BELOW_MS = 1000
SERVE_FROM = 10**6  # sizes at which `hzkg serve --setting store_dir` is started too


@dataclass
class ScalePoint:
    triples: int
    generate_s: float
    disk_load_s: float  # write the on-disk store (bulk load + compaction), once per build
    disk_mb: float
    open_s: float = float("nan")  # open the on-disk store and answer a first query
    disk_rss_mb: float = float("nan")
    memory_load_s: float = float("nan")  # bulk-load the N-Quads into memory (what hzkg serve does)
    memory_rss_mb: float = float("nan")
    query_ms: dict[str, float] = field(default_factory=dict)  # p50; inf = stopped at the time limit
    serve_startup_s: float = float("nan")  # `hzkg serve` on the existing store -> first answered query
    serve_rss_mb: float = float("nan")  # all of its processes (the web process, its query processes)


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def _query_child(connection, location: str, nquads: str, queries: dict[str, str], runs: int) -> None:
    """In the child: open (or load), then time each query, reporting as it goes."""
    import pyoxigraph as ox

    def run(text: str) -> float:
        start = time.perf_counter()
        answer = store.query(text, use_default_graph_as_union=True)
        if not isinstance(answer, ox.QueryBoolean):
            for _row in answer:
                pass
        return (time.perf_counter() - start) * 1000

    began = time.perf_counter()
    if location:
        store = ox.Store.read_only(location)
        run("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    else:
        store = ox.Store()
        store.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS)
    connection.send(("opened", time.perf_counter() - began, _rss_mb()))
    for name, text in queries.items():
        times = [run(text)]
        if times[0] < _REPEAT_BELOW_MS:  # slow queries once: the figure is their order of magnitude
            times += [run(text) for _ in range(runs - 1)]
        connection.send(("query", name, statistics.median(times)))
    connection.send(("done", _rss_mb(), None))


def _run_child(location: str, nquads: str, queries: dict[str, str], runs: int, time_limit: float,
               point: ScalePoint, in_memory: bool) -> None:
    """Run the child; a query past the time limit is recorded as stopped (inf) and the
    child replaced, to go on with the queries after it."""
    remaining, first = dict(queries), True
    while True:
        parent, child = _CONTEXT.Pipe()
        process = _CONTEXT.Process(target=_query_child, args=(child, location, nquads, remaining, runs), daemon=True)
        process.start()
        child.close()
        try:
            if not parent.poll(3600):
                raise TimeoutError("the store did not open within an hour")
            _, seconds, rss = parent.recv()
            if first and in_memory:
                point.memory_load_s, point.memory_rss_mb = seconds, rss
            elif first:
                point.open_s, point.disk_rss_mb = seconds, rss
            first = False
            while remaining:
                if not parent.poll(time_limit + runs * _REPEAT_BELOW_MS / 1000):
                    point.query_ms[next(iter(remaining))] = float("inf")
                    del remaining[next(iter(remaining))]
                    break
                _, name, milliseconds = parent.recv()
                point.query_ms[name] = milliseconds
                del remaining[name]
            else:
                _, rss, _ = parent.recv()
                if not in_memory:
                    point.disk_rss_mb = max(point.disk_rss_mb, rss)
                return
        finally:
            process.kill()
            process.join()
            parent.close()


def measure_scale(plan_artifact: Path, sizes: list[int], queries: dict[str, str], work_dir: Path, *,
                  runs: int = 5, time_limit: float = 10.0, log=print) -> list[ScalePoint]:
    points = []
    for size in sizes:
        nquads, location = work_dir / f"synthetic-{size}.nq", work_dir / f"synthetic-{size}.oxigraph"
        shutil.rmtree(location, ignore_errors=True)
        began = time.perf_counter()
        triples = write_synthetic(plan_artifact, size, nquads)
        generated = time.perf_counter() - began
        began = time.perf_counter()
        ensure_disk_store(nquads, location, read_dataset_version(nquads).tag)
        point = ScalePoint(triples, generated, time.perf_counter() - began,
                           sum(f.stat().st_size for f in location.rglob("*") if f.is_file()) / 2**20)
        log(f"  {triples:,} triples: written in {point.generate_s:.1f} s, on-disk store in {point.disk_load_s:.1f} s")
        _run_child(str(location), "", queries, runs, time_limit, point, in_memory=False)
        log(f"  {triples:,} triples: open {point.open_s:.2f} s; "
            + ", ".join(f"{n} {ms:.1f} ms" for n, ms in point.query_ms.items()))
        if triples >= SERVE_FROM:
            server = servers.start_hzkg(nquads, "--setting", "store_dir", str(location))
            point.serve_startup_s, point.serve_rss_mb = server.startup_s, server.rss_mb()
            server.stop()
            log(f"  {triples:,} triples: hzkg serve on the store answered after {point.serve_startup_s:.2f} s, "
                f"{point.serve_rss_mb:,.0f} MB")
        _run_child("", str(nquads), {}, runs, time_limit, point, in_memory=True)
        log(f"  {triples:,} triples: in memory {point.memory_load_s:.1f} s, {point.memory_rss_mb:.0f} MB")
        points.append(point)
        nquads.unlink()  # 1.8 GB and more at 10^7 triples: nothing of a size is kept after it
        shutil.rmtree(location, ignore_errors=True)
    return points

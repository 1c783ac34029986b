"""`make bench`: every figure of issue 5 in one run, written to docs/benchmark.md.

All servers are started here on 127.0.0.1 and stopped before the next one starts,
so that each has the machine's two cores to itself (the load client shares them).
"""
from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from hzkg.graph import paths

from tools import servers
from tools.bench.engine_speed import catalogue_queries, compare_engines
from tools.load_client import drive, sparql_post
from tools.bench.markdown import engine_table, Goal, goals_table, http_table, scale_tables, timings_table
from tools.bench.scale import SELECTIVE, measure_scale
from tools.bench.completion import measure_completion
from tools.bench.footprint import MEMORY_GOAL_MB, STARTUP_GOAL_S, measure_footprint

__all__ = ["BenchConfig", "run_benchmark"]

# The /sparql mix: zones of one industry (selective), a zone's industries and the heaviest
# join of the catalogue (all zone pairs sharing industries). Not zone-profile: rdflib's engine
# (so rdflib-endpoint) does not answer it within a minute (the engine figure shows why).
HTTP_MIX = ("zones-with-industry", "zone-industries", "zone-pairs-sharing-industries")


@dataclass
class BenchConfig:
    quick: bool = False
    huge: bool = False  # add 10^7 triples to the scale figure
    out: Path = Path("docs") / "benchmark.md"

    @property
    def sizes(self) -> list[int]:
        return [10**5] if self.quick else [10**5, 10**6] + ([10**7] if self.huge else [])

    @property
    def http_requests(self) -> tuple[int, float]:
        return (1_000, 4.0) if self.quick else (5_000, 15.0)  # at most this many requests, or seconds


def _machine() -> str:
    try:
        model = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name"))
    except (OSError, StopIteration):
        model = platform.processor() or "unknown CPU"
    import psutil

    return (f"{model}, {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GB RAM, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}")


def _versions() -> str:
    names = ("pyoxigraph", "oxigraph", "rdflib", "rdflib-endpoint", "flask", "waitress")
    return ", ".join(f"{name} {version(name)}" for name in names)


def _build_seconds(runs: int) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory(prefix="hzkg-bench-build-") as out:
        for _ in range(runs):
            began = time.perf_counter()
            subprocess.run([str(servers.BIN / "hzkg"), "build", "--quiet", "--out", out], check=True)
            times.append(time.perf_counter() - began)
    return times


def _http_figure(artifact: Path, work: Path, config: BenchConfig, log) -> tuple[list, dict, dict]:
    """Each server under 1 and 8 clients; returns (rows, hzkg req/s by clients, start-up s by server)."""
    queries = catalogue_queries()
    mix = [queries[name] for name in HTTP_MIX]
    requests, seconds = config.http_requests
    disk = work / "plan.oxigraph"
    shutil.rmtree(disk, ignore_errors=True)
    servers.oxigraph_load(artifact, disk)
    memory_server: list = []

    def oxigraph_memory():
        server = servers.start_oxigraph(None)
        servers.load_into(server, artifact)
        memory_server.append(server)
        return server

    def remote_engine():  # in front of the oxigraph serve started just before it
        return servers.start_hzkg(artifact, "--engine", "remote", "--endpoint", memory_server[0].sparql_url)

    def virtuoso():
        server = servers.start_virtuoso(artifact, work / "virtuoso")
        memory_server.append(server)
        return server

    def remote_engine_on_virtuoso():  # in front of the Virtuoso started just before it
        if memory_server[-1].name != "Virtuoso":
            raise FileNotFoundError("no Virtuoso to stand in front of")
        return servers.start_hzkg(artifact, "--engine", "remote", "--endpoint", memory_server[-1].sparql_url,
                                  "--setting", "store_timeout", "ms")

    plan = [
        ("hzkg serve (oxigraph engine)", lambda: servers.start_hzkg(artifact), False),
        ("hzkg serve, every query text distinct", lambda: servers.start_hzkg(artifact), True),
        ("oxigraph serve-read-only (on disk)", lambda: servers.start_oxigraph(disk), False),
        ("oxigraph serve (in memory)", oxigraph_memory, False),
        ("hzkg serve --engine remote → oxigraph serve", remote_engine, False),
        ("Virtuoso 7 (loaded by hzkg load)", virtuoso, False),
        ("hzkg serve --engine remote → Virtuoso", remote_engine_on_virtuoso, False),
        ("rdflib-endpoint", lambda: servers.start_rdflib_endpoint(artifact), False),
    ]
    rows, hzkg_rate, startup = [], {}, {}
    try:
        _run_http_plan(plan, mix, requests, seconds, rows, hzkg_rate, startup, log)
    finally:  # also when interrupted: no server of ours outlives the benchmark
        for server in memory_server:
            server.stop()
    return rows, hzkg_rate, startup


_STORES_KEPT_UP = ("oxigraph serve (in memory)", "Virtuoso 7 (loaded by hzkg load)")


def _run_http_plan(plan, mix, requests, seconds, rows, hzkg_rate, startup, log) -> None:
    for name, start, distinct in plan:
        try:
            server = start()
        except FileNotFoundError as missing:  # Virtuoso is optional here; the tests require it
            log(f"  {name}: left out, {missing}")
            continue
        startup[name] = server.startup_s
        try:
            for clients in (1, 8):
                limit = max(200, requests // 20) if name == "rdflib-endpoint" else requests
                result = _load(server.sparql_url, mix, clients, limit, seconds, distinct)
                log(f"  {name}, {clients} clients: {result.throughput:,.0f} req/s, p50 {result.p50:.1f} ms, "
                    f"p99 {result.p99:.1f} ms, {result.errors} errors")
                rows.append((name, result))
                if name.startswith("hzkg serve (oxigraph"):
                    hzkg_rate[clients] = result.throughput
        finally:
            if name not in _STORES_KEPT_UP:  # the remote engine's endpoint stays up for it
                server.stop()


def _load(sparql_url: str, queries: list[str], clients: int, max_requests: int, seconds: float, distinct: bool):
    requests = [sparql_post(urllib.parse.urlsplit(sparql_url).path, query) for query in queries]
    # The mix once first, so that no server is measured while it warms its caches.
    drive(sparql_url, requests, 1, seconds, len(requests))
    return drive(sparql_url, requests, clients, seconds, max_requests, distinct=distinct)


NEW_TEXTS = "hzkg serve, every query text distinct"
_MEMORY = "oxigraph serve (in memory)"


def new_text_goals(rows, in_turns: dict | None = None) -> list[Goal]:
    """Issue 14: texts no cache has seen at least as fast as `oxigraph serve` (in memory), and
    repeated texts (the answer cache) at least as fast as `oxigraph serve-read-only`. `in_turns`: the
    new-text figures of tools/bench/new_texts.py (both servers up, driven in turns, so that other work on
    the machine weighs on both alike), which the goal is judged by; else the rows measured one after the other."""
    goals = []
    for name, other in ((NEW_TEXTS, "oxigraph serve (in memory)"),
                        ("hzkg serve (oxigraph engine)", "oxigraph serve-read-only (on disk)")):
        if name == NEW_TEXTS and in_turns:
            rates = {c: (in_turns[name, c][0].throughput, in_turns[other, c][0].throughput) for c in (1, 8)}
            cpu = {c: (in_turns[name, c][1], in_turns[other, c][1]) for c in (1, 8)}
            how = (", in turns of 2 s; server CPU ms per request " +
                   " / ".join(f"{cpu[c][0]:.2f} vs {cpu[c][1]:.2f}" for c in (1, 8)))
        else:
            rates, how = {c: (_rate(rows, name, c), _rate(rows, other, c)) for c in (1, 8)}, ""
        measured = [mine / theirs for mine, theirs in rates.values()]
        shown = " / ".join(f"{rates[c][0]:,.0f} ÷ {rates[c][1]:,.0f} = {m:.2f}×" for c, m in zip((1, 8), measured)) + how
        kind = "new texts" if name == NEW_TEXTS else "repeated texts"
        goals.append(Goal(f"HTTP req/s, hzkg {kind} ÷ {other}", "≥ 1× (1 and 8 clients)", shown,
                          min(measured) >= 1.0))
    return goals


def _rate(rows, name: str, clients: int) -> float:
    return next((r.throughput for n, r in rows if n == name and r.clients == clients), float("nan"))


def run_benchmark(config: BenchConfig, log=lambda message: print(message, file=sys.stderr, flush=True)) -> str:
    started = time.perf_counter()
    load_before = os.getloadavg()[0]  # other work on the 2 cores skews every figure: say how much
    work = paths.BUILD_DIR / "bench"
    work.mkdir(parents=True, exist_ok=True)
    log("build: hzkg build")
    build_times = _build_seconds(1 if config.quick else 3)
    artifact = paths.BUILD_DIR / paths.ARTIFACT_NAME
    if not artifact.is_file():
        subprocess.run([str(servers.BIN / "hzkg"), "build", "--quiet"], check=True)
    log("start-up: hzkg serve to the first answered query")
    shutil.rmtree(paths.BUILD_DIR / "cache", ignore_errors=True)  # the first start after an edit of the queries
    server = servers.start_hzkg(artifact)
    cold_startup = server.startup_s
    server.stop()
    log("memory: hzkg serve at its defaults, PSS of all its processes, beside oxigraph serve")
    footprint = measure_footprint(artifact, HTTP_MIX, runs=1 if config.quick else 3)
    startups = footprint.startups_s
    log("completion: /complete p50 (the editor's autocompletion)")
    completion = measure_completion(artifact, 300 if config.quick else 1_000)
    log("engines: every named query, pyoxigraph vs rdflib")
    engines = compare_engines(artifact, catalogue_queries(), oxigraph_budget_s=0.2 if config.quick else 1.0,
                              rdflib_runs=1 if config.quick else 3, rdflib_limit_s=10 if config.quick else 30)
    log("HTTP: /sparql under 1 and 8 clients")
    rows, hzkg_rate, server_startups = _http_figure(artifact, work, config, log)
    log("HTTP: new query texts, hzkg serve and oxigraph serve (in memory) in turns")
    from tools.bench.new_texts import compare_new_texts

    in_turns = compare_new_texts(turns=2 if config.quick else 4, log=log)
    log(f"scale: {', '.join(f'{size:,}' for size in config.sizes)} triples")
    points = measure_scale(artifact, config.sizes, catalogue_queries(), work, log=log)
    largest = points[-1]

    from tools.bench.plots import plot_scale

    plot_paths = plot_scale(points, config.out.parent)
    min_ratio = min(t.ratio for t in engines)
    slowest = min(engines, key=lambda t: t.ratio)
    at_million = next((p for p in points if p.triples >= 10**6), None)

    def ratio(other: str, clients: int) -> float:
        return hzkg_rate.get(clients, float("nan")) / _rate(rows, other, clients)

    http_goals = []
    for other, target in (("oxigraph serve-read-only (on disk)", 1.0), ("oxigraph serve (in memory)", 0.8),
                          ("rdflib-endpoint", 25.0)):
        measured = [ratio(other, clients) for clients in (1, 8)]
        http_goals.append(Goal(f"HTTP req/s, hzkg ÷ {other}", f"≥ {target:g}× (1 and 8 clients)",
                               " / ".join(f"{value:.2f}×" for value in measured), min(measured) >= target))
    http_goals += new_text_goals(rows, in_turns)
    goals = [
        Goal("engine: every named query, pyoxigraph ÷ rdflib", "≥ 50×, identical rows",
             f"min {min_ratio:,.0f}× (`{slowest.name}`); {sum(t.ratio < 50 for t in engines)} of {len(engines)} "
             f"under 50×; identical: {sum(t.identical is True for t in engines)}, rdflib stopped: "
             f"{sum(t.identical is None for t in engines)}, different: {sum(t.identical is False for t in engines)}",
             min_ratio >= 50 and not any(t.identical is False for t in engines)),
        *http_goals,
        Goal("`hzkg build` (whole plan)", "< 2 s", f"{statistics.median(build_times):.2f} s",
             statistics.median(build_times) < 2),
        Goal("start-up: `hzkg serve` to first answer", f"≤ {STARTUP_GOAL_S} s",
             f"{statistics.median(startups):.2f} s (median of {', '.join(f'{s:.2f}' for s in startups)}); CPU of all its "
             f"processes by then {statistics.median(footprint.startup_cpu_s):.2f} s; "
             f"in the HTTP figure below {', '.join(f'{s:.2f}' for n, s in server_startups.items() if n.startswith('hzkg serve') and 'remote' not in n)} s",
             statistics.median(startups) <= STARTUP_GOAL_S),
        Goal("memory: `hzkg serve` at its defaults, PSS of all its processes (issue 20)", f"≤ {MEMORY_GOAL_MB} MB",
             f"{footprint.pss_mb:,.0f} MB over {footprint.processes} processes; `oxigraph serve` (in memory) "
             f"{footprint.oxigraph_pss_mb:,.0f} MB", footprint.pss_mb <= MEMORY_GOAL_MB),
        Goal("completion p50: `/complete` on the plan's data (issue 15)", "< 20 ms",
             f"{completion.p50_ms:.2f} ms (p99 {completion.p99_ms:.1f} ms, {completion.requests:,} requests)",
             completion.p50_ms < 20),
    ]
    if at_million:
        selective = max(at_million.query_ms[name] for name in SELECTIVE)
        goals += [
            Goal("10⁶ triples: selective queries p50 (on-disk store)", "< 5 ms",
                 ", ".join(f"{n} {at_million.query_ms[n]:.2f} ms" for n in SELECTIVE), selective < 5),
            Goal("10⁶ triples: start-up with a persistent on-disk store", "< 5 s",
                 f"`hzkg serve --setting store_dir` → first answer {at_million.serve_startup_s:.2f} s "
                 f"({at_million.serve_rss_mb:,.0f} MB, all processes); the store alone opens and answers in "
                 f"{at_million.open_s:.2f} s", at_million.serve_startup_s < 5),
        ]
    if len(points) > 2:
        stopped = [name for name, value in largest.query_ms.items() if value == float("inf")]
        goals.append(Goal(f"{largest.triples:,} triples: every named query under the time limit", "10 s",
                          f"stopped: {', '.join(stopped) or 'none'}", not stopped))

    lines = [
        "# hzkg benchmark", "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `python -m tools.bench{' --quick' if config.quick else ''}"
        f"{' --huge' if config.huge else ''}` in {(time.perf_counter() - started) / 60:.1f} min.",
        f"Machine: {_machine()}; load average {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end.",
        f"Versions: {_versions()}.", "",
        "## Goals (issue 5)", "", *goals_table(goals), "",
        f"## 1. Query engines on the plan's graph ({_triples(artifact):,} statements)", "",
        "Each named query with its default parameters, as the service binds them; in-process, no HTTP.", "",
        *engine_table(engines), "",
        "## 2. HTTP `/sparql`, same data, same queries", "",
        f"POST form requests cycling through {', '.join(f'`{n}`' for n in HTTP_MIX)}; JSON results; keep-alive "
        f"clients (threads) on the same 2 cores; at most {config.http_requests[0]:,} requests or "
        f"{config.http_requests[1]:g} s per row (rdflib-endpoint: fewer requests). hzkg: waitress, default settings.",
        "", *http_table(rows, hzkg_rate), "",
        "New query texts, both servers up and driven in turns of 2 s (hzkg, oxigraph, hzkg, …), so that other "
        "work on the machine weighs on both alike; the goal above is judged by these:", "",
        "| clients | hzkg serve, every text new: req/s | p50 ms | CPU ms per request | oxigraph serve (in memory): req/s "
        "| p50 ms | CPU ms per request | hzkg ÷ oxigraph |",
        "|---|---|---|---|---|---|---|---|",
        *(f"| {c} | {in_turns[NEW_TEXTS, c][0].throughput:,.0f} | {in_turns[NEW_TEXTS, c][0].p50:.2f} | "
          f"{in_turns[NEW_TEXTS, c][1]:.2f} | {in_turns[_MEMORY, c][0].throughput:,.0f} | {in_turns[_MEMORY, c][0].p50:.2f} | "
          f"{in_turns[_MEMORY, c][1]:.2f} | "
          f"{in_turns[NEW_TEXTS, c][0].throughput / in_turns[_MEMORY, c][0].throughput:.2f}× |" for c in (1, 8)), "",
        "## 3. Build and start-up", "",
        *timings_table([
            ("`hzkg build` (parse, SHACL, provenance, inference, write)", f"{statistics.median(build_times):.2f} s",
             f"median of {len(build_times)}, whole command"),
            ("`hzkg serve` → first answered query (plan)", f"{statistics.median(startups):.2f} s",
             f"median of {len(startups)}"),
            ("… the first start after the queries changed", f"{cold_startup:.2f} s",
             "checks the catalogue with rdflib's parser and keeps the result in build/cache"),
            ("completion p50 / p99: `/complete` as a user types (1 client, keep-alive)",
             f"{completion.p50_ms:.2f} / {completion.p99_ms:.1f} ms",
             f"{completion.requests:,} requests; a worker's first builds the label index: {completion.first_ms:.0f} ms"),
            *((f"{name}: launch → first answer", f"{seconds:.2f} s", "") for name, seconds in server_startups.items()),
            *((f"`hzkg serve --setting store_dir` → first answer at {p.triples:,} triples", f"{p.serve_startup_s:.2f} s",
               f"the store written before; RSS of all its processes {p.serve_rss_mb:,.0f} MB")
              for p in points if p.serve_startup_s == p.serve_startup_s),
        ]), "",
        "## 4. Scale: synthetic graphs of the plan's shape", "",
        "Replicas of the plan's zones, industries, roles, bases, clusters, partnerships, observations and "
        "citations (tools/bench/synthetic.py), one shared ontology.", "",
        *scale_tables(points), "",
        *(f"![{path.stem}]({path.name})" for path in plot_paths), "",
    ]
    config.out.parent.mkdir(parents=True, exist_ok=True)
    config.out.write_text("\n".join(lines), encoding="utf-8")
    return "\n".join(lines)


def _triples(artifact: Path) -> int:
    with open(artifact, "rb") as handle:
        return sum(1 for _ in handle)

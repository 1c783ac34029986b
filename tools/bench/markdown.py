"""The benchmark's Markdown: the goals, then one table per figure."""
from __future__ import annotations

import math
from dataclasses import dataclass

from tools.bench.engine_speed import EngineTiming
from tools.load_client import Outcome as LoadResult
from tools.bench.scale import SELECTIVE, ScalePoint

__all__ = ["Goal", "engine_table", "goals_table", "http_table", "scale_tables", "timings_table"]


@dataclass
class Goal:
    what: str
    target: str
    measured: str
    met: bool | None  # None: not measured in this run


def _ms(value: float) -> str:
    if math.isinf(value):
        return "stopped"
    if math.isnan(value):
        return "–"
    return f"{value:.2f}" if value < 10 else f"{value:,.0f}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def goals_table(goals: list[Goal]) -> list[str]:
    mark = {True: "**met**", False: "not met", None: "not measured"}
    return _table(["goal", "target", "measured", ""], [[g.what, g.target, g.measured, mark[g.met]] for g in goals])


def engine_table(timings: list[EngineTiming]) -> list[str]:
    said = {True: "yes", False: "**no**", None: "rdflib stopped"}
    rows = [[f"`{t.name}`", str(t.rows), _ms(t.oxigraph_ms),
             _ms(t.rdflib_ms) if t.identical is not None else f"> {t.rdflib_ms / 1000:g} s",
             f"{'> ' if t.identical is None else ''}{t.ratio:,.0f}×", said[t.identical]] for t in timings]
    return _table(["named query", "rows", "pyoxigraph p50 ms", "rdflib p50 ms", "ratio", "identical rows"], rows)


def http_table(results: list[tuple[str, LoadResult]], reference: dict[int, float]) -> list[str]:
    """`reference`: hzkg's throughput by client count, for the ratio column (hzkg ÷ this server)."""
    rows = []
    for name, result in results:
        ratio = reference.get(result.clients, float("nan")) / result.throughput if result.throughput else float("inf")
        rows.append([name, str(result.clients), f"{result.requests:,}", f"{result.throughput:,.0f}", _ms(result.p50),
                     _ms(result.p99), str(result.errors), f"{ratio:.2f}×" if math.isfinite(ratio) else "–"])
    return _table(["server", "clients", "requests", "req/s", "p50 ms", "p99 ms", "errors", "hzkg ÷ this"], rows)


def timings_table(rows: list[tuple[str, str, str]]) -> list[str]:
    return _table(["what", "measured", "note"], [list(row) for row in rows])


def scale_tables(points: list[ScalePoint]) -> list[str]:
    summary = [[f"{p.triples:,}", f"{p.generate_s:.1f}", f"{p.disk_load_s:.1f}", f"{p.disk_mb:,.0f}", f"{p.open_s:.2f}",
                f"{p.disk_rss_mb:,.0f}", f"{p.memory_load_s:.1f}", f"{p.memory_rss_mb:,.0f}",
                *(_ms(p.query_ms.get(name, float("nan"))) for name in SELECTIVE),
                "–" if math.isnan(p.serve_startup_s) else f"{p.serve_startup_s:.2f} s, {p.serve_rss_mb:,.0f} MB"]
               for p in points]
    lines = _table(["triples", "generate s", "write on-disk store s", "disk MB", "open + first query s",
                    "RSS on disk MB", "load in memory s", "RSS in memory MB", *(f"`{n}` p50 ms" for n in SELECTIVE),
                    "`hzkg serve` on the store: first answer, RSS"], summary)
    names = sorted({name for point in points for name in point.query_ms})
    per_query = [[f"`{name}`", *(_ms(p.query_ms.get(name, float("nan"))) for p in points)] for name in names]
    return lines + ["", "p50 ms of every named query on the on-disk store (stopped: past the time limit):", ""] + \
        _table(["named query", *(f"{p.triples:,}" for p in points)], per_query)

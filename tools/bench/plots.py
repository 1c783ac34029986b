"""The scale figure's plots (matplotlib, written as PNG for the docs)."""
from __future__ import annotations

from pathlib import Path

from tools.bench.scale import SELECTIVE, ScalePoint

__all__ = ["plot_scale"]

_ALSO_PLOTTED = ("zone-industries", "zone-pairs-sharing-industries", "zones")


def plot_scale(points: list[ScalePoint], out_dir: Path) -> list[Path]:
    """docs/benchmark-latency.png and docs/benchmark-memory.png; returns their paths."""
    import matplotlib

    matplotlib.use("Agg")  # no display: files only
    import matplotlib.pyplot as plt

    sizes = [point.triples for point in points]
    out_dir.mkdir(parents=True, exist_ok=True)
    latency_path, memory_path = out_dir / "benchmark-latency.png", out_dir / "benchmark-memory.png"

    figure, axes = plt.subplots(figsize=(7, 4.5))
    for name in (*SELECTIVE, *_ALSO_PLOTTED):
        values = [point.query_ms.get(name, float("nan")) for point in points]
        axes.plot(sizes, values, marker="o", label=name, linewidth=2.5 if name in SELECTIVE else 1.2)
    axes.axhline(5, color="grey", linestyle="--", linewidth=1, label="goal for selective queries (5 ms)")
    _save(plt, figure, axes, latency_path, "p50 latency (ms), on-disk store",
          "Named queries on pyoxigraph (on-disk store) by dataset size")

    figure, axes = plt.subplots(figsize=(7, 4.5))
    axes.plot(sizes, [point.memory_rss_mb for point in points], marker="o", label="in memory: process RSS")
    axes.plot(sizes, [point.disk_rss_mb for point in points], marker="o", label="on-disk store: process RSS")
    axes.plot(sizes, [point.disk_mb for point in points], marker="s", label="on-disk store: size on disk")
    axes.plot(sizes, [point.serve_rss_mb for point in points], marker="^",
              label="hzkg serve on the store: all its processes' RSS")
    _save(plt, figure, axes, memory_path, "MB", "Memory and disk by dataset size")
    return [latency_path, memory_path]


def _save(plt, figure, axes, path: Path, ylabel: str, title: str) -> None:
    axes.set(xscale="log", yscale="log", xlabel="triples", ylabel=ylabel, title=title)
    axes.legend(fontsize=8)
    axes.grid(True, which="both", alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)

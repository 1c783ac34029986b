"""`python -m tools.bench --serving`: the serving figures of issue 20 alone, for a before/after."""
from __future__ import annotations

import os

from hzkg.graph import paths

from tools.bench.footprint import MEMORY_GOAL_MB, STARTUP_GOAL_S, measure_footprint
from tools.bench.new_texts import compare_new_texts
from tools.bench.run import HTTP_MIX

__all__ = ["print_serving_figures"]


def print_serving_figures(settings: list[tuple[str, str]] = (), log=print) -> None:
    log(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    footprint = measure_footprint(paths.BUILD_DIR / paths.ARTIFACT_NAME, HTTP_MIX)
    log(f"  start-up, launch → first answer: median {footprint.startup_s:.2f} s of "
        f"{', '.join(f'{s:.2f}' for s in footprint.startups_s)} (goal ≤ {STARTUP_GOAL_S} s); CPU of all processes by "
        f"then {', '.join(f'{s:.2f}' for s in footprint.startup_cpu_s)} s")
    log(f"  memory at the defaults: {footprint.pss_mb:,.0f} MB PSS over {footprint.processes} processes "
        f"(goal ≤ {MEMORY_GOAL_MB} MB); oxigraph serve (in memory) {footprint.oxigraph_pss_mb:,.0f} MB")
    compare_new_texts(settings=settings, log=log)
    compare_new_texts(settings=settings, log=log, distinct=False)

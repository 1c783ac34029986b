"""Fixtures over the plan's real data: the dataset built once per test session."""
from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from hzkg.graph import paths
from hzkg.graph.build import run_build

__all__ = ["plan_artifact", "plan_store"]


@pytest.fixture(scope="session")
def plan_artifact(tmp_path_factory) -> Path:
    """build/hzkg.nq of the real data, built into a private folder (never the repo's build/); with the
    tests spread over processes (pytest-xdist), built once into their run's folder, the first process
    to need it building while the others wait."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return _built(tmp_path_factory.mktemp("plan-build"))
    out = tmp_path_factory.getbasetemp().parent / "plan-build"  # the run's folder, shared by its processes
    out.mkdir(exist_ok=True)
    with open(out.parent / "plan-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (out / "built").exists():
            return out / paths.ARTIFACT_NAME
        artifact = _built(out)
        (out / "built").touch()
        return artifact


def _built(out: Path) -> Path:
    assert run_build(out_dir=out, quiet=True) == 0, "the plan's data does not build: run `hzkg check`"
    return out / paths.ARTIFACT_NAME


@pytest.fixture(scope="session")
def plan_store(plan_artifact):
    """The default engine (pyoxigraph) over the real dataset, in this process."""
    from hzkg.service.engines.embedded import OxigraphBackend

    return OxigraphBackend(plan_artifact)

"""Fixtures over the plan's real data: the dataset built once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

from hzkg.graph import paths
from hzkg.graph.build import run_build

__all__ = ["plan_artifact", "plan_store"]


@pytest.fixture(scope="session")
def plan_artifact(tmp_path_factory) -> Path:
    """build/hzkg.nq of the real data, built into a private folder (never the repo's build/)."""
    out = tmp_path_factory.mktemp("plan-build")
    assert run_build(out_dir=out, quiet=True) == 0, "the plan's data does not build: run `hzkg check`"
    return out / paths.ARTIFACT_NAME


@pytest.fixture(scope="session")
def plan_store(plan_artifact):
    """The default engine (pyoxigraph) over the real dataset, in this process."""
    from hzkg.service.engines.embedded import OxigraphBackend

    return OxigraphBackend(plan_artifact)

"""Servers for the network tests: the plan's data, and a dataset whose labels hold HTML."""
from __future__ import annotations

from pathlib import Path

import pytest

from service_fixtures import PATIENT, PATIENT_TIME_LIMIT, start_hzkg, stop

ESCAPING_ARTIFACT = Path(__file__).parent / "fixtures" / "network-escaping.nq"

__all__ = ["plan_server", "small_server", "escaping_server", "patient_plan_server"]


@pytest.fixture(scope="session")
def plan_server(plan_artifact):
    """`hzkg serve` over the plan's real dataset (its tests compare answers: a patient time limit)."""
    running = start_hzkg(plan_artifact, *PATIENT, time_limit=PATIENT_TIME_LIMIT)
    yield running
    stop(running.process)


@pytest.fixture(scope="session")
def small_server(plan_artifact):
    """The plan's data served with row_limit 5: the zones' answer (15 rows) is truncated."""
    running = start_hzkg(plan_artifact, "--setting", "row_limit", "5", *PATIENT, time_limit=PATIENT_TIME_LIMIT)
    yield running
    stop(running.process)


@pytest.fixture(scope="session")
def patient_plan_server(plan_server):
    """For tests of names: a worker's first name lookup builds its search index, which takes more than the
    suite's 2 s on a loaded machine. The plan_server (time limit 20 s), not one more server of the same data
    (it had the default 10 s, which no test asks for)."""
    return plan_server


@pytest.fixture(scope="session")
def escaping_server():
    """`hzkg serve` over labels such as `<script>...</script>`, which must show as text."""
    running = start_hzkg(ESCAPING_ARTIFACT)
    yield running
    stop(running.process)

"""Fixtures for the service tests: the small N-Quads fixture, in-process stores,
and real servers (`hzkg serve`, `oxigraph serve`) on loopback ports.

Every server fixture takes the artifact path as a parameter, so the same tests
can run on the real `build/hzkg.nq` once it exists.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tools import servers
from tools.loopback import free_port  # noqa: F401  (the tests import it from here)
from tools.servers import stop

FIXTURE_ARTIFACT = Path(__file__).parent / "fixtures" / "mini.nq"
ID = "https://w3id.org/hzkg/id/"
DEF = "https://w3id.org/hzkg/def/"

# conftest star-imports the fixtures; tests import the helpers by name.
__all__ = ["artifact", "oxigraph_store", "rdflib_store", "server", "patient_server", "rdflib_server", "oxigraph_server",
           "remote_server"]


def quads_per_graph(artifact_path: Path) -> dict[str, int]:
    """Counted from the artifact's lines (one quad a line, graph name last): the expected answers."""
    counts: dict[str, int] = {}
    for line in artifact_path.read_text(encoding="utf-8").splitlines():
        graph = line.rsplit(" ", 2)[-2].strip("<>")
        counts[graph] = counts.get(graph, 0) + 1
    return counts


@pytest.fixture(scope="session")
def artifact() -> Path:
    return FIXTURE_ARTIFACT


@pytest.fixture(scope="session")
def oxigraph_store(artifact):
    from hzkg.service.engines.isolated import IsolatedStore

    store = IsolatedStore("oxigraph", artifact)
    yield store
    store.close()


@pytest.fixture(scope="session")
def rdflib_store(artifact):
    from hzkg.service.engines.isolated import IsolatedStore

    store = IsolatedStore("rdflib", artifact)
    yield store
    store.close()


# --- real servers on loopback -------------------------------------------------

HZKG = str(Path(sys.executable).with_name("hzkg"))
OXIGRAPH = str(Path(sys.executable).with_name("oxigraph"))
# Short enough to keep the suite fast, long enough for every normal query on any engine over the small
# fixture: the servers whose tests stop queries at the time limit use it.
TEST_TIME_LIMIT = "2"
# For servers whose tests compare answers and pages, not limits: over the plan's data a page asks
# several queries, and on a busy machine one can take more than 2 s (below the client's 30 s).
PATIENT_TIME_LIMIT = "20"
# The patient servers' queries must be answered: past 0.5 s a query process keeps its priority instead of
# niceness 19, at which two busy loops beside the suite left a 0.5-3 s parse past 20 s (setting slow_query_niceness).
PATIENT = ("--setting", "slow_query_niceness", "0")


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self):
        return json.loads(self.body)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()


def http(url: str, *, method: str = "GET", headers: dict | None = None, data: bytes | None = None,
         timeout: float = 30) -> Answer:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Answer(response.status, {k.lower(): v for k, v in response.headers.items()}, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


def assert_error(answer: Answer, status: int, *fragments: str) -> dict:
    """The one JSON error shape of the API, with the status and words the user needs."""
    assert answer.status == status, (answer.status, answer.body[:300])
    assert answer.content_type == "application/json", answer.headers
    document = answer.json()
    assert document["ok"] is False and document["status"] == status
    for fragment in fragments:
        assert fragment in document["error"], document["error"]
    assert "Traceback" not in document["error"]
    return document


@dataclass
class RunningServer:
    url: str
    process: subprocess.Popen

    def get(self, path: str, **kwargs) -> Answer:
        return http(self.url + path, **kwargs)


def _wait_until_answering(url: str, process: subprocess.Popen, deadline_seconds: float = 60) -> None:
    servers.wait_until_answering(url, process, deadline_seconds)


def start_hzkg(artifact_path: Path, *extra: str, time_limit: str = TEST_TIME_LIMIT,
               ready_path: str = "/sparql?query=ASK%7B%7D") -> RunningServer:
    running = servers.start_hzkg(artifact_path, "--setting", "time_limit", time_limit, *extra,
                                 deadline_s=60, ready_path=ready_path, stderr=subprocess.PIPE, env=dict(os.environ))
    return RunningServer(running.url, running.process)


@pytest.fixture(scope="session")
def server(artifact):
    """`hzkg serve` (waitress, oxigraph engine, the default settings) on a free loopback port."""
    running = start_hzkg(artifact)
    yield running
    stop(running.process)


@pytest.fixture(scope="session")
def patient_server(artifact):
    """`hzkg serve` (1 worker) with PATIENT_TIME_LIMIT: for queries slow to parse that must be answered."""
    running = start_hzkg(artifact, *PATIENT, time_limit=PATIENT_TIME_LIMIT)
    yield running
    stop(running.process)


@pytest.fixture(scope="session")
def rdflib_server(artifact):
    running = start_hzkg(artifact, "--engine", "rdflib")
    yield running
    stop(running.process)


@pytest.fixture(scope="session")
def oxigraph_server(artifact):
    """A real in-memory `oxigraph serve` with the union default graph, loaded by `hzkg load`."""
    running = servers.start_oxigraph(None, deadline_s=60, stderr=subprocess.PIPE)
    servers.load_into(running, artifact)
    yield RunningServer(running.url, running.process)
    stop(running.process)


@pytest.fixture(scope="session")
def remote_server(artifact, oxigraph_server):
    """`hzkg serve --engine remote` in front of the real oxigraph server."""
    running = start_hzkg(artifact, "--engine", "remote", "--endpoint", oxigraph_server.url + "/query")
    yield running
    stop(running.process)

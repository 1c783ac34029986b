"""Real SPARQL stores on loopback, started by the tests: OpenLink Virtuoso (Debian's
`virtuoso-opensource`) and Comunica's SPARQL endpoint over a file (npm `@comunica/query-sparql-file`).

Each store runs in a temporary folder with its own ports (free_port), listens on 127.0.0.1 only,
is loaded with the plan's dataset the way a researcher would, and is stopped at the end of the
session. A missing store fails the tests that need it with the line `make test` printed
(tools/prerequisites.py, which installs them).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tools.prerequisites import COMUNICA_DIR, require
from tools.virtuoso import VIRTUOSO_USER, virtuoso_command, write_credentials
from tools.loopback import free_port
from service_fixtures import HZKG, RunningServer, start_hzkg, stop

__all__ = ["virtuoso", "virtuoso_server", "comunica", "comunica_server",
           "VIRTUOSO_USER", "start_virtuoso", "REMOTE_WAIT"]

# hzkg's time limit in front of a store: a profile page asks it 8-10 queries over HTTP (4-5 slower ones before
# 2026-12-06, which passed 20 s on Virtuoso beside two busy loops and make test's 2 workers). Comunica takes seconds a query (13-31 s for the
# zones idle): its own and hzkg's limit are longer, since at load 12 a query of 12 s idle passed 60 s.
# The tests' client waits longer than both (REMOTE_WAIT).
STORE_LIMIT = "60"
COMUNICA_LIMIT = "120"
REMOTE_WAIT = 150


@dataclass
class Store:
    """A store on loopback: its SPARQL query URL, Graph Store URL and process."""

    query_url: str
    graph_store_url: str
    process: subprocess.Popen
    folder: Path
    credentials_file: Path | None = None
    sql_port: int = 0  # Virtuoso's, for isql-vt


def _wait_for_sparql(url: str, process: subprocess.Popen, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not answer at {url} within {seconds:g} s")


def start_virtuoso(folder: Path) -> Store:
    """virtuoso-t in the foreground on a new database in `folder`, answering on loopback."""
    require("virtuoso")
    http_port, sql_port = free_port(), free_port()
    command = virtuoso_command(folder, http_port, sql_port)
    process = subprocess.Popen(command, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{http_port}"
    _wait_for_sparql(base + "/sparql", process, "virtuoso-t")
    return Store(base + "/sparql", base + "/sparql-graph-crud-auth", process, folder, write_credentials(folder), sql_port)


def stop_store(store: Store) -> None:
    stop(store.process)


def load_with_hzkg(store: Store, artifact: Path) -> str:
    """`hzkg load` into the store's Graph Store endpoint (with its credentials file, if any)."""
    command = [HZKG, "load", "--endpoint", store.graph_store_url, "--setting", "artifact", str(artifact)]
    if store.credentials_file:
        command += ["--setting", "credentials_file", str(store.credentials_file)]
    loaded = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert loaded.returncode == 0, loaded.stderr
    return loaded.stderr


def analyse_statistics(store: Store) -> None:
    """What the README asks of a Virtuoso after `hzkg load`: its statistics of RDF_QUAD analysed anew. Left
    as loaded, Virtuoso 7.2 plans from the empty table's and takes 1.5-2.5 s a query on a profile page's
    links (5-8 s a page; 0.9 s analysed)."""
    done = subprocess.run([shutil.which("isql-vt"), f"127.0.0.1:{store.sql_port}", *VIRTUOSO_USER,
                           "exec=SYS_STAT_ANALYZE ('DB.DBA.RDF_QUAD');"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "Error" not in done.stdout, done.stdout + done.stderr


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory, plan_artifact):
    """Virtuoso 7 on loopback holding the plan's dataset, loaded by `hzkg load` (digest credentials)."""
    store = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    try:
        store.load_log = load_with_hzkg(store, plan_artifact)
        analyse_statistics(store)
        yield store
    finally:
        stop_store(store)


def hzkg_in_front_of(plan_artifact: Path, store: Store, *settings: str):
    """`hzkg serve --engine remote` in front of the store, until the generator is closed."""
    # A profile page asks the store 4-5 queries over HTTP: the suite's 2 s budget is for one embedded query.
    running = start_hzkg(plan_artifact, "--engine", "remote", "--endpoint", store.query_url, *settings,
                         time_limit=STORE_LIMIT)
    try:
        yield running
    finally:
        stop(running.process)


@pytest.fixture(scope="session")
def virtuoso_server(plan_artifact, virtuoso) -> RunningServer:
    """hzkg in front of Virtuoso, the time limit passed on in ms (a first, cold query plan takes a while)."""
    yield from hzkg_in_front_of(plan_artifact, virtuoso, "--setting", "store_timeout", "ms")


@pytest.fixture(scope="session")
def comunica(tmp_path_factory, plan_artifact):
    """Comunica's SPARQL endpoint (a JavaScript engine, another family than Oxigraph's and Virtuoso's)
    over the dataset written as N-Quads, with the union of its graphs as the default graph."""
    require("comunica")
    executable = COMUNICA_DIR / "node_modules" / ".bin" / "comunica-sparql-file-http"
    folder = tmp_path_factory.mktemp("comunica")
    data = folder / "hzkg.nq"
    shutil.copy(plan_artifact, data)
    port = free_port()
    loopback_only = Path(__file__).with_name("node_loopback.cjs")
    # A young generation of 64 MB instead of Node's 16: Comunica makes many short-lived bindings, and six of the
    # slowest named queries took 38 -> 31-33 s of its CPU (2 runs each side, 128 MB no better than 32-64).
    environment = {**os.environ, "NODE_OPTIONS": f"--require {loopback_only} --max-semi-space-size=64"}
    process = subprocess.Popen([str(executable), str(data), "-p", str(port), "--unionDefaultGraph", "-t", COMUNICA_LIMIT],
                               cwd=folder, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        _wait_for_sparql(url, process, "comunica-sparql-file-http", seconds=180)  # 26 s to start here, under load
        yield Store(url, "", process, folder)
    finally:
        stop(process)


@pytest.fixture(scope="session")
def comunica_server(plan_artifact, comunica) -> RunningServer:
    """hzkg in front of Comunica (no graph names: its default graph is the union)."""
    yield from hzkg_in_front_of(plan_artifact, comunica, "--setting", "graphs", "store",
                                "--setting", "time_limit", COMUNICA_LIMIT)

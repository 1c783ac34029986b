"""The servers the benchmark compares, each started here on 127.0.0.1 and stopped after.

`start_*` returns a Server whose `startup_s` is the time from launching the
command to its first answered query, and whose `rss_mb()` sums the resident
memory of the server and all its processes (gunicorn workers, query processes).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psutil

from ..loopback import free_port

__all__ = [
    "BIN",
    "Server",
    "oxigraph_load",
    "start_hzkg",
    "start_oxigraph",
    "start_rdflib_endpoint",
]

BIN = Path(sys.executable).parent  # hzkg, oxigraph and rdflib-endpoint are installed beside python
_PROBE = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})


@dataclass
class Server:
    name: str
    sparql_url: str
    process: subprocess.Popen
    startup_s: float = 0.0

    def rss_mb(self) -> float:
        try:
            root = psutil.Process(self.process.pid)
            processes = [root, *root.children(recursive=True)]
            return sum(process.memory_info().rss for process in processes) / 2**20
        except psutil.Error:
            return float("nan")

    def stop(self) -> None:
        self.process.terminate()  # gunicorn stops its workers, and they their query processes
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _wait_for_answer(server: Server, began: float, deadline_s: float) -> Server:
    url = f"{server.sparql_url}?{_PROBE}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    while time.perf_counter() - began < deadline_s:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited with {server.process.returncode} before answering")
        try:
            with urllib.request.urlopen(request, timeout=deadline_s) as answer:
                answer.read()
                server.startup_s = time.perf_counter() - began
                return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.01)
    server.stop()
    raise RuntimeError(f"{server.name} did not answer within {deadline_s:.0f} s")


def _launch(name: str, command: list[str], path: str, port: int, deadline_s: float) -> Server:
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return _wait_for_answer(Server(name, f"http://127.0.0.1:{port}{path}", process), began, deadline_s)


def start_hzkg(artifact: Path, *extra: str, workers: int | None = None, deadline_s: float = 600) -> Server:
    port = free_port()
    command = [str(BIN / "hzkg"), "serve", "--host", "127.0.0.1", "--port", str(port),
               "--setting", "artifact", str(artifact), *extra]
    if workers:
        command += ["--setting", "workers", str(workers)]
    return _launch("hzkg serve", command, "/sparql", port, deadline_s)


def oxigraph_load(artifact: Path, location: Path) -> float:
    """Load the artifact into an on-disk (RocksDB) store with `oxigraph load`; seconds taken."""
    began = time.perf_counter()
    subprocess.run([str(BIN / "oxigraph"), "load", "--location", str(location), "--file", str(artifact)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - began


def start_oxigraph(location: Path | None, deadline_s: float = 600) -> Server:
    """`oxigraph serve-read-only` on an on-disk store, or `oxigraph serve` in memory (None)."""
    port = free_port()
    bind = ["--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    if location is None:
        return _launch("oxigraph serve (memory)", [str(BIN / "oxigraph"), "serve", *bind], "/query", port, deadline_s)
    command = [str(BIN / "oxigraph"), "serve-read-only", "--location", str(location), *bind]
    return _launch("oxigraph serve-read-only (disk)", command, "/query", port, deadline_s)


def load_into(server: Server, artifact: Path) -> float:
    """Push the artifact into an `oxigraph serve` with `hzkg load` (the Graph Store Protocol)."""
    began = time.perf_counter()
    store = server.sparql_url.rsplit("/", 1)[0] + "/store"
    subprocess.run([str(BIN / "hzkg"), "load", "--endpoint", store, "--setting", "artifact", str(artifact)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - began


def start_virtuoso(artifact: Path, folder: Path, deadline_s: float = 600) -> Server:
    """Virtuoso on a new database in `folder`, loaded by `hzkg load` through its Graph Store endpoint
    with digest credentials; FileNotFoundError if virtuoso-t is not installed."""
    from .virtuoso import virtuoso_command, write_credentials

    port = free_port()
    shutil.rmtree(folder, ignore_errors=True)
    server = _launch("Virtuoso", virtuoso_command(folder, port, free_port()), "/sparql", port, deadline_s)
    subprocess.run([str(BIN / "hzkg"), "load", "--endpoint", f"http://127.0.0.1:{port}/sparql-graph-crud-auth",
                    "--setting", "artifact", str(artifact), "--setting", "credentials_file", str(write_credentials(folder))],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=deadline_s)
    return server


def start_rdflib_endpoint(artifact: Path, deadline_s: float = 600) -> Server:
    port = free_port()
    command = [str(BIN / "rdflib-endpoint"), "serve", "--host", "127.0.0.1", "--port", str(port), str(artifact)]
    return _launch("rdflib-endpoint", command, "/", port, deadline_s)

"""Starting and stopping the servers that the tests, the load test and the benchmark talk to,
each on 127.0.0.1 and stopped after: `hzkg serve`, `oxigraph serve`, rdflib-endpoint.

`start_*` returns a Server once it has answered a query; `startup_s` is the time from launching
the command to that first answer; `rss_mb()` sums the resident memory of the server and all its
processes (its query processes); `stop()` returns what it wrote to stderr.
"""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tools.loopback import free_port

__all__ = ["BIN", "Server", "start_hzkg", "start_oxigraph", "start_rdflib_endpoint", "start_virtuoso", "oxigraph_load", "load_into",
           "wait_until_answering", "stop", "child_pids", "descendants", "query_processes"]

BIN = Path(sys.executable).parent  # hzkg, oxigraph and rdflib-endpoint are installed beside python
ASK = "/sparql?query=" + urllib.parse.quote("ASK {}")


@dataclass
class Server:
    name: str
    url: str  # http://127.0.0.1:PORT
    sparql_path: str
    process: subprocess.Popen
    startup_s: float = 0.0

    @property
    def sparql_url(self) -> str:
        return self.url + self.sparql_path

    def rss_mb(self) -> float:
        import psutil  # the [bench] extra

        try:
            root = psutil.Process(self.process.pid)
            processes = [root, *root.children(recursive=True)]
            return sum(process.memory_info().rss for process in processes) / 2**20
        except psutil.Error:
            return float("nan")

    def cpu_s(self) -> float:
        """CPU seconds (user + system) the server and all its living processes have spent so far."""
        import psutil  # the [bench] extra

        total = 0.0
        for pid in [self.process.pid, *descendants(self.process.pid)]:
            try:
                times = psutil.Process(pid).cpu_times()
                total += times.user + times.system
            except psutil.Error:  # it ended while we looked
                pass
        return total

    def pss_mb(self) -> tuple[float, int]:
        """(proportional set size of the server and all its processes summed, in MB; how many processes):
        shared pages are counted once over all, as the machine spends them (Linux, /proc/PID/smaps_rollup)."""
        pids = [self.process.pid, *descendants(self.process.pid)]
        total = 0
        for pid in pids:
            try:
                rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            except OSError:  # it ended while we looked
                continue
            total += sum(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
        return total / 1024, len(pids)

    def stop(self) -> str:
        return stop(self.process)


STOP_KILLED = "(still running 30 s after SIGTERM: killed)"


def stop(process: subprocess.Popen) -> str:
    """Stop a server started here (SIGTERM: it finishes what is in flight and stops its query processes);
    returns what it wrote to stderr when that was captured."""
    process.send_signal(signal.SIGTERM)
    killed = False
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        killed = True
    log = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if killed:
        log += f"\n{STOP_KILLED}\n"
    for stream in (process.stdout, process.stderr):
        if stream:
            stream.close()
    return log


def wait_until_answering(url: str, process: subprocess.Popen, deadline_s: float = 120,
                         headers: dict | None = None) -> float:
    """Poll `url` until it answers; seconds waited. A server that exits or stays silent is an error."""
    began = time.perf_counter()
    request = urllib.request.Request(url, headers=headers or {})
    while time.perf_counter() - began < deadline_s:
        if process.poll() is not None:
            log = process.stderr.read().decode("utf-8", "replace")[-2000:] if process.stderr else ""
            raise RuntimeError(f"server exited with {process.returncode} before answering: {log}")
        try:
            with urllib.request.urlopen(request, timeout=min(5.0, deadline_s)) as answer:
                answer.read()
                return time.perf_counter() - began
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.01)
    stop(process)
    raise RuntimeError(f"server at {url} did not answer within {deadline_s:.0f} s")


_JSON = {"Accept": "application/sparql-results+json"}


def _launch(name: str, command: list[str], port: int, sparql_path: str, ready_path: str, deadline_s: float,
            stderr: int = subprocess.DEVNULL, env: dict | None = None, headers: dict | None = None) -> Server:
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr, env=env)
    server = Server(name, f"http://127.0.0.1:{port}", sparql_path, process)
    wait_until_answering(server.url + ready_path, process, deadline_s, headers)
    server.startup_s = time.perf_counter() - began
    return server


def start_hzkg(artifact: Path, *extra: str, deadline_s: float = 600,
               ready_path: str = ASK, stderr: int = subprocess.DEVNULL, env: dict | None = None) -> Server:
    """`hzkg serve` on a free port; `extra`: more arguments (`--setting NAME VALUE`, `--engine`)."""
    port = free_port()
    command = [str(BIN / "hzkg"), "serve", "--host", "127.0.0.1", "--port", str(port),
               "--setting", "artifact", str(artifact), *extra]
    return _launch("hzkg serve", command, port, "/sparql", ready_path, deadline_s, stderr, env)


def oxigraph_load(artifact: Path, location: Path) -> float:
    """Load the artifact into an on-disk (RocksDB) store with `oxigraph load`; seconds taken."""
    began = time.perf_counter()
    subprocess.run([str(BIN / "oxigraph"), "load", "--location", str(location), "--file", str(artifact)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - began


def start_oxigraph(location: Path | None, deadline_s: float = 600, stderr: int = subprocess.DEVNULL) -> Server:
    """`oxigraph serve-read-only` on an on-disk store, or `oxigraph serve` in memory (None),
    with the union of the named graphs as its default graph."""
    port = free_port()
    bind = ["--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    ready = "/query?query=" + urllib.parse.quote("ASK {}")
    if location is None:
        return _launch("oxigraph serve (memory)", [str(BIN / "oxigraph"), "serve", *bind], port, "/query", ready,
                       deadline_s, stderr, headers=_JSON)
    command = [str(BIN / "oxigraph"), "serve-read-only", "--location", str(location), *bind]
    return _launch("oxigraph serve-read-only (disk)", command, port, "/query", ready, deadline_s, stderr, headers=_JSON)


def load_into(server: Server, artifact: Path) -> float:
    """Push the artifact into an `oxigraph serve` with `hzkg load` (the Graph Store Protocol)."""
    began = time.perf_counter()
    done = subprocess.run([str(BIN / "hzkg"), "load", "--endpoint", server.url + "/store", "--setting", "artifact",
                           str(artifact)], capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"hzkg load failed: {done.stderr}")
    return time.perf_counter() - began


def start_virtuoso(artifact: Path, folder: Path, deadline_s: float = 600) -> Server:
    """Virtuoso on a new database in `folder`, loaded by `hzkg load` through its Graph Store endpoint
    with digest credentials; FileNotFoundError if virtuoso-t is not installed."""
    from tools.virtuoso import virtuoso_command, write_credentials

    port = free_port()
    shutil.rmtree(folder, ignore_errors=True)
    ready = "/sparql?query=" + urllib.parse.quote("ASK {}")
    server = _launch("Virtuoso", virtuoso_command(folder, port, free_port()), port, "/sparql", ready, deadline_s,
                     headers=_JSON)
    subprocess.run([str(BIN / "hzkg"), "load", "--endpoint", f"http://127.0.0.1:{port}/sparql-graph-crud-auth",
                    "--setting", "artifact", str(artifact), "--setting", "credentials_file", str(write_credentials(folder))],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=deadline_s)
    return server


def start_rdflib_endpoint(artifact: Path, deadline_s: float = 600) -> Server:
    port = free_port()
    command = [str(BIN / "rdflib-endpoint"), "serve", "--host", "127.0.0.1", "--port", str(port), str(artifact)]
    return _launch("rdflib-endpoint", command, port, "/", "/?query=" + urllib.parse.quote("ASK {}"), deadline_s,
                   headers=_JSON)


def child_pids(parent_pid: int) -> list[int]:
    """Living child processes of `parent_pid` (a server's query processes), from /proc."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        if int(fields[1]) == parent_pid and fields[0] not in ("Z", "X"):
            children.append(int(entry.name))
    return children


def descendants(pid: int) -> list[int]:
    """Every living process below `pid` (its query processes, their helpers)."""
    found = []
    for child in child_pids(pid):
        found += [child, *descendants(child)]
    return found


def query_processes(server_pid: int) -> list[int]:
    """The server's query processes: what multiprocessing's fork server forked for it (its child; the
    query processes are its children: service/engines/isolated.py), and any other child of the server
    but the resource tracker."""
    found = []
    for pid in child_pids(server_pid):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"multiprocessing.forkserver" in command:
            found += child_pids(pid)
        elif b"resource_tracker" not in command:
            found.append(pid)
    return found

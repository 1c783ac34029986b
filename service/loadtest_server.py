"""The server a load test talks to: a given one on loopback, or `hzkg serve` started here.

Load is only ever sent to this machine: any URL whose host is not a loopback
address is refused before a request is made.
"""
from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Callable, Iterator

from .loopback import free_port

__all__ = ["LOOPBACK", "refuse_unless_loopback", "started_server", "child_pids", "gunicorn_workers"]

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def refuse_unless_loopback(url: str) -> tuple[str, int]:
    """(host, port) of `url`, or ValueError when it is not on this machine's loopback."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK or parts.port is None:
        raise ValueError(f"load tests only talk to http://127.0.0.1:PORT (loopback); refused {url!r}")
    return parts.hostname, parts.port


def child_pids(parent_pid: int) -> list[int]:
    """Living child processes of `parent_pid` (a gunicorn master's workers, a worker's query process), from /proc."""
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


def gunicorn_workers(master_pid: int) -> list[int]:
    """The gunicorn master's workers: its children but multiprocessing's helper (the resource tracker)."""
    workers = []
    for pid in child_pids(master_pid):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"multiprocessing" not in command:
            workers.append(pid)
    return workers


def _wait_until_answering(url: str, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"hzkg serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/sparql?query=ASK%7B%7D", timeout=5):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"hzkg serve at {url} did not answer within {seconds:.0f} s")


@contextlib.contextmanager
def started_server(url: str | None, artifact: str, time_limit: float,
                   workers: int) -> Iterator[tuple[str, Callable[[], int | None]]]:
    """(url, count of workers) of the given server, or of `hzkg serve` started for the test and stopped after."""
    if url:
        refuse_unless_loopback(url)
        yield url, lambda: None
        return
    port = free_port()
    hzkg = str(Path(sys.executable).with_name("hzkg"))
    process = subprocess.Popen([hzkg, "serve", "--host", "127.0.0.1", "--port", str(port), "--setting", "artifact", artifact,
                                "--setting", "time_limit", str(time_limit), "--setting", "workers", str(workers)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ))
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(url, process)
        yield url, lambda: len(gunicorn_workers(process.pid))
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

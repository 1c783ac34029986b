"""Slow and idle clients, loopback only, bounded in time: what scanners, bad mobile networks and
half-open connections do to a public endpoint. Used by the tests and `make loadtest`.

`hold(url, slow=16, idle=16, seconds=30)` keeps `slow` connections sending a request's headers one
byte every `byte_every_s` seconds (reconnecting when the server drops them) and `idle` connections
that send nothing (reopened when dropped), while `probe` asks a normal query once a second.
"""
from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

from tools.loopback import refuse_unless_loopback

__all__ = ["SlowClientRun", "hold"]

_SLOW_REQUEST = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 200 + b"\r\n\r\n"


@dataclass
class SlowClientRun:
    seconds: float = 0.0
    probes: list[tuple[int, float]] = field(default_factory=list)  # (status, seconds) of each normal request
    slow_dropped: int = 0  # slow connections the server closed (each then reconnected)
    idle_dropped: int = 0

    @property
    def worst_s(self) -> float:
        return max((seconds for _, seconds in self.probes), default=float("nan"))

    @property
    def unanswered(self) -> int:
        return sum(1 for status, _ in self.probes if status != 200)


def _slow(host: str, port: int, stop_at: float, every_s: float, run: SlowClientRun, lock: threading.Lock) -> None:
    while time.monotonic() < stop_at:
        try:
            with socket.create_connection((host, port), timeout=every_s + 5) as sock:
                for byte in _SLOW_REQUEST:
                    if time.monotonic() >= stop_at:
                        return
                    sock.sendall(bytes([byte]))
                    sock.settimeout(every_s)  # wait for the next byte, watching for the server closing
                    try:
                        sock.recv(4096)
                        break  # an answer (408) or a close: the server dropped us
                    except TimeoutError:
                        pass
        except OSError:
            time.sleep(0.1)
        with lock:
            run.slow_dropped += 1


def _idle(host: str, port: int, stop_at: float, run: SlowClientRun, lock: threading.Lock) -> None:
    while time.monotonic() < stop_at:
        try:
            with socket.create_connection((host, port), timeout=5) as sock:
                sock.settimeout(max(0.1, stop_at - time.monotonic()))
                try:
                    sock.recv(4096)  # returns when the server closes the connection
                except TimeoutError:
                    return
        except OSError:
            time.sleep(0.1)
        with lock:
            run.idle_dropped += 1


def hold(url: str, slow: int = 16, idle: int = 16, seconds: float = 30.0, byte_every_s: float = 3.0,
         probe_path: str = "/sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"),
         probe_every_s: float = 1.0) -> SlowClientRun:
    """Hold `slow` slow-header and `idle` idle connections to the server at `url` for `seconds` while a
    normal client asks `probe_path` every `probe_every_s` s on a new connection; the probes' statuses and times."""
    host, port = refuse_unless_loopback(url)
    run, lock = SlowClientRun(), threading.Lock()
    stop_at = time.monotonic() + seconds
    threads = [threading.Thread(target=_slow, args=(host, port, stop_at, byte_every_s, run, lock), daemon=True)
               for _ in range(slow)]
    threads += [threading.Thread(target=_idle, args=(host, port, stop_at, run, lock), daemon=True) for _ in range(idle)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(min(1.0, seconds / 4))  # let them take their places first
    while time.monotonic() < stop_at:
        asked = time.monotonic()
        connection = http.client.HTTPConnection(host, port, timeout=seconds + 10)
        try:
            connection.request("GET", probe_path, headers={"Accept": "application/sparql-results+json"})
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
        finally:
            connection.close()
        run.probes.append((status, time.monotonic() - asked))
        time.sleep(max(0.0, probe_every_s - (time.monotonic() - asked)))
    for thread in threads:
        thread.join(byte_every_s + 10)
    run.seconds = time.monotonic() - began
    return run

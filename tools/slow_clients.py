"""Slow and idle clients, loopback only, bounded in time: what scanners, bad mobile networks and
half-open connections do to a public endpoint. Used by the tests and `make loadtest`.

`hold(url, slow=16, idle=16, seconds=30)` keeps `slow` connections sending a request's headers one
byte every `byte_every_s` seconds (reconnecting when the server drops them) and `idle` connections
that send nothing (reopened when dropped), while `probe` asks a normal query once a second.
`readers=N` adds N connections that ask for `reader_path` (a large answer) and read it
`read_bytes_per_s` at a time, through a small receive buffer so the kernel does not read for them.
`stuck=N` adds N connections that send `stuck_bytes` (a request that only looks whole) and then
nothing, reconnecting when the server drops them.
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
    stuck_dropped: int = 0  # stuck connections the server closed
    read_bytes: int = 0  # bytes the slow readers read in all
    readers_done: int = 0  # slow readers whose answer ended (read whole, or dropped by the server)

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


def _stuck(host: str, port: int, stop_at: float, data: bytes, run: SlowClientRun, lock: threading.Lock) -> None:
    while time.monotonic() < stop_at:
        try:
            with socket.create_connection((host, port), timeout=5) as sock:
                sock.sendall(data)
                while (left := stop_at - time.monotonic()) > 0:
                    sock.settimeout(left)
                    try:
                        if not sock.recv(65536):  # the server closed it (after an answer, or none)
                            break
                    except TimeoutError:
                        return
        except OSError:
            time.sleep(0.1)
        with lock:
            run.stuck_dropped += 1


def _reader(host: str, port: int, stop_at: float, path: str, bytes_per_s: int, run: SlowClientRun,
            lock: threading.Lock) -> None:
    """Ask for `path` and read the answer `bytes_per_s` bytes a second until it ends or the run does."""
    request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/csv\r\n\r\n".encode("latin-1")
    while time.monotonic() < stop_at:
        got = 0
        try:
            with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # before connect: a small window
                sock.settimeout(5)
                sock.connect((host, port))
                sock.sendall(request)
                while (left := stop_at - time.monotonic()) > 0:
                    sock.settimeout(left)
                    try:
                        chunk = sock.recv(bytes_per_s)
                    except TimeoutError:
                        break
                    except ConnectionError:  # reset: the server dropped it
                        chunk = b""
                    if not chunk:
                        with lock:
                            run.readers_done += 1
                        break
                    got += len(chunk)
                    time.sleep(max(0.0, min(1.0, stop_at - time.monotonic())))
        except OSError:
            time.sleep(0.1)
        with lock:
            run.read_bytes += got


def hold(url: str, slow: int = 16, idle: int = 16, seconds: float = 30.0, byte_every_s: float = 3.0,
         probe_path: str = "/sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"),
         probe_every_s: float = 1.0, readers: int = 0, reader_path: str = "", read_bytes_per_s: int = 1024,
         probe_timeout_s: float | None = None, stuck: int = 0, stuck_bytes: bytes = b"") -> SlowClientRun:
    """Hold `slow` slow-header and `idle` idle connections (and `readers` slow readers of `reader_path`,
    `stuck` connections that sent `stuck_bytes`)
    to the server at `url` for `seconds` while a normal client asks `probe_path` every `probe_every_s` s
    on a new connection; the probes' statuses and times (status 0: no answer within `probe_timeout_s`)."""
    host, port = refuse_unless_loopback(url)
    run, lock = SlowClientRun(), threading.Lock()
    stop_at = time.monotonic() + seconds
    threads = [threading.Thread(target=_slow, args=(host, port, stop_at, byte_every_s, run, lock), daemon=True)
               for _ in range(slow)]
    threads += [threading.Thread(target=_idle, args=(host, port, stop_at, run, lock), daemon=True) for _ in range(idle)]
    threads += [threading.Thread(target=_stuck, args=(host, port, stop_at, stuck_bytes, run, lock), daemon=True)
                for _ in range(stuck)]
    threads += [threading.Thread(target=_reader, args=(host, port, stop_at, reader_path, read_bytes_per_s, run, lock),
                                 daemon=True) for _ in range(readers)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(min(1.0, seconds / 4))  # let them take their places first
    while time.monotonic() < stop_at:
        asked = time.monotonic()
        connection = http.client.HTTPConnection(host, port, timeout=probe_timeout_s or seconds + 10)
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

"""Loopback only: the tests, the load test and the benchmark send traffic to this machine alone."""
from __future__ import annotations

import socket
import urllib.parse

__all__ = ["LOOPBACK", "free_port", "refuse_unless_loopback"]

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def refuse_unless_loopback(url: str) -> tuple[str, int]:
    """(host, port) of `url`, or ValueError when it is not on this machine's loopback.

    >>> refuse_unless_loopback("http://127.0.0.1:8000/sparql")
    ('127.0.0.1', 8000)
    >>> refuse_unless_loopback("http://example.org:80/")
    Traceback (most recent call last):
    ValueError: load tests only talk to http://127.0.0.1:PORT (loopback); refused 'http://example.org:80/'
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK or parts.port is None:
        raise ValueError(f"load tests only talk to http://127.0.0.1:PORT (loopback); refused {url!r}")
    return parts.hostname, parts.port

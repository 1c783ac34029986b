"""The service's settings: one table, each with a default, a type and one line of help.

`hzkg serve --help` prints this table; `--setting name value` overrides an entry.
A test checks that every setting is documented in the README as well.
"""
from __future__ import annotations

import math
import os
import re
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from hzkg.graph import paths
from hzkg.service.engines import ENGINES

__all__ = ["Setting", "SETTINGS", "Settings", "SettingError", "parse_setting_overrides", "public_url_of"]


class SettingError(ValueError):
    """A setting name or value that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    type: Callable[[str], Any]
    help: str
    derived: str = ""  # how a default made from the machine is made (the README shows this, not this machine's value)


def _engine(value: str) -> str:
    if value not in ENGINES:
        raise ValueError(f"must be one of {', '.join(ENGINES)}")
    return value


def _engines_help() -> str:
    described = [f"{name} ({engine.help})" for name, engine in ENGINES.items()]
    return "query engine: " + ", ".join(described[:-1]) + " or " + described[-1]


def _niceness(value: str) -> int:
    number = int(value)
    if not 0 <= number <= 19:
        raise ValueError("must be a niceness from 0 (keep the priority) to 19 (the lowest)")
    return number


def _positive(kind: Callable[[str], Any], at_least: float | None = None, why: str = "") -> Callable[[str], Any]:
    def parse(value: str) -> Any:
        number = kind(value)
        if not math.isfinite(number):  # nan passed `<= 0` and crashed later; inf never stops anything
            raise ValueError("must be a finite number")
        if number <= 0:
            raise ValueError("must be greater than 0")
        if at_least is not None and number < at_least:
            raise ValueError(f"must be at least {at_least:g}{why}")
        return number

    parse.__name__ = kind.__name__
    return parse


def _machine_memory_mb() -> int:
    """This machine's physical memory in MB (what the default memory budget is made of)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20
    except (ValueError, OSError, AttributeError):  # not POSIX: assume a small machine
        return 4096


# The query processes may reserve half the machine's memory between them by default; the rest is the web
# process's, the kernel's and other programs'. (gunicorn's defaults, 4 workers x 2 query processes x
# 4,096 MB = 32 GB, did not fit the 24 GB machine they ran on.)
DEFAULT_QUERY_PROCESSES = 3
DEFAULT_TOTAL_QUERY_MEMORY_MB = _machine_memory_mb() // 2
_LARGEST_QUERY_MEMORY_MB = 4096


def query_memory_share(total_mb: int, processes: int) -> int:
    """query_memory_mb when it is not set: the total shared by the query processes, at most 4,096 MB.

    >>> query_memory_share(12_000, 3), query_memory_share(600, 3)
    (4000, 300)
    """
    return max(300, min(_LARGEST_QUERY_MEMORY_MB, total_mb // processes))


DEFAULT_QUERY_MEMORY_MB = query_memory_share(DEFAULT_TOTAL_QUERY_MEMORY_MB, DEFAULT_QUERY_PROCESSES)


def _public_url(value: str) -> str:
    if value and not re.fullmatch(r"https?://[^/?#\s]+(/[^?#\s]*)?", value):
        raise ValueError("must be an http:// or https:// address such as https://hzkg.example.org, or empty")
    return value.rstrip("/")


def public_url_of(host: str, port: int) -> str:
    """public_url's default for `hzkg serve --host HOST --port PORT`: that address (the machine's name when
    it listens on every address).

    >>> public_url_of("127.0.0.1", 8000), public_url_of("::1", 8000)
    ('http://127.0.0.1:8000', 'http://[::1]:8000')
    """
    if host in ("0.0.0.0", "::", ""):
        host = socket.getfqdn()
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def _store_timeout(value: str) -> str:
    if value not in ("none", "ms", "s"):
        raise ValueError("must be none, ms (Virtuoso's timeout) or s (Fuseki's and GraphDB's timeout)")
    return value


SETTINGS: tuple[Setting, ...] = (
    Setting("time_limit", 10.0, _positive(float), "seconds one request may take before it is stopped with a 503: "
            "checking, running, writing and rendering its answer, and the queries a page runs, share this one budget"),
    Setting("row_limit", 10_000, _positive(int), "rows (or triples) returned at most; larger results are truncated"),
    Setting("query_memory_mb", DEFAULT_QUERY_MEMORY_MB, _positive(int, 300, " (a query process needs about 260 MB of "
                                                                          "address space before it loads any data)"),
            "address space a query process may use; a query past it is stopped",
            derived=f"total_query_memory_mb ÷ query_processes, at most {_LARGEST_QUERY_MEMORY_MB}"),
    Setting("total_query_memory_mb", DEFAULT_TOTAL_QUERY_MEMORY_MB, _positive(int), "address space all query processes "
            "together may use: hzkg serve refuses to start when query_processes x query_memory_mb is more",
            derived="half of the machine's memory"),
    Setting("max_body_bytes", 1_000_000, _positive(int), "largest request body accepted (413 above)"),
    Setting("max_query_length", 100_000, _positive(int), "longest SPARQL query accepted, in characters"),
    Setting("query_processes", DEFAULT_QUERY_PROCESSES, _positive(int), "query processes, shared by the threads: while "
            "one runs a slow query the others answer"),
    Setting("slow_query_niceness", 19, _niceness, "the CPU priority (niceness, 0-19) of a query process once its "
            "query has run 0.5 s: 19 gives the CPU to everything else first (a few runaway queries do not slow the "
            "other clients down), 0 keeps it (a slow query is not slowed further by other work on the machine)"),
    Setting("threads", 8, _positive(int), "threads answering requests whose bytes have all arrived (waitress's threads)"),
    Setting("client_timeout", 5, _positive(int), "seconds a connection may stay silent (sending nothing of its "
            "request, reading nothing of its answer, or idle between kept-alive requests) before it is closed; no "
            "thread waits for it meanwhile (waitress's channel_timeout)"),
    Setting("max_connections", 1000, _positive(int), "connections open at once; past it new ones wait in the "
            "kernel's queue until one closes (waitress's connection_limit)"),
    Setting("engine", "oxigraph", _engine, _engines_help()),
    Setting("endpoint", "", str, "SPARQL 1.1 query endpoint URL used by the remote engine"),
    Setting("graphs", " ".join(paths.DATASET_GRAPHS), str, "the dataset's graphs, which the remote engine names in "
            "every query (default-graph-uri, named-graph-uri) so a store's other graphs never show; `store` for "
            "the store's own default graph"),
    Setting("credentials_file", "", str, "file holding `user:password` for the remote store (HTTP basic or digest, "
            "as the store asks), used by the remote engine and `hzkg load`"),
    Setting("store_timeout", "none", _store_timeout, "how the remote engine passes time_limit to the store so it "
            "stops the query too: `ms` (Virtuoso), `s` (Fuseki, GraphDB) or `none`"),
    Setting("load_time_limit", 600.0, _positive(float), "seconds `hzkg load` may take in all before it stops"),
    Setting("artifact", str(paths.BUILD_DIR / paths.ARTIFACT_NAME), str, "the dataset artifact (N-Quads) written by `hzkg build`"),
    Setting("store_dir", "", str, "folder of an on-disk store the oxigraph engine opens read-only, each query process "
            "its own, instead of loading the artifact into memory (for large datasets; written from the artifact when "
            "missing or stale)"),
    Setting("base_iri", paths.BASE, str, "namespace whose IRIs are served as local pages (/id/..., /def/...)"),
    Setting("public_url", "", _public_url, "the service's address as clients reach it (https://hzkg.example.org), "
            "written in VoID, the service description and /dataset.jsonld (a request's Host header never is); empty: "
            "http://HOST:PORT of `hzkg serve --host --port`"),
    Setting("queries", str(paths.QUERIES_DIR), str, "folder of the named queries (*.rq with a `#+` header)"),
)

_BY_NAME = {setting.name: setting for setting in SETTINGS}


class Settings(dict):
    """The defaults of SETTINGS with overrides applied; read as `settings["time_limit"]`."""

    def __init__(self, overrides: dict[str, Any] | None = None):
        super().__init__({setting.name: setting.default for setting in SETTINGS})
        for name, value in (overrides or {}).items():
            self[name] = coerce(name, value)
        if "query_memory_mb" not in (overrides or {}):  # the budget shared by the query processes asked for
            self["query_memory_mb"] = query_memory_share(self["total_query_memory_mb"], self["query_processes"])

    @property
    def artifact_path(self) -> Path:
        return Path(self["artifact"])


def coerce(name: str, value: Any) -> Any:
    """Check a setting's name and convert its value to the setting's type."""
    setting = _BY_NAME.get(name)
    if setting is None:
        raise SettingError(f"unknown setting {name!r}; known: {', '.join(_BY_NAME)}")
    if not isinstance(value, str):
        value = str(value)
    try:
        return setting.type(value)
    except ValueError as error:
        raise SettingError(f"setting {name}: bad value {value!r}: {error}") from None


def parse_setting_overrides(pairs: list[list[str]] | None) -> dict[str, Any]:
    """`--setting name value` pairs from argparse, checked and typed."""
    return {name: coerce(name, value) for name, value in (pairs or [])}


def settings_table() -> str:
    """The table printed by `hzkg serve --help`."""
    width = max(len(setting.name) for setting in SETTINGS)
    lines = ["settings (override with --setting NAME VALUE):"]
    for setting in SETTINGS:
        default = f"{setting.default!r}: {setting.derived}" if setting.derived else repr(setting.default)
        lines.append(f"  {setting.name:<{width}}  {setting.help} (default: {default})")
    return "\n".join(lines)

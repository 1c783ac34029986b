"""The Store interface, and the registry of engines that build stores.

    store = open_store(settings)      # the engine named by setting `engine`, with its limits
    store.check(text) -> CheckedQuery  # parse, refuse updates/SERVICE (under the time limit)
    store.query(sparql, default_graphs=None, named_graphs=None) -> Result

`Store` lists every method a caller uses; the ones after check and query are called only when
the engine's `Capabilities` (in ENGINES) say its stores have them.

A store owns its limits (service/engines/limits.py), set once from the settings; a caller may
lower them for one call (`timeout=`, `row_limit=`), never raise them. Parameters of named queries
are bound in the query text before it reaches a store (service/checking/binding.py), so every
engine runs the very same query.

An engine says what it can do (`Capabilities`, here in ENGINES); the service asks that, never the
engine's name nor whether its store has some attribute. Adding an engine: its module, and one
`Engine` entry in ENGINES below.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from hzkg.service.engines.limits import Limits
from hzkg.service.engines.results import AskResult, GraphResult, Result, SelectResult
from hzkg.service.errors import ArtifactError

__all__ = ["Store", "Capabilities", "Engine", "ENGINES", "engine_of", "open_store", "prepare_dataset", "Limits",
           "Result", "SelectResult", "AskResult", "GraphResult"]


class Store(Protocol):
    engine: str
    limits: Limits

    def check(self, text: str, timeout: float | None = None): ...

    def query(self, sparql: str, timeout: float | None = None, row_limit: int | None = None, *,
              default_graphs=None, named_graphs=None, whole: bool = False,
              cells: int | None = None,  # Capabilities.bounds_cells: only the rows a page of `cells` cells shows
              format: str | None = None,  # Capabilities.writes_answers: SELECT / ASK written where they ran
              ) -> Result: ...

    # Capabilities.checks_and_runs_at_once: a new text checked and run in one round trip, and the
    # check of a text made lately (None: not made).
    def check_and_query(self, text: str, timeout: float | None = None, *, default_graphs=None, named_graphs=None,
                        format: str | None = None, forms=None, base: str | None = None) -> tuple: ...

    def checked_already(self, text: str): ...

    # Capabilities.stops_runaway_queries: called once a response is sent, returns when the store can
    # answer the next request (a killed query process is replaced and loads the data again).
    def wait_until_ready(self) -> None: ...

    # Not holds_dataset_locally: what to set when the remote store takes a time limit hzkg does not pass on.
    def timeout_advice(self) -> str | None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Capabilities:
    # The data is the local artifact: it has a version (ETag, Last-Modified, the answer cache),
    # `hzkg serve` checks it before starting, and setting store_dir may apply.
    holds_dataset_locally: bool
    # A runaway query is stopped by killing the process it runs in (not only by no longer waiting).
    stops_runaway_queries: bool
    # It can open an on-disk store of the artifact (setting store_dir).
    opens_disk_store: bool = False
    # check_and_query and checked_already: a new text is checked and run in one round trip.
    checks_and_runs_at_once: bool = False
    # query(cells=…): a page's rows only, bounded by cells.
    bounds_cells: bool = False
    # query(format=…): SELECT / ASK answers written where they run (pyoxigraph's writers).
    writes_answers: bool = False


@dataclass(frozen=True)
class Engine:
    name: str
    help: str
    capabilities: Capabilities
    open: Callable[..., Store]  # (settings, limits, store_dir) -> Store


def _open_embedded(settings, limits: Limits, store_dir: Path | None) -> Store:
    from hzkg.service.engines.isolated import IsolatedStore, preload_in_fork_server
    from hzkg.service.engines.pool import StorePool

    count = settings.get("query_processes", 1)
    if store_dir is None:  # an on-disk store is opened by each query process (its engine starts threads)
        preload_in_fork_server(settings["engine"], settings.artifact_path)
    # They load side by side, and the service answers once all have loaded: a runaway query sent at once
    # must find the others ready (when only the first was waited for, a normal request waited 0.74 s for
    # the second behind a runaway one, tests/test_service_time_limit.py).
    stores = [IsolatedStore(settings["engine"], settings.artifact_path, limits, store_dir=store_dir, wait=False,
                            slow_niceness=settings["slow_query_niceness"]) for _ in range(count)]
    try:
        for store in stores:
            store.loaded()
    except Exception:
        for store in stores:
            store.close()
        raise
    return stores[0] if count == 1 else StorePool(stores)


def _open_remote(settings, limits: Limits, store_dir: Path | None) -> Store:
    from hzkg.service.engines.remote import RemoteStore

    return RemoteStore.from_settings(settings, limits)


# What IsolatedStore and StorePool do for both embedded engines.
_IN_QUERY_PROCESSES = {"checks_and_runs_at_once": True, "bounds_cells": True, "writes_answers": True}
ENGINES: dict[str, Engine] = {engine.name: engine for engine in (
    Engine("oxigraph", "embedded, fast", Capabilities(True, True, opens_disk_store=True, **_IN_QUERY_PROCESSES),
           _open_embedded),
    Engine("rdflib", "embedded, the reference", Capabilities(True, True, **_IN_QUERY_PROCESSES), _open_embedded),
    Engine("remote", "a SPARQL 1.1 endpoint: setting endpoint", Capabilities(False, False), _open_remote),
)}


def engine_of(settings) -> Engine:
    return ENGINES[settings["engine"]]


def open_store(settings) -> Store:
    engine = engine_of(settings)
    store_dir = prepare_dataset(settings) if engine.capabilities.holds_dataset_locally else None
    return engine.open(settings, Limits.from_settings(settings), store_dir)


def prepare_dataset(settings) -> Path | None:
    """Check that the artifact is there, and write the on-disk store of setting store_dir when it is
    missing or stale; returns that store's folder (None: the query processes load the artifact)."""
    artifact = settings.artifact_path
    if not artifact.is_file():
        raise ArtifactError(f"the dataset {artifact} does not exist; run `hzkg build` first")
    if artifact.stat().st_size == 0:  # a build never writes one; an empty service would answer every query wrongly
        raise ArtifactError(f"the dataset {artifact} is empty; run `hzkg build`")
    if not settings["store_dir"]:
        return None
    if not engine_of(settings).capabilities.opens_disk_store:
        raise ArtifactError(f"setting store_dir is for the oxigraph engine, not {settings['engine']}; "
                            "drop the setting or use --engine oxigraph")
    from hzkg.service.dataset_version import read_dataset_version
    from hzkg.service.engines.disk_store import ensure_disk_store

    store_dir = Path(settings["store_dir"]).absolute()
    ensure_disk_store(artifact, store_dir, read_dataset_version(artifact).tag,
                      log=lambda message: print(message, file=sys.stderr, flush=True))
    return store_dir

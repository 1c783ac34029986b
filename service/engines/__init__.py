"""The Store interface and its three engines.

    store = open_store(settings)
    store.check(text, timeout, max_length) -> CheckedQuery   # parse, refuse updates/SERVICE
    store.query(sparql, timeout, row_limit, default_graphs=None, named_graphs=None) -> Result

Parameters of named queries are bound in the query text before it reaches a store
(service/binding.py), so every engine runs the very same query.

`oxigraph` (default, fast) and `rdflib` (the reference) hold the dataset in a
killable query process; `remote` forwards to a SPARQL 1.1 endpoint.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Protocol

from ..errors import ArtifactError
from .isolated import IsolatedStore
from .remote import RemoteStore
from .results import AskResult, GraphResult, Result, SelectResult

__all__ = ["Store", "open_store", "prepare_dataset", "Result", "SelectResult", "AskResult", "GraphResult"]


class Store(Protocol):
    engine: str

    def check(self, text: str, timeout: float, max_length: int): ...

    def query(self, sparql: str, timeout: float, row_limit: int, *,
              default_graphs=None, named_graphs=None) -> Result: ...

    def close(self) -> None: ...


def open_store(settings) -> Store:
    if settings["engine"] == "remote":
        return RemoteStore.from_settings(settings)
    store_dir = prepare_dataset(settings)
    return IsolatedStore(settings["engine"], settings.artifact_path, settings["query_memory_mb"], store_dir=store_dir)


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
    if settings["engine"] != "oxigraph":
        raise ArtifactError(f"setting store_dir is for the oxigraph engine, not {settings['engine']}; "
                            "drop the setting or use --engine oxigraph")
    from ..dataset_version import read_dataset_version
    from .disk_store import ensure_disk_store

    store_dir = Path(settings["store_dir"]).absolute()
    ensure_disk_store(artifact, store_dir, read_dataset_version(artifact).tag,
                      log=lambda message: print(message, file=sys.stderr, flush=True))
    return store_dir

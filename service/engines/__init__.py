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

from typing import Protocol

from ..errors import ArtifactError
from .isolated import IsolatedStore
from .remote import RemoteStore
from .results import AskResult, GraphResult, Result, SelectResult

__all__ = ["Store", "open_store", "Result", "SelectResult", "AskResult", "GraphResult"]


class Store(Protocol):
    engine: str

    def check(self, text: str, timeout: float, max_length: int): ...

    def query(self, sparql: str, timeout: float, row_limit: int, *,
              default_graphs=None, named_graphs=None) -> Result: ...

    def close(self) -> None: ...


def open_store(settings) -> Store:
    if settings["engine"] == "remote":
        return RemoteStore(settings["endpoint"], settings["query_memory_mb"])
    artifact = settings.artifact_path
    if not artifact.is_file():
        raise ArtifactError(f"the dataset {artifact} does not exist; run `hzkg build` first")
    if artifact.stat().st_size == 0:  # a build never writes one; an empty service would answer every query wrongly
        raise ArtifactError(f"the dataset {artifact} is empty; run `hzkg build`")
    return IsolatedStore(settings["engine"], artifact, settings["query_memory_mb"])

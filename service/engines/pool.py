"""Several query processes per web worker, shared by its threads.

A worker's threads answer many requests at once (service/cli/worker.py), but a query process
answers one message at a time. With one per worker, a request that reached a worker whose query
process was running a slow query waited for it (3.9 s in tests/test_service_time_limit.py, time
limit 2 s), where a sync worker would not have accepted it. So a worker holds `query_processes` of
them (setting), and each call takes a free one; with none free it waits, within its time budget.
"""
from __future__ import annotations

import queue
import threading
import time

from hzkg.service.engines.isolated import IsolatedStore
from hzkg.service.engines.results import Result
from hzkg.service.errors import TIME_LIMIT_HINT, QueryTimeout

__all__ = ["StorePool"]


class StorePool:
    """The Store interface over several IsolatedStores of the same engine and data."""

    def __init__(self, stores: list[IsolatedStore]):
        self._stores = stores
        self._free: queue.LifoQueue[IsolatedStore] = queue.LifoQueue()  # the last used is the warmest
        for store in stores:
            self._free.put(store)
        self.engine = stores[0].engine
        self.limits = stores[0].limits
        self.artifact = stores[0].artifact
        self.memory_mb = stores[0].memory_mb

    def __len__(self) -> int:
        return len(self._stores)

    def _take(self, timeout: float, what: str) -> IsolatedStore:
        try:
            return self._free.get(timeout=max(0.0, timeout))
        except queue.Empty:
            raise QueryTimeout(
                f"{what} waited {timeout:g} s for a free query process (setting time_limit) while the others ran "
                f"slower queries; try again, or {TIME_LIMIT_HINT}"
            ) from None

    def check(self, text: str, timeout: float | None = None):
        timeout, _ = self.limits.for_call(timeout)
        started = time.monotonic()
        store = self._take(timeout, "parsing the query")
        try:
            return store.check(text, max(0.01, timeout - (time.monotonic() - started)))
        finally:
            self._give_back(store)

    def query(self, sparql: str, timeout: float | None = None, row_limit: int | None = None, *,
              default_graphs=None, named_graphs=None, whole: bool = False) -> Result:
        timeout, _ = self.limits.for_call(timeout)
        started = time.monotonic()
        store = self._take(timeout, "the query")
        try:
            return store.query(sparql, max(0.01, timeout - (time.monotonic() - started)), row_limit,
                               default_graphs=default_graphs, named_graphs=named_graphs, whole=whole)
        finally:
            self._give_back(store)

    def _give_back(self, store: IsolatedStore) -> None:
        """A query process that was just replaced (time limit, memory) is given back once it has loaded,
        by a helper thread, so that meanwhile the request's answer goes out and others use the rest."""
        if store.ready:
            self._free.put(store)
        else:
            threading.Thread(target=self._give_back_when_ready, args=(store,), daemon=True,
                             name="hzkg-query-process-loading").start()

    def _give_back_when_ready(self, store: IsolatedStore) -> None:
        store.wait_until_ready()
        self._free.put(store)

    def pids(self) -> list[int]:
        """The query processes' PIDs (the tests check that a user's error kills none)."""
        return [store.pid for store in self._stores]

    def close(self) -> None:
        for store in self._stores:
            store.close()

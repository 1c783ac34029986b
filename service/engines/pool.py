"""Several query processes per web worker, shared by its threads.

A worker's threads answer many requests at once (service/cli/worker.py), but a query process
answers one message at a time. With one per worker, a request that reached a worker whose query
process was running a slow query waited for it (tests/test_service_time_limit.py; docs/measurements.md),
where a sync worker would not have accepted it. So a worker holds `query_processes` of
them (setting), and each call takes a free one; with none free it waits, within its time budget.
"""
from __future__ import annotations

import queue
import threading

from hzkg.service.engines.isolated import IsolatedStore, time_limit_reached
from hzkg.service.engines.limits import Deadline
from hzkg.service.engines.results import Result

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
        self._callbacks: list = []

    def __len__(self) -> int:
        return len(self._stores)

    def _take(self, timeout: float | Deadline | None, what: str) -> tuple[IsolatedStore, Deadline]:
        """A free query process, and the call's deadline (the request's, or one made for this call)."""
        deadline = timeout if isinstance(timeout, Deadline) else Deadline(self.limits.for_call(timeout)[0])
        try:
            return self._free.get(timeout=max(0.0, self.limits.for_call(deadline)[0])), deadline
        except queue.Empty:
            raise time_limit_reached(f"{what} (waiting for a free query process)", self.limits.named_limit(deadline)) from None

    def check(self, text: str, timeout: float | Deadline | None = None):
        store, deadline = self._take(timeout, "parsing the query")
        try:
            return store.check(text, deadline)
        finally:
            self._give_back(store)

    def checked_already(self, text: str):
        """The check of `text` when one of the query processes has made it lately (no message sent)."""
        return next((checked for store in self._stores if (checked := store.checked_already(text)) is not None), None)

    def check_and_query(self, text: str, timeout: float | Deadline | None = None, **options):
        """A new text checked and run in one round trip (IsolatedStore.check_and_query)."""
        store, deadline = self._take(timeout, "parsing the query")
        try:
            return store.check_and_query(text, deadline, **options)
        finally:
            self._give_back(store)

    def query(self, sparql: str, timeout: float | Deadline | None = None, row_limit: int | None = None, *,
              default_graphs=None, named_graphs=None, whole: bool = False, cells: int | None = None,
              format: str | None = None) -> Result:
        store, deadline = self._take(timeout, "the query")
        try:
            return store.query(sparql, deadline, row_limit, default_graphs=default_graphs, named_graphs=named_graphs,
                               whole=whole, cells=cells, format=format)
        finally:
            self._give_back(store)

    @property
    def all_busy(self) -> bool:
        """Whether every query process is answering (or loading) now: the worker then takes no new
        connection and closes kept-alive ones after their answer (service/cli/worker.py)."""
        return self._free.empty()

    def on_free(self, callback) -> None:
        """`callback()` each time a query process is given back (from the thread that gives it)."""
        self._callbacks.append(callback)

    def _give_back(self, store: IsolatedStore) -> None:
        """A query process that was just replaced (time limit, memory) is given back once it has loaded,
        by a helper thread, so that meanwhile the request's answer goes out and others use the rest."""
        if store.ready:
            self._free.put(store)
            for callback in self._callbacks:
                callback()
        else:
            threading.Thread(target=self._give_back_when_ready, args=(store,), daemon=True,
                             name="hzkg-query-process-loading").start()

    def _give_back_when_ready(self, store: IsolatedStore) -> None:
        store.wait_until_ready()
        self._free.put(store)
        for callback in self._callbacks:
            callback()

    def wait_until_ready(self) -> None:
        """Nothing to wait for: a replaced query process rejoins the pool once it has loaded (_give_back)."""

    def pids(self) -> list[int]:
        """The query processes' PIDs (the tests check that a user's error kills none)."""
        return [store.pid for store in self._stores]

    def close(self) -> None:
        for store in self._stores:
            store.close()

"""A query process per web worker: the only way to stop a runaway embedded query.

pyoxigraph 0.5 offers no timeout or cancellation for `Store.query` (its signature
has none), a SIGALRM handler only runs after the Rust call returns, and a thread
cannot be stopped. So each web worker owns one child process holding the dataset;
a query that passes the time limit gets the child killed and a fresh one started,
while the other workers (each with its own child) keep answering.
"""
from __future__ import annotations

import multiprocessing
import resource
import signal
import sys
import threading
import time
from pathlib import Path

from ..errors import ArtifactError, EngineFailed, QueryOutOfMemory, QueryTimeout, QuerySyntaxError
from .embedded import BACKENDS, QueryEvaluationError
from .results import Result

__all__ = ["IsolatedStore", "TIME_LIMIT_HINT"]

# Spawn, not fork: the web worker may have threads, and a fresh interpreter
# holds nothing of the parent but what it loads itself.
_CONTEXT = multiprocessing.get_context("spawn")
_START_TIMEOUT = 120.0
TIME_LIMIT_HINT = "raise it with `hzkg serve --setting time_limit SECONDS`"

# Defence in depth: once the data is loaded, the query process may not open a
# network connection or start a program, whatever a query or an engine bug tries.
_FORBIDDEN_EVENTS = frozenset(
    {"socket.connect", "socket.getaddrinfo", "urllib.Request", "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn"}
)


def _forbid_outside_access(event: str, _args) -> None:
    if event in _FORBIDDEN_EVENTS:
        raise PermissionError(f"the query process may not do {event}")


def _serve_queries(connection, backend_name: str, artifact: str, memory_mb: int | None) -> None:
    """The child's main loop: load once, then answer requests until the pipe closes."""
    if memory_mb:
        # A runaway query can fill memory faster than the time limit; past this limit
        # the allocator fails and the process aborts, which the parent reports.
        limit = memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        backend = BACKENDS[backend_name](Path(artifact))
    except Exception as error:  # any load failure is reported to the parent, which says `hzkg build`
        connection.send(("load-error", f"{type(error).__name__}: {error}"))
        return
    sys.addaudithook(_forbid_outside_access)
    connection.send(("ready", None))
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        try:
            connection.send(("ok", backend.run(**request)))
        except QueryEvaluationError as error:
            connection.send(("query-error", str(error)))
        except MemoryError:
            connection.send(("out-of-memory", None))
            return  # a fresh process is safer than one that ran out of memory


class IsolatedStore:
    """Store interface over an embedded backend running in a killable child process."""

    def __init__(self, backend_name: str, artifact: Path, memory_mb: int | None = None):
        self.engine = backend_name
        self.artifact = Path(artifact)
        self.memory_mb = memory_mb
        self._lock = threading.Lock()  # one query at a time per child
        self._process = None
        self._connection = None
        self._ready = False
        self._start()
        self._await_ready()

    def _start(self) -> None:
        parent_end, child_end = _CONTEXT.Pipe()
        self._process = _CONTEXT.Process(
            target=_serve_queries, args=(child_end, self.engine, str(self.artifact), self.memory_mb),
            daemon=True, name="hzkg-query",
        )
        self._process.start()
        child_end.close()
        self._connection = parent_end
        self._ready = False

    def _await_ready(self) -> None:
        if self._ready:
            return
        if not self._connection.poll(_START_TIMEOUT):
            self._stop()
            raise ArtifactError(f"the {self.engine} engine did not load {self.artifact} within {_START_TIMEOUT:.0f} s")
        try:
            kind, message = self._connection.recv()
        except EOFError:
            kind, message = "load-error", "the query process exited while loading"
        if kind != "ready":
            self._stop()
            raise ArtifactError(f"cannot load the dataset {self.artifact}: {message}; run `hzkg build`")
        self._ready = True

    def _stop(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.kill()
        if self._process is not None:
            self._process.join(timeout=5)
        if self._connection is not None:
            self._connection.close()
        self._process = self._connection = None
        self._ready = False

    def _replace(self) -> None:
        self._stop()
        self._start()  # loads in the background; the next query waits for it

    def query(self, sparql: str, timeout: float, row_limit: int, *,
              default_graphs=None, named_graphs=None) -> Result:
        request = dict(sparql=sparql, row_limit=row_limit, default_graphs=default_graphs, named_graphs=named_graphs)
        with self._lock:
            if self._process is None or not self._process.is_alive():
                self._replace()
            self._await_ready()
            started = time.monotonic()
            self._connection.send(request)
            if not self._connection.poll(timeout):
                self._replace()
                raise QueryTimeout(
                    f"the query was stopped after the time limit of {timeout:g} s (setting time_limit); "
                    f"simplify it, add a LIMIT, or {TIME_LIMIT_HINT}"
                )
            try:
                kind, payload = self._connection.recv()
            except EOFError:
                self._process.join(timeout=5)
                exit_code = self._process.exitcode
                self._replace()
                if exit_code == -signal.SIGABRT:  # what an allocation failure does to Rust code
                    raise self._out_of_memory() from None
                raise EngineFailed(
                    f"the query process died after {time.monotonic() - started:.1f} s (exit {exit_code}); it was restarted"
                ) from None
            if kind == "out-of-memory":
                self._replace()
                raise self._out_of_memory()
        if kind == "query-error":
            raise QuerySyntaxError(f"the {self.engine} engine rejected the query: {payload}")
        return payload

    def _out_of_memory(self) -> QueryOutOfMemory:
        return QueryOutOfMemory(
            f"the query needed more than {self.memory_mb} MB and was stopped (setting query_memory_mb); "
            "simplify it or add a LIMIT"
        )

    def close(self) -> None:
        with self._lock:
            self._stop()

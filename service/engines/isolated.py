"""A query process: the only way to stop a runaway query.

pyoxigraph 0.5 offers no timeout or cancellation for `Store.query` (its signature
has none), a SIGALRM handler only runs after the Rust call returns, and a thread
cannot be stopped. rdflib's SPARQL parser, too, can take seconds on a long query.
So the web process owns child processes (service/engines/query_process.py, several in
service/engines/pool.py) that parse, check and run its queries; one that passes the time
limit gets its child killed and a fresh one started, while the others keep answering.
"""
from __future__ import annotations

import json
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections import OrderedDict
from pathlib import Path

from hzkg.service import errors
from hzkg.service.checking.safety import CheckedQuery
from hzkg.service.engines.limits import Deadline, Limits
from hzkg.service.engines.query_process import PRELOAD_VARIABLE, serve_queries
from hzkg.service.engines.results import Result, WrittenAnswer
from hzkg.service.errors import (
    TIME_LIMIT_HINT,
    ArtifactError,
    EngineFailed,
    QueryOutOfMemory,
    QueryProcessBug,
    QuerySyntaxError,
    QueryTimeout,
)

__all__ = ["IsolatedStore", "preload_in_fork_server", "time_limit_reached"]

log = logging.getLogger(__name__)

# Query processes are forked by multiprocessing's fork server: one process, started once from a fresh
# interpreter (not forked from the web process, which has threads), that imports the query process's
# modules (rdflib's SPARQL parser, pyoxigraph) and loads the dataset (preload_in_fork_server), then
# forks a query process whenever one is asked for. Each starts with both, sharing their memory pages
# with the others, and a replacement for a killed one is ready in milliseconds, not a second or more.
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["__main__", "hzkg.service.engines.preload"])
_START_TIMEOUT = 120.0
_CHECKED_CACHE_SIZE = 512
_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
# A query still running after this long is run at the lowest CPU priority until it ends.
_SLOW_SECONDS = 0.5
_SLOW_NICENESS = 19


def preload_in_fork_server(backend_name: str, artifact: Path) -> None:
    """Have the fork server load this dataset (in memory) for the query processes it forks; it reads this
    when it starts, with the first query process. A query process forked for another dataset, or after
    the artifact changed, loads its own (query_process._loaded_backend)."""
    os.environ[PRELOAD_VARIABLE] = json.dumps([backend_name, str(artifact)])


def time_limit_reached(what: str, limit: float) -> QueryTimeout:
    """The one 503 of a request past its time limit, wherever it strikes (checking, running, writing)."""
    return QueryTimeout(f"{what} was stopped after the time limit of {limit:.3g} s (setting time_limit; it covers "
                        f"checking, running and writing the answer); simplify it, add a LIMIT, or {TIME_LIMIT_HINT}")


def _raise_if_refused(reply: tuple) -> None:
    if reply[0] == "failed":
        log.error("a query process failed on a query and goes on answering; the client got a 500:\n%s",
                  reply[1].rstrip())
        raise QueryProcessBug("internal error in the query process: the server log has the details")
    if reply[0] == "refused":
        _, name, message = reply
        error_class = getattr(errors, name) if name in errors.__all__ else errors.BadRequest
        raise error_class(message)


class IsolatedStore:
    """Store interface over an embedded backend ("oxigraph", "rdflib") in a killable child process;
    with no backend (None), only the query checker (service/engines/checker.py)."""

    def __init__(self, backend_name: str, artifact: Path | None, limits: Limits = Limits(), *,
                 store_dir: Path | None = None, wait: bool = True, slow_niceness: int = _SLOW_NICENESS):
        """`wait=False`: return while the query process loads (several load side by side); `loaded()` waits.
        `slow_niceness`: the niceness of a query process once its query has run _SLOW_SECONDS (setting
        slow_query_niceness); 0 keeps its priority (the benchmark's engine comparison, one query at a time:
        at niceness 19 beside other work it starved, 13.8 s -> 245 s)."""
        self._slow_niceness = slow_niceness
        self.engine = backend_name or "checker"
        self._backend_name = backend_name or ""
        self.limits = limits
        self.artifact = Path(artifact) if artifact else None
        self.store_dir = store_dir  # an on-disk store of the artifact, opened instead of loading it
        self.memory_mb = limits.memory_mb
        self._lock = threading.Lock()  # one message at a time per child
        self._checked: OrderedDict[tuple[str, int], CheckedQuery] = OrderedDict()
        self._checked_lock = threading.Lock()  # threaded servers share one cache
        self._process = None
        self._connection = None
        self._ready = False
        self._start()
        if wait:
            self.loaded()

    def loaded(self) -> None:
        """Wait until the query process has loaded the data; ArtifactError when it cannot."""
        with self._lock:
            self._await_ready()

    def check(self, text: str, timeout: float | Deadline | None = None) -> CheckedQuery:
        """Parse and check a client's query in the child, under the time limit (service/checking/safety.py)."""
        named = self.limits.named_limit(timeout)
        timeout, _ = self.limits.for_call(timeout)
        checked = self.checked_already(text)
        if checked is not None:
            return checked
        reply = self._exchange(("check", text, self.limits.max_query_length), timeout, "parsing the query", named)
        _raise_if_refused(reply)
        return self._remember(text, reply[1])

    def checked_already(self, text: str) -> CheckedQuery | None:
        """The check of `text` when this store has made it lately (no message to the child)."""
        key = (text, self.limits.max_query_length)
        with self._checked_lock:
            if key in self._checked:
                self._checked.move_to_end(key)
                return self._checked[key]
        return None

    def _remember(self, text: str, checked: CheckedQuery) -> CheckedQuery:
        with self._checked_lock:
            self._checked[text, self.limits.max_query_length] = checked
            if len(self._checked) > _CHECKED_CACHE_SIZE:
                self._checked.popitem(last=False)
        return checked

    def check_and_query(self, text: str, timeout: float | Deadline | None = None, *, default_graphs=None,
                        named_graphs=None, format: str | None = None, base: str = "",
                        forms=frozenset(_FORMS)) -> tuple[CheckedQuery, Result | WrittenAnswer | None]:
        """`check`, then `query` of the checked text in one round trip to the child (a new text): on the
        query's own dataset unless graphs are given, its relative IRIs against `base`, a SELECT or ASK
        answer written in `format`; a query whose form is not in `forms` is checked and not run (None).
        The time limit names the phase it struck in, as the two calls do."""
        named = self.limits.named_limit(timeout)
        timeout, row_limit = self.limits.for_call(timeout)
        asked = dict(row_limit=row_limit, default_graphs=default_graphs, named_graphs=named_graphs, format=format,
                     base=base, forms=tuple(forms))
        replies = self._exchange_phases(("check-run", text, self.limits.max_query_length, asked), timeout,
                                        ("parsing the query", "the query"), named)
        _raise_if_refused(replies[0])
        result = None if replies[1][0] == "not-run" else self._result(replies[1])  # a refusal of the text too
        return self._remember(text, replies[0][1]), result

    def query(self, sparql: str, timeout: float | Deadline | None = None, row_limit: int | None = None, *,
              default_graphs=None, named_graphs=None, whole: bool = False, cells: int | None = None,
              format: str | None = None) -> Result | WrittenAnswer:
        """Run a query under the store's limits; `timeout` and `row_limit` may lower them for this call,
        `whole` is for the service's own queries that must see the whole dataset, `cells` bounds the
        rows by rows x columns (a page's answer), `format` has a SELECT or ASK answer written in the
        query process (a WrittenAnswer; responses/formats.py, write_oxigraph_answer)."""
        named = self.limits.named_limit(timeout)
        timeout, row_limit = self.limits.for_call(timeout, row_limit, whole=whole)
        request = dict(sparql=sparql, row_limit=row_limit, default_graphs=default_graphs, named_graphs=named_graphs)
        if cells:
            request["cells"] = cells
        if format:
            request["format"] = format
        return self._result(self._exchange(("run", request), timeout, "the query", named))

    def _result(self, reply: tuple) -> Result | WrittenAnswer:
        _raise_if_refused(reply)
        if reply[0] == "query-error":
            raise QuerySyntaxError(f"the {self.engine} engine rejected the query: {reply[1]}")
        return reply[1]

    def close(self) -> None:
        with self._lock:
            self._stop()

    @property
    def ready(self) -> bool:
        """Whether the query process has loaded the data (False just after a replacement)."""
        return self._ready

    @property
    def pid(self) -> int | None:
        """The query process's PID (None while none runs)."""
        process = self._process
        return process.pid if process is not None else None

    def wait_until_ready(self) -> None:
        """Wait until the query process has loaded the data (service/engines/pool.py gives a replaced one
        back only then, so that meanwhile calls go to the others). A failed load is reported by the next query."""
        with self._lock:
            if self._process is not None:
                try:
                    self._await_ready()
                except ArtifactError:
                    pass

    def _exchange(self, message: tuple, timeout: float, what: str, named: float) -> tuple:
        return self._exchange_phases(message, timeout, (what,), named)[0]

    def _exchange_phases(self, message: tuple, timeout: float, phases: tuple[str, ...], named: float) -> list[tuple]:
        """Send `message`, then read one reply per phase (what a time-limit message calls it: "parsing
        the query", "the query"), all within `timeout`; a reply other than "checked" ends the phases."""
        if timeout <= 0:  # the request's budget went on what came before
            raise time_limit_reached(phases[0], named)
        replies = []
        with self._lock:
            if self._process is None or not self._process.is_alive():
                self._replace()
            self._await_ready()
            try:
                self._connection.send(message)
            except OSError:
                # It died idle, and the fork server has not told us yet (it reports a death when it next runs,
                # late on a busy machine): the message never reached it, so its replacement takes it.
                self._replace()
                self._await_ready()
                self._connection.send(message)
            started = time.monotonic()
            for what in phases:
                replies.append(self._receive(started, timeout, what, named))
                if replies[-1][0] != "checked":
                    break
            if self._niceness:
                self._set_priority(0)
            return replies

    def _receive(self, started: float, timeout: float, what: str, named: float) -> tuple:
        """The next reply, by `timeout` seconds after `started` (under the lock)."""
        answered = self._connection.poll(max(0.0, min(timeout, _SLOW_SECONDS) - (time.monotonic() - started)))
        if not answered and not self._niceness and self._slow_niceness:
            # A slow query gets the CPU only when nothing else wants it, so that on a small
            # machine a few runaway queries do not slow every other client down.
            self._set_priority(self._slow_niceness)
        if not answered:
            answered = self._connection.poll(max(0.0, timeout - (time.monotonic() - started)))
        if not answered:
            self._replace()  # the fresh process loads while the 503 goes out (see wait_until_ready)
            raise time_limit_reached(what, named)
        try:
            reply = self._connection.recv()
        except EOFError:
            raise self._died(time.monotonic() - started) from None
        if reply[0] == "out-of-memory":
            self._replace()
            raise self._out_of_memory()
        return reply

    def _set_priority(self, niceness: int) -> None:
        """Renice the query process; one that may not be raised again (no CAP_SYS_NICE) is replaced."""
        try:
            os.setpriority(os.PRIO_PROCESS, self._process.pid, niceness)
            self._niceness = niceness
        except PermissionError:
            self._replace()
        except ProcessLookupError:  # it has just died; the next message replaces it
            pass

    def _died(self, seconds: float) -> Exception:
        self._process.join(timeout=5)
        exit_code = self._process.exitcode
        self._replace()
        if exit_code == -signal.SIGABRT:  # what an allocation failure does to Rust code
            return self._out_of_memory()
        cause = f"signal {signal.Signals(-exit_code).name}" if exit_code and exit_code < 0 else f"exit {exit_code}"
        return EngineFailed(f"the query process died after {seconds:.1f} s ({cause}) on this query; it was restarted")

    def _out_of_memory(self) -> QueryOutOfMemory:
        return QueryOutOfMemory(
            f"the query needed more than {self.memory_mb} MB and was stopped (setting query_memory_mb); "
            "simplify it or add a LIMIT"
        )

    def _start(self) -> None:
        parent_end, child_end = _CONTEXT.Pipe()
        self._process = _CONTEXT.Process(
            target=serve_queries, args=(child_end, self._backend_name, str(self.artifact or ""), self.memory_mb,
                                         str(self.store_dir or "")),
            daemon=True, name="hzkg-query",
        )
        self._process.start()
        child_end.close()
        self._connection = parent_end
        self._ready = False
        self._niceness = 0

    def _await_ready(self) -> None:
        if self._ready:
            return
        if not self._connection.poll(_START_TIMEOUT):
            self._stop()
            raise ArtifactError(f"the {self.engine} engine did not load {self.artifact} within {_START_TIMEOUT:.0f} s; "
                                "for a large dataset set store_dir to open an on-disk store instead")
        try:
            kind, message = self._connection.recv()
        except EOFError:
            kind, message = "died", (
                f"the query process exited while loading it; a dataset too large for query_memory_mb = {self.memory_mb} MB "
                "does this: raise that setting, or set store_dir to open an on-disk store instead")
        if kind != "ready":
            self._stop()
            hint = "" if kind == "died" else "; run `hzkg build`"
            raise ArtifactError(f"cannot load the dataset {self.artifact}: {message}{hint}")
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
        self._start()  # loads in the background; the next message waits for it

"""Run one step of the build in a forked child while the parent goes on with the next ones.

The build's slowest check (SHACL, pure Python) and its inference do not depend on each other;
on a machine with two cores they can run at once. A forked child sees the parsed graphs without
copying them; it sends back only its result, pickled. Where forking is unsafe or impossible (no
`os.fork`, or other threads running in this process, as in a test server), the step runs inline
when its result is asked for, so the answer is the same either way.
"""
from __future__ import annotations

import os
import pickle
import threading
import time
from typing import Callable, Generic, TypeVar

__all__ = ["Started", "start"]

T = TypeVar("T")


class Started(Generic[T]):
    """A step begun by `start`; `result()` waits for it and returns its value or raises its error.
    `seconds` is the step's own duration, wherever it ran."""

    def __init__(self, function: Callable[[], T]):
        self._function = function
        self._pid: int | None = None
        self._read: int | None = None
        self.seconds = 0.0

    def _fork(self) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, send back, leave without running the parent's exit handlers
            os.close(read)
            began = time.perf_counter()
            try:
                outcome = (True, self._function(), time.perf_counter() - began)
            except BaseException as error:  # noqa: BLE001 - handed to the parent, which raises it
                outcome = (False, error, time.perf_counter() - began)
            try:
                with os.fdopen(write, "wb") as out:
                    pickle.dump(outcome, out, protocol=pickle.HIGHEST_PROTOCOL)
            finally:
                os._exit(0)
        os.close(write)
        self._pid, self._read = pid, read

    def __enter__(self) -> "Started[T]":
        return self

    def __exit__(self, *exc) -> None:
        if self._pid is not None:  # left early (an error): reap the child, drop its answer
            os.close(self._read)
            os.waitpid(self._pid, 0)
            self._pid = None

    def result(self) -> T:
        if self._pid is None:
            began = time.perf_counter()
            try:
                return self._function()
            finally:
                self.seconds = time.perf_counter() - began
        with os.fdopen(self._read, "rb") as incoming:
            data = incoming.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if not data:
            raise RuntimeError(f"a build step's child process ended without an answer (wait status {status})")
        ok, value, self.seconds = pickle.loads(data)
        if not ok:
            raise value
        return value


def start(function: Callable[[], T]) -> Started[T]:
    """Begin `function` in a forked child if that is safe here, else defer it to `result()`."""
    started = Started(function)
    if hasattr(os, "fork") and threading.active_count() == 1:
        started._fork()
    return started

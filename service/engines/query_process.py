"""The child side of a query process: load the dataset once, then check and run
queries sent over a pipe until the pipe closes (service/engines/isolated.py is the parent).

Messages in:  ("check", text, max_length)            -> ("checked", CheckedQuery) | ("refused", error name, message)
              ("run", {sparql, row_limit, ...})      -> ("ok", Result | WrittenAnswer) | ("query-error", message)
                                                        | ("refused", error name, message) | ("out-of-memory", None)
              ("check-run", text, max_length, {row_limit, default_graphs, named_graphs, format, base, forms})
                  -> what "check" answers, and after ("checked", ...) what "run" answers, or ("not-run", None)
                     for a form not in forms: a new text in one round trip (the run uses the checked text,
                     its dataset and the base IRI); on pyoxigraph the run's parse is the check, so a text
                     it cannot parse is refused after ("checked", ...), as "check" would have refused it
Any of them may instead be answered ("failed", traceback): an exception nobody expected (a bug of ours).
"""
from __future__ import annotations

import ctypes
import json
import multiprocessing
import os
import resource
import signal
import sys
import traceback
from pathlib import Path

from hzkg.service import errors
from hzkg.service.checking.safety import CheckedQuery, check_before_running, check_query, with_base
from hzkg.service.engines.embedded import BACKENDS, OxigraphBackend, QueryEvaluationError
from hzkg.service.logs import quiet_library_tracebacks

__all__ = ["serve_queries", "preload", "die_with_parent", "PARSER_RECURSION_LIMIT", "PRELOAD_VARIABLE"]

# rdflib's parser recurses about 11 frames per triple pattern, 26 per nested group and
# 38 per nested bracket; Python 3.11 keeps such frames off the C stack, so a high limit
# lets big queries parse, and the time limit still bounds how long that may take.
PARSER_RECURSION_LIMIT = 30_000
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>

# The dataset the fork server loads once, for every query process it forks (service/engines/isolated.py):
# a JSON [engine, artifact path] that the web process sets before the fork server starts, which
# service/engines/preload.py reads there. A query process forked with it loaded starts at once and
# shares its pages with the others (no query writes to them).
PRELOAD_VARIABLE = "HZKG_PRELOAD_DATASET"
_preloaded: tuple[tuple, object] | None = None  # ((engine, artifact, its size and mtime), backend)


def _artifact_signature(artifact: str) -> tuple:
    status = os.stat(artifact)
    return status.st_size, status.st_mtime_ns


def preload(wanted: str | None) -> None:
    """In the fork server: load the dataset named by PRELOAD_VARIABLE's value (a failure is left to
    the query processes, which load it themselves and report why)."""
    global _preloaded
    if not wanted:
        return
    backend_name, artifact = json.loads(wanted)
    try:
        _preloaded = (backend_name, artifact, _artifact_signature(artifact)), BACKENDS[backend_name](Path(artifact))
    except Exception:
        _preloaded = None


def _loaded_backend(backend_name: str, artifact: str, store_dir: str):
    """The dataset's backend: the fork server's, when it loaded this artifact as it is now; else loaded here."""
    if not backend_name:  # a query checker (service/engines/checker.py): no dataset
        return None
    if store_dir:
        return BACKENDS[backend_name](Path(artifact), store_dir=Path(store_dir))
    if _preloaded is not None:
        try:
            if _preloaded[0] == (backend_name, artifact, _artifact_signature(artifact)):
                return _preloaded[1]
        except OSError:
            pass
    return BACKENDS[backend_name](Path(artifact))

# Defence in depth: once the data is loaded, the query process may not open a
# network connection or start a program, whatever a query or an engine bug tries.
_FORBIDDEN_EVENTS = frozenset(
    {"socket.connect", "socket.getaddrinfo", "urllib.Request", "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn"}
)


def _forbid_outside_access(event: str, _args) -> None:
    if event in _FORBIDDEN_EVENTS:
        raise PermissionError(f"the query process may not do {event}")


def die_with_parent() -> bool:
    """Have the kernel kill this process when its parent dies (Linux); False where it cannot."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the closed pipe ends it, after the query
        return False
    return True


def _die_with_web_process() -> None:
    """Have the kernel kill this process when the web process dies.

    A web process killed with SIGKILL closes the pipe, but a query process busy with a
    runaway query would only see that when the query ends, minutes of CPU later.
    (No watcher thread: its malloc arena alone would eat much of query_memory_mb.)
    This process is forked by multiprocessing's fork server (service/engines/isolated.py), which
    the kernel kills when the web process dies (service/engines/preload.py); this one follows it.
    """
    if not die_with_parent():
        return
    web_process = multiprocessing.parent_process()
    if web_process is not None and not web_process.is_alive():  # it died before the call above
        os._exit(0)


def serve_queries(connection, backend_name: str, artifact: str | None, memory_mb: int | None,
                  store_dir: str = "") -> None:
    _die_with_web_process()
    quiet_library_tracebacks()
    if memory_mb:
        # A runaway query can fill memory faster than the time limit; past this limit
        # the allocator fails and the process aborts, which the parent reports.
        limit = memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    sys.setrecursionlimit(PARSER_RECURSION_LIMIT)
    try:
        backend = _loaded_backend(backend_name, artifact, store_dir)
    except Exception as error:  # any load failure is reported to the parent, which says `hzkg build`
        connection.send(("load-error", f"{type(error).__name__}: {error}"))
        return
    sys.addaudithook(_forbid_outside_access)
    connection.send(("ready", None))
    while True:
        try:
            message = connection.recv()
        except EOFError:
            return
        try:
            connection.send(_answer(backend, message, connection.send))
        except MemoryError:
            connection.send(("out-of-memory", None))
            return  # a fresh process is safer than one that ran out of memory
        except Exception:  # a bug of ours, not the user's: the web process logs it; this process goes on
            connection.send(("failed", traceback.format_exc()))


def _answer(backend, message, send) -> tuple:
    """The reply to `message`; a "check-run" sends its ("checked", ...) reply by `send` before running.
    On pyoxigraph, a new text's run is its parse (check_before_running): one that does not parse is
    then refused as check_query refuses it."""
    unparsed = None
    if message[0] in ("check", "check-run"):
        text, max_length = message[1], message[2]
        try:
            if message[0] == "check-run" and isinstance(backend, OxigraphBackend):
                unparsed = check_before_running(text, max_length)
            checked = unparsed or check_query(text, max_length)
        except errors.ServiceError as error:
            return _refused(error)
        if message[0] == "check":
            return "checked", checked
        send(("checked", checked))
        if checked.form not in message[3]["forms"]:  # no format the client accepts carries its answer
            return "not-run", None
        message = ("run", _run_request(checked, message[3]))
    try:
        return "ok", backend.run(**message[1])
    except QueryEvaluationError as error:
        if unparsed is not None:
            try:
                check_query(text, max_length)
            except errors.ServiceError as refusal:  # a syntax error, worded as for any text
                return _refused(refusal)
        return "query-error", str(error)
    except errors.ServiceError as error:  # e.g. a format that cannot carry the answer (406)
        return _refused(error)


def _refused(error: errors.ServiceError) -> tuple:
    return "refused", type(error).__name__, error.message


def _run_request(checked: CheckedQuery, asked: dict) -> dict:
    """The "run" request for a checked text: on its dataset, relative IRIs against the base, and
    written natively in the format asked for when it is a SELECT or ASK (graphs come back as terms)."""
    default_graphs, named_graphs = checked.graphs(asked["default_graphs"], asked["named_graphs"], asked["base"])
    request = dict(sparql=with_base(checked.text, asked["base"]), row_limit=asked["row_limit"],
                   default_graphs=default_graphs, named_graphs=named_graphs)
    if asked.get("format") and not checked.returns_graph:
        request["format"] = asked["format"]
    return request

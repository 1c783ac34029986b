"""`hzkg serve`: check that the dataset and the catalogue load, then serve the app with waitress.

Checking first turns a missing or corrupt artifact, a bad query file or a taken port into one clear
message (exit 2) before anything listens.

waitress (Pylons/waitress) reads each request whole in its event loop before a thread runs the app,
and writes answers from buffers (spilled to a temporary file past 1 MB), so a client that sends or
reads slowly, or stays idle, holds no thread; a connection silent for client_timeout seconds is
closed. It answers malformed HTTP itself (README, "What the server answers itself").

One process: its threads share the query processes (service/engines/pool.py), which are what stops
a runaway query (service/engines/isolated.py). On SIGTERM it stops listening at once, so that new
connections are refused, lets the requests in flight finish, and exits (`_GracefulStop`).
"""
from __future__ import annotations

import importlib
import logging
import os
import resource
import signal
import socket
import sys
import threading
from pathlib import Path

from waitress import create_server
from werkzeug.wsgi import ClosingIterator

from hzkg.graph import paths

from hzkg.service.checking.catalogue import CatalogueError, load_catalogue_cached
from hzkg.service.engines import engine_of, open_store, prepare_dataset
from hzkg.service.errors import ServiceError
from hzkg.service.settings import Settings

__all__ = ["serve", "preflight", "server_adjustments"]

# waitress's limit on a request's line and headers together (its default is 256 KB): GET ?query= of
# some 60 KB passes; longer queries are POSTed.
_LARGEST_HEAD_BYTES = 64 * 1024
_WAITRESS_BODY_FACTOR = 2
_UNSENT_ANSWER_BYTES = 256 * 2**20
# The checked catalogue, kept between runs (service/checking/catalogue.py, load_catalogue_cached).
_CACHE_DIR = paths.BUILD_DIR / "cache"
# After SIGTERM, the answers of the last requests get this long to be sent before the process exits.
_LAST_ANSWERS_S = 1.0


def server_adjustments(settings: Settings) -> dict:
    """hzkg's settings as waitress's adjustments (README, "Serving")."""
    return dict(
        threads=settings["threads"],
        channel_timeout=settings["client_timeout"],
        cleanup_interval=1,  # how often waitress looks for silent connections (its default: every 30 s)
        connection_limit=settings["max_connections"],
        # A body up to twice max_body_bytes is read, and the app refuses it in the service's JSON shape
        # naming the setting (Flask's MAX_CONTENT_LENGTH); one announced or sent larger, waitress refuses.
        max_request_body_size=_WAITRESS_BODY_FACTOR * settings["max_body_bytes"],
        max_request_header_size=_LARGEST_HEAD_BYTES,
        # An answer waiting for its client goes to a temporary file past 1 MB (outbuf_overflow); a thread that
        # streams an answer waits for the client only past this much unsent (waitress's default: 16 MB).
        outbuf_high_watermark=_UNSENT_ANSWER_BYTES,
        asyncore_use_poll=True,  # select() cannot watch descriptors past 1024
    )


def preflight(settings: Settings) -> str | None:
    """None when the service can start, else the reason (for stderr)."""
    return _preflight(settings)[0]


def _memory_budget_problem(settings: Settings) -> str | None:
    processes = settings["query_processes"] if engine_of(settings).capabilities.holds_dataset_locally else 1
    wanted = processes * settings["query_memory_mb"]
    if wanted > settings["total_query_memory_mb"]:
        return (f"hzkg serve: {processes} query processes x query_memory_mb {settings['query_memory_mb']} = {wanted} MB, "
                f"more than total_query_memory_mb {settings['total_query_memory_mb']}; lower query_processes or "
                "query_memory_mb, or raise total_query_memory_mb to what this machine can give")
    return None


def _listen(host: str, port: int) -> tuple[socket.socket | None, str | None]:
    """The listening socket, or why there is none (a taken port is one clear line)."""
    listener = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(1024)
    except OSError as error:
        listener.close()
        return None, f"hzkg serve: cannot listen on {host}:{port}: {error.strerror or error}; choose another --port or --host"
    return listener, None


def _preflight(settings: Settings) -> tuple[str | None, dict | None]:
    """(the reason the service cannot start, or None; the catalogue when it can)."""
    problem = _memory_budget_problem(settings)
    if problem:
        return problem, None
    try:
        catalogue = load_catalogue_cached(Path(settings["queries"]), settings["max_query_length"], _CACHE_DIR)
    except CatalogueError as error:
        return f"hzkg serve: bad query file: {error}", None
    try:
        if engine_of(settings).capabilities.holds_dataset_locally:
            prepare_dataset(settings)  # the query processes load it when the app opens its store
        else:
            _warn_about_the_endpoint(settings)
    except ServiceError as error:
        return f"hzkg serve: {error.message}", None
    except OSError as error:  # store_dir on a read-only folder, or naming a file
        return (f"hzkg serve: cannot write the on-disk store {settings['store_dir']} (setting store_dir): "
                f"{error.strerror or error} ({error.filename}); give a folder hzkg may write"), None
    return None, catalogue


def _warn_about_the_endpoint(settings: Settings) -> None:
    """The endpoint may come up later, so a failure here is a warning, not a refusal."""
    store = open_store(settings)
    try:
        store.query("ASK {}", row_limit=1)
        if advice := store.timeout_advice():
            print(f"hzkg serve: warning: {advice}", file=sys.stderr)
    except ServiceError as error:
        print(f"hzkg serve: warning: {error.message}", file=sys.stderr)
    finally:
        store.close()


def _import_app(app_imported: threading.Event) -> None:
    try:
        importlib.import_module("hzkg.service.app")
    finally:
        app_imported.set()


def _allow_connections(count: int) -> None:
    """Raise the soft limit on open files to what max_connections needs (waitress's loop uses poll())."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = count + 64  # the query processes' pipes, the log, the listening socket
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard), hard))


class _GracefulStop:
    """SIGTERM: refuse new connections at once, let the requests in flight finish, then exit.

    The app is wrapped to count the requests it is answering. On SIGTERM a helper thread asks
    waitress's loop (through the trigger by which its own threads wake it, with a callable that the
    loop runs in its thread) to stop accepting and closes the listening socket, so the kernel refuses
    new connections; once no request is in flight (each ends within time_limit) and their answers
    have had _LAST_ANSWERS_S to be sent, it sends SIGTERM again, which ends the loop, and `serve` returns."""

    def __init__(self, app, listener: socket.socket, time_limit: float):
        self._app, self._listener, self._time_limit = app, listener, time_limit
        self._in_flight = 0
        self._idle = threading.Condition()
        self.server = None
        self.stopping = self.finished = False
        self._not_listening = threading.Event()

    def __call__(self, environ, start_response):
        with self._idle:
            self._in_flight += 1
        try:
            return ClosingIterator(self._app(environ, start_response), self._done)
        except BaseException:
            self._done()
            raise

    def _done(self) -> None:
        with self._idle:
            self._in_flight -= 1
            self._idle.notify_all()

    def on_sigterm(self, signum, frame) -> None:
        if self.finished:  # sent by _stop: waitress's loop ends, and waitress stops its threads
            raise SystemExit(0)
        if not self.stopping:
            self.stopping = True
            threading.Thread(target=self._stop, name="hzkg-stop", daemon=True).start()

    def _stop_listening(self) -> None:  # in waitress's loop thread, between two polls
        try:
            self.server.accepting = False
            self._listener.close()
        finally:
            self._not_listening.set()

    def _stop(self) -> None:
        self.server.trigger.pull_trigger(self._stop_listening)
        # Waited for, so that the second SIGTERM cannot land while the loop runs _stop_listening: waitress
        # catches and logs what a trigger's callable raises, SystemExit too, and the server went on (until
        # killed; the tests' stop waited 30 s for it, about once a file that started a server after a store).
        self._not_listening.wait(self._time_limit + 5)
        with self._idle:
            in_flight = self._in_flight
            finished = self._idle.wait_for(lambda: self._in_flight == 0, timeout=self._time_limit + 5)
        print(f"hzkg: SIGTERM: no new connections; {in_flight} requests in flight "
              f"{'finished' if finished else 'still running, stopped'}", file=sys.stderr, flush=True)
        if in_flight:
            threading.Event().wait(_LAST_ANSWERS_S)
        self.finished = True
        while True:  # again each second, should a callable of waitress's loop have swallowed the SystemExit
            os.kill(os.getpid(), signal.SIGTERM)
            threading.Event().wait(1)


def serve(settings: Settings, host: str, port: int) -> int:
    problem, catalogue = _preflight(settings)
    for named in (catalogue or {}).values():  # where parameters go, found when the catalogue was checked
        named.teach_positions()
    if problem is None:
        listener, problem = _listen(host, port)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    # The app's modules are imported while the query processes start and load (start-up).
    app_imported = threading.Event()
    threading.Thread(target=_import_app, args=(app_imported,), name="hzkg-import", daemon=True).start()
    try:
        store = open_store(settings)
    except ServiceError as error:  # the query processes could not load the dataset
        listener.close()
        print(f"hzkg serve: {error.message}", file=sys.stderr)
        return 2
    finally:
        app_imported.wait()
    from hzkg.service.app import create_app

    app = create_app(settings, store=store, catalogue=catalogue)
    _allow_connections(settings["max_connections"])
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    stop = _GracefulStop(app, listener, settings["time_limit"])
    stop.server = create_server(stop, sockets=[listener], **server_adjustments(settings))
    signal.signal(signal.SIGTERM, stop.on_sigterm)
    print(f"hzkg: serving {settings['engine']} engine on http://{host}:{port}/sparql with {settings['threads']} "
          f"threads and {settings['query_processes']} query processes (waitress)", file=sys.stderr, flush=True)
    try:
        stop.server.run()  # returns on SystemExit or KeyboardInterrupt (Ctrl-C), once waitress's threads stopped
    finally:
        app.extensions["hzkg"].store.close()
    return 0

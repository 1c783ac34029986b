"""`hzkg serve`: check that the dataset and the catalogue load, then run gunicorn.

Checking first, in the command's own process, turns a missing or corrupt artifact
into one clear message (exit 2) instead of gunicorn workers failing to boot.
"""
from __future__ import annotations

import socket
import sys

from gunicorn.app.base import BaseApplication

from hzkg.graph import paths

from hzkg.service.checking.catalogue import CatalogueError, load_catalogue_cached
from hzkg.service.dataset_version import built_and_unchanged
from hzkg.service.engines import engine_of, Limits, open_store, prepare_dataset
from hzkg.service.errors import ServiceError
from hzkg.service.settings import Settings

__all__ = ["serve", "preflight"]

# gunicorn's largest request line (its default is 4094): GET ?query= of some 8 KB; longer queries are POSTed.
_LONGEST_REQUEST_LINE = 8190
# Below this query_memory_mb, the pre-start check starts a query process to see that the data loads.
_UNCHECKED_MEMORY_MB = 1024
# The checked catalogue, kept between runs (service/checking/catalogue.py, load_catalogue_cached).
_CACHE_DIR = paths.BUILD_DIR / "cache"


class _Gunicorn(BaseApplication):
    def __init__(self, settings: Settings, host: str, port: int, catalogue: dict | None = None):
        self.settings = settings
        self.bind = f"{host}:{port}"
        self.catalogue = catalogue
        super().__init__()

    def load_config(self) -> None:
        self.cfg.set("bind", [self.bind])
        self.cfg.set("workers", self.settings["workers"])
        # Threads behind a front that buffers whole requests (cli/worker.py): slow and idle clients cost no thread.
        self.cfg.set("worker_class", "hzkg.service.cli.worker.BufferingWorker")
        self.cfg.set("threads", self.settings["threads"])
        self.cfg.set("keepalive", self.settings["keep_alive"])
        self.cfg.set("timeout", int(Limits.from_settings(self.settings).worker_timeout))
        self.cfg.set("proc_name", "hzkg")
        self.cfg.set("limit_request_line", _LONGEST_REQUEST_LINE)

    def load(self):
        from hzkg.service.app import create_app

        # Workers fork from the process that checked the catalogue: parsing it again in each
        # (0.8 s of rdflib's parser, 4 workers on 2 cores) was most of the start-up (make bench).
        return create_app(self.settings, catalogue=self.catalogue)


def preflight(settings: Settings) -> str | None:
    """None when the service can start, else the reason (for stderr)."""
    return _preflight(settings)[0]


def _memory_budget_problem(settings: Settings) -> str | None:
    local = engine_of(settings).capabilities.holds_dataset_locally
    processes = settings["workers"] * (settings["query_processes"] if local else 1)
    wanted = processes * settings["query_memory_mb"]
    if wanted > settings["total_query_memory_mb"]:
        return (f"hzkg serve: {settings['workers']} workers x {processes // settings['workers']} query processes x "
                f"query_memory_mb {settings['query_memory_mb']} = {wanted} MB, more than total_query_memory_mb "
                f"{settings['total_query_memory_mb']}; lower workers, query_processes or query_memory_mb, "
                "or raise total_query_memory_mb to what this machine can give")
    return None


def _port_problem(host: str, port: int) -> str | None:
    """A taken port is one clear line before gunicorn starts (it retried 5 times, then exited 1)."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as error:
        return f"hzkg serve: cannot listen on {host}:{port}: {error.strerror or error}; choose another --port or --host"
    return None


def _preflight(settings: Settings) -> tuple[str | None, dict | None]:
    """(the reason the service cannot start, or None; the catalogue when it can)."""
    problem = _memory_budget_problem(settings)
    if problem:
        return problem, None
    try:
        from pathlib import Path

        catalogue = load_catalogue_cached(Path(settings["queries"]), settings["max_query_length"], _CACHE_DIR)
    except CatalogueError as error:
        return f"hzkg serve: bad query file: {error}", None
    try:
        local = engine_of(settings).capabilities.holds_dataset_locally
        if local:
            prepare_dataset(settings)
            if built_and_unchanged(settings.artifact_path) and settings["query_memory_mb"] >= _UNCHECKED_MEMORY_MB:
                # What `hzkg build` wrote and checked loads: no need to start a query process to know.
                return None, catalogue
        store = open_store(settings)
        if not local:
            # The endpoint may come up later, so a failure here is a warning, not a refusal.
            try:
                store.query("ASK {}", row_limit=1)
                if advice := store.timeout_advice():
                    print(f"hzkg serve: warning: {advice}", file=sys.stderr)
            except ServiceError as error:
                print(f"hzkg serve: warning: {error.message}", file=sys.stderr)
        store.close()
    except ServiceError as error:
        return f"hzkg serve: {error.message}", None
    except OSError as error:  # store_dir on a read-only folder, or naming a file
        return (f"hzkg serve: cannot write the on-disk store {settings['store_dir']} (setting store_dir): "
                f"{error.strerror or error} ({error.filename}); give a folder hzkg may write"), None
    return None, catalogue


def _import_views() -> None:
    """Import the app and its views once, before gunicorn forks: each of 4 workers importing
    them took 0.35 s of CPU while the others did the same on 2 cores (make bench)."""
    from hzkg.service import app


def _bind_defaults_once(catalogue: dict | None) -> None:
    """Bind each named query's default parameters before gunicorn forks: finding where its VALUES
    block goes parses it with rdflib (about 1 s of the first request to each worker, under its time
    limit now), and the workers inherit the parsed positions (checking/binding.py caches them)."""
    for named in (catalogue or {}).values():
        try:
            named.bound({})
        except ServiceError:  # a parameter without a default: found on its first request
            pass


def serve(settings: Settings, host: str, port: int) -> int:
    problem = _port_problem(host, port)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    problem, catalogue = _preflight(settings)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    _import_views()
    _bind_defaults_once(catalogue)
    from hzkg.service.cli.worker import BufferingWorker

    BufferingWorker.configure(settings["client_timeout"], settings["max_body_bytes"], settings["unread_answers_mb"])
    print(f"hzkg: serving {settings['engine']} engine on http://{host}:{port}/sparql "
          f"with {settings['workers']} workers", file=sys.stderr, flush=True)
    _Gunicorn(settings, host, port, catalogue).run()
    return 0

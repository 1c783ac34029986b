"""`hzkg serve`: check that the dataset and the catalogue load, then run gunicorn.

Checking first, in the command's own process, turns a missing or corrupt artifact
into one clear message (exit 2) instead of gunicorn workers failing to boot.
"""
from __future__ import annotations

import sys

from gunicorn.app.base import BaseApplication

from hzkg.graph import paths

from .catalogue import CatalogueError, load_catalogue_cached
from .dataset_version import built_and_unchanged
from .engines import open_store, prepare_dataset
from .errors import ServiceError
from .settings import Settings

__all__ = ["serve", "preflight"]

# A gunicorn worker that is silent this much longer than the query time limit is restarted.
_WORKER_GRACE_SECONDS = 30
# gunicorn's largest request line (its default is 4094): GET ?query= of some 8 KB; longer queries are POSTed.
_LONGEST_REQUEST_LINE = 8190
# The checked catalogue, kept between runs (service/catalogue.py, load_catalogue_cached).
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
        self.cfg.set("worker_class", "sync")
        self.cfg.set("timeout", int(self.settings["time_limit"]) + _WORKER_GRACE_SECONDS)
        self.cfg.set("proc_name", "hzkg")
        self.cfg.set("limit_request_line", _LONGEST_REQUEST_LINE)

    def load(self):
        from .app import create_app

        # Workers fork from the process that checked the catalogue: parsing it again in each
        # (0.8 s of rdflib's parser, 4 workers on 2 cores) was most of the start-up (hzkg bench).
        return create_app(self.settings, catalogue=self.catalogue)


def preflight(settings: Settings) -> str | None:
    """None when the service can start, else the reason (for stderr)."""
    return _preflight(settings)[0]


def _preflight(settings: Settings) -> tuple[str | None, dict | None]:
    """(the reason the service cannot start, or None; the catalogue when it can)."""
    try:
        from pathlib import Path

        catalogue = load_catalogue_cached(Path(settings["queries"]), settings["max_query_length"], _CACHE_DIR)
    except CatalogueError as error:
        return f"hzkg serve: bad query file: {error}", None
    try:
        if settings["engine"] != "remote":
            prepare_dataset(settings)
            if built_and_unchanged(settings.artifact_path):
                # What `hzkg build` wrote and checked loads: no need to start a query process to know.
                return None, catalogue
        store = open_store(settings)
        if settings["engine"] == "remote":
            # The endpoint may come up later, so a failure here is a warning, not a refusal.
            try:
                store.query("ASK {}", settings["time_limit"], 1)
                if advice := store.timeout_advice():
                    print(f"hzkg serve: warning: {advice}", file=sys.stderr)
            except ServiceError as error:
                print(f"hzkg serve: warning: {error.message}", file=sys.stderr)
        store.close()
    except ServiceError as error:
        return f"hzkg serve: {error.message}", None
    return None, catalogue


def _import_views() -> None:
    """Import the app and its views once, before gunicorn forks: each of 4 workers importing
    them took 0.35 s of CPU while the others did the same on 2 cores (hzkg bench)."""
    from . import app  # noqa: F401  (service/app.py imports every blueprint)


def serve(settings: Settings, host: str, port: int) -> int:
    problem, catalogue = _preflight(settings)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    _import_views()
    print(f"hzkg: serving {settings['engine']} engine on http://{host}:{port}/sparql "
          f"with {settings['workers']} workers", file=sys.stderr, flush=True)
    _Gunicorn(settings, host, port, catalogue).run()
    return 0

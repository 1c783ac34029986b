"""What a running app holds: settings, store, catalogue, dataset version.

Kept in `app.extensions["hzkg"]`, never in module globals, so that every
`create_app` (one per gunicorn worker, one per test) has its own.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

from flask import current_app, g, has_request_context

from hzkg.service.dataset_version import DatasetVersion
from hzkg.service.engines import Capabilities, engine_of
from hzkg.service.engines.limits import Deadline
from hzkg.service.settings import Settings

__all__ = ["ServiceState", "current_state", "request_deadline", "BudgetedStore", "made_once_and_kept"]


@dataclass
class ServiceState:
    settings: Settings
    store: object  # service.engines.Store
    version: DatasetVersion | None
    catalogue: dict = field(default_factory=dict)  # name -> service.checking.catalogue.NamedQuery
    search_index: object = None  # service.model.search_index.SearchIndex, built on the first search
    answer_cache: object = None  # responses/answer_cache.AnswerCache (app.py makes it); used only with a local dataset version

    @property
    def capabilities(self) -> Capabilities:
        """What the store can do, as the engine registry says (service/engines)."""
        return engine_of(self.settings).capabilities

    def public_url(self, path: str) -> str:
        """The address of `path` here as clients reach it (setting public_url), never the request's Host
        header, which a client sets; an app made without it (a test client) answers as http://localhost."""
        return (self.settings["public_url"] or "http://localhost") + path

    def local_path(self, iri: str) -> str | None:
        """`https://w3id.org/hzkg/id/zone/x` -> `/id/zone/x`; None for IRIs outside the base."""
        base = self.settings["base_iri"]
        if iri.startswith(base) and len(iri) > len(base):
            return "/" + iri[len(base):]
        return None


def current_state() -> ServiceState:
    return current_app.extensions["hzkg"]


def request_deadline() -> Deadline:
    """This request's one time budget (setting time_limit), made when the request started (app.py):
    checking, running, serialising and rendering all spend it."""
    if "hzkg_deadline" not in g:
        g.hzkg_deadline = Deadline(current_state().store.limits.time_limit)
    return g.hzkg_deadline


class BudgetedStore:
    """The store as routes see it: a call made while answering a request, with no time of its own,
    spends the request's one budget (`request_deadline`), so that a page running several queries
    (a resource page, the network, search) is bounded by time_limit as a whole, as /sparql is.
    Outside a request, and inside `made_once_and_kept`, a call gets the store's own limit.
    Everything else is the store's."""

    def __init__(self, store):
        self._store = store

    @staticmethod
    def _budget(timeout):
        if timeout is None and has_request_context() and not g.get("hzkg_kept_work"):
            return request_deadline()
        return timeout

    def check(self, text: str, timeout=None):
        return self._store.check(text, self._budget(timeout))

    def query(self, sparql: str, timeout=None, row_limit=None, **options):
        return self._store.query(sparql, self._budget(timeout), row_limit, **options)

    def __getattr__(self, name):
        return getattr(self._store, name)


@contextmanager
def made_once_and_kept():
    """Work that one request happens to start but every later request reuses (the dumps, the search
    index, the reading view's model, the network's graph): its size is the dataset's, not the
    request's, so each of its queries gets the store's own time limit, not what this request has left."""
    kept = g.get("hzkg_kept_work", False) if has_request_context() else None
    if kept is None:
        yield
        return
    g.hzkg_kept_work = True
    try:
        yield
    finally:
        g.hzkg_kept_work = kept

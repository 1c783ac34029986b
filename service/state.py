"""What a running app holds: settings, store, catalogue, dataset version.

Kept in `app.extensions["hzkg"]`, never in module globals, so that every
`create_app` (one per gunicorn worker, one per test) has its own.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app, g

from hzkg.service.dataset_version import DatasetVersion
from hzkg.service.engines.limits import Deadline
from hzkg.service.responses.answer_cache import AnswerCache
from hzkg.service.settings import Settings

__all__ = ["ServiceState", "current_state", "request_deadline"]


@dataclass
class ServiceState:
    settings: Settings
    store: object  # service.engines.Store
    version: DatasetVersion | None
    catalogue: dict = field(default_factory=dict)  # name -> service.catalogue.NamedQuery
    search_index: object = None  # service.search.SearchIndex, built on the first search
    answer_cache: AnswerCache = field(default_factory=AnswerCache)  # used only with a local dataset version

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

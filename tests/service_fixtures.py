"""Fixtures for the service tests: the small N-Quads fixture, in-process stores,
and real servers (gunicorn via `hzkg serve`, `oxigraph serve`) on loopback ports.

Every server fixture takes the artifact path as a parameter, so the same tests
can run on the real `build/hzkg.nq` once it exists.
"""
from __future__ import annotations

from pathlib import Path

import pytest

FIXTURE_ARTIFACT = Path(__file__).parent / "fixtures" / "mini.nq"
ID = "https://w3id.org/hzkg/id/"
DEF = "https://w3id.org/hzkg/def/"

__all__ = ["FIXTURE_ARTIFACT", "ID", "DEF", "artifact", "oxigraph_store", "rdflib_store"]


@pytest.fixture(scope="session")
def artifact() -> Path:
    return FIXTURE_ARTIFACT


@pytest.fixture(scope="session")
def oxigraph_store(artifact):
    from service.engines.isolated import IsolatedStore

    store = IsolatedStore("oxigraph", artifact)
    yield store
    store.close()


@pytest.fixture(scope="session")
def rdflib_store(artifact):
    from service.engines.isolated import IsolatedStore

    store = IsolatedStore("rdflib", artifact)
    yield store
    store.close()

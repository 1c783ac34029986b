"""`hzkg serve` checks the catalogue once, before gunicorn forks its workers, and every
worker serves that catalogue instead of parsing the query files again (start-up time)."""
from __future__ import annotations

from service.server import _Gunicorn, _preflight, preflight
from service.settings import Settings

from service_fixtures import FIXTURE_ARTIFACT


def test_workers_serve_the_catalogue_checked_before_forking():
    settings = Settings({"artifact": str(FIXTURE_ARTIFACT)})
    problem, catalogue = _preflight(settings)
    assert problem is None and "zone-profile" in catalogue
    app = _Gunicorn(settings, "127.0.0.1", 0, catalogue).load()
    state = app.extensions["hzkg"]
    try:
        assert state.catalogue is catalogue
    finally:
        state.store.close()


def test_preflight_still_names_the_problem(tmp_path):
    settings = Settings({"artifact": str(tmp_path / "missing.nq")})
    assert "hzkg build" in preflight(settings)
    assert _preflight(settings) == (preflight(settings), None)

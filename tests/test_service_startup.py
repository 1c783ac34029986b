"""`hzkg serve` checks the catalogue once, keeps it between runs, and serves that catalogue
instead of parsing the query files again (start-up time)."""
from __future__ import annotations

from hzkg.service.app import create_app
from hzkg.service.cli.serve import _preflight, preflight
from hzkg.service.settings import Settings

from service_fixtures import FIXTURE_ARTIFACT


def test_the_app_serves_the_catalogue_checked_before_it_starts():
    settings = Settings({"artifact": str(FIXTURE_ARTIFACT)})
    problem, catalogue = _preflight(settings)
    assert problem is None and "zone-profile" in catalogue
    app = create_app(settings, catalogue=catalogue)
    state = app.extensions["hzkg"]
    try:
        assert state.catalogue is catalogue
    finally:
        state.store.close()


def test_preflight_still_names_the_problem(tmp_path):
    settings = Settings({"artifact": str(tmp_path / "missing.nq")})
    assert "hzkg build" in preflight(settings)
    assert _preflight(settings) == (preflight(settings), None)


def _copy_queries(tmp_path):
    import shutil

    from hzkg.graph import paths

    folder = tmp_path / "queries"
    shutil.copytree(paths.QUERIES_DIR, folder)
    return folder


def test_the_checked_catalogue_is_kept_between_runs_and_checked_again_after_an_edit(tmp_path):
    from hzkg.service.checking.catalogue import load_catalogue, load_catalogue_cached

    folder, cache = _copy_queries(tmp_path), tmp_path / "cache"
    first = load_catalogue_cached(folder, 100_000, cache)
    assert [path.name for path in cache.iterdir()][0].startswith("catalogue-")
    again = load_catalogue_cached(folder, 100_000, cache)
    assert again == first == {name: named.with_positions() for name, named in load_catalogue(folder, 100_000).items()}
    names, offset = first["zone-profile"].binding_positions  # where its VALUES block goes: no parse at start-up
    assert names[0] == "zone" and first["zone-profile"].query.text[offset - 1] == "{"
    edited = folder / "zones.rq"
    edited.write_text(edited.read_text(encoding="utf-8").replace("#+ title_en: ", "#+ title_en: Edited: ", 1),
                      encoding="utf-8")
    assert load_catalogue_cached(folder, 100_000, cache)["zones"].title_en.startswith("Edited: ")
    assert len(list(cache.iterdir())) == 1  # the stale entry is gone


def test_a_bad_query_file_is_reported_and_never_kept(tmp_path):
    import pytest

    from hzkg.service.checking.catalogue import CatalogueError, load_catalogue_cached

    folder, cache = _copy_queries(tmp_path), tmp_path / "cache"
    (folder / "zones.rq").write_text("#+ name: zones\nSELECT * WHERE {", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(CatalogueError, match="zones.rq"):
            load_catalogue_cached(folder, 100_000, cache)
    assert not cache.exists() or not list(cache.iterdir())

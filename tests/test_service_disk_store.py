"""The on-disk store (setting store_dir): written once from the artifact, rewritten when the
artifact changes, opened read-only by every query process, and answering as the in-memory engine."""
from __future__ import annotations

import shutil

import pytest

from hzkg.service.dataset_version import built_and_unchanged, read_dataset_version
from hzkg.service.engines import open_store
from hzkg.service.engines.disk_store import MARKER, ensure_disk_store, store_version
from hzkg.service.errors import ArtifactError
from hzkg.service.settings import Settings
from tools.bench.engine_speed import catalogue_queries
from tools.golden import canonical

from service_fixtures import http, start_hzkg, stop

_ROWS = 1_000_000


def test_every_named_query_answers_the_same_on_disk_as_in_memory(plan_artifact, plan_store, tmp_path):
    disk = open_store(Settings({"artifact": str(plan_artifact), "store_dir": str(tmp_path / "store")}))
    try:
        assert store_version(tmp_path / "store") == read_dataset_version(plan_artifact).tag
        for name, text in catalogue_queries().items():
            in_memory = canonical(plan_store.run(text, _ROWS), text)
            on_disk = canonical(disk.query(text, 30, _ROWS), text)
            assert on_disk == in_memory, name
    finally:
        disk.close()


def test_the_store_is_written_once_and_again_when_the_artifact_changes(tmp_path):
    from service_fixtures import FIXTURE_ARTIFACT

    artifact = tmp_path / "data.nq"
    shutil.copyfile(FIXTURE_ARTIFACT, artifact)
    location = tmp_path / "store"
    assert ensure_disk_store(artifact, location, "v1") is True
    assert ensure_disk_store(artifact, location, "v1") is False  # current: opened as it is
    with open(artifact, "a", encoding="utf-8") as out:
        out.write('<https://w3id.org/hzkg/id/zone/new> <http://www.w3.org/2000/01/rdf-schema#label> "新区"@zh '
                  "<https://w3id.org/hzkg/graph/facts> .\n")
    assert ensure_disk_store(artifact, location, "v2") is True
    assert (location / MARKER).read_text(encoding="utf-8").strip() == "v2"
    store = open_store(Settings({"artifact": str(artifact), "store_dir": str(location)}))
    try:
        answer = store.query('ASK { ?zone ?label "新区"@zh }', 10, 10)
        assert answer.value is True
    finally:
        store.close()
    assert not list(tmp_path.glob(".store.building")) and not list(tmp_path.glob(".store.old"))


def test_a_folder_that_is_not_a_store_is_left_alone(tmp_path):
    from service_fixtures import FIXTURE_ARTIFACT

    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ArtifactError, match="not empty and holds no store written by hzkg"):
        ensure_disk_store(FIXTURE_ARTIFACT, folder, "v1")
    assert [path.name for path in folder.iterdir()] == ["mine.txt"]


def test_a_broken_artifact_names_the_problem_and_leaves_no_store(tmp_path):
    artifact = tmp_path / "broken.nq"
    artifact.write_text("<https://example.org/s> <https://example.org/p> .\n", encoding="utf-8")
    with pytest.raises(ArtifactError, match="cannot write the on-disk store .*hzkg build"):
        ensure_disk_store(artifact, tmp_path / "store", "v1")
    assert not (tmp_path / "store").exists() and not (tmp_path / ".store.building").exists()


def test_store_dir_is_for_the_oxigraph_engine(tmp_path):
    from service_fixtures import FIXTURE_ARTIFACT

    settings = Settings({"artifact": str(FIXTURE_ARTIFACT), "engine": "rdflib", "store_dir": str(tmp_path / "s")})
    with pytest.raises(ArtifactError, match="store_dir is for the oxigraph engine"):
        open_store(settings)


def test_hzkg_serve_answers_from_the_store(plan_artifact, tmp_path):
    running = start_hzkg(plan_artifact, "--setting", "store_dir", str(tmp_path / "store"))
    try:
        answer = http(running.url + "/queries/zones?format=json")
        assert answer.status == 200
        assert len(answer.json()["results"]["bindings"]) == 15
    finally:
        log = stop(running.process)
    assert "writing the on-disk store" in log
    assert store_version(tmp_path / "store") == read_dataset_version(plan_artifact).tag


def test_a_built_artifact_is_recognised_and_an_edited_one_is_not(plan_artifact, tmp_path):
    assert built_and_unchanged(plan_artifact)
    copy = tmp_path / plan_artifact.name
    shutil.copyfile(plan_artifact, copy)
    shutil.copyfile(plan_artifact.parent / "report.json", tmp_path / "report.json")
    assert built_and_unchanged(copy)
    with open(copy, "a", encoding="utf-8") as out:
        out.write("\n")
    assert not built_and_unchanged(copy)


def test_a_query_process_that_dies_loading_points_to_store_dir(plan_artifact):
    settings = Settings({"artifact": str(plan_artifact)})
    settings["query_memory_mb"] = 40  # below the setting's floor of 300: as a dataset too large for its memory
    with pytest.raises(ArtifactError, match="exited while loading it.*query_memory_mb = 40 MB.*store_dir"):
        open_store(settings)


def test_a_query_stopped_at_the_time_limit_leaves_the_store_usable(tmp_path):
    from hzkg.service.errors import QueryTimeout
    from service_fixtures import FIXTURE_ARTIFACT
    from test_service_time_limit import NORMAL, RUNAWAY

    store = open_store(Settings({"artifact": str(FIXTURE_ARTIFACT), "store_dir": str(tmp_path / "store")}))
    try:
        with pytest.raises(QueryTimeout, match="time limit of 1 s"):
            store.query(RUNAWAY, 1, 10)
        for _ in range(2):  # the replaced query process opens the same store read-only again
            assert len(store.query(NORMAL, 10, 10).rows) == 3
    finally:
        store.close()

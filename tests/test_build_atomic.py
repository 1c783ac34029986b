"""A failed or refused build leaves the previous artifact exactly as it was."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from build_helpers import FixtureProject

from hzkg.graph import paths
from hzkg.graph.build import run_build
from checkout import CHECKOUT


@pytest.fixture
def built(tmp_path):
    project = FixtureProject(tmp_path / "project")
    assert project.build() == 0
    before = {name: (project.out / name).read_bytes() for name in (paths.ARTIFACT_NAME, paths.REPORT_NAME)}
    # Change the data, so that a build that did get through would change the artifact.
    project.replace("facts/places.ttl", '"Hangzhou"@en', '"Hangzhou City"@en')
    return project, before


def _unchanged(project, before) -> None:
    for name, data in before.items():
        assert (project.out / name).read_bytes() == data
    assert sorted(p.name for p in project.out.iterdir()) == sorted(before), "temporary files left behind"


def test_failing_rename_keeps_previous_artifact(built, monkeypatch, capsys):
    project, before = built

    def refuse(source, target):
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(os, "replace", refuse)
    assert project.build() == 2
    assert "cannot write the artifact" in capsys.readouterr().err
    _unchanged(project, before)


def test_failing_write_keeps_previous_artifact(built, monkeypatch, capsys):
    project, before = built
    real_fsync = os.fsync

    def disk_full(descriptor):
        real_fsync(descriptor)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    assert project.build() == 2
    _unchanged(project, before)


def test_nonconforming_data_keeps_previous_artifact(built):
    project, before = built
    project.replace("facts/places.ttl", "hz:partnerOf zone:jiande", "hz:partnerOf zone:nowhere")
    assert project.build() == 1
    _unchanged(project, before)


def test_successful_rebuild_replaces_both_files(built):
    project, before = built
    assert project.build() == 0
    assert b'"Hangzhou City"@en' in (project.out / paths.ARTIFACT_NAME).read_bytes()
    assert sorted(p.name for p in project.out.iterdir()) == sorted(before)


def test_leftovers_of_a_killed_build_are_removed(built):
    project, before = built
    leftover = project.out / f".{paths.ARTIFACT_NAME}.abc123.tmp"
    leftover.write_bytes(b"half an artifact")
    assert project.build() == 0
    assert not leftover.exists()
    assert sorted(p.name for p in project.out.iterdir()) == sorted(before)


def test_a_killed_build_leaves_the_old_artifact_or_the_new_one(built, tmp_path):
    project, before = built
    expected_new = tmp_path / "expected"
    assert run_build(out_dir=expected_new, quiet=True, **project.inputs) == 0
    new = (expected_new / paths.ARTIFACT_NAME).read_bytes()
    code = (
        "import sys; from pathlib import Path; from hzkg.graph.build import run_build; "
        f"sys.exit(run_build(out_dir=Path({str(project.out)!r}), quiet=True, "
        + ", ".join(f"{key}=Path({str(value)!r})" for key, value in project.inputs.items())
        + "))"
    )
    outcomes = set()
    # Kill at moments spread over the build (about 0.3 s here), the write included.
    for step in range(14):
        (project.out / paths.ARTIFACT_NAME).write_bytes(before[paths.ARTIFACT_NAME])
        process = subprocess.Popen([sys.executable, "-c", code], cwd=CHECKOUT)
        time.sleep(0.1 + 0.025 * step)
        process.kill()
        process.wait()
        artifact = (project.out / paths.ARTIFACT_NAME).read_bytes()
        assert artifact in (before[paths.ARTIFACT_NAME], new), f"a half-written artifact after {0.1 + 0.025 * step:.3f} s"
        outcomes.add(artifact == new)
    print(f"killed builds left the new artifact: {sorted(outcomes)}")

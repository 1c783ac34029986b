"""Operator faults: each is one clear line on stderr and exit 2 (hzkg --help's exit codes), before
the server listens; two builds at once both succeed."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.service_fixtures import HZKG, FIXTURE_ARTIFACT

ARTIFACT = ["--setting", "artifact", str(FIXTURE_ARTIFACT)]


def _serve(*arguments: str, port: int = 1) -> subprocess.CompletedProcess:
    return subprocess.run([HZKG, "serve", "--host", "127.0.0.1", "--port", str(port), *ARTIFACT, *arguments],
                          capture_output=True, text=True, timeout=60)


def _one_clear_line(done: subprocess.CompletedProcess, *fragments: str) -> None:
    assert done.returncode == 2, (done.returncode, done.stderr[-2000:])
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr[-2000:]
    assert lines[0].startswith("hzkg serve: ") and "Traceback" not in done.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.mark.parametrize("value", ["nan", "inf", "NaN"])
def test_a_time_limit_that_is_not_a_finite_number(value):
    _one_clear_line(_serve("--setting", "time_limit", value), "time_limit", "finite")


def test_a_query_memory_too_small_for_a_query_process():
    _one_clear_line(_serve("--setting", "query_memory_mb", "1"), "query_memory_mb", "at least 300")


def test_query_processes_over_the_total_memory_budget():
    done = _serve("--setting", "query_processes", "8", "--setting", "query_memory_mb", "4096",
                  "--setting", "total_query_memory_mb", "16384")
    _one_clear_line(done, "32768 MB", "total_query_memory_mb 16384")


def test_the_default_memory_budget_fits_this_machine():
    from hzkg.service.settings import Settings

    machine_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20
    for overrides in ({}, {"query_processes": 8}):  # query_memory_mb follows the processes asked for
        settings = Settings(overrides)
        assert settings["total_query_memory_mb"] == machine_mb // 2
        assert settings["query_processes"] * settings["query_memory_mb"] <= machine_mb // 2


def test_store_dir_naming_a_file(tmp_path):
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    _one_clear_line(_serve("--setting", "store_dir", str(a_file)), "store_dir", "Not a directory")


def test_store_dir_on_a_read_only_file_system():
    # /sys is mounted read-only here, even for root (a chmod'ed folder would not stop root)
    _one_clear_line(_serve("--setting", "store_dir", "/sys/hzkg-store"), "store_dir", "/sys/hzkg-store")


def test_a_taken_port():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        _one_clear_line(_serve(port=port), f"127.0.0.1:{port}", "in use")


def test_two_builds_at_once_both_succeed(tmp_path):
    out = tmp_path / "build"
    command = [str(Path(sys.executable).with_name("hzkg")), "build", "--quiet", "--out", str(out)]
    for _ in range(2):
        builds = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
        results = [(build.wait(timeout=300), build.stderr.read().decode()) for build in builds]
        for build in builds:
            build.stdout.close()
            build.stderr.close()
        assert all(code == 0 for code, _ in results), results
        assert sorted(path.name for path in out.iterdir()) == ["hzkg.nq", "report.json"]

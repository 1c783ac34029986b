"""The `hzkg` command documents its exit codes and runs the build end to end."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from hzkg.graph import paths
from checkout import CHECKOUT

HZKG = Path(sys.executable).parent / "hzkg"


def test_help_lists_the_exit_codes():
    result = subprocess.run([str(HZKG), "--help"], capture_output=True, text=True, check=True)
    for code in ("0  success", "1  the data does not conform", "2  error"):
        assert code in result.stdout
    build_help = subprocess.run([str(HZKG), "build", "--help"], capture_output=True, text=True, check=True)
    assert "exit codes" in build_help.stdout and "--out" in build_help.stdout


def test_build_with_missing_inputs_exits_2_without_traceback(tmp_path):
    code = (
        "import sys; from hzkg.service.cli.main import main; import hzkg.graph.build as b, functools; "
        f"b.run_build = functools.partial(b.run_build, facts_dir={str(tmp_path / 'none')!r}); "
        f"sys.exit(main(['build', '--out', {str(tmp_path / 'out')!r}]))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=CHECKOUT)
    assert result.returncode == 2
    assert "no such folder" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(not any(paths.FACTS_DIR.glob("*.ttl")), reason="graph/facts/ holds no data yet")
def test_build_and_check_the_plan_end_to_end(tmp_path):
    result = subprocess.run([str(HZKG), "build", "--out", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "[1/10] parse" in result.stderr and "hzkg build: wrote" in result.stderr
    report = json.loads((tmp_path / paths.REPORT_NAME).read_text(encoding="utf-8"))
    artifact = (tmp_path / paths.ARTIFACT_NAME).read_bytes()
    assert report["artifact_sha256"] == hashlib.sha256(artifact).hexdigest()
    assert report["triples"]["total"] == artifact.count(b"\n")
    checked = subprocess.run([str(HZKG), "check", "--json"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert json.loads(checked.stdout)["artifact_sha256"] == report["artifact_sha256"]

"""The `hzkg` command documents its exit codes and runs the build end to end."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from graph import paths

HZKG = Path(sys.executable).parent / "hzkg"


def test_help_lists_the_exit_codes():
    result = subprocess.run([str(HZKG), "--help"], capture_output=True, text=True, check=True)
    for code in ("0  success", "1  the data does not conform", "2  error"):
        assert code in result.stdout
    build_help = subprocess.run([str(HZKG), "build", "--help"], capture_output=True, text=True, check=True)
    assert "exit codes" in build_help.stdout and "--out" in build_help.stdout


def test_build_with_missing_inputs_exits_2_without_traceback(tmp_path):
    code = (
        "import sys; from service.cli import main; import graph.build as b, functools; "
        f"b.run_build = functools.partial(b.run_build, facts_dir={str(tmp_path / 'none')!r}); "
        f"sys.exit(main(['build', '--out', {str(tmp_path / 'out')!r}]))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=paths.ROOT)
    assert result.returncode == 2
    assert "no such folder" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()

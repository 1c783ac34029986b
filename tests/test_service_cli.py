"""`hzkg serve`: the settings table, overrides, and a clear exit on a missing or corrupt artifact."""
import subprocess

import pytest

from hzkg.service.settings import SETTINGS, Settings, SettingError
from service_fixtures import HZKG


def run(*arguments, timeout=60):
    return subprocess.run([HZKG, *arguments], capture_output=True, text=True, timeout=timeout)


def test_serve_help_documents_every_setting():
    help_text = run("serve", "--help").stdout
    for setting in SETTINGS:
        assert f"  {setting.name} " in help_text and setting.help in help_text
    for option in ("--host", "--port", "--engine", "--endpoint", "--setting NAME VALUE"):
        assert option in help_text


def test_settings_are_typed_and_checked():
    assert Settings({"time_limit": "2.5", "row_limit": "7"})["time_limit"] == 2.5
    with pytest.raises(SettingError, match="unknown setting 'colour'"):
        Settings({"colour": "red"})
    with pytest.raises(SettingError, match="row_limit: bad value '-1'"):
        Settings({"row_limit": "-1"})
    with pytest.raises(SettingError, match="engine: bad value 'jena'"):
        Settings({"engine": "jena"})


def test_a_bad_setting_exits_2():
    done = run("serve", "--setting", "time_limit", "soon")
    assert done.returncode == 2 and "time_limit" in done.stderr and "Traceback" not in done.stderr


def test_a_missing_artifact_says_run_hzkg_build(tmp_path):
    done = run("serve", "--setting", "artifact", str(tmp_path / "hzkg.nq"))
    assert done.returncode == 2
    assert "does not exist" in done.stderr and "hzkg build" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_corrupt_artifact_says_run_hzkg_build(tmp_path):
    corrupt = tmp_path / "hzkg.nq"
    corrupt.write_text('<https://w3id.org/hzkg/id/x> <http://p> "unterminated .\n', encoding="utf-8")
    done = run("serve", "--setting", "artifact", str(corrupt))
    assert done.returncode == 2
    assert "cannot load the dataset" in done.stderr and "hzkg build" in done.stderr
    assert "Traceback" not in done.stderr

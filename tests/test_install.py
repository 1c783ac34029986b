"""A plain (not editable) `pip install` of a clean clone works from any folder.

The clone is of the committed HEAD, as CI and a newcomer get it. The venv is fresh; its packages
come from the package index like anyone's. To save CPU (issue 20), the venv is made without a pip
of its own (ensurepip: 4 s of CPU), the test's pip installs into it (`pip --python`), and pip does
not byte-compile what it installs (--no-compile: half the install's CPU; Python compiles what it
imports as it runs): the files installed are the same.
"""
import json
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from checkout import CHECKOUT
from tools.loopback import free_port
from service_fixtures import _wait_until_answering, http, stop

TEST_PACKAGES = {"pytest", "playwright", "hypothesis", "oxigraph"}


def _pip(bin_dir: Path, *arguments: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """The test's pip, acting on the venv of `bin_dir`."""
    return subprocess.run([sys.executable, "-m", "pip", "--python", str(bin_dir / "python"), *arguments],
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The venv's bin folder, with hzkg installed from a clean clone."""
    work = tmp_path_factory.mktemp("install")
    subprocess.run(["git", "clone", "--quiet", str(CHECKOUT), str(work / "clone")], check=True)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(work / "venv")], check=True)
    bin_dir = work / "venv" / "bin"
    done = _pip(bin_dir, "install", "--quiet", "--no-compile", str(work / "clone"), timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return bin_dir


def test_the_distribution_installs_one_top_level_package_with_all_its_files(installed):
    site = next((installed.parent / "lib").glob("python3*/site-packages"))
    record = next(site.glob("hzkg-*.dist-info")) / "RECORD"
    tops = {line.split("/", 1)[0] for line in record.read_text().splitlines()}
    assert {top for top in tops if not top.startswith(("hzkg-", ".."))} == {"hzkg"}
    # Every file of the user's folders travels with the package: code, ontology, facts, the plan's
    # text, queries, templates and vendored scripts (a new data folder must be listed in pyproject).
    clone = installed.parent.parent / "clone"
    tracked = subprocess.run(["git", "ls-files", "graph", "service", "ontology", "queries"], cwd=clone,
                             capture_output=True, text=True, check=True).stdout.split()
    installed_files = {str(path.relative_to(site / "hzkg")) for path in (site / "hzkg").rglob("*")
                       if path.is_file() and path.suffix != ".pyc"}
    assert set(tracked) - installed_files == set()
    assert "graph/source/hangzhou-development-zones-12th-five-year-plan.zh.txt" in installed_files


def test_serving_pulls_in_no_test_packages(installed):
    listed = _pip(installed, "list", "--format", "json")
    assert listed.returncode == 0, listed.stderr[-3000:]
    names = {package["name"].lower() for package in json.loads(listed.stdout)}
    assert {"rdflib", "pyoxigraph", "flask", "waitress"} <= names
    assert not names & TEST_PACKAGES


def test_build_and_serve_in_an_empty_folder(installed, tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "HZKG_DATA_DIR")}
    built = subprocess.run([str(installed / "hzkg"), "build", "--quiet"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-3000:]
    assert (tmp_path / "build" / "hzkg.nq").stat().st_size > 100_000
    port = free_port()
    process = subprocess.Popen([str(installed / "hzkg"), "serve", "--port", str(port)],
                               cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_until_answering(url + "/sparql?query=ASK%7B%7D", process)
        query = "SELECT (COUNT(*) AS ?zones) WHERE { ?z a <https://w3id.org/hzkg/def/DevelopmentZone> }"
        answer = http(url + "/sparql?query=" + urllib.parse.quote(query),
                      headers={"Accept": "application/sparql-results+json"})
        assert answer.status == 200
        assert answer.json()["results"]["bindings"][0]["zones"]["value"] == "17"  # 15 of the plan period, 2 consolidated
        page = http(url + "/queries/zones")
        assert page.status == 200 and "杭州经济技术开发区" in page.text
    finally:
        stop(process)

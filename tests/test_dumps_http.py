"""Dumps under /export with a SHA-256 manifest: every file listed, its hash that of the bytes
served, `sha256sum -c` accepts the SHA256SUMS, and the N-Quads dump is the whole dataset."""
from __future__ import annotations

import csv
import hashlib
import io
import subprocess
from urllib.parse import quote

import pyoxigraph as ox

from hzkg.graph.version import package_version
from service_fixtures import assert_error


def test_the_manifest_lists_every_dump_with_the_hash_of_its_bytes(plan_server, plan_artifact):
    manifest = plan_server.get("/export/manifest.json", timeout=180).json()  # makes every dump: slow on a busy machine
    assert manifest["version"] == package_version()
    names = {entry["file"] for entry in manifest["files"]}
    tables = {"hzkg-zones.csv", "hzkg-observations.csv", "hzkg-industry-roles.csv", "hzkg-citations.csv",
              "hzkg-partnerships.csv", "hzkg-national-bases.csv"}
    excel = {name.replace(".csv", ".excel.csv") for name in tables}  # the same, with a byte-order mark (issue 24)
    assert {"hzkg.nq", "hzkg.ttl", "hzkg.jsonld", *tables, *excel} == names
    for entry in manifest["files"]:
        answer = plan_server.get(entry["url"])
        assert answer.status == 200 and answer.content_type == entry["mediaType"]
        assert hashlib.sha256(answer.body).hexdigest() == entry["sha256"] == answer.headers["hzkg-sha256"]
        assert len(answer.body) == entry["bytes"]
    quads = list(ox.parse(plan_server.get("/export/files/hzkg.nq").body, format=ox.RdfFormat.N_QUADS))
    assert len(quads) == len(plan_artifact.read_text(encoding="utf-8").splitlines())


def test_the_tables_are_csv_with_a_header_and_the_plan_s_rows(plan_server):
    zones = list(csv.DictReader(io.StringIO(plan_server.get("/export/files/hzkg-zones.csv").text)))
    assert len(zones) == 15 and "zone_zh" in zones[0]
    citations = list(csv.DictReader(io.StringIO(plan_server.get("/export/files/hzkg-citations.csv").text)))
    anchored = plan_server.get("/sparql?query=" + quote("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a <https://w3id.org/hzkg/def/Citation> ; "
                               "<http://www.w3.org/ns/oa#hasSelector> ?s }"), headers={"Accept": "text/csv"}).text.split()[1]
    assert len(citations) == int(anchored) > 270 and all(row["start"] and row["end"] for row in citations)
    observations = list(csv.DictReader(io.StringIO(plan_server.get("/export/files/hzkg-observations.csv").text)))
    assert len({row["observation"] for row in observations}) == 88


def test_sha256sum_checks_the_downloaded_files(plan_server, tmp_path):
    sums = plan_server.get("/export/SHA256SUMS", timeout=180).text
    for line in sums.splitlines():
        name = line.split("  ", 1)[1]
        (tmp_path / name).write_bytes(plan_server.get(f"/export/files/{name}").body)
    (tmp_path / "SHA256SUMS").write_text(sums, encoding="utf-8")
    checked = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=tmp_path, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count(": OK") == 15


def test_an_unknown_dump_is_a_404_naming_the_manifest(plan_server):
    assert_error(plan_server.get("/export/files/secret.txt"), 404, "/export/manifest.json")

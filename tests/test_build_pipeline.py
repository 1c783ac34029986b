"""hzkg build on the small fixture: it writes sorted N-Quads, the same bytes every time."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pyoxigraph
import pytest
from build_helpers import FixtureProject

from hzkg.graph import paths
from hzkg.graph.geometry import GRAPH_GEOMETRY
from checkout import CHECKOUT


@pytest.fixture
def project(tmp_path):
    return FixtureProject(tmp_path / "project")


def test_build_writes_sorted_nquads_and_report(project, capsys):
    assert project.build() == 0
    data = (project.out / paths.ARTIFACT_NAME).read_bytes()
    assert data.endswith(b"\n")
    lines = data.decode("utf-8").splitlines()
    assert lines == sorted(lines)
    assert all(line.endswith(" .") for line in lines)
    graphs = {line.rsplit(" ", 2)[1] for line in lines}
    assert graphs == {f"<{g}>" for g in (paths.GRAPH_ONTOLOGY, paths.GRAPH_FACTS, paths.GRAPH_TEXT, paths.GRAPH_INFERRED,
                                          GRAPH_GEOMETRY)}
    assert "_:" not in data.decode("utf-8"), "blank nodes must be skolemized"
    quads = list(pyoxigraph.parse(data, pyoxigraph.RdfFormat.N_QUADS))
    assert len(quads) == len(lines) == len(set(lines))
    assert any('with "quotes" and a backslash \\' in q.object.value for q in quads if hasattr(q.object, "language"))
    report = json.loads((project.out / paths.REPORT_NAME).read_text(encoding="utf-8"))
    assert report["conforms"] is True
    assert report["triples"]["total"] == len(lines)
    assert report["triples"]["asserted"] + report["triples"]["inferred"] + report["triples"]["geometry"] == len(lines)
    assert report["classes"][paths.DEF + "Zone"] == 2  # one asserted, one through hz:NationalZone
    assert set(report["timings_s"]) >= {"parse", "terms", "shapes", "provenance", "conflicts", "inference"}
    import hashlib

    assert report["artifact_sha256"] == hashlib.sha256(data).hexdigest()


def test_progress_goes_to_stderr_with_timings(project, capsys):
    from hzkg.graph.build import run_build

    assert run_build(out_dir=project.out, quiet=False, **project.inputs) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "[1/10] parse" in captured.err and "[6/10] inference" in captured.err and "[7/10] shapes" in captured.err
    assert " s\n" in captured.err


def _build_in_subprocess(project: FixtureProject, out, hash_seed: str) -> None:
    code = (
        "import sys; from pathlib import Path; from hzkg.graph.build import run_build; "
        f"sys.exit(run_build(out_dir={str(out)!r}, quiet=True, ontology_dir=Path({str(project.path('ontology'))!r}), "
        f"facts_dir=Path({str(project.path('facts'))!r}), source_text=Path({str(project.path('source/plan.zh.txt'))!r})))"
    )
    env = dict(os.environ, PYTHONHASHSEED=hash_seed)
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=CHECKOUT)


def test_two_builds_are_byte_identical(project, tmp_path):
    # Separate processes with different hash seeds: set order and blank node ids differ.
    _build_in_subprocess(project, tmp_path / "a", "1")
    _build_in_subprocess(project, tmp_path / "b", "2")
    first = (tmp_path / "a" / paths.ARTIFACT_NAME).read_bytes()
    assert first == (tmp_path / "b" / paths.ARTIFACT_NAME).read_bytes()
    assert project.build() == 0
    assert (project.out / paths.ARTIFACT_NAME).read_bytes() == first


def test_check_prints_report_and_writes_nothing(project, capsys):
    assert project.check() == 0
    out = capsys.readouterr().out
    assert "data conforms" in out and "resources by class" in out
    assert not project.out.exists()


def test_check_json_is_the_report(project, capsys):
    assert project.check(as_json=True) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["validation"] == {"conforms": True, "violations": 0, "warnings": 0, "findings": []}
    assert report["conflicts"] == []
    assert not project.out.exists()


def test_conflicts_are_reported_and_do_not_fail_the_build(project, capsys):
    # The text says 600, the appendix table 630: keep both, report the conflict.
    project.path("facts/conflict.ttl").write_text(
        """@prefix hz: <https://w3id.org/hzkg/def/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/hzkg/id/observation/hangzhou-etdz-gdp-2015-text> a hz:Observation ;
    hz:refArea <https://w3id.org/hzkg/id/zone/hangzhou-etdz> ;
    hz:indicator hz:GDP ; hz:valueKind hz:Target ; hz:qualifier hz:Exact ;
    hz:year "2015"^^xsd:gYear ; hz:value 600.0 ;
    hz:citation [ hz:section <https://w3id.org/hzkg/id/section/5-1> ;
        hz:quote "杭州经济技术开发区2015年地区生产总值预计达到600亿元" ] .
""",
        encoding="utf-8",
    )
    assert project.build() == 0
    report = json.loads((project.out / paths.REPORT_NAME).read_text(encoding="utf-8"))
    assert [c["kind"] for c in report["conflicts"]] == ["value"]
    conflict = report["conflicts"][0]
    assert set(conflict["subjects"]) == {
        f"{paths.ID}observation/hangzhou-etdz-gdp-2015",
        f"{paths.ID}observation/hangzhou-etdz-gdp-2015-text",
    }
    assert {s["section"] for s in conflict["sources"]} == {"附表", "五（一）"}
    assert project.check() == 0
    assert "conflicts in the plan: 1" in capsys.readouterr().out

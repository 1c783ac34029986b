"""/network/<analysis> and /export/<format> against a real server over the plan's data,
and `hzkg network` / `hzkg export` in the terminal."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import xml.etree.ElementTree as ElementTree
from urllib.parse import quote

import pyoxigraph as ox
import pytest

from service_fixtures import HZKG, assert_error

ID = "https://w3id.org/hzkg/id/"


def test_summary_counts_nodes_and_edges(plan_server):
    answer = plan_server.get("/network").json()
    assert answer["ok"] is True and answer["nodes"] == sum(answer["kinds"].values())
    assert answer["edges"] == sum(relation["edges"] for relation in answer["relations"])
    assert answer["kinds"]["DevelopmentZone"] == 17  # 15 + the two consolidated zones (杭州出口加工区, 杭州江东工业园区)


def test_shared_industries_top_pair(plan_server):
    [pair] = plan_server.get("/network/shared-industries?top=1").json()["pairs"]
    assert {pair["zone_a"]["label_zh"], pair["zone_b"]["label_zh"]} == {"杭州经济技术开发区", "萧山经济技术开发区"}
    assert pair["shared"] == 6 == len(pair["industries"])  # each shared industry once, at its most specific level
    # 软件 and 高端装备制造业: the Xiaoshan ETDZ is assigned narrower ones (软件服务 …), not these (issue 22)
    assert sorted(i["label_zh"] for i in pair["industries"] if i["only_through_taxonomy"]) == ["软件", "高端装备制造业"]


def test_centrality_ranks_zones(plan_server):
    answer = plan_server.get("/network/centrality?measure=betweenness&kind=DevelopmentZone&top=3").json()
    assert [entry["iri"] for entry in answer["ranking"]][0] == ID + "zone/hangzhou-hitech-zone"
    assert len(answer["ranking"]) == 3 and answer["ranking"][0]["score"] >= answer["ranking"][1]["score"]


def test_communities_and_similarity(plan_server):
    communities = plan_server.get("/network/communities").json()
    assert sum(len(members) for members in communities["communities"]) == 17 and communities["modularity"] > 0
    similar = plan_server.get("/network/similarity?zone=zone/hangzhou-hitech-zone&top=1").json()
    assert similar["zones"][0]["most_similar"][0]["iri"] == ID + "zone/hangzhou-etdz"


def test_path_from_tonglu_to_the_hi_tech_zone(plan_server):
    answer = plan_server.get("/network/path?from=" + quote("桐庐") + "&to=" + quote("杭州高新技术产业开发区")).json()
    assert answer["length"] == 3 and answer["explanation_zh"].startswith("桐庐 —[位于]→ 杭州市")
    assert [step["label_en"] for step in answer["steps"]] == ["located in", "located in", "linked to cluster"]


@pytest.mark.parametrize("path, status, words", [
    ("/network/nonsense", 404, ["no network analysis named 'nonsense'", "centrality"]),
    ("/network/centrality?measure=pagerank", 400, ["parameter measure", "betweenness"]),
    ("/network/centrality?top=lots", 400, ["parameter top", "whole number"]),
    ("/network/centrality?colour=red", 400, ["unknown: colour"]),
    ("/network/path?from=" + quote("桐庐"), 400, ["parameter to is required"]),
    ("/network/path?from=" + quote("桐庐") + "&to=nowhere", 404, ["no node is named 'nowhere'"]),
    ("/network/similarity?zone=" + quote("桐庐"), 400, ["not a DevelopmentZone"]),
    ("/export/pdf", 404, ["no export named 'pdf'", "graphml"]),
    ("/export/turtle?projection=partnerships", 400, ["unknown: projection"]),
])
def test_mistakes_are_answered_in_the_one_error_shape(plan_server, path, status, words):
    assert_error(plan_server.get(path, headers={"Accept": "application/json"}), status, *words)


def test_graphml_and_gexf_parse_and_hold_the_whole_network(plan_server):
    summary = plan_server.get("/network").json()
    for name, namespace in (("graphml", "http://graphml.graphdrawing.org/xmlns"), ("gexf", "http://www.gexf.net/1.2draft")):
        answer = plan_server.get(f"/export/{name}")
        assert answer.status == 200 and "attachment" in answer.headers["content-disposition"]
        root = ElementTree.fromstring(answer.body)
        assert len(root.findall(f".//{{{namespace}}}node")) == summary["nodes"]
        assert len(root.findall(f".//{{{namespace}}}edge")) == summary["edges"]


def test_csv_exports_for_gephi(plan_server):
    nodes = list(csv.DictReader(io.StringIO(plan_server.get("/export/nodes-csv").text)))
    shared = plan_server.get("/export/edges-csv?projection=shared-industries")
    assert 'filename="hzkg-shared-industries-edges.csv"' in shared.headers["content-disposition"]
    edges = list(csv.DictReader(io.StringIO(shared.text)))
    assert {"Id", "Label", "kind"} <= set(nodes[0]) and len(nodes) == plan_server.get("/network").json()["nodes"]
    assert len(edges) == 71 and {edge["Type"] for edge in edges} == {"Undirected"}
    assert max(int(edge["Weight"]) for edge in edges) == 6
    strongest = max(edges, key=lambda edge: int(edge["Weight"]))
    assert "汽车及零部件" in strongest["industries"].split("; ") and "https://" not in strongest["industries"]
    gexf = plan_server.get("/export/gexf?projection=shared-industries")
    assert 'filename="hzkg-shared-industries.gexf"' in gexf.headers["content-disposition"]
    values = [value.get("value") for value in ElementTree.fromstring(gexf.body).iter("{http://www.gexf.net/1.2draft}attvalue")]
    assert any("汽车产业" in value.split("; ") for value in values)


def test_rdf_exports_hold_the_whole_dataset(plan_server, plan_artifact):
    expected = set(ox.parse(plan_artifact.read_bytes(), format=ox.RdfFormat.N_QUADS))
    for name, syntax in (("nquads", ox.RdfFormat.N_QUADS), ("jsonld", ox.RdfFormat.JSON_LD)):
        assert set(ox.parse(plan_server.get(f"/export/{name}").body, format=syntax)) == expected, name
    turtle = set(ox.parse(plan_server.get("/export/turtle").body, format=ox.RdfFormat.TURTLE))
    assert {(quad.subject, quad.predicate, quad.object) for quad in turtle} == {
        (quad.subject, quad.predicate, quad.object) for quad in expected}


def run(*arguments):
    return subprocess.run([HZKG, *arguments], capture_output=True, text=True, timeout=60)


def test_hzkg_network_in_the_terminal(plan_artifact):
    done = run("network", "path", "from=桐庐", "to=zone/hangzhou-hitech-zone", "--setting", "artifact", str(plan_artifact))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["explanation_zh"].endswith("杭州高新技术产业开发区")
    failed = run("network", "path", "from=桐庐", "to=nowhere", "--setting", "artifact", str(plan_artifact))
    assert failed.returncode == 2 and "no node is named 'nowhere'" in failed.stderr and "Traceback" not in failed.stderr
    assert run("network", "path", "桐庐", "--setting", "artifact", str(plan_artifact)).returncode == 2


def test_hzkg_export_writes_a_file(plan_artifact, tmp_path):
    out = tmp_path / "shared.gexf"
    done = run("export", "gexf", "projection=shared-industries", "--out", str(out), "--setting", "artifact", str(plan_artifact))
    assert done.returncode == 0, done.stderr
    assert len(ElementTree.parse(out).getroot().findall(".//{http://www.gexf.net/1.2draft}edge")) == 71
    missing = run("export", "turtle", "--out", str(tmp_path / "no" / "such" / "dir.ttl"),
                  "--setting", "artifact", str(plan_artifact))
    assert missing.returncode == 2 and "cannot write" in missing.stderr and "no such folder" in missing.stderr


def test_eigenvector_on_the_shared_industry_projection_uses_the_weights(plan_server):
    answer = plan_server.get("/network/centrality?measure=eigenvector&projection=shared-industries&top=2").json()
    assert answer["weighted"] is True
    # weights count each shared industry once (the ETDZ–Xiaoshan pair fell from 11 to 6), so Jiande, which
    # shares 4–5 industries with each of the big zones, now comes second
    assert [entry["label_zh"] for entry in answer["ranking"]] == ["杭州经济技术开发区", "浙江建德经济开发区"]


def test_a_reader_that_stops_early_is_not_an_error(plan_artifact):
    # like `hzkg export nquads | head -1`
    process = subprocess.Popen([HZKG, "export", "nquads", "--setting", "artifact", str(plan_artifact)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        process.stdout.readline()
        process.stdout.close()
        returncode = process.wait(timeout=150)  # the export's own limit is 120 s (cli/main.py)
        stderr = process.stderr.read().decode()
    finally:
        process.stderr.close()  # also when the export failed: a pipe left open fails a later test (ResourceWarning)
    assert returncode == 0, stderr
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr

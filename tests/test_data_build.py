"""Building the plan's real data: the conflicts it contains, the entailments queries
rely on, and a deterministic artifact."""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from hzkg.graph import paths
from hzkg.graph.build import run_build

HZ = paths.DEF
ID = paths.ID
SKOS = "http://www.w3.org/2004/02/skos/core#"


@pytest.fixture(scope="module")
def report(plan_artifact) -> dict:
    return json.loads((plan_artifact.parent / paths.REPORT_NAME).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def inferred(plan_artifact) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(plan_artifact), format=ox.RdfFormat.N_QUADS)
    return store


def test_two_builds_are_byte_identical(plan_artifact, tmp_path):
    assert run_build(out_dir=tmp_path, quiet=True) == 0
    assert (tmp_path / paths.ARTIFACT_NAME).read_bytes() == plan_artifact.read_bytes()
    assert json.loads((tmp_path / paths.REPORT_NAME).read_text())["artifact_sha256"] == json.loads(
        (plan_artifact.parent / paths.REPORT_NAME).read_text())["artifact_sha256"]


def test_the_conflicts_the_plan_contains_are_reported(report):
    messages = {(c["kind"], c["message"]) for c in report["conflicts"]}
    kinds = sorted(kind for kind, _ in messages)
    assert kinds == ["comparability"] * 3 + ["count"] + ["naming"] * 10 + ["scope", "total", "value"]
    value = next(c for c in report["conflicts"] if c["kind"] == "value")
    assert "浙江临安经济开发区" in value["message"] and "200" in value["message"] and "100" in value["message"]
    assert {s["section"] for s in value["sources"]} == {"四（二）7", "附表"}
    total = next(c for c in report["conflicts"] if c["kind"] == "total")
    assert "3241" in total["message"] and "3141" in total["message"]
    naming = " ".join(message for kind, message in messages if kind == "naming")
    for fragment in ("江东副城", "Jiangnan block", "富阳高新技术产业园区", "临安经济技术开发区"):
        assert fragment in naming


ENTAILMENTS = [
    # (subject, predicate, object): why it must be there
    (ID + "zone/hangzhou-etdz", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", HZ + "Place"),  # subclass
    (ID + "zone/hangzhou-etdz", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "https://schema.org/Place"),
    (ID + "zone/hangzhou-etdz", HZ + "promotesIndustry", ID + "industry/biomedicine"),  # chain hasRole/promotedIndustry
    (ID + "zone/hangzhou-etdz", HZ + "hasIndustry", ID + "industry/biomedicine"),  # subproperty of the chain
    (ID + "zone/xiaoshan-etdz", HZ + "restructuresIndustry", ID + "industry/electronic-information"),  # chain
    (ID + "industry-role/xiaoshan-etdz/electronic-information-restructure-shibei-qiaonan", HZ + "industry",
     ID + "industry/electronic-information"),  # subproperty
    (ID + "industry/biomedicine", HZ + "industryOf", ID + "zone/hangzhou-etdz"),  # inverse
    (ID + "industry/biomedicine", SKOS + "broaderTransitive", ID + "industry/strategic-emerging-industry"),  # transitive
    (ID + "industry/new-energy", SKOS + "narrowerTransitive", ID + "industry/solar-pv"),  # inverse + subproperty
    (ID + "zone/hangzhou-etdz", HZ + "hasIndustryBroadly", ID + "industry/strategic-emerging-industry"),
    (ID + "zone/linjiang-industrial-park", HZ + "hasIndustryBroadly", ID + "industry/new-energy-new-materials"),
    (ID + "zone/jiande-edz", HZ + "cooperatesWith", ID + "zone/hangzhou-etdz"),
    (ID + "zone/hangzhou-etdz", HZ + "cooperatesWith", ID + "zone/jiande-edz"),  # symmetric
    (ID + "zone/yuhang-edz", HZ + "drives", ID + "park/tangqi-equipment-park"),
    (ID + "park/tangqi-equipment-park", HZ + "drivenBy", ID + "zone/yuhang-edz"),
    (ID + "park/tangqi-equipment-park", HZ + "linkedWith", ID + "zone/yuhang-edz"),  # subproperty + symmetric
    (ID + "zone/hangzhou-etdz", HZ + "inNationalBase", ID + "base/biotech-high-tech-base"),
    (ID + "base/biotech-high-tech-base", HZ + "baseMember", ID + "zone/yuhang-edz"),
    (ID + "zone/yuhang-edz", HZ + "inSubCity", ID + "sub-city/linping"),
    (ID + "zone/hangzhou-airport-edz", HZ + "proposedInCluster", ID + "cluster/dajiangdong"),  # not inCluster (issue 22)
    (ID + "zone/hangzhou-airport-edz", HZ + "relatesToCluster", ID + "cluster/dajiangdong"),
    (ID + "zone/tonglu-edz", HZ + "aspiresToBase", ID + "base/new-energy-base"),
    (ID + "zone/qianjiang-edz", HZ + "reliesOnBase", ID + "base/semiconductor-lighting-base"),
    (ID + "base-role/qianjiang-edz/semiconductor-lighting-base", HZ + "base", ID + "base/semiconductor-lighting-base"),
    (ID + "cluster-park/dajiangdong-automotive", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "https://schema.org/Place"),
    (ID + "block/hangzhou-hitech-jiangnan", HZ + "hasBlock", ID + "block/hangzhou-hitech-binjiang-new-town"),
    (ID + "area/tangqi-town", HZ + "locatedIn", ID + "area/hangzhou"),  # transitive
    (ID + "observation/linan-edz-gdp-2015-table", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://purl.org/linked-data/cube#Observation"),
]


@pytest.mark.parametrize("subject, predicate, obj", ENTAILMENTS, ids=[f"{s.rsplit('/', 1)[-1]}-{p.rsplit('/', 1)[-1]}" for s, p, _ in ENTAILMENTS])
def test_named_entailment_is_in_the_inferred_graph(inferred, subject, predicate, obj):
    quad = ox.Quad(ox.NamedNode(subject), ox.NamedNode(predicate), ox.NamedNode(obj), ox.NamedNode(paths.GRAPH_INFERRED))
    assert quad in inferred


def test_no_axiomatic_noise_is_kept(inferred):
    noise = """
        ASK { GRAPH <%s> {
          { ?s a <http://www.w3.org/2002/07/owl#Thing> } UNION { ?s a <http://www.w3.org/2000/01/rdf-schema#Resource> }
          UNION { ?s <http://www.w3.org/2002/07/owl#sameAs> ?s }
        } }""" % paths.GRAPH_INFERRED
    assert not inferred.query(noise)

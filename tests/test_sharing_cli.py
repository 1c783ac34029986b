"""`hzkg compare A B` in the terminal: the same comparison as /compare, as text or JSON, on the plan's data."""
from __future__ import annotations

import json
import re
import subprocess

from service_fixtures import HZKG


def hzkg_compare(plan_artifact, *arguments) -> subprocess.CompletedProcess:
    return subprocess.run([HZKG, "compare", *arguments, "--setting", "artifact", str(plan_artifact)],
                          capture_output=True, text=True, timeout=300)


def test_compare_prints_the_six_shared_industries_and_the_figures(plan_artifact):
    done = hzkg_compare(plan_artifact, "杭州经济技术开发区", "萧山经济技术开发区")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "杭州经济技术开发区 · 萧山经济技术开发区"
    assert "共有（6）：" in lines and "相似度 0.261" in done.stdout
    assert "萧山经济技术开发区 只经由分类：软件服务 → 软件" in done.stdout
    assert "杭州经济技术开发区：630亿元（四（二）1、附表）" in done.stdout
    assert "萧山经济技术开发区：250亿元左右（四（二）3、附表）" in done.stdout


def test_compare_in_english_says_every_word_in_english(plan_artifact):
    done = hzkg_compare(plan_artifact, "杭州经济技术开发区", "萧山经济技术开发区", "--lang", "en")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Hangzhou Economic and Technological Development Zone · Xiaoshan Economic and Technological Development Zone"
    assert "shared (6):" in lines and "similarity 0.261" in done.stdout
    assert "Xiaoshan Economic and Technological Development Zone only through the taxonomy: Software services → Software" in done.stdout
    assert "Xiaoshan Economic and Technological Development Zone: about 25 billion yuan (§4-2-3" in done.stdout
    assert re.findall(r"[\u4e00-\u9fff]+", done.stdout) == []


def test_compare_as_json_with_short_ids_and_a_clear_error_for_an_unknown_zone(plan_artifact):
    done = hzkg_compare(plan_artifact, "zone/hangzhou-etdz", "zone/linan-edz", "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert [zone["label"] for zone in document["zones"]] == ["杭州经济技术开发区", "浙江临安经济开发区"]
    gdp = [row for row in document["figures"] if row["indicator_zh"] == "地区生产总值" and row["when"] == "2015"][0]
    assert sorted(f["value"] for f in gdp["by_zone"]["https://w3id.org/hzkg/id/zone/linan-edz"]) == [100, 200]
    unknown = hzkg_compare(plan_artifact, "杭州经济技术开发区", "atlantis")
    assert unknown.returncode == 2 and unknown.stdout == ""
    assert unknown.stderr.startswith("hzkg compare: parameter zone: nothing is named 'atlantis'; did you mean")
    assert "Traceback" not in unknown.stderr

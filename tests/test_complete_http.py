"""/complete, the editor's autocompletion from our own data, on a real server over the plan's data."""
from __future__ import annotations

from urllib.parse import quote

import pytest

from service_fixtures import assert_error


def complete(server, text: str, **extra) -> list[dict]:
    query = "".join(f"&{key}={value}" for key, value in extra.items())
    answer = server.get("/complete?prefix=" + quote(text) + query)
    assert answer.status == 200, answer.text[:300]
    return answer.json()["results"]


def test_pinyin_offers_the_automotive_industry_first(plan_server):
    results = complete(plan_server, "qiche")
    assert results[0]["label"] == "汽车产业" and results[0]["matched"] == "汽车"
    assert results[0]["insert"] == "industry:automotive"  # the editor declares industry: (graph/prefixes.py)
    assert results[0]["label_en"] == "Automotive industry"


def test_chinese_offers_the_class_as_a_prefixed_name(plan_server):
    results = complete(plan_server, "开发区")
    top = [r["insert"] for r in results[:5]]
    assert "hz:DevelopmentZone" in top
    zone = next(r for r in results if r["insert"] == "hz:DevelopmentZone")
    assert zone["kind"] == "class" and zone["label"] == "开发区（园区）"


@pytest.mark.parametrize("text, expected", [
    ("hz:Dev", "hz:DevelopmentZone"),
    ("https://w3id.org/hzkg/id/industry/auto", "industry:automotive"),
    ("industry:auto", "industry:automotive"),
    ("automotive", "industry:automotive"),
    ("xiasha", "sub-city:xiasha"),
    ("cooperates", "hz:cooperatesWith"),
])
def test_names_iris_english_and_pinyin_complete(plan_server, text, expected):
    assert expected in [r["insert"] for r in complete(plan_server, text)]


def test_properties_are_marked_and_the_limit_holds(plan_server):
    results = complete(plan_server, "hz:", limit=50)
    assert len(results) == 50 and all(r["insert"].startswith("hz:") for r in results)
    assert {"class", "property"} <= {r["kind"] for r in results}
    assert complete(plan_server, "   ") == []


def test_bad_completion_requests_say_what_to_do(plan_server):
    assert_error(plan_server.get("/complete?prefix=qi&limit=many"), 400, "limit", "whole number")
    assert_error(plan_server.get("/complete?prefix=qi&limit=0"), 400, "limit")
    assert_error(plan_server.get("/complete?prefix=" + "x" * 201), 400, "longer than 200")

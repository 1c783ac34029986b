"""Which zones share what, over HTTP on a real server over the plan: /matrix, /compare and /overlap answer
their JSON contracts (issue 23), and their numbers are the graph's and the named queries'."""
from __future__ import annotations

import csv
import io
import re
from urllib.parse import quote

import pytest

from service_fixtures import assert_error

ID = "https://w3id.org/hzkg/id/"
HZ = "https://w3id.org/hzkg/def/"
ZONE = f"<{HZ}DevelopmentZone>"


def rows(plan_store, query: str) -> list[tuple]:
    return [tuple(str(term) for term in row) for row in plan_store.run(query, 100_000).rows]


def named(server, name: str) -> list[dict]:
    answer = server.get(f"/queries/{name}?format=json")
    assert answer.status == 200, answer.text[:300]
    return [{key: cell["value"] for key, cell in row.items()} for row in answer.json()["results"]["bindings"]]


def test_matrix_cells_are_exactly_the_zones_has_industry_links(plan_server, plan_store):
    matrix = plan_server.get("/matrix", headers={"Accept": "application/json"}).json()
    assert set(matrix) >= {"zones", "industries", "cells"}
    assert all(set(zone) >= {"iri", "label"} for zone in matrix["zones"])
    assert all(set(industry) >= {"iri", "label", "group"} for industry in matrix["industries"])
    holding = {(cell["zone"], cell["industry"]) for cell in matrix["cells"]
               if any(role["kind"] != HZ + "RestructureAway" for role in cell["roles"])}
    links = set(rows(plan_store, f"SELECT ?z ?i WHERE {{ ?z a {ZONE} ; <{HZ}hasIndustry> ?i }}"))
    assert len(links) > 100 and holding == links
    # the restructure-away roles are cells too (四（二）3's 市北 and 桥南 blocks), without making the zone hold them
    away = [cell for cell in matrix["cells"] if all(role["kind"] == HZ + "RestructureAway" for role in cell["roles"])]
    assert away and not {(cell["zone"], cell["industry"]) for cell in away} & links
    columns = {industry["iri"] for industry in matrix["industries"]}
    assert {cell["industry"] for cell in matrix["cells"]} <= columns
    assert all(role["section"] and role["sentence"] and role["label"] for cell in matrix["cells"] for role in cell["roles"])


def test_matrix_role_kinds_come_from_the_graph(plan_server, plan_store):
    matrix = plan_server.get("/matrix?format=json").json()
    used = {kind for (kind,) in rows(plan_store, f"SELECT DISTINCT ?k WHERE {{ ?r a <{HZ}IndustryRole> ; <{HZ}roleKind> ?k }}")}
    assert {kind["kind"] for kind in matrix["role_kinds"]} == used
    assert {role["kind"] for cell in matrix["cells"] for role in cell["roles"]} <= used


def test_matrix_as_tidy_csv(plan_server):
    answer = plan_server.get("/matrix?format=csv")
    assert answer.status == 200 and answer.content_type == "text/csv"
    table = list(csv.DictReader(io.StringIO(answer.text)))
    assert list(table[0])[:6] == ["zone", "zone_label", "zone_label_en", "industry", "industry_label", "industry_label_en"]
    assert {"role_kind", "role", "role_en", "section"} <= set(table[0])  # each name and word in Chinese and English
    matrix = plan_server.get("/matrix?format=json").json()
    assert {(row["zone"], row["industry"]) for row in table} == {(c["zone"], c["industry"]) for c in matrix["cells"]}
    assert plan_server.get("/matrix", headers={"Accept": "text/csv"}).content_type == "text/csv"


def test_compare_shares_what_the_named_query_counts_for_the_pair(plan_server):
    pairs = {frozenset((row["zone_a"], row["zone_b"])): int(row["shared"])
             for row in named(plan_server, "zone-pairs-sharing-industries")}
    path = "/compare?zone=" + quote("杭州经济技术开发区") + "&zone=" + quote("萧山经济技术开发区")
    answer = plan_server.get(path, headers={"Accept": "application/json"}).json()
    etdz, xiaoshan = ID + "zone/hangzhou-etdz", ID + "zone/xiaoshan-etdz"
    assert [zone["iri"] for zone in answer["zones"]] == [etdz, xiaoshan]
    assert len(answer["shared"]) == pairs[frozenset((etdz, xiaoshan))] == 6
    shared = {industry["iri"] for industry in answer["shared"]}
    only = {zone: {industry["iri"] for industry in items} for zone, items in answer["only"].items()}
    assert set(only) == {etdz, xiaoshan} and not (only[etdz] | only[xiaoshan]) & shared
    similarity = {(row["zone_a"], row["zone_b"]): float(row["similarity"]) for row in named(plan_server, "zone-pair-similarity")}
    assert round(answer["similarity"], 3) == similarity[(etdz, xiaoshan)]


def test_compare_resolves_short_ids_and_iris_and_says_what_is_wrong(plan_server):
    by_id = plan_server.get("/compare?zone=zone/linan-edz&zone=" + quote(ID + "zone/hangzhou-etdz") + "&format=json").json()
    assert [zone["label"] for zone in by_id["zones"]] == ["浙江临安经济开发区", "杭州经济技术开发区"]
    assert_error(plan_server.get("/compare?zone=zone/linan-edz&format=json"), 400, "2 to 4 zones")
    assert_error(plan_server.get("/compare?zone=zone/linan-edz&zone=" + quote("没有这个区") + "&format=json"), 404, "zone")
    five = "&".join(f"zone=zone/{slug}" for slug in ("linan-edz", "hangzhou-etdz", "xiaoshan-etdz", "jiande-edz", "tonglu-edz"))
    assert_error(plan_server.get(f"/compare?{five}&format=json"), 400, "at most 4")


def test_compare_says_when_sharing_comes_only_through_the_taxonomy(plan_server):
    pairs = named(plan_server, "zone-pairs-sharing-industries")
    for row in pairs:
        answer = plan_server.get(f"/compare?zone={quote(row['zone_a'])}&zone={quote(row['zone_b'])}&format=json").json()
        assert len(answer["shared"]) == int(row["shared"]), row
    # one pair at least shares an industry that one side holds only through a broader or related link
    through = [industry for row in pairs[:20] for industry in plan_server.get(
        f"/compare?zone={quote(row['zone_a'])}&zone={quote(row['zone_b'])}&format=json").json()["shared"]
        if industry["through_taxonomy"]]
    assert through and all(len(path) >= 2 and path[-1] == industry["label"]
                           for industry in through for path in industry["through_taxonomy"].values())


def test_overlap_pairs_are_the_named_querys_and_distinctive_industries_are_held_alone(plan_server, plan_store):
    overlap = plan_server.get("/overlap", headers={"Accept": "application/json"}).json()
    sharing = {frozenset((row["zone_a"], row["zone_b"])): int(row["shared"])
               for row in named(plan_server, "zone-pairs-sharing-industries")}
    assert len(sharing) == 71
    assert {frozenset(pair["zones"]): pair["shared"] for pair in overlap["pairs"] if pair["shared"] > 0} == sharing
    assert all(0 <= pair["similarity"] <= 1 and 0 <= pair["role_weighted"] <= 1 for pair in overlap["pairs"])
    links = set(rows(plan_store, f"SELECT ?z ?i WHERE {{ ?z a {ZONE} ; <{HZ}hasIndustry> ?i }}"))
    holders: dict[str, set] = {}
    for zone, industry in links:
        holders.setdefault(industry, set()).add(zone)
    listed = [(zone, industry) for zone, industries in overlap["distinctive"].items() for industry in industries]
    assert len(listed) == len(named(plan_server, "distinctive-industries")) == 44
    assert all(holders[industry] == {zone} for zone, industry in listed)


def test_overlap_index_beside_its_seeded_random_baseline(plan_server):
    overlap = plan_server.get("/overlap?format=json").json()
    index, baseline = overlap["index"], overlap["random"]
    similarities = [pair["similarity"] for pair in overlap["pairs"]]
    assert abs(index["similarity"] - sum(similarities) / len(similarities)) < 1e-9
    assert baseline["draws"] == 1000 and baseline["seed"] == 2011
    assert 0 < baseline["low"] <= baseline["mean"] <= baseline["high"] < 1
    assert 0 <= baseline["at_or_below_plan"] <= 1
    assert [sentence["section"] for sentence in overlap["sentences"]] == ["二（二）", "六（一）"]
    assert "形成开发区（园区）各自产业特色" in overlap["sentences"][0]["sentence"]
    assert "推进开发区（园区）差异化、特色化发展" in overlap["sentences"][1]["sentence"]
    assert sorted(overlap["order"]) == sorted(zone["iri"] for zone in overlap["zones"])


def test_every_zone_page_offers_a_comparison_and_the_home_page_the_three_views(plan_server, plan_store):
    zones = [iri for (iri,) in rows(plan_store, f"SELECT ?z WHERE {{ ?z a {ZONE} }}")]
    assert len(zones) == 17
    for zone in zones:
        page = plan_server.get(zone.replace(ID, "/id/"), headers={"Accept": "text/html"}).text
        assert 'id="compare-with"' in page and f'value="{zone.replace(ID, "")}"' in page, zone
    linan = plan_server.get("/id/zone/linan-edz", headers={"Accept": "text/html"}).text
    assert "比较 浙江富阳经济开发区" in linan  # the most alike zone (0.42, zone-pair-similarity's first pair)
    assert 'id="compare-with"' not in plan_server.get("/id/industry/automotive", headers={"Accept": "text/html"}).text
    start = [entry["page"] for entry in plan_server.get("/?format=json").json()["start"]]
    assert {"/matrix", "/compare", "/overlap"} <= set(start)


def test_the_views_answer_html_to_browsers(plan_server):
    for path in ("/matrix", "/overlap", "/compare", "/compare?zone=zone/linan-edz&zone=zone/hangzhou-etdz"):
        answer = plan_server.get(path, headers={"Accept": "text/html"})
        assert answer.status == 200 and answer.content_type == "text/html", path
    assert_error(plan_server.get("/matrix?format=xml"), 400, "format")


def test_compare_as_tidy_csv(plan_server):
    answer = plan_server.get("/compare?zone=zone/hangzhou-etdz&zone=zone/linan-edz&format=csv")
    assert answer.status == 200 and answer.content_type == "text/csv"
    table = list(csv.DictReader(io.StringIO(answer.text)))
    assert list(table[0]) == ["part", "zone", "zone_label", "zone_label_en", "item", "item_label", "item_label_en", "detail",
                              "detail_en", "section", "sentence"]
    shared = {row["item"] for row in table if row["part"] == "shared"}
    document = plan_server.get("/compare?zone=zone/hangzhou-etdz&zone=zone/linan-edz&format=json").json()
    assert shared == {industry["iri"] for industry in document["shared"]} and len(shared) == 5
    gdp = [row for row in table if row["part"] == "figure" and row["item"] == HZ + "GDP" and "2015" in row["detail"]
           and row["zone"] == ID + "zone/linan-edz"]
    assert {row["section"] for row in gdp} == {"四（二）7", "附表"}
    assert all("自相矛盾" in row["detail"] and "contradicts" in row["detail_en"] for row in gdp)


@pytest.mark.parametrize("path", ["/queries/zone-pairs-sharing-industries",
                                  "/answer?query=zone-pairs-sharing-industries"])
def test_a_pages_joined_values_read_as_the_download_gives_them(plan_server, path):
    """A named query's page and its permalink show each joined value as the CSV does: its parts sorted and no
    empty part (through_taxonomy read 软件、、高端装备制造业 on the page, 软件、高端装备制造业 in the CSV)."""
    table = list(csv.DictReader(io.StringIO(plan_server.get("/queries/zone-pairs-sharing-industries?format=csv").text)))
    page = plan_server.get(path, headers={"Accept": "text/html"}).text
    cells = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td>(.*?)</td>", page)]  # each name a link
    assert not [cell for cell in cells if "、、" in cell or cell.startswith("、") or cell.endswith("、")]
    assert len(table) > 50 and any(row["through_taxonomy"] for row in table)
    for row in table:
        for name in ("shared_industries", "through_taxonomy"):
            assert not row[name] or row[name] in cells, (name, row[name])

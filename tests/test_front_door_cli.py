"""`hzkg query` for people, on the plan's data: the query's own row order, plain values (labels,
figures with their qualifier), columns aligned for Chinese text, names for IRI parameters, and
--list / --help showing every query with its parameters."""
from __future__ import annotations

import csv
import io
import subprocess

from named_queries import CATALOGUE
from hzkg.service.cli.query import display_width
from service_fixtures import HZKG


def hzkg_query(plan_artifact, *arguments) -> subprocess.CompletedProcess:
    done = subprocess.run([HZKG, "query", *arguments, "--setting", "artifact", str(plan_artifact)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done


def test_the_ranking_prints_in_the_querys_order_with_plain_aligned_values(plan_artifact):
    table = hzkg_query(plan_artifact, "gdp-targets-ranked").stdout.splitlines()
    ranked = list(csv.DictReader(io.StringIO(hzkg_query(plan_artifact, "gdp-targets-ranked", "--format", "csv").stdout)))
    assert len(table) == 2 + len(ranked) == 17
    zones = [line.split()[0] for line in table[2:]]
    assert zones == [row["zone_zh"] for row in ranked]  # the query's ORDER BY, not IRI order
    assert zones[0] == "杭州经济技术开发区" and table[2].split()[1] == "630"
    assert "^^" not in "\n".join(table) and "https://" not in "\n".join(table)
    assert table[-1].split()[1] == "预计28" and "100左右" in "\n".join(table)  # the plan's qualifiers
    starts = {display_width(line[:line.index(line.split()[1], len(line.split()[0]))]) for line in table[2:]}
    assert len(starts) == 1  # the second column starts at the same screen column on every row


def test_names_work_for_iri_parameters(plan_artifact):
    by_name = hzkg_query(plan_artifact, "zone-industries", "--param", "zone=浙江临安经济开发区").stdout
    by_id = hzkg_query(plan_artifact, "zone-industries", "--param", "zone=zone/linan-edz").stdout
    assert by_name == by_id and "先进装备制造业" in by_name
    unknown = subprocess.run([HZKG, "query", "zone-industries", "--param", "zone=atlantis",
                              "--setting", "artifact", str(plan_artifact)], capture_output=True, text=True, timeout=120)
    assert unknown.returncode == 2 and "did you mean" in unknown.stderr and "Traceback" not in unknown.stderr


def test_list_and_help_show_every_query_with_its_parameters(plan_artifact):
    listing = hzkg_query(plan_artifact, "--list").stdout
    helped = subprocess.run([HZKG, "query", "--help"], capture_output=True, text=True, timeout=60).stdout
    for named in CATALOGUE.values():
        for text in (listing, helped):
            assert f"  {named.name} " in text and named.title_zh in text
            for parameter in named.parameters:
                assert f"--param {parameter.name}=" in text

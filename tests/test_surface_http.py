"""The researcher's surface over a real server on loopback (issue 24): every resource page and every
statement row links to its citation formats, titled by what it cites."""
from __future__ import annotations

import html
import re
from urllib.parse import quote

import pytest

ID = "https://w3id.org/hzkg/id/"
PAGES = ["zone/hangzhou-etdz", "industry/new-energy", "base/animation-base", "cluster/chengxi",
         "partnership/linjiang-industrial-park-cooperation", "area/fuyang", "observation/hangzhou-etdz-gdp-2015"]


def page(server, path: str) -> str:
    answer = server.get(path, headers={"Accept": "text/html"})
    assert answer.status == 200, f"{path}: {answer.status}"
    return answer.text


def _cite_links(text: str, kind: str) -> list[str]:
    return [html.unescape(link) for link in re.findall(rf'<a class="{kind}" href="/cite\?iri=([^"]+)"', text)]


@pytest.mark.parametrize("short", PAGES)
def test_every_resource_page_links_to_its_citation(plan_server, short):
    text = page(plan_server, f"/id/{short}")
    assert [link.replace("%3A", ":") for link in _cite_links(text, "cite-page")] == [ID + short]
    cited = plan_server.get(f"/cite?iri={quote(ID + short, safe='')}", headers={"Accept": "text/html"})
    assert cited.status == 200 and "GB/T 7714" in cited.text


def test_every_statement_row_links_to_its_own_citation_and_a_citation_page_too(plan_server):
    text = page(plan_server, "/id/zone/hangzhou-etdz")
    rows = _cite_links(text, "cite-row")
    assert len(rows) == text.count('<tr class="fact') > 20
    citation = re.search(r'href="/id/(citation/[^"#]+)"', text).group(1)
    assert _cite_links(page(plan_server, f"/id/{citation}"), "cite-page")


def test_a_figure_is_cited_by_the_figure_not_by_its_section(plan_server):
    figure = ID + "observation/hangzhou-etdz-gdp-2015"
    bibtex = plan_server.get(f"/cite?iri={quote(figure, safe='')}&format=bibtex").text
    title = re.search(r"title = \{\{(.+)\}\}", bibtex).group(1)
    assert "杭州经济技术开发区" in title and "地区生产总值" in title and "630亿元" in title, title

"""The researcher's surface over a real server on loopback (issue 24): every resource page and every
statement row links to its citation formats, titled by what it cites."""
from __future__ import annotations

import html
from html.parser import HTMLParser
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


class _VisibleText(HTMLParser):
    """The text a reader sees, outside the folded raw section (<details class="raw">) and scripts."""

    def __init__(self):
        super().__init__()
        self.open: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("details", "script", "style"):
            self.open.append("hidden" if tag != "details" or ("class", "raw") in attrs else "shown")

    def handle_endtag(self, tag):
        if tag in ("details", "script", "style") and self.open:
            self.open.pop()

    def handle_data(self, data):
        if "hidden" not in self.open:
            self.text.append(data)


def visible_text(page_html: str) -> str:
    parser = _VisibleText()
    parser.feed(page_html)
    return " ".join(parser.text)


def test_no_zone_page_shows_an_iri_outside_its_raw_section(plan_server):
    zones = plan_server.get("/sparql?query=" + quote("SELECT ?z WHERE { ?z a <https://w3id.org/hzkg/def/DevelopmentZone> }"),
                            headers={"Accept": "application/sparql-results+json"}).json()["results"]["bindings"]
    assert len(zones) == 17
    for zone in zones:
        text = page(plan_server, "/id/" + zone["z"]["value"].removeprefix(ID))
        shown = visible_text(text)
        assert not re.findall(r"https?://\S+|\b(?:rdf|schema|hz|skos|dcterms):\w+", shown), zone["z"]["value"]
        other = re.search(r'<table class="statements Other">\s*<tr>(.*?)</tr>', text, re.S)
        if other:
            assert "矛盾" not in other.group(1)  # the column of ordinary statements is not headed "contradiction"


def test_a_partnership_page_shows_every_partner_and_its_basis_beside_the_fact(plan_server):
    text = page(plan_server, "/id/partnership/linjiang-industrial-park-cooperation")
    shown = visible_text(text)
    assert "杭州经济技术开发区" in shown and "萧山经济技术开发区" in shown
    partners = re.search(r"<dt>合作方.*?</dt><dd>(.*?)</dd>", text, re.S).group(1)
    assert 'href="/id/zone/hangzhou-etdz"' in partners and 'href="/id/zone/xiaoshan-etdz"' in partners
    assert "依据：解读" in shown and "江南区块" in shown.split("依据：解读", 1)[1]  # the note, outside the raw section


def test_every_fact_that_is_not_stated_shows_its_basis_on_its_page_and_its_holder_s_or_subject_s(plan_server):
    query = """PREFIX hz: <https://w3id.org/hzkg/def/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
      SELECT ?s ?basis ?label ?holder WHERE { ?s hz:basis ?basis FILTER(?basis != hz:Stated)
        ?basis rdfs:label ?label FILTER(lang(?label) = "zh")
        OPTIONAL { ?s hz:holder|<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?holder FILTER(isIRI(?holder)) } }"""
    rows = plan_server.get("/sparql?query=" + quote(query), headers={"Accept": "application/sparql-results+json"}).json()
    rows = rows["results"]["bindings"]
    assert len(rows) >= 30  # 21 interpreted and 11 implied facts in the plan's data (issue 24)
    held: dict[str, int] = {}
    for row in rows:
        iri = row["s"]["value"]
        if iri.startswith(ID):
            assert "依据：" + row["label"]["value"] in visible_text(page(plan_server, "/id/" + iri.removeprefix(ID))), iri
        # every kind, the project's classification (taxonomy links) and facts from outside the plan
        # (locations) too: beside the link on the industry's or the zone's own page
        if "holder" in row:
            held[row["holder"]["value"]] = held.get(row["holder"]["value"], 0) + 1
    for holder, count in held.items():
        assert visible_text(page(plan_server, "/id/" + holder.removeprefix(ID))).count("依据：") >= count, holder
    assert len(held) >= 100  # the 103 classified taxonomy links and 36 locations are among them


def test_a_taxonomy_link_and_a_location_show_their_basis_beside_them(plan_server):
    """An industry's 上位产业 and a zone's 位于 read with the basis of the link when the plan does not
    state it: 分类 (our classification) and 规划以外 (outside the plan) (issue 22)."""
    for predicate, basis, heading, shown in (("<http://www.w3.org/2004/02/skos/core#broader>", "Classified", "上位产业", "依据：分类"),
                                             ("hz:locatedIn", "OutsidePlan", "位于", "依据：规划以外")):
        query = f"""PREFIX hz: <https://w3id.org/hzkg/def/> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
          SELECT ?subject ?object WHERE {{ ?s rdf:subject ?subject ; rdf:predicate {predicate} ; rdf:object ?object ;
            hz:basis hz:{basis} FILTER(STRSTARTS(STR(?subject), "{ID}")) }} ORDER BY ?subject LIMIT 1"""
        [row] = plan_server.get("/sparql?query=" + quote(query),
                                headers={"Accept": "application/sparql-results+json"}).json()["results"]["bindings"]
        text = page(plan_server, "/id/" + row["subject"]["value"].removeprefix(ID))
        linked = re.search(rf"<dt>{heading}.*?</dt><dd>(.*?)</dd>", text, re.S).group(1)
        target = row["object"]["value"].removeprefix(ID)
        assert f'href="/id/{target}"' in linked and shown in visible_text(linked.split(f'href="/id/{target}"', 1)[1]), linked


@pytest.mark.parametrize("name, zone", [("杭州经开区", "hangzhou-etdz"), ("萧山经开区", "xiaoshan-etdz"),
                                        ("杭州高新区", "hangzhou-hitech-zone"), ("临安经济技术开发区", "linan-edz")])
def test_the_plan_s_and_common_short_names_resolve(patient_plan_server, name, zone):
    answer = patient_plan_server.get(f"/answer?query=zone-profile&zone={quote(name)}", headers={"Accept": "application/json"})
    assert answer.status == 200, answer.text
    assert answer.json()["parameters"] == {"zone": f"{ID}zone/{zone}"}


def test_aliases_are_listed_with_their_source(plan_server):
    from hzkg.graph.paths import SOURCE_TEXT

    query = "SELECT ?name WHERE { ?z <https://w3id.org/hzkg/def/commonName> ?name }"
    names = [row["name"]["value"] for row in plan_server.get("/sparql?query=" + quote(query), headers={
        "Accept": "application/sparql-results+json"}).json()["results"]["bindings"]]
    plan = SOURCE_TEXT.read_text(encoding="utf-8")
    assert len(names) >= 12 and not [name for name in names if name in plan]  # common usage, truly not the plan's
    aliases = re.search(r'<dd class="aliases">(.*?)</dd>', page(plan_server, "/id/zone/hangzhou-etdz"), re.S).group(1)
    assert re.search(r"杭州经开区<span[^>]*>（常用简称，非规划原文", aliases)
    assert re.search(r"杭州出口加工区<span[^>]*>（规划用名", aliases)


def test_the_downloads_page_lists_every_dump_and_export_with_format_size_checksum_and_licence(patient_plan_server):
    import hashlib

    server = patient_plan_server
    listed = server.get("/downloads?format=json", timeout=300).json()  # makes every file: slow on a busy machine
    files = {entry["file"]: entry for entry in listed["files"]}
    manifest = server.get("/export/manifest.json", timeout=300).json()
    exports = server.get("/export").json()["exports"]
    assert {entry["file"] for entry in manifest["files"]} | {export["filename"] for export in exports} <= set(files)
    for name, entry in files.items():
        body = server.get(entry["url"], timeout=300).body
        assert len(body) == entry["bytes"] and hashlib.sha256(body).hexdigest() == entry["sha256"], name
        assert entry["format"] and entry["license"] == "https://creativecommons.org/licenses/by/4.0/"
        if name.endswith(".csv") and not name.endswith(".excel.csv"):
            excel = server.get(files[name.replace(".csv", ".excel.csv")]["url"], timeout=300).body
            assert excel == b"\xef\xbb\xbf" + body and not body.startswith(b"\xef\xbb\xbf"), name
    text = page(server, "/downloads")
    assert all(entry["sha256"] in text for entry in files.values()) and "CC BY 4.0" in text
    home = page(server, "/")
    assert 'href="/downloads"' in home and 'href="/export/manifest.json"' not in home


def test_the_changelog_page_is_tied_to_the_running_version_and_dataset(plan_server):
    from hzkg.graph.paths import PACKAGE_DIR
    from hzkg.graph.version import package_version

    newest = re.search(r"^## (\S+)", (PACKAGE_DIR / "CHANGELOG.md").read_text(encoding="utf-8"), re.M).group(1)
    assert newest == package_version()  # a new version needs its entry
    text = page(plan_server, "/changelog")
    dataset = plan_server.get("/export/manifest.json", timeout=300).json()["dataset"]
    assert f'<code id="dataset-tag">{dataset}</code>' in text and f'id="running-version">{package_version()}<' in text
    current = re.search(r'<section class="changelog-entry current" id="current">\s*<h2>(\S+)', text).group(1)
    assert current == package_version() and "<li>" in text
    assert 'href="/changelog"' in page(plan_server, "/")

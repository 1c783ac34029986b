"""The researcher's surface in headless Chromium (issue 24): the search box in every page's header, name errors as pages."""
from __future__ import annotations

import pytest

from browser_fixtures import emptied


@pytest.fixture
def page(module_tab, patient_plan_server):
    """The module's tab, emptied as a new context would be (browser_fixtures.emptied)."""
    return emptied(module_tab, patient_plan_server.url, height=720)


PAGES = ["/", "/id/zone/hangzhou-etdz", "/id/industry/new-energy", "/plan", "/queries", "/queries/zone-profile?zone=zone/linan-edz",
         "/sparql", "/explore", "/figures", "/map", "/cite?iri=https%3A%2F%2Fw3id.org%2Fhzkg%2Fid%2Fzone%2Flinan-edz"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_s_header_has_a_search_box_that_finds_names(patient_plan_server, page, path):
    page.goto(patient_plan_server.url + path)
    box = page.locator("header form.header-search input[name=q]")
    assert box.count() == 1 and box.is_visible()
    box.fill("临安")
    with page.expect_navigation():
        box.press("Enter")
    assert page.url.startswith(patient_plan_server.url + "/search?q=")
    assert "浙江临安经济开发区" in page.locator("main").inner_text()
    assert page.locator("header form.header-search input[name=q]").input_value() == "临安"


def test_an_ambiguous_name_answers_a_page_with_both_candidates_as_links(patient_plan_server, page):
    answer = page.goto(patient_plan_server.url + "/queries/zone-profile?zone=" + "临安")
    assert answer.status == 400
    assert "Error 400" not in page.content() and "不明确" in page.locator("h1").inner_text()
    links = page.locator("a.candidate")
    assert sorted(links.all_inner_texts()) == ["临安农产品深加工产业园区", "浙江临安经济开发区"]
    assert page.locator("form.name-retry input[name=zone]").input_value() == "临安"
    with page.expect_navigation():
        page.locator("a.candidate", has_text="浙江临安经济开发区").click()
    assert page.url.endswith("/queries/zone-profile?zone=zone%2Flinan-edz")
    assert "浙江临安经济开发区" in page.locator("h1").inner_text()


def test_a_name_that_names_nothing_keeps_the_form_and_links_the_nearest(patient_plan_server, page):
    answer = page.goto(patient_plan_server.url + "/queries/zones-with-industry?industry=" + "新能原")
    assert answer.status == 404 and "Error 404" not in page.content()
    assert "新能源" in page.locator("a.candidate").all_inner_texts()
    box = page.locator("form.name-retry input[name=industry]")
    assert box.input_value() == "新能原"
    box.fill("新能源")
    with page.expect_navigation():
        box.press("Enter")
    assert page.url.startswith(patient_plan_server.url + "/queries/zones-with-industry?industry=")
    assert page.locator("table.answer tr").count() == 6  # the header and the five zones

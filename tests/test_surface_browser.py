"""The researcher's surface in headless Chromium (issue 24): the search box in every page's header."""
from __future__ import annotations

import pytest

from service_fixtures import start_hzkg, stop


@pytest.fixture(scope="module")
def surface_server(plan_artifact):
    """`hzkg serve` over the plan with the default time limit (10 s): the first search builds the
    worker's name index, which takes more than the suite's 2 s on a machine as loaded as this one."""
    running = start_hzkg(plan_artifact, "--setting", "time_limit", "10")
    yield running
    stop(running.process)

PAGES = ["/", "/id/zone/hangzhou-etdz", "/id/industry/new-energy", "/plan", "/queries", "/queries/zone-profile?zone=zone/linan-edz",
         "/sparql", "/explore", "/figures", "/map", "/cite?iri=https%3A%2F%2Fw3id.org%2Fhzkg%2Fid%2Fzone%2Flinan-edz"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_s_header_has_a_search_box_that_finds_names(surface_server, chromium, path):
    page = chromium.new_page()
    try:
        page.goto(surface_server.url + path)
        box = page.locator("header form.header-search input[name=q]")
        assert box.count() == 1 and box.is_visible()
        box.fill("临安")
        with page.expect_navigation():
            box.press("Enter")
        assert page.url.startswith(surface_server.url + "/search?q=")
        assert "浙江临安经济开发区" in page.locator("main").inner_text()
        assert page.locator("header form.header-search input[name=q]").input_value() == "临安"
    finally:
        page.close()

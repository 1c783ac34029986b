"""The reading view (/plan) in headless Chromium over the plan's real dataset: following a
fact's link into the plan scrolls its highlighted quote into view; every highlight opens at
least one fact; search finds Chinese and pinyin; no request leaves 127.0.0.1."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from browser_fixtures import requests_off_loopback
from hzkg.graph.paths import DEF, ID

ARTIFACTS = Path(__file__).parent / "artifacts"


class PlanPage:
    def __init__(self, chromium):
        self.context = chromium.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.context.on("response", lambda response: response.status >= 400
                        and self.problems.append(f"{response.status} {response.url}"))
        self.page.on("console", lambda message: message.type in ("error", "warning")
                     and self.problems.append(f"{message.type}: {message.text}"))
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))

    def wait_ready(self) -> None:
        self.page.wait_for_selector("#plan-text", timeout=30_000)
        self.page.wait_for_load_state("load")
        self.page.evaluate("window.hzkgPlan.ready.then(() => true)")

    def assert_offline_and_quiet(self) -> None:
        assert requests_off_loopback(self.requests) == [], self.requests
        assert self.problems == [], self.problems


@pytest.fixture(scope="module")
def plan_page(chromium):
    page = PlanPage(chromium)
    yield page
    page.context.close()


def _facts_with_citations(plan_store) -> list[tuple[str, str, str]]:
    rows = plan_store.run(f"""SELECT ?fact ?citation ?quote WHERE {{
        GRAPH <https://w3id.org/hzkg/graph/facts> {{ ?fact <{DEF}citation> ?citation }}
        ?citation <{DEF}quote> ?quote }} ORDER BY ?fact ?citation""", 10_000).rows
    return [tuple(map(str, row)) for row in rows]


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


_IN_VIEW = """(citation) => {
  const marks = Array.from(document.querySelectorAll("mark[data-c]")).filter((m) => m.dataset.c.split(" ").includes(citation));
  const visible = marks.filter((m) => { const r = m.getBoundingClientRect(); const s = getComputedStyle(m);
    return r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && s.visibility !== "hidden"; });
  return {count: marks.length, visible: visible.length, text: marks.map((m) => m.textContent).join("")};
}"""


_CLICK_EACH = """async (selector) => {
  const seen = [];
  for (const node of Array.from(document.querySelectorAll(selector))) {
    node.click();  // a plain click, as element.click() gives it
    // the click's handlers run to their end (a message is a task of its own, with no timer's 4 ms floor)
    await window.hzkgPlan.ready; await new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(null); });
    const named = document.querySelector("#facts-body .named a");
    seen.push({key: node.dataset.c || node.textContent, href: node.getAttribute("href"), quoted: !!node.closest("mark.q"),
               facts: document.querySelectorAll("#facts-body .fact").length, named: named && named.getAttribute("href"),
               registered: document.querySelectorAll("#facts-body .registered").length});
  }
  return seen;
}"""


def _when_in_view(page, citation: str) -> dict:
    """What _IN_VIEW says of the citation's highlights once one is in view (or after 5 s, for the assertion)."""
    return page.evaluate(f"""async (citation) => {{
      const deadline = performance.now() + 5000;
      for (;;) {{
        const shown = ({_IN_VIEW})(citation);
        if (shown.visible >= 1 || performance.now() > deadline) return shown;
        await new Promise((r) => setTimeout(r, 20));
      }}
    }}""", citation)


def _click_each(page, selector: str) -> list[dict]:
    """Click every element the selector finds, and say what the facts panel then showed."""
    return page.evaluate(_CLICK_EACH, selector)


def test_following_twenty_facts_into_the_plan_shows_their_highlighted_quote(plan_server, plan_store, plan_page):
    chosen = random.Random(13).sample(_facts_with_citations(plan_store), 20)
    page = plan_page.page
    for fact, citation, quote in chosen:
        page.goto(plan_server.url + "/id/" + fact[len(ID):])
        for summary in page.locator("details.own-quotes:not([open]) > summary").all():
            summary.click()  # a fact with more quotes than the page opens: the reader opens them
        local = citation[len(ID):]
        link = page.locator(f'a.in-plan[href="/plan#{local}"]:visible')
        assert link.count() >= 1, (fact, citation)
        link.first.click()
        page.wait_for_url(f"**/plan#{local}")
        plan_page.wait_ready()
        shown = _when_in_view(page, local)  # the scroll follows the hash
        assert shown["count"] >= 1 and shown["visible"] >= 1, (fact, citation, shown)
        assert _squeeze(shown["text"]) == _squeeze(quote), (citation, shown["text"], quote)
        assert page.locator("#facts-panel").is_visible()  # and its facts are open beside it
    plan_page.assert_offline_and_quiet()


def test_every_highlight_opens_at_least_one_fact(plan_server, plan_page):
    page = plan_page.page
    page.goto(plan_server.url + "/plan")
    plan_page.wait_ready()
    opened = _click_each(page, "mark.q")
    assert len(opened) > 270 and [o["key"] for o in opened if o["facts"] < 1] == []
    # A real click, as a reader makes it, on a quote of 四（二）7.
    page.goto(plan_server.url + "/plan#section/4-2-7")
    plan_page.wait_ready()
    page.locator('#section\\/4-2-7 mark.q', has_text="计划总投资").first.click()
    page.wait_for_selector("#facts-body .fact")
    panel = page.locator("#facts-panel").inner_text()
    assert "浙江临安经济开发区" in panel and "地区生产总值" in panel  # in the page's language (English: test_language_pages)
    cite = page.locator("#facts-body .cite a[href*='format=bibtex']")  # the Cite block of the quote
    assert cite.count() >= 1 and "citation%2F4-2-7" in cite.first.get_attribute("href")
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(plan_server.url + "/plan#citation/4-2-7-20abc783")
    plan_page.wait_ready()
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / "plan.png"))  # README's docs/plan.png is a copy
    plan_page.assert_offline_and_quiet()


def test_clicking_a_name_inside_a_highlight_opens_the_facts_and_offers_the_name(plan_server, plan_page):
    """A reader clicks the name 浙江临安经济开发区 inside the highlighted heading of 四（二）7: the quote's facts open (the page stays),
    the panel links the name's page first; Ctrl-click on the name still opens its page."""
    page = plan_page.page
    page.goto(plan_server.url + "/plan#section/4-2-7")
    plan_page.wait_ready()
    page.keyboard.press("Escape")  # closes the facts an earlier test opened (the hash alone keeps the page)
    assert page.locator("#facts-panel").is_hidden()
    name = page.locator("#section\\/4-2-7 mark.q a.entity").first
    href, text = name.get_attribute("href"), name.inner_text()
    assert href == "/id/zone/linan-edz" and text == "浙江临安经济开发区"
    name.click()  # a real mouse click on the linked name
    page.wait_for_selector("#facts-body .fact")
    assert page.url.endswith("/plan#section/4-2-7")  # not followed
    named = page.locator("#facts-body .named a")
    assert named.count() == 1 and named.get_attribute("href") == href and named.inner_text() == text
    assert page.locator("#facts-body .fact").count() >= 1
    page.wait_for_timeout(200)
    box = name.bounding_box()  # the text reflowed beside the panel, and the clicked name stayed in view
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 900
    page.screenshot(path=str(ARTIFACTS / "plan-name-in-highlight.png"))
    with plan_page.context.expect_page() as opened:  # Ctrl-click: the browser's own "open in a new tab"
        name.click(modifiers=["Control"])
    new_page = opened.value
    new_page.wait_for_load_state()
    assert new_page.url == plan_server.url + href
    new_page.close()
    named.click()  # the panel's link follows to the name's page
    page.wait_for_url(plan_server.url + href)
    plan_page.assert_offline_and_quiet()


def test_every_name_inside_a_highlight_opens_facts_and_stays_on_the_page(plan_server, plan_page):
    page = plan_page.page
    page.goto(plan_server.url + "/plan")
    plan_page.wait_ready()
    opened = _click_each(page, "mark.q a.entity, mark.reg a.entity")  # were one followed, the page would be gone
    assert len(opened) > 500 and page.evaluate("location.pathname") == "/plan"
    wrong = [o for o in opened if (o["facts"] if o["quoted"] else o["registered"]) < 1 or o["named"] != o["href"]]
    assert wrong == []
    plan_page.assert_offline_and_quiet()


@pytest.mark.parametrize("query, expected", [("临安", "临安"), ("lin an", "临安"), ("kaifaqu", "开发区")])
def test_search_finds_chinese_and_pinyin_and_marks_the_text(plan_server, plan_page, query, expected):
    page = plan_page.page
    page.goto(plan_server.url + "/plan")
    plan_page.wait_ready()
    page.fill("#plan-search-text", query)
    page.wait_for_selector("#plan-search-matches li", timeout=10_000)
    marked = page.evaluate("Array.from(CSS.highlights.get('plan-search')).map((r) => r.toString())")
    assert len(marked) >= 3 and set(marked) == {expected}
    plan_page.assert_offline_and_quiet()


def test_a_section_link_scrolls_to_its_part(plan_server, plan_page):
    page = plan_page.page
    page.goto(plan_server.url + "/id/section/5-2-3")  # the part's IRI, as a browser asks for it
    page.wait_for_url("**/plan#section/5-2-3")
    plan_page.wait_ready()
    page.wait_for_timeout(100)
    box = page.locator("#section\\/5-2-3").bounding_box()
    assert box is not None and box["y"] < 900 and box["y"] + box["height"] > 0
    plan_page.assert_offline_and_quiet()

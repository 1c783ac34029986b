"""The reading view in parallel English, in headless Chromium over the plan's real dataset:
the toggle shows the project's unofficial translation beside the Chinese and is remembered;
every sentence's English is there, marked lang="en" and as unofficial; a highlight's facts
show the translation under the quote; /plan#sentence/… and English search open it."""
from __future__ import annotations

import pytest

from test_plan_browser import PlanPage

@pytest.fixture
def plan_page(chromium, plan_server):
    page = PlanPage(chromium)
    page.url = plan_server.url
    yield page
    page.context.close()


def _open(plan_page, path="/plan"):
    plan_page.page.goto(plan_page.url + path)
    plan_page.wait_ready()
    return plan_page.page


def _visible_english(page) -> int:
    return page.evaluate("""Array.from(document.querySelectorAll('.en-text')).filter(e => e.offsetParent !== null).length""")


def test_the_toggle_shows_every_sentence_in_english_beside_the_chinese_and_is_remembered(plan_page):
    page = _open(plan_page)
    assert not page.is_checked("#parallel-toggle") and _visible_english(page) == 0
    page.check("#parallel-toggle")
    assert page.evaluate("document.getElementById('plan').classList.contains('parallel')")
    sentences = page.evaluate("""Array.from(document.querySelectorAll('.en-sentence')).map(e =>
        [e.id, e.closest('[lang]').getAttribute('lang'), e.textContent.length])""")
    assert len(sentences) == 333 + 87 and len({s[0] for s in sentences}) == 333 + 87  # sentences and short phrases
    assert all(lang == "en" and length > (20 if local.startswith("sentence/") else 3) for local, lang, length in sentences)
    assert _visible_english(page) > 100
    assert "非官方译文" in page.inner_text("#plan-text .translation-note")  # the note in the page's language
    # beside: the English of a paragraph starts level with its Chinese, to its right
    chinese = page.locator("#section\\/4-2-7-p2").bounding_box()
    english = page.locator("#section\\/4-2-7-p2 + .en-text").bounding_box()
    assert english["x"] > chinese["x"] + chinese["width"] - 1 and abs(english["y"] - chinese["y"]) < 20
    page.reload()
    plan_page.wait_ready()
    assert page.is_checked("#parallel-toggle") and _visible_english(page) > 100  # remembered
    page.uncheck("#parallel-toggle")
    page.reload()
    plan_page.wait_ready()
    assert not page.is_checked("#parallel-toggle") and _visible_english(page) == 0
    plan_page.assert_offline_and_quiet()


def test_a_highlights_facts_show_the_translation_under_the_quote(plan_page):
    page = _open(plan_page)
    page.click("#section\\/4-2-7-p2 mark.q >> nth=0")
    page.wait_for_selector("#facts-panel:not([hidden]) blockquote.translation")
    quote = page.locator("#facts-panel blockquote[lang=zh]").first.inner_text()
    translation = page.locator("#facts-panel blockquote.translation").first
    assert quote and translation.get_attribute("lang") == "en"
    assert "Zhejiang Research Institutions Innovation Base" in translation.inner_text() and "非官方英文译文" in translation.inner_text()
    plan_page.assert_offline_and_quiet()


def test_a_sentence_link_and_english_search_open_the_translation(plan_page):
    page = _open(plan_page, "/plan#sentence/4-2-7-s3")
    page.wait_for_selector("#plan.parallel")
    box = page.locator("#sentence\\/4-2-7-s3").bounding_box()
    assert box["y"] < page.viewport_size["height"] and box["y"] + box["height"] > 0  # scrolled into view
    page.evaluate("localStorage.clear()")
    page = _open(plan_page)
    assert not page.is_checked("#parallel-toggle")
    page.fill("#plan-search-text", "Zhejiang Research Institutions")
    page.wait_for_selector("#plan-search-matches li")  # (wait_for_function would need 'unsafe-eval')
    assert page.is_checked("#parallel-toggle")  # the English matches are shown
    assert "Zhejiang Research Institutions" in page.inner_text("#plan-search-matches")
    plan_page.assert_offline_and_quiet()

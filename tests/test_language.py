"""One language at a time (issue 24): the page's language from `?lang=`, the remembered choice,
Accept-Language, else Chinese; `<html lang>`, Content-Language and the switch on every page."""
from __future__ import annotations

import re

import pytest

from service_fixtures import assert_error

PAGES = ["/", "/id/zone/hangzhou-etdz", "/queries", "/plan", "/search?q=%E4%B8%B4%E5%AE%89"]


def html_lang(text: str) -> str:
    return re.search(r'<html lang="([^"]+)"', text).group(1)


@pytest.mark.parametrize("path", PAGES)
def test_chinese_by_default_english_when_asked(plan_server, path):
    chinese = plan_server.get(path, headers={"Accept": "text/html"})
    joiner = "&" if "?" in path else "?"
    english = plan_server.get(f"{path}{joiner}lang=en", headers={"Accept": "text/html"})
    assert (chinese.status, english.status) == (200, 200)
    assert html_lang(chinese.text) == "zh" and chinese.headers["content-language"] == "zh"
    assert html_lang(english.text) == "en" and english.headers["content-language"] == "en"
    assert "Accept-Language" in english.headers["vary"] and "Cookie" in english.headers["vary"]


@pytest.mark.parametrize("header, expected", [("en-US,en;q=0.9", "en"), ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
                                              ("de-DE", "zh"), ("fr, en;q=0.5", "en")])
def test_the_browser_language_chooses_when_nothing_else_does(plan_server, header, expected):
    answer = plan_server.get("/", headers={"Accept": "text/html", "Accept-Language": header})
    assert html_lang(answer.text) == expected


def test_the_choice_is_remembered_and_beats_the_browser(plan_server):
    chosen = plan_server.get("/?lang=en", headers={"Accept": "text/html", "Accept-Language": "zh-CN"})
    cookie = chosen.headers["set-cookie"]
    assert cookie.startswith("hzkg_lang=en;") and "SameSite=Lax" in cookie, cookie
    later = plan_server.get("/id/zone/hangzhou-etdz", headers={
        "Accept": "text/html", "Accept-Language": "zh-CN", "Cookie": "hzkg_lang=en"})
    assert html_lang(later.text) == "en"
    back = plan_server.get("/?lang=zh", headers={"Accept": "text/html", "Cookie": "hzkg_lang=en"})
    assert html_lang(back.text) == "zh" and back.headers["set-cookie"].startswith("hzkg_lang=zh;")


def test_every_page_has_a_switch_to_the_other_language_keeping_its_parameters(plan_server):
    text = plan_server.get("/search?q=%E4%B8%B4%E5%AE%89", headers={"Accept": "text/html"}).text
    switch = re.search(r'<a class="language-switch" href="([^"]+)" hreflang="en" lang="en">English</a>', text)
    assert switch, "no switch to English"
    assert switch.group(1).replace("&amp;", "&") == "/search?q=%E4%B8%B4%E5%AE%89&lang=en"
    english = plan_server.get("/search?q=%E4%B8%B4%E5%AE%89&lang=en", headers={"Accept": "text/html"}).text
    assert 'hreflang="zh" lang="zh">中文</a>' in english


def test_a_language_the_service_does_not_have_is_a_clear_400(plan_server):
    assert_error(plan_server.get("/id/zone/hangzhou-etdz?lang=fr"), 400, "lang=zh", "lang=en", "'fr'")
    page = plan_server.get("/?lang=fr", headers={"Accept": "text/html"})
    assert page.status == 400 and html_lang(page.text) == "zh" and "lang=en" in page.text


def test_an_html_answer_in_one_language_is_not_revalidated_as_the_other(plan_server):
    path = "/sparql?query=SELECT%20*%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%201"
    chinese = plan_server.get(path, headers={"Accept": "text/html"})
    english = plan_server.get(path, headers={"Accept": "text/html", "Cookie": "hzkg_lang=en"})
    assert chinese.status == english.status == 200
    assert chinese.headers["etag"] != english.headers["etag"]
    again = plan_server.get(path, headers={"Accept": "text/html", "Cookie": "hzkg_lang=en",
                                           "If-None-Match": chinese.headers["etag"]})
    assert again.status == 200 and html_lang(again.text) == "en"

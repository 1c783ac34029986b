"""The plan's English over real HTTP: /plan carries every sentence's translation (lang="en",
marked unofficial), /plan/facts.json gives a quote's translation, /plan/search and /search
find English words, and a sentence's IRI leads to its place in /plan."""
from __future__ import annotations

import re
import urllib.parse


def test_the_plan_page_carries_every_sentence_in_english_marked_unofficial(plan_server):
    page = plan_server.get("/plan", headers={"Accept": "text/html"}).text
    ids = re.findall(r'class="en-sentence" id="((?:sentence|phrase)/[^"]+)"', page)
    assert len(ids) == len(set(ids)) == 333 + 87  # the sentences, the short phrases between them (总体定位 …), 合计
    assert "phrase/4-2-7-1" in ids
    # one block a paragraph with sentences or short phrases (129), and one English table for the appendix's 15 rows
    blocks = re.findall(r'<(?:p|div) class="(?:table-wrap )?en-text" lang="en" title="([^"]+)"', page)
    assert len(blocks) == 129 + 1 and all("unofficial translation" in title for title in blocks)
    english = plan_server.get("/plan?lang=en", headers={"Accept": "text/html"}).text
    assert "an unofficial translation by hzkg contributors" in english  # the note, in the page's language
    assert "非官方译文" in page


def test_the_english_appendix_table_ends_with_its_total_row(plan_server):
    page = plan_server.get("/plan?lang=en", headers={"Accept": "text/html"}).text
    english = page[page.index('<table class="plan-table en-table">'):]
    english = english[:english.index("</table>")]
    rows = [re.findall(r"<t[hd]>(.*?)</t[hd]>", row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", english)]
    assert len(rows) == 1 + 14 + 1  # the header, the 14 rows of zones and parks, the total
    assert rows[-1] == ["Total", "", "90.3", "3241", ""]  # as the Chinese table's 合计 row: 90.3 km², 3241 亿元
    assert all(len(row) == 5 for row in rows)
    assert "the total row is in the Chinese table" not in page


def test_a_quotes_facts_carry_the_translation_of_its_sentences(plan_server):
    data = plan_server.get("/plan/facts.json").json()
    anchored = data["anchored"]
    with_english = [entry for entry in anchored.values() if entry["translation"]]
    assert len(with_english) >= len(anchored) - 25  # a quote of a heading has no sentence
    entry = next(e for e in anchored.values() if e["quote"] == "规划期限是2011～2015年。")
    assert entry["translation"] == [{"sentence": "sentence/preface-s7", "en": "The plan period is 2011–2015."}]
    assert "unofficial" in data["translation_note"]["en"]


def test_plan_search_finds_english_words(plan_server):
    matches = plan_server.get("/plan/search?q=" + urllib.parse.quote("bonded logistics")).json()["matches"]
    english = [m for m in matches if m.get("language") == "en"]
    assert {m["part"] for m in english} == {"sentence/3-1-s12", "sentence/6-1-s5"}
    assert all(m["text"].lower() == "bonded logistics" for m in english)


def test_search_lists_the_sentences_that_use_a_word(plan_server):
    answer = plan_server.get("/search?format=json&q=automotive").json()
    assert answer["results"][0]["label"] == "Automotive industry"  # things first
    sentences = answer["sentences"]
    assert sentences and all("automotive" in s["en"].lower() for s in sentences)
    assert sentences[0]["page"] == "/plan#" + sentences[0]["sentence"] and sentences[0]["zh"]
    page = plan_server.get("/search?q=automotive", headers={"Accept": "text/html"}).text
    assert 'href="/plan#sentence/3-1-s8"' in page and "非官方译文" in page  # said in the page's language
    english = plan_server.get("/search?q=automotive&lang=en", headers={"Accept": "text/html"}).text
    assert 'href="/plan#sentence/3-1-s8"' in english and "unofficial translation" in english


def test_a_sentence_iri_leads_to_its_place_in_the_plan(plan_server):
    page = plan_server.get("/id/sentence/4-2-7-s3", headers={"Accept": "text/html"})
    assert page.status == 200 and 'id="sentence/4-2-7-s3"' in page.text  # the 303 to /plan#sentence/… followed
    turtle = plan_server.get("/id/sentence/4-2-7-s3", headers={"Accept": "text/turtle"}).text
    assert "hz:translation" in turtle or "def/translation>" in turtle
    assert plan_server.get("/id/sentence/9-9-s9", headers={"Accept": "text/html"}).status == 404

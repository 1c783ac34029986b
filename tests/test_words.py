"""service/model/words.py: names, graph texts, ontology words and figures in a page's language
(issue 24), given the language explicitly as the terminal and exports do."""
from __future__ import annotations

import pytest
from rdflib import Literal

from language_check import foreign_runs
from hzkg.service.model.words import (figure_words, label_in, mark_chinese, name_html, term_of, term_word, text_html,
                                      title_text, translate_word)


@pytest.mark.parametrize("value, unit, qualifier, chinese, english", [
    ("100", "YiYuan", "Approximately", "100亿元左右", "about 10 billion yuan"),
    ("1167.8", "YiYuan", None, "1167.8亿元", "116.78 billion yuan"),
    ("55", "Percent", "AtLeast", "55%以上", "at least 55%"),
    ("26.2", "YiYuanPerSquareKilometre", None, "26.2亿元/平方公里", "2.62 billion yuan per km²"),
    ("5", "TenThousandPersons", "MoreThan", "超过5万名", "more than 50,000 persons"),
    ("10", "SquareKilometre", "Expected", "预计10平方公里", "expected 10 km²"),
    ("14", "Count", None, "14家", "14"),
])
def test_a_figure_reads_as_the_plan_words_it_or_as_english_says_it(value, unit, qualifier, chinese, english):
    assert figure_words(value, unit, qualifier, "zh") == chinese
    assert figure_words(value, unit, qualifier, "en") == english


def test_a_name_is_in_the_page_s_language_with_its_original_marked():
    english = name_html("杭州经济技术开发区", "Hangzhou ETDZ", "en")
    assert english == 'Hangzhou ETDZ <span class="original" lang="zh">杭州经济技术开发区</span>'
    assert foreign_runs(f"<p>{english}</p>", "en") == []
    assert name_html("杭州经济技术开发区", "Hangzhou ETDZ", "zh") == "杭州经济技术开发区"
    assert name_html(None, "Hangzhou ETDZ", "zh") == '<span lang="en">Hangzhou ETDZ</span>'
    assert name_html("临安", None, "en") == '<span lang="zh">临安</span>'
    assert label_in("重点发展", "focus", "en") == "focus" and label_in("重点发展", None, "en") == "重点发展"


def test_chinese_inside_english_is_marked_and_a_tagged_literal_by_its_tag():
    note = "The plan writes 杭州经济技术开发区（杭州出口加工区） in 四（二）1's heading"
    marked = mark_chinese(note)
    assert '<span lang="zh">杭州经济技术开发区（杭州出口加工区）</span>' in marked and '<span lang="zh">四（二）1</span>' in marked
    assert foreign_runs(f"<p>{marked}</p>", "en") == []
    assert text_html(Literal("到2015年", lang="zh"), "en") == '<span lang="zh">到2015年</span>'
    assert text_html(Literal("by 2015, the zone's product", lang="en"), "zh") == \
        '<span lang="en">by 2015, the zone&#39;s product</span>'
    assert text_html("2015", "en") == "2015"


def test_ontology_words_in_either_language_and_back():
    assert term_word("Focus", "en") == "focus" and term_word("Focus", "zh") == "重点发展"
    assert translate_word("focus, emerging industry", "zh") == "重点发展、新兴产业"
    assert translate_word("核心基地之一", "en") == "one of the core bases"
    assert translate_word("Hangzhou", "zh") is None  # not a word of the ontology
    assert term_of("亿元", "zh").endswith("/def/YiYuan")


def test_a_title_in_english_writes_section_numbers_as_the_reading_view_does():
    assert title_text("一（一）1 counts 14 zones", "en") == "§1-1-1 counts 14 zones"
    assert title_text("Yuhang cluster (组团) · Chengxi", "en") == "Yuhang cluster · Chengxi"
    assert title_text("一（一）1 的数字", "zh") == "一（一）1 的数字"

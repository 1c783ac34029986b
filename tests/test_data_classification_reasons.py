"""Each policy measure's classification under an instrument gives its reason (hz:classificationReason, our own
analysis, not the plan's words) once in Chinese and once in English, so a page reads it in its own language."""
from __future__ import annotations

import re

from rdflib import RDF

from language_check import ENGLISH_PROSE
from plan_data import HZ, ID, asserted_graph

CHINESE = re.compile(r"[\u3400-\u9fff]")


def _reasons() -> dict[str, dict[str, list[str]]]:
    graph = asserted_graph()
    return {str(classification): {language: [str(reason) for reason in graph.objects(classification, HZ.classificationReason)
                                             if reason.language == language] for language in ("zh", "en")}
            for classification in graph.subjects(RDF.type, HZ.InstrumentClassification)}


def test_every_classification_gives_its_reason_once_in_chinese_and_once_in_english():
    reasons = _reasons()
    assert len(reasons) == 133
    assert {iri: {language: len(texts) for language, texts in by_language.items()} for iri, by_language in reasons.items()
            if [len(texts) for texts in by_language.values()] != [1, 1]} == {}


def test_a_chinese_reason_is_chinese_and_says_it_in_its_own_words():
    """Written in Chinese (no English prose in it), and no two classifications of one measure give one reason."""
    reasons = _reasons()
    not_chinese = {iri: by_language["zh"][0] for iri, by_language in reasons.items()
                   if not CHINESE.search(by_language["zh"][0]) or ENGLISH_PROSE.search(by_language["zh"][0])}
    assert not_chinese == {}
    by_measure: dict[str, list[str]] = {}
    for iri, by_language in reasons.items():
        by_measure.setdefault(iri.rsplit("/instrument/", 1)[0], []).append(by_language["zh"][0])
    assert {measure: texts for measure, texts in by_measure.items() if len(set(texts)) < len(texts)} == {}


def test_a_reason_reads_in_the_plans_terms():
    """The Chinese uses the plan's own words where the English paraphrases them (6-1: 专业园, 功能平台)."""
    reasons = _reasons()
    assert reasons[ID + "measure/6-1-specialised-parks/instrument/infrastructure"]["zh"] == [
        "专业园配套完善专业化的基础设施和产业服务体系。"]
    assert "功能平台" in reasons[ID + "measure/6-1-service-platforms/instrument/public-service"]["zh"][0]
    assert "特色品牌园区" in reasons[ID + "measure/6-1-brand-parks/instrument/demonstration"]["zh"][0]

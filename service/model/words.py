"""Words in the page's language (issue 24): a label given in Chinese and English, a name shown
with its original, and the ontology's own words for its terms (role kinds, classes, units,
levels, bases …) for code that has no store at hand (the terminal, exports).

    label_in("重点发展", "focus", "en")       -> "focus" (the other language when one is missing)
    name_html("杭州经济技术开发区", "Hangzhou ETDZ")  -> in an English page
        'Hangzhou ETDZ <span lang="zh">杭州经济技术开发区</span>', in a Chinese page the Chinese alone
    term_word(HZ + "Focus", "en")             -> "focus" (rdfs:label of the ontology's files)

`language` defaults to the page's (service/language.py: Chinese outside a request).
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from markupsafe import Markup, escape
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from hzkg.graph.paths import DEF, ONTOLOGY_DIR
from hzkg.service.language import page_language, pick

__all__ = ["label_in", "name_html", "text_html", "title_text", "mark_chinese", "in_language", "register_words", "words_of", "term_word", "term_words", "figure_words", "QUALIFIER_WORDS", "translate_word", "term_of", "is_chinese"]


def label_in(zh: str | None, en: str | None, language: str | None = None) -> str:
    """The label in `language`, else the one there is ("" when neither)."""
    zh, en = zh or "", en or ""
    return (en or zh) if (language or page_language()) == "en" else (zh or en)


def words_of(pair: tuple[str, str], language: str | None = None) -> str:
    """A (中文, English) pair of interface words, in `language`: `words_of(("角色", "role"), "en")`."""
    return pick(language or page_language(), pair[0], pair[1])


def name_html(zh: str | None, en: str | None, language: str | None = None) -> Markup:
    """A name as a page shows it: in English its English label with the Chinese original beside it
    (marked lang="zh"); in Chinese the Chinese label. A name with one language only is that one,
    marked when it is not the page's."""
    language = language or page_language()
    if language == "en":
        if en and zh and en != zh:
            return Markup('{} <span class="original" lang="zh">{}</span>').format(mark_chinese(en), zh)
        return mark_chinese(en) if en else _marked(zh, "zh") if is_chinese(zh) else escape(zh or "")
    if zh:
        return escape(zh)
    return _marked(en, "en") if en else Markup("")


def _marked(text: str, language: str) -> Markup:
    return Markup('<span lang="{}">{}</span>').format(language, text)


def text_html(text, language: str | None = None) -> Markup:
    """A text of the graph as a page shows it: a literal tagged with another language than the
    page's (a quote @zh in an English page) is marked with it; in an English page the Chinese
    runs of any other text (an English note naming 四（二）1) are marked lang="zh"."""
    if text is None:
        return Markup("")
    language = language or page_language()
    tag = (getattr(text, "language", None) or "").split("-")[0]
    if tag and tag != language:
        return _marked(str(text), tag)
    if language == "en":
        return mark_chinese(str(text))
    return escape(str(text))


_CHINESE_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff][\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff5e0-9]*")


def mark_chinese(text: str) -> Markup:
    """English text with the Chinese in it (names, section numbers) marked lang="zh"."""
    pieces, at = [], 0
    for found in _CHINESE_RUN.finditer(text):
        start = found.start()
        if start > 0 and text[start - 1] in "（“《":  # an opening bracket belongs with the Chinese
            start -= 1
        pieces.append(escape(text[at:start]))
        pieces.append(_marked(text[start:found.end()], "zh"))
        at = found.end()
    pieces.append(escape(text[at:]))
    return Markup("").join(pieces)


def title_text(text: str, language: str | None = None) -> str:
    """A text for a page's <title> (which cannot mark a language): in English, the plan's section
    numbers in it (四（二）7) written as the reading view's (§4-2-7) and other Chinese left out
    (a gloss such as "(组团)"; the page itself shows it marked)."""
    from hzkg.service.model.numbering import section_anchor

    if (language or page_language()) != "en":
        return str(text)

    def number(found: re.Match) -> str:
        anchor = section_anchor(found.group(0))
        return "§" + anchor.rsplit("section/", 1)[-1] if anchor else ""

    shown = re.sub(r"\s*\(\s*\)", "", _CHINESE_RUN.sub(number, str(text)))
    return re.sub(r"\s{2,}", " ", shown).strip() or str(text)


def in_language(values: list, language: str | None = None) -> list:
    """Of several texts (rdflib Literals) given in more than one language, those of the page's
    language (all of them when it has none)."""
    language = language or page_language()
    tagged = [value for value in values if getattr(getattr(value, "term", value), "language", None)]
    mine = [value for value in tagged if getattr(value, "term", value).language == language]
    if not mine or len(mine) == len(values):
        return values if not mine else mine
    return [value for value in values if value in mine or not getattr(getattr(value, "term", value), "language", None)]


def register_words(app) -> None:
    """The words' helpers for templates."""
    app.jinja_env.globals.update(words_of=words_of, name_html=name_html, text_html=text_html, label_in=label_in,
                                 figure_words=figure_words, title_text=title_text)


def is_chinese(text: str | None) -> bool:
    return bool(text) and any("\u3400" <= character <= "\u9fff" for character in text)


@lru_cache(maxsize=1)
def term_words() -> dict[str, dict[str, str]]:
    """Every rdfs:label of the ontology's files (classes, properties, role kinds, units, levels,
    bases …): IRI -> {language: label}. Read once; the same labels the built graph holds."""
    graph = Graph()
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        if path.name != "shapes.ttl":
            graph.parse(path, format="turtle")
    words: dict[str, dict[str, str]] = {}
    for subject, label in graph.subject_objects(RDFS.label):
        if isinstance(subject, URIRef) and isinstance(label, Literal) and label.language:
            words.setdefault(str(subject), {}).setdefault(label.language, str(label))
    return words


@lru_cache(maxsize=2)
def _terms_by_label(language: str) -> dict[str, str]:
    """The ontology's labels in `language` -> the term's IRI (the first term of a label given twice)."""
    found: dict[str, str] = {}
    for iri, labels in sorted(term_words().items()):
        if language in labels:
            found.setdefault(labels[language], iri)
    return found


def term_of(label: str, language: str) -> str | None:
    """The ontology term whose label in `language` is `label` ("亿元" -> hz:YiYuan), None if none."""
    return _terms_by_label(language).get(str(label))


def translate_word(text: str, language: str | None = None) -> str | None:
    """An ontology word (a role kind, a class, a level, a qualifier …: "focus", "重点发展") in
    `language`; a list of them ("focus, emerging industry") word by word; None when `text` is not
    the ontology's word for anything.

    >>> translate_word("focus, emerging industry", "zh")
    '重点发展、新兴产业'
    >>> translate_word("建立、完善、加强", "en")
    'establish or improve'
    """
    language = language or page_language()
    text = str(text)
    for other, separator in (("en", ", "), ("zh", "、")):
        # the whole text first: a word may hold the separator itself (hz:ForceEstablish: 建立、完善、加强)
        parts = [text] if _terms_by_label(other).get(text) else text.split(separator)
        iris = [_terms_by_label(other).get(part) for part in parts]
        if all(iris):
            words = [term_words()[iri].get(language) for iri in iris]
            if all(words):
                return pick(language, "、", ", ").join(words)
    return None


def term_word(term: str, language: str | None = None) -> str | None:
    """The ontology's word for a term (a full IRI or an hz: local name) in `language`, None for a
    term the ontology does not label."""
    iri = str(term) if ":" in str(term) else DEF + str(term)
    labels = term_words().get(iri)
    if not labels:
        return None
    return label_in(labels.get("zh"), labels.get("en"), language)


# How the plan words a qualifier around a number: (before, after), in each language.
QUALIFIER_WORDS = {
    "zh": {"Approximately": ("", "左右"), "AtLeast": ("", "以上"), "MoreThan": ("超过", ""), "Expected": ("预计", ""),
           "Exact": ("", "")},
    "en": {"Approximately": ("about ", ""), "AtLeast": ("at least ", ""), "MoreThan": ("more than ", ""),
           "Expected": ("expected ", ""), "Exact": ("", "")},
}
# A figure's unit in English: (multiplier, unit) so that 100亿元 reads "10 billion yuan".
_ENGLISH_UNITS = {
    "YiYuan": (Decimal("0.1"), " billion yuan"), "YiYuanPerSquareKilometre": (Decimal("0.1"), " billion yuan per km²"),
    "TenThousandPersons": (Decimal("10000"), " persons"), "SquareKilometre": (Decimal(1), " km²"),
    "Percent": (Decimal(1), "%"), "Count": (Decimal(1), ""),
}


def figure_words(value, unit: str | None, qualifier: str | None = None, language: str | None = None,
                 unit_zh: str | None = None) -> str:
    """A figure as a reader says it: ("100", "YiYuan", "Approximately") is 100亿元左右 in Chinese and
    "about 10 billion yuan" in English. `unit` and `qualifier` are hz: local names (or IRIs);
    `unit_zh` the unit's Chinese word when the caller has it (else the ontology's)."""
    language = language or page_language()
    unit = str(unit or "").rsplit("/", 1)[-1]
    before, after = QUALIFIER_WORDS[language].get(str(qualifier or "Exact").rsplit("/", 1)[-1], ("", ""))
    if language == "zh":
        return f"{before}{value}{unit_zh or (term_word(unit, 'zh') if unit else '') or ''}{after}"
    multiplier, word = _ENGLISH_UNITS.get(unit, (Decimal(1), " " + (term_word(unit, "en") or unit) if unit else ""))
    try:
        number = Decimal(str(value)) * multiplier
        shown = f"{number.normalize():,f}" if multiplier != 1 else str(value)
    except InvalidOperation:
        shown = str(value)
    return f"{before}{shown}{word}{after}"

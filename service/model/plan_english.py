"""The plan in English for the reading view: each hz:Sentence with its span in the text and
the project's unofficial translation (graph/sentences.py wrote them at build time), the
translation's own note, the English beside each paragraph and under the appendix table,
the translation of the sentences a quote covers (the facts panel), and English search.
Read once per dataset version from the store.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import escape

from hzkg.graph.paths import ID
from hzkg.service.model.plan import PREFIXES, kept_per_version, plan_model

__all__ = ["SentenceText", "PlanEnglish", "plan_english", "load_plan_english", "english_blocks", "search_english",
           "sentences_with", "part_exists", "quote_translations", "english_of_quotes",
           "translations_of_spans", "english_by_quote"]

# The sentences and the short phrases (hz:Phrase: 总体定位 …) between them.
_SENTENCES_QUERY = PREFIXES + """SELECT ?sentence ?part ?start ?end ?zh ?en WHERE {
  VALUES ?class { hz:Sentence hz:Phrase }
  ?sentence a ?class ; dcterms:isPartOf ?part ; hz:text ?zh ; hz:translation ?en ; oa:hasSelector ?s .
  ?s a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  FILTER(lang(?en) = "en")
}"""
_TITLES_QUERY = PREFIXES + """SELECT ?section ?en WHERE { ?section a hz:Section ; hz:titleTranslation ?en }"""
_TRANSLATION_QUERY = PREFIXES + f"""SELECT ?description ?creator WHERE {{
  <{ID}translation/en> dcterms:description ?description ; dcterms:creator ?creator .
}}"""
_MAX_MATCHES = 200
_UNOFFICIAL = "unofficial translation by the hzkg project; the Chinese is authoritative"


@dataclass
class SentenceText:
    local: str  # "sentence/4-2-7-s3" (or a short phrase's "phrase/4-2-7-1"): the id of its English on /plan
    part: str  # its paragraph or table row: "section/4-2-7-p2"
    start: int
    end: int
    zh: str
    en: str

    @property
    def in_table(self) -> bool:
        return "-row-" in self.part

    @property
    def text(self) -> str:
        """The English as the page shows it: a sentence with a full stop (the plan's ； too: its clauses
        are sentences in English); a table row's cells run together."""
        if self.in_table:
            return "".join(cell.strip() for cell in self.en.split(" | "))
        return self.en if self.en.endswith((".", "?", "!")) else self.en + "."


@dataclass
class PlanEnglish:
    sentences: list[SentenceText]  # in the text's order
    note: dict[str, str]  # language -> the translation's dcterms:description
    creator: str
    titles: dict[str, str] = field(default_factory=dict)  # section local -> its title in English
    by_part: dict[str, list[SentenceText]] = field(default_factory=dict)

    def __post_init__(self):
        for sentence in self.sentences:
            self.by_part.setdefault(sentence.part, []).append(sentence)

    def count(self, kind: str) -> int:
        """How many sentences ("sentence/") or short phrases ("phrase/") are translated."""
        return sum(s.local.startswith(kind) for s in self.sentences)

    def covering(self, start: int, end: int) -> list[SentenceText]:
        """The sentences a span of the text overlaps (a quote's)."""
        return [s for s in self.sentences if s.start < end and start < s.end]


def load_plan_english(store) -> PlanEnglish:
    sentences = []
    for sentence, part, start, end, zh, en in store.query(_SENTENCES_QUERY, whole=True).rows:
        sentences.append(SentenceText(str(sentence).removeprefix(ID), str(part).removeprefix(ID), int(str(start)), int(str(end)), str(zh), str(en)))
    sentences.sort(key=lambda s: (s.start, s.local))
    note, creator = {}, ""
    for description, who in store.query(_TRANSLATION_QUERY, whole=True).rows:
        note[getattr(description, "language", None) or ""] = str(description)
        creator = str(who)
    titles = {str(section).removeprefix(ID): str(en) for section, en in store.query(_TITLES_QUERY, whole=True).rows}
    return PlanEnglish(sentences, note, creator, titles)


def plan_english() -> PlanEnglish:
    """The running app's English of the plan, read on first use (per dataset version)."""
    return kept_per_version("hzkg-plan-english", lambda state: load_plan_english(state.store))


def _sentence_span(sentence: SentenceText) -> str:
    return (f'<span class="en-sentence" id="{escape(sentence.local)}" data-start="{sentence.start}" '
            f'data-end="{sentence.end}">{escape(sentence.text)}</span>')


def english_blocks(english: PlanEnglish):
    """What the reading view's renderer puts beside a part: the English of a paragraph, for
    the appendix table an English table of its translated rows (cells split on " | "), and
    under a section's heading its title."""

    def heading(local: str) -> str:
        title = english.titles.get(local)
        return f'<span class="en-text en-title" lang="en" title="{_UNOFFICIAL}">{escape(title)}</span>' if title else ""

    def paragraph(local: str) -> str:
        sentences = english.by_part.get(local)
        if not sentences:
            return ""
        return (f'<p class="en-text" lang="en" title="{_UNOFFICIAL}">' + " ".join(_sentence_span(s) for s in sentences) + "</p>")

    def table(rows: list[str]) -> str:
        translated = [s for row in rows for s in english.by_part.get(row, [])]
        if not translated:
            return ""
        html = [f'<div class="table-wrap en-text" lang="en" title="{_UNOFFICIAL}"><table class="plan-table en-table">',
                '<caption>The table in English (unofficial translation)</caption>']
        for index, sentence in enumerate(translated):
            tag = "th" if index == 0 else "td"
            # cells split on "|" (an empty cell, as the 合计 row's, is written "Total | | 90.3 | 3241 |")
            cells = "".join(f"<{tag}>{escape(cell)}</{tag}>" for cell in re.split(r"\s*\|\s*", sentence.en))
            html.append(f'<tr class="en-sentence" id="{escape(sentence.local)}" data-start="{sentence.start}" '
                        f'data-end="{sentence.end}">{cells}</tr>')
        html.append("</table></div>\n")
        return "\n".join(html)

    return paragraph, table, heading


def _phrase(query: str) -> re.Pattern | None:
    """The query's words as a phrase, case-insensitive, any white space between them."""
    words = query.split()
    return re.compile(r"\s+".join(re.escape(word) for word in words), re.IGNORECASE) if words else None


def search_english(english: PlanEnglish, query: str) -> list[dict]:
    """Where the English has the query's words (an English query: ASCII, as a phrase): the
    sentence, the offset in its English as the page shows it, and some context."""
    pattern = _phrase(query) if query.isascii() else None
    if pattern is None:
        return []
    matches = []
    for sentence in english.sentences:
        for found in pattern.finditer(sentence.text):
            start, end = found.span()
            matches.append({"part": sentence.local, "offset": start, "length": end - start, "language": "en",
                            "text": found.group(), "context": sentence.text[max(0, start - 30):end + 30].strip()})
            if len(matches) >= _MAX_MATCHES:
                return matches
    return matches


def sentences_with(english: PlanEnglish, query: str, limit: int = 20) -> list[dict]:
    """The sentences whose English (or Chinese) has the query, for /search: each with its
    place on /plan, its Chinese and its English."""
    pattern = _phrase(query)
    if pattern is None:
        return []
    found = [s for s in english.sentences if pattern.search(s.en) or pattern.search(s.zh)]
    return [{"sentence": s.local, "page": f"/plan#{s.local}", "zh": s.zh, "en": s.text} for s in found[:limit]]


def part_exists(local: str) -> bool:
    """A part of the plan, or one of its sentences or phrases (all are read in place, on /plan)."""
    return local in plan_model().parts or any(s.local == local for s in plan_english().sentences)


def quote_translations() -> dict[str, str]:
    """The project's English of each anchored quote (citation or register IRI -> the translated
    sentences its span covers), for the English of a fact's sentence on every page."""
    return kept_per_version("hzkg-quote-english", lambda state: translations_of_spans(plan_english(), plan_model()))


def english_of_quotes() -> dict[str, str]:
    """The project's English of each quote's text (english_by_quote), for the running app."""
    return kept_per_version("hzkg-quote-english-by-text",
                            lambda state: english_by_quote(quote_translations(), plan_model().spans))


def translations_of_spans(english: PlanEnglish, model) -> dict[str, str]:
    """{anchored quote's IRI: the English of the sentences its span covers, or its heading's title}."""
    headings = [part for part in model.parts.values() if part.kind == "heading"]

    def translation(span) -> str:
        sentences = english.covering(span.start, span.end)
        if sentences:
            return " ".join(_quoted(sentence) for sentence in sentences)
        # a quote of a heading: the section's title in English
        heading = next((part for part in headings if part.start <= span.start and span.end <= part.end), None)
        return english.titles.get(heading.parent, "") if heading else ""

    return {span.iri: translation(span) for span in model.spans}


def english_by_quote(by_iri: dict[str, str], spans) -> dict[str, str]:
    """{a quote's text: its English}, from `by_iri` (translations_of_spans), for a quote a query gives as text
    (the query tables): a text quoted at several places is translated only where every place gives the same English."""
    found: dict[str, set[str]] = {}
    for span in spans:
        found.setdefault(span.quote, set()).add(by_iri.get(span.iri, ""))
    return {quote: next(iter(texts)) for quote, texts in found.items() if len(texts) == 1 and "" not in texts}


def _quoted(sentence: SentenceText) -> str:
    """A sentence's English under a quote: a table row's cells apart (name · area · … · positioning)."""
    if sentence.in_table:
        return " · ".join(cell.strip() for cell in sentence.en.split(" | ") if cell.strip())
    return sentence.text

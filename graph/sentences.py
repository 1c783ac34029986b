"""The plan's sentences as resources, with the project's unofficial English translation.

Every substantive sentence of graph/coverage.py becomes an hz:Sentence with a readable IRI
(its section and its ordinal in it: `sentence/4-2-7-s3`, `sentence/preface-s1`,
`sentence/appendix-table-s5`), its Chinese text, dcterms:isPartOf its paragraph (or table
row), a TextPositionSelector and TextQuoteSelector on the plan's text like a quote's, and
hz:translation, its English from graph/translation/en.tsv (one line a sentence: id, the
Chinese, the English). The build fails when a sentence has no translation, a translation
has no sentence, or the Chinese beside a translation is not the sentence's. The sections'
titles are translated the same way in graph/translation/en-headings.tsv (id: the section's,
4-2-7) and written as hz:titleTranslation; the paragraphs' pieces too short to be sentences
(总体定位) in en-phrases.tsv, as hz:Phrase resources (`phrase/4-2-7-1`) like the sentences.

>>> sentence_id("https://w3id.org/hzkg/id/section/4-2-7", 3), sentence_id("https://w3id.org/hzkg/id/section/preface", 1)
('4-2-7-s3', 'preface-s1')
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from hzkg.graph.anchors import CONTEXT, Anchor, add_anchor_triples
from hzkg.graph.coverage import MIN_CHARS, SEPARATORS, Sentence
from hzkg.graph.findings import Finding, InputError
from hzkg.graph.load import display_path
from hzkg.graph.paths import DEF, ID
from hzkg.graph.plan_parts import PLAN, PlanParts

__all__ = ["IdentifiedSentence", "Phrase", "Translations", "Wanted", "TRANSLATION", "EN_FILE", "HEADINGS_FILE",
           "PHRASES_FILE", "sentence_id", "identify", "short_phrases", "wanted_sentences", "wanted_phrases",
           "wanted_headings", "read_translations", "translation_findings", "sentence_graph", "translation_text"]

HZ = Namespace(DEF)
_HAN = re.compile(r"[\u3400-\u9fff]+")
TRANSLATION = URIRef(ID + "translation/en")
EN_FILE = "en.tsv"
HEADINGS_FILE = "en-headings.tsv"
PHRASES_FILE = "en-phrases.tsv"
CREATOR = "hzkg contributors"  # as CITATION.cff and the dataset's DCAT description name them
NOTE_EN = ("An unofficial English translation of the plan, sentence by sentence, made by the hzkg project "
           "with the graph's English labels as its glossary. It is not the plan: cite the Chinese text, "
           "which is authoritative.")
NOTE_ZH = "hzkg 项目逐句翻译的规划英文译文（非官方），以图谱的英文标签为术语表；以中文原文为准，引用请引原文。"


@dataclass(frozen=True)
class IdentifiedSentence:
    id: str  # "4-2-7-s3": the IRI is id/sentence/<id>
    sentence: Sentence
    order: int  # in the plan, from 1

    @property
    def iri(self) -> URIRef:
        return URIRef(f"{ID}sentence/{self.id}")


@dataclass(frozen=True)
class Phrase:
    """A piece of a paragraph between the sentences' separators that is too short to be a
    sentence (总体定位, “十二五”预期目标): a label or a short clause, translated like a sentence."""

    id: str  # "4-2-7-1": the first short phrase of section 四（二）7; the IRI is id/phrase/<id>
    zh: str  # white space removed, as a sentence's
    paragraph: str  # the paragraph's local name
    start: int
    end: int

    @property
    def iri(self) -> URIRef:
        return URIRef(f"{ID}phrase/{self.id}")


def short_phrases(parts: PlanParts) -> list[Phrase]:
    """The paragraphs' short pieces (fewer than MIN_CHARS characters), in the text's order, and the
    appendix table's short rows (its 合计 row: the total, 90.3 and 3241); the front matter before
    前言 is not the plan's body and has none."""
    phrases, counts = [], {}
    preface = parts.get("section/preface")
    for part in parts.values():
        # the body starts at 前言, as graph/coverage.py reads it
        if part.kind not in ("paragraph", "row") or preface is None or part.start < preface.start:
            continue
        for piece in re.finditer(f"[^{SEPARATORS}]+", part.text(parts.text)):
            squeezed = re.sub(r"\s+", "", piece.group())
            if not 0 < len(squeezed) < MIN_CHARS:
                continue
            # a paragraph's parent is its section; a row's, its table, whose parent is the section
            section = (part.parent if part.kind == "paragraph" else parts[part.parent].parent).removeprefix("section/")
            counts[section] = counts.get(section, 0) + 1
            lead = len(piece.group()) - len(piece.group().lstrip())
            start = part.start + piece.start() + lead
            phrases.append(Phrase(f"{section}-{counts[section]}", squeezed, part.local, start,
                                  start + len(piece.group().strip())))
    return phrases


def sentence_id(section_iri: str, ordinal: int) -> str:
    return f"{section_iri.removeprefix(ID + 'section/')}-s{ordinal}"


def identify(sentences: list[Sentence]) -> list[IdentifiedSentence]:
    """Each sentence with its id: its section and its place among the section's sentences."""
    counts: dict[str, int] = {}
    identified = []
    for order, sentence in enumerate(sentences, 1):
        counts[sentence.section] = counts.get(sentence.section, 0) + 1
        identified.append(IdentifiedSentence(sentence_id(sentence.section, counts[sentence.section]), sentence, order))
    return identified


@dataclass(frozen=True)
class Line:
    id: str
    zh: str
    en: str
    line: int


class Translations(dict):
    """id -> Line, as read from en.tsv; `.label` is the file as findings name it."""

    def __init__(self, label: str):
        super().__init__()
        self.label = label


def read_translations(directory: Path, name: str = EN_FILE) -> tuple[Translations, list[Finding]]:
    """The lines of `directory`/`name` (en.tsv, en-headings.tsv): `id<TAB>Chinese<TAB>English`,
    `#` comments and a header line."""
    path = Path(directory) / name
    translations = Translations(display_path(path))
    if not path.is_file():
        return translations, []  # each sentence (heading, phrase) it should translate is reported missing
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{translations.label}: cannot read the translation: {error}") from error
    findings = []
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.startswith("#") or raw.startswith("id\t"):
            continue
        cells = raw.split("\t")
        if len(cells) != 3 or not all(cell.strip() for cell in cells):
            findings.append(Finding("translation", translations.label, number,
                                    f"expected 3 tab-separated cells (id, Chinese, English), found {len(cells)}"
                                    + ("" if len(cells) != 3 else " with one empty")))
            continue
        id_, zh, en = (cell.strip() for cell in cells)
        if id_ in translations:
            findings.append(Finding("translation", translations.label, number,
                                    f"{id_} is translated twice (also line {translations[id_].line})"))
            continue
        translations[id_] = Line(id_, zh, en, number)
    return translations, findings


@dataclass(frozen=True)
class Wanted:
    """What a translation file must translate: an id, the Chinese, where it is (for the messages)."""

    id: str
    zh: str
    where: str  # "plan line 11", "section 四（二）7"


def wanted_sentences(sentences: list[IdentifiedSentence]) -> list[Wanted]:
    return [Wanted(s.id, s.sentence.text, f"plan line {s.sentence.line}") for s in sentences]


def wanted_phrases(phrases: list[Phrase]) -> list[Wanted]:
    return [Wanted(p.id, p.zh, f"plan character {p.start}") for p in phrases]


def wanted_headings(parts: PlanParts) -> list[Wanted]:
    """Each section's title (its heading without the number), by the section's id: 4-2-7, preface."""
    return [Wanted(p.local.removeprefix("section/"), p.title or "", f"section {p.number}")
            for p in parts.values() if p.kind == "section"]


def translation_findings(wanted: list[Wanted], translations: Translations, what: str = "sentence",
                         example: str = "section and ordinal, e.g. 4-2-7-s3") -> list[Finding]:
    """A finding for each thing without a translation, each translation of nothing, each English
    with Chinese characters, and each translation whose Chinese is not the plan's (the plan or
    its segmentation changed)."""
    findings = []
    for w in wanted:
        line = translations.get(w.id)
        if line is None:
            findings.append(Finding("translation", translations.label, None,
                                    f"{what} {w.id} ({w.where}) has no translation: add a line «{w.id}\t{w.zh}\t<English>»"))
            continue
        if _HAN.search(line.en):
            findings.append(Finding("translation", translations.label, line.line,
                                    f"the English of {w.id} has Chinese characters («{_HAN.search(line.en).group()}»): "
                                    "translate them (the Chinese is beside it, and on the page)"))
        if line.zh != w.zh:
            findings.append(Finding("translation", translations.label, line.line,
                                    f"the Chinese of {w.id} is not the plan's {what}: «{line.zh}» "
                                    f"but the plan has «{w.zh}»; check the English against it and copy it"))
    known = {w.id for w in wanted}
    for line in translations.values():
        if line.id not in known:
            findings.append(Finding("translation", translations.label, line.line,
                                    f"{line.id} is no {what} of the plan (ids: {example}); "
                                    "remove the line or give it the right id"))
    return findings


class _NoSpace:
    """The text without white space, and where each character came from."""

    def __init__(self, text: str):
        self.origin = [index for index, char in enumerate(text) if not char.isspace()]
        self.text = "".join(text[index] for index in self.origin)

    def span(self, squeezed: str, from_position: int) -> tuple[int, int] | None:
        """Where `squeezed` (no white space) first is in the text at or after `from_position`."""
        found = self.text.find(squeezed, bisect_left(self.origin, from_position))
        if found < 0:
            return None
        return self.origin[found], self.origin[found + len(squeezed) - 1] + 1


def _container(parts: PlanParts, position: int) -> str:
    """The paragraph (or table row) the character at `position` is in."""
    leaf = next(p for p in parts.leaves() if p.start <= position < p.end)
    return leaf.parent if leaf.kind == "cell" else leaf.local


def sentence_graph(sentences: list[IdentifiedSentence], translations: Translations, parts: PlanParts,
                   headings: Translations | None = None, phrases: list[Phrase] = (),
                   phrase_translations: Translations | None = None) -> Graph:
    """The sentences, the short phrases, the sections' titles in English, and the translation's own
    description, as triples (the build's text graph)."""
    graph = Graph()
    anchors = []
    for phrase in phrases:
        graph.add((phrase.iri, RDF.type, HZ.Phrase))
        graph.add((phrase.iri, HZ.text, Literal(phrase.zh)))
        graph.add((phrase.iri, DCTERMS.isPartOf, URIRef(ID + phrase.paragraph)))
        anchors.append(Anchor(phrase.iri, phrase.zh, "", phrase.start, phrase.end, parts.text[phrase.start:phrase.end],
                              parts.text[max(0, phrase.start - CONTEXT):phrase.start],
                              parts.text[phrase.end:phrase.end + CONTEXT], 1))
        line = (phrase_translations or {}).get(phrase.id)
        if line is not None:
            graph.add((phrase.iri, HZ.translation, Literal(line.en, lang="en")))
            graph.add((phrase.iri, HZ.translatedIn, TRANSLATION))
    for line in (headings or {}).values():
        graph.add((URIRef(f"{ID}section/{line.id}"), HZ.titleTranslation, Literal(line.en, lang="en")))
    text = parts.text
    line_starts = [0]
    for line in text.split("\n"):
        line_starts.append(line_starts[-1] + len(line) + 1)
    no_space = _NoSpace(text)
    for s in sentences:
        iri = s.iri
        graph.add((iri, RDF.type, HZ.Sentence))
        graph.add((iri, HZ.text, Literal(s.sentence.text)))
        graph.add((iri, HZ.order, Literal(s.order, datatype=XSD.integer)))
        span = no_space.span(s.sentence.text.replace(" ", ""), line_starts[s.sentence.line - 1])
        if span is not None:
            start, end = span
            graph.add((iri, DCTERMS.isPartOf, URIRef(ID + _container(parts, start))))
            anchors.append(Anchor(iri, s.sentence.text, "", start, end, text[start:end],
                                  text[max(0, start - CONTEXT):start], text[end:end + CONTEXT], 1))
        line = translations.get(s.id)
        if line is not None:
            graph.add((iri, HZ.translation, Literal(line.en, lang="en")))
            graph.add((iri, HZ.translatedIn, TRANSLATION))
    add_anchor_triples(graph, anchors)
    graph.add((TRANSLATION, RDF.type, HZ.Translation))
    graph.add((TRANSLATION, RDFS.label, Literal("规划的英文译文（非官方）", lang="zh")))
    graph.add((TRANSLATION, RDFS.label, Literal("Unofficial English translation of the plan", lang="en")))
    graph.add((TRANSLATION, DCTERMS.creator, Literal(CREATOR)))
    graph.add((TRANSLATION, DCTERMS.language, Literal("en")))
    graph.add((TRANSLATION, DCTERMS.description, Literal(NOTE_EN, lang="en")))
    graph.add((TRANSLATION, DCTERMS.description, Literal(NOTE_ZH, lang="zh")))
    graph.add((TRANSLATION, PROV.wasDerivedFrom, URIRef(ID + PLAN)))
    graph.add((TRANSLATION, HZ.sentenceCount, Literal(sum(s.id in translations for s in sentences), datatype=XSD.integer)))
    return graph


def translation_text(summary: dict) -> str:
    """The build's line about the translation and its glossary check."""
    g = summary["glossary"]
    return (f"translation: {summary['translated']} of {summary['sentences']} sentences, {summary['phrases_translated']} of "
            f"{summary['phrases']} short phrases and {summary['headings_translated']} of {summary['headings']} headings "
            f"in English (unofficial); "
            f"glossary: {g['names_in_english']} of {g['names_checked']} names by their English label, "
            f"{g['excused']} excused by {g['exceptions']} listed exceptions\n")

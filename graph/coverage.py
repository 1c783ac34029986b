"""Sentence coverage: is every substantive sentence of the plan encoded by a fact, or
registered as carrying no encodable statement?

The plan is split as issue 12 measured it: the body text on 。 and ；, every piece of at
least 15 characters (whitespace removed) is a substantive sentence; heading lines (前言,
一、…, （一）…, 1.… standing alone) are left out, and so is the front matter before 前言.
The appendix table counts its rows (a row: the cells from one tab-led line after a blank
line up to the next such line, joined by single spaces) and the note below it, split
like the body.

A sentence is **encoded** when a citation of its own section (hz:section, matched by the
section's hz:sectionNumber, such as 四（二）1) has a quote that
overlaps it substantively (the plan repeats phrases across chapters, so a quote of 六 does
not encode a sentence of 一 that happens to share 15 characters with it): the
sentence lies inside the quote, or the two share a run of at least 15 characters (so a
quote of 15 or more characters inside the sentence encodes it; a shorter fragment such
as a name does not, and a quote that spans a sentence boundary covers each side only
where it quotes 15 characters of it). It is **registered** when an
hz:RegisteredSentence of its section quotes it whole (the register: sentences with no encodable statement,
each with its reason). Otherwise it is **neither**, and the build fails.

>>> split_sentences("一二三四五六七八九十一二三四五。短句；甲乙丙丁戊己庚辛壬癸甲乙丙丁戊")
['一二三四五六七八九十一二三四五', '甲乙丙丁戊己庚辛壬癸甲乙丙丁戊']
>>> overlaps("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午", "丙丁戊己庚辛壬癸子丑寅卯辰巳午未申")  # 15 shared
True
>>> overlaps("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳", "丙丁戊己庚辛壬癸子丑寅卯辰巳午未申")  # 14 shared
False
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import RDF, Graph, URIRef

from hzkg.graph.findings import Finding
from hzkg.graph.paths import DEF, ID

__all__ = [
    "MIN_CHARS",
    "SEPARATORS",
    "CHAPTERS",
    "Sentence",
    "split_sentences",
    "plan_sentences",
    "overlaps",
    "coverage",
    "coverage_text",
    "coverage_findings",
    "GATE",
]

MIN_CHARS = 15
SEPARATORS = "。；;"  # where the plan's sentences end (the ASCII ; twice)
# When on, a sentence that is neither encoded nor registered fails the build.
GATE = True
CHAPTERS = ("前言", "一", "二", "三", "四", "五", "六", "七", "附表")
QUOTE = URIRef(DEF + "quote")
SECTION = URIRef(DEF + "section")
SECTION_NUMBER = URIRef(DEF + "sectionNumber")
REGISTERED = URIRef(DEF + "RegisteredSentence")

_NUMERALS = "一二三四五六七八九十"
_CHAPTER_HEADING = re.compile(rf"^([{_NUMERALS}]+)、(.+)$")
_PART_HEADING = re.compile(rf"^（([{_NUMERALS}]+)）(.+?)。?$")
_ITEM_HEADING = re.compile(r"^(\d+)\.(.+?)。?$")


@dataclass(frozen=True)
class Sentence:
    """One substantive sentence: its text (whitespace removed, or single spaces in a
    table row), the section it stands in (IRI) and its chapter (前言, 一 … 七, 附表)."""

    text: str
    section: str
    chapter: str
    line: int  # in the plan's text file, from 1
    number: str  # the section's number as the plan writes it (hz:sectionNumber): 前言, 四（二）1, 附表


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def split_sentences(paragraph: str) -> list[str]:
    """The pieces of `paragraph` between 。 and ； (or the ASCII ; the plan uses twice) that have at least MIN_CHARS characters."""
    pieces = (_squeeze(p) for p in re.split(f"[{SEPARATORS}]", paragraph))
    return [p for p in pieces if len(p) >= MIN_CHARS]


def _numeral(text: str) -> int:
    return _NUMERALS.index(text) + 1 if len(text) == 1 else 10 + (_NUMERALS.index(text[-1]) + 1 if len(text) > 1 else 0)


class _Sections:
    """Follows the headings: chapter, part, item, into the section IRIs of plan.ttl
    (section/preface, section/2, section/2-3, section/2-3-1, section/appendix-table)."""

    def __init__(self):
        self.chapter = None  # 前言, 一 … 七, 附表
        self.path: list[int] = []

    @property
    def number(self) -> str:
        """The plan's own section number, as hz:sectionNumber holds it: 一, 一（一）, 一（一）1."""
        if self.chapter in ("前言", "附表"):
            return self.chapter
        parts = [_NUMERALS[n - 1] if n <= 10 else "十" + _NUMERALS[n - 11] for n in self.path[:2]]
        text = parts[0] + (f"（{parts[1]}）" if len(parts) > 1 else "")
        return text + (str(self.path[2]) if len(self.path) > 2 else "")

    @property
    def iri(self) -> str:
        if self.chapter == "前言":
            return ID + "section/preface"
        if self.chapter == "附表":
            return ID + "section/appendix-table"
        return ID + "section/" + "-".join(str(n) for n in self.path)

    def heading(self, line: str) -> bool:
        """Move to the section `line` opens; False when it opens none."""
        if line in ("前言", "附表"):
            self.chapter, self.path = line, []
            return True
        if self.chapter is None or self.chapter == "附表":
            return False
        match = _CHAPTER_HEADING.match(line)
        if match:
            self.chapter, self.path = match.group(1), [_numeral(match.group(1))]
            return True
        match = _PART_HEADING.match(line)
        if match and self.path and len(line) <= 40:
            self.path = self.path[:1] + [_numeral(match.group(1))]
            return True
        match = _ITEM_HEADING.match(line)
        if match and len(self.path) >= 2 and "。" not in match.group(2):
            self.path = self.path[:2] + [int(match.group(1))]
            return True
        return False


def _table_rows(lines: list[str], first: int) -> list[tuple[str, int]]:
    """The appendix table's rows and the note under it (split like the body), each with
    the line it starts on (`first` is the line number of lines[0])."""
    rows: list[tuple[list[str], int]] = []
    note: list[str] = []
    note_line = 0
    previous_blank = True
    for number, line in enumerate(lines, first):
        if line.startswith("注：") or note:
            note_line = note_line or number
            note.append(line)
        elif line.startswith("\t") and previous_blank:
            rows.append(([line.strip()], number))
        elif rows and line.strip():
            rows[-1][0].append(line.strip())
        previous_blank = not line.strip()
    texts = [(" ".join(cell for cell in row if cell), number) for row, number in rows]
    sentences = [(t, n) for t, n in texts if len(_squeeze(t)) >= MIN_CHARS]
    return sentences + [(t, note_line) for t in split_sentences("".join(note))]


def plan_sentences(plan_text: str) -> list[Sentence]:
    """Every substantive sentence of the plan, in the plan's order, with its section."""
    sections = _Sections()
    sentences: list[Sentence] = []
    lines = plan_text.splitlines()
    for index, raw in enumerate(lines):
        line = raw.strip()
        if sections.chapter == "附表":
            if line == "杭州市开发区（园区）“十二五”发展概览":
                continue  # the table's title: a heading
            rows = _table_rows(lines[index:], index + 1)
            sentences += [Sentence(t, sections.iri, "附表", n, sections.number) for t, n in rows]
            break
        if not line or sections.heading(line) or sections.chapter is None:
            continue
        sentences += [Sentence(t, sections.iri, sections.chapter, index + 1, sections.number) for t in split_sentences(line)]
    return sentences


def _runs(text: str, length: int) -> set[str]:
    return {text[i:i + length] for i in range(len(text) - length + 1)}


def overlaps(sentence: str, quote: str) -> bool:
    """Does `quote` cover `sentence` substantively (both with whitespace removed)?"""
    if not quote or not sentence:
        return False
    if sentence in quote:
        return True
    return bool(_runs(sentence, MIN_CHARS) & _runs(quote, MIN_CHARS))


def _quotes(facts: Graph, registered: bool) -> dict[str, list[str]]:
    """Quotes by the number of the section their citation names (hz:sectionNumber, as the
    plan writes it), of the registered sentences or of the rest."""
    subjects = set(facts.subjects(RDF.type, REGISTERED))
    found: dict[str, set[str]] = {}
    for subject, quote in facts.subject_objects(QUOTE):
        if (subject in subjects) == registered:
            for section in facts.objects(subject, SECTION):
                for number in facts.objects(section, SECTION_NUMBER):
                    found.setdefault(str(number), set()).add(_squeeze(str(quote)))
    return {section: sorted(quotes) for section, quotes in found.items()}


def _covered(text: str, quotes: list[str], runs: dict[str, set[str]]) -> bool:
    if any(text in q for q in quotes):
        return True
    own = _runs(text, MIN_CHARS)
    return any(own & runs[q] for q in quotes)


def coverage(facts: Graph, plan_text: str) -> dict:
    """Coverage by chapter and the sentences that are neither encoded nor registered.

    A registered sentence must be quoted whole (its hz:quote is the sentence); a
    sentence that is both encoded and registered counts as encoded."""
    encoded_quotes = _quotes(facts, registered=False)
    registered_quotes = _quotes(facts, registered=True)
    runs = {q: _runs(q, MIN_CHARS) for quotes in encoded_quotes.values() for q in quotes}
    chapters = {c: {"sentences": 0, "encoded": 0, "registered": 0, "neither": 0} for c in CHAPTERS}
    neither = []
    for sentence in plan_sentences(plan_text):
        counts = chapters[sentence.chapter]
        counts["sentences"] += 1
        text = sentence.text.replace(" ", "")
        if _covered(text, encoded_quotes.get(sentence.number, []), runs):
            counts["encoded"] += 1
        elif text in registered_quotes.get(sentence.number, []):
            counts["registered"] += 1
        else:
            counts["neither"] += 1
            neither.append(
                {"chapter": sentence.chapter, "section": sentence.section, "line": sentence.line, "sentence": sentence.text}
            )
    total = {k: sum(c[k] for c in chapters.values()) for k in ("sentences", "encoded", "registered", "neither")}
    total["encoded_share"] = round(total["encoded"] / total["sentences"], 4) if total["sentences"] else 0.0
    # report.json sorts its keys; chapter_order keeps the plan's order for a reader.
    return {"chapters": chapters, "chapter_order": list(CHAPTERS), "total": total, "neither": neither}


def coverage_text(report: dict) -> str:
    """The coverage as lines for a person: one per chapter, then the total."""
    lines = ["sentence coverage (encoded / registered / neither of substantive sentences):"]
    for chapter, c in report["chapters"].items():
        lines.append(f"  {chapter:<4} {c['encoded']:4d} / {c['registered']:3d} / {c['neither']:3d}  of {c['sentences']:4d}")
    t = report["total"]
    lines.append(
        f"  all  {t['encoded']:4d} / {t['registered']:3d} / {t['neither']:3d}  of {t['sentences']:4d}"
        f"  ({t['encoded_share']:.1%} encoded)"
    )
    return "\n".join(lines) + "\n"


def coverage_findings(report: dict, source_label: str = "the plan text") -> list[Finding]:
    """With the GATE on, one violation per sentence that is neither encoded nor registered."""
    if not GATE:
        return []
    return [
        Finding(
            "coverage",
            source_label,
            n["line"],
            f"sentence of <{n['section']}> is neither encoded nor registered: «{n['sentence']}»; "
            "cite it (hz:quote) from a fact that says what it says, or register it in graph/facts/register.ttl with a reason",
        )
        for n in report["neither"]
    ]

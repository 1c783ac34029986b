"""Sentence coverage: is every substantive sentence of the plan encoded by a fact, or
registered as carrying no encodable statement?

The plan is split as issue 12 measured it: the body text on 。 and ；, every piece of at
least 15 characters (whitespace removed) is a substantive sentence; headings (前言,
一、…, （一）…, 1.…; graph/plan_parts.py reads them) are left out, and so is the front matter before 前言.
The appendix table counts its rows (a row: the cells from one tab-led line after a blank
line up to the next such line, joined by single spaces) and the note below it, split
like the body.

A sentence is **encoded** when a fact cites it: a resource with at least one relation or value
besides its type, labels, comment, basis and citations (a zone's level, a role's industry, a
statement's concerns; not a bare name) has a citation of the sentence's own section or of one
around it (hz:section, matched by the section's hz:sectionNumber, such as 四（二）1, 四（二）or 四)
whose quote
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

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from hzkg.graph.findings import Finding
from hzkg.graph.paths import DEF, ID
from hzkg.graph.plan_parts import Part, PlanParts, chapter_of, enclosing_numbers, parse_plan, section_of

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
    "cited_by_facts",
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
CITATION = URIRef(DEF + "citation")
# What a resource may have and still say nothing: a name, a comment, a basis, its citations.
NOT_A_FACT = frozenset({RDF.type, RDFS.label, RDFS.comment, SKOS.prefLabel, SKOS.altLabel, CITATION,
                        URIRef(DEF + "basis"), URIRef(DEF + "basisNote"), URIRef(DEF + "actorBasis"),
                        URIRef(DEF + "commonName")})

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


def _row_text(parts: PlanParts, row: Part) -> str:
    """A row of the appendix table as quotes write it: its cells with single spaces."""
    return " ".join(" ".join(parts[cell].text(parts.text).split()) for cell in row.children).strip()


def plan_sentences(plan_text: str) -> list[Sentence]:
    """Every substantive sentence of the plan, in the plan's order, with its section
    (the plan's parts as graph/plan_parts.py reads them; headings and the table's title left out)."""
    parts = parse_plan(plan_text)
    body_starts = parts["section/preface"].start if "section/preface" in parts else len(plan_text)
    sentences: list[Sentence] = []
    for leaf in parts.leaves():
        chapter = chapter_of(parts, leaf.local)
        if leaf.kind == "heading" or chapter is None or chapter.number not in CHAPTERS:
            continue
        if leaf.start < body_starts and chapter.number != "附表":
            continue  # the front matter, before 前言 (a text without 前言: all but the table)
        section = section_of(parts, leaf.local)
        if leaf.kind == "cell":
            row = parts[leaf.parent]
            if row.children[0] != leaf.local or len(_squeeze(_row_text(parts, row))) < MIN_CHARS:
                continue  # a row is one sentence, at its first cell
            pieces = [_row_text(parts, row)]
        elif leaf.text(plan_text).strip() == chapter.title and chapter.number == "附表":
            continue  # the table's title
        else:
            pieces = split_sentences(leaf.text(plan_text))
        line = plan_text.count("\n", 0, leaf.start) + 1
        sentences += [Sentence(p, ID + section.local, chapter.number, line, section.number) for p in pieces]
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


def cited_by_facts(facts: Graph) -> set:
    """The citations some fact cites: a resource with a relation or value outside NOT_A_FACT."""
    saying = {subject for subject, predicate in facts.subject_predicates(unique=True) if predicate not in NOT_A_FACT}
    return {citation for subject, citation in facts.subject_objects(CITATION) if subject in saying}


def _quotes(facts: Graph, registered: bool) -> dict[str, list[str]]:
    """Quotes by the number of the section their citation names (hz:sectionNumber, as the
    plan writes it), of the registered sentences or of the citations facts cite."""
    subjects = set(facts.subjects(RDF.type, REGISTERED)) if registered else cited_by_facts(facts)
    found: dict[str, set[str]] = {}
    for subject, quote in facts.subject_objects(QUOTE):
        if subject in subjects:
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
        # A quote cited under a section covers the sentences of the sections inside it (五（一） holds 五（一）1).
        numbers = enclosing_numbers(sentence.number)
        if _covered(text, [q for n in numbers for q in encoded_quotes.get(n, [])], runs):
            counts["encoded"] += 1
        elif any(text in registered_quotes.get(n, []) for n in numbers):
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
    lines = ["sentence coverage (encoded by facts / registered / neither of substantive sentences):"]
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

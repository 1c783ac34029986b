"""Step 4b: a cited name occurs in its quote as a word, not inside another word.

A citation must state the fact it supports. Two cheap, checkable signs that it does: the
quote of a resource's own citation names the resource (one of its Chinese labels), and the
quote of an industry role names the role's industry. "Names" means as a word: an occurrence
that a longer word of the lexicon swallows (contains, or overlaps and runs past) is an
accident — 化工 in 生态化工业园区 (the lexicon's 工业园区 runs past it), 信息 in 信息平台.
The lexicon is every Chinese name in the graph plus the plan's compounds listed in
word-check.toml beside the facts (graph/facts/), which also holds the reviewed exceptions:
citations that state their fact without the name as a word (a zone's own section says 开发区),
each with its reason. A facts folder without the file is checked with no compounds and no exceptions.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from hzkg.graph.findings import Finding, InputError
from hzkg.graph.load import display_path
from hzkg.graph.locate import Locator
from hzkg.graph.paths import DEF, FACTS_DIR

__all__ = ["WORD_CHECK_FILE", "WORD_CHECK_NAME", "WordCheckRules", "load_rules", "occurs_as_word", "word_findings"]

WORD_CHECK_NAME = "word-check.toml"
WORD_CHECK_FILE = FACTS_DIR / WORD_CHECK_NAME
NAME_PREDICATES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
CITATION, QUOTE = URIRef(DEF + "citation"), URIRef(DEF + "quote")
INDUSTRY_ROLE, INDUSTRY = URIRef(DEF + "IndustryRole"), URIRef(DEF + "industry")
INDUSTRY_LINKS = tuple(URIRef(DEF + name) for name in ("promotedIndustry", "upgradedIndustry", "restructuredIndustry"))
# Resources whose Chinese "label" is a sentence or a title, not a name to look for.
# The plan's statements (goals, principles, measures …; ontology/policy.ttl) are labelled by a
# summary of their sentence: their citation is that sentence, and their labels are not words of
# the lexicon (they would swallow the names inside them).
NOT_NAMED = {URIRef(DEF + name) for name in (
    "Discrepancy", "Plan", "Section", "Citation", "RegisteredSentence", "InstrumentClassification", "PolicyStatement",
    "Assessment", "GuidingIdea", "Principle", "Goal", "LayoutGuidance", "PositioningStatement", "PolicyMeasure")}


@dataclass(frozen=True)
class WordCheckRules:
    compounds: frozenset[str]
    exceptions: dict[tuple[str, str], str]  # (resource IRI, citation IRI) -> reason
    path: Path | None = None


def load_rules(path: Path = WORD_CHECK_FILE) -> WordCheckRules:
    """The compounds and the reviewed exceptions; an unreadable file is an input error."""
    if not Path(path).exists():
        return WordCheckRules(frozenset(), {}, None)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise InputError(f"{display_path(path)}: cannot read the word-check rules: {error}") from error
    exceptions = {}
    for number, entry in enumerate(data.get("exception", []), 1):
        missing = [key for key in ("resource", "citation", "reason") if not str(entry.get(key, "")).strip()]
        if missing:
            raise InputError(f"{display_path(path)}: exception {number} lacks {', '.join(missing)}")
        exceptions[(entry["resource"], entry["citation"])] = entry["reason"]
    return WordCheckRules(frozenset(data.get("compounds", [])), exceptions, Path(path))


def _spans(word: str, text: str):
    start = text.find(word)
    while start >= 0:
        yield start, start + len(word)
        start = text.find(word, start + 1)


def word_spans(text: str, lexicon) -> list[tuple[int, int]]:
    """Where each lexicon word occurs in `text` (computed once per quote)."""
    return [span for word in lexicon if word in text for span in _spans(word, text)]


def occurs_as_word(name: str, text: str, lexicon, spans=None) -> bool:
    """Whether `name` occurs in `text` at least once without a longer lexicon word swallowing it
    (containing it, or overlapping it and running past it). `spans`: word_spans(text, lexicon).

    >>> occurs_as_word("化工", "基本达到生态化工业园区标准", {"工业园区"})
    False
    >>> occurs_as_word("化工", "改造提升化工等传统优势产业", {"工业园区"})
    True
    >>> occurs_as_word("信息", "信息平台等方面逐步实现了联动", {"信息平台"})
    False
    """
    spans = word_spans(text, lexicon) if spans is None else spans
    for start, end in _spans(name, text):
        swallowed = any(
            other_start < end and start < other_end and (other_start < start or other_end > end)
            and other_end - other_start > end - start
            for other_start, other_end in spans
        )
        if not swallowed:
            return True
    return False


def _names(graph: Graph, resource) -> set[str]:
    return {str(name) for predicate in NAME_PREDICATES for name in graph.objects(resource, predicate)
            if getattr(name, "language", None) == "zh"}


def _checks(facts: Graph):
    """(resource whose names must occur, the fact's subject, citation) for every check."""
    for subject, citation in facts.subject_objects(CITATION):
        if facts.value(subject, RDF.type) in NOT_NAMED:
            continue
        if (subject, RDF.type, INDUSTRY_ROLE) in facts:
            for link in INDUSTRY_LINKS:
                for industry in facts.objects(subject, link):
                    yield industry, subject, citation
        elif _names(facts, subject):
            yield subject, subject, citation


def word_findings(facts: Graph, locator: Locator, rules: WordCheckRules) -> list[Finding]:
    """One finding per citation whose quote does not name, as a word, what it is cited for."""
    names = {subject: _names(facts, subject) for subject in set(facts.subjects())
             if facts.value(subject, RDF.type) not in NOT_NAMED}
    lexicon_all = set().union(*names.values()) | rules.compounds
    findings, used_exceptions = [], set()
    spans_of = {}
    for named, subject, citation in sorted(_checks(facts)):
        quote = str(facts.value(citation, QUOTE) or "")
        own = names.get(named, set())
        if quote not in spans_of:
            spans_of[quote] = [(start, end, quote[start:end]) for start, end in word_spans(quote, lexicon_all)]
        # the resource's own longer names (新能源新材料产业 for 新能源新材料) do not swallow its names
        spans = [(start, end) for start, end, word in spans_of[quote] if word not in own]
        if any(occurs_as_word(name, quote, (), spans) for name in own):
            continue
        key = (str(subject), str(citation))
        if key in rules.exceptions:
            used_exceptions.add(key)
            continue
        file, line = locator.locate(subject)
        what = "its industry" if named != subject else "it"
        findings.append(Finding("words", file, line, f"<{subject}> cites <{citation}>, whose quote does not name {what} "
                                f"({'/'.join(sorted(own))}) as a word: «{quote}» (fix the citation, or add a reviewed "
                                f"exception to {display_path(rules.path or WORD_CHECK_FILE)})"))
    described = {str(subject) for subject in facts.subjects()}
    for resource, citation in sorted(set(rules.exceptions) - used_exceptions):
        if resource in described:  # an exception about another dataset's resource is not this one's business
            findings.append(Finding("words", display_path(rules.path), None, f"stale exception: <{resource}> "
                                    f"<{citation}> passes the check or is no longer cited; remove it"))
    return findings

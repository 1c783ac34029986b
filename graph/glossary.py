"""The translation's glossary check: a translated sentence uses the graph's English name of
every thing its Chinese names.

The glossary is the graph's own: each zone, block, industry, base, cluster, sub-city, area,
park, place and institution, found in a sentence by its Chinese labels (rdfs:label,
skos:prefLabel, skos:altLabel @zh, longest name first, as the reading view links them), must
appear in the English by one of its English labels (the same properties @en; compared
case-insensitively). A name the plan shares between things accepts any of their names.
What the check cannot know — a name used as an ordinary word, a name the English must
paraphrase, a name the plan uses as a modifier — is listed in graph/translation/glossary-exceptions.tsv,
one line a case: `sentence id` (or `*` for every sentence)`<TAB>Chinese name<TAB>English<TAB>reason`,
where English is the form the translation uses instead (it must then be there), or `-` for none.
An exception that excuses nothing is reported too, so the list stays true.

>>> terms = {"杭州经济技术开发区": Term("杭州经济技术开发区", ("Hangzhou Economic and Technological Development Zone",), ("zone/hangzhou-etdz",)),
...          "杭州": Term("杭州", ("Hangzhou",), ("area/hangzhou",))}
>>> [t.zh for t in names_in("杭州经济技术开发区在杭州", terms)]
['杭州经济技术开发区', '杭州']
>>> uses("Hangzhou Economic and Technological Development Zone (HETDZ) grew", terms["杭州经济技术开发区"])
True
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import RDFS, Graph
from rdflib.namespace import SKOS

from hzkg.graph.findings import Finding, InputError
from hzkg.graph.load import display_path
from hzkg.graph.paths import ID

__all__ = ["ENTITY_KINDS", "EXCEPTIONS_FILE", "Term", "Exception_", "glossary", "names_in", "uses",
           "read_exceptions", "glossary_findings"]

# The kinds of things the plan names (the first segment of their IRIs below id/); the reading
# view links the same names (service's plan model).
ENTITY_KINDS = ("zone", "block", "industry", "base", "cluster", "cluster-park", "sub-city", "area", "park",
                "place", "institution")
EXCEPTIONS_FILE = "glossary-exceptions.tsv"
_NAME_PROPERTIES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel)


@dataclass(frozen=True)
class Term:
    zh: str
    english: tuple[str, ...]  # every English name of every thing called zh
    things: tuple[str, ...]  # their local names: zone/hangzhou-etdz


@dataclass(frozen=True)
class Exception_:
    sentence: str  # an id, or "*"
    zh: str
    english: str | None  # the form used instead of the labels; None: no English name required
    reason: str
    line: int


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").replace("–", "-").split())


def glossary(facts: Graph, plan_text: str) -> dict[str, Term]:
    """Chinese name -> Term, for every name (of two characters or more) that the plan's text uses."""
    english: dict[str, set[str]] = {}
    names: dict[str, set[str]] = {}
    for prop in _NAME_PROPERTIES:
        for thing, label in facts.subject_objects(prop):
            local = str(thing).removeprefix(ID)
            if local == str(thing) or local.split("/")[0] not in ENTITY_KINDS:
                continue
            language = getattr(label, "language", None)
            if language == "en":
                english.setdefault(local, set()).add(str(label))
            elif language == "zh" and len(str(label)) >= 2 and str(label) in plan_text:
                names.setdefault(str(label), set()).add(local)
    return {name: Term(name, tuple(sorted({e for t in things for e in english.get(t, ())})), tuple(sorted(things)))
            for name, things in sorted(names.items())}


def names_in(text: str, terms: dict[str, Term]) -> list[Term]:
    """The names `text` uses, left to right, the longest at each place (a name inside a longer one is not counted)."""
    by_first: dict[str, list[str]] = {}
    for name in sorted(terms, key=lambda n: (-len(n), n)):
        by_first.setdefault(name[0], []).append(name)
    found, index = [], 0
    while index < len(text):
        name = next((n for n in by_first.get(text[index], ()) if text.startswith(n, index)), None)
        if name is None:
            index += 1
        else:
            found.append(terms[name])
            index += len(name)
    return found


def uses(english: str, term: Term) -> bool:
    folded = _fold(english)
    return any(_fold(name) in folded for name in term.english)


def read_exceptions(directory: Path) -> tuple[list[Exception_], list[Finding], str]:
    """The exceptions file's lines (a missing file: no exceptions), findings for malformed lines, and its label."""
    path = Path(directory) / EXCEPTIONS_FILE
    label = display_path(path)
    if not path.is_file():
        return [], [], label
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{label}: cannot read the glossary exceptions: {error}") from error
    exceptions, findings = [], []
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.startswith("#") or raw.startswith("sentence\t"):
            continue
        cells = [cell.strip() for cell in raw.split("\t")]
        if len(cells) != 4 or not all(cells):
            findings.append(Finding("glossary", label, number, "expected 4 tab-separated cells: sentence id (or *), "
                                    "Chinese name, the English used instead (or -), reason"))
            continue
        sentence, zh, english, reason = cells
        exceptions.append(Exception_(sentence, zh, None if english == "-" else english, reason, number))
    return exceptions, findings, label


def glossary_findings(groups, terms: dict[str, Term], exceptions: list[Exception_],
                      exceptions_label: str) -> tuple[list[Finding], dict]:
    """A finding for each name a translation does not render by its English label and no exception
    excuses, one for each exception that excuses nothing; and the counts for the build's report.
    `groups`: (what is translated, its translations) pairs — graph.sentences.Wanted lists and Translations."""
    excused = {(e.sentence, e.zh): e for e in exceptions}
    used: set[tuple[str, str]] = set()
    findings = []
    checked = matched = excused_count = 0
    for wanted, translations in groups:
        for w in wanted:
            line = translations.get(w.id)
            if line is None:
                continue
            for term in names_in(w.zh, terms):
                checked += 1
                if uses(line.en, term):
                    matched += 1
                    continue
                key = next((k for k in ((w.id, term.zh), ("*", term.zh)) if k in excused
                            and (excused[k].english is None or _fold(excused[k].english) in _fold(line.en))), None)
                if key is not None:
                    used.add(key)
                    excused_count += 1
                    continue
                english = " or ".join(f"«{name}»" for name in term.english) or "(none: give the thing an @en label)"
                findings.append(Finding("glossary", translations.label, line.line,
                                        f"{w.id} names {term.zh} ({', '.join(term.things)}) but its English does not use "
                                        f"{english}; use it, or list «{w.id}\t{term.zh}\t<English used, or ->\t<reason>» "
                                        f"in {exceptions_label}"))
    for key, exception in excused.items():
        if key not in used:
            findings.append(Finding("glossary", exceptions_label, exception.line,
                                    f"the exception for {exception.zh} in {exception.sentence} excuses nothing "
                                    "(the translation uses the English label or not the English listed, or the sentence does not name it): remove it"))
    summary = {"names_checked": checked, "names_in_english": matched, "excused": excused_count,
               "exceptions": len(exceptions)}
    return findings, summary

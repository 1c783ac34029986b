"""Remove from the facts the triples that a hz:FactStatement already states (a zone's level, a zone
consolidated into another): the build asserts each statement's triple (graph/authoring.py), so it is
written once, in the statement that carries its basis and citations.

    python tools/stated_triples.py            # rewrite graph/facts/ in place
    python tools/stated_triples.py --dry-run  # say what would change, write nothing
    python tools/stated_triples.py --only hz:level  # only the triples of this predicate (repeatable)

Re-runnable: it removes a line `    <predicate> <object> ;` from the subject's block, in the forms the
file's prefixes and @base give, and finds nothing to do a second time. A triple written any other
way (last in its block, or beside other objects on one line) is named for a person to remove.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from rdflib import RDF, Graph, URIRef

from hzkg.graph import paths
from hzkg.graph.authoring import FACT_STATEMENT
from hzkg.graph.load import load_turtle_dir
from hzkg.graph.prefixes import PREFIXES

_PREFIX = re.compile(r"^@prefix\s+([\w-]*):\s*<([^>]*)>", re.MULTILINE)
_BASE = re.compile(r"^@base\s+<([^>]*)>", re.MULTILINE)


def _forms(term: URIRef, text: str) -> list[str]:
    """How `term` can be written in this file: <full>, <relative to @base>, prefix:name."""
    iri = str(term)
    forms = [f"<{iri}>"]
    forms += [f"<{iri[len(base):]}>" for base in _BASE.findall(text) if iri.startswith(base)]
    forms += [f"{prefix}:{iri[len(ns):]}" for prefix, ns in _PREFIX.findall(text) if iri.startswith(ns)]
    return forms


def _stated(graph: Graph) -> list[tuple[URIRef, URIRef, URIRef]]:
    found = []
    for statement in graph.subjects(RDF.type, FACT_STATEMENT):
        triple = tuple(graph.value(statement, p) for p in (RDF.subject, RDF.predicate, RDF.object))
        if None not in triple:
            found.append(triple)
    return sorted(found)


def _remove(text: str, triple) -> tuple[str, bool]:
    """`text` without the triple's line in the subject's block; True if it was there."""
    subject, predicate, obj = triple
    for form in _forms(subject, text):
        block = re.search(rf"^{re.escape(form)}\s.*?(?:\.\n|\Z)", text, re.MULTILINE | re.DOTALL)
        if not block:
            continue
        lines = "|".join(rf"{re.escape(p)}\s+{re.escape(o)}" for p in _forms(predicate, text) for o in _forms(obj, text))
        line = re.compile(rf"^[ \t]+(?:{lines})[ \t]*;[ \t]*\n", re.MULTILINE).search(text, block.start(), block.end())
        if line:
            return text[:line.start()] + text[line.end():], True
    return text, False


def remove_stated(facts_dir: Path, write: bool, only: set[URIRef] | None = None) -> tuple[list[str], list[str]]:
    """(lines removed, triples still written in a form this cannot remove); `only`: these predicates."""
    graph = load_turtle_dir(facts_dir).graph  # as written: without the triples the build adds
    stated = [triple for triple in _stated(graph) if only is None or triple[1] in only]
    removed, left = [], []
    changed = False
    for path in sorted(facts_dir.glob("*.ttl")):
        text = original = path.read_text(encoding="utf-8")
        for triple in stated:
            text, found = _remove(text, triple)
            if found:
                removed.append(f"{path.name}: {' '.join(_forms(t, text)[-1] for t in triple)}")
        if write and text != original:
            path.write_text(text, encoding="utf-8")
            changed = True
    written = (load_turtle_dir(facts_dir).graph if changed else graph) if write else None  # no file changed: as read
    for triple in stated if written is not None else []:
        if triple in written:
            left.append(" ".join(f"<{t}>" for t in triple))
    return removed, left


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=Path, default=paths.FACTS_DIR, help="the facts folder (default: graph/facts)")
    parser.add_argument("--dry-run", action="store_true", help="say what would change, write nothing")
    parser.add_argument("--only", action="append", metavar="PREFIX:NAME", help="only this predicate (repeatable), e.g. hz:level")
    options = parser.parse_args(argv)
    only = None
    for name in options.only or []:
        prefix, _, local = name.partition(":")
        if prefix not in PREFIXES or not local:
            parser.error(f"--only {name}: not a prefixed name of graph/prefixes.py ({', '.join(PREFIXES)}), e.g. hz:level")
        only = (only or set()) | {URIRef(PREFIXES[prefix] + local)}
    removed, left = remove_stated(options.facts, write=not options.dry_run, only=only)
    print("\n".join(removed))
    print(f"{'would remove' if options.dry_run else 'removed'} {len(removed)} stated triples from {options.facts}", file=sys.stderr)
    for triple in left:
        print(f"still written (remove it by hand): {triple}", file=sys.stderr)
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())

"""Do statements link what their sentences name? (issue 22)

For every goal, principle, assessment, positioning statement, layout guidance and measure, the
names found in its quotes of zones, blocks, industries, national pilots and bases, clusters (and
their parks), sub-cities and other places, and whether the statement links the named resource
(by any of its properties: hz:concerns, hz:measureObject, hz:actor …).

A name is found as a word (graph/wordcheck.py's `occurs_as_word`): an occurrence inside a longer
word of the lexicon does not count, so 研发 in 研发投入 or 化工 in 生态化工业园区 is no name of an
industry. The names are the resources' Chinese labels (rdfs:label, skos:prefLabel, skos:altLabel,
skos:hiddenLabel, hz:commonName); the lexicon adds every other Chinese label of the graph and the
plan's compounds of word-check.toml. statement-links.toml beside the facts adds the phrases of the
plan that name several things at once (余杭、富阳、桐庐、建德等开发区（园区）: four zones), each
resource of a phrase counted as one name, and the names a statement leaves unlinked on purpose,
each with its reason. Anything else unlinked is a gap.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from hzkg.graph.findings import InputError
from hzkg.graph.load import display_path
from hzkg.graph.paths import DEF, FACTS_DIR, ID
from hzkg.graph.wordcheck import NOT_NAMED, occurs_as_word, word_spans

__all__ = ["KINDS", "STATEMENT_CLASSES", "STATEMENT_LINKS_NAME", "LinkRules", "load_link_rules", "statement_links", "statement_links_text"]

STATEMENT_LINKS_NAME = "statement-links.toml"
STATEMENT_CLASSES = tuple(URIRef(DEF + name) for name in (
    "Goal", "Principle", "Assessment", "PositioningStatement", "LayoutGuidance", "PolicyMeasure"))
# The kinds of named things, most specific first: a resource is of the first kind whose class it has.
KINDS = (("industry", ("Industry",)), ("base", ("NationalPilotOrBase",)), ("zone", ("DevelopmentZone",)),
         ("block", ("Block",)), ("cluster", ("IndustrialCluster", "ClusterPark")), ("sub-city", ("SubCity",)),
         ("place", ("Place",)))
_NAME_PREDICATES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, URIRef(DEF + "commonName"))
_CITATION, _QUOTE = URIRef(DEF + "citation"), URIRef(DEF + "quote")


@dataclass(frozen=True)
class LinkRules:
    phrases: dict[str, tuple[str, ...]]  # phrase of the plan -> the resources (IRIs after ID) it names
    unlinked: dict[tuple[str, str], str]  # (statement, name) -> why the statement does not link it
    compounds: frozenset[str] = frozenset()  # word-check.toml's: words that contain a name without meaning it


def load_link_rules(path: Path = FACTS_DIR / STATEMENT_LINKS_NAME, compounds=frozenset()) -> LinkRules:
    """statement-links.toml's phrases and reasons; a facts folder without the file has none."""
    if not Path(path).exists():
        return LinkRules({}, {}, frozenset(compounds))
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise InputError(f"{display_path(path)}: cannot read the statement-link rules: {error}") from error
    phrases, unlinked = {}, {}
    for number, entry in enumerate(data.get("phrase", []), 1):
        if not entry.get("text") or not entry.get("names") or not str(entry.get("reason", "")).strip():
            raise InputError(f"{display_path(path)}: phrase {number} needs text, names and reason")
        phrases[entry["text"]] = tuple(entry["names"])
    for number, entry in enumerate(data.get("unlinked", []), 1):
        missing = [key for key in ("statement", "name", "reason") if not str(entry.get(key, "")).strip()]
        if missing:
            raise InputError(f"{display_path(path)}: unlinked {number} lacks {', '.join(missing)}")
        unlinked[(entry["statement"], entry["name"])] = entry["reason"]
    return LinkRules(phrases, unlinked, frozenset(compounds))


def _subclasses(graph: Graph, cls: URIRef) -> set:
    found, frontier = {cls}, [cls]
    while frontier:
        for sub in graph.subjects(RDFS.subClassOf, frontier.pop()):
            if sub not in found:
                found.add(sub)
                frontier.append(sub)
    return found


def _kinds(graph: Graph) -> dict:
    """{resource: kind} of every named thing."""
    kinds = {}
    for kind, classes in reversed(KINDS):  # the most specific kind written last wins
        for cls in {sub for name in classes for sub in _subclasses(graph, URIRef(DEF + name))}:
            for thing in graph.subjects(RDF.type, cls):
                kinds[thing] = kind
    return kinds


def _zh_labels(graph: Graph, thing) -> set[str]:
    return {str(label) for predicate in _NAME_PREDICATES for label in graph.objects(thing, predicate)
            if isinstance(label, Literal) and label.language == "zh" and len(label) >= 2}


def _short(iri) -> str:
    return str(iri).removeprefix(ID)


def _lexicon(graph: Graph, names: dict, rules: LinkRules) -> set[str]:
    """Every word a name can hide inside: the names, the other resources' Chinese labels (a
    class, an indicator, a policy target), the phrases and word-check.toml's compounds."""
    skip = {t for t in graph.subjects(RDF.type, None) if graph.value(t, RDF.type) in NOT_NAMED}
    others = {label for thing in set(graph.subjects()) - skip for label in _zh_labels(graph, thing)}
    return set(names) | others | set(rules.phrases) | rules.compounds


def statement_links(graph: Graph, rules: LinkRules | None = None) -> dict:
    """{"names", "linked", "share", "by_kind": {kind: {names, linked, share}},
    "unlinked": [{statement, name, kind, resources, reason}], "stale": [rule]} over `graph` (the facts and the
    ontology, as the build validates them)."""
    rules = rules or LinkRules({}, {})
    kinds = _kinds(graph)
    names: dict[str, set] = {}
    for thing in kinds:
        for label in _zh_labels(graph, thing):
            names.setdefault(label, set()).add(thing)
    lexicon = _lexicon(graph, names, rules)
    statements = sorted({s for cls in STATEMENT_CLASSES for s in graph.subjects(RDF.type, cls)})
    counts = {kind: [0, 0] for kind, _ in KINDS}
    unlinked, phrases_used = [], set()

    def count(statement, name: str, resources: set, links: set) -> None:
        kind = min((kinds[r] for r in resources), key=[k for k, _ in KINDS].index)
        counts[kind][0] += 1
        if resources & links:
            counts[kind][1] += 1
            return
        key = (_short(statement), name)
        unlinked.append({"statement": key[0], "name": name, "kind": kind, "resources": sorted(_short(r) for r in resources),
                         "reason": rules.unlinked.get(key, "")})

    for statement in statements:
        links = set(graph.objects(statement, None))
        quotes = [str(q) for c in graph.objects(statement, _CITATION) for q in graph.objects(c, _QUOTE)]
        found: dict[str, set] = {}
        for quote in quotes:
            spans = word_spans(quote, lexicon)
            for name in (n for n in names if n in quote and n not in found):
                if occurs_as_word(name, quote, (), [s for s in spans if quote[s[0]:s[1]] != name]):
                    found[name] = names[name]
            for phrase, slugs in rules.phrases.items():
                if phrase in quote:
                    phrases_used.add(phrase)
                    for slug in slugs:
                        found.setdefault(f"{phrase} → {slug}", {URIRef(ID + slug)})
        # A resource found by two of its names (杭州经济技术开发区, 杭州经开区) counts once.
        seen: set = set()
        for name in sorted(found, key=lambda n: (-len(n), n)):
            resources = found[name]
            if resources <= seen:
                continue
            seen |= resources
            count(statement, name, resources, links)
    total = sum(n for n, _ in counts.values())
    linked = sum(k for _, k in counts.values())
    # Rules that no longer apply (the phrase is in no statement's quote, the name is linked now or
    # no longer named): stale, to remove from statement-links.toml.
    reasons_used = {(item["statement"], item["name"]) for item in unlinked if item["reason"]}
    stale = sorted([f"phrase {p!r}" for p in set(rules.phrases) - phrases_used]
                   + [f"unlinked {s!r} {n!r}" for s, n in set(rules.unlinked) - reasons_used])
    return {"names": total, "linked": linked, "share": round(linked / total, 4) if total else 1.0,
            "by_kind": {kind: {"names": n, "linked": k, "share": round(k / n, 4) if n else 1.0}
                        for kind, (n, k) in counts.items()},
            "unlinked": sorted(unlinked, key=lambda item: (item["statement"], item["name"])), "stale": stale}


def statement_links_text(links: dict) -> str:
    """The build's lines: the share by kind, then every name left out, with its reason or as a gap."""
    gaps = sum(1 for item in links["unlinked"] if not item["reason"])
    lines = [f"statements link {links['linked']} of the {links['names']} names their quotes hold ({links['share']:.1%}); "
             f"{len(links['unlinked']) - gaps} left out with a reason, {gaps} gaps (report.json: statement_links):"]
    lines.append("  " + ", ".join(f"{kind} {c['linked']}/{c['names']}" for kind, c in links["by_kind"].items()))
    for item in links["unlinked"]:
        lines.append(f"  - {item['statement']}: {item['name']} ({item['kind']}): {item['reason'] or 'GAP: not linked'}")
    for rule in links["stale"]:
        lines.append(f"  - stale rule in {STATEMENT_LINKS_NAME}: {rule} (no longer applies; remove it)")
    return "\n".join(lines) + "\n"

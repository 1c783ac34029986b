"""Do statements link what their sentences name? (issue 22)

For every goal, principle, assessment, positioning statement, layout guidance and measure, the
names of places (zones, blocks, clusters and their parks, sub-cities, areas, other parks and
places) and of national pilots and bases found in its quotes (each quote read longest name first,
so 杭州高新技术产业开发区 is not also 高新技术产业), and whether the statement links the named
resource (any of its properties). Industries are left out: their names are words of ordinary
prose (研发 in 研发投入, 信息 in 信息平台), so a match says little without reading the sentence.

A name the statement does not link is listed with the reason in UNLINKED_ON_PURPOSE, or as a gap.
"""
from __future__ import annotations

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from hzkg.graph.paths import DEF, ID

__all__ = ["UNLINKED_ON_PURPOSE", "STATEMENT_CLASSES", "statement_links"]

STATEMENT_CLASSES = tuple(URIRef(DEF + name) for name in (
    "Goal", "Principle", "Assessment", "PositioningStatement", "LayoutGuidance", "PolicyMeasure"))
_NAMED_CLASSES = (URIRef(DEF + "Place"), URIRef(DEF + "NationalPilotOrBase"))
_CITATION, _QUOTE = URIRef(DEF + "citation"), URIRef(DEF + "quote")

# (statement, name): why the statement does not link it.
UNLINKED_ON_PURPOSE = {
    ("positioning/chengxi-cluster", "海创园"): "the quote is the whole sentence that measure/3-1-chengxi-policy-system "
                                            "encodes; 海创园 belongs to that measure's policy clause, which links it",
    ("positioning/xiaoshan-etdz-jiangdong-block", "桥南区块"): "江东区块承接市北、桥南区块制造功能升级: the functions come "
                                                               "from 桥南 (and 市北); the statement positions 江东 only, and a "
                                                               "positioning statement's hz:concerns names the blocks it positions",
}


def _subclasses(graph: Graph, cls: URIRef) -> set:
    found, frontier = {cls}, [cls]
    while frontier:
        for sub in graph.subjects(RDFS.subClassOf, frontier.pop()):
            if sub not in found:
                found.add(sub)
                frontier.append(sub)
    return found


def _names(graph: Graph) -> dict[str, set]:
    names: dict[str, set] = {}
    for cls in {c for named in _NAMED_CLASSES for c in _subclasses(graph, named)}:
        for thing in graph.subjects(RDF.type, cls):
            for predicate in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
                for label in graph.objects(thing, predicate):
                    if isinstance(label, Literal) and label.language == "zh" and len(label) >= 2:
                        names.setdefault(str(label), set()).add(thing)
    return names


def _short(iri) -> str:
    return str(iri).removeprefix(ID)


def statement_links(graph: Graph) -> dict:
    """{"names", "linked", "share", "unlinked": [{statement, name, resources, reason}]} over `graph`
    (the facts and the ontology, as the build validates them)."""
    names = _names(graph)
    longest_first = sorted(names, key=len, reverse=True)
    statements = sorted({s for cls in STATEMENT_CLASSES for s in graph.subjects(RDF.type, cls)})
    total = linked = 0
    unlinked = []
    for statement in statements:
        links = set(graph.objects(statement, None))
        found: dict[str, set] = {}
        for citation in graph.objects(statement, _CITATION):
            for quote in graph.objects(citation, _QUOTE):
                text = str(quote)
                for name in longest_first:
                    if name in text:
                        found[name] = names[name]
                        text = text.replace(name, "\0" * len(name))
        for name in sorted(found):
            total += 1
            if found[name] & links:
                linked += 1
                continue
            key = (_short(statement), name)
            unlinked.append({"statement": key[0], "name": name, "resources": sorted(_short(r) for r in found[name]),
                             "reason": UNLINKED_ON_PURPOSE.get(key, "")})
    return {"names": total, "linked": linked, "share": round(linked / total, 4) if total else 1.0, "unlinked": unlinked}

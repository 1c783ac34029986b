"""Write ontology/README.md: every class, property and code of the hzkg ontology with its
labels and comment, generated from the Turtle so that it never drifts from it.

Run `python -m hzkg.graph.ontology_docs` after changing ontology/*.ttl; a test checks that
the committed page is up to date.
"""
from __future__ import annotations

import sys

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from hzkg.graph import paths

__all__ = ["ontology_markdown", "main"]

DOC = paths.ONTOLOGY_DIR / "README.md"
CHARACTERISTICS = {OWL.SymmetricProperty: "symmetric", OWL.TransitiveProperty: "transitive", OWL.FunctionalProperty: "functional"}


def _load() -> Graph:
    graph = Graph()
    for path in sorted(paths.ONTOLOGY_DIR.glob("*.ttl")):
        if path.name != "shapes.ttl":
            graph.parse(path, format="turtle")
    return graph


def _label(graph: Graph, term, lang: str) -> str:
    for label in graph.objects(term, RDFS.label):
        if getattr(label, "language", None) == lang:
            return str(label)
    return ""


def _comment(graph: Graph, term) -> str:
    for predicate in (RDFS.comment, SKOS.definition):
        for comment in graph.objects(term, predicate):
            if getattr(comment, "language", None) == "en":
                return str(comment)
    return ""


def _name(graph: Graph, term) -> str:
    if isinstance(term, URIRef) and str(term).startswith(paths.DEF):
        return "hz:" + str(term)[len(paths.DEF):]
    if isinstance(term, URIRef):
        return graph.namespace_manager.normalizeUri(term)
    items = list(graph.items(term)) if (term, RDF.first, None) in graph else []
    return "(" + " ".join(_name(graph, item) for item in items) + ")" if items else "…"


def _ours(graph: Graph, cls) -> list:
    return sorted((t for t in graph.subjects(RDF.type, cls) if str(t).startswith(paths.DEF)), key=str)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def ontology_markdown(graph: Graph | None = None) -> str:
    graph = graph if graph is not None else _load()
    lines = [
        "# The hzkg ontology",
        "",
        "Generated from `ontology/hzkg.ttl`, `ontology/codelists.ttl` and `ontology/policy.ttl` by "
        "`python -m hzkg.graph.ontology_docs`; do not edit by hand.",
        f"Namespace: `{paths.DEF}` (prefix `hz:`). Instances live under `{paths.ID}`.",
        "The shapes the data must satisfy are in `ontology/shapes.ttl`.",
        "",
        "## Classes",
        "",
        "| class | 中文 | English | subclass of | comment |",
        "|---|---|---|---|---|",
    ]
    for term in _ours(graph, OWL.Class):
        parents = ", ".join(sorted(_name(graph, p) for p in graph.objects(term, RDFS.subClassOf)))
        lines.append(f"| `{_name(graph, term)}` | {_label(graph, term, 'zh')} | {_label(graph, term, 'en')} | {parents} | {_cell(_comment(graph, term))} |")
    for title, cls in (("Object properties", OWL.ObjectProperty), ("Datatype properties", OWL.DatatypeProperty)):
        lines += ["", f"## {title}", "", "| property | 中文 | English | domain → range | characteristics | comment |", "|---|---|---|---|---|---|"]
        for term in _ours(graph, cls):
            domain = ", ".join(_name(graph, d) for d in graph.objects(term, RDFS.domain)) or "—"
            range_ = ", ".join(_name(graph, r) for r in graph.objects(term, RDFS.range)) or "—"
            traits = sorted(CHARACTERISTICS[t] for t in graph.objects(term, RDF.type) if t in CHARACTERISTICS)
            traits += [f"inverse of {_name(graph, i)}" for i in graph.objects(term, OWL.inverseOf)]
            traits += [f"sub-property of {_name(graph, s)}" for s in graph.objects(term, RDFS.subPropertyOf)]
            traits += [f"chain {_name(graph, c)}" for c in graph.objects(term, OWL.propertyChainAxiom)]
            lines.append(
                f"| `{_name(graph, term)}` | {_label(graph, term, 'zh')} | {_label(graph, term, 'en')} | "
                f"{domain} → {range_} | {'; '.join(traits)} | {_cell(_comment(graph, term))} |"
            )
    lines += ["", "## Code lists", ""]
    for scheme in sorted((s for s in graph.subjects(RDF.type, SKOS.ConceptScheme) if str(s).startswith(paths.DEF)), key=str):
        lines += [f"### {_label(graph, scheme, 'en')} (`{_name(graph, scheme)}`)", "", "| code | 中文 | English | definition |", "|---|---|---|---|"]
        for concept in sorted(graph.subjects(SKOS.inScheme, scheme), key=str):
            lines.append(f"| `{_name(graph, concept)}` | {_label(graph, concept, 'zh')} | {_label(graph, concept, 'en')} | {_cell(_comment(graph, concept))} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main() -> int:
    DOC.write_text(ontology_markdown(), encoding="utf-8")
    print(f"wrote {DOC}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

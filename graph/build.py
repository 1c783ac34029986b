"""`hzkg build` and `hzkg check`: parse -> terms -> shapes -> provenance -> conflicts
-> inference -> write. Exit codes: 0 conforms, 1 does not conform, 2 error."""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, RDF, Graph, Literal, URIRef

from hzkg.graph import on_other_core, paths
from hzkg.graph.anchors import anchor_quotes, check_anchors, text_graph
from hzkg.graph.artifact import nquads, sha256, write_atomically
from hzkg.graph.basis_rules import add_rule_bases
from hzkg.graph.authoring import citation_name_findings, complete_facts
from hzkg.graph.consistency import find_conflicts
from hzkg.graph.coverage import coverage, coverage_findings, coverage_text, plan_sentences
from hzkg.graph.findings import EXIT_ERROR, EXIT_NONCONFORMING, EXIT_OK, Finding, InputError
from hzkg.graph.geometry import GRAPH_GEOMETRY, geometry_triples
from hzkg.graph.glossary import glossary, glossary_findings, read_exceptions
from hzkg.graph.inference import as_triples, fast_entailments, readable_by_rules
from hzkg.graph.load import Loaded, display_path, load_turtle_dir, load_turtle_files
from hzkg.graph.locate import Locator
from hzkg.graph.plan_parts import parse_plan
from hzkg.graph.provenance import number_findings, quote_findings
from hzkg.graph.report import make_report, report_json, report_text
from hzkg.graph.statement_links import STATEMENT_LINKS_NAME, load_link_rules, statement_links, statement_links_text
from hzkg.graph.sentences import (HEADINGS_FILE, PHRASES_FILE, identify, read_translations, sentence_graph,
                                  short_phrases, translation_findings, translation_text, wanted_headings,
                                  wanted_phrases, wanted_sentences)
from hzkg.graph.terms import dangling_links, ill_typed_literals, unknown_terms
from hzkg.graph.validate import shape_findings
from hzkg.graph.wordcheck import WORD_CHECK_NAME, load_rules, word_findings
from hzkg.graph.version import ontology_version_iri, package_version

__all__ = ["run_build", "run_check", "build_report", "load_facts", "Progress"]

SHAPES_NAME = "shapes.ttl"
STEPS = 10  # parse, terms, provenance, selectors, geometry, inference, shapes (beside the five before), conflicts, serialize, write


@dataclass
class Progress:
    """Times each step and, unless quiet, says so on stderr."""

    quiet: bool
    timings: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def step(self, name: str):
        start = time.perf_counter()
        yield
        self.record(name, time.perf_counter() - start)

    def record(self, name: str, seconds: float) -> None:
        """A step done, timed here or where it ran (graph/on_other_core.py)."""
        self.timings[name] = seconds
        if not self.quiet:
            print(f"[{len(self.timings)}/{STEPS}] {name:<12} {seconds:7.3f} s", file=sys.stderr)


def _read_source_text(location: Path) -> str:
    location = Path(location)
    files = sorted(location.glob("*.zh.txt")) if location.is_dir() else [location]
    try:
        return "\n".join(f.read_text(encoding="utf-8") for f in files)
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{display_path(location)}: cannot read the plan text: {error}") from error


@dataclass
class _Parsed:
    ontology: Graph
    facts: Graph
    data: Graph  # facts + ontology: what SHACL validates and the consistency rules read
    shapes: Graph
    plan_text: str
    locator: Locator
    word_rules: object  # graph.wordcheck.WordCheckRules of the facts folder
    link_rules: object  # graph.statement_links.LinkRules of the facts folder
    source_label: str = ""  # the plan text's path as findings show it
    translation_dir: Path | None = None  # en.tsv and glossary-exceptions.tsv (graph/translation/)
    coverage: dict | None = None  # sentence coverage by chapter (graph.coverage), set by _check


def load_facts(facts_dir: Path = paths.FACTS_DIR) -> Loaded:
    """The facts as the build reads them: the Turtle files, with what authors leave to the build
    (graph/authoring.py: citations written as blank nodes named by the rule, the triple of each
    hz:FactStatement asserted) and the bases graph/basis_rules.py adds by rule (before the shapes,
    which check those bases like any other)."""
    facts = load_turtle_dir(facts_dir)
    complete_facts(facts.graph)
    add_rule_bases(facts.graph)
    return facts


def _parse(ontology_dir: Path, facts_dir: Path, source_text: Path, shapes_file: Path | None,
           translation_dir: Path | None) -> _Parsed:
    shapes_file = Path(shapes_file) if shapes_file else Path(ontology_dir) / SHAPES_NAME
    ontology = load_turtle_dir(ontology_dir, exclude=(SHAPES_NAME,))
    _add_version(ontology.graph)
    facts = load_facts(facts_dir)
    if not shapes_file.is_file():
        raise InputError(f"{display_path(shapes_file)}: no such file")
    shapes = load_turtle_files([shapes_file], skolemize_blank_nodes=False).graph
    data = facts.graph + ontology.graph
    locator = Locator(facts.files + ontology.files, data)
    plan_text = _read_source_text(source_text)
    word_rules = load_rules(Path(facts_dir) / WORD_CHECK_NAME)
    link_rules = load_link_rules(Path(facts_dir) / STATEMENT_LINKS_NAME, word_rules.compounds)
    return _Parsed(ontology.graph, facts.graph, data, shapes, plan_text, locator, word_rules, link_rules,
                   display_path(source_text),
                   Path(translation_dir) if translation_dir else Path(facts_dir).parent / "translation")


def _anchor(parsed: _Parsed, progress: Progress) -> tuple[Graph, dict, list[Finding]]:
    """The plan's parts and every quote's selectors (graph/anchors.py), checked."""
    with progress.step("selectors"):
        parts = parse_plan(parsed.plan_text)
        anchors, findings = anchor_quotes(parsed.facts, parts, parsed.locator)
        findings += check_anchors(anchors, parts, parsed.locator)
        summary = {"parts": len(parts), "anchored": len(anchors), "mismatches": len(findings),
                   "anchored_at_first_of_several": sum(a.occurrences_in_part > 1 for a in anchors)}
        text = text_graph(parts, anchors, parsed.facts)
        sentences, summary["translation"], translation = _translation(parsed, parts)
        text += sentences  # into the text graph, not a third graph copied from both
        return text, summary, findings + translation


def _translation(parsed: _Parsed, parts) -> tuple[Graph, dict, list[Finding]]:
    """The plan's sentences with their English (graph/sentences.py), checked against the glossary (graph/glossary.py)."""
    sentences = identify(plan_sentences(parsed.plan_text))
    translations, findings = read_translations(parsed.translation_dir)
    findings += translation_findings(wanted_sentences(sentences), translations)
    headings, heading_problems = read_translations(parsed.translation_dir, HEADINGS_FILE)
    wanted = wanted_headings(parts)
    heading_problems += translation_findings(wanted, headings, "heading", "the section's, e.g. 4-2-7 or preface")
    phrases = short_phrases(parts)
    phrase_translations, phrase_problems = read_translations(parsed.translation_dir, PHRASES_FILE)
    phrase_problems += translation_findings(wanted_phrases(phrases), phrase_translations, "short phrase",
                                            "section and ordinal, e.g. 4-2-7-1")
    exceptions, malformed, label = read_exceptions(parsed.translation_dir)
    terms = glossary(parsed.facts, parsed.plan_text)
    groups = [(wanted_sentences(sentences), translations), (wanted_phrases(phrases), phrase_translations),
              (wanted, headings)]
    glossary_problems, summary = glossary_findings(groups, terms, exceptions, label)
    summary = {"sentences": len(sentences), "translated": sum(s.id in translations for s in sentences),
               "headings": len(wanted), "headings_translated": sum(w.id in headings for w in wanted),
               "phrases": len(phrases), "phrases_translated": sum(p.id in phrase_translations for p in phrases),
               "glossary": summary}
    graph = sentence_graph(sentences, translations, parts, headings, phrases, phrase_translations)
    return graph, summary, findings + heading_problems + phrase_problems + malformed + glossary_problems


def _add_version(ontology: Graph) -> None:
    """owl:versionInfo and owl:versionIRI from the package's version (graph/version.py)."""
    for subject in list(ontology.subjects(RDF.type, OWL.Ontology)):
        ontology.add((subject, OWL.versionInfo, Literal(package_version())))
        ontology.add((subject, OWL.versionIRI, URIRef(ontology_version_iri())))


def _check(parsed: _Parsed, progress: Progress) -> tuple[list[Finding], list[Finding]]:
    """The terms and provenance checks (SHACL runs beside them, in build_report)."""
    facts, ontology, locator = parsed.facts, parsed.ontology, parsed.locator
    with progress.step("terms"):
        terms = unknown_terms(facts, ontology, locator) + dangling_links(facts, ontology, locator)
        terms += ill_typed_literals(facts, locator)
    with progress.step("provenance"):
        provenance = quote_findings(facts, ontology, parsed.plan_text, locator)
        provenance += citation_name_findings(facts, locator)
        provenance += number_findings(facts, ontology, locator)
        provenance += word_findings(facts, locator, parsed.word_rules)
        parsed.coverage = coverage(facts, parsed.plan_text)
        provenance += coverage_findings(parsed.coverage, parsed.source_label)
    return terms, provenance


def _violates(findings: list[Finding]) -> bool:
    return any(f.severity == "violation" for f in findings)


def build_report(
    *,
    progress: Progress,
    ontology_dir: Path = paths.ONTOLOGY_DIR,
    facts_dir: Path = paths.FACTS_DIR,
    source_text: Path = paths.SOURCE_TEXT,
    shapes_file: Path | None = None,
    translation_dir: Path | None = None,
) -> tuple[dict, bytes | None]:
    """Run every check; return the report and, when the data conforms, the artifact.
    Raises InputError for a file that cannot be read or parsed."""
    with progress.step("parse"):
        parsed = _parse(ontology_dir, facts_dir, source_text, shapes_file, translation_dir)
    # SHACL (pure Python, the slowest check) runs in a forked child on the other core while this
    # process runs the other checks and, speculatively, the inference: unless those checks have
    # already found a violation, which leaves nothing to infer for.
    inference_error = None
    with on_other_core.start(lambda: shape_findings(parsed.data, parsed.shapes, parsed.locator)) as shapes:
        terms, provenance = _check(parsed, progress)
        text, text_summary, text_findings = _anchor(parsed, progress)
        with progress.step("geometry"):
            geometry, geometry_findings = geometry_triples()
        if not _violates(terms + provenance + text_findings + geometry_findings):
            try:
                with progress.step("inference"):
                    ontology_triples, facts_triples = as_triples(parsed.ontology), as_triples(parsed.facts)
                    text_triples = as_triples(text)
                    inferred = fast_entailments(ontology_triples | readable_by_rules(ontology_triples, facts_triples | text_triples))
            except Exception as error:  # noqa: BLE001 - data that breaks the rules breaks a shape too; reported below
                inference_error = error
        shape_results = shapes.result()
        progress.record("shapes", shapes.seconds)
    findings = terms + shape_results + provenance + text_findings + geometry_findings
    triples = {"ontology": len(parsed.ontology), "facts": len(parsed.facts), "text": len(text)}
    triples["asserted"] = triples["ontology"] + triples["facts"] + triples["text"]
    if _violates(findings):
        # The consistency rules and inference read the data as the shapes guarantee it.
        report = make_report(findings=findings, conflicts=None, triples=triples, data=None, timings=progress.timings)
        report["coverage"] = parsed.coverage
        report["text"] = text_summary
        return report, None
    if inference_error is not None:
        raise inference_error
    with progress.step("conflicts"):
        conflicts = find_conflicts(parsed.data)
    with progress.step("serialize"):
        graphs = {paths.GRAPH_ONTOLOGY: ontology_triples, paths.GRAPH_FACTS: facts_triples,
                  paths.GRAPH_TEXT: text_triples, paths.GRAPH_INFERRED: inferred, GRAPH_GEOMETRY: geometry}
        artifact = nquads(graphs)
    triples["inferred"] = len(inferred)
    triples["geometry"] = len(geometry)
    triples["total"] = triples["asserted"] + len(inferred) + len(geometry)
    report = make_report(
        findings=findings, conflicts=conflicts, triples=triples, data=facts_triples | text_triples | inferred, timings=progress.timings
    )
    report["text"] = text_summary
    report["version"] = package_version()
    report["artifact_sha256"] = sha256(artifact)
    report["coverage"] = parsed.coverage
    report["statement_links"] = statement_links(parsed.data, parsed.link_rules)
    return report, artifact


def run_build(out_dir: str | Path | None = None, quiet: bool = False, **inputs) -> int:
    """Check the data and, if it conforms, write hzkg.nq and report.json into `out_dir`
    atomically. `inputs`: ontology_dir, facts_dir, source_text, shapes_file, translation_dir
    (default: translation/ beside the facts folder)."""
    out_dir = Path(out_dir) if out_dir else paths.BUILD_DIR
    progress = Progress(quiet)
    started = time.perf_counter()
    try:
        report, artifact = build_report(progress=progress, **inputs)
        if artifact is None:
            sys.stderr.write(report_text(report))
            print(f"hzkg build: the data does not conform; {out_dir} left as it was", file=sys.stderr)
            return EXIT_NONCONFORMING
        with progress.step("write"):
            report["timings_s"]["total"] = round(time.perf_counter() - started, 3)
            write_atomically(out_dir, {paths.ARTIFACT_NAME: artifact, paths.REPORT_NAME: report_json(report).encode("utf-8")})
    except InputError as error:
        print(f"hzkg build: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    if not quiet:
        sys.stderr.write(coverage_text(report["coverage"]))
        sys.stderr.write(statement_links_text(report["statement_links"]))
        sys.stderr.write(translation_text(report["text"]["translation"]))
        for warning in (f for f in report["validation"]["findings"] if f["severity"] != "violation"):
            print(Finding(**warning).describe(), file=sys.stderr)
        total = time.perf_counter() - started
        print(
            f"hzkg build: wrote {out_dir / paths.ARTIFACT_NAME} ({report['triples']['total']} triples, "
            f"{len(report['conflicts'])} conflicts) in {total:.3f} s",
            file=sys.stderr,
        )
    return EXIT_OK


def run_check(as_json: bool = False, **inputs) -> int:
    """Run every check and print the report (text, or JSON); write nothing."""
    progress = Progress(quiet=True)
    try:
        report, artifact = build_report(progress=progress, **inputs)
    except InputError as error:
        print(f"hzkg check: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    sys.stdout.write(report_json(report) if as_json else report_text(report))
    return EXIT_OK if artifact is not None else EXIT_NONCONFORMING

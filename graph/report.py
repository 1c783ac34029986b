"""The build report: counts, validation result, conflicts, timings; as JSON and as text."""
from __future__ import annotations

import json
from collections import Counter

from pyoxigraph import Triple

from hzkg.graph.coverage import coverage_text
from hzkg.graph.findings import Finding
from hzkg.graph.prefixes import NAMESPACES, short_name

__all__ = ["counts", "make_report", "report_json", "report_text"]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def short(iri: str) -> str:
    return short_name(iri, NAMESPACES) or f"<{iri}>"


def counts(triples: set[Triple]) -> tuple[dict[str, int], dict[str, int]]:
    """(resources by class, triples by property), keys sorted, over `triples`."""
    members: dict[str, set] = {}
    by_property: Counter = Counter()
    for t in triples:
        by_property[t.predicate.value] += 1
        if t.predicate.value == RDF_TYPE and hasattr(t.object, "value"):
            members.setdefault(t.object.value, set()).add(t.subject)
    by_class = {cls: len(subjects) for cls, subjects in sorted(members.items())}
    return by_class, dict(sorted(by_property.items()))


def make_report(
    *,
    findings: list[Finding],
    conflicts: list[dict] | None,
    triples: dict[str, int],
    data: set[Triple] | None,
    timings: dict[str, float],
) -> dict:
    """The report as a JSON-ready dict; `data` (facts + inferred) is None when the
    build stopped before inference; `conflicts` is None when they were not looked for."""
    violations = [f for f in findings if f.severity == "violation"]
    by_class, by_property = counts(data) if data is not None else ({}, {})
    return {
        "conforms": not violations,
        "validation": {
            "conforms": not violations,
            "violations": len(violations),
            "warnings": len(findings) - len(violations),
            "findings": [f.as_dict() for f in findings],
        },
        "triples": triples,
        "classes": by_class,
        "properties": by_property,
        "conflicts": [_plain(c) for c in conflicts] if conflicts is not None else None,
        "timings_s": {step: round(seconds, 3) for step, seconds in timings.items()},
    }


def _plain(value):
    """Conflicts come from rdflib code: make their IRIs and literals JSON strings."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return str(value)


def report_json(report: dict) -> str:
    """The report as written to report.json and printed by `hzkg check --json`."""
    return json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def report_text(report: dict) -> str:
    """The report for a person: verdict, counts, conflicts, findings, timings."""
    lines = [f"hzkg: data {'conforms' if report['conforms'] else 'DOES NOT CONFORM'}"]
    lines.append("triples: " + ", ".join(f"{k} {v}" for k, v in report["triples"].items() if v is not None))
    if report.get("artifact_sha256"):
        lines.append(f"artifact sha256: {report['artifact_sha256']}")
    if report["classes"]:
        lines.append("resources by class:")
        lines += [f"  {count:6d}  {short(cls)}" for cls, count in _largest(report["classes"])]
    if report["properties"]:
        lines.append("triples by property:")
        lines += [f"  {count:6d}  {short(p)}" for p, count in _largest(report["properties"])]
    if report["conflicts"] is None:
        lines.append("conflicts in the plan: not looked for (the consistency rules need conforming data)")
    else:
        lines.append(f"conflicts in the plan: {len(report['conflicts'])}")
    for conflict in report["conflicts"] or []:
        lines.append(f"  [{conflict.get('kind')}] {conflict.get('message')}")
        for source in conflict.get("sources", []):
            lines.append(f"      {source.get('section')}: «{source.get('quote')}»")
    if report.get("coverage"):
        lines += coverage_text(report["coverage"]).splitlines()
    findings = report["validation"]["findings"]
    lines.append(f"findings: {report['validation']['violations']} violations, {report['validation']['warnings']} warnings")
    lines += [f"  {Finding(**f).describe()}" for f in findings]
    lines.append("timings: " + ", ".join(f"{k} {v:.3f}s" for k, v in report["timings_s"].items()))
    return "\n".join(lines) + "\n"


def _largest(counter: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))

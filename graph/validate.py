"""Step 3: SHACL validation (pySHACL) of the facts against ontology/shapes.ttl."""
from __future__ import annotations

from pyshacl import validate
from rdflib import RDF, BNode, Graph
from rdflib.namespace import SH

from hzkg.graph.findings import Finding, show_term
from hzkg.graph.locate import Locator

__all__ = ["shape_findings"]

_SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


def shape_findings(data: Graph, shapes: Graph, locator: Locator) -> list[Finding]:
    """One finding per SHACL result, located at the focus node's block.

    `data` is facts + ontology, so that `sh:targetClass` and `sh:class` see
    instances of subclasses (SHACL follows rdfs:subClassOf in the data graph).
    This merged graph with inference "none" is correct and the fastest way measured
    (docs/measurements.md): `ont_graph=` gives false violations (pySHACL "inoculates"
    only some ontology axioms, not e.g. the code-list individuals the facts point at),
    and inference "rdfs" is slower for the same result.
    """
    _, results, _ = validate(
        data, shacl_graph=shapes, inference="none", abort_on_first=False, allow_warnings=True, meta_shacl=False
    )
    findings = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        message = results.value(result, SH.resultMessage) or results.value(result, SH.sourceConstraintComponent)
        severity = _SEVERITY.get(results.value(result, SH.resultSeverity), "violation")
        file, line = locator.locate(focus)
        text = f"{show_term(focus)} {_show_path(path)}: {message}"
        if value is not None and value != focus:
            text += f" (value: {show_term(value)})"
        findings.append(Finding("shapes", file, line, text, severity))
    return sorted(findings, key=lambda f: (f.file or "", f.line or 0, f.message))


def _show_path(path) -> str:
    if path is None:
        return "(node)"
    if isinstance(path, BNode):
        return "(complex path)"
    return show_term(path)

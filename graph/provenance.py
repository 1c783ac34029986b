"""Step 4: every quote is in the plan's text; every number is in the quote it cites."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef  # noqa: F401 (XSD: the docstring examples use it)

from hzkg.graph.findings import Finding
from hzkg.graph.locate import Locator
from hzkg.graph.paths import DEF

__all__ = ["normalize_space", "plain_decimal", "quote_findings", "number_findings"]

CITATION = URIRef(DEF + "Citation")
OBSERVATION = URIRef(DEF + "Observation")
QUOTE = URIRef(DEF + "quote")
VALUE = URIRef(DEF + "value")
CITES = URIRef(DEF + "citation")


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace to one space, so that a row of the appendix
    table (cells separated by tabs and newlines) is quoted with single spaces.

    >>> normalize_space(" 杭州经济技术开发区\\n\\t23.12\\n\\t10 ")
    '杭州经济技术开发区 23.12 10'
    """
    return re.sub(r"\s+", " ", text).strip()


def plain_decimal(value: Literal) -> str:
    """The number as the plan writes it: plain decimal, no exponent, no trailing zeros.

    >>> plain_decimal(Literal("630.0", datatype=XSD.decimal)), plain_decimal(Literal(1.1678e3))
    ('630', '1167.8')
    """
    python = value.toPython()
    try:
        number = Decimal(repr(python)) if isinstance(python, float) else Decimal(str(value))
    except InvalidOperation:
        return str(value)
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def _number_pattern(plain: str) -> re.Pattern:
    # 9.9 must not be found inside 19.9 or 9.95; the plan may write 630 as 630.0.
    tail = r"0*" if "." in plain else r"(?:\.0+)?"
    return re.compile(r"(?<![\d.])" + re.escape(plain) + tail + r"(?![\d])")


def _subclasses(ontology: Graph, cls: URIRef) -> set:
    return set(ontology.transitive_subjects(RDFS.subClassOf, cls))


def _instances(graph: Graph, ontology: Graph, cls: URIRef) -> set:
    return {s for c in _subclasses(ontology, cls) for s in graph.subjects(RDF.type, c)}


def quote_findings(facts: Graph, ontology: Graph, source_text: str, locator: Locator) -> list[Finding]:
    """Each citation's quote must occur verbatim (up to whitespace) in the plan."""
    plan = normalize_space(source_text)
    findings = []
    resources = _instances(facts, ontology, CITATION) | set(facts.subjects(QUOTE, None))
    for resource in sorted(resources):
        quotes = list(facts.objects(resource, QUOTE))
        problems = [] if quotes else ["is a citation without hz:quote"]
        for quote in quotes:
            if not isinstance(quote, Literal):
                problems.append(f"hz:quote is not a literal: {quote}")
            elif normalize_space(str(quote)) not in plan:
                problems.append(f"quote not found in the plan text: «{quote}»")
        if problems:  # locating is slow-ish, so only for the resources that need it
            file, line = locator.locate(resource)
            findings += [Finding("provenance", file, line, f"<{resource}> {problem}") for problem in problems]
    return findings


def number_findings(facts: Graph, ontology: Graph, locator: Locator) -> list[Finding]:
    """Each observation's value must be written in every quote it cites."""
    findings = []
    for observation in sorted(_instances(facts, ontology, OBSERVATION)):
        citations = list(facts.objects(observation, CITES))
        for value in facts.objects(observation, VALUE):
            if not isinstance(value, Literal):
                continue  # a non-literal value is the shapes' business
            number = plain_decimal(value)
            pattern = _number_pattern(number)
            for citation in citations:
                for quote in facts.objects(citation, QUOTE):
                    if not pattern.search(normalize_space(str(quote))):
                        file, line = locator.locate(observation)
                        findings.append(
                            Finding(
                                "provenance",
                                file,
                                line,
                                f"<{observation}> value {number} not in the quote of <{citation}>: «{quote}»",
                            )
                        )
    return findings

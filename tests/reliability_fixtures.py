"""Shared by tests/test_reliability_*.py: the dataset canary and a dataset with hostile labels.
(Headless Chromium is the session's `chromium` fixture, tests/browser_fixtures.py.)"""
from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest

from service_fixtures import FIXTURE_ARTIFACT, RunningServer, start_hzkg, stop

__all__ = ["fingerprint", "assert_unchanged", "HOSTILE_LABELS", "HOSTILE_IRI", "hostile_server", "CANARY"]

CANARY = "urn:hzkg:canary"  # what every smuggled update in the corpus tries to insert
_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
_CANARY_ASK = f"ASK {{ {{ <{CANARY}> ?p ?o }} UNION {{ GRAPH ?g {{ <{CANARY}> ?p ?o }} }} }}"


def _ask(server: RunningServer, query: str):
    answer = server.get("/sparql?" + urllib.parse.urlencode({"query": query}),
                        headers={"Accept": "application/sparql-results+json"})
    assert answer.status == 200, answer.body[:300]
    document = answer.json()
    return document["boolean"] if "boolean" in document else int(document["results"]["bindings"][0]["n"]["value"])


def fingerprint(server: RunningServer) -> tuple[int, bool]:
    """(statements, canary present), asked often enough to reach every worker's query process."""
    seen = {(_ask(server, _COUNT), _ask(server, _CANARY_ASK)) for _ in range(6)}
    assert len(seen) == 1, f"workers disagree about the dataset: {seen}"
    return seen.pop()


def assert_unchanged(server: RunningServer, before: tuple[int, bool]) -> None:
    after = fingerprint(server)
    assert after == before, f"the dataset changed: {before} -> {after}"
    assert after[1] is False, "the canary statement is in the dataset"


# Labels as a hostile data file could hold them; each payload sets window.__xss when it runs.
HOSTILE_LABELS = [
    '<script>window.__xss = "label-script"</script>开发区',
    '<img src=x onerror="window.__xss = \'label-img\'">zone',
    '"><svg onload="window.__xss = \'label-svg\'">',
    "</textarea></script><script>window.__xss = 'label-close'</script>",
    "javascript:window.__xss='label-href'",
    "{{ 7 * 7 }} ${7*7} <!-- ",
]
HOSTILE_IRI = "https://w3id.org/hzkg/id/zone/hostile"


def _hostile_artifact(folder: Path) -> Path:
    """The test fixture's statements plus a zone whose labels and alias are payloads."""
    facts = "<https://w3id.org/hzkg/graph/facts>"
    lines = [f"<{HOSTILE_IRI}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/hzkg/def/Zone> {facts} .",
             f"<{HOSTILE_IRI}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/hzkg/def/DevelopmentZone> {facts} .",
             f"<{HOSTILE_IRI}> <https://w3id.org/hzkg/def/hasIndustry> <https://w3id.org/hzkg/id/industry/automotive> {facts} ."]
    for number, label in enumerate(HOSTILE_LABELS):
        escaped = label.replace("\\", "\\\\").replace('"', '\\"')
        predicate = "http://www.w3.org/2000/01/rdf-schema#label" if number < 2 else "http://www.w3.org/2004/02/skos/core#altLabel"
        lines.append(f'<{HOSTILE_IRI}> <{predicate}> "{escaped}"@{"zh" if number % 2 == 0 else "en"} {facts} .')
    artifact = folder / "hostile.nq"
    artifact.write_text(FIXTURE_ARTIFACT.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8")
    return artifact


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """`hzkg serve` over the fixture plus a zone labelled with script payloads."""
    running = start_hzkg(_hostile_artifact(tmp_path_factory.mktemp("hostile")))
    yield running
    stop(running.process)

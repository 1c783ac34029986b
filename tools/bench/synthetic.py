"""Zone-shaped synthetic datasets: the plan's own graph, replicated.

Each replica ("region") is a copy of the plan's facts and inferred statements in
which every resource under `https://w3id.org/hzkg/id/` gets the suffix `-r<k>`:
its zones, industries, roles, bases, clusters, partnerships, observations and
citations. The ontology graph (classes, properties, code lists) is written once
and shared. So the data keeps exactly the shape the named queries were written
for (the same zones × industries × bases × partnerships × observations, the same
entailments), and a selective query (one zone, one industry) has the same answer
size at every scale, which is what a selective query on a growing dataset means.

Replicas are disjoint apart from the shared ontology; literals repeat across
replicas, so the engine's string dictionary is smaller than with unique text
(memory per triple is a slight underestimate).

>>> import io
>>> plan = '<https://w3id.org/hzkg/id/zone/a> <http://p> "x" <https://w3id.org/hzkg/graph/facts> .\\n'
>>> out = io.StringIO()
>>> write_replicas(plan, 2, out)
2
>>> print(out.getvalue(), end="")
<https://w3id.org/hzkg/id/zone/a> <http://p> "x" <https://w3id.org/hzkg/graph/facts> .
<https://w3id.org/hzkg/id/zone/a-r1> <http://p> "x" <https://w3id.org/hzkg/graph/facts> .
"""
from __future__ import annotations

import math
import re
from pathlib import Path
from typing import TextIO

from hzkg.graph import paths

__all__ = ["replicas_for", "replicated_iri", "split_plan", "write_replicas", "write_synthetic"]

_ID_IRI = re.compile(r"<(" + re.escape(paths.ID) + r"[^>]*)>")
_SUFFIX = "\x00REPLICA\x00"  # cannot occur in N-Quads text (NUL is escaped there)
_ONTOLOGY_GRAPH = f"<{paths.GRAPH_ONTOLOGY}> ."


def replicated_iri(iri: str, replica: int) -> str:
    """The IRI of a resource in replica `replica` (replica 0 is the plan itself).

    >>> replicated_iri("https://w3id.org/hzkg/id/zone/hangzhou-etdz", 3)
    'https://w3id.org/hzkg/id/zone/hangzhou-etdz-r3'
    >>> replicated_iri("https://w3id.org/hzkg/def/Zone", 3)
    'https://w3id.org/hzkg/def/Zone'
    """
    if replica == 0 or not iri.startswith(paths.ID):
        return iri
    return f"{iri}-r{replica}"


def split_plan(nquads: str) -> tuple[str, str]:
    """(the ontology graph's lines, every other line) of an artifact's text."""
    shared, replicated = [], []
    for line in nquads.splitlines(keepends=True):
        (shared if line.rstrip().endswith(_ONTOLOGY_GRAPH) else replicated).append(line)
    return "".join(shared), "".join(replicated)


def write_replicas(plan_nquads: str, replicas: int, out: TextIO) -> int:
    """Write the ontology once and `replicas` copies of the rest; returns the replica count."""
    shared, replicated = split_plan(plan_nquads)
    out.write(shared)
    # One substitution on the whole text, then a cheap str.replace per replica:
    # 10^7 triples are ~1,000 replicas, and a regex per line would dominate.
    template = _ID_IRI.sub(lambda match: f"<{match.group(1)}{_SUFFIX}>", replicated)
    out.writelines(template.replace(_SUFFIX, f"-r{replica}" if replica else "") for replica in range(replicas))
    return replicas


def replicas_for(target_triples: int, plan_nquads: str) -> int:
    """How many replicas give at least `target_triples` statements (at least one)."""
    shared, replicated = split_plan(plan_nquads)
    per_replica = replicated.count("\n")
    return max(1, math.ceil((target_triples - shared.count("\n")) / per_replica))


def write_synthetic(artifact: Path, target_triples: int, out_path: Path) -> int:
    """Write a dataset of about `target_triples` statements grown from `artifact`; returns its size."""
    plan = artifact.read_text(encoding="utf-8")
    replicas = replicas_for(target_triples, plan)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with open(out_path, "w", encoding="utf-8") as out:
        write_replicas(plan, replicas, out)
    shared, replicated = split_plan(plan)
    return shared.count("\n") + replicas * replicated.count("\n")

"""A profile lists every cited statement that mentions a resource, including kinds the page does not
know by name (a goal, a measure: added by later data), each with its sentence."""
from __future__ import annotations

from hzkg.service.engines.embedded import OxigraphBackend
from hzkg.service.pages.profile import build_profile

ID, DEF = "https://w3id.org/hzkg/id/", "https://w3id.org/hzkg/def/"
G = "<https://w3id.org/hzkg/graph/facts>"
LABEL, PREF = "<http://www.w3.org/2000/01/rdf-schema#label>", "<http://www.w3.org/2004/02/skos/core#prefLabel>"
QUADS = f"""
<{ID}zone/z> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{DEF}DevelopmentZone> {G} .
<{ID}zone/z> {LABEL} "某开发区"@zh {G} .
<{ID}zone/z> {PREF} "某开发区"@zh {G} .
<{ID}goal/g> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{DEF}Goal> {G} .
<{ID}goal/g> {LABEL} "到2015年建成一流园区"@zh {G} .
<{ID}goal/g> <{DEF}concerns> <{ID}zone/z> {G} .
<{ID}goal/g> <{DEF}citation> <{ID}citation/c> {G} .
<{DEF}Goal> {LABEL} "目标"@zh {G} .
<{ID}citation/c> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{DEF}Citation> {G} .
<{ID}citation/c> <{DEF}quote> "建成一流园区"@zh {G} .
<{ID}citation/c> <{DEF}section> <{ID}section/s> {G} .
<{ID}section/s> <{DEF}sectionNumber> "二（三）" {G} .
<{ID}section/s> <{DEF}order> "7"^^<http://www.w3.org/2001/XMLSchema#integer> {G} .
"""


class Store:
    def __init__(self, backend):
        self.backend = backend

    def query(self, sparql, *, whole=False, **_):
        return self.backend.run(sparql, 10_000)


def test_a_statement_of_an_unknown_kind_is_listed_with_its_sentence(tmp_path):
    artifact = tmp_path / "goal.nq"
    artifact.write_text(QUADS, encoding="utf-8")
    profile = build_profile(Store(OxigraphBackend(artifact)), ID + "zone/z")
    [goal] = profile.statements["Other"]
    assert goal.title == "到2015年建成一流园区" and goal.label_of("statementKind") == "目标"
    assert [(quote.section, quote.text) for quote in goal.quotes] == [("二（三）", "建成一流园区")]

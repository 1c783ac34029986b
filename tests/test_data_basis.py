"""Every fact says what it rests on: stated by the plan, implied by its own statements, or
interpreted; and the plan's 14 = 5 + 9 zones of 2010 is a query over the zones' levels."""
from __future__ import annotations

from collections import Counter

from rdflib import RDF, RDFS

from hzkg.graph import paths
from plan_data import HZ, ID, asserted_graph

FACT_CLASSES = ("IndustryRole", "BaseRole", "ClusterParticipation", "SubCityMembership", "Partnership", "Observation",
                "FactStatement")
PREFIXES = f"PREFIX hz: <{paths.DEF}> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX prov: <http://www.w3.org/ns/prov#> "


def _facts(graph):
    return {fact for name in FACT_CLASSES for fact in graph.subjects(RDF.type, HZ[name])}


def test_every_fact_has_exactly_one_basis_and_a_note_unless_stated():
    graph = asserted_graph()
    facts = _facts(graph)
    assert len(facts) > 300
    for fact in facts:
        bases = list(graph.objects(fact, HZ.basis))
        assert len(bases) == 1 and bases[0] in (HZ.Stated, HZ.Implied, HZ.Interpreted, HZ.Classified, HZ.OutsidePlan), fact
        if bases[0] != HZ.Stated:
            notes = {note.language for note in graph.objects(fact, HZ.basisNote)}
            assert notes == {"zh", "en"}, fact


def test_the_bases_count_what_we_inferred_and_interpreted():
    counts = Counter(asserted_graph().value(fact, HZ.basis) for fact in _facts(asserted_graph()))
    assert counts[HZ.Implied] >= 10 and counts[HZ.Interpreted] >= 15 and counts[HZ.Stated] > 250


def test_the_examples_of_the_issue_carry_their_basis():
    graph = asserted_graph()
    # the provincial level implied by 14 = 5 + 9
    assert graph.value(ID["statement/linan-edz/level"], HZ.basis) == HZ.Implied
    # a sub-city membership derived from the neighbouring towns
    assert graph.value(ID["sub-city-role/qianjiang-edz/linping"], HZ.basis) == HZ.Interpreted
    # generic 国家级…基地和试点 mapped to the named bases
    assert graph.value(ID["base-role/hangzhou-etdz/biotech-high-tech-base"], HZ.basis) == HZ.Interpreted
    # what the plan says in so many words
    assert graph.value(ID["base-role/qianjiang-edz/semiconductor-lighting-base"], HZ.basis) == HZ.Stated


def test_every_level_of_a_zone_is_a_fact_statement_with_its_basis():
    graph = asserted_graph()
    levels = set(graph.subject_objects(HZ.level))
    stated = {(graph.value(s, RDF.subject), graph.value(s, RDF.object))
              for s in graph.subjects(RDF.predicate, HZ.level) if (s, RDF.type, HZ.FactStatement) in graph}
    assert levels and levels == stated


def test_fourteen_zones_of_2010_are_five_national_and_nine_provincial_by_query(plan_store):
    answer = plan_store.run(PREFIXES + "SELECT ?level (COUNT(DISTINCT ?zone) AS ?zones) WHERE { "
                            "?zone a hz:DevelopmentZone ; hz:level ?level } GROUP BY ?level", 10)
    by_level = {str(row[0]).rsplit("/", 1)[-1]: int(row[1]) for row in answer.rows}
    assert by_level == {"National": 5, "Provincial": 9}
    stated = plan_store.run(PREFIXES + "SELECT ?indicator ?value WHERE { ?o hz:refArea ?area ; hz:indicator ?indicator ; "
                            "hz:value ?value ; hz:year ?year FILTER(STR(?year) = '2010' && "
                            "?indicator IN (hz:ZoneCount, hz:NationalZoneCount, hz:ProvincialZoneCount)) }", 10)
    counts = {str(row[0]).rsplit("/", 1)[-1]: int(float(str(row[1]))) for row in stated.rows}
    assert counts == {"ZoneCount": 14, "NationalZoneCount": 5, "ProvincialZoneCount": 9}


def test_the_consolidated_zones_are_zones_of_their_own(plan_store):
    answer = plan_store.run(PREFIXES + "SELECT ?zone ?into WHERE { ?zone a hz:DevelopmentZone ; hz:consolidatedInto ?into }", 10)
    pairs = {(str(row[0]).rsplit("/", 1)[-1], str(row[1]).rsplit("/", 1)[-1]) for row in answer.rows}
    assert pairs == {("hangzhou-export-processing-zone", "hangzhou-etdz"), ("hangzhou-jiangdong-industrial-park", "xiaoshan-etdz")}


def test_every_figure_says_whether_the_text_or_the_table_states_it():
    graph = asserted_graph()
    observations = set(graph.subjects(RDF.type, HZ.Observation))
    kinds = Counter()
    for observation in observations:
        sections = {str(graph.value(graph.value(c, HZ.section), HZ.sectionNumber)) for c in graph.objects(observation, HZ.citation)}
        expected = ({HZ.AppendixTable} if "附表" in sections else set()) | ({HZ.PlanText} if sections - {"附表"} else set())
        assert set(graph.objects(observation, HZ.statedIn)) == expected, observation
        kinds[frozenset(expected)] += 1
    assert kinds[frozenset({HZ.PlanText, HZ.AppendixTable})] == 27 and kinds[frozenset({HZ.AppendixTable})] == 15


def test_the_places_the_plan_names_are_entities():
    graph = asserted_graph()
    names = {str(label) for s in graph.subjects(RDF.type, None) for label in graph.objects(s, RDFS.label)}
    for name in ("海创园", "浙江大学科技园", "杭州保税物流中心（B型）", "金桥工业功能区", "高桥工业功能区", "苏州工业园区",
                 "苏州高新技术产业开发区", "杭州出口加工区", "杭州江东工业园区"):
        assert name in names


# --- issue 22: a basis on everything a researcher can query -----------------------------------

def _count(plan_store, query: str) -> int:
    return int(plan_store.run(PREFIXES + "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> " + query, 10).rows[0][0])


def test_every_policy_statement_has_a_basis(plan_store):
    total = _count(plan_store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a hz:PolicyStatement }")
    with_basis = _count(plan_store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a hz:PolicyStatement ; hz:basis ?basis }")
    assert total == with_basis == 215  # 207 of the audit; issue 22: + 2 goals, the split 四（二）4 measure, 城西 positioning, 3 assessments, 1 measure


def test_every_measure_says_whether_the_plan_names_its_actor_or_we_assigned_it(plan_store):
    assert _count(plan_store, "SELECT (COUNT(*) AS ?n) WHERE { ?m a hz:PolicyMeasure FILTER NOT EXISTS { ?m hz:actorBasis ?b } }") == 0
    # an assigned actor is interpreted and says why; a stated one is named in the cited sentence
    assert _count(plan_store, "SELECT (COUNT(*) AS ?n) WHERE { ?m hz:actorBasis hz:Interpreted "
                              "FILTER NOT EXISTS { ?m hz:actorNote ?note } }") == 0
    assert _count(plan_store, "SELECT (COUNT(*) AS ?n) WHERE { ?m hz:actorBasis hz:Interpreted }") == 76
    assert _count(plan_store, "SELECT (COUNT(*) AS ?n) WHERE { ?m hz:actorBasis hz:Stated }") == 22


def _links_without_a_basis(plan_store, predicate: str) -> int:
    return _count(plan_store, f"""SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{paths.GRAPH_FACTS}> {{ ?s {predicate} ?o }}
        FILTER NOT EXISTS {{ ?statement rdf:subject ?s ; rdf:predicate {predicate} ; rdf:object ?o ; hz:basis ?basis }} }}""")


def test_every_taxonomy_link_and_every_location_has_a_basis(plan_store):
    assert _count(plan_store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{paths.GRAPH_FACTS}> {{ ?s skos:broader ?o }} }}") == 103  # 102 of the audit + 冶炼
    assert _links_without_a_basis(plan_store, "skos:broader") == 0
    assert _count(plan_store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{paths.GRAPH_FACTS}> {{ ?s hz:locatedIn ?o }} }}") == 36
    assert _links_without_a_basis(plan_store, "hz:locatedIn") == 0


def test_a_location_entailed_through_transitivity_keeps_the_basis_of_its_steps(plan_store):
    """The 21 hz:locatedIn that only transitivity gives (a park in 余杭区, 余杭区 in 杭州市) each have an
    hz:EntailedStatement: the weakest basis of its steps, their statements and citations."""
    inferred = _count(plan_store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{paths.GRAPH_INFERRED}> {{ ?s hz:locatedIn ?o }} }}")
    without = _count(plan_store, f"""SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{paths.GRAPH_INFERRED}> {{ ?s hz:locatedIn ?o }}
        FILTER NOT EXISTS {{ ?statement a hz:EntailedStatement ; rdf:subject ?s ; rdf:predicate hz:locatedIn ;
                             rdf:object ?o ; hz:basis ?basis ; prov:wasDerivedFrom ?step ; hz:citation ?citation }} }}""")
    assert (inferred, without) == (21, 0)
    rows = plan_store.run(PREFIXES + """SELECT ?basis WHERE { ?statement a hz:EntailedStatement ;
        rdf:subject <https://w3id.org/hzkg/id/park/nanyuan-urban-industrial-park> ; hz:basis ?basis }""", 10).rows
    assert [str(row[0]) for row in rows] == [HZ + "OutsidePlan"]  # 南苑 in 余杭区 is from outside the plan


def test_the_locations_from_outside_the_plan_say_so(plan_store):
    rows = plan_store.run(PREFIXES + """SELECT ?s WHERE { ?statement rdf:predicate hz:locatedIn ; rdf:subject ?s ;
        hz:basis hz:OutsidePlan ; hz:basisNote ?note FILTER(lang(?note) = "en") }""", 100).rows
    outside = {str(row[0]).rsplit("/", 1)[-1] for row in rows}
    assert {"yunhe-town", "nanyuan-urban-industrial-park", "tangqi-town"} <= outside

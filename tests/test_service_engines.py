"""The Store interface on the embedded engines: answers, row limit, bindings, time limit."""
import time

import pytest
from rdflib import Literal, URIRef

from hzkg.service.checking.binding import make_term, with_values_clause
from hzkg.service.errors import BadRequest, QueryTimeout, ReadOnlyRefusal, UnsafeQueryRefusal
from service_fixtures import ID

ZONE_LABELS_ZH = """
SELECT ?zone ?label WHERE {
  ?zone a <https://w3id.org/hzkg/def/Zone> ; <http://www.w3.org/2000/01/rdf-schema#label> ?label .
  FILTER(lang(?label) = "zh")
} ORDER BY ?zone
"""
# Five copies of the graph joined with nothing in common: 39^5 (about 90 million) rows to count.
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?o ?p }"


@pytest.fixture(params=["oxigraph", "rdflib"])
def store(request):
    return request.getfixturevalue(f"{request.param}_store")


def test_select_sees_the_union_of_the_named_graphs(store):
    result = store.query(ZONE_LABELS_ZH, 5, 100)
    assert result.variables == ["zone", "label"]
    # hangzhou-etdz is typed Zone only in the inferred graph, fuyang-ez only in facts
    assert [str(row[0]) for row in result.rows] == [
        ID + "zone/fuyang-ez", ID + "zone/hangzhou-etdz", ID + "zone/xiaoshan-etdz"
    ]
    assert result.rows[1][1] == Literal("杭州经济技术开发区", lang="zh")
    assert result.truncated is False


def test_row_limit_truncates_and_says_so(store):
    result = store.query(ZONE_LABELS_ZH, 5, 2)
    assert len(result.rows) == 2
    assert result.truncated is True


def test_default_graph_uri_restricts_the_default_graph(store):
    facts_only = store.query(ZONE_LABELS_ZH, 5, 100, default_graphs=["https://w3id.org/hzkg/graph/facts"])
    inferred_only = store.query(ZONE_LABELS_ZH, 5, 100, default_graphs=["https://w3id.org/hzkg/graph/inferred"])
    # in facts only fuyang-ez is typed Zone; the national zones get that type by inference
    assert [str(row[0]) for row in facts_only.rows] == [ID + "zone/fuyang-ez"]
    assert inferred_only.rows == []  # labels are not in the inferred graph


def test_parameters_are_bound_as_terms_seen_by_filters(store):
    query = ("SELECT ?zone ?industry WHERE { ?zone <https://w3id.org/hzkg/def/hasIndustry> ?industry "
             "FILTER(?zone = ?wanted) }")
    bound = with_values_clause(query, {"wanted": URIRef(ID + "zone/xiaoshan-etdz")})
    result = store.query(bound, 5, 100)
    assert result.rows == [(URIRef(ID + "zone/xiaoshan-etdz"), URIRef(ID + "industry/automotive"))]


def test_construct_returns_triples(store):
    result = store.query(f"CONSTRUCT WHERE {{ <{ID}industry/automotive> ?p ?o }}", 5, 100)
    assert result.form == "CONSTRUCT"
    assert (URIRef(ID + "industry/automotive"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
            Literal("汽车", lang="zh")) in result.triples


def test_a_runaway_query_is_stopped_and_the_engine_recovers(store):
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="time_limit"):
        store.query(CARTESIAN, 1.0, 10)
    assert time.monotonic() - started < 3
    assert store.query("ASK { ?s ?p ?o }", 5, 10).value is True


@pytest.mark.parametrize(
    "type_name, text, n3",
    [
        ("integer", " 2015", '"2015"^^<http://www.w3.org/2001/XMLSchema#integer>'),
        ("string", 'a" } ; DROP ALL #', '"a\\" } ; DROP ALL #"'),
        ("iri", ID + "zone/x", f"<{ID}zone/x>"),
        ("year", "2015", '"2015"^^<http://www.w3.org/2001/XMLSchema#gYear>'),
    ],
)
def test_parameter_text_becomes_a_typed_term(type_name, text, n3):
    assert make_term("p", type_name, text).n3() == n3


@pytest.mark.parametrize("type_name, text", [("iri", "http://x/> } ; DROP ALL ; <a:b"), ("iri", "no scheme"),
                                             ("integer", "1; DROP"), ("decimal", "NaN"), ("date", "2015-13-01")])
def test_a_parameter_that_is_not_its_type_is_refused_by_name(type_name, text):
    with pytest.raises(BadRequest, match="parameter p"):
        make_term("p", type_name, text)


def test_values_block_opens_the_where_group_and_is_the_only_change():
    query = 'CONSTRUCT { ?zone ?p "{" } WHERE { # a comment with {\n ?zone ?p ?o FILTER(?o != "{") }'
    bound = with_values_clause(query, {"zone": make_term("zone", "string", '"} UNION { ?a ?b ?c')})
    assert bound == query.replace("WHERE { ", 'WHERE { VALUES (?zone) { ("\\"} UNION { ?a ?b ?c") }  ', 1)


def test_queries_are_checked_in_the_query_process(store):
    assert store.check("ASK { ?s ?p ?o }").form == "ASK"
    with pytest.raises(ReadOnlyRefusal, match="read-only"):
        store.check("CLEAR ALL")
    with pytest.raises(UnsafeQueryRefusal):
        store.check("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }")
    with pytest.raises(QueryTimeout, match="parsing the query was stopped"):
        store.check("SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(f"?o = {i}" for i in range(2000)) + ") }",
                    timeout=1.0)
    assert store.query("ASK { ?s ?p ?o }", 5, 10).value is True  # the replacement process answers


def test_concurrent_callers_share_one_query_process_safely(oxigraph_store):
    # Threaded servers call one store from many threads: answers must not cross.
    from concurrent.futures import ThreadPoolExecutor

    def ask(i: int):
        checked = oxigraph_store.check(f"SELECT ({i} AS ?i) WHERE {{}}")
        return int(oxigraph_store.query(checked.text, 5, 10).rows[0][0])

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(ask, range(200))) == list(range(200))

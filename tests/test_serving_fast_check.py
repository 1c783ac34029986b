"""The fast path of the query check (checking/safety.py, _checked_by_oxigraph): pyoxigraph decides
the common query in microseconds; nothing that must be refused ever takes it, and what it accepts
rdflib's parser accepts with the same form."""
from __future__ import annotations

import pytest

from hzkg.service.checking.safety import _checked_by_oxigraph, _check_parsed, _expanded
from hzkg.service.errors import ServiceError
from tests.test_reliability_smuggling import corpus

ORDINARY = [
    "SELECT * WHERE { ?s ?p ?o } LIMIT 3",
    "PREFIX hz: <https://w3id.org/hzkg/def/> SELECT ?z (COUNT(?i) AS ?n) WHERE { ?z hz:hasIndustry ?i } GROUP BY ?z",
    "ASK { ?s a ?c }",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 2",
    "DESCRIBE <https://w3id.org/hzkg/id/zone/hangzhou-etdz>",
    'SELECT ?l WHERE { BIND("a\\u0001b" AS ?l) }',
    "# the zones, read from the plan\nSELECT ?z WHERE { ?z a ?c }",
]


def test_a_word_after_a_hash_inside_a_line_still_sends_the_query_to_rdflib():
    # `#` inside an IRI: the rest of the line is SPARQL to the engine.
    assert _checked_by_oxigraph("SELECT * WHERE { ?s <http://e/#> ?o SERVICE <http://x/> { } }") is None
    assert _checked_by_oxigraph('SELECT * WHERE { BIND("#" AS ?x) SERVICE <http://x/> { } }') is None


def test_no_smuggled_operation_takes_the_fast_path():
    entries = corpus()
    assert len(entries) >= 150  # 154 texts, each sent 6 ways in test_reliability_smuggling.py (924 requests)
    for entry in entries:
        text = entry[1]
        try:
            expanded = _expanded(text)
        except ServiceError:
            continue  # refused before any parser
        assert _checked_by_oxigraph(expanded) is None, text


@pytest.mark.parametrize("query", ORDINARY)
def test_ordinary_queries_take_it_and_agree_with_rdflib(query):
    expanded = _expanded(query)
    fast = _checked_by_oxigraph(expanded)
    assert fast is not None
    _check_parsed.cache_clear()
    from hzkg.service.checking import safety

    reference = safety._checked_by_oxigraph
    try:
        safety._checked_by_oxigraph = lambda text: None  # rdflib's parser alone, the reference
        slow = _check_parsed(query)
    finally:
        safety._checked_by_oxigraph = reference
        _check_parsed.cache_clear()
    assert (fast.text, fast.form, fast.dataset) == (slow.text, slow.form, slow.dataset)

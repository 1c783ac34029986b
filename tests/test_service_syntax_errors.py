"""A query that does not parse gets a message that points at the token at fault (line, column, a caret
under it) and says what was expected in words (service/checking/syntax_errors.py), from a real server."""
from __future__ import annotations

import unicodedata
import urllib.parse
from pathlib import Path

import pytest

from hzkg.graph.prefixes import PREFIXES, sparql_prefixes
from hzkg.service.checking.safety import _expanded, check_query
from hzkg.service.checking.syntax_errors import describe_syntax_error, tokens, undeclared_prefix_message
from hzkg.service.errors import QuerySyntaxError
from service_fixtures import assert_error

QUERIES = Path(__file__).parents[1] / "queries"
HEAD = sparql_prefixes("hz", "rdfs")  # two lines


def refused(server, query: str) -> tuple[str, str, str]:
    """The message's first line, the query's line it quotes, and the caret line under it."""
    answer = server.get("/sparql?" + urllib.parse.urlencode({"query": query}))
    message = assert_error(answer, 400, "malformed query at line ")["error"]
    *said, quoted, caret = message.split("\n")
    return "\n".join(said), quoted, caret


def marked(quoted: str, caret: str) -> str:
    """The text the carets stand under."""
    start = len(caret) - len(caret.lstrip(" "))
    return quoted[start:start + caret.count("^")]


# Tabs too: pyparsing expands them before it scans unless told not to; the spans were then off by 7 a tab
# and the message named a prefix "lopmentZone\n\t?zone:" in a query indented with tabs.
@pytest.mark.parametrize("indent", ["  ", "\t"], ids=["spaces", "tab"])
def test_a_missing_dot_points_at_the_next_triple_pattern(server, indent):
    query = HEAD + f"SELECT * WHERE {{\n{indent}?zone a hz:DevelopmentZone ; rdfs:label ?name\n{indent}?zone ?p ?o\n}}"
    said, quoted, caret = refused(server, query)
    column = len(indent) + 1
    assert said.startswith(f"malformed query at line 5, column {column}: found the variable ?zone where a '.' or '}}' "
                           "was expected: a '.' goes between two triple patterns")
    assert f"the one before ends with ?name at line 4, column {column + 40}" in said
    assert quoted == f"{indent.replace(chr(9), ' ')}?zone ?p ?o" and marked(quoted, caret) == "?zone"
    assert "SelectQuery" not in said  # rdflib's word for it, once


def test_an_unclosed_brace_names_the_brace_and_where_the_query_ends(server):
    query = HEAD + "SELECT * WHERE {\n  ?zone a hz:DevelopmentZone .\n  OPTIONAL { ?zone rdfs:label ?name }"
    said, quoted, caret = refused(server, query)
    assert said == ("malformed query at line 5, column 38: the query ends, but the '{' of line 3, column 16 "
                    "is not closed; expected '}'")
    assert quoted == "  OPTIONAL { ?zone rdfs:label ?name }" and caret == " " * 37 + "^"


def test_an_undeclared_prefix_is_named_with_its_declaration(server):
    query = "SELECT ?role WHERE {\n  ?role hz:holder zone:xiaoshan-etdz\n}"
    answer = server.get("/sparql?" + urllib.parse.urlencode({"query": query}))
    message = assert_error(answer, 400, "malformed query at line 2, column 9: the query uses the prefixes hz:, zone: "
                                        "without declaring them; add these lines at the top of the query:\n"
                                        "PREFIX hz: <https://w3id.org/hzkg/def/>\n"
                                        "PREFIX zone: <https://w3id.org/hzkg/id/zone/>\n")["error"]
    quoted, caret = message.split("\n")[-2:]
    assert marked(quoted, caret) == "hz:holder"


@pytest.mark.parametrize("written, suggested", [
    ("hzkg:zone/xiaoshan-etdz", "write zone:xiaoshan-etdz (declared with PREFIX zone: <https://w3id.org/hzkg/id/zone/>), "
                                "or the whole IRI, <https://w3id.org/hzkg/id/zone/xiaoshan-etdz>"),
    ("hzkg:industry/new-energy", "write industry:new-energy (declared with PREFIX industry: "
                                 "<https://w3id.org/hzkg/id/industry/>)"),
    ("hzkg:base-role/hangzhou-etdz/software-base",
     "write the whole IRI, <https://w3id.org/hzkg/id/base-role/hangzhou-etdz/software-base>"),
])
def test_a_slash_in_a_prefixed_name_suggests_the_kind_s_prefix(server, written, suggested):
    query = sparql_prefixes("hz", "hzkg") + f"SELECT ?p ?o WHERE {{\n  {written} ?p ?o\n}}"
    said, quoted, caret = refused(server, query)
    assert said.startswith(f"malformed query at line 4, column 3: found {written}, which is not a prefixed name: "
                           "a prefixed name may not hold a '/'")
    assert suggested in said
    assert marked(quoted, caret) == written


def test_the_suggested_name_runs(server):
    """What the message suggests for hzkg:zone/xiaoshan-etdz is a query that parses and names the zone."""
    query = sparql_prefixes(*PREFIXES) + "SELECT ?x WHERE { BIND(zone:xiaoshan-etdz AS ?x) }"
    answer = server.get("/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": "application/json"})
    assert answer.status == 200, answer.text
    assert answer.json()["results"]["bindings"][0]["x"]["value"] == "https://w3id.org/hzkg/id/zone/xiaoshan-etdz"


@pytest.mark.parametrize("query, said, token", [
    ("SELECT * WHERE { ?s ?p ?o } LIMT 3", "found the word LIMT, which is not a SPARQL keyword; did you mean LIMIT?",
     "LIMT"),
    ("SELECT * WHERE { ?s ?p ?o ， ?s ?p ?x }", "found the full-width character '，'; expected ','", "，"),
    ("SELECT * WHERE { ?s ?p }", "found '}' where the object of the triple pattern was expected (after ?p", "}"),
    ("SELECT * WHERE { ?s ?p ?o . FILTER(?o = 1 }", "found '}' where ')' was expected, to close the '(' of line 1, "
                                                     "column 35", "}"),
    ('SELECT * WHERE { ?s ?p "汽车 }', 'found a string that opens with " and is not closed on its line', '"'),
    ("SELECT * WHERE { ?s ?p ?o } ORDER ?s", "found the end of the query; expected one of 'BY'", ""),
])
def test_other_mistakes_are_named_at_their_token(server, query, said, token):
    first, quoted, caret = refused(server, query)
    assert said in first
    if token:
        assert marked(quoted, caret).strip() == token
    # the caret stands at the column the message names, a Chinese character taking two columns of monospace
    column = int(first.split("column ")[1].split(":")[0])
    assert caret.index("^") == sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in quoted[:column - 1])


def test_a_graph_query_naming_from_is_read_the_same_way(server):
    # FROM sends the text to rdflib's parser first (safety.py); the message is the same kind
    query = "SELECT * FROM <https://w3id.org/hzkg/graph/plan> WHERE {\n  ?s ?p ?o\n  ?s ?q ?r }"
    said, quoted, caret = refused(server, query)
    assert said.startswith("malformed query at line 3, column 3: found the variable ?s where a '.' or '}'")


def test_no_named_query_and_no_query_of_the_tests_looks_wrong_to_the_reading():
    """The reading runs only on queries that failed to parse; still, it must find nothing in good ones."""
    import ast

    import pyoxigraph as ox

    texts = [path.read_text(encoding="utf-8") for path in sorted(QUERIES.glob("*.rq"))]
    for path in sorted(Path(__file__).parent.glob("test_*.py")):
        texts += [node.value for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                  if isinstance(node, ast.Constant) and isinstance(node.value, str) and "{" in node.value]
    store, checked = ox.Store(), 0
    for text in texts:
        try:
            text = _expanded(text)
            store.query(text, base_iri="http://checking.invalid/")
        except (QuerySyntaxError, SyntaxError, ValueError, OSError, RuntimeError):
            continue
        checked += 1
        found = tokens(text)
        assert undeclared_prefix_message(text) is None, text
        assert describe_syntax_error(text, fallback="none") in ("none", "malformed query"), text
        assert found
    assert checked > 150


@pytest.mark.parametrize("query", ["SELECT * WHERE { ?s ?p }", "ASK { ?s ?p ?o } ; DROP ALL",
                                   "SELECT ?x WHERE { ?s undeclared:p ?x }"])
def test_a_new_text_pyoxigraph_cannot_parse_gets_check_query_s_message_each_time(server, query):
    # A new text for an answer (not a page) is checked by its run's own parse in the query process
    # (check_before_running); one that fails it is refused as check_query refuses it, and is not
    # remembered as checked: the same text again gets the same 400.
    with pytest.raises(QuerySyntaxError) as expected:
        check_query(query, 10_000)
    for _ in range(2):
        answer = server.get("/sparql?" + urllib.parse.urlencode({"query": query}),
                            headers={"Accept": "application/sparql-results+json"})
        assert assert_error(answer, 400, "malformed query at line ")["error"] == expected.value.message


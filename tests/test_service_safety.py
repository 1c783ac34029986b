"""The endpoint is read-only and never fetches: decided on the parsed query."""
import pytest

from named_queries import CATALOGUE

from hzkg.service.checking.safety import READ_ONLY_MESSAGE, check_before_running, check_query
from hzkg.service.errors import QuerySyntaxError, QueryTooLong, ReadOnlyRefusal, UnsafeQueryRefusal

UPDATES = [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "prefix x: <http://x/> # a comment\n dRoP  ALL",
    "CLEAR DEFAULT",
    "CREATE GRAPH <urn:g>",
    "WITH <urn:g> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "INSERT DATA { <urn:a> <urn:b> 1 } ; DELETE DATA { <urn:a> <urn:b> 1 }",
    "\\u0049NSERT DATA { <urn:a> <urn:b> <urn:c> }",
]
LOADS = [
    "LOAD <http://example.org/data.ttl>",
    "load silent <file:///etc/passwd> into graph <urn:g>",
    "# LOAD hidden behind a comment line?\nL\\u004FAD <http://example.org/x>",
]
SERVICES = [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { sErViCe silent <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { OPTIONAL { { SE\\u0052VICE <http://x/> { ?a ?b ?c } } } }",
    "PREFIX e: <http://example.org/>\n# SERVICE in a comment does not count, the next line does\nSELECT * { ?s ?p ?o MINUS { SERVICE e:sparql { ?s ?p ?o } } }",
    "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://x/> { ?a ?b ?c } } }",
    "SELECT * WHERE { { SELECT * WHERE { SERVICE ?endpoint { ?a ?b ?c } } } }",
    "ASK { GRAPH ?g { { } UNION { SERVICE <http://x/> { } } } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://x/> { ?s ?p ?o } }",
]


@pytest.mark.parametrize("update", UPDATES)
def test_every_form_of_update_is_refused(update):
    with pytest.raises(ReadOnlyRefusal, match=READ_ONLY_MESSAGE):
        check_query(update, 10_000)


@pytest.mark.parametrize("load", LOADS)
def test_load_is_refused_by_name(load):
    with pytest.raises(ReadOnlyRefusal, match="LOAD is refused"):
        check_query(load, 10_000)


@pytest.mark.parametrize("query", SERVICES)
def test_service_is_refused_wherever_it_hides(query):
    with pytest.raises(UnsafeQueryRefusal, match="SERVICE is refused"):
        check_query(query, 10_000)


@pytest.mark.parametrize(
    "query, form",
    [
        ('SELECT ("SERVICE <http://x/>" AS ?text) WHERE {}', "SELECT"),  # only a string
        ("# SERVICE <http://x/> { }\nASK { ?s ?p ?o }", "ASK"),  # only a comment
        ("PREFIX service: <http://x/> SELECT * { ?s service:load ?o }", "SELECT"),
        ("DESCRIBE <https://w3id.org/hzkg/id/zone/hangzhou-etdz>", "DESCRIBE"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ],
)
def test_harmless_queries_pass_with_their_form(query, form):
    assert check_query(query, 10_000).form == form


def test_a_malformed_query_is_answered_with_line_and_column():
    with pytest.raises(QuerySyntaxError) as caught:
        check_query("SELECT * WHERE {\n  ?s ?p \n}", 10_000)
    # the token at fault is the '}' where the object should be (service/checking/syntax_errors.py)
    assert caught.value.message.startswith("malformed query at line 3, column 1: found '}' where the object of the "
                                           "triple pattern was expected (after ?p, line 2, column 6)")
    assert caught.value.message.endswith("\n}\n^")


def test_a_query_followed_by_an_update_is_malformed_not_run():
    with pytest.raises(QuerySyntaxError):
        check_query("SELECT * WHERE { ?s ?p ?o } ; DROP ALL", 10_000)


def test_query_length_limit_names_the_setting():
    with pytest.raises(QueryTooLong, match="max_query_length"):
        check_query("ASK {}" + " " * 100, 50)


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { FILTER(" + "(" * 300 + "1" + ")" * 300 + ") }",
    "SELECT * WHERE " + "{ " * 300 + "}" * 300,
    "INSERT { ?s ?p ?o } WHERE " + "{ " * 300 + "}" * 300,
])
def test_a_query_nested_too_deeply_for_the_parser_is_a_400_not_a_crash(query):
    with pytest.raises(QuerySyntaxError, match="nests brackets or groups too deeply"):
        check_query(query, 10_000)


def test_ordinary_nesting_parses():
    assert check_query("SELECT * WHERE " + "{ " * 15 + "}" * 15, 10_000).form == "SELECT"
    assert check_query("ASK { FILTER(" + "(" * 12 + "1" + ")" * 12 + ") }", 10_000).form == "ASK"


# check_before_running: a new text whose run on pyoxigraph is its parse (service/engines/query_process.py).
@pytest.mark.parametrize("query", UPDATES + LOADS + SERVICES + [
    "SELECT * FROM <urn:g> WHERE { ?s ?p ?o }",
    "SELECT * WHERE " + "{ " * 300 + "}" * 300,
    "PREFIX x: <http://x/> BASE <http://y/> VERSION \"1.2\" SELECT * {}",  # a prologue it does not know
    "SELECTED * WHERE {}",
])
def test_what_check_query_must_decide_is_left_to_it(query):
    assert check_before_running(query, 10_000) is None


@pytest.mark.parametrize("query", [
    "PREFIX x: <http://x/#> # select? no: a comment\n\tconstruct { ?s x:p ?o } WHERE { ?s x:p ?o }",
    "prefix : <http://x/>\r\nbase <http://y/>#\nDescribe <a>",
    "\\u0041SK {}",  # \\u escapes are expanded first, as check_query expands them
    "SELECT*{}",
])
def test_the_form_before_running_is_the_form_check_query_finds(query):
    assert check_before_running(query, 10_000).form == check_query(query, 10_000).form


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_a_named_query_s_form_before_running_is_the_one_check_query_finds(name):
    text = CATALOGUE[name].query.text
    early = check_before_running(text, 10_000)
    # None for a text with the word SERVICE, FROM or LOAD in a string or a comment after code
    assert early is None or early.form == check_query(text, 10_000).form
    if name in ("zones-with-industry", "zone-industries", "zone-pairs-sharing-industries"):  # make bench's new texts
        assert early is not None


def test_the_prologue_is_read_in_linear_time():
    # "(\\s+|#.*)*" would backtrack 2^n ways through n hashes before failing; this must simply return.
    assert check_before_running("#" * 5_000 + " " * 5_000 + "WHAT", 20_000) is None

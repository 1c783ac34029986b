"""Update, LOAD and SERVICE smuggled past the read-only endpoint in every disguise and
by every transport: each is refused with its reason, and the canary shows the data unchanged."""
from __future__ import annotations

import socket
import urllib.parse

import pytest

from hzkg.service.checking.safety import check_query
from hzkg.service.errors import QuerySyntaxError
from reliability_fixtures import CANARY, assert_unchanged, fingerprint
from service_fixtures import assert_error

TRIPLE = f'<{CANARY}> <{CANARY}> "smuggled"'
UPDATES = [
    f"INSERT DATA {{ {TRIPLE} }}",
    f"INSERT DATA {{ GRAPH <https://w3id.org/hzkg/graph/facts> {{ {TRIPLE} }} }}",
    f"INSERT {{ {TRIPLE} }} WHERE {{ }}",
    "DELETE WHERE { ?s ?p ?o }",
    f"DELETE {{ ?s ?p ?o }} INSERT {{ {TRIPLE} }} WHERE {{ {{ ?s ?p ?o }} UNION {{ GRAPH ?g {{ ?s ?p ?o }} }} }}",
    "WITH <https://w3id.org/hzkg/graph/facts> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "DROP ALL",
    "CLEAR SILENT DEFAULT",
    "DROP GRAPH <https://w3id.org/hzkg/graph/facts>",
    "CREATE GRAPH <urn:hzkg:new>",
    "COPY DEFAULT TO <urn:hzkg:new>",
    "MOVE <https://w3id.org/hzkg/graph/facts> TO DEFAULT",
    f"ADD DEFAULT TO <{CANARY}>",
    f"INSERT DATA {{ {TRIPLE} }} ; DROP ALL",
]
LOADS = [
    "LOAD <http://127.0.0.1:9/smuggled.ttl>",
    "LOAD SILENT <file:///etc/passwd> INTO GRAPH <urn:hzkg:new>",
]
SERVICES = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "ASK { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE ?where { ?s ?p ?o } VALUES ?where { <http://127.0.0.1:9/> } }",
    "DESCRIBE ?s WHERE { ?s ?p ?o OPTIONAL { { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } } }",
    "SELECT * WHERE { ?s ?p ?o FILTER NOT EXISTS { MINUS { GRAPH ?g { SERVICE <http://127.0.0.1:9/> { } } } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { { } UNION { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } } } }",
]


def _keywords(text: str, change) -> str:
    """`change` applied to every word but IRIs and strings (which are case-sensitive data)."""
    return " ".join(word if word.startswith(("<", '"')) else change(word) for word in text.split(" "))


def _mixed_case(text: str) -> str:
    return _keywords(text, lambda word: "".join(c.lower() if i % 2 else c.upper() for i, c in enumerate(word)))


def _escaped(text: str) -> str:
    """The first letter of every keyword as a \\u escape, which the parser expands before tokenising."""
    return " ".join(f"\\u{ord(word[0]):04X}{word[1:]}" if word.isalpha() and word.isupper() else word
                    for word in text.split(" "))


DISGUISES = {
    "plain": lambda text: text,
    "lower case": lambda text: _keywords(text, str.lower),
    "mixed case": _mixed_case,
    "comments": lambda text: "# SELECT * WHERE { ?s ?p ?o }\n" + text.replace(" ", " # } ASK {\n ", 2),
    "prefixes": lambda text: "PREFIX hz: <https://w3id.org/hzkg/def/>\nBASE <http://example.org/>\n" + text,
    "unicode escapes": _escaped,
    "whitespace": lambda text: "\t\r\n" + text.replace(" ", "\n\t ") + "\n",
}


def corpus() -> list[tuple[str, str, str]]:
    """(what, text, the words of its refusal) for every operation in every disguise."""
    entries = []
    for operations, reason in ((UPDATES, "read-only"), (LOADS, "LOAD is refused"), (SERVICES, "SERVICE is refused")):
        for operation in operations:
            for disguise, disguised in DISGUISES.items():
                entries.append((f"{disguise}: {operation[:40]}", disguised(operation), reason))
    return entries


FORM = "application/x-www-form-urlencoded"
TRANSPORTS = {
    "GET ?query=": lambda text: dict(path="/sparql?" + urllib.parse.urlencode({"query": text})),
    "POST form query=": lambda text: dict(path="/sparql", method="POST", headers={"Content-Type": FORM},
                                          data=urllib.parse.urlencode({"query": text}).encode()),
    "POST sparql-query": lambda text: dict(path="/sparql", method="POST", data=text.encode(),
                                           headers={"Content-Type": "application/sparql-query; charset=utf-8"}),
    "POST form update=": lambda text: dict(path="/sparql", method="POST", headers={"Content-Type": FORM},
                                           data=urllib.parse.urlencode({"update": text}).encode()),
    "POST sparql-update": lambda text: dict(path="/sparql", method="POST", data=text.encode(),
                                            headers={"Content-Type": "application/sparql-update"}),
    "GET ?update=": lambda text: dict(path="/sparql?" + urllib.parse.urlencode({"update": text})),
}


def test_the_corpus_covers_every_disguise_of_every_operation():
    entries = corpus()
    assert len(entries) == (len(UPDATES) + len(LOADS) + len(SERVICES)) * len(DISGUISES)
    assert "\\u0044ROP \\u0041LL" in {text for _, text, _ in entries}
    assert "DrOp AlL" in {text for _, text, _ in entries}


@pytest.mark.parametrize("engine_server", ["server", "remote_server"])
def test_every_smuggled_operation_is_refused_by_every_transport(engine_server, request):
    server = request.getfixturevalue(engine_server)
    before = fingerprint(server)
    refused, wrong = 0, []
    # The check is the same for every engine (service/checking/safety.py); the remote engine gets three transports.
    transports = TRANSPORTS if engine_server == "server" else \
        {name: TRANSPORTS[name] for name in ("GET ?query=", "POST sparql-query", "POST form update=")}
    for what, text, reason in corpus():
        for transport, make in transports.items():
            arguments = make(text)
            answer = server.get(arguments.pop("path"), **arguments)
            # Sent as an update, anything is refused as one, before it is parsed.
            expected = "read-only" if "update" in transport else reason
            try:
                assert_error(answer, 400, expected)
                refused += 1
            except AssertionError as error:
                wrong.append(f"{transport} {what!r}: {error}")
    print(f"\n{engine_server}: {refused} smuggling attempts refused "
          f"({len(corpus())} texts x {len(transports)} transports), {len(wrong)} not")
    assert not wrong, "\n".join(wrong[:20])
    assert_unchanged(server, before)


# rdflib expands \u escapes in the whole text first; oxigraph only inside strings. So `\u005C` (a
# backslash) ends the string for oxigraph but escapes its quote for rdflib, and SERVICE is hidden.
DIFFERENTIAL = [
    'SELECT * WHERE {{ VALUES ?x {{ "x\\u005C" }} SERVICE <{url}> {{ ?a ?b ?c }} }} #" }} }}',
    "SELECT * WHERE {{ VALUES ?x {{ 'x\\u005C' }} SERVICE <{url}> {{ ?a ?b ?c }} }} #' }} }}",
    'ASK {{ BIND("\\u005C" AS ?x) SERVICE SILENT <{url}> {{ }} }} #") }}',
]


@pytest.fixture
def listener():
    """A loopback socket that records whether anything connected to it."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    probe.listen(8)
    probe.settimeout(0.2)
    yield f"http://127.0.0.1:{probe.getsockname()[1]}/sparql", probe
    probe.close()


def _connected(probe: socket.socket) -> bool:
    try:
        connection, _ = probe.accept()
    except (socket.timeout, TimeoutError):
        return False
    connection.close()
    return True


@pytest.mark.parametrize("engine_server", ["server", "remote_server"])
def test_service_hidden_by_escapes_that_engines_read_differently_never_runs(engine_server, request, listener):
    server = request.getfixturevalue(engine_server)
    url, probe = listener
    for template in DIFFERENTIAL:
        query = template.format(url=url)
        for transport in ("GET ?query=", "POST sparql-query"):
            arguments = TRANSPORTS[transport](query)
            answer = server.get(arguments.pop("path"), **arguments)
            assert answer.status in (200, 400), answer.body[:300]
            assert not _connected(probe), f"the server fetched {url} for {query!r} ({transport})"


def test_the_engine_runs_the_text_as_checked():
    checked = check_query('ASK { FILTER("\\u6C7D\\u8F66" = "汽车") }', 1000)
    assert checked.text == 'ASK { FILTER("汽车" = "汽车") }'
    with pytest.raises(QuerySyntaxError, match="spell another"):
        check_query('ASK { FILTER("\\u005Cu0041" = "A") }', 1000)

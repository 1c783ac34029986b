"""A runaway query is stopped at the time limit, while other requests keep being answered."""
import threading
import time
import urllib.parse

from service_fixtures import TEST_TIME_LIMIT, assert_error, start_hzkg, stop

# The fixture's 39 quads joined five times with nothing in common: about 90 million rows to count.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?o ?p }"
NORMAL = "SELECT ?zone WHERE { ?zone a <https://w3id.org/hzkg/def/Zone> }"


def url(query: str) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": query})


def test_runaway_query_is_stopped_while_a_concurrent_request_is_answered_fast(server):
    runaway_answer = {}

    def run_away():
        started = time.monotonic()
        runaway_answer["answer"] = server.get(url(RUNAWAY))
        runaway_answer["at"] = time.monotonic()
        runaway_answer["seconds"] = runaway_answer["at"] - started

    thread = threading.Thread(target=run_away)
    thread.start()
    time.sleep(0.3)  # the runaway query is now running in one of the query processes
    answered_at = []
    for _ in range(10):
        answer = server.get(url(NORMAL))
        answered_at.append(time.monotonic())
        assert answer.status == 200 and len(answer.json()["results"]["bindings"]) == 3
    thread.join(timeout=30)
    # Each normal request was answered while the runaway query still ran: none waited for it to be stopped.
    assert max(answered_at) < runaway_answer["at"], (answered_at, runaway_answer)
    assert_error(runaway_answer["answer"], 503, f"time limit of {TEST_TIME_LIMIT} s", "setting time_limit")
    assert float(TEST_TIME_LIMIT) <= runaway_answer["seconds"] < 3 * float(TEST_TIME_LIMIT)


def test_the_service_recovers_after_a_stopped_query(server):
    for _ in range(2):  # two query processes replaced
        assert_error(server.get(url(RUNAWAY)), 503, "time_limit")
    for _ in range(6):
        assert server.get(url(NORMAL)).status == 200


def test_rdflib_engine_is_stopped_too(rdflib_server):
    assert_error(rdflib_server.get(url(RUNAWAY)), 503, "setting time_limit")
    assert rdflib_server.get(url(NORMAL)).status == 200


def test_row_limit_truncates_and_says_so(server):
    many = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 39^3 = 59,319 rows
    answer = server.get(url(many))
    assert answer.status == 200
    document = answer.json()
    assert len(document["results"]["bindings"]) == 10_000
    assert "setting row_limit" in document["warning"]
    assert "10000 rows" in answer.headers["hzkg-truncated"]
    page = server.get(url(many), headers={"Accept": "text/html"})
    # A page shows the first rows and offers the whole answer (up to row_limit rows) as a download.
    assert "showing the first 1000 rows of a larger answer" in page.text and "format=csv" in page.text


def test_a_query_that_fills_memory_is_stopped_and_named(artifact, monkeypatch):
    # Sorting 39^4 (2.3 million) rows needs far more than 300 MB, and gets there before the time limit.
    hungry = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?a ?d ?g ?j LIMIT 1"
    monkeypatch.setenv("RUST_BACKTRACE", "1")  # as on a Rust developer's machine: 75 lines per query, unless silenced
    running = start_hzkg(artifact, "--setting", "query_memory_mb", "300", "--setting", "time_limit", "20")
    try:
        assert_error(running.get(url(hungry)), 503, "more than 300 MB", "setting query_memory_mb")
        assert running.get(url(NORMAL)).status == 200  # a fresh query process took over
    finally:
        log = stop(running.process)
    # The user's query leaves at most Rust's one line ("memory allocation of … bytes failed"), no backtrace
    assert "stack backtrace" not in log and "Traceback" not in log, log[-3000:]


def test_a_query_that_is_slow_to_parse_is_stopped_too(server):
    # rdflib's parser needs about 5 s for a FILTER of 2,000 alternatives (idle): past the time limit.
    # Which phase the limit strikes in depends on the machine's speed, so the message is not asked to name it.
    slow = "SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(f"?o = {i}" for i in range(2000)) + ") }"
    started = time.monotonic()
    answer = server.get("/sparql", method="POST", data=slow.encode(), headers={"Content-Type": "application/sparql-query"})
    assert_error(answer, 503, f"time limit of {TEST_TIME_LIMIT} s", "setting time_limit")
    assert time.monotonic() - started < 3 * float(TEST_TIME_LIMIT)
    assert server.get(url(NORMAL)).status == 200


def test_a_query_for_the_explorer_that_is_slow_to_parse_is_stopped_too(artifact):
    # /explore?query= is parsed in the query process as /sparql's queries are, not in the web worker.
    # "from" in a string sends it to rdflib's parser (the fast path in checking/safety.py takes no such text).
    slow = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(?o=\"from\"||" + "||".join(f"?o={i}" for i in range(500)) + ") }"
    running = start_hzkg(artifact, "--setting", "time_limit", "0.5")
    try:
        started = time.monotonic()
        answer = running.get("/explore?" + urllib.parse.urlencode({"query": slow}), headers={"Accept": "application/json"})
        assert_error(answer, 503, "time limit of 0.5 s", "setting time_limit")
        assert time.monotonic() - started < 2  # 4 times the limit
        assert running.get(url(NORMAL)).status == 200
    finally:
        stop(running.process)

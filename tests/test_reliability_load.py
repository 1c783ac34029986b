"""A short run of the load test (`make loadtest` runs the long one): the mix of named queries
(checked against their golden answers), ad-hoc SPARQL, pages, search and the network, with
and without a client sending runaway queries. Prints the figures."""
from __future__ import annotations

import pytest

from tools.loadtest import normal_mix, percentile, run_load
from tools.loopback import refuse_unless_loopback
from tools.servers import query_processes
from service_fixtures import start_hzkg, stop

# Twice the other tests' 2 s: a normal request's budget holds its wait for a query process too, and beside two
# busy loops, make test's other worker and a runaway query, a zone page once took more than 2 s (a 503, counted
# as an error) where the p99 was 1.2 s. The runaway queries are still stopped at this limit (asserted below).
TIME_LIMIT = 4.0


@pytest.fixture(scope="module")
def loaded_server(plan_artifact):
    """The plan's data with 3 query processes, as `hzkg serve` runs by default: one busy with a runaway query
    leaves two."""
    running = start_hzkg(plan_artifact, time_limit=str(int(TIME_LIMIT)))
    yield running
    stop(running.process)


def test_the_mix_holds_under_load_and_beside_runaway_queries(loaded_server):
    plan_server = loaded_server
    host, port = refuse_unless_loopback(plan_server.url)
    mix = normal_mix(host, port)
    assert {"golden:zones", "sparql:post", "page:zone", "search", "network", "explore"} <= {p.name for p in mix}
    # The server builds its caches (search index, network, answers): each request of the mix asked 3 times by
    # 8 clients, spread over the query processes (the figures below are printed, not asked for).
    warm = run_load(plan_server.url, mix, 8, 2.0, max_requests=3 * len(mix))
    alone = run_load(plan_server.url, mix, 1, 1.0)
    calm = run_load(plan_server.url, mix, 8, 2.0)
    # Long enough that a runaway query stopped as late as allowed (3x the limit, asserted below) still ends while
    # the normal clients send: at 2x + 0.5 s, beside two busy loops, one stopped at 5.4 s, after the last normal
    # request was sent, and so counted in no window (answered_while_runaway_ran: []).
    stormy = run_load(plan_server.url, mix, 8, 3 * TIME_LIMIT + 2, runaway_clients=1, time_limit=TIME_LIMIT)
    print()
    for run in (warm, alone, calm, stormy):
        print(run.line())
    ratio = percentile(stormy.latencies, 99) / percentile(calm.latencies, 99)
    print(f"p99 beside runaway queries: x{ratio:.2f} (goal: at most 3)")
    # Counts and throughput depend on the machine's load: they are printed above, and only asked to be
    # more than nothing (every client answered, a runaway query stopped) so that the checks below mean something.
    for run in (alone, calm, stormy):
        assert not run.errors, run.errors[:5]
        assert not run.wrong, run.wrong[:5]
        assert len(run.latencies) >= run.clients
    assert stormy.runaway_stopped and not stormy.runaway_bad, stormy.runaway_bad
    assert all(TIME_LIMIT <= seconds < 3 * TIME_LIMIT for seconds in stormy.runaway_stopped), stormy.runaway_stopped
    # No normal request waited for a runaway query to be stopped: while each one ran, normal requests were
    # sent and answered (counted, not timed: a busy machine slows every request, not this verdict).
    beside = stormy.answered_while_runaway_ran()
    print(f"normal answers while each runaway query ran: {beside}; slowest normal answer {max(stormy.latencies):.2f} s")
    assert beside and min(beside) >= 1, beside
    # The p99 goal (at most 3x) is a speed goal: `make loadtest` measures it; here it is only printed.
    assert len(query_processes(plan_server.process.pid)) == 3, "a query process was lost"


def test_a_wrong_answer_is_counted_as_wrong(loaded_server):
    host, port = refuse_unless_loopback(loaded_server.url)
    mix = [probe for probe in normal_mix(host, port) if probe.name == "golden:zones"]
    mix[0].expected = mix[0].expected[1:]  # as if the service had answered one zone too many
    run = run_load(loaded_server.url, mix, 2, 0.5)
    # Every answer came (200) and every one was judged wrong: none counts as a right answer.
    assert run.wrong and len(run.wrong) == run.requests and not run.latencies and not run.errors


@pytest.mark.parametrize("url", ["http://example.org:80/", "http://10.0.0.1:8000/", "https://127.0.0.1:443/",
                                 "http://127.0.0.1/", "http://127.0.0.1.example.org:80/"])
def test_load_is_only_ever_sent_to_loopback(url):
    with pytest.raises(ValueError, match="loopback"):
        run_load(url, [], 1, 0.1)


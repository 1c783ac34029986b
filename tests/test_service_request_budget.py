"""One request, one budget, on every route (service/state.py BudgetedStore): a page that runs
several queries is bounded by time_limit as a whole, as /sparql is, not by time_limit per query.

The store here is the real `oxigraph serve` behind a real HTTP relay on loopback that holds each
query 0.8 s before passing it on: a slow store, as a busy institutional endpoint is."""
from __future__ import annotations

import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from service_fixtures import start_hzkg
from tools.servers import stop

HOLD_S = 0.8


@pytest.fixture(scope="module")
def slow_store(oxigraph_server):
    """A relay to oxigraph's /query that holds every query HOLD_S seconds; counts what it saw."""
    seen = []

    class Relay(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's naming)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            seen.append(time.monotonic())
            time.sleep(HOLD_S)
            forwarded = urllib.request.Request(oxigraph_server.url + "/query", data=body, method="POST", headers={
                "Content-Type": self.headers["Content-Type"], "Accept": self.headers.get("Accept", "*/*")})
            with urllib.request.urlopen(forwarded, timeout=30) as answer:
                payload = answer.read()
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.headers["Content-Type"])
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        def log_message(self, *args):
            pass

    relay = ThreadingHTTPServer(("127.0.0.1", 0), Relay)
    threading.Thread(target=relay.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{relay.server_address[1]}/query", seen
    relay.shutdown()
    relay.server_close()


@pytest.fixture(scope="module")
def budgeted_server(artifact, slow_store):
    url, _ = slow_store
    running = start_hzkg(artifact, "--engine", "remote", "--endpoint", url, "--setting", "time_limit", "2",
                         ready_path="/sparql?query=ASK%7B%7D")
    yield running
    stop(running.process)


def test_one_slow_query_within_the_budget_is_answered(budgeted_server):
    answer = budgeted_server.get("/sparql?query=ASK%7B%7D", headers={"Accept": "application/sparql-results+json"})
    assert answer.status == 200 and answer.json()["boolean"] is True


def test_a_page_of_several_queries_stops_when_the_request_budget_is_spent(budgeted_server, slow_store):
    _, seen = slow_store
    seen.clear()
    started = time.monotonic()
    answer = budgeted_server.get("/id/zone/hangzhou-etdz", headers={"Accept": "text/html"})
    took = time.monotonic() - started
    # The page needs more queries than fit in 2 s at 0.8 s each; it must not take 0.8 s × all of them.
    assert answer.status == 503 and "time limit of 2 s" in answer.text, (answer.status, answer.text[-600:])
    assert took < 3 * 2, took  # the count below is what tells the budget from 0.8 s x every query
    assert len(seen) <= 3, f"{len(seen)} queries reached the store after the budget was spent"

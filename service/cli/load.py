"""`hzkg load --endpoint URL`: push the dataset artifact to a remote store through the
SPARQL 1.1 Graph Store HTTP Protocol, one PUT per named graph (replacing what was there).

Bounded in time (setting load_time_limit) with a line of progress per graph; credentials from
the file of setting credentials_file; a query endpoint given by mistake is recognised by a short
GET before anything is sent (Virtuoso's /sparql would otherwise hold a PUT until its time-out).
"""
from __future__ import annotations

import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from hzkg.service.engines.store_access import explain_refusal, opener_for

__all__ = ["load_into_graph_store"]

_PROBE_SECONDS = 10
# What a query endpoint says to a request without a query (oxigraph, Virtuoso, Fuseki, GraphDB).
_QUERY_ENDPOINT_WORDS = ("query", "sparql")


class LoadFailed(Exception):
    """Why the load stopped, in one line for the user."""


def _graph_url(store_url: str, graph) -> str:
    separator = "&" if "?" in store_url else "?"
    if isinstance(graph, ox.DefaultGraph):
        return f"{store_url}{separator}default"
    return f"{store_url}{separator}{urllib.parse.urlencode({'graph': graph.value})}"


def load_into_graph_store(artifact: Path, store_url: str, timeout: float = 600,
                          credentials: tuple[str, str] | None = None) -> int:
    """Exit code: 0 when every graph was stored, 2 otherwise (the message says which and why)."""
    if not artifact.is_file():
        print(f"hzkg load: the dataset {artifact} does not exist; run `hzkg build` first", file=sys.stderr)
        return 2
    graphs: dict = defaultdict(list)
    try:
        for quad in ox.parse(path=str(artifact), format=ox.RdfFormat.N_QUADS):
            graphs[quad.graph_name].append(quad.triple)
    except (SyntaxError, OSError) as error:
        print(f"hzkg load: cannot read {artifact}: {error}; run `hzkg build`", file=sys.stderr)
        return 2
    opener = opener_for(store_url, credentials)
    deadline = time.monotonic() + timeout
    started = time.monotonic()
    try:
        ordered = sorted(graphs.items(), key=lambda item: str(item[0]))
        _refuse_a_query_endpoint(opener, _graph_url(store_url, ordered[0][0]), store_url, credentials)
        for number, (graph, triples) in enumerate(ordered, 1):
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            request = urllib.request.Request(_graph_url(store_url, graph), data=body, method="PUT",
                                             headers={"Content-Type": "application/n-triples"})
            status = _send(opener, request, store_url, credentials, deadline, timeout, f"graph {graph}")
            print(f"hzkg load: [{number}/{len(ordered)}] {graph}: {len(triples)} triples ({status}), "
                  f"{time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)
    except LoadFailed as failure:
        print(f"hzkg load: {failure}", file=sys.stderr)
        return 2
    return 0


def _refuse_a_query_endpoint(opener, probe_url: str, store_url: str, credentials) -> None:
    """A GET of the first graph: a Graph Store answers RDF (or 404 for a graph it lacks); a query
    endpoint answers 400 or a page or description about queries."""
    request = urllib.request.Request(probe_url, method="GET", headers={"Accept": "application/n-triples"})
    try:
        with opener.open(request, timeout=_PROBE_SECONDS) as response:
            content_type = response.headers.get_content_type()
            response.read1(1)  # the status and headers are enough; the graph may be large
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return  # the graph is not there yet
        detail = error.read(2000).decode("utf-8", "replace")
        explained = explain_refusal(error.code, store_url, writing=True, has_credentials=credentials is not None)
        if explained and error.code != 403:  # 403 on a GET may still allow a PUT (write-only users)
            raise LoadFailed(explained) from None
        if error.code in (400, 405) and any(word in detail.lower() for word in _QUERY_ENDPOINT_WORDS):
            raise LoadFailed(_query_endpoint_message(store_url)) from None
        return
    except (urllib.error.URLError, ConnectionError, TimeoutError, socket.timeout) as error:
        raise LoadFailed(f"cannot reach {store_url}: {getattr(error, 'reason', error)}") from None
    if content_type in ("text/html", "application/sparql-results+json", "application/sparql-results+xml"):
        raise LoadFailed(_query_endpoint_message(store_url))


def _query_endpoint_message(store_url: str) -> str:
    return (f"{store_url} is a SPARQL query endpoint, not a Graph Store Protocol endpoint: give the store's "
            "graph store URL (oxigraph serve: /store, Fuseki: /DATASET/data, Virtuoso: /sparql-graph-crud-auth)")


def _send(opener, request, store_url: str, credentials, deadline: float, timeout: float, what: str) -> int:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise LoadFailed(f"stopped at the time limit of {timeout:g} s before {what} (setting load_time_limit)")
    try:
        with opener.open(request, timeout=remaining) as response:
            return response.status
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", "replace")[:300].strip()
        explained = explain_refusal(error.code, store_url, writing=True, has_credentials=credentials is not None)
        raise LoadFailed(explained or f"{store_url} refused {what}: {error.code} {detail}") from None
    except (socket.timeout, TimeoutError):
        raise LoadFailed(f"{store_url} did not take {what} within the time limit of {timeout:g} s "
                         "(setting load_time_limit)") from None
    except (urllib.error.URLError, ConnectionError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise LoadFailed(f"{store_url} did not take {what} within the time limit of {timeout:g} s "
                             "(setting load_time_limit)") from None
        raise LoadFailed(f"cannot reach {store_url}: {reason}") from None

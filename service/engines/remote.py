"""Any SPARQL 1.1 endpoint (Fuseki, GraphDB, Virtuoso, QLever, `oxigraph serve`) as a Store.

The endpoint is expected to show the union of the named graphs as its default
graph (`oxigraph serve --union-default-graph`, Fuseki's unionDefaultGraph).
"""
from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request

from rdflib import Graph

from hzkg.service.errors import (
    TIME_LIMIT_HINT,
    EngineFailed,
    EngineUnavailable,
    QuerySyntaxError,
    QueryTimeout,
)
from hzkg.service.engines.checker import QueryChecker
from hzkg.service.engines.limits import Limits
from hzkg.service.engines.results import AskResult, from_sparql_json, GraphResult, Result, SelectResult

__all__ = ["RemoteStore"]

_RESULTS_JSON = "application/sparql-results+json"
_CHUNK_BYTES = 1 << 16
_N_TRIPLES = "application/n-triples"


class RemoteStore:
    engine = "remote"

    def __init__(self, endpoint: str, limits: Limits = Limits()):
        if not endpoint.startswith(("http://", "https://")):
            raise EngineUnavailable(f"the remote endpoint URL must be http(s) (setting endpoint), got {endpoint!r}")
        self.endpoint = endpoint
        # Queries are checked (read-only, no SERVICE) here before they are sent, in a
        # killable process like the embedded engines' (service/engines/isolated.py).
        self._checker = None
        self.limits = limits

    def check(self, text: str, timeout: float | None = None):
        if self._checker is None:
            self._checker = QueryChecker(self.limits)
        return self._checker.check(text, timeout)

    def query(self, sparql: str, timeout: float | None = None, row_limit: int | None = None, *,
              default_graphs=None, named_graphs=None, whole: bool = False) -> Result:
        timeout, row_limit = self.limits.for_call(timeout, row_limit, whole=whole)
        fields = [("query", sparql)]
        fields += [("default-graph-uri", iri) for iri in default_graphs or ()]
        fields += [("named-graph-uri", iri) for iri in named_graphs or ()]
        accept = f"{_RESULTS_JSON}, {_N_TRIPLES};q=0.9"
        request = urllib.request.Request(
            self.endpoint,
            data=urllib.parse.urlencode(fields).encode("utf-8"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
            method="POST",
        )
        deadline = time.monotonic() + timeout
        try:
            # urlopen's timeout bounds each socket wait; the deadline bounds the whole answer,
            # so an endpoint that trickles bytes is cut off too. (The endpoint's own limit,
            # if it has one, is what stops its work.)
            with urllib.request.urlopen(request, timeout=timeout) as response:
                content_type = response.headers.get_content_type()
                body = _read_until(response, deadline)
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")[:500]
            if error.code == 400:
                raise QuerySyntaxError(f"the remote endpoint rejected the query: {detail}") from None
            raise EngineFailed(f"the remote endpoint {self.endpoint} answered {error.code}: {detail}") from None
        except (socket.timeout, TimeoutError):
            raise QueryTimeout(
                f"the remote endpoint did not answer within the time limit of {timeout:.3g} s (setting time_limit); {TIME_LIMIT_HINT}"
            ) from None
        except (urllib.error.URLError, ConnectionError) as error:
            reason = getattr(error, "reason", error)
            raise EngineUnavailable(f"the remote endpoint {self.endpoint} cannot be reached: {reason}") from None
        return _parse_answer(content_type, body, row_limit, self.endpoint)

    def close(self) -> None:
        if self._checker is not None:
            self._checker.close()


def _read_until(response, deadline: float) -> bytes:
    chunks = []
    while chunk := response.read1(_CHUNK_BYTES):  # read1: whatever has arrived, not a full chunk
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise TimeoutError
    return b"".join(chunks)


def _parse_answer(content_type: str, body: bytes, row_limit: int, endpoint: str) -> Result:
    if content_type in (_RESULTS_JSON, "application/json"):
        document = json.loads(body)
        if "boolean" in document:
            return AskResult(bool(document["boolean"]))
        variables = document["head"]["vars"]
        bindings = document["results"]["bindings"]
        rows = [tuple(from_sparql_json(binding.get(name)) for name in variables) for binding in bindings[:row_limit]]
        return SelectResult(variables, rows, len(bindings) > row_limit)
    if content_type in (_N_TRIPLES, "text/plain"):
        graph = Graph()
        graph.parse(data=body.decode("utf-8"), format="nt")
        triples = sorted(graph)
        return GraphResult(triples[:row_limit], len(triples) > row_limit)
    raise EngineFailed(f"the remote endpoint {endpoint} answered with an unsupported content type {content_type!r}")

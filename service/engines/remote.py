"""Any SPARQL 1.1 endpoint (Virtuoso, Fuseki, GraphDB, QLever, `oxigraph serve`) as a Store.

Tested against `oxigraph serve` and OpenLink Virtuoso 7.2 (tests/test_remote_virtuoso.py). What
makes the answers the embedded engine's:
- the store is asked for the format the query form needs (results for SELECT/ASK, RDF for
  CONSTRUCT/DESCRIBE): Virtuoso answers with the first type of `Accept`, whatever the form;
- every query names the dataset's graphs (setting `graphs`) as `default-graph-uri` and
  `named-graph-uri`, so a store's own graphs (Virtuoso's system graphs) never show;
- literals come back in the lexical forms the embedded engine writes (a boolean `1` is `true`,
  a decimal `2680.0` is `2680`), and Virtuoso's ASK table (`__ASK_RETVAL`) is a boolean;
- the time limit is passed to stores that take one (setting `store_timeout`), so the store stops
  the work too; Virtuoso then answers 200 with part of the rows and `X-SQL-State: S1TAT`,
  which is a time-out here, never a partial answer.
"""
from __future__ import annotations

import json
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox
from rdflib import Literal, URIRef  # noqa: F401 (URIRef: the docstring examples use it)

from hzkg.service.errors import TIME_LIMIT_HINT, EngineFailed, EngineUnavailable, QuerySyntaxError, QueryTimeout
from hzkg.service.engines.checker import QueryChecker
from hzkg.service.engines.limits import Limits
from hzkg.service.engines.results import AskResult, from_sparql_json, GraphResult, Result, SelectResult
from hzkg.service.engines.results import from_oxigraph
from hzkg.service.engines.store_access import explain_refusal, opener_for

__all__ = ["RemoteStore", "query_form"]

_RESULTS_JSON = "application/sparql-results+json"
_RESULTS_XML = "application/sparql-results+xml"
_CHUNK_BYTES = 1 << 16
# RDF formats a store may answer a CONSTRUCT or DESCRIBE with, and pyoxigraph's parser for each (rdflib's
# parsers would rewrite lexical forms: "01"^^xsd:integer as "1", "!!"^^xsd:base64Binary as "").
_RDF_PARSERS = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
                "text/turtle": ox.RdfFormat.TURTLE, "application/x-turtle": ox.RdfFormat.TURTLE,
                "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/ld+json": ox.RdfFormat.JSON_LD}
_ACCEPT = {
    "SELECT": f"{_RESULTS_JSON}, {_RESULTS_XML};q=0.8",
    "ASK": f"{_RESULTS_JSON}, {_RESULTS_XML};q=0.8",
    "GRAPH": "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5",
    None: f"{_RESULTS_JSON}, application/n-triples;q=0.9, text/turtle;q=0.8",
}
_XSD = "http://www.w3.org/2001/XMLSchema#"
# How setting store_timeout passes the time limit: the parameter `timeout` in ms or in s.
TIMEOUT_UNITS = {"none": None, "ms": 1000.0, "s": 1.0}
_PARSER = ox.Store()  # empty: evaluating a query on it only tells its form (a few µs, nothing is read)


def query_form(sparql: str) -> str | None:
    """SELECT, ASK or GRAPH (CONSTRUCT/DESCRIBE) as pyoxigraph parses it; None if it cannot.

    >>> query_form("PREFIX a: <x:> # ASK\\nSELECT * { ?s a:b 'ASK' }"), query_form("DESCRIBE <x:y>")
    ('SELECT', 'GRAPH')
    """
    try:
        answer = _PARSER.query(sparql)
    except (SyntaxError, ValueError, OSError):
        return None  # a store's own extension, perhaps: let the store decide and read what it sends
    if isinstance(answer, ox.QueryBoolean):
        return "ASK"
    return "GRAPH" if isinstance(answer, ox.QueryTriples) else "SELECT"


class RemoteStore:
    engine = "remote"

    def __init__(self, endpoint: str, limits: Limits = Limits(), *, graphs: tuple[str, ...] = (),
                 credentials: tuple[str, str] | None = None, timeout_unit: str = "none"):
        if not endpoint.startswith(("http://", "https://")):
            raise EngineUnavailable(f"the remote endpoint URL must be http(s) (setting endpoint), got {endpoint!r}")
        self.endpoint = endpoint
        self.graphs = tuple(graphs)
        self._credentials = credentials
        self._opener = opener_for(endpoint, credentials)
        self._timeout_scale = TIMEOUT_UNITS[timeout_unit]
        self.software = ""  # the store's Server header, as last answered
        # Queries are checked (read-only, no SERVICE) here before they are sent, in a
        # killable process like the embedded engines' (service/engines/isolated.py).
        self._checker = None
        self.limits = limits

    @classmethod
    def from_settings(cls, settings, limits: Limits) -> "RemoteStore":
        from hzkg.service.engines.store_access import CredentialsError, read_credentials

        try:
            credentials = read_credentials(settings["credentials_file"])
        except CredentialsError as error:
            raise EngineUnavailable(str(error)) from None
        graphs = () if settings["graphs"] == "store" else tuple(settings["graphs"].split())
        return cls(settings["endpoint"], limits, graphs=graphs, credentials=credentials,
                   timeout_unit=settings["store_timeout"])

    def check(self, text: str, timeout: float | None = None):
        if self._checker is None:
            self._checker = QueryChecker(self.limits)
        return self._checker.check(text, timeout)

    def query(self, sparql: str, timeout: float | None = None, row_limit: int | None = None, *,
              default_graphs=None, named_graphs=None, whole: bool = False) -> Result:
        named = self.limits.named_limit(timeout)  # the request's whole budget, when timeout is its Deadline
        timeout, row_limit = self.limits.for_call(timeout, row_limit, whole=whole)
        form = query_form(sparql)
        sparql, separators = ascii_separators(sparql)
        if default_graphs is None and named_graphs is None:
            default_graphs = named_graphs = self.graphs
        fields = [("query", sparql)]
        fields += [("default-graph-uri", iri) for iri in default_graphs or ()]
        fields += [("named-graph-uri", iri) for iri in named_graphs or ()]
        if self._timeout_scale is not None:
            fields.append(("timeout", f"{max(timeout * self._timeout_scale, 1):.0f}" if self._timeout_scale > 1
                           else f"{timeout:g}"))
        request = urllib.request.Request(
            self.endpoint,
            data=urllib.parse.urlencode(fields).encode("utf-8"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": _ACCEPT[form]},
            method="POST",
        )
        deadline = time.monotonic() + timeout
        too_slow = QueryTimeout(
            f"the remote endpoint did not answer within the time limit of {named:.3g} s (setting time_limit); {TIME_LIMIT_HINT}")
        if timeout <= 0:  # the request's budget is spent: do not start a query nobody will wait for
            raise too_slow
        try:
            # urlopen's timeout bounds each socket wait; the deadline bounds the whole answer,
            # so an endpoint that trickles bytes is cut off too. The store's own limit (setting
            # store_timeout) is what stops its work.
            with self._opener.open(request, timeout=timeout) as response:
                content_type = response.headers.get_content_type()
                self.software = response.headers.get("Server", "")
                interrupted = response.headers.get("X-SQL-State", "") == "S1TAT"  # Virtuoso's partial answer
                body = _read_until(response, deadline)
        except urllib.error.HTTPError as error:
            raise self._refusal(error, too_slow) from None
        except (socket.timeout, TimeoutError):
            raise too_slow from None
        except (urllib.error.URLError, ConnectionError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise too_slow from None
            raise EngineUnavailable(f"the remote endpoint {self.endpoint} cannot be reached: {reason}") from None
        if interrupted:
            raise too_slow
        result = _parse_answer(form, content_type, body, row_limit, self.endpoint)
        return restore_separators(result, separators) if separators else result

    def _refusal(self, error: urllib.error.HTTPError, too_slow: QueryTimeout) -> Exception:
        detail = error.read().decode("utf-8", "replace")[:500].strip()
        if error.code == 400:
            return QuerySyntaxError(f"the remote endpoint rejected the query: {detail}")
        if "S1T00" in detail or "S1TAT" in detail:  # Virtuoso's own time limit, as an error
            return too_slow
        explained = explain_refusal(error.code, self.endpoint, writing=False,
                                    has_credentials=self._credentials is not None)
        if explained:
            return EngineFailed(explained)
        return EngineFailed(f"the remote endpoint {self.endpoint} answered {error.code}: {detail or error.reason}")

    def timeout_advice(self) -> str | None:
        """What to set when the store takes a time limit that hzkg does not pass on (store_timeout none)."""
        if self._timeout_scale is not None:
            return None
        for name, unit in (("Virtuoso", "ms"), ("Fuseki", "s"), ("GraphDB", "s")):
            if name.lower() in self.software.lower():
                return (f"the store at {self.endpoint} is {name}, which takes a time limit: add --setting store_timeout "
                        f"{unit} so that a query hzkg stops at time_limit is stopped there too")
        return None

    def close(self) -> None:
        if self._checker is not None:
            self._checker.close()


# GROUP_CONCAT separators outside ASCII go to the store as ASCII control characters and are put back
# in the answer: Virtuoso 7.2 joins UTF-8 values with a non-ASCII separator as "?" (杭州…区?萧山…区).
_SEPARATOR = re.compile(r"""(separator\s*=\s*)("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')""", re.I)
_STAND_INS = ("\x1f", "\x1e", "\x1d", "\x1c")  # the information separators: never in the plan's text


def ascii_separators(sparql: str) -> tuple[str, dict[str, str]]:
    r"""The query with each non-ASCII GROUP_CONCAT separator replaced by a stand-in, and the stand-ins.

    >>> ascii_separators('SELECT (GROUP_CONCAT(?x; separator="、") AS ?y) {}')
    ('SELECT (GROUP_CONCAT(?x; separator="\\u001f") AS ?y) {}', {'\x1f': '、'})
    """
    stand_ins: dict[str, str] = {}

    def replace(match):
        separator = match.group(2)[1:-1]
        if separator.isascii() or "\\" in separator:
            return match.group(0)
        stand_in = next((key for key, value in stand_ins.items() if value == separator), None)
        if stand_in is None:
            if len(stand_ins) == len(_STAND_INS):
                return match.group(0)
            stand_in = _STAND_INS[len(stand_ins)]
            stand_ins[stand_in] = separator
        return f'{match.group(1)}"\\u{ord(stand_in):04x}"'

    return _SEPARATOR.sub(replace, sparql), stand_ins


def restore_separators(result: Result, stand_ins: dict[str, str]) -> Result:
    """Put the separators back in the literals of a SELECT answer."""
    if not isinstance(result, SelectResult):
        return result

    def restored(term):
        if isinstance(term, Literal) and any(stand_in in term for stand_in in stand_ins):
            text = str(term)
            for stand_in, separator in stand_ins.items():
                text = text.replace(stand_in, separator)
            return Literal(text, lang=term.language, datatype=term.datatype)
        return term

    return SelectResult(result.variables, [tuple(restored(term) for term in row) for row in result.rows],
                        result.truncated)


def _read_until(response, deadline: float) -> bytes:
    chunks = []
    while chunk := response.read1(_CHUNK_BYTES):  # read1: whatever has arrived, not a full chunk
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise TimeoutError
    return b"".join(chunks)


def _parse_answer(form: str | None, content_type: str, body: bytes, row_limit: int, endpoint: str) -> Result:
    if content_type in (_RESULTS_JSON, "application/json"):
        document = json.loads(body)
        if "boolean" in document:
            return AskResult(bool(document["boolean"]))
        variables = document["head"]["vars"]
        bindings = document["results"]["bindings"]
        rows = [tuple(canonical(from_sparql_json(binding.get(name))) for name in variables)
                for binding in bindings[:row_limit]]
        return _ask_table(form, variables, rows) or SelectResult(variables, rows, len(bindings) > row_limit)
    if content_type == _RESULTS_XML:
        solutions = ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
        if isinstance(solutions, ox.QueryBoolean):
            return AskResult(bool(solutions))
        variables = [variable.value for variable in solutions.variables]
        rows = [tuple(canonical(from_oxigraph(solution[name])) for name in variables) for solution in solutions]
        return _ask_table(form, variables, rows[:row_limit]) or SelectResult(variables, rows[:row_limit],
                                                                             len(rows) > row_limit)
    if content_type in _RDF_PARSERS:
        try:
            parsed = sorted(set(ox.parse(body, format=_RDF_PARSERS[content_type])), key=str)
        except SyntaxError as error:
            raise EngineFailed(f"the remote endpoint {endpoint} answered {content_type} that does not parse: {error}") from None
        triples = [(from_oxigraph(t.subject), from_oxigraph(t.predicate), canonical(from_oxigraph(t.object))) for t in parsed]
        return GraphResult(triples[:row_limit], len(triples) > row_limit)
    raise EngineFailed(f"the remote endpoint {endpoint} answered with an unsupported content type {content_type!r}")


def _ask_table(form, variables, rows) -> AskResult | None:
    """Virtuoso 7.2 answers ASK with a table: one row, __ASK_RETVAL 1, for yes; no row for no."""
    if form == "ASK" and variables == ["__ASK_RETVAL"] and len(rows) <= 1:
        return AskResult(bool(rows) and str(rows[0][0]) not in ("0", "false"))
    return None


def canonical(term):
    """A literal in the lexical form the embedded engine writes for its value (others unchanged).

    Stores may write the same value otherwise: Virtuoso a boolean as 1, Jena a decimal as 2680.0.

    >>> canonical(Literal("2680.0", datatype=URIRef(_XSD + "decimal"))).n3()
    '"2680"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    >>> canonical(Literal("1", datatype=URIRef(_XSD + "boolean"))).n3()
    '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'
    """
    if not isinstance(term, Literal) or term.datatype is None:
        return term
    datatype = str(term.datatype)
    lexical = str(term)
    if datatype == _XSD + "boolean" and lexical in ("0", "1"):
        return Literal("true" if lexical == "1" else "false", datatype=term.datatype)
    if datatype == _XSD + "decimal":
        try:
            number = Decimal(lexical)
        except InvalidOperation:
            return term
        written = format(number.normalize(), "f")
        if written != lexical:
            return Literal(written, datatype=term.datatype)
    # ASCII digits, as xsd:integer's lexical space (isdigit takes "²"), and no more than int() converts
    if datatype == _XSD + "integer" and re.fullmatch(r"[+-]?[0-9]{1,4000}", lexical) and str(int(lexical)) != lexical:
        return Literal(str(int(lexical)), datatype=term.datatype)
    return term

"""Decide, on the parsed query, whether it may run: the endpoint is read-only and
never makes the server fetch anything.

rdflib's SPARQL parser expands \\u escapes and skips comments before it tokenises,
so `SE\\u0052VICE`, `# ...` lines, prefixes, mixed case and nested groups cannot hide
an operation from this check the way they could from a string search.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator
from urllib.parse import urljoin

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib.plugins.sparql.algebra import translatePrologue
from rdflib.plugins.sparql.parser import expandUnicodeEscapes, expandUnicodeEscapes_re, parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from hzkg.service.checking.syntax_errors import describe_syntax_error, undeclared_prefix_message
from hzkg.service.errors import QuerySyntaxError, QueryTooLong, ReadOnlyRefusal, UnsafeQueryRefusal, quoted

__all__ = ["CheckedQuery", "check_query", "check_before_running", "with_base", "walk_parse_tree", "READ_ONLY_MESSAGE"]

READ_ONLY_MESSAGE = "this endpoint is read-only"
_TOO_DEEP = "the query nests brackets or groups too deeply to be parsed; flatten it"
_FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}


@dataclass(frozen=True)
class CheckedQuery:
    text: str
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    # The query's own FROM and FROM NAMED IRIs, when it has any: (default graphs, named graphs).
    dataset: tuple[tuple[str, ...], tuple[str, ...]] | None = None

    @property
    def returns_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")

    def graphs(self, default_graphs=None, named_graphs=None, base_iri: str = "") -> tuple[list[str] | None, list[str] | None]:
        """The dataset to run on: the protocol's graph parameters, else the query's own FROM / FROM NAMED
        (a relative IRI there resolved against `base_iri`, as with_base resolves the query's others),
        else (None, None): the union of the graphs, which stores see by default.

        >>> CheckedQuery("ASK {}", "ASK", (("a:g",), ())).graphs()
        (['a:g'], [])
        >>> CheckedQuery("ASK {}", "ASK").graphs(named_graphs=["a:n"])
        ([], ['a:n'])
        >>> CheckedQuery("ASK {}", "ASK", (("file",), ("g/1",))).graphs(base_iri="https://w3id.org/hzkg/")
        (['https://w3id.org/hzkg/file'], ['https://w3id.org/hzkg/g/1'])
        """
        if default_graphs is None and named_graphs is None and self.dataset is not None:
            default_graphs, named_graphs = ([_resolved(iri, base_iri) for iri in graphs] for graphs in self.dataset)
        if default_graphs is not None or named_graphs is not None:
            # A dataset given in the protocol or by FROM holds only the graphs it names.
            default_graphs, named_graphs = default_graphs or [], named_graphs or []
        return default_graphs, named_graphs


def _resolved(iri: str, base_iri: str) -> str:
    # rdflib's test for a relative IRI (Prologue.absolutize): no scheme, so no colon
    return urljoin(base_iri, iri) if base_iri and ":" not in iri else iri


def with_base(text: str, base_iri: str) -> str:
    """Relative IRIs resolve against the service's base IRI (setting base_iri), as Fuseki and
    `oxigraph serve` resolve them against theirs: `CONSTRUCT { <s> <p> 1 } WHERE {}` of the W3C
    protocol tests. A BASE of the query's own comes later in its prologue, and so wins."""
    return f"BASE <{base_iri}> " + text


def check_query(text: str, max_length: int) -> CheckedQuery:
    """Parse `text` and refuse what must not run; the answer says which query form it is.

    >>> check_query("ask { ?s ?p ?o }", 1000).form
    'ASK'
    """
    if len(text) > max_length:
        raise QueryTooLong(
            f"the query has {len(text)} characters, more than the limit of {max_length} (setting max_query_length)"
        )
    return _check_parsed(text)


def check_before_running(text: str, max_length: int) -> CheckedQuery | None:
    """check_query's decision on the common query without parsing it, for a caller that runs it next on
    pyoxigraph, whose parse of the run is then the check (a new text parsed once, not twice: 0.2-0.5 ms
    of the 1-8 ms a named query takes): the text holds no SERVICE, FROM or LOAD, does not nest deeper than
    pyoxigraph is trusted with, and its prologue is followed by a query form. A text pyoxigraph then
    fails to parse must go to check_query for its refusal. None: check_query decides, as for any text.

    >>> check_before_running("PREFIX a: <http://e/#> # a comment\\n select * { ?s a:p ?o }", 1000).form
    'SELECT'
    >>> check_before_running("INSERT DATA { <a:b> <a:c> <a:d> }", 1000) is None
    True
    """
    if len(text) > max_length:
        return None
    text = _expanded(text)
    if not _may_run_on_oxigraph(text):
        return None
    form = _FORM_AFTER_PROLOGUE.match(text)
    return CheckedQuery(text, form.group(1).upper()) if form else None


@lru_cache(maxsize=512)  # rdflib's parser is slow (docs/measurements.md); the same queries come back often
def _check_parsed(text: str) -> CheckedQuery:
    text = _expanded(text)
    fast = _checked_by_oxigraph(text)
    if fast is not None:
        return fast
    try:
        parsed = parseQuery(text)
    except ParseException as query_error:
        _refuse_if_update(text)
        raise QuerySyntaxError(describe_syntax_error(text, fallback=_describe_parse_error(query_error))) from None
    except ValueError as error:  # a bad \u escape
        raise QuerySyntaxError(f"malformed query: {error}") from None
    except TypeError as error:
        # A parse action of rdflib's failed on a query SPARQL allows: rdflib 7.6 cannot negate a decimal
        # (`-1.0` raises "Not a number", RDFLib/rdflib#2962), nor an integer of more than 4,300 digits.
        # Only queries naming SERVICE, FROM or LOAD are read here; pyoxigraph checks the others.
        raise QuerySyntaxError(f"this query names SERVICE, FROM or LOAD, so rdflib's SPARQL parser checks it, and "
                               f"that parser fails on it ({quoted(str(error), 120)}); write a negative number as "
                               'a typed literal, such as "-1.0"^^<http://www.w3.org/2001/XMLSchema#decimal>') from None
    except RecursionError:
        # rdflib's parser recurses about 40 frames per level: some 20 nested brackets or 30 groups fit.
        raise QuerySyntaxError(_TOO_DEEP) from None
    _refuse_undeclared_prefixes(text)
    if "ServiceGraphPattern" in _node_names(parsed):
        raise UnsafeQueryRefusal(
            "SERVICE is refused: this endpoint does not query other endpoints on a client's behalf"
        )
    return CheckedQuery(text, _FORMS[parsed[1].name], _dataset_clause(parsed))


# A text holding any of these words, anywhere (in a string, an IRI or a comment too), is checked by
# rdflib's parser below: SERVICE must be found wherever the engine might read it, FROM gives the
# query a dataset of its own, and the form of a graph query is needed exactly.
_READ_BY_RDFLIB = re.compile(r"service|from|load", re.IGNORECASE)
# A line whose first non-blank character is `#` is a comment, or else lies inside a long string:
# either way no engine reads a word of it as SPARQL, so the named queries' explanations (which say
# "from") do not send them to rdflib. A `#` later in a line may sit in an IRI or a string: those stay.
_WHOLE_LINE_COMMENT = re.compile(r"^[ \t]*#.*$", re.MULTILINE)
_EMPTY_STORE = ox.Store()
# Relative IRIs parse only against a base; any base will do to decide whether the text parses
# (the query runs against the service's, with_base).
_CHECKING_BASE = "http://checking.invalid/"
# Deeper nesting goes to rdflib's parser, which refuses it clearly, rather than to a recursive parser in Rust.
_FAST_NESTING = 64
_OPENING, _CLOSING = frozenset("({["), frozenset(")}]")
_BRACKETS = re.compile(r"[(){}\[\]]")


# SPARQL 1.1's Query: a prologue (BASE and PREFIX declarations, between which only white space and
# comments may stand), then the keyword of its form.
_IRI_REF = r"<[^<>\"{}|^`\\\x00-\x20]*>"
_FORM_AFTER_PROLOGUE = re.compile(
    rf"(?:[ \t\r\n]+|#[^\r\n]*|BASE[ \t\r\n]*{_IRI_REF}|PREFIX[ \t\r\n]*[^ \t\r\n:<>]*:[ \t\r\n]*{_IRI_REF})*+"  # possessive: linear
    r"(SELECT|CONSTRUCT|DESCRIBE|ASK)(?![A-Za-z0-9_])", re.IGNORECASE)


def _may_run_on_oxigraph(text: str) -> bool:
    """No SERVICE, FROM or LOAD anywhere outside whole-line comments, and no nesting too deep."""
    return not _READ_BY_RDFLIB.search(_WHOLE_LINE_COMMENT.sub("", text)) and not _nests_deeper_than(text, _FAST_NESTING)


def _nests_deeper_than(text: str, limit: int) -> bool:
    """Whether brackets nest deeper than `limit`, counted in the whole text (strings too: an over-estimate).

    >>> _nests_deeper_than("{ { } { } }", 2), _nests_deeper_than("{ { { } } }", 2)
    (False, True)
    """
    if sum(map(text.count, _OPENING)) <= limit:  # no deeper than the brackets it has: counted in C, not walked
        return False
    depth = 0
    for character in _BRACKETS.findall(text):  # the brackets alone (a named query: 4,300 characters, 136 brackets)
        if character in _OPENING:
            depth += 1
            if depth > limit:
                return True
        elif character in _CLOSING:
            depth -= 1
    return False


def _checked_by_oxigraph(text: str) -> CheckedQuery | None:
    """The fast path for the common query (no SERVICE, FROM or LOAD anywhere in its text, \\u escapes
    already expanded): pyoxigraph parses it (thousands of times faster than rdflib's pyparsing:
    docs/measurements.md) by running it on an empty store; it parses only queries, so an update
    fails here. None: rdflib's parser decides, and words the refusal (updates, LOAD, syntax errors).

    >>> _checked_by_oxigraph("SELECT * WHERE { ?s ?p ?o }").form
    'SELECT'
    >>> _checked_by_oxigraph("INSERT DATA { <a:b> <a:c> <a:d> }") is None
    True
    >>> _checked_by_oxigraph("SELECT * WHERE { <a><b>-1.0 }").form  # relative IRIs: the W3C protocol tests' shape
    'SELECT'
    """
    if not _may_run_on_oxigraph(text):
        return None
    try:
        answer = _EMPTY_STORE.query(text, base_iri=_CHECKING_BASE)
    except (SyntaxError, ValueError, OSError, RuntimeError):
        return None
    if isinstance(answer, ox.QueryBoolean):
        return CheckedQuery(text, "ASK")
    if isinstance(answer, ox.QuerySolutions):
        return CheckedQuery(text, "SELECT")
    form = _FORM_AFTER_PROLOGUE.match(text)  # CONSTRUCT or DESCRIBE: the answer does not say which
    return CheckedQuery(text, form.group(1).upper()) if form else None


def _expanded(text: str) -> str:
    """The text with its \\u escapes expanded: what this check reads, and so what the engine must run.

    rdflib expands them across the whole text before parsing (as SPARQL 1.1, 19.2 says);
    oxigraph only inside strings and IRIs. Given the text as sent, `"x\\u005C" } SERVICE ...`
    is one harmless string to rdflib but a string and a SERVICE call to oxigraph.
    """
    try:
        expanded = expandUnicodeEscapes(text)
    except ValueError as error:  # a bad \u escape
        raise QuerySyntaxError(f"malformed query: {error}") from None
    if expandUnicodeEscapes_re.search(expanded):  # e.g. \u005Cu0041: a second reading would differ
        raise QuerySyntaxError("the query's \\u escapes spell another \\u escape; write the characters themselves")
    return expanded


def _dataset_clause(parsed) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    if "datasetClause" not in parsed[1]:
        return None
    prologue = translatePrologue(parsed[0], None)  # resolves FROM ex:g and relative IRIs
    clauses = parsed[1]["datasetClause"]
    default = tuple(str(prologue.absolutize(clause["default"])) for clause in clauses if "default" in clause)
    named = tuple(str(prologue.absolutize(clause["named"])) for clause in clauses if "named" in clause)
    return default, named


def _refuse_if_update(text: str) -> None:
    try:
        update = parseUpdate(text)
    except (ParseException, ValueError):
        return
    except RecursionError:
        raise QuerySyntaxError(_TOO_DEEP) from None
    operations = _node_names(update)
    if "Load" in operations:
        raise ReadOnlyRefusal(f"{READ_ONLY_MESSAGE}: LOAD is refused (no query may make the server fetch a URL)")
    raise ReadOnlyRefusal(f"{READ_ONLY_MESSAGE}: SPARQL Update is refused")


def walk_parse_tree(node) -> Iterator:
    """Every node of an rdflib parse tree (CompValues, lists, terms), depth first."""
    yield node
    if isinstance(node, dict):  # CompValue is an OrderedDict
        for value in node.values():
            yield from walk_parse_tree(value)
    elif isinstance(node, (list, tuple)) or hasattr(node, "as_list"):
        for item in node:
            yield from walk_parse_tree(item)


def _node_names(tree) -> set[str]:
    return {node.name for node in walk_parse_tree(tree) if isinstance(node, CompValue)}


def _refuse_undeclared_prefixes(text: str) -> None:
    """A prefixed name whose prefix the query does not declare: say which, where, and give the PREFIX line.

    >>> try:
    ...     check_query("SELECT * WHERE { ?zone a hz:DevelopmentZone }", 1000)
    ... except QuerySyntaxError as error:
    ...     print(error.message)
    malformed query at line 1, column 26: the query uses the prefix hz: without declaring it; add this line at the top of the query:
    PREFIX hz: <https://w3id.org/hzkg/def/>
    SELECT * WHERE { ?zone a hz:DevelopmentZone }
                             ^^^^^^^^^^^^^^^^^^
    """
    message = undeclared_prefix_message(text)
    if message is not None:
        raise QuerySyntaxError(message)


def _describe_parse_error(error: ParseException) -> str:
    pointer = " " * (error.col - 1) + "^"
    return f"malformed query at line {error.lineno}, column {error.col}: {error.msg}\n{error.line}\n{pointer}"

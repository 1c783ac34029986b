"""What to tell someone whose query does not parse: the line and column of the token at fault, the
token found, and what was expected there, in words; then the line itself with a caret under the token.

Why not the parsers' own messages: rdflib's (pyparsing) names the outermost rule that failed, at its
start ("Expected SelectQuery" under the word SELECT for a '.' missing forty lines down); pyoxigraph's
(a PEG parser) names the furthest point any alternative reached and the raw set of what could come
there, often a token past the mistake ("expected OPTIONAL" after the triple that lacks its '.';
measured with pyoxigraph 0.5.13). So the query is read here as a list of tokens (SPARQL's own
terminals as rdflib's parser defines them) and the mistakes people make most are recognised:
a string left open, a '/' inside a prefixed name (`hzkg:zone/xiaoshan-etdz`), an undeclared prefix,
a bracket left open or closed twice, a missing '.' between two triple patterns, a triple pattern
short of its object. Anything else keeps pyoxigraph's position and the punctuation and keywords it
expected.

>>> print(describe_syntax_error("SELECT * WHERE {\\n  ?zone a ?class\\n  ?zone ?p ?o }"))
malformed query at line 3, column 3: found the variable ?zone where a '.' or '}' was expected: a '.' goes between two triple patterns (the one before ends with ?class at line 2, column 11)
  ?zone ?p ?o }
  ^^^^^
"""
from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from dataclasses import dataclass

import pyoxigraph as ox
import pyparsing as pp
from rdflib.plugins.sparql import parser as sparql_terminals

from hzkg.graph.prefixes import ID, KINDS, NAMESPACES, PREFIXES, prefix_line

__all__ = ["describe_syntax_error", "undeclared_prefix_message", "tokens", "Token"]


@dataclass(frozen=True)
class Token:
    kind: str  # comment, string, iri, pname, var, blank, number, langtag, word, punct, other
    text: str
    start: int  # offsets in the query's text
    end: int
    line: int  # of the start, from 1
    column: int  # from 1, in characters


def _kind(name: str, *expressions: pp.ParserElement) -> pp.ParserElement:
    # copies: rdflib's own parse actions turn tokens into terms; here only the span matters
    either = pp.MatchFirst([expression.copy() for expression in expressions]) if len(expressions) > 1 else expressions[0].copy()
    return either.set_parse_action(lambda text, start, found: name)


_T = sparql_terminals
_SCANNER = pp.MatchFirst([
    _kind("comment", pp.Regex(r"#[^\r\n]*")),
    _kind("string", _T.STRING_LITERAL_LONG1, _T.STRING_LITERAL_LONG2, _T.STRING_LITERAL1, _T.STRING_LITERAL2),
    _kind("iri", _T.IRIREF),
    _kind("var", _T.VAR1, _T.VAR2),
    _kind("blank", _T.BLANK_NODE_LABEL),
    _kind("pname", pp.Combine(_T.PNAME_LN), pp.Combine(_T.PNAME_NS)),
    _kind("number", _T.DOUBLE, _T.DECIMAL, _T.INTEGER),
    _kind("langtag", pp.Regex(r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*")),
    _kind("word", pp.Regex(r"[A-Za-z_][A-Za-z0-9_]*")),
    _kind("punct", pp.Regex(r"\^\^|\|\||&&|!=|<=|>=|[{}()\[\].,;*/|^+\-=<>!?~]")),  # ~: SPARQL 1.2's reifier
    _kind("other", pp.Regex(r"\S")),
]).parse_with_tabs()  # pyparsing expands tabs before scanning: spans would be off by 7 a tab


def tokens(text: str) -> list[Token]:
    """The query's tokens, comments included, each with its span.

    >>> [(token.kind, token.text) for token in tokens('?s zone:x "汽车"@zh .')]
    [('var', '?s'), ('pname', 'zone:x'), ('string', '"汽车"'), ('langtag', '@zh'), ('punct', '.')]
    >>> [(token.text, token.column) for token in tokens(chr(9) + 'ASK {}')]  # a tab is one character
    [('ASK', 2), ('{', 6), ('}', 7)]
    """
    line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
    found = []
    for kind, start, end in _SCANNER.scan_string(text):
        line = bisect.bisect_right(line_starts, start)
        found.append(Token(kind[0], text[start:end], start, end, line, start - line_starts[line - 1] + 1))
    return found


@dataclass(frozen=True)
class _Finding:
    at: Token | None  # None: the end of the query
    says: str  # "found …" and what was expected, in words
    length: int = 0  # characters the caret marks, when more than the token's


# Keywords after which, at a group's level, no triple pattern is being written until the next bracket closes.
_PATTERN_KEYWORDS = {"FILTER", "BIND", "OPTIONAL", "MINUS", "GRAPH", "SERVICE", "UNION", "EXISTS", "NOT", "LATERAL"}
_OPENERS = {"{": "}", "(": ")", "[": "]"}
_CLOSERS = {closer: opener for opener, closer in _OPENERS.items()}
_TERMS = {"var", "iri", "pname", "string", "number", "blank"}


def describe_syntax_error(text: str, fallback: str | None = None) -> str:
    """The message for a query that does not parse (`fallback`: another parser's message, used when
    neither this reading nor pyoxigraph finds the place)."""
    found = tokens(text)
    finding = (_open_string_or_stray(found) or _slash_in_prefixed_name(text, found) or _undeclared_prefix(found)
               or _brackets_and_triples(found) or _from_oxigraph(text, found))
    if finding is None:
        return fallback or "malformed query"
    return _placed(text, finding)


def undeclared_prefix_message(text: str) -> str | None:
    """The message for a query that parses but uses a prefix it does not declare, else None."""
    finding = _undeclared_prefix(tokens(text))
    return None if finding is None else _placed(text, finding)


# --- the checks, each a _Finding or None ------------------------------------------------------------

def _open_string_or_stray(found: list[Token]) -> _Finding | None:
    for token in found:
        if token.kind != "other":
            continue
        if token.text in "\"'":
            return _Finding(token, f"found a string that opens with {token.text} and is not closed on its line; "
                                   f"expected a closing {token.text} (a quote inside a string is written \\{token.text})")
        narrow = unicodedata.normalize("NFKC", token.text)
        if narrow != token.text and narrow.isascii():
            return _Finding(token, f"found the full-width character {token.text!r}; expected {narrow!r} (switch the "
                                   "keyboard to half-width)")
        return _Finding(token, f"found the character {token.text!r}, which SPARQL does not read here; "
                               "text goes in quotes (\"汽车\"@zh), names as <IRI> or prefix:name")
    return None


def _declared(found: list[Token]) -> dict[str, str]:
    """The query's own PREFIX declarations."""
    declared = {}
    for keyword, name, iri in zip(found, found[1:], found[2:]):
        if keyword.kind == "word" and keyword.text.upper() == "PREFIX" and name.kind == "pname" and iri.kind == "iri":
            declared[name.text[:-1]] = iri.text[1:-1]
    return declared


def _pnames(found: list[Token]) -> list[Token]:
    """The prefixed names used (not those being declared)."""
    return [token for before, token in zip([None, *found], found)
            if token.kind == "pname" and not (before and before.kind == "word" and before.text.upper() == "PREFIX")]


def _slash_in_prefixed_name(text: str, found: list[Token]) -> _Finding | None:
    declared = _declared(found)
    for index, token in enumerate(found[:-2]):
        slash, after = found[index + 1], found[index + 2]
        if not (token.kind == "pname" and slash.text == "/" and slash.start == token.end and after.start == slash.end
                and after.kind in ("word", "number", "other")):
            continue
        written = re.match(r"[^\s.,;(){}\[\]]+", text[token.start:]).group()
        prefix, local = written.split(":", 1)
        namespace = declared.get(prefix, PREFIXES.get(prefix))
        iri = None if namespace is None else namespace + local
        advice = "write the whole IRI in <…>"
        if iri:
            advice = f"write the whole IRI, <{iri}>"
            kind, _, rest = iri.removeprefix(ID).partition("/") if iri.startswith(ID) else ("", "", "")
            if kind in KINDS and rest and "/" not in rest:
                advice = (f"write {kind}:{rest} (declared with {prefix_line(kind, NAMESPACES[kind])}), "
                          f"or the whole IRI, <{iri}>")
        return _Finding(token, f"found {written}, which is not a prefixed name: a prefixed name may not hold a '/' "
                               f"(SPARQL reads it as a property path); {advice}", len(written))
    return None


def _undeclared_prefix(found: list[Token]) -> _Finding | None:
    declared = _declared(found)
    missing = {}
    for token in _pnames(found):
        prefix = token.text.split(":", 1)[0]
        if prefix not in declared:
            missing.setdefault(prefix, token)
    if not missing:
        return None
    lines = [prefix_line(prefix, PREFIXES[prefix]) if prefix in PREFIXES else prefix_line(prefix, "…") + "  # its namespace IRI"
             for prefix in missing]
    names = ", ".join(f"{prefix}:" for prefix in missing)
    plural = len(missing) > 1
    return _Finding(next(iter(missing.values())),
                    f"the query uses the prefix{'es' if plural else ''} {names} without declaring "
                    f"{'them' if plural else 'it'}; add {'these lines' if plural else 'this line'} "
                    "at the top of the query:\n" + "\n".join(lines))


def _brackets_and_triples(found: list[Token]) -> _Finding | None:
    """Brackets that do not pair, and, inside each { } group, triple patterns read term by term:
    0, 1, 2 terms read (subject, predicate, object expected next), 3 (a whole triple), or None when
    no triple pattern is being written (after FILTER, SELECT, VALUES …)."""
    found = [token for token in found if token.kind != "comment"]
    stack: list[tuple[Token, int | None, str]] = []  # opener, the state to go back to, the keyword before it
    state: int | None = None
    keyword = ""  # the last keyword since the last bracket
    last_term: Token | None = None
    joined = False  # the next term belongs to the one before (after ^^, a path's / or |, a sign)
    for index, token in enumerate(found):
        following = found[index + 1] if index + 1 < len(found) else None
        if token.kind == "punct" and token.text in _OPENERS:
            as_term = token.text != "{" and state is not None and not joined
            if as_term and state == 3:
                return _missing_dot(token, last_term, stack)
            if token.text == "{":
                inner = None if keyword == "VALUES" else 0
                back = 0 if _in_group(stack) and stack else state
            elif token.text == "[":
                inner, back = (1 if as_term else None), (state + 1 if as_term else None)
            else:  # ( a collection as a term, or the brackets of FILTER (…), BIND (…), COUNT(…)
                inner = None
                back = state + 1 if as_term else (0 if keyword in _PATTERN_KEYWORDS and _in_group(stack) else None)
            stack.append((token, back, keyword))
            state, joined = inner, False
            keyword = "VALUES" if keyword == "VALUES" and token.text == "(" else ""
            continue
        if token.kind == "punct" and token.text in _CLOSERS:
            if not stack:
                return _Finding(token, f"found '{token.text}', but no '{_CLOSERS[token.text]}' is open before it; "
                                       f"remove it, or open a '{_CLOSERS[token.text]}' where the part it closes starts")
            opener, back, before = stack[-1]
            if opener.text != _CLOSERS[token.text]:
                return _Finding(token, f"found '{token.text}' where '{_OPENERS[opener.text]}' was expected, to close "
                                       f"the '{opener.text}' of {_where(opener)}")
            if token.text == "}" and state in (1, 2):
                return _Finding(token, f"found '}}' where {_wanted(state)} of the triple pattern was expected "
                                       f"(after {last_term.text}, {_where(last_term)}): a triple pattern has a "
                                       "subject, a predicate and an object")
            stack.pop()
            state, joined = back, False
            keyword = "VALUES" if before == "VALUES" and opener.text == "(" else ""
            continue
        if token.kind == "word" and token.text not in ("a", "true", "false"):
            if token.text.upper() not in KEYWORDS and following is not None and following.text == "(":
                continue  # a function: regex(…), COUNT (…); the keyword before it (FILTER) still holds
            unknown = _unknown_keyword(token)
            if unknown:
                return unknown
            keyword = token.text.upper()
            state = None
            continue
        if token.kind in _TERMS or token.kind == "word":
            if state is None:
                continue
            if joined:
                joined = False
            elif state == 3:
                return _missing_dot(token, last_term, stack)
            else:
                state += 1
            last_term = token
            continue
        if state is None or token.kind == "langtag":
            continue
        if token.text in ("^^", "/", "|"):
            joined = True
        elif token.text in ("+", "-") and following is not None and following.kind == "number" \
                and following.start == token.end and state < 3:
            joined, state = True, state + 1  # a signed number: the sign starts the term
            last_term = token
        elif token.text == ".":
            if state in (1, 2):
                return _Finding(token, f"found '.' where {_wanted(state)} of the triple pattern was expected "
                                       f"(after {last_term.text}, {_where(last_term)})")
            state = 0
        elif token.text == ";":
            state = 1 if state in (1, 3) else state
        elif token.text == ",":
            state = 2 if state == 3 else state
    if stack:
        opener = stack[-1][0]
        return _Finding(None, f"the query ends, but the '{opener.text}' of {_where(opener)} is not closed; "
                              f"expected '{_OPENERS[opener.text]}'")
    return None


# The words SPARQL reads outside a function call (a function, regex(…), is followed by its bracket)
KEYWORDS = frozenset(["BASE", "PREFIX", "SELECT", "CONSTRUCT", "DESCRIBE", "ASK", "WHERE", "FROM", "NAMED",
                      "DISTINCT", "REDUCED", "AS", "GROUP", "BY", "ORDER", "ASC", "DESC", "HAVING", "LIMIT", "OFFSET",
                      "VALUES", "UNDEF", "OPTIONAL", "FILTER", "BIND", "MINUS", "UNION", "GRAPH", "SERVICE", "SILENT",
                      "EXISTS", "NOT", "IN", "LATERAL", "DEFAULT", "ALL", "INSERT", "DELETE", "DATA", "LOAD", "CLEAR",
                      "DROP", "CREATE", "ADD", "MOVE", "COPY", "TO", "INTO", "USING", "WITH", "SEPARATOR",
                      "VERSION"])  # SPARQL 1.2's version declaration, which pyoxigraph 0.5 reads


def _unknown_keyword(token: Token) -> _Finding | None:
    """A word SPARQL does not know (LIMT, SELEC, OPTINAL), with the keyword it was probably meant as."""
    if token.text.upper() in KEYWORDS:
        return None
    close = difflib.get_close_matches(token.text.upper(), KEYWORDS, n=1, cutoff=0.6)
    meant = f"; did you mean {close[0]}?" if close else ""
    return _Finding(token, f"found the word {token.text}, which is not a SPARQL keyword{meant} "
                           "(a variable is written ?name, a name prefix:name or <IRI>, text in quotes)")


def _in_group(stack) -> bool:
    return not stack or stack[-1][0].text == "{"


def _missing_dot(token: Token, last_term: Token | None, stack) -> _Finding:
    inside = stack[-1][0].text if stack else "{"
    if inside == "[":
        return _Finding(token, f"found {_described(token)} where a ';' or ']' was expected: inside [ ] a ';' goes "
                               f"between two predicate-object pairs (the one before ends with {last_term.text} at "
                               f"{_where(last_term)})")
    return _Finding(token, f"found {_described(token)} where a '.' or '}}' was expected: a '.' goes between two triple "
                           f"patterns (the one before ends with {last_term.text} at {_where(last_term)})")


def _wanted(state: int) -> str:
    return {1: "the predicate", 2: "the object"}[state]


# --- pyoxigraph's own position, for the rest ----------------------------------------------------------

_OXIGRAPH_MESSAGE = re.compile(r"error at (\d+):(\d+): expected (?:one of )?(.*)", re.S)
_EMPTY = ox.Store()


def _from_oxigraph(text: str, found: list[Token]) -> _Finding | None:
    try:
        _EMPTY.query(text, base_iri="http://checking.invalid/")
    except SyntaxError as error:
        match = _OXIGRAPH_MESSAGE.match(str(error))
    except (ValueError, OSError, RuntimeError):
        return None
    else:
        return None
    if match is None:
        return None
    offset = _offset(text, int(match[1]), int(match[2]))
    at = next((token for token in found if token.end > offset and token.kind != "comment"), None)
    expected = [item.strip('"') for item in re.findall(r'"[^"\s]+"|\b[A-Z][A-Za-z]+\b', match[3])]
    said = f"expected one of {', '.join(repr(item) for item in expected)}" if expected else "this is not SPARQL here"
    return _Finding(at, f"found {_described(at)}; {said}")


def _offset(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    return sum(len(before) + 1 for before in lines[:line - 1]) + column - 1


# --- the message ----------------------------------------------------------------------------------------

def _line_and_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _where(token: Token | None) -> str:
    return "the end of the query" if token is None else f"line {token.line}, column {token.column}"


def _described(token: Token | None) -> str:
    if token is None:
        return "the end of the query"
    what = {"var": "the variable", "iri": "the IRI", "pname": "the prefixed name", "string": "the string",
            "number": "the number", "blank": "the blank node", "word": "the word"}.get(token.kind)
    shown = token.text if len(token.text) <= 60 else token.text[:57] + "…"
    return f"{what} {shown}" if what else repr(shown)


def _width(text: str) -> int:
    """Columns a monospace font gives the text: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(character) in "WF" else 1 for character in text)


def _placed(text: str, finding: _Finding) -> str:
    offset = finding.at.start if finding.at else len(text.rstrip())
    length = max(1, finding.length or len(finding.at.text.split("\n")[0])) if finding.at else 1
    line, column = _line_and_column(text, offset)
    says = finding.says
    shown = text.split("\n")[line - 1].replace("\t", " ").rstrip("\r")
    before = shown[:column - 1]
    pointer = " " * _width(before) + "^" * (_width(shown[column - 1:column - 1 + length]) or 1)
    return f"malformed query at line {line}, column {column}: {says}\n{shown}\n{pointer}"

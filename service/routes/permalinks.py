"""Citable answers: /answer?query=<named query>&<its parameters> (or ?sparql=<text>) runs the
query and gives a permalink that records hzkg's version, the dataset's version and the
SHA-256 of the answer; opening the permalink runs the query again and says whether the
answer is still the one cited.

The hash is over a canonical form of the answer, so that it does not depend on the engine's
row order or the serialisation: SELECT — the variables and the rows as N-Triples terms,
rows sorted; ASK — true or false; CONSTRUCT/DESCRIBE — the sorted N-Triples lines.
"""
from __future__ import annotations

import hashlib
import re
from urllib.parse import urlencode

from flask import Blueprint, jsonify, render_template, request

from hzkg.graph.prefixes import KINDS
from hzkg.graph.version import package_version

from hzkg.service.engines.results import AskResult, GraphResult
from hzkg.service.model.names import resolver
from hzkg.service.model.search_index import search_index
from hzkg.service.language import page_language
from hzkg.service.pages.named_query import page_table
from hzkg.service.responses.concatenations import sort_concatenations
from hzkg.service.responses.dataset_description import PLAN_TITLE, PLAN_TITLE_EN
from hzkg.service.responses.error_pages import prefers_html
from hzkg.service.errors import BadRequest, NotFound
from hzkg.service.checking.safety import check_query
from hzkg.service.state import current_state

__all__ = ["blueprint", "canonical_answer", "answer_hash"]

blueprint = Blueprint("permalinks", __name__)

_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_OWN = ("query", "sparql", "version", "dataset", "sha256", "format", "lang")


def _term(term) -> str:
    return "UNDEF" if term is None else term.n3()


def canonical_answer(result) -> str:
    """The answer as text that two runs give alike when, and only when, their answers are equal.

    >>> from rdflib import Literal
    >>> from hzkg.service.engines.results import SelectResult
    >>> canonical_answer(SelectResult(["n"], [(Literal(2),), (Literal(1),)]))
    'SELECT ?n\\n"1"^^<http://www.w3.org/2001/XMLSchema#integer>\\n"2"^^<http://www.w3.org/2001/XMLSchema#integer>\\n'
    """
    if isinstance(result, AskResult):
        return f"ASK {'true' if result.value else 'false'}\n"
    if isinstance(result, GraphResult):
        return "".join(sorted(f"{_term(s)} {_term(p)} {_term(o)} .\n" for s, p, o in result.triples))
    rows = sorted(" ".join(_term(value) for value in row) for row in result.rows)
    return "SELECT " + " ".join(f"?{v}" for v in result.variables) + "\n" + "".join(f"{row}\n" for row in rows)


def answer_hash(result) -> str:
    return hashlib.sha256(canonical_answer(result).encode("utf-8")).hexdigest()


def _the_query() -> tuple[str, str, dict]:
    """(what was asked, the checked SPARQL text, the named query's parameters).

    A named query's IRI parameters take what its form sends (a name, a short id such as
    `industry/new-energy`, an IRI), resolved as /queries/<name> resolves them; the parameters
    returned hold the resolved IRIs, so the permalink names what was answered."""
    state = current_state()
    name, sparql = request.args.get("query", "").strip(), request.args.get("sparql", "").strip()
    parameters = {k: v for k, v in request.args.items() if k not in _OWN}
    if bool(name) == bool(sparql):
        raise BadRequest("give either query=<a named query, see /queries> with its parameters, or sparql=<a SPARQL query>")
    if name:
        if name not in state.catalogue:
            raise NotFound(f"query={name!r}: no such named query; see /queries")
        named = state.catalogue[name]
        resolve = None
        given = [parameters[parameter.name] for parameter in named.parameters
                 if parameter.type == "iri" and parameter.name in parameters]  # a parameter left out takes its default
        if any(not _IRI.match(value) or value.partition(":")[0] in KINDS for value in given):
            # an IRI needs no index; a name, short id or zone:… does
            resolve = resolver(state, search_index(state))
        bindings = named.bind(parameters, resolve)
        parameters = {key: (str(bindings[key]) if key in bindings else value) for key, value in parameters.items()}
        return name, named.bound(parameters).text, parameters
    if parameters:
        raise BadRequest(f"parameters {', '.join(sorted(parameters))} are for named queries; put values in the SPARQL text")
    return "sparql", check_query(sparql, state.settings["max_query_length"]).text, {}


@blueprint.route("/answer")
def citable_answer():
    state = current_state()
    asked, text, parameters = _the_query()
    result = state.store.query(text)
    if result.truncated:
        raise BadRequest(f"the answer has more than {state.store.limits.row_limit} rows (setting row_limit); "
                         "a truncated answer cannot be cited: narrow the query")
    digest = answer_hash(result)
    dataset = state.version.tag if state.version else None
    query_args = {"query": asked, **parameters} if asked != "sparql" else {"sparql": request.args["sparql"]}
    permalink = "/answer?" + urlencode({**query_args, "version": package_version(), "dataset": dataset or "", "sha256": digest})
    cited = request.args.get("sha256")
    document = {
        "ok": True, "query": asked, "parameters": parameters, "sparql": text, "version": package_version(),
        "dataset": dataset, "sha256": digest, "permalink": permalink,
        "rows": len(result.rows) if hasattr(result, "rows") else len(getattr(result, "triples", [])),
    }
    if cited is not None:
        document["cited"] = {"sha256": cited, "version": request.args.get("version"), "dataset": request.args.get("dataset")}
        document["identical"] = cited == digest
        document["same_version"] = request.args.get("version") == package_version()
        document["verdict"] = ("the answer is identical to the one cited" if cited == digest else
                               "the answer has CHANGED since it was cited: its SHA-256 differs")
    if request.args.get("format") == "json" or not prefers_html():
        return jsonify(document)
    named = state.catalogue.get(asked)
    # The table shows a named query's joined values as its page does (parts sorted, no empty part); the hash is
    # over the answer as the engine gave it.
    shown = sort_concatenations(text, result) if named is not None else result
    columns, rows = ([], []) if isinstance(result, (AskResult, GraphResult)) else \
        page_table(state, search_index(state), shown, text if named is not None else "", page_language())
    return render_template("answer.html", answer=document, canonical=canonical_answer(result), result=result,
                           columns=columns, rows=rows, citations=answer_citations(document, named),
                           title=named.title_in(page_language()) if named else "SPARQL")


def answer_citations(document: dict, named) -> list[tuple[str, str]]:
    """The answer cited in GB/T 7714-2015 and in English: the query, its parameters, hzkg's and
    the dataset's versions, the answer's SHA-256 and the permalink (absolute)."""
    from datetime import datetime, timezone

    accessed = datetime.now(timezone.utc).date().isoformat()
    url = request.host_url.rstrip("/") + document["permalink"]
    given = ", ".join(f"{key}={value}" for key, value in document["parameters"].items())
    title_zh = f"查询“{named.title_zh}”的答案" if named else "SPARQL 查询的答案"
    title_en = f"Answer to the query “{named.title_en}”" if named else "Answer to a SPARQL query"
    given_zh, given_en = (f"（{given}）", f" ({given})") if given else ("", "")
    dataset = document["dataset"] or "?"
    return [
        ("GB/T 7714", f"{PLAN_TITLE}：{title_zh}{given_zh}[DB/OL]. hzkg 知识图谱，{document['version']} 版，"
                      f"数据集 {dataset}，SHA-256 {document['sha256']}. [{accessed}]. {url}."),
        ("English", f"{title_en}{given_en}. {PLAN_TITLE_EN} [{PLAN_TITLE}]. In hzkg, version {document['version']}, "
                    f"dataset {dataset}; SHA-256 {document['sha256']}. {url} (accessed {accessed})."),
    ]

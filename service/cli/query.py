"""`hzkg query NAME|FILE --param k=v --format table|csv|json --lang zh|en`: a named query in the terminal.

The table keeps the query's row order, prints plain values (labels, numbers, the figure as the
plan words it: 100左右), names its columns and gives names and ontology words (role kinds, levels)
in one language (Chinese, or English with --lang en, as the pages do), and aligns columns of Chinese text (a wide character takes two columns).
An IRI parameter takes a name or a short id, as on /queries. `hzkg query --list` (and --help)
show every query with its parameters."""
from __future__ import annotations

import argparse
import sys
import unicodedata
from functools import partial
from pathlib import Path
from types import SimpleNamespace

from rdflib import URIRef

from hzkg.graph.prefixes import PREFIXES
from hzkg.service.responses.concatenations import sort_concatenations
from hzkg.service.checking.catalogue import CatalogueError, load_catalogue, load_query_file
from hzkg.service.model.names import resolver
from hzkg.service.cli.network import _write  # stdout that a reader may close early (| head)
from hzkg.service.engines import open_store
from hzkg.service.engines.results import AskResult, GraphResult
from hzkg.service.errors import ServiceError
from hzkg.service.responses.formats import (
    RESULTS,
    offers,
    serialize_graph,
    serialize_result,
    truncation_message,
    TRUNCATION_HELP,
)

__all__ = ["run_query_command", "OUTPUTS", "catalogue_listing", "QueryHelp", "display_width"]

# `--format`: a plain table, or any results format of the registry; a graph answer is written in
# the RDF syntax of the same family.
OUTPUTS = ("table",) + tuple(fmt.key for fmt in offers(RESULTS) if fmt.write_results)
_GRAPH_FORMAT_FOR = {"json": "jsonld", "xml": "rdfxml"}
_TRANSLATION_HEADER = "the plan's sentences in English (unofficial translation, hzkg)"


def catalogue_listing(folder: Path) -> str:
    """Every named query with its title and parameters, for --list and --help."""
    try:
        catalogue = load_catalogue(folder)
    except CatalogueError as error:
        return f"(the query catalogue cannot be read: {error})"
    lines = ["named queries (hzkg query NAME --param NAME=VALUE; an IRI parameter also takes a name):"]
    for named in catalogue.values():
        lines.append(f"  {named.name:<32} {named.title_zh} · {named.title_en}")
        for parameter in named.parameters:
            default = f" (default: {parameter.default})" if parameter.default else ""
            about = f" — {parameter.description}" if parameter.description else ""
            lines.append(f"      --param {parameter.name}=…  {parameter.type}{default}{about}")
    return "\n".join(lines)


class QueryHelp(argparse.Action):
    """-h/--help of `hzkg query`: the usual help, then the catalogue (read only when asked for)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        from hzkg.graph.paths import QUERIES_DIR

        parser.epilog = catalogue_listing(QUERIES_DIR) + "\n\n" + (parser.epilog or "")
        parser.print_help()
        parser.exit()


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: wide (CJK) characters count two.

    >>> display_width("临安"), display_width("Lin'an"), display_width("100左右")
    (4, 6, 7)
    """
    return sum(2 if unicodedata.east_asian_width(char) in ("W", "F") else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def run_query_command(settings, name_or_file: str | None, params: list[str], output: str,
                      listing: bool = False, language: str = "zh") -> int:
    if listing or not name_or_file:
        _write((catalogue_listing(Path(settings["queries"])) + "\n").encode("utf-8"))
        return 0 if listing else 2
    try:
        path = Path(name_or_file)
        if name_or_file.endswith(".rq") and path.is_file():
            named = load_query_file(path, settings["max_query_length"])
        else:
            catalogue = load_catalogue(Path(settings["queries"]), settings["max_query_length"])
            if name_or_file not in catalogue:
                print(f"hzkg query: no query named {name_or_file!r}; known: {', '.join(catalogue) or 'none'} "
                      "(hzkg query --list shows them with their parameters)", file=sys.stderr)
                return 2
            named = catalogue[name_or_file]
        given = {}
        for pair in params:
            key, separator, value = pair.partition("=")
            if not separator:
                print(f"hzkg query: --param {pair!r} must be NAME=VALUE", file=sys.stderr)
                return 2
            given[key] = value
        store = open_store(settings)
        try:
            resolve = _resolver(settings, store) if any(p.type == "iri" for p in named.parameters) else None
            checked = named.bound(given, resolve)
            dataset = checked.graphs(base_iri=settings["base_iri"])
            result = sort_concatenations(checked.text, store.query(checked.text, default_graphs=dataset[0],
                                                                   named_graphs=dataset[1]))
            labels, names = (_labels(store, result, language), _names(settings, store, checked.text, result, language)) \
                if output == "table" else ({}, None)
        finally:
            store.close()
    except CatalogueError as error:
        print(f"hzkg query: {error}", file=sys.stderr)
        return 2
    except ServiceError as error:
        print(f"hzkg query: {error.message}", file=sys.stderr)
        return 2
    _write(_render(result, output, store.limits.row_limit, settings, labels, language, names))
    if result.truncated:
        print(f"hzkg query: {truncation_message(store.limits.row_limit)}. {TRUNCATION_HELP}", file=sys.stderr)
    return 0


def _resolver(settings, store):
    """Names and short ids for IRI parameters, through the same search index as /queries."""
    from hzkg.service.model.search_index import build_search_index

    index = build_search_index(SimpleNamespace(store=store))
    return resolver(SimpleNamespace(store=store, settings=settings), index)


def _labels(store, result, language: str = "zh") -> dict[str, str]:
    """Labels in `language` (else the other) of the IRIs in a SELECT result, in one query."""
    iris = sorted({str(term) for row in getattr(result, "rows", []) for term in row if isinstance(term, URIRef)})
    if not iris:
        return {}
    values = " ".join(URIRef(iri).n3() for iri in iris)
    rows = store.query(f"SELECT ?s ?l WHERE {{ VALUES ?s {{ {values} }} ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l "
                       'FILTER(lang(?l) = "zh" || lang(?l) = "en") }', whole=True).rows
    labels: dict[str, str] = {}
    for subject, label in sorted(rows, key=lambda row: (row[1].language != language, str(row[1]))):
        labels.setdefault(str(subject), str(label))
    return labels


def _names(settings, store, text: str, result, language: str):
    """What the table needs beyond labels outside Chinese (as the query pages have it): figures worded in
    `language` (added to the labels), the query's lists of names with the index's `name_in`, goals' figures,
    and the project's English of the plan's sentences a quote column gives."""
    from hzkg.service.model.search_index import build_search_index
    from hzkg.service.pages.named_query import figure_names, goal_figures, has_quotes
    from hzkg.service.responses.concatenations import name_lists

    if language == "zh":
        return None
    lists = name_lists(text)
    figures = figure_names(store, settings["base_iri"], result, language)
    index = build_search_index(SimpleNamespace(store=store)) if lists else None
    quote_english = None
    if has_quotes(result):
        from hzkg.service.model.plan import load_plan_model
        from hzkg.service.model.plan_english import english_by_quote, load_plan_english, translations_of_spans

        model = load_plan_model(store, lambda iri: _short(iri, settings))
        quote_english = english_by_quote(translations_of_spans(load_plan_english(store), model), model.spans).get
    return (figures, lists, partial(index.name_in, language=language) if index else None,
            goal_figures(store, settings["base_iri"], result, language).get, quote_english)


def _short(iri: str, settings) -> str | None:
    base = settings["base_iri"]
    if iri.startswith(base + "id/"):
        return iri[len(base) + 3:]
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return None


def _render(result, output: str, row_limit: int, settings, labels: dict[str, str], language: str = "zh",
            names=None) -> bytes:
    if isinstance(result, GraphResult):
        return serialize_graph(result.triples, _GRAPH_FORMAT_FOR.get(output, "turtle"))
    if output != "table":
        return serialize_result(result, output, row_limit) + b"\n"
    if isinstance(result, AskResult):
        return b"true\n" if result.value else b"false\n"
    from hzkg.service.pages.named_query import readable_table

    figures, lists, name_in, figures_of, quote_english = names or ({}, (), None, None, None)
    columns, rows = readable_table(result, lambda iri: figures.get(iri) or labels.get(iri),
                                   lambda iri: _short(iri, settings), language, lists, name_in, figures_of,
                                   quote_english=quote_english)
    # the plan's sentences in English (as the pages give them under the Chinese): a column beside the quote's
    translated = {i for row in rows for i, cell in enumerate(row) if cell.get("translation")}
    header, body = [], [[] for _ in rows]
    for i, column in enumerate(columns):
        header.append(column["label"])
        if i in translated:
            header.append(_TRANSLATION_HEADER)
        for line, row in zip(body, rows):
            line.append(row[i]["text"])
            if i in translated:
                line.append(row[i].get("translation") or "")
    widths = [max([display_width(text) for text in [name, *(row[i] for row in body)]]) for i, name in enumerate(header)]
    lines = ["  ".join(_pad(text, width) for text, width in zip(line, widths)).rstrip() for line in [header, *body]]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return ("\n".join(lines) + "\n").encode("utf-8")

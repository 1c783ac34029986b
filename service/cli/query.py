"""`hzkg query NAME|FILE --param k=v --format table|csv|json`: a named query in the terminal."""
from __future__ import annotations

import sys
from pathlib import Path

from hzkg.service.checking.catalogue import CatalogueError, load_catalogue, load_query_file
from hzkg.service.engines import open_store
from hzkg.service.engines.results import AskResult, GraphResult
from hzkg.service.errors import ServiceError
from hzkg.service.responses.formats import (
    RESULTS,
    as_rdflib_result,
    offers,
    serialize_graph,
    serialize_result,
    truncation_message,
    TRUNCATION_HELP,
)

__all__ = ["run_query_command", "OUTPUTS"]

# `--format`: a plain table, or any results format of the registry; a graph answer is written in
# the RDF syntax of the same family.
OUTPUTS = ("table",) + tuple(fmt.key for fmt in offers(RESULTS) if fmt.write_results)
_GRAPH_FORMAT_FOR = {"json": "jsonld", "xml": "rdfxml"}


def run_query_command(settings, name_or_file: str, params: list[str], output: str) -> int:
    try:
        path = Path(name_or_file)
        if name_or_file.endswith(".rq") and path.is_file():
            named = load_query_file(path, settings["max_query_length"])
        else:
            catalogue = load_catalogue(Path(settings["queries"]), settings["max_query_length"])
            if name_or_file not in catalogue:
                print(f"hzkg query: no query named {name_or_file!r}; known: {', '.join(catalogue) or 'none'}",
                      file=sys.stderr)
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
            checked = named.bound(given)
            dataset = checked.dataset or (None, None)
            result = store.query(checked.text, default_graphs=dataset[0], named_graphs=dataset[1])
        finally:
            store.close()
    except CatalogueError as error:
        print(f"hzkg query: {error}", file=sys.stderr)
        return 2
    except ServiceError as error:
        print(f"hzkg query: {error.message}", file=sys.stderr)
        return 2
    sys.stdout.buffer.write(_render(result, output, store.limits.row_limit))
    sys.stdout.flush()
    if result.truncated:
        print(f"hzkg query: {truncation_message(store.limits.row_limit)}. {TRUNCATION_HELP}", file=sys.stderr)
    return 0


def _render(result, output: str, row_limit: int) -> bytes:
    if isinstance(result, GraphResult):
        return serialize_graph(result.triples, _GRAPH_FORMAT_FOR.get(output, "turtle"))
    if output != "table":
        return serialize_result(result, output, row_limit) + b"\n"
    if isinstance(result, AskResult):
        return b"true\n" if result.value else b"false\n"
    return as_rdflib_result(result).serialize(format="txt")

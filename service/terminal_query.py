"""`hzkg query NAME|FILE --param k=v --format table|csv|json`: a named query in the terminal."""
from __future__ import annotations

import sys
from pathlib import Path

from .catalogue import CatalogueError, load_catalogue, load_query_file
from .engines import open_store
from .engines.results import AskResult, GraphResult
from .concatenations import sort_concatenations
from .errors import ServiceError
from .serialize import as_rdflib_result, serialize_graph, serialize_result, truncation_message

__all__ = ["run_query_command"]


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
            result = sort_concatenations(checked.text, store.query(checked.text, settings["time_limit"], settings["row_limit"],
                                                                   default_graphs=dataset[0], named_graphs=dataset[1]))
        finally:
            store.close()
    except CatalogueError as error:
        print(f"hzkg query: {error}", file=sys.stderr)
        return 2
    except ServiceError as error:
        print(f"hzkg query: {error.message}", file=sys.stderr)
        return 2
    sys.stdout.buffer.write(_render(result, output, settings["row_limit"]))
    sys.stdout.flush()
    if result.truncated:
        print(f"hzkg query: {truncation_message(settings['row_limit'])}", file=sys.stderr)
    return 0


def _render(result, output: str, row_limit: int) -> bytes:
    if isinstance(result, GraphResult):
        return serialize_graph(result.triples, "jsonld" if output == "json" else "turtle")
    if output in ("csv", "json"):
        return serialize_result(result, output, row_limit) + b"\n"
    if isinstance(result, AskResult):
        return b"true\n" if result.value else b"false\n"
    return as_rdflib_result(result).serialize(format="txt")

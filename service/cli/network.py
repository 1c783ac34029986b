"""`hzkg network NAME [key=value ...]` and `hzkg export FORMAT [--out FILE]` in the terminal:
the same answers and files as /network/NAME and /export/FORMAT."""
from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
import sys

from hzkg.service.engines import open_store
from hzkg.service.errors import ServiceError
from hzkg.service.network.analyses import ANSWERS, answer
from hzkg.service.network.dataset import fetch_network
from hzkg.service.responses.exports import EXPORTS, export_bytes

__all__ = ["add_network_commands", "run_network_command", "run_export_command"]


def add_network_commands(commands, add_settings_arguments, epilog: str) -> None:
    analyses = "\n".join(f"  {name:<18} {', '.join(f'{p}=...' for p in params) or '(no parameters)'}"
                         for name, (_, params) in ANSWERS.items())
    network = commands.add_parser(
        "network", help="network analyses (centrality, communities, similarity, paths) as JSON",
        description="Run one analysis of the relationship network; prints JSON, like /network/NAME.\n"
        "Nodes are named by IRI, by path (zone/tonglu-edz) or by label, e.g.\n"
        "  hzkg network path from=桐庐 to=杭州高新技术产业开发区\n\nanalyses:\n" + analyses,
        epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter)
    network.add_argument("analysis", choices=tuple(ANSWERS), metavar="NAME", help="the analysis (see above)")
    network.add_argument("params", nargs="*", metavar="KEY=VALUE", help="parameters of the analysis")
    add_settings_arguments(network)
    export = commands.add_parser(
        "export", help="write the network (GraphML, GEXF, CSV) or the dataset (Turtle, N-Quads, JSON-LD)",
        description="Write one export, like /export/FORMAT; network formats take projection=NAME. It may take "
                    "120 s (a whole dump on a busy machine) unless --setting time_limit says otherwise.",
        epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter)
    export.add_argument("format", choices=tuple(EXPORTS), metavar="FORMAT", help=", ".join(EXPORTS))
    export.add_argument("params", nargs="*", metavar="KEY=VALUE", help="projection=shared-industries|partnerships|...")
    export.add_argument("--out", help="file to write (default: standard output)")
    add_settings_arguments(export)


def _pairs(command: str, pairs: list[str]) -> dict[str, str] | None:
    params = {}
    for pair in pairs:
        key, separator, value = pair.partition("=")
        if not separator or not key:
            print(f"hzkg {command}: {pair!r} must be KEY=VALUE", file=sys.stderr)
            return None
        params[key] = value
    return params


def _with_store(command: str, settings, work):
    """work(store) with a store opened for it and closed after; None (and the reason on
    stderr) when the service refuses."""
    try:
        store = open_store(settings)
        try:
            return work(store)
        finally:
            store.close()
    except ServiceError as error:
        print(f"hzkg {command}: {error.message}", file=sys.stderr)
        return None


def run_network_command(settings, analysis: str, pairs: list[str]) -> int:
    params = _pairs("network", pairs)
    if params is None:
        return 2
    document = _with_store("network", settings,
                           lambda store: answer(fetch_network(store, settings["base_iri"] + "id/"), analysis, params))
    if document is None:
        return 2
    _write((json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return 0


def run_export_command(settings, name: str, pairs: list[str], out: str | None) -> int:
    params = _pairs("export", pairs)
    if params is None:
        return 2
    folder = Path(out).resolve().parent if out else None
    if folder is not None and not (folder.is_dir() and os.access(folder, os.W_OK)):  # said before the export runs
        reason = "no such folder" if not folder.is_dir() else "the folder is not writable"
        print(f"hzkg export: cannot write {out}: {reason} ({folder}); give --out a file in a folder you can write",
              file=sys.stderr)
        return 2
    body = _with_store("export", settings, lambda store: export_bytes(
        name, lambda: fetch_network(store, settings["base_iri"] + "id/"), store, params))
    if body is None:
        return 2
    if out:
        try:
            with open(out, "wb") as file:
                file.write(body)
        except OSError as error:
            print(f"hzkg export: cannot write {out}: {error.strerror}", file=sys.stderr)
            return 2
    else:
        _write(body)
    return 0


def _write(body: bytes) -> None:
    """Write to stdout; a reader that stops early (`| head`) is not an error."""
    try:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would complain again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())

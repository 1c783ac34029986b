"""The `hzkg` command line.

Exit codes (the same for every subcommand):
  0  success (for build/check: the data conforms)
  1  the data does not conform (shapes, provenance, unknown terms)
  2  error (bad input, missing file, usage)
"""
from __future__ import annotations

import argparse
import sys

from hzkg.graph import paths

EXIT_CODES = """exit codes:
  0  success; for build/check: the data conforms
  1  the data does not conform (SHACL shapes, provenance quotes, unknown terms)
  2  error: a file cannot be read or parsed, bad usage, missing artifact
"""


def _add_build_commands(commands: argparse._SubParsersAction) -> None:
    build = commands.add_parser(
        "build",
        help="validate, infer and write the dataset artifact",
        description="parse -> SHACL validate -> provenance check -> consistency rules "
        "-> inference -> write build/hzkg.nq and build/report.json (atomically).",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build.add_argument("--out", default=str(paths.BUILD_DIR), help="output folder (default: %(default)s)")
    build.add_argument("--quiet", action="store_true", help="no progress output")
    check = commands.add_parser(
        "check",
        help="run every check and print the report; write nothing",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("--json", action="store_true", help="print the report as JSON")


def add_language_argument(command: argparse.ArgumentParser) -> None:
    """`--lang zh|en`: the terminal's words (columns, role kinds, levels, names) in one language, as the pages."""
    from hzkg.service.language import DEFAULT_LANGUAGE, LANGUAGES

    command.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE,
                         help="the language of names, columns and words: zh (中文, the default) or en")


def _add_settings_arguments(command: argparse.ArgumentParser) -> None:
    from hzkg.service.engines import ENGINES

    command.add_argument("--engine", choices=list(ENGINES), help="query engine (setting engine)")
    command.add_argument("--endpoint", help="SPARQL endpoint URL for --engine remote (setting endpoint)")
    command.add_argument("--setting", nargs=2, action="append", metavar=("NAME", "VALUE"),
                         help="override a setting (see the table below); repeatable")


def _add_service_commands(commands: argparse._SubParsersAction) -> None:
    from hzkg.service.cli.query import OUTPUTS, QueryHelp
    from hzkg.service.settings import settings_table

    serve = commands.add_parser(
        "serve",
        help="serve the SPARQL endpoint, query catalogue and resource pages (waitress)",
        description="Serve the dataset artifact over HTTP: /sparql, /queries, /id/..., /search.",
        epilog=settings_table() + "\n\n" + EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s, loopback only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: %(default)s)")
    _add_settings_arguments(serve)
    query = commands.add_parser(
        "query",
        help="run a named query (or a .rq file) in the terminal",
        epilog=settings_table() + "\n\n" + EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        add_help=False,
    )
    query.add_argument("-h", "--help", action=QueryHelp, help="show this help and every named query with its parameters")
    query.add_argument("query", metavar="NAME|FILE", nargs="?",
                       help="a catalogue name (hzkg query --list) or a path to a .rq file")
    query.add_argument("--list", action="store_true", help="list the named queries with their parameters")
    query.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="a query parameter; repeatable")
    query.add_argument("--format", choices=OUTPUTS, default="table", help="output (default: %(default)s)")
    add_language_argument(query)
    _add_settings_arguments(query)
    load = commands.add_parser(
        "load",
        help="push the dataset to a remote store (SPARQL 1.1 Graph Store Protocol)",
        description="PUT each named graph of the artifact to a Graph Store Protocol endpoint, "
        "e.g. http://127.0.0.1:7878/store for `oxigraph serve`; then serve it with --engine remote.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    load.add_argument("--endpoint", required=True, help="the Graph Store Protocol URL of the remote store")
    load.add_argument("--setting", nargs=2, action="append", metavar=("NAME", "VALUE"),
                      help="override a setting (artifact, credentials_file and load_time_limit are used); repeatable")
    from hzkg.service.cli.network import add_network_commands

    add_network_commands(commands, _add_settings_arguments, settings_table() + "\n\n" + EXIT_CODES)
    from hzkg.service.cli.compare import add_compare_command

    add_compare_command(commands, _add_settings_arguments, settings_table() + "\n\n" + EXIT_CODES, add_language_argument)


EXPORT_TIME_LIMIT = 120.0  # seconds; `hzkg export --setting time_limit S` sets another


def _settings_from(args):
    from hzkg.service.settings import Settings, parse_setting_overrides

    overrides = parse_setting_overrides(args.setting)
    if args.command == "export" and "time_limit" not in overrides:
        # A dump of the whole dataset for one reader at the terminal, not a request among many: a
        # patient default (the whole N-Quads passed time_limit's 10 s on a loaded machine).
        overrides["time_limit"] = EXPORT_TIME_LIMIT
    if args.engine:
        overrides["engine"] = args.engine
    if args.endpoint:
        overrides["endpoint"] = args.endpoint
    return Settings(overrides)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hzkg",
        description="Knowledge graph of the Hangzhou development zones' 12th five-year plan.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_build_commands(commands)
    _add_service_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0) and 2
    if args.command == "build":
        from hzkg.graph.build import run_build

        return run_build(out_dir=args.out, quiet=args.quiet)
    if args.command == "check":
        from hzkg.graph.build import run_check

        return run_check(as_json=args.json)
    if args.command == "load":
        from hzkg.service.cli.load import load_into_graph_store
        from hzkg.service.settings import Settings, SettingError, parse_setting_overrides

        from hzkg.service.engines.store_access import CredentialsError, read_credentials

        try:
            settings = Settings(parse_setting_overrides(args.setting))
            credentials = read_credentials(settings["credentials_file"])
        except (SettingError, CredentialsError) as error:
            print(f"hzkg load: {error}", file=sys.stderr)
            return 2
        return load_into_graph_store(settings.artifact_path, args.endpoint, settings["load_time_limit"], credentials)
    if args.command in ("serve", "query", "network", "export", "compare"):
        from hzkg.service.settings import SettingError

        try:
            settings = _settings_from(args)
        except SettingError as error:
            print(f"hzkg {args.command}: {error}", file=sys.stderr)
            return 2
        if args.command == "serve":
            from hzkg.service.cli.serve import serve
            from hzkg.service.settings import public_url_of

            settings["public_url"] = settings["public_url"] or public_url_of(args.host, args.port)
            return serve(settings, args.host, args.port)
        if args.command == "compare":
            from hzkg.service.cli.compare import run_compare_command

            return run_compare_command(settings, args.zones, args.json, args.lang)
        if args.command in ("network", "export"):
            from hzkg.service.cli import network as terminal

            if args.command == "network":
                return terminal.run_network_command(settings, args.analysis, args.params)
            return terminal.run_export_command(settings, args.format, args.params, args.out)
        from hzkg.service.cli.query import run_query_command

        return run_query_command(settings, args.query, args.param, args.format, listing=args.list, language=args.lang)
    parser.error(f"unknown command {args.command!r}")
    return 2


if __name__ == "__main__":
    sys.exit(main())

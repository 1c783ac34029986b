"""`python -m tools.bench` (`make bench`): every benchmark figure in one run, written to docs/benchmark.md."""
import argparse
import sys
from pathlib import Path

from tools.bench.run import BenchConfig, run_benchmark


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench",
        description="Benchmark engines, HTTP, build, start-up and scale on this machine (needs the [bench] extra). "
        "Starts and stops its own servers on 127.0.0.1; prints a Markdown table and writes it to --out "
        "(with PNG plots beside it). About 5 minutes; --quick about 2; --huge about 8.")
    parser.add_argument("--quick", action="store_true", help="fewer requests and sizes (10^5 triples only)")
    parser.add_argument("--huge", action="store_true", help="also 10^7 triples (several GB of memory, long)")
    parser.add_argument("--new-texts", action="store_true",
                        help="only hzkg on new query texts beside oxigraph serve (in memory), 1 and 8 clients, "
                        "with the load average; prints, writes nothing (about 1 minute)")
    parser.add_argument("--serving", action="store_true",
                        help="only the serving figures of issue 20: start-up and memory (PSS of all processes) at the "
                        "defaults beside oxigraph serve, then new and repeated query texts beside oxigraph serve, "
                        "1 and 8 clients, with the load average; prints, writes nothing (about 2 minutes)")
    parser.add_argument("--setting", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="with --new-texts or --serving: a setting for hzkg serve (repeatable), to compare defaults")
    parser.add_argument("--out", default=str(Path("docs") / "benchmark.md"), help="(default: %(default)s)")
    args = parser.parse_args(argv)
    if args.new_texts:
        from tools.bench.new_texts import compare_new_texts

        compare_new_texts(settings=[tuple(pair) for pair in args.setting])
        return 0
    if args.serving:
        from tools.bench.serving import print_serving_figures

        print_serving_figures(settings=[tuple(pair) for pair in args.setting])
        return 0
    print(run_benchmark(BenchConfig(quick=args.quick, huge=args.huge, out=Path(args.out))))
    return 0


if __name__ == "__main__":
    sys.exit(main())

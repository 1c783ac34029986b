"""The editor's autocompletion: /complete latency on the plan's data (goal: p50 under 20 ms).

One client on a keep-alive connection asks `hzkg serve` for completions of what a user types (pinyin,
Chinese, English, the start of a prefixed name), after one warm-up request that builds the worker's
label index. `python -m tools.bench.completion` measures it alone; `make bench` includes it.
"""
from __future__ import annotations

import http.client
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from tools import servers

__all__ = ["CompletionResult", "measure_completion", "TYPED"]

# What a user types, keystroke by keystroke, for six terms.
TYPED = [word[:n] for word in ("qiche", "开发区", "hz:Dev", "automotive", "xiasha", "新能源") for n in range(2, len(word) + 1)]


@dataclass
class CompletionResult:
    requests: int
    p50_ms: float
    p99_ms: float
    first_ms: float  # the first request of a worker, which builds the label index


def measure_completion(artifact: Path, requests: int = 1_000) -> CompletionResult:
    server = servers.start_hzkg(artifact)
    try:
        address = urlsplit(server.sparql_url)
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)

        def ask(text: str) -> float:
            began = time.perf_counter()
            connection.request("GET", "/complete?prefix=" + quote(text))
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"/complete?prefix={text} answered {response.status}")
            return (time.perf_counter() - began) * 1000

        first = ask("qiche")
        times = sorted(ask(TYPED[i % len(TYPED)]) for i in range(requests))
        connection.close()
    finally:
        server.stop()
    return CompletionResult(len(times), statistics.median(times), times[int(0.99 * (len(times) - 1))], first)


if __name__ == "__main__":
    from hzkg.graph import paths

    result = measure_completion(paths.BUILD_DIR / paths.ARTIFACT_NAME, int(sys.argv[1]) if len(sys.argv) > 1 else 1_000)
    print(f"/complete: {result.requests} requests, p50 {result.p50_ms:.2f} ms, p99 {result.p99_ms:.2f} ms, "
          f"first (builds the index) {result.first_ms:.0f} ms")

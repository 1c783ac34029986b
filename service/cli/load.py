"""`hzkg load --endpoint URL`: push the dataset artifact to a remote store through the
SPARQL 1.1 Graph Store HTTP Protocol, one PUT per named graph (replacing what was there)."""
from __future__ import annotations

import sys
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

__all__ = ["load_into_graph_store"]


def _graph_url(store_url: str, graph) -> str:
    separator = "&" if "?" in store_url else "?"
    if isinstance(graph, ox.DefaultGraph):
        return f"{store_url}{separator}default"
    return f"{store_url}{separator}{urllib.parse.urlencode({'graph': graph.value})}"


def load_into_graph_store(artifact: Path, store_url: str, timeout: float = 300) -> int:
    """Exit code: 0 when every graph was stored, 2 otherwise (the message says which and why)."""
    if not artifact.is_file():
        print(f"hzkg load: the dataset {artifact} does not exist; run `hzkg build` first", file=sys.stderr)
        return 2
    graphs: dict = defaultdict(list)
    try:
        for quad in ox.parse(path=str(artifact), format=ox.RdfFormat.N_QUADS):
            graphs[quad.graph_name].append(quad.triple)
    except (SyntaxError, OSError) as error:
        print(f"hzkg load: cannot read {artifact}: {error}; run `hzkg build`", file=sys.stderr)
        return 2
    for graph, triples in sorted(graphs.items(), key=lambda item: str(item[0])):
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        request = urllib.request.Request(_graph_url(store_url, graph), data=body, method="PUT",
                                         headers={"Content-Type": "application/n-triples"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")[:300]
            print(f"hzkg load: {store_url} refused graph {graph}: {error.code} {detail}", file=sys.stderr)
            return 2
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            print(f"hzkg load: cannot reach {store_url}: {getattr(error, 'reason', error)}", file=sys.stderr)
            return 2
        print(f"hzkg load: {graph}: {len(triples)} triples ({status})", file=sys.stderr)
    return 0

"""Engines that hold the dataset in memory. They run inside a query process
(service/engines/isolated.py), never in a web worker, because a running query
cannot be interrupted there: a pyoxigraph call does not return to Python until it is done, so
a signal or a thread cannot stop it, and only killing its process can.

Each backend: `Backend(artifact_path)` loads the N-Quads artifact once (the oxigraph
backend may open an on-disk store of it instead: `store_dir`), then
`run(sparql, row_limit, default_graphs, named_graphs) -> Result`.
"""
from __future__ import annotations

from itertools import islice
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from hzkg.service.engines.results import AskResult, from_oxigraph, GraphResult, Result, SelectResult, WrittenAnswer
from hzkg.service.responses.formats import write_oxigraph_answer

__all__ = ["OxigraphBackend", "RdflibBackend", "BACKENDS", "QueryEvaluationError"]


class QueryEvaluationError(Exception):
    """The engine rejected or failed to evaluate the query (its own message)."""


def _limited(items, row_limit: int) -> tuple[list, bool]:
    taken = list(islice(items, row_limit + 1))
    return taken[:row_limit], len(taken) > row_limit


class OxigraphBackend:
    def __init__(self, artifact: Path, store_dir: Path | None = None):
        if store_dir is not None:  # an on-disk store of the artifact (service/engines/disk_store.py)
            self.store = ox.Store.read_only(str(store_dir))
        else:
            self.store = ox.Store()
            self.store.bulk_load(path=str(artifact), format=ox.RdfFormat.N_QUADS)

    def run(self, sparql, row_limit, default_graphs=None, named_graphs=None, cells=None, format=None) -> Result:
        """`format`: write a SELECT or ASK answer in it here, natively (a WrittenAnswer), when the format
        registry has a pyoxigraph writer for it; graphs and pages come back as rdflib terms."""
        try:
            options: dict = {}
            if default_graphs is not None:
                options["default_graph"] = [ox.NamedNode(iri) for iri in default_graphs]
            else:
                options["use_default_graph_as_union"] = True
            if named_graphs is not None:
                options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs]
            answer = self.store.query(sparql, **options)
            if format and not isinstance(answer, ox.QueryTriples):
                written = write_oxigraph_answer(answer, format, row_limit)
                if written is not None:
                    form = "ASK" if isinstance(answer, ox.QueryBoolean) else "SELECT"
                    return WrittenAnswer(written[0], written[1], form)
            if isinstance(answer, ox.QueryBoolean):
                return AskResult(bool(answer))
            if isinstance(answer, ox.QuerySolutions):
                variables = [variable.value for variable in answer.variables]
                if cells:  # a page's answer: as many rows as it shows (responses/answers.py)
                    row_limit = min(row_limit, max(1, cells // max(1, len(variables))))
                solutions, truncated = _limited(answer, row_limit)
                rows = [tuple(from_oxigraph(solution[name]) for name in variables) for solution in solutions]
                return SelectResult(variables, rows, truncated)
            triples, truncated = _limited(answer, min(row_limit, cells // 3) if cells else row_limit)
            return GraphResult(
                [(from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object)) for t in triples],
                truncated,
            )
        except (SyntaxError, OSError, RuntimeError, ValueError) as error:
            raise QueryEvaluationError(str(error)) from None


class RdflibBackend:
    """rdflib's own engine: slow, but the reference the others are compared with."""

    def __init__(self, artifact: Path):
        import rdflib.plugins.sparql

        # FROM <url> would otherwise make rdflib fetch the URL from the network or disk.
        rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
        self.dataset = Dataset(default_union=True)
        with open(artifact, "rb") as file:  # rdflib leaves a file it opened from a path open
            self.dataset.parse(file, format="nquads")

    def run(self, sparql, row_limit, default_graphs=None, named_graphs=None, cells=None, format=None) -> Result:
        if cells:
            row_limit = min(row_limit, cells)  # a page's answer (rdflib: by rows, the reference engine is not for pages)
        try:
            query = translateQuery(parseQuery(sparql))
            if default_graphs is not None or named_graphs is not None:
                # The protocol's graph parameters replace the query's FROM / FROM NAMED.
                query.algebra["datasetClause"] = [
                    CompValue("DatasetClause", default=URIRef(iri)) for iri in default_graphs or ()
                ] + [CompValue("DatasetClause", named=URIRef(iri)) for iri in named_graphs or ()]
            answer = self.dataset.query(query)
            if answer.type == "ASK":
                return AskResult(bool(answer.askAnswer))
            if answer.type == "SELECT":
                variables = [str(variable) for variable in answer.vars]
                solutions, truncated = _limited(iter(answer), row_limit)
                return SelectResult(variables, [tuple(row) for row in solutions], truncated)
            triples, truncated = _limited(iter(answer.graph), row_limit)
            return GraphResult(list(triples), truncated)
        except MemoryError:
            raise
        except Exception as error:  # rdflib raises bare Exceptions for evaluation errors
            raise QueryEvaluationError(f"{type(error).__name__}: {error}") from None


BACKENDS = {"oxigraph": OxigraphBackend, "rdflib": RdflibBackend}

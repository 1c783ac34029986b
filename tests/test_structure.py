"""The package's shape, read from its source: imports point one way (no cycle, not even through an
import inside a function), and every module of service/routes/ is a blueprint."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import networkx as nx

from checkout import CHECKOUT

FOLDERS = ("service", "graph")  # installed as hzkg.service, hzkg.graph


def _modules() -> dict[str, Path]:
    modules = {}
    for folder in FOLDERS:
        for path in sorted((CHECKOUT / folder).rglob("*.py")):
            parts = path.relative_to(CHECKOUT).with_suffix("").parts
            name = ".".join(("hzkg",) + (parts[:-1] if parts[-1] == "__init__" else parts))
            modules[name] = path
    return modules


MODULES = _modules()


def _imported(node: ast.AST, module: str) -> list[str]:
    """The names an import statement reaches, absolute (relative imports resolved against `module`)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            package = module.split(".")
            if not MODULES[module].name == "__init__.py":
                package = package[:-1]
            base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
        return [base] + [f"{base}.{alias.name}" for alias in node.names]
    return []


def import_graph() -> nx.DiGraph:
    """Module -> every module of ours it imports, wherever the import statement stands."""
    graph = nx.DiGraph()
    graph.add_nodes_from(MODULES)
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for name in _imported(node, module):
                while name and name not in MODULES:  # `from package import name` reaches the package
                    name = name.rpartition(".")[0]
                if name and name != module:
                    graph.add_edge(module, name)
    return graph


def test_the_walk_sees_the_packages_and_their_imports():
    graph = import_graph()
    assert {"hzkg.service.app", "hzkg.service.routes.sparql", "hzkg.graph.prefixes"} <= set(graph)
    # an import inside a function counts (cli/query.py's _resolver imports the search index there)
    assert graph.has_edge("hzkg.service.cli.query", "hzkg.service.model.search_index")
    assert graph.has_edge("hzkg.service.app", "hzkg.service.routes.sparql")


def test_no_import_cycle():
    cycles = sorted(" -> ".join(cycle + [cycle[0]]) for cycle in nx.simple_cycles(import_graph()))
    assert cycles == []


def test_routes_import_no_other_route():
    """A route's helpers live below the routes (model/, pages/, responses/ …), so that no blueprint
    depends on another."""
    graph = import_graph()
    sideways = sorted(f"{a} -> {b}" for a, b in graph.edges
                      if a.startswith("hzkg.service.routes.") and b.startswith("hzkg.service.routes."))
    assert sideways == []


def _defines_a_blueprint(path: Path) -> bool:
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if (isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["blueprint"]
                and isinstance(node.value, ast.Call) and getattr(node.value.func, "id", None) == "Blueprint"):
            return True
    return False


def test_every_module_of_routes_is_a_blueprint_and_registered():
    from hzkg.service.app import BLUEPRINTS

    routes = sorted(path for path in (CHECKOUT / "service" / "routes").glob("*.py") if path.name != "__init__.py")
    assert len(routes) >= 15
    assert [path.name for path in routes if not _defines_a_blueprint(path)] == []
    assert sorted(feature.__name__.rpartition(".")[2] for feature in BLUEPRINTS) == [path.stem for path in routes]


# --- one prefix table ---------------------------------------------------------------------------
PREFIX_TABLE = CHECKOUT / "graph" / "prefixes.py"


def _code_strings(path: Path) -> list[tuple[int, str]]:
    """The string constants of a module's code (f-strings' pieces included), docstrings left out:
    a docstring's examples show real IRIs and queries to the reader."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def _python_outside_the_table() -> list[Path]:
    return [path for folder in ("service", "graph", "tools") for path in sorted((CHECKOUT / folder).rglob("*.py"))
            if path != PREFIX_TABLE]


def test_the_namespace_iri_and_prefix_lines_are_written_only_in_the_prefix_table():
    from hzkg.graph.prefixes import BASE

    found = [f"{path.relative_to(CHECKOUT)}:{line}: {text[:60]!r}"
             for path in _python_outside_the_table() for line, text in _code_strings(path)
             if BASE.removeprefix("https://") in text or re.search(r"\bPREFIX\s", text)]
    assert found == []
    # and the table holds both (the check reads what it should)
    assert any(BASE in text for _, text in _code_strings(PREFIX_TABLE))
    assert any(text.startswith("PREFIX ") for _, text in _code_strings(PREFIX_TABLE))


def test_the_table_writes_the_standard_namespaces_as_rdflib_does():
    from rdflib import namespace

    from hzkg.graph.prefixes import NAMESPACES

    rdflib_names = {"rdf": namespace.RDF, "rdfs": namespace.RDFS, "owl": namespace.OWL, "skos": namespace.SKOS,
                    "xsd": namespace.XSD, "prov": namespace.PROV, "dcterms": namespace.DCTERMS, "geo": namespace.GEO,
                    "org": namespace.ORG, "schema": namespace.SDO, "qb": namespace.QB, "void": namespace.VOID,
                    "sh": namespace.SH}
    assert {name: NAMESPACES[name] for name in rdflib_names} == {name: str(ns) for name, ns in rdflib_names.items()}


# --- one way to say what an engine can do ---------------------------------------------------------
def test_every_store_class_has_the_methods_its_engine_promises():
    """The Store protocol's methods beyond check/query/close are called only when ENGINES says
    the engine's stores have them (no hasattr probes): each promise is kept by the classes."""
    import inspect

    from hzkg.service.engines import ENGINES, Store
    from hzkg.service.engines.isolated import IsolatedStore
    from hzkg.service.engines.pool import StorePool
    from hzkg.service.engines.remote import RemoteStore

    classes = {"oxigraph": (IsolatedStore, StorePool), "rdflib": (IsolatedStore, StorePool), "remote": (RemoteStore,)}
    assert set(classes) == set(ENGINES)
    promised = {"checks_and_runs_at_once": ("check_and_query", "checked_already"),
                "stops_runaway_queries": ("wait_until_ready",)}
    for name, engine in ENGINES.items():
        for cls in classes[name]:
            needed = {"check", "query", "close"}
            needed |= {method for capability, methods in promised.items() if getattr(engine.capabilities, capability)
                       for method in methods}
            if not engine.capabilities.holds_dataset_locally:
                needed.add("timeout_advice")
            assert needed <= {member for member in dir(cls) if callable(getattr(cls, member))}, (name, cls)
            options = inspect.signature(cls.query).parameters
            assert ("cells" in options) == engine.capabilities.bounds_cells, (name, cls)
            assert ("format" in options) == engine.capabilities.writes_answers, (name, cls)
    # the protocol lists every method a caller uses
    assert {"check", "query", "check_and_query", "checked_already", "wait_until_ready", "timeout_advice",
            "close"} <= {member for member in vars(Store) if not member.startswith("_")}

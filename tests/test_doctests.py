"""Every example in every docstring runs: the modules are found by walking the packages, so a
new module's examples run without being listed anywhere."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import hzkg.graph
import hzkg.service
import tools


def _modules() -> list[str]:
    names = []
    for package in (hzkg.graph, hzkg.service, tools):
        names.append(package.__name__)
        for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            names.append(module.name)
    return sorted(names)


MODULES = _modules()
# Modules whose examples are their documentation; each must have some.
MUST_HAVE_EXAMPLES = {
    "hzkg.graph.findings", "hzkg.graph.provenance", "hzkg.graph.consistency", "hzkg.graph.coverage", "hzkg.graph.wordcheck", "hzkg.graph.plan_parts", "hzkg.graph.anchors", "hzkg.graph.geometry", "hzkg.graph.prefixes", "hzkg.service.model.geo",
    "hzkg.service.model.folding", "hzkg.service.model.numbering", "hzkg.service.model.text_search",
    "hzkg.service.checking.binding", "hzkg.service.checking.safety", "hzkg.service.responses.answer_cache",
    "hzkg.service.engines.limits", "hzkg.service.network.model", "hzkg.service.network.projections",
    "hzkg.service.network.centrality", "hzkg.service.network.communities", "hzkg.service.network.similarity",
    "hzkg.service.network.relationship_paths", "tools.load_client", "tools.loopback", "tools.bench.synthetic",
}


def test_the_walk_finds_the_packages():
    assert MUST_HAVE_EXAMPLES <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    if name in MUST_HAVE_EXAMPLES:
        assert result.attempted > 0, f"{name} lost its examples"

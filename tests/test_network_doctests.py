"""The examples in the network package's docstrings run (each module has some)."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["hzkg.service.network.model", "hzkg.service.network.projections", "hzkg.service.network.centrality",
           "hzkg.service.network.communities", "hzkg.service.network.similarity", "hzkg.service.network.paths"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0

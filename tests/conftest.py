"""Shared test set-up. The service's fixtures live in tests/service_fixtures.py,
the fixtures over the plan's real data in tests/plan_fixtures.py.

Markers, set here from what a test uses so that a new test file gets them too
(`make test PYTEST_ARGS='-m "not browser and not remote and not load"'` runs the rest):
- browser: drives headless Chromium (the `chromium` fixture);
- remote: needs a store from outside Python, Virtuoso or Comunica (the `virtuoso`, `comunica` fixtures);
- load: a test file that uses the load tools (tools.loadtest, tools.load_client, tools.slow_clients),
  or says `pytestmark = pytest.mark.load`.
"""
import inspect
import os
import time

import pytest

from plan_fixtures import *  # noqa: F401,F403  (fixtures are found by name)
from service_fixtures import *  # noqa: F401,F403
from network_fixtures import *  # noqa: F401,F403
from browser_fixtures import *  # noqa: F401,F403
from store_fixtures import *  # noqa: F401,F403

MARKER_BY_FIXTURE = {"chromium": "browser", "virtuoso": "remote", "comunica": "remote"}
LOAD_TOOLS = {"tools.loadtest", "tools.load_client", "tools.slow_clients"}
SLOW_KINDS = ("remote", "load", "browser")


def _uses_load_tools(module) -> bool:
    for value in vars(module).values():
        name = value.__name__ if inspect.ismodule(value) else getattr(value, "__module__", None)
        if name in LOAD_TOOLS:
            return True
    return False


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    load_modules = {}
    for item in items:
        markers = {MARKER_BY_FIXTURE[name] for name in item.fixturenames if name in MARKER_BY_FIXTURE}
        module = getattr(item, "module", None)
        if module is not None and load_modules.setdefault(module.__name__, _uses_load_tools(module)):
            markers.add("load")
        for marker in sorted(markers):
            item.add_marker(getattr(pytest.mark, marker))
    # The slow kinds' files first (remote, then load, then browser), each file's tests in their order:
    # with the files spread over several processes (make test), a long file started last would keep
    # the others waiting.
    rank = {}
    for item in items:
        kinds = [SLOW_KINDS.index(name) for name in SLOW_KINDS if item.get_closest_marker(name)]
        rank[item.path] = min(kinds + [rank.get(item.path, len(SLOW_KINDS))])
    items.sort(key=lambda item: rank[item.path])


def pytest_terminal_summary(terminalreporter):
    """`make test` says how long it took in all: .venv, the prerequisites and the tests."""
    started = os.environ.get("HZKG_MAKE_TEST_STARTED")
    if started:
        terminalreporter.write_line(f"make test: {time.time() - int(started):.0f} s in all "
                                    "(setting up .venv and the prerequisites, and the tests)")

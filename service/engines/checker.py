"""The query checker: decides whether a client's query may run (it parses, it is read-only, it
fetches nothing; service/checking/safety.py), in a killable process of its own, under the store's
time limit, so that a query built to be slow to parse is stopped like one slow to run.

The embedded engines check in their query process; engines without one (remote) hold a checker.
"""
from __future__ import annotations

from hzkg.service.checking.safety import CheckedQuery
from hzkg.service.engines.isolated import IsolatedStore
from hzkg.service.engines.limits import Limits

__all__ = ["QueryChecker"]


class QueryChecker:
    def __init__(self, limits: Limits = Limits()):
        self._process = IsolatedStore(None, None, limits)

    def check(self, text: str, timeout: float | None = None) -> CheckedQuery:
        return self._process.check(text, timeout)

    def close(self) -> None:
        self._process.close()

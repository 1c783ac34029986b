"""What a query may use, owned by the store: set once from the settings; a caller may lower a
limit for one call (a search that needs few rows), never raise it.

    >>> limits = Limits(time_limit=10.0, row_limit=1000)
    >>> limits.for_call(timeout=2.0, row_limit=50_000)
    (2.0, 1000)
    >>> limits.for_call(whole=True)[1] == WHOLE_DATASET_ROWS
    True

One request has one budget: a `Deadline` made when it starts (time_limit seconds) is passed down
as `timeout=` to checking and running, and serialising and rendering look at it too.

    >>> deadline = Deadline(3.0)
    >>> seconds, _ = limits.for_call(deadline)
    >>> 2.9 < seconds <= 3.0, limits.named_limit(deadline)
    (True, 3.0)
"""
from __future__ import annotations

import time
from dataclasses import dataclass

__all__ = ["Limits", "Deadline", "WHOLE_DATASET_ROWS"]

# The service's own fixed queries (the network, the search index, the dumps) read the whole
# dataset; a truncated network or index would silently lie. Users' queries never get this.
WHOLE_DATASET_ROWS = 2_000_000


class Deadline:
    """The time a request has left: `seconds` from when it was made (the setting time_limit)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.ends - time.monotonic()

    @property
    def expired(self) -> bool:
        return self.remaining() <= 0


@dataclass(frozen=True)
class Limits:
    time_limit: float = 10.0  # seconds (setting time_limit)
    row_limit: int = 10_000  # rows or triples of an answer (setting row_limit)
    max_query_length: int = 100_000  # characters (setting max_query_length)
    memory_mb: int | None = None  # address space of a query process (setting query_memory_mb)

    @classmethod
    def from_settings(cls, settings) -> Limits:
        return cls(settings["time_limit"], settings["row_limit"], settings["max_query_length"],
                   settings["query_memory_mb"])

    def for_call(self, timeout: float | Deadline | None = None, row_limit: int | None = None, *,
                 whole: bool = False) -> tuple[float, int]:
        """The (seconds, rows) one call gets: the store's limits, lowered where the caller asks
        (seconds: what a request's Deadline has left, which may be 0 or less)."""
        rows = WHOLE_DATASET_ROWS if whole else self.row_limit
        if isinstance(timeout, Deadline):
            seconds = min(self.time_limit, timeout.remaining())
        else:
            seconds = min(self.time_limit, timeout) if timeout is not None else self.time_limit
        return seconds, (min(rows, row_limit) if row_limit else rows)

    def named_limit(self, timeout: float | Deadline | None) -> float:
        """The limit a time-limit message names: the request's whole budget, or the call's own limit."""
        if isinstance(timeout, Deadline):
            return min(self.time_limit, timeout.seconds)
        return self.for_call(timeout)[0]

    @property
    def worker_timeout(self) -> float:
        """How long a web worker may be silent before it is restarted: a query's limit plus slack."""
        return self.time_limit + 30

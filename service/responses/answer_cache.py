"""Answers kept per web worker while the dataset stays the same.

The dataset is read-only between builds, and each app serves one dataset version,
so the serialized answer to the same query text, in the same format, over the
same graphs is the same bytes until the next build (which changes the version
and so every key). Only local datasets are cached: a remote endpoint's data is
not ours to version. Errors are never cached; a time-limit stop is asked again.

Bounded by bytes (least recently used out first), so that a few large answers
cannot hold a worker's memory.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

__all__ = ["AnswerCache", "CachedAnswer"]

DEFAULT_BUDGET_BYTES = 32 * 2**20
LARGEST_ANSWER_BYTES = 2 * 2**20


@dataclass(frozen=True)
class CachedAnswer:
    body: bytes
    content_type: str  # with its charset
    truncated: bool


class AnswerCache:
    """A byte-bounded LRU of answers; the key must contain everything the bytes depend on.

    >>> cache = AnswerCache(budget_bytes=10)
    >>> cache.put("a", CachedAnswer(b"123456", "text/csv", False))
    >>> cache.put("b", CachedAnswer(b"123456", "text/csv", False))  # over budget: "a" goes
    >>> cache.get("a") is None, cache.get("b").body
    (True, b'123456')
    """

    def __init__(self, budget_bytes: int = DEFAULT_BUDGET_BYTES, largest_bytes: int = LARGEST_ANSWER_BYTES):
        self.budget_bytes = budget_bytes
        self.largest_bytes = min(largest_bytes, budget_bytes)
        self._answers: OrderedDict[object, CachedAnswer] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()  # waitress's threads share it

    def get(self, key) -> CachedAnswer | None:
        with self._lock:
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
            return answer

    def put(self, key, answer: CachedAnswer) -> None:
        if len(answer.body) > self.largest_bytes:
            return
        with self._lock:
            previous = self._answers.pop(key, None)
            if previous is not None:
                self._bytes -= len(previous.body)
            self._answers[key] = answer
            self._bytes += len(answer.body)
            while self._bytes > self.budget_bytes:
                _, evicted = self._answers.popitem(last=False)
                self._bytes -= len(evicted.body)

    def __len__(self) -> int:
        return len(self._answers)

"""How much of each section's text the reading view highlights, counted in characters (not white
space): inside a citation's quote (encoded), inside a registered sentence only (registered), or
neither. Unlike graph/coverage.py, which counts the plan's sentences a fact encodes, this counts
what a reader sees marked.
"""
from __future__ import annotations

from dataclasses import dataclass

from hzkg.service.model.plan import PlanModel

__all__ = ["Coverage", "coverage"]


@dataclass
class Coverage:
    encoded: int  # characters (not white space) inside a citation's quote
    registered: int  # inside a registered sentence and no quote
    neither: int

    @property
    def total(self) -> int:
        return self.encoded + self.registered + self.neither

    def percent(self, which: str) -> int:
        return round(100 * getattr(self, which) / self.total) if self.total else 0


def _coverage_sums(model: PlanModel) -> list[tuple[int, int, int]]:
    """Prefix sums over the text of (encoded, registered, neither) characters."""
    flags = [0] * len(model.text)
    for span in model.spans:
        value = 1 if span.registered else 2
        for index in range(span.start, span.end):
            flags[index] = max(flags[index], value)
    sums = [(0, 0, 0)]
    for char, flag in zip(model.text, flags):
        e, r, n = sums[-1]
        if char.isspace():
            sums.append((e, r, n))
        else:
            sums.append((e + (flag == 2), r + (flag == 1), n + (flag == 0)))
    return sums


def coverage(model: PlanModel) -> dict[str, Coverage]:
    """Each section's coverage: how much of its text is quoted, registered, or neither."""
    sums = _coverage_sums(model)
    result = {}
    for part in model.sections():
        (e0, r0, n0), (e1, r1, n1) = sums[part.start], sums[part.end]
        result[part.local] = Coverage(e1 - e0, r1 - r0, n1 - n0)
    return result

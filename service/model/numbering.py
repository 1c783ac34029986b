"""Links into /plan: for a part or citation IRI of ours, and for a section number as the plan
writes it ("四（二）7"), which graph/plan_parts.py's parse of the plan's text resolves.
"""
from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup

from hzkg.graph.paths import SOURCE_TEXT
from hzkg.graph.plan_parts import parse_plan

__all__ = ["plan_anchor", "section_anchor", "section_links"]


def plan_anchor(iri: str, base: str) -> str | None:
    """/plan#… for a part or citation IRI of ours, else None (templates link section numbers with it)."""
    if not iri.startswith(base + "id/"):
        return None
    local = iri[len(base) + 3:]
    if local.startswith(("section/", "citation/", "register/", "sentence/", "phrase/")):
        return f"/plan#{local}"
    return None


@lru_cache(maxsize=1)
def _sections() -> dict[str, str]:
    """Section number -> local name, for every section of the plan's text."""
    parts = parse_plan(SOURCE_TEXT.read_text(encoding="utf-8"))
    return {number: part.local for number, part in parts.by_number().items()}


def section_anchor(number: str) -> str | None:
    """/plan#… for a section number as the plan writes it, None for anything else.

    >>> section_anchor("四（二）7"), section_anchor("附表"), section_anchor("二〇一五")
    ('/plan#section/4-2-7', '/plan#section/appendix-table', None)
    """
    local = _sections().get(str(number).strip())
    return None if local is None else f"/plan#{local}"


def section_links(text: str) -> Markup | None:
    """A text of section numbers ("四（二）4 四（二）1") with each linked into /plan; None when the
    text is anything else."""
    numbers = str(text).split()
    anchors = [section_anchor(number) for number in numbers]
    if not numbers or None in anchors:
        return None
    return Markup(" ").join(Markup('<a class="in-plan" href="{}" lang="zh">{}</a>').format(anchor, number)
                            for anchor, number in zip(anchors, numbers))

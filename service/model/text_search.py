"""The plan's text searched as written (Chinese) or, for Latin letters, as the pinyin of its Han
characters, syllable by syllable: what /plan/search finds.
"""
from __future__ import annotations

import re
from functools import lru_cache

from hzkg.service.model.folding import fold, toneless
from hzkg.service.model.pinyin import pinyin_of

__all__ = ["search_text"]

_MAX_MATCHES = 200
_HAN = re.compile(r"[\u3400-\u9fff]+")


@lru_cache(maxsize=2)
def _pinyin_index(text: str) -> tuple[str, list[int], set[int]]:
    """The text's Han characters as toneless pinyin: the string, the text position of each
    of its characters, and the string positions where a syllable begins."""
    runs = list(_HAN.finditer(text))
    pinyin = pinyin_of(run.group() for run in runs)
    letters, origin, boundaries = [], [], set()
    for run in runs:
        for offset, syllable in enumerate(pinyin[run.group()][0]):
            boundaries.add(len(letters))
            letters.extend(syllable)
            origin.extend([run.start() + offset] * len(syllable))
        letters.append("|")  # a syllable never runs across other characters
        origin.append(run.end())
    return "".join(letters), origin, boundaries


def search_text(text: str, query: str) -> list[tuple[int, int]]:
    """(start, end) of each place the query is found: as written, else as pinyin of Han characters.

    >>> search_text("开发区和开发区", "开发区"), search_text("开发区和开发区", "kai fa")
    ([(0, 3), (4, 7)], [(0, 2), (4, 6)])
    """
    query = query.strip()
    if not query:
        return []
    found = [(m.start(), m.start() + len(query)) for m in re.finditer(re.escape(query), text)]
    folded = toneless(fold(query))
    if found or not folded.isascii() or not folded.isalpha():
        return found[:_MAX_MATCHES]
    letters, origin, boundaries = _pinyin_index(text)
    for match in re.finditer(f"(?={re.escape(folded)})", letters):
        begin, finish = match.start(), match.start() + len(folded)
        if begin in boundaries and (finish in boundaries or finish == len(letters) or letters[finish] == "|"):
            found.append((origin[begin], origin[finish - 1] + 1))
        if len(found) >= _MAX_MATCHES:
            break
    return found

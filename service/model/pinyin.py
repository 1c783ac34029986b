"""The pinyin of the dataset's labels and of the plan's text, for search (model/search_index.py,
model/text_search.py), worked out by pypinyin in a short-lived process and kept in build/cache.

pypinyin reads words, not only characters (its phrase dictionary gives 银行 yinhang, not yinxing),
and that dictionary costs some 55 MB and 0.7 s of import in the process that loads it, for the
process's life: it was most of the web process's memory beyond Flask and rdflib. What it is asked
is the same for a whole build (the labels, the plan's text), so `python -m hzkg.service.model.pinyin`
works it out once, the answer is kept in build/cache keyed by the strings asked, and a later start
reads the file; the web process never imports pypinyin.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from typing import Iterable

from hzkg.graph import paths

__all__ = ["pinyin_of"]

CACHE_DIR = paths.BUILD_DIR / "cache"
# The import (0.7 s) and a few thousand strings; a busy machine takes several times that.
_WORK_SECONDS = 120


def pinyin_of(strings: Iterable[str]) -> dict[str, list[list[str]]]:
    """Each string -> [its syllables without tones, with tone numbers (TONE3, the neutral tone 5)],
    as pypinyin's lazy_pinyin gives them (a run of other characters is one item).

    >>> pinyin_of(["银行", "开发区"])["银行"]
    [['yin', 'hang'], ['yin2', 'hang2']]
    """
    wanted = sorted(set(strings))
    asked = json.dumps(wanted).encode("ascii")
    cached = CACHE_DIR / f"pinyin-{hashlib.sha256(asked).hexdigest()[:16]}.json"
    try:
        return json.loads(cached.read_bytes())
    except (OSError, ValueError):
        pass
    answer = subprocess.run([sys.executable, "-m", __name__], input=asked, capture_output=True, check=True,
                            timeout=_WORK_SECONDS).stdout
    _keep(cached, answer)
    return json.loads(answer)


def _keep(path, content: bytes) -> None:
    """Write the cache file whole or not at all (another process may read it meanwhile); a folder
    hzkg may not write only costs the next start the same work."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name, delete=False) as handle:
            handle.write(content)
        os.replace(handle.name, path)
    except OSError:
        pass


def _work_out(strings: list[str]) -> dict[str, list[list[str]]]:
    from pypinyin import Style, lazy_pinyin

    return {text: [lazy_pinyin(text), lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True)]
            for text in strings}


if __name__ == "__main__":
    sys.stdout.buffer.write(json.dumps(_work_out(json.loads(sys.stdin.buffer.read()))).encode("ascii"))

"""The one form text is compared in when people search: lower case, no spaces, no tone marks.

>>> fold("Qì Chē"), fold("qi4-che1"), toneless(fold("qi4-che1"))
('qiche', 'qi4che1', 'qiche')
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "toneless"]


def fold(text: str) -> str:
    """Lower case, no spaces, no tone marks: the form every search key is compared in."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return re.sub(r"[\s\u0300-\u036f'’·-]+", "", decomposed)


def toneless(folded: str) -> str:
    """Without tone numbers: "qi4che1" as "qiche"."""
    return re.sub(r"[1-5]", "", folded)

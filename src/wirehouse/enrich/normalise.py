"""Text normalisation for name look-ups: typographic apostrophes and dashes, diacritics, case.

``fold_token("Al-Qa’im") == fold_token("Al-Qa'im") == "al-qa'im"``; ``fold_token("Düsseldorf") ==
"dusseldorf"``. Offsets are never touched: only look-up keys are folded.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from .sentences import tokenize

_MARKS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "′": "'", "ʻ": "'",
                        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "ʿ": None, "ʾ": None})


@lru_cache(maxsize=65536)
def fold_token(token: str) -> str:
    """Lower case, typographic marks made plain, diacritics dropped ("Ḥalab" -> "halab")."""
    t = token.lower()
    if t.isascii():
        return t.translate(_MARKS) if "`" in t else t
    t = t.translate(_MARKS)
    if not t.isascii():
        t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
        t = t.replace("ı", "i").replace("ø", "o").replace("đ", "d").replace("ł", "l").replace("ß", "ss")
    return t


def fold_key(phrase: str) -> str:
    """The look-up key of a phrase: its tokens folded and joined by single spaces."""
    return " ".join(fold_token(t) for t, _, _ in tokenize(phrase))

"""Lexicon tone, scaled like GDELT's: (positive words - negative words) per 100 words, -100..100."""

from __future__ import annotations

from typing import Mapping, Sequence


def tone_of(tokens: Sequence[tuple[str, int, int]], lexicon: Mapping[str, int]) -> float:
    words = 0
    score = 0
    for tok, _, _ in tokens:
        if not tok[0].isalnum():
            continue
        words += 1
        score += lexicon.get(tok.lower(), 0)
    if words == 0:
        return 0.0
    return max(-100.0, min(100.0, round(100.0 * score / words, 3)))

"""Language identification (ISO 639-1) with py3langid, its model shipped in the package.

py3langid finds the model's byte n-grams in a text by walking an Aho-Corasick automaton one
byte at a time in Python (about a microsecond a byte). The automaton's state after a byte only
depends on the last ``_NGRAM_MAX_BYTES`` bytes (the longest n-gram of the model), so here the
states of all positions are computed at once with numpy, in that many steps; the counts, their
order and so the scores are exactly py3langid's.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import numpy as np

logger = logging.getLogger(__name__)

_MIN_LETTERS = 20  # below this, any guess is noise
_SAMPLE_CHARS = 1500  # the cost is linear in the sample; longer samples do not change the answer
# matches when the text has _MIN_LETTERS letters, reading no further than the last of them
_ENOUGH_LETTERS = re.compile(rf"(?:[\W\d_]*[^\W\d_]){{{_MIN_LETTERS}}}", re.UNICODE)
# longest n-gram (in bytes) of py3langid's model: the depth of its automaton, checked by
# tests/unit/test_clean_language.py
_NGRAM_MAX_BYTES = 6


def ngram_counts(moves: np.ndarray, bases: np.ndarray, outputs: np.ndarray, data: bytes, depth: int) -> dict[int, int]:
    """{feature: count} of the automaton (``moves[bases[state] + byte]`` is the next state,
    ``outputs[state]`` the feature found there or -1) over ``data``, in order of first
    occurrence, as a walk from state 0 gives them; ``depth`` bounds the automaton's depth."""
    text = np.frombuffer(data, dtype=np.uint8).astype(np.int64)
    size = len(text)
    states = np.zeros(size, dtype=np.int64)
    # the state at position i: the walk from state 0 over bytes i-depth+1 .. i (fewer at the start)
    for step in range(depth):
        lag = depth - 1 - step
        if lag >= size:
            continue
        states[lag:] = moves[bases[states[lag:]] + text[: size - lag]]
    found = outputs[states]
    found = found[found >= 0]
    if not len(found):
        return {}
    features, first, counts = np.unique(found, return_index=True, return_counts=True)
    order = np.argsort(first, kind="stable")
    return dict(zip(features[order].tolist(), counts[order].tolist()))


@lru_cache(maxsize=1)
def _identifier():
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier  # noqa: PLC0415
    except ImportError:  # pragma: no cover - depends on the environment
        logger.warning("py3langid is not installed: language identification is off (pip install py3langid)")
        return None

    class _Identifier(LanguageIdentifier):
        """py3langid's identifier with the n-gram counting done by ``ngram_counts``."""

        __slots__ = ("_moves", "_bases", "_outputs")

        def _raw_score(self, text):
            if not hasattr(self, "_moves"):
                self._moves = np.frombuffer(self.tk_nextmove, dtype=np.dtype(self.tk_nextmove.typecode))
                self._bases = np.asarray(self._rowbase, dtype=np.int64)
                self._outputs = np.asarray(self.tk_output, dtype=np.int64)
            visits = ngram_counts(self._moves, self._bases, self._outputs, text, _NGRAM_MAX_BYTES)
            if visits:
                return self._sparse_score(visits, self.nb_ptc)
            return super()._raw_score(text)  # no feature: py3langid's own fill

    return _Identifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str | None, *, min_confidence: float = 0.5) -> str | None:
    """ISO 639-1 code of the text's language, or None if too short or too uncertain."""
    if not text:
        return None
    sample = text[:_SAMPLE_CHARS]
    if not _ENOUGH_LETTERS.match(sample):
        return None
    identifier = _identifier()
    if identifier is None:
        return None
    lang, prob = identifier.classify(sample)
    if prob < min_confidence:
        return None
    return str(lang)

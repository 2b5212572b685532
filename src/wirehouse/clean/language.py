"""Language identification (ISO 639-1) with py3langid, its model shipped in the package."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

logger = logging.getLogger(__name__)

_MIN_LETTERS = 20  # below this, any guess is noise
_SAMPLE_CHARS = 1500  # the cost is linear in the sample; longer samples do not change the answer
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


@lru_cache(maxsize=1)
def _identifier():
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier  # noqa: PLC0415
    except ImportError:  # pragma: no cover - depends on the environment
        logger.warning("py3langid is not installed: language identification is off (pip install py3langid)")
        return None
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str | None, *, min_confidence: float = 0.5) -> str | None:
    """ISO 639-1 code of the text's language, or None if too short or too uncertain."""
    if not text:
        return None
    sample = text[:_SAMPLE_CHARS]
    if len(_LETTERS.findall(sample)) < _MIN_LETTERS:
        return None
    identifier = _identifier()
    if identifier is None:
        return None
    lang, prob = identifier.classify(sample)
    if prob < min_confidence:
        return None
    return str(lang)

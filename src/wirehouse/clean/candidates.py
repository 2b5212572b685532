"""Main-text candidates of one page and the choice between them.

trafilatura runs a cascade: its own main extractor, then, whenever it is unsure, generic
algorithms (readability, jusText) and a whole-page baseline that may replace the main
extraction. On news pages that replacement often swaps a correct story for a larger block with
reprint notices, link lists or a second article in it; on other pages it rescues a story the
main extractor missed. Which one happened can be told by asking a second, independent
algorithm, so the choice here is made by agreement, lazily:

1. ``main``: trafilatura's main extractor alone (``fast=True``: no fallbacks), and
   ``readability``: the readability algorithm (the copy that ships with trafilatura) on the
   same page. Both together cost less than trafilatura's full cascade.
2. If they agree (``agreement`` >= ``AGREEMENT``: at least half of their word 4-grams are
   shared, Dice coefficient on the sets), two different algorithms found the same block: the
   main extractor's text is taken (it keeps headings, lists and paragraph breaks).
3. Otherwise (or when readability finds nothing to compare with) the page is one where a
   rescue may be needed, and only then trafilatura's full cascade runs (``cascade``) and its
   text is taken, as plain trafilatura would.

Measured on the two dev sets (bench/RESULTS.md, "Main text: candidates and choice"): the
scoring of other candidates (trafilatura's precision and recall modes, jusText, the JSON-LD
``articleBody``, a choice by the medoid of all candidates) was tried and did not pay for its
cost; see the results for the figures.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from copy import deepcopy
from dataclasses import dataclass

from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.external import try_readability

logger = logging.getLogger(__name__)

AGREEMENT = 0.5  # Dice coefficient of the two candidates' sets of word 4-grams
SHINGLE = 4
_WORD = re.compile(r"\w+")

MAIN, CASCADE = "main", "cascade"


@dataclass(frozen=True, slots=True)
class Choice:
    """The main text chosen for a page, and why."""

    text: str | None  # one paragraph a line, as trafilatura gives it; None when nothing
    chosen: str  # MAIN or CASCADE
    agreement: float  # between the main extractor and readability (0 when one is empty)
    candidates: dict[str, str | None]  # every candidate computed for this page, by name


def shingles(text: str | None) -> set[tuple[str, ...]]:
    """The set of the text's word 4-grams (a shorter text is one shingle)."""
    words = _WORD.findall(text or "")
    if len(words) < SHINGLE:
        return {tuple(words)} if words else set()
    return set(zip(*(words[i:] for i in range(SHINGLE))))


def agreement(a: str | None, b: str | None) -> float:
    """Dice coefficient of the two texts' shingle sets: 1 same text, 0 nothing shared."""
    sa, sb = shingles(a), shingles(b)
    if not sa or not sb:
        return 0.0
    return 2 * len(sa & sb) / (len(sa) + len(sb))


def trafilatura_text(tree: HtmlElement, url: str | None, *, fast: bool) -> str | None:
    """trafilatura's text of the page (it works on its own copy of the tree): its main
    extractor alone with ``fast``, else its whole cascade."""
    try:
        doc = bare_extraction(tree, url=url, include_comments=False, fast=fast)
    except (ValueError, TypeError, AttributeError, IndexError) as exc:  # trafilatura on odd trees
        logger.debug("trafilatura failed on %s: %s", url, exc)
        return None
    if doc is None or not doc.text:
        return None
    return unicodedata.normalize("NFC", doc.text)


def readability_text(tree: HtmlElement) -> str | None:
    """The readability algorithm's main block of the page, as text (for comparison only)."""
    try:
        body = try_readability(deepcopy(tree))
    except Exception as exc:  # noqa: BLE001 (a generic algorithm on hostile markup)
        logger.debug("readability failed: %s", exc)
        return None
    text = " ".join(t for t in body.itertext() if t.strip()) if body is not None else ""
    return unicodedata.normalize("NFC", text) if text.strip() else None


def choose_main_text(tree: HtmlElement, url: str | None = None) -> Choice:
    """The page's main text: the main extractor's when readability agrees with it, else
    trafilatura's whole cascade (see the module doc)."""
    main = trafilatura_text(tree, url, fast=True)
    readable = readability_text(tree)
    score = agreement(main, readable)
    if main and score >= AGREEMENT:
        return Choice(main, MAIN, score, {MAIN: main, "readability": readable})
    cascade = trafilatura_text(tree, url, fast=False)
    return Choice(cascade, CASCADE, score, {MAIN: main, "readability": readable, CASCADE: cascade})

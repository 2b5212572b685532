"""Main-text candidates of one page and the choice between them.

trafilatura runs a cascade: its own main extractor, then, whenever it is unsure, generic
algorithms (readability, jusText) and a whole-page baseline that may replace the main
extraction. On news pages that replacement often swaps a correct story for a larger block with
reprint notices, link lists or a second article in it; on other pages it rescues a story the
main extractor missed. Which one happened can be told by asking an independent algorithm
whether it finds the same block, so the choice here is made by agreement, lazily, cheapest
witness first:

1. ``main``: trafilatura's main extractor alone (``fast=True``: no fallbacks).
2. ``density``: the largest coherent text block by our own density score (``density_text``,
   well under a millisecond). If it agrees with ``main`` (``agreement`` >= ``AGREE_DENSITY``:
   Dice coefficient of their sets of word 4-grams), ``main`` is taken.
3. Otherwise ``readability`` (the copy of the readability algorithm that ships with
   trafilatura, a few milliseconds): if it agrees with ``main`` (>= ``AGREE_READABILITY``),
   ``main`` is taken.
4. Otherwise the page is one where a rescue may be needed, and only then trafilatura's full
   cascade runs (``cascade``); its text is taken, as plain trafilatura would.

``main`` keeps headings, lists and paragraph breaks; the witnesses only vote. Measured on the
two dev sets (bench/RESULTS.md, "Main text: candidates and choice"), where trafilatura's
precision and recall modes, jusText, the JSON-LD ``articleBody`` and a choice by the medoid of
all candidates were tried too and did not pay for their cost.
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

AGREE_DENSITY = 0.6  # Dice coefficient of the sets of word 4-grams of main and the density block
AGREE_READABILITY = 0.5  # the same, of main and readability's block
SHINGLE = 4
_WORD = re.compile(r"\w+")

MAIN, CASCADE, DENSITY, READABILITY = "main", "cascade", "density", "readability"
_DENSITY_MIN_CHARS = 25  # shorter paragraphs do not count
_COMMA_BONUS = 0.05  # a paragraph scores 5 % more per comma (prose, not labels)


@dataclass(frozen=True, slots=True)
class Choice:
    """The main text chosen for a page, and why."""

    text: str | None  # one paragraph a line, as trafilatura gives it; None when nothing
    chosen: str  # MAIN or CASCADE
    agreement: float  # between the main extractor and the last witness asked (0 when one is empty)
    candidates: dict[str, str | None]  # every candidate computed for this page, by name


def shingles(text: str | None) -> set[tuple[str, ...]]:
    """The set of the text's word 4-grams (a shorter text is one shingle)."""
    words = _WORD.findall(text or "")
    if len(words) < SHINGLE:
        return {tuple(words)} if words else set()
    return set(zip(*(words[i:] for i in range(SHINGLE))))


def agreement(a: str | set[tuple[str, ...]] | None, b: str | None) -> float:
    """Dice coefficient of the two texts' shingle sets: 1 same text, 0 nothing shared. ``a``
    may be given as its shingle set already (``shingles(a)``), when it is compared several times."""
    sa = a if isinstance(a, set) else shingles(a)
    sb = shingles(b)
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


def density_text(tree: HtmlElement) -> str | None:
    """The largest coherent text block of the page: every paragraph (``<p>``, ``<pre>``,
    ``<blockquote>``) of 25 characters or more scores its length less its link text, a little
    more per comma; the score goes to its parent, half of it to the grandparent; the text of
    the best-scoring element (for comparison only; the tree is not changed)."""
    scores: dict[HtmlElement, float] = {}
    for p in tree.iter("p", "pre", "blockquote"):
        text = p.text_content()
        n = len(text.strip())
        parent = p.getparent()
        if n < _DENSITY_MIN_CHARS or parent is None:
            continue
        links = sum(len(a.text_content()) for a in p.iter("a"))
        score = n * (1 - links / n) * (1 + text.count(",") * _COMMA_BONUS)
        scores[parent] = scores.get(parent, 0.0) + score
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] = scores.get(grandparent, 0.0) + score / 2
    if not scores:
        return None
    best = max(scores, key=scores.__getitem__)
    text = " ".join(best.text_content().split())
    return unicodedata.normalize("NFC", text) if text else None


def choose_main_text(tree: HtmlElement, url: str | None = None) -> Choice:
    """The page's main text: the main extractor's when the density block or, failing that,
    readability agrees with it, else trafilatura's whole cascade (see the module doc)."""
    main = trafilatura_text(tree, url, fast=True)
    computed: dict[str, str | None] = {MAIN: main}
    score = 0.0
    if main:
        main_shingles = shingles(main)  # once for both witnesses
        for name, witness, threshold in ((DENSITY, density_text, AGREE_DENSITY),
                                         (READABILITY, readability_text, AGREE_READABILITY)):
            computed[name] = witness(tree)
            score = agreement(main_shingles, computed[name])
            if score >= threshold:
                return Choice(main, MAIN, score, computed)
    computed[CASCADE] = trafilatura_text(tree, url, fast=False)
    return Choice(computed[CASCADE], CASCADE, score, computed)

"""Site templates learned over a crawl: text blocks that repeat across pages of one site.

A crawl brings many pages of one outlet. A *block* is an element that holds a paragraph of
text of 400 characters or fewer (``<p>``, ``<li>``, a heading, a table cell, a caption, or a
``<div>``/``<span>`` with text of its own), identified by its DOM path (each ancestor's tag
with its id and classes; positions, and names with a digit, left out) and its normalised text
(NFC, case-folded, whitespace collapsed). The same block on many pages of one domain is the site's
template (a newsletter prompt, a standards notice, a teaser heading), not the story.

- ``page_blocks`` lists a page's blocks as ``(block key, text key)`` pairs of 63-bit hashes.
- ``TemplateStore`` counts, per domain, on how many pages each block key was seen; a block seen
  on ``MIN_PAGES`` pages or more is template. A paragraph is never dropped on one page's
  evidence: the block must have been seen on at least ``MIN_PAGES`` pages.
- ``strip_template`` drops the paragraphs of an extracted text whose normalised text is that of
  a template block found on the same page. Article text that happens to equal a template
  block elsewhere is safe: the block must be on this page, at a template path.

The store lives in the warehouse (table ``template_block``, ``wirehouse.warehouse.templates``),
so later runs use what earlier ones learned.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import chain

from lxml.html import HtmlElement

from wirehouse.clean.dedup import fingerprints
from wirehouse.records import Article

Reader = Callable[[set[tuple[str, int]]], dict[str, Counter]]

MIN_PAGES = 3  # pages of one domain a block must be seen on to count as template
_BLOCK_TAGS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dd", "dt", "blockquote",
                         "figcaption", "caption", "pre", "address", "summary", "label"})
# elements that hold a block when they have text of their own (links and emphasis sit inside
# one of these or a block element, whose text includes theirs)
_TEXT_HOLDERS = frozenset({"div", "span", "section", "aside", "footer", "header"})
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "form", "select"})
_MAX_ELEMENTS = 5000  # blocks read per page at most
# longer blocks are story paragraphs (each on one page only), not template: not counted
_MAX_BLOCK_CHARS = 400


def normalise(text: str) -> str:
    """NFC, whitespace runs as one space, no outer space, case-folded."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.split()).casefold()


def _hash(value: str) -> int:
    """A 63-bit hash (fits a signed BIGINT)."""
    return int.from_bytes(hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big") >> 1


def text_key(text: str) -> int:
    """Key of a paragraph or block text (after ``normalise``)."""
    return _hash(normalise(text))


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=4096)
def _label(tag: str, ident: str | None, classes: str | None) -> str:
    """An element's tag, id and classes; an id or class with a digit in it is left out (such
    names are per page: ``post-1234``, ``postid-1234``)."""
    label = tag
    ident = (ident or "").strip()
    if ident and not _DIGIT.search(ident):
        label += "#" + ident
    kept = sorted(c for c in (classes or "").split() if not _DIGIT.search(c))
    if kept:
        label += "." + ".".join(kept)
    return label


@lru_cache(maxsize=8192)
def _path_key(path: str) -> int:
    return _hash(path)


def page_blocks(tree: HtmlElement) -> tuple[tuple[int, int], ...]:
    """(block key, text key) of every text block of the page, each once.
    The block key combines the hashes of the DOM path and of the normalised text."""
    paths: dict = {}  # element -> its path, None inside a skipped element

    def path_of(el) -> str | None:
        chain_up = []  # the element and its ancestors whose path is not known yet
        while el is not None and el not in paths:
            chain_up.append(el)
            el = el.getparent()
        path = paths[el] if el is not None else ""
        for node in reversed(chain_up):
            tag = node.tag
            if path is None or not isinstance(tag, str) or tag in _SKIP:
                path = None
            elif tag in ("html", "body"):
                path = tag
            else:
                path = path + "/" + _label(tag, node.get("id"), node.get("class"))
            paths[node] = path
        return path

    out: dict[int, int] = {}
    blocks = tree.iter(*_BLOCK_TAGS)
    holders = (el for el in tree.iter(*_TEXT_HOLDERS) if el.text and not el.text.isspace())
    for n, el in enumerate(chain(blocks, holders)):
        if n >= _MAX_ELEMENTS:
            break
        text = el.text_content()
        if len(text) > _MAX_BLOCK_CHARS * 2:
            continue
        text = normalise(text)
        if not text or len(text) > _MAX_BLOCK_CHARS:
            continue
        path = path_of(el)
        if path is not None:
            key = _hash(text)
            out.setdefault(_path_key(path) ^ key, key)
    return tuple(out.items())


class TemplateStore:
    """Per domain: on how many pages each block key was seen (``counts``), and what this run
    added (``added``, to be written back to the warehouse)."""

    def __init__(self, counts: dict[str, Counter] | None = None, reader: Reader | None = None) -> None:
        self.counts: dict[str, Counter] = defaultdict(Counter, counts or {})
        self.added: dict[str, Counter] = defaultdict(Counter)
        self.reader = reader  # reads stored counts of (domain, block key) pairs, e.g. from the warehouse

    def read(self, pairs: set[tuple[str, int]]) -> None:
        """Add the stored counts of these (domain, block key) pairs (once per batch, before
        observing it)."""
        if self.reader is None or not pairs:
            return
        for domain, stored in self.reader(pairs).items():
            self.counts[domain].update(stored)

    def observe(self, domain: str, blocks: Iterable[tuple[int, int]]) -> None:
        """One page of ``domain`` with these blocks (call once per page)."""
        keys = {block for block, _ in blocks}
        self.counts[domain].update(keys)
        self.added[domain].update(keys)

    def template_texts(self, domain: str, blocks: Iterable[tuple[int, int]]) -> set[int]:
        """Text keys of the page's blocks that are template on ``domain``."""
        counts = self.counts.get(domain)
        if not counts:
            return set()
        return {text for block, text in blocks if counts.get(block, 0) >= MIN_PAGES}


def strip_template(text: str, template_texts: set[int]) -> str:
    """``text`` (blank-line separated paragraphs) without the paragraphs whose normalised text is
    one of ``template_texts``. The text is returned whole when they would make up half of it or
    more: a template never is most of a story page, so such a page is a copy of pages already
    seen (the same story under other URLs), not evidence."""
    if not template_texts:
        return text
    paragraphs = text.split("\n\n")
    kept = [p for p in paragraphs if text_key(p) not in template_texts]
    if len(kept) == len(paragraphs) or sum(map(len, kept)) * 2 <= len(text):
        return text
    return "\n\n".join(kept)


def learn_and_strip(outputs: list, store: TemplateStore) -> list:
    """Observe a batch's article pages in ``store`` (each distinct text once: copies of one
    story are one page of evidence), then drop the template paragraphs from each article.
    ``outputs`` are the clean stage's ``Article`` and ``Rejected`` records, in order; changed
    articles get their text and fingerprints renewed, every article leaves without its blocks,
    the rest pass as they are. An article of no known site (a saved page that names no URL of its
    own: ``domain`` empty) is neither observed nor stripped: pages of unrelated outlets would
    otherwise count as one site, and copies of one wire story would make its paragraphs template."""
    articles = [a for a in outputs if isinstance(a, Article) and a.domain]
    store.read({(a.domain, block) for a in articles for block, _ in a.blocks})
    seen_texts: set[str] = set()
    for article in articles:
        if article.blocks and article.text_hash not in seen_texts:
            seen_texts.add(article.text_hash)
            store.observe(article.domain, article.blocks)
    out = []
    for article in outputs:
        if not isinstance(article, Article):
            out.append(article)
            continue
        if not article.domain:
            out.append(dataclasses.replace(article, blocks=()) if article.blocks else article)
            continue
        text = strip_template(article.text, store.template_texts(article.domain, article.blocks))
        if text != article.text:
            text_hash, simhash = fingerprints(text)
            article = dataclasses.replace(article, text=text, text_hash=text_hash, simhash=simhash)
        out.append(dataclasses.replace(article, blocks=()) if article.blocks else article)
    return out

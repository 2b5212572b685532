"""One article per canonical URL.

Pages name their canonical URL (``<link rel=canonical>``, ``og:url``) and the article id is a hash
of it, so several pages can claim one article: AMP, print and syndicated copies, URL variants,
and pages whose canonical link points at a section or home page. ``resolve_canonical`` decides,
per canonical URL:

- a page with the same text (exactly, or within the near-duplicate distance) as the article
  already chosen or stored becomes an ``Alias`` of it: its URL stays findable, its text is not
  stored twice;
- a page with other text does not belong to that canonical URL (the claim is wrong, as for a
  canonical link to a section page): it is keyed on its own URL instead and loaded as an article
  of its own. When none of the pages is at that URL, none keeps it: a canonical URL claimed by
  different texts is the canonical URL of none of them;
- the same URL twice with different text in one batch keeps the newest copy; the other is
  rejected with the reason ``superseded``.

Nothing is dropped without a record: every page ends as an article, an alias or a rejection.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import NamedTuple

from wirehouse.clean.dedup import DEFAULT_MAX_DISTANCE, fingerprints, hamming
from wirehouse.crawl.urls import article_id, canonical_url, domain_of
from wirehouse.records import Alias, Article, Rejected

log = logging.getLogger(__name__)

SAME_CANONICAL = "same_canonical_url"
_OLDEST = datetime.min.replace(tzinfo=timezone.utc)


class StoredArticle(NamedTuple):
    """What the warehouse holds under an article id: the URL it was loaded from and its text's
    fingerprints."""

    url: str
    text_hash: str
    simhash: int


@dataclass
class Resolved:
    articles: list[Article] = field(default_factory=list)  # one per article id, in page order
    aliases: list[Alias] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    rekeyed: dict[str, str] = field(default_factory=dict)  # new article id -> the id the page claimed


def _with_fingerprints(article: Article) -> Article:
    if article.text_hash and article.simhash:
        return article
    text_hash, simhash = fingerprints(article.text)
    return dataclasses.replace(article, text_hash=article.text_hash or text_hash, simhash=article.simhash or simhash)


def same_text(a: Article | StoredArticle, b: Article | StoredArticle, max_distance: int) -> bool:
    return a.text_hash == b.text_hash or (
        bool(a.simhash) and bool(b.simhash) and hamming(a.simhash, b.simhash) <= max_distance
    )


def _own_canonical(article: Article) -> str | None:
    """The canonical form of the page's own URL; None when that is no URL (a page can name a good
    canonical URL from an odd archive record)."""
    try:
        canon = canonical_url(article.url)
    except ValueError:
        return None
    return canon


def _at_canonical(article: Article) -> bool:
    return _own_canonical(article) == article.canonical_url


def _rank(article: Article) -> tuple:
    """Which page of one canonical URL represents it: the page at that very URL, then the newest."""
    fetched = article.fetched_at or _OLDEST
    if fetched.tzinfo is None:
        fetched = fetched.replace(tzinfo=timezone.utc)
    return (_at_canonical(article), fetched)


def own_url(article: Article) -> Article:
    """The article keyed on the URL of its own page instead of the canonical URL it named (the
    article as it is when its own URL is no URL)."""
    canon = _own_canonical(article)
    if canon is None:
        return article
    return dataclasses.replace(article, canonical_url=canon, article_id=article_id(canon), domain=domain_of(canon))


def lookup_ids(articles: Iterable[Article]) -> list[str]:
    """The article ids ``resolve_canonical`` needs to know stored: the claimed and the own-URL one."""
    ids = {}
    for article in articles:
        ids[article.article_id] = None
        ids[own_url(article).article_id] = None
    return list(ids)


def resolve_canonical(
    articles: Iterable[Article],
    stored: Mapping[str, StoredArticle] | None = None,
    *,
    max_distance: int = DEFAULT_MAX_DISTANCE,
) -> Resolved:
    """One article per article id among ``articles`` and against ``stored`` (the warehouse's
    articles under ``lookup_ids(articles)``; a stored article re-read from its own URL is updated
    in place, a page once stored under its own URL stays there)."""
    stored = stored or {}
    out = Resolved()
    kept: dict[str, Article] = {}
    contested: set[str] = set()  # canonical URLs claimed by different texts, none of them at that URL

    def alias(page: Article, target: str) -> None:
        out.aliases.append(Alias(page.url, target, SAME_CANONICAL))

    def rekey(page: Article, claimed: str) -> None:
        moved = own_url(page)
        log.info("page %s names canonical URL %s, which holds other text; loaded under its own URL",
                 page.url, page.canonical_url)
        out.rekeyed[moved.article_id] = out.rekeyed.get(claimed, claimed)
        place(moved, may_rekey=False)

    def place(page: Article, may_rekey: bool = True) -> None:
        key = page.article_id
        if may_rekey and not _at_canonical(page):
            mine = stored.get(own_url(page).article_id)
            if key in contested or (mine is not None and mine.url == page.url):
                rekey(page, key)  # (a page stored under its own URL before stays there)
                return
        known = stored.get(key)
        if known is not None and known.url != page.url:
            if same_text(page, known, max_distance):
                alias(page, key)
                return
            if may_rekey and own_url(page).article_id != key:
                rekey(page, key)
                return
        held = kept.get(key)
        if held is None:
            kept[key] = page
            return
        head, other = (page, held) if _rank(page) > _rank(held) else (held, page)
        kept[key] = head
        if same_text(head, other, max_distance):
            if head.url != other.url:  # (the same page read twice is that article already)
                alias(other, key)
        elif not _at_canonical(head):
            contested.add(key)
            del kept[key]
            rekey(held, key)
            rekey(page, key)
        elif may_rekey and own_url(other).article_id != key:
            rekey(other, key)
        else:
            out.rejected.append(Rejected(
                "clean", other.url, "superseded",
                f"{other.url} appears twice in this batch with different text; the copy fetched at "
                f"{head.fetched_at} was loaded and this one set aside",
            ))

    for article in articles:
        place(_with_fingerprints(article))
    out.articles = list(kept.values())
    return out

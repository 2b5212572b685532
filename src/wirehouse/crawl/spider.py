"""A same-site link spider: from a start page (a home or section page), follow links level by level
and keep the URLs of article pages, telling them from section, tag, author and other listings.

A URL that looks like an article (a date in the path, or a long hyphenated slug) is kept without
being fetched here (the crawl fetches it once, later). Other URLs are fetched: their links are
followed while the depth allows, and the page itself is kept when its markup says it is an
article (``og:type=article``, a schema.org ``NewsArticle``, ``article:published_time``, or a
long run of paragraph text). robots.txt and the politeness settings apply to every fetch.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from wirehouse.crawl.fetch import Fetcher, Target
from wirehouse.crawl.urls import canonical_url, domain_of
from wirehouse.errors import ConfigError
from wirehouse.records import Page
from wirehouse.redact import redact_url

log = logging.getLogger(__name__)

LISTING_SEGMENTS = {
    "tag", "tags", "topic", "topics", "category", "categories", "section", "sections", "author", "authors",
    "page", "archive", "archives", "search", "feed", "feeds", "rss", "about", "contact", "login", "subscribe",
    "newsletter", "newsletters", "static", "assets", "video", "videos", "gallery", "galleries", "people",
}
SKIPPED_SUFFIXES = (
    ".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", ".ico", ".css", ".js", ".pdf", ".zip", ".gz", ".mp3",
    ".mp4", ".xml", ".json", ".rss", ".atom", ".txt", ".woff", ".woff2",
)
_DATE = re.compile(r"/(19|20)\d{2}/(0?[1-9]|1[0-2])(/|$)|/(19|20)\d{2}-\d{2}-\d{2}")
_ARTICLE_TYPES = {"article", "newsarticle", "reportagenews", "analysisnewsarticle", "blogposting", "opinionnewsarticle"}
MIN_ARTICLE_TEXT = 800  # characters of paragraph text that make an unmarked page an article
MAX_ARTICLE_LINKS = 5  # an unmarked page linking to more article-like URLs than this is a listing


def url_kind(url: str) -> str:
    """``"listing"``, ``"article"`` or ``"unknown"`` from the URL alone."""
    path = urlsplit(url).path.lower()
    segments = [s for s in path.split("/") if s]
    if not segments:
        return "listing"
    stems = [s.rsplit(".", 1)[0] for s in segments]
    if any(s in LISTING_SEGMENTS for s in stems[:-1]) or stems[-1] in LISTING_SEGMENTS or stems[-1] == "index":
        return "listing"
    if stems[-1].isdigit() and len(segments) >= 2 and stems[-2] == "page":
        return "listing"
    if _DATE.search(path) and stems[-1].count("-") >= 2:
        return "article"
    if stems[-1].count("-") >= 3 and len(stems[-1]) >= 20:
        return "article"
    return "unknown"


def _ld_types(doc) -> set[str]:
    types: set[str] = set()
    for script in doc.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                kind = item.get("@type")
                for k in kind if isinstance(kind, list) else [kind]:
                    if isinstance(k, str):
                        types.add(k.lower())
                stack.extend(v for key, v in item.items() if key == "@graph")
    return types


def page_is_article(doc, base: str = "http://localhost/") -> bool:
    """Whether a parsed page presents itself as one article (not a listing of several)."""
    og = doc.xpath('string(//meta[@property="og:type"]/@content)').strip().lower()
    if og:
        return og == "article"
    if _ld_types(doc) & _ARTICLE_TYPES:
        return True
    if doc.xpath('//meta[@property="article:published_time"]'):
        return True
    if len(doc.xpath("//article")) > 1:  # a list of teasers
        return False
    if len({u for u in links(doc, base) if url_kind(u) == "article"}) > MAX_ARTICLE_LINKS:
        return False
    if len(doc.xpath("//*[self::h2 or self::h3][.//a[@href]]")) >= 3:  # teaser headlines
        return False
    text = sum(len((p.text_content() or "").strip()) for p in doc.xpath("//p[not(ancestor::a)]"))
    return text >= MIN_ARTICLE_TEXT


def links(doc, base: str) -> list[str]:
    out = []
    for href in doc.xpath("//a/@href"):
        href = href.strip()
        if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
            continue
        url = urljoin(base, href)
        if urlsplit(url).scheme in ("http", "https"):
            out.append(url)
    return out


@dataclass(frozen=True)
class SpiderOptions:
    depth: int = 2  # link levels followed from a start page
    max_pages: int = 200  # pages the spider fetches per start page
    include: tuple[str, ...] = ()  # an article URL must match one of these (regex), if any is given
    exclude: tuple[str, ...] = ()  # URLs matching any of these are neither fetched nor kept

    def compiled(self) -> tuple[list[re.Pattern], list[re.Pattern]]:
        try:
            return [re.compile(p) for p in self.include], [re.compile(p) for p in self.exclude]
        except re.error as exc:
            raise ConfigError(f"spider pattern {exc.pattern!r} is not a valid regular expression: {exc}") from exc


@dataclass
class SpiderResult:
    articles: list[str] = field(default_factory=list)
    listings: list[str] = field(default_factory=list)  # pages fetched for their links
    fetched: int = 0


async def spider(fetcher: Fetcher, start: str, options: SpiderOptions) -> SpiderResult:
    """Article URLs (canonical) reachable from ``start`` on the same site, in discovery order."""
    include, exclude = options.compiled()
    site = domain_of(start)
    result = SpiderResult()
    seen: set[str] = set()
    kept: set[str] = set()

    def keep(url: str) -> None:
        if url not in kept and (not include or any(p.search(url) for p in include)):
            kept.add(url)
            result.articles.append(url)

    level = [canonical_url(start)]
    seen.update(level)
    for depth in range(options.depth + 1):
        to_fetch = []
        for url in level:
            if depth > 0 and url_kind(url) == "article":
                keep(url)
            elif result.fetched + len(to_fetch) < options.max_pages:
                to_fetch.append(url)
        if not to_fetch:
            break
        result.fetched += len(to_fetch)
        pages = await asyncio.gather(*(fetcher.fetch(Target(u, site)) for u in to_fetch))
        following = []
        for url, page in zip(to_fetch, pages):
            if not isinstance(page, Page) or not page.body:
                log.info("spider: %s not used (%s)", redact_url(url), getattr(page, "reason", "empty"))
                continue
            try:
                doc = lxml.html.fromstring(page.body)
            except (etree.ParserError, ValueError):
                continue
            if url_kind(url) != "listing" and page_is_article(doc, page.final_url):
                keep(url)  # its links are still followed: an unmarked page may be misread
            else:
                result.listings.append(url)
            if depth == options.depth:
                continue
            for link in links(doc, page.final_url):
                link = canonical_url(link)
                if link in seen or domain_of(link) != site or urlsplit(link).path.lower().endswith(SKIPPED_SUFFIXES):
                    continue
                seen.add(link)
                if not any(p.search(link) for p in exclude):
                    following.append(link)
        level = following
    if result.fetched >= options.max_pages:
        log.warning("spider stopped at %s after %d pages (WIREHOUSE_SPIDER_MAX_PAGES)", redact_url(start), options.max_pages)
    return result

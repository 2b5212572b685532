"""What to crawl: feeds, sitemaps, URL lists or a local folder of HTML files."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from wirehouse.crawl.feeds import FeedError, parse_feed
from wirehouse.crawl.fetch import Fetcher, Target
from wirehouse.crawl.sitemaps import SitemapError, parse_sitemap
from wirehouse.crawl.urls import canonical_url, domain_of
from wirehouse.errors import ConfigError, FetchError
from wirehouse.records import Page, Rejected
from wirehouse.settings import Settings

log = logging.getLogger(__name__)

MAX_SITEMAPS = 200  # per crawl, over all indexes


def _lines(path: Path) -> tuple[str, ...]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@dataclass(frozen=True)
class SourceSpec:
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    html_dir: Path | None = None

    @classmethod
    def from_options(
        cls,
        feeds_file: Path | None = None,
        sitemap: list[str] | None = None,
        urls_file: Path | None = None,
        html_dir: Path | None = None,
    ) -> "SourceSpec":
        if html_dir is not None and not html_dir.is_dir():
            raise ConfigError(f"--html-dir {html_dir} is not a folder")
        spec = cls(
            feeds=_lines(feeds_file) if feeds_file else (),
            sitemaps=tuple(sitemap or ()),
            urls=_lines(urls_file) if urls_file else (),
            html_dir=html_dir,
        )
        if spec.is_empty():
            raise ConfigError("nothing to crawl: give --feeds FILE, --sitemap URL, --urls FILE or --html-dir DIR")
        return spec

    def is_empty(self) -> bool:
        return not (self.feeds or self.sitemaps or self.urls or self.html_dir)

    def describe(self) -> str:
        parts = []
        if self.feeds:
            parts.append(f"{len(self.feeds)} feeds")
        if self.sitemaps:
            parts.append(f"{len(self.sitemaps)} sitemaps")
        if self.urls:
            parts.append(f"{len(self.urls)} URLs")
        if self.html_dir:
            parts.append(f"HTML files in {self.html_dir}")
        return ", ".join(parts)


@dataclass
class Discovery:
    targets: list[Target] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)


async def _discover(spec: SourceSpec, settings: Settings) -> Discovery:
    found = Discovery()
    seen: set[str] = set()

    def add(url: str, source: str) -> None:
        canon = canonical_url(url)
        if canon not in seen:
            seen.add(canon)
            found.targets.append(Target(canon, source))

    async with Fetcher(settings) as fetcher:
        for feed in spec.feeds:
            try:
                entries = parse_feed(await fetcher.get_bytes(feed), feed)
            except (FetchError, FeedError) as exc:
                found.rejected.append(Rejected("crawl", feed, "bad_feed", str(exc)))
                continue
            for entry in entries:
                add(entry.url, domain_of(feed))
        queue = list(spec.sitemaps)
        fetched = 0
        while queue and fetched < MAX_SITEMAPS:
            sitemap = queue.pop(0)
            fetched += 1
            try:
                entries = parse_sitemap(await fetcher.get_bytes(sitemap), sitemap)
            except (FetchError, SitemapError) as exc:
                found.rejected.append(Rejected("crawl", sitemap, "bad_sitemap", str(exc)))
                continue
            for entry in entries:
                if entry.is_sitemap:
                    queue.append(entry.url)
                else:
                    add(entry.url, domain_of(sitemap))
        if queue:
            log.warning("stopped after %d sitemaps; %d more were not read", MAX_SITEMAPS, len(queue))
    for url in spec.urls:
        add(url, domain_of(url))
    return found


def discover(spec: SourceSpec, settings: Settings) -> Discovery:
    """Article URLs from the spec's feeds, sitemaps and URL lists (canonical, de-duplicated)."""
    return asyncio.run(_discover(spec, settings))


def fetch_pages(targets: list[Target], settings: Settings) -> list[Page | Rejected]:
    async def run() -> list[Page | Rejected]:
        async with Fetcher(settings) as fetcher:
            return await fetcher.fetch_all(targets)

    return asyncio.run(run())


def read_html_dir(folder: Path) -> list[Page]:
    """Local HTML files as pages (file:// URLs), in name order."""
    pages = []
    now = datetime.now(timezone.utc)
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".html", ".htm") and p.is_file()):
        url = path.resolve().as_uri()
        pages.append(Page(url=url, final_url=url, status=200, body=path.read_bytes(), fetched_at=now,
                          content_type="text/html", source=str(folder)))
    return pages

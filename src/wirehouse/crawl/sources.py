"""What to crawl: feeds (or OPML lists of them), sitemaps, URL lists, a local folder of HTML
files or WARC files."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import re
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Sequence
from urllib.parse import urlsplit

from wirehouse.crawl.archive import WarcWriter, warc_files
from wirehouse.crawl.feeds import FeedError, parse_feed
from wirehouse.crawl.fetch import Fetcher, Target
from wirehouse.crawl.opml import read_opml
from wirehouse.crawl.sitemaps import SitemapError, parse_sitemap
from wirehouse.crawl.spider import SpiderOptions, spider
from wirehouse.crawl.urls import canonical_url, domain_of
from wirehouse.errors import ConfigError, FetchError
from wirehouse.records import Page, Rejected
from wirehouse.settings import Settings

log = logging.getLogger(__name__)

MAX_SITEMAPS = 200  # per crawl, over all indexes


def _lines(path: Path) -> list[tuple[int, str]]:
    """(line number, text) of the lines of a list file that are neither blank nor comments."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path} is not UTF-8 text ({exc}); save it as UTF-8") from exc
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1)
            if line.strip() and not line.strip().startswith("#")]


def url_problem(value: str) -> str | None:
    """Why ``value`` cannot be crawled as a web address, or None when it is an http(s) URL."""
    if any(c.isspace() or ord(c) < 32 for c in value):
        return "contains spaces or control characters"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises on a port that is not a number in range)
    except ValueError as exc:
        return f"is not a valid URL ({exc})"
    if parts.scheme.lower() not in ("http", "https"):
        return "is not an http(s) URL" + (f" (scheme {parts.scheme}:)" if parts.scheme else " (no scheme: add https://)")
    if not parts.hostname:
        return "has no host name"
    return None


def checked_urls(values: Sequence[tuple[str, str]]) -> tuple[tuple[str, ...], tuple[Rejected, ...]]:
    """The usable URLs among ``(where, value)`` pairs (``where`` names the file and line, or the
    option); each unusable one is logged in one line and returned as a rejection, for the
    quarantine. The run goes on with the others."""
    urls, problems = [], []
    for where, value in values:
        problem = url_problem(value)
        if problem is None:
            urls.append(value)
            continue
        message = f"{where}: {value[:200]!r} {problem}; skipped, the other sources are crawled"
        log.warning("%s", message)
        problems.append(Rejected("crawl", where, "bad_source", message))
    return tuple(urls), tuple(problems)


def with_opml_feeds(feeds: tuple[str, ...], paths: Sequence[Path]) -> tuple[tuple[str, ...], tuple[Rejected, ...]]:
    """``feeds`` and the usable feed URLs of the OPML files (each once), and the unusable ones."""
    problems: tuple[Rejected, ...] = ()
    for path in paths:
        found, bad = checked_urls([(f"{path} outline", f) for f in read_opml(path)])
        feeds += tuple(f for f in found if f not in feeds)
        problems += bad
    return feeds, problems


def _url_file(path: Path) -> tuple[tuple[str, ...], tuple[Rejected, ...]]:
    return checked_urls([(f"{path} line {n}", line) for n, line in _lines(path)])


def _option(name: str, values: Sequence[str] | None) -> list[tuple[str, str]]:
    return [(name, v) for v in values or ()]


@dataclass(frozen=True)
class SourceSpec:
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    html_dir: Path | None = None
    warc: tuple[Path, ...] = ()  # WARC files or folders of them, read without any network
    spider: tuple[str, ...] = ()  # start pages of the same-site link spider
    problems: tuple[Rejected, ...] = ()  # source lines that are not usable URLs (skipped, quarantined)

    @classmethod
    def from_options(
        cls,
        feeds_file: Path | None = None,
        sitemap: list[str] | None = None,
        urls_file: Path | None = None,
        html_dir: Path | None = None,
        opml: list[Path] | None = None,
        warc: list[Path] | None = None,
        spider: list[str] | None = None,
    ) -> "SourceSpec":
        if html_dir is not None and not html_dir.is_dir():
            raise ConfigError(f"--html-dir {html_dir} is not a folder")
        feeds, feed_problems = _url_file(feeds_file) if feeds_file else ((), ())
        feeds, bad = with_opml_feeds(feeds, opml or ())
        feed_problems += bad
        urls, url_problems = _url_file(urls_file) if urls_file else ((), ())
        sitemaps, sitemap_problems = checked_urls(_option("--sitemap", sitemap))
        starts, spider_problems = checked_urls(_option("--spider", spider))
        warc_inputs = tuple(Path(w) for w in warc or ())
        if warc_inputs and not warc_files(warc_inputs):
            raise ConfigError(f"no .warc or .warc.gz file in {', '.join(map(str, warc_inputs))}")
        spec = cls(
            feeds=feeds,
            sitemaps=sitemaps,
            urls=urls,
            html_dir=html_dir,
            warc=warc_inputs,
            spider=starts,
            problems=feed_problems + url_problems + sitemap_problems + spider_problems,
        )
        if spec.is_empty():
            if spec.problems:
                raise ConfigError(f"nothing to crawl: no source is usable; {spec.problems[0].message}"
                                  + (f" (and {len(spec.problems) - 1} more)" if len(spec.problems) > 1 else ""))
            raise ConfigError(
                "nothing to crawl: give --feeds FILE, --opml FILE, --sitemap URL, --urls FILE, --spider URL, "
                "--html-dir DIR or --warc FILE"
            )
        return spec

    def source_count(self) -> int:
        """Feeds, sitemaps and spider start pages: the sources discovery fetches."""
        return len(self.feeds) + len(self.sitemaps) + len(self.spider)

    def is_empty(self) -> bool:
        return not (self.feeds or self.sitemaps or self.urls or self.html_dir or self.warc or self.spider)

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
        if self.warc:
            parts.append(f"WARC {', '.join(map(str, self.warc))}")
        if self.spider:
            parts.append(f"spider from {len(self.spider)} pages")
        return ", ".join(parts)


@dataclass
class Discovery:
    targets: list[Target] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def in_window(published: datetime | None, settings: Settings) -> bool:
    """Whether an entry's date falls in ``settings.since``..``settings.until``; undated entries
    are kept (a sitemap without dates says nothing about age)."""
    if published is None:
        return True
    published = _utc(published)
    if settings.since is not None and published < _utc(settings.since):
        return False
    if settings.until is not None and published > _utc(settings.until):
        return False
    return True


def _archive(settings: Settings, name: str | None, suffix: str = "") -> WarcWriter | None:
    """The WARC file for one batch (or one discovery), or ``None`` when archiving is off."""
    if not settings.archive:
        return None
    name = name or datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ") + suffix
    return WarcWriter(settings.warc_dir / f"{name}.warc.gz")


async def _discover(spec: SourceSpec, settings: Settings, archive: WarcWriter | None = None) -> Discovery:
    found = Discovery()
    seen: set[str] = set()
    outside = 0

    def add(url: str, source: str, published: datetime | None = None) -> None:
        nonlocal outside
        if not in_window(published, settings):
            outside += 1
            return
        canon = canonical_url(url)
        if canon not in seen:
            seen.add(canon)
            found.targets.append(Target(canon, source))

    async with Fetcher(settings, archive=archive, page_kind="spider") as fetcher:
        for feed in spec.feeds:
            try:
                entries = parse_feed(await fetcher.get_bytes(feed, "feed", domain_of(feed)), feed)
            except (FetchError, FeedError) as exc:
                found.rejected.append(Rejected("crawl", feed, "bad_feed", str(exc)))
                continue
            for entry in entries:
                add(entry.url, domain_of(feed), entry.published_at)
        queue = list(spec.sitemaps)
        fetched = 0
        while queue and fetched < MAX_SITEMAPS:
            sitemap = queue.pop(0)
            fetched += 1
            try:
                entries = parse_sitemap(await fetcher.get_bytes(sitemap, "sitemap", domain_of(sitemap)), sitemap)
            except (FetchError, SitemapError) as exc:
                found.rejected.append(Rejected("crawl", sitemap, "bad_sitemap", str(exc)))
                continue
            for entry in entries:
                if entry.is_sitemap:
                    # a child sitemap last changed before the window holds nothing newer
                    older = entry.published_at is not None and settings.since is not None \
                        and _utc(entry.published_at) < _utc(settings.since)
                    if not older:
                        queue.append(entry.url)
                else:
                    add(entry.url, domain_of(sitemap), entry.published_at)
        if queue:
            log.warning("stopped after %d sitemaps; %d more were not read", MAX_SITEMAPS, len(queue))
        options = SpiderOptions(settings.spider_depth, settings.spider_max_pages,
                                tuple(settings.spider_include), tuple(settings.spider_exclude))
        for start in spec.spider:
            crawled = await spider(fetcher, start, options)
            if not crawled.fetched or (not crawled.listings and not crawled.articles):
                found.rejected.append(Rejected("crawl", start, "bad_spider_start",
                                               f"the spider found no page to read at {start}; check the URL"))
            for url in crawled.articles:
                add(url, domain_of(start))
    if outside:
        log.info("%d feed/sitemap entries dated outside %s..%s were skipped", outside, settings.since, settings.until)
    for url in spec.urls:
        add(url, domain_of(url))
    return found


def run_async(main):
    """``asyncio.run(main)``. A signal's exception (Ctrl-C's KeyboardInterrupt, or the one an
    orchestrator's SIGTERM handler raises to cancel a run) that arrives while a task group runs
    (httpx connects through one) comes out wrapped in an exception group, which its handler does
    not recognise: it is raised as it is instead."""
    try:
        return asyncio.run(main)
    except BaseExceptionGroup as group:
        interrupt = _interrupt(group)
        if interrupt is None:
            raise
        raise interrupt


def _interrupt(group: BaseExceptionGroup) -> BaseException | None:
    """The first exception of the group (or its subgroups) that is no error: a signal's."""
    for exc in group.exceptions:
        found = _interrupt(exc) if isinstance(exc, BaseExceptionGroup) else exc
        if found is not None and not isinstance(found, (Exception, asyncio.CancelledError)):
            return found
    return None


def discover(spec: SourceSpec, settings: Settings, archive_name: str | None = None) -> Discovery:
    """Article URLs from the spec's feeds, sitemaps and URL lists (canonical, de-duplicated).
    With ``settings.archive`` every robots.txt, feed, sitemap and spider page fetched is written
    to ``<archive dir>/<archive_name>.warc.gz`` (default: a time stamp + ``-discovery``)."""
    archive = _archive(settings, archive_name, "-discovery")  # no file is made when nothing is fetched
    try:
        return run_async(_discover(spec, settings, archive))
    finally:
        if archive is not None:
            archive.close()


def fetch_pages(targets: list[Target], settings: Settings, batch_id: str | None = None) -> list[Page | Rejected]:
    """Fetch the targets; with ``settings.archive`` every answer (and each robots.txt read) is also
    written to ``<archive dir>/<batch id>.warc.gz`` (closed before this returns, so before the
    batch loads)."""
    archive = _archive(settings, batch_id)

    async def run() -> list[Page | Rejected]:
        async with Fetcher(settings, archive=archive) as fetcher:
            return await fetcher.fetch_all(targets)

    try:
        return run_async(run())
    finally:
        if archive is not None:
            archive.close()


@dataclass(frozen=True, slots=True)
class LocalFile:
    """A saved HTML file to read: what a run plans with instead of the file's bytes."""

    path: str  # absolute
    size: int  # bytes, when planned
    digest: str | None  # sha1 of the content when planned; None when it could not be read then
    source: str  # the folder given
    mtime_ns: int | None = None  # modification time when planned (with ``size``: the file is unchanged)

    @property
    def url(self) -> str:
        return Path(self.path).as_uri()


def _planned(path: Path, folder: Path) -> LocalFile:
    """The file's reference: its size, modification time and the sha1 of its content, read in
    chunks (the content is not kept; the digest is None when it cannot be read: reading it for the
    batch then says why)."""
    try:
        with open(path, "rb") as fh:
            stat = os.fstat(fh.fileno())
            return LocalFile(str(path), stat.st_size, hashlib.file_digest(fh, "sha1").hexdigest(), str(folder),
                             stat.st_mtime_ns)
    except OSError:
        return LocalFile(str(path), 0, None, str(folder))


_SAVED_PAGE = re.compile(r"\.html?(\.gz)?$", re.IGNORECASE)


def _file_paths(folder: Path) -> Iterator[Path]:
    """The files under ``folder`` in name order (the order of ``sorted`` over ``folder.rglob("*")``:
    a folder's entries by name, each subfolder's files where its name falls), one folder's entry
    names held at a time. Links to folders are not followed, as ``rglob``."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        try:
            is_folder = entry.is_dir(follow_symlinks=False)
            is_file = not is_folder and entry.is_file()
        except OSError:
            continue
        if is_folder:
            yield from _file_paths(Path(entry.path))
        elif is_file:
            yield Path(entry.path)


def iter_html_dir(folder: Path) -> Iterator[LocalFile]:
    """The saved pages under ``folder`` (``.html``, ``.htm``, either gzipped as ``.gz``) in name
    order, each with its size and the digest of its bytes as stored, as a stream (each file is read
    once, in chunks, when its reference is taken; no content is kept). A folder with files but no
    page among them is logged, naming what it holds."""
    pages = others = 0
    for path in _file_paths(folder):
        if not _SAVED_PAGE.search(path.name):
            others += 1
            continue
        pages += 1
        yield _planned(path.resolve(), folder)
    if others and not pages:
        log.warning("no saved pages in %s: %d files, none named .html, .htm, .html.gz or .htm.gz",
                    folder, others)


def _read_capped(path: str, max_bytes: int) -> tuple[bytes, bytes, os.stat_result]:
    """(the file's bytes as stored, the page's bytes, the file's stat when read): a ``.gz`` file is
    gunzipped. Neither is read or inflated past ``max_bytes`` + 1, so a too-large page (or a gzip
    bomb) shows as longer than the limit without being held whole. Raises OSError, zlib.error."""
    with open(path, "rb") as handle:
        stat = os.fstat(handle.fileno())
        stored = handle.read(max_bytes + 1)
    if len(stored) > max_bytes or not path.lower().endswith(".gz"):
        return stored, stored, stat
    body, rest = b"", stored
    while rest and len(body) <= max_bytes:  # each gzip member in turn (a file may hold several)
        inflate = zlib.decompressobj(wbits=31)
        body += inflate.decompress(rest, max_bytes + 1 - len(body))
        if not inflate.eof and len(body) <= max_bytes and not inflate.unconsumed_tail:
            raise zlib.error("the gzip data ends early")
        rest = inflate.unused_data
    return stored, body, stat


def _digest(file: LocalFile, stored: bytes, stat: os.stat_result) -> str:
    """The sha1 of the bytes read: the one planned when the file has the size and modification time
    it had then (it was hashed once, at planning), else computed now."""
    if file.digest is not None and file.mtime_ns is not None and (stat.st_size, stat.st_mtime_ns) == (
            file.size, file.mtime_ns) and len(stored) == file.size:
        return file.digest
    return hashlib.sha1(stored).hexdigest()


def read_html_files(files: Sequence[LocalFile], max_bytes: int = 5_000_000) -> list[Page | Rejected]:
    """The files' pages (file:// URLs; ``.gz`` files gunzipped; the digest is that of the bytes
    stored, taken from the plan when the file is unchanged since). A file that vanished or cannot be read or gunzipped since it was planned
    is a crawl rejection naming the file and the error, one over ``max_bytes`` (gunzipped) a
    ``too_large`` rejection (as a page fetched over the network); the others are read."""
    results: list[Page | Rejected] = []
    now = datetime.now(timezone.utc)
    for file in files:
        url = file.url
        try:
            stored, body, stat = _read_capped(file.path, max_bytes)
        except (OSError, zlib.error) as exc:
            error = getattr(exc, "strerror", None) or exc
            results.append(Rejected("crawl", url, "unreadable_file",
                                    f"cannot read the saved file {file.path}: {error}"
                                    f" ({type(exc).__name__}); the other files were read"))
            continue
        if len(body) > max_bytes:
            size = f"{max(file.size, len(body)):,} bytes" if body is stored else "more when gunzipped"
            results.append(Rejected("crawl", url, "too_large",
                                    f"the saved file {file.path} is larger than the {max_bytes:,} byte limit "
                                    f"({size}); raise WIREHOUSE_MAX_PAGE_BYTES to accept it"))
            continue
        results.append(Page(url=url, final_url=url, status=200, body=body, fetched_at=now,
                            content_type="text/html", source=file.source, digest=_digest(file, stored, stat)))
    return results

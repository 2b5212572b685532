"""XML sitemaps (plain, index, gzip, Google News) -> article links, parsed without trusting the XML."""

from __future__ import annotations

import gzip
import io
import logging
import zlib
from dataclasses import dataclass
from datetime import datetime

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from wirehouse.errors import WirehouseError

log = logging.getLogger(__name__)

MAX_SITEMAP_BYTES = 50_000_000  # the sitemaps.org limit for one uncompressed file


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    published_at: datetime | None = None
    is_sitemap: bool = False  # a child sitemap of an index


class SitemapError(WirehouseError, ValueError):
    pass


def _ungzip(data: bytes, url: str) -> bytes:
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(MAX_SITEMAP_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:  # cut short, bad checksum, junk after the data
        raise SitemapError(f"{url} is not a readable gzip file ({exc}); fetch it again or check the sitemap's "
                           "address") from exc
    if len(out) > MAX_SITEMAP_BYTES:
        raise SitemapError(f"{url} expands to more than {MAX_SITEMAP_BYTES:,} bytes; refusing it (gzip bomb?)")
    return out


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse_sitemap(data: bytes, url: str) -> list[SitemapEntry]:
    """Entries of a sitemap or sitemap index; hostile XML (entities, bombs) raises SitemapError."""
    data = _ungzip(data, url)
    try:
        root = ElementTree.fromstring(data, forbid_dtd=True)
    except (ElementTree.ParseError, DefusedXmlException, LookupError) as exc:  # LookupError: unknown encoding
        raise SitemapError(f"{url} is not a usable XML sitemap: {exc}") from exc
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise SitemapError(f"{url} is XML but not a sitemap (root element <{kind}>)")
    entries = []
    for node in root:
        loc = lastmod = news_date = None
        for child in node.iter():
            name = _local(child.tag)
            if name == "loc" and loc is None:
                loc = (child.text or "").strip()
            elif name == "lastmod":
                lastmod = child.text
            elif name == "publication_date":
                news_date = child.text
        if loc:
            entries.append(SitemapEntry(loc, _date(news_date or lastmod), is_sitemap=kind == "sitemapindex"))
    return entries

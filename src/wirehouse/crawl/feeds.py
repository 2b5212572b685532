"""RSS and Atom feeds -> article links."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone

import feedparser

from wirehouse.errors import WirehouseError
from wirehouse.redact import redact_url

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str | None
    published_at: datetime | None


class FeedError(WirehouseError, ValueError):
    pass


def _stamp(parsed) -> datetime | None:
    """feedparser's time tuple as a UTC datetime; None for none, or for a year datetime cannot hold
    (feedparser reads "0000-00-00" as year -1)."""
    if not parsed:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=timezone.utc)
    except (ValueError, OverflowError):
        return None


def parse_feed(data: bytes, feed_url: str) -> list[FeedEntry]:
    """Links of a feed's entries. A feed that is not well formed but still yields entries is
    used (with a warning); one that yields nothing raises ``FeedError``, and so does a document
    that is no feed at all (a web page answering at a feed's old URL). A real feed that lists no
    entry yet gives an empty list."""
    try:
        parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    except UnicodeDecodeError as exc:  # feedparser reads the XML declaration's encoding name as UTF-8
        raise FeedError(f"{feed_url} is not a readable RSS or Atom feed: its XML declaration names an encoding "
                        f"in bytes that are not text ({exc})") from exc
    if parsed.bozo and not parsed.entries:
        raise FeedError(f"{feed_url} is not a readable RSS or Atom feed: {parsed.get('bozo_exception')}")
    if not parsed.get("version") and not parsed.entries:  # an empty document has no version at all
        raise FeedError(f"{feed_url} is not an RSS or Atom feed (an HTML page?); check the feed's address")
    if parsed.bozo:
        log.warning("feed %s is malformed (%s); using the %d entries that could be read",
                    redact_url(feed_url), parsed.get("bozo_exception"), len(parsed.entries))
    entries = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        if not link:  # none, or only white space
            continue
        published = _stamp(entry.get("published_parsed") or entry.get("updated_parsed"))
        entries.append(FeedEntry(url=link, title=entry.get("title"), published_at=published))
    return entries

"""Publication date of a page: structured metadata first, htmldate as the fallback.

The order is what a careful reader would trust: an explicit publication timestamp in the
page's metadata (Open Graph / article meta, JSON-LD ``datePublished``, microdata,
``<time pubdate>``), then htmldate's *original* date over the markup (with the time of day of a ``<time datetime>``
element on that day, when the story has one), and only then an
extensive htmldate search over the text with figure captions removed (a caption often dates the
photo, not the article). The crawl date is never used.
"""

from __future__ import annotations

import json
import logging
import re
from copy import deepcopy
from datetime import date, datetime, timezone

from lxml.etree import XPath
from lxml.html import HtmlElement

from wirehouse.clean.scan import PageNodes, has_itemprop, page_nodes

logger = logging.getLogger(__name__)

# meta names/properties that hold the publication time, in order of trust
_META_KEYS = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "date",
)
_MIN_YEAR = 1995
_JSONLD_TYPES = re.compile(r"(News|Blog|Report|Scholarly|Tech)?Article|BlogPosting|WebPage|LiveBlogPosting", re.I)
_ISO_LIKE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_timestamp(value: str | None) -> date | datetime | None:
    """An ISO-8601-ish string as a UTC ``datetime`` (time known) or a ``date``; None if unusable.

    A timestamp without an offset is taken as UTC.
    """
    if not value:
        return None
    value = value.strip()
    m = _ISO_LIKE.search(value)
    if not m:
        return None
    candidate = value[m.start():]
    candidate = candidate.replace("Z", "+00:00").replace("z", "+00:00")
    # "+0100" -> "+01:00" (fromisoformat in 3.11 accepts both, but be explicit for odd inputs)
    candidate = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", candidate)
    candidate = candidate.split()[0] if " " in candidate and "T" in candidate else candidate
    for text in (candidate, candidate[:25], candidate[:19], candidate[:10]):
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            continue
        if parsed.year < _MIN_YEAR:
            return None
        if len(text) <= 10:
            return parsed.date()
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=timezone.utc)
        return parsed.astimezone(timezone.utc)
    return None


_ITEMPROP_PUBLISHED = XPath("//*[@itemprop='datePublished']")


def _jsonld_dates(scripts):
    for script in scripts:
        raw = script.text or ""
        if "datePublished" not in raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            m = re.search(r'"datePublished"\s*:\s*"([^"]+)"', raw)
            if m:
                yield m.group(1)
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                value = item.get("datePublished")
                kind = item.get("@type")
                kinds = kind if isinstance(kind, list) else [kind]
                if isinstance(value, str) and any(isinstance(k, str) and _JSONLD_TYPES.fullmatch(k) for k in kinds):
                    yield value
                graph = item.get("@graph")
                if graph is not None:
                    stack.append(graph)


def structured_date(tree: HtmlElement, *, nodes: PageNodes | None = None, source: bytes | None = None
                    ) -> date | datetime | None:
    """The publication timestamp stated in the page's metadata, if any.

    ``nodes``: ``page_nodes(tree)`` if already collected; ``source``: the page's
    ``scan.ascii_source``, if known (skips the search for ``itemprop="datePublished"`` on pages
    that do not have one)."""
    if nodes is None:
        nodes = page_nodes(tree)
    metas: dict[str, str] = {}
    for meta in nodes.metas:
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = meta.get("content")
        if key and content and key not in metas:
            metas[key] = content
    found: list[date | datetime] = []
    for key in _META_KEYS[:3]:
        parsed = parse_timestamp(metas.get(key))
        if parsed:
            found.append(parsed)
            break
    for value in _jsonld_dates(nodes.ld_json):
        parsed = parse_timestamp(value)
        if parsed:
            found.append(parsed)
            break
    itemprops = _ITEMPROP_PUBLISHED(tree) if source is None or has_itemprop(source, b"datePublished") else ()
    for el in itemprops:
        parsed = parse_timestamp(el.get("datetime") or el.get("content") or el.text_content())
        if parsed:
            found.append(parsed)
            break
    for key in _META_KEYS[3:]:
        parsed = parse_timestamp(metas.get(key))
        if parsed:
            found.append(parsed)
            break
    for el in nodes.times:
        if el.get("pubdate") is None:
            continue
        parsed = parse_timestamp(el.get("datetime"))
        if parsed:
            found.append(parsed)
            break
    if not found:
        return None
    # prefer the first value that carries a time; the first date otherwise
    for value in found:
        if isinstance(value, datetime):
            return value
    return found[0]


_NOT_PUBLICATION = re.compile(r"comment|related|sidebar|footer|teaser|caption|reaction", re.I)


def time_on_day(tree: HtmlElement, day: date) -> datetime | None:
    """The first ``<time datetime>`` of the page with a time of day on ``day`` (local date as
    written), outside figures, comments, related lists and footers; None if there is none."""
    wanted = day.isoformat()
    for el in tree.iterfind(".//time[@datetime]"):
        raw = (el.get("datetime") or "").strip()
        if not raw.startswith(wanted) or len(raw) <= 10:
            continue
        if any(a.tag in ("figure", "figcaption", "footer", "aside")
               or _NOT_PUBLICATION.search(f"{a.get('class') or ''} {a.get('id') or ''}") for a in el.iterancestors()):
            continue
        parsed = parse_timestamp(raw)
        if isinstance(parsed, datetime):
            return parsed
    return None


def publication_date(
    tree: HtmlElement, markup_date: str | None = None, *, extensive: bool = False, url: str | None = None,
    nodes: PageNodes | None = None, source: bytes | None = None,
) -> date | datetime | None:
    """Publication date of a parsed page.

    ``markup_date`` is a date already found by other means; without one htmldate looks over the
    markup and the URL (``original_date``, no text search). With ``extensive`` htmldate then also
    searches the text, figure captions removed (slow: dateparser). ``nodes`` and ``source`` as
    for ``structured_date``.
    """
    found = structured_date(tree, nodes=nodes, source=source)
    if found is not None:
        return found
    parsed = parse_timestamp(markup_date)
    if parsed is not None:
        return parsed
    try:
        from htmldate import find_date  # noqa: PLC0415 (heavy, only needed here)

        value = find_date(tree, url=url, original_date=True, extensive_search=False)
        if value is None and extensive:
            pruned = deepcopy(tree)
            for el in pruned.xpath(
                './/figure|.//figcaption|.//*[contains(@class,"caption")]|.//*[contains(@class,"wp-caption")]'
            ):
                parent = el.getparent()
                if parent is not None:
                    parent.remove(el)
            value = find_date(pruned, url=url, original_date=True, extensive_search=True)
    except (ValueError, TypeError) as exc:  # htmldate raises these on odd trees
        logger.debug("htmldate failed: %s", exc)
        return None
    found = parse_timestamp(value)
    if isinstance(found, date) and not isinstance(found, datetime):
        # htmldate gives the day; a <time datetime> on that day in the story adds the time
        return time_on_day(tree, found) or found
    return found

"""Pages that are not one article: live blogs, galleries, video pages, paywalled teasers.

Each is recognised from what the page says about itself (schema.org JSON-LD types and
properties, Open Graph type) and from its URL, then judged on the extracted text:

- ``live_blog``: JSON-LD ``LiveBlogPosting``, or a ``/live/`` or ``live-updates`` URL. Always
  rejected: a stream of timestamped updates on many events, not one story with one date.
- ``gallery``: JSON-LD ``ImageGallery``/``MediaGallery``, og:type ``gallery``, or a ``/gallery/``,
  ``/photos/``, ``/in-pictures/``, ``/slideshow/`` URL. Rejected unless the text holds an
  article's worth of prose.
- ``video``: og:type ``video.*``, JSON-LD ``VideoObject`` as the page's own type, or a ``/video/``
  URL. Rejected unless the text holds an article's worth of prose (a transcript, a story beside
  the player).
- ``paywalled``: JSON-LD ``"isAccessibleForFree": false``. Rejected when the text is
  teaser-sized (the rest is behind the paywall).

Listing pages (section fronts, tag pages) are recognised in ``extract.py`` (a listing type and a
text of short lines). Prose is counted as in ``extract._has_prose``: paragraphs of 100
characters or more with a sentence end.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from lxml.html import HtmlElement

LIVE_BLOG, GALLERY, VIDEO, PAYWALLED = "live_blog", "gallery", "video", "paywalled"

ARTICLE_PROSE_CHARS = 800  # prose a gallery or video page needs to be kept as an article
TEASER_CHARS = 1500  # a paywalled page's text up to this size is the teaser only

_TYPE = re.compile(r'"@type"\s*:\s*(\[[^\]]*\]|"[^"]*")')
_FREE_FALSE = re.compile(r'"isAccessibleForFree"\s*:\s*(?:false|"false"|"False")', re.I)
_LIVE_URL = re.compile(r"/live(?:/|-updates?\b|-blog\b|blog/)|[/-]live-(?:updates?|coverage|news)\b", re.I)
_GALLERY_URL = re.compile(
    r"/(?:galler(?:y|ies)|photos?|pictures|in-pictures|slideshows?|photo-?essays?)(?:/|$|-)", re.I
)
_VIDEO_URL = re.compile(r"/(?:videos?|watch|clips?)(?:/|$)", re.I)
_SENTENCE_END = re.compile(r"[.!?\u3002](?:\s|$|[\"'\u201d\u2019)])")


def _jsonld_types(scripts: Iterable[HtmlElement]) -> list[str]:
    types = []
    for script in scripts:
        for m in _TYPE.finditer(script.text or ""):
            types.extend(t.strip().strip('"').lower() for t in m.group(1).strip("[]").split(","))
    return types


def page_kind(ld_json: Iterable[HtmlElement], og_type: str | None, url: str | None) -> str | None:
    """LIVE_BLOG, GALLERY, VIDEO, PAYWALLED or None (an ordinary page) from the page's
    JSON-LD scripts, its og:type and its URL."""
    scripts = list(ld_json)
    types = _jsonld_types(scripts)
    try:
        path = urlsplit(url).path if url else ""
    except ValueError:  # not a URL at all ("http://[::1/x"): no path to read a page type from
        path = ""
    og = (og_type or "").lower()
    if "liveblogposting" in types or _LIVE_URL.search(path):
        return LIVE_BLOG
    if any(t in ("imagegallery", "mediagallery") for t in types) or og == "gallery" or _GALLERY_URL.search(path):
        return GALLERY
    article_types = [t for t in types if t.endswith("article") or t in ("blogposting", "reportage")]
    if og.startswith("video") or (types and types[0] == "videoobject" and not article_types) or _VIDEO_URL.search(path):
        return VIDEO
    if any(_FREE_FALSE.search(s.text or "") for s in scripts):
        return PAYWALLED
    return None


def prose_chars(text: str) -> int:
    """Characters in prose paragraphs (100 characters or more, with a sentence end)."""
    return sum(len(p) for p in text.split("\n\n") if len(p) >= 100 and _SENTENCE_END.search(p))


def rejection(kind: str | None, text: str) -> tuple[str, str] | None:
    """(reason, what it means) when a page of this kind with this text is not an article."""
    if kind == LIVE_BLOG:
        return LIVE_BLOG, ("a live blog (timestamped updates on several events, not one story with one date); "
                           "take its linked articles instead")
    if kind in (GALLERY, VIDEO) and prose_chars(text) < ARTICLE_PROSE_CHARS:
        what = "photo gallery" if kind == GALLERY else "video page"
        return kind, (f"a {what} with {prose_chars(text)} characters of prose around the media, fewer than "
                      f"{ARTICLE_PROSE_CHARS}: captions and a blurb, not an article")
    if kind == PAYWALLED and len(text) <= TEASER_CHARS:
        return PAYWALLED, (f"a paywalled article (isAccessibleForFree: false) of which only a {len(text)}-character "
                           "teaser is served: the story itself is not in the page")
    return None

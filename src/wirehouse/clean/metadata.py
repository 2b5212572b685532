"""Title, author(s) and site name of a parsed page.

Structured metadata first (``<meta>``, Open Graph, JSON-LD, via trafilatura's readers), then
the page itself: the byline element (trafilatura's three tiers of author XPaths, decided in
Python over the elements that carry the attributes they test, instead of regular-expression
XPaths over a copy of the whole tree, which cost about 17 ms a page), then a short "By A and B" line. Several authors are joined
with "; " (``"Jane Doe; John Smith"``). The site name falls back on the part of ``<title>``
that is not the headline ("The Sahel Daily Monitor: Army retakes ...").
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from html import unescape as html_unescape

from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename, extract_title, normalize_authors
from trafilatura.utils import line_processing, trim

from wirehouse.clean.scan import has_text_starting_by

logger = logging.getLogger(__name__)

_AUTHOR_MAX = 120
_SITE_MAX = 80


@dataclass(frozen=True, slots=True)
class Meta:
    title: str | None
    author: str | None
    site_name: str | None


def clean_field(value: str | None, limit: int = 1000) -> str | None:
    """Unescaped, whitespace-normalised, NFC text clipped to ``limit`` characters; None if empty."""
    if not value:
        return None
    value = line_processing(html_unescape(value[:limit]))
    return unicodedata.normalize("NFC", value) if value else None


# --- byline elements ------------------------------------------------------------------------
# The same three tiers as trafilatura's AUTHOR_XPATHS (specific, generic, last resort), decided
# in Python over the few elements that have the attributes at all.
# elements that have any of the attributes the tiers test (attribute-existence XPath is cheap in
# libxml2, contains() is not), then one regular expression over their values as a prefilter
_CANDIDATES = XPath("//*[@class or @id or @rel or @itemprop or @data-component or @data-testid]|//author")
_HINT_ATTRIBUTES = ("class", "id", "itemprop", "rel", "data-component", "data-testid")
_ANY_HINT = re.compile(
    r"uthor|yline|writer|screenname|username|byl|BBL|channel-name|submitted-by|posted-by|journalist-name|"
    r"zuozhe|bianji|xiaobian"
)
_TIER0_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_TIER1_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
_TIER0_CLASS = re.compile(r"author-?name|AuthorName|authorName")
_TIER1_ID = re.compile(r"author|zuozhe|bianji|xiaobian")
_TIER1_CLASS = re.compile(r"author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
_TIER1_EXACT = frozenset({"byline", "username", "byl", "BBL"})
_TIER2_ID = re.compile(r"[Aa]uthor")
_TIER2_CLASS = re.compile(r"[Aa]uthor|screenname|writer|[Bb]yline")
# containers whose names are not bylines (comments, sidebars, quotes, dates ...)
_DISCARD_TAGS = frozenset({"a", "div", "section", "span"})
_DISCARD_ID = re.compile(r"^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile(
    r"^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|article-(?:share|support)|"
    r"print|category|meta-date|meta-reviewer"
)
_SKIP_TAGS = frozenset({"time", "figure", "script", "style", "noscript"})


def _tier(el: HtmlElement) -> int | None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "author":
        return 0
    cls = el.get("class") or ""
    ident = el.get("id") or ""
    itemprop = el.get("itemprop") or ""
    if tag in _TIER0_TAGS and (
        el.get("rel") == "author" or ident == "author" or cls == "author" or itemprop == "author name"
        or el.get("data-testid") in ("AuthorCard", "AuthorURL") or _TIER0_CLASS.search(cls)
    ):
        return 0
    if tag in _TIER1_TAGS and (
        cls in _TIER1_EXACT or "author" in itemprop or _TIER1_ID.search(ident) or _TIER1_CLASS.search(cls)
    ):
        return 1
    if ("Byline" in (el.get("data-component") or "") or "author" in itemprop or _TIER2_ID.search(ident)
            or _TIER2_CLASS.search(cls)):
        return 2
    return None


def _discarded(el: HtmlElement) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIP_TAGS:
        return True
    if "Figure" in (el.get("data-component") or ""):
        return True
    if tag in _DISCARD_TAGS:
        ident, cls = el.get("id") or "", el.get("class") or ""
        if ident == "comments" or cls in ("comments", "title", "date"):
            return True
        if _DISCARD_ID.search(ident) or _DISCARD_CLASS.search(cls):
            return True
    return False


def _text_without(el: HtmlElement) -> str:
    """Text of ``el`` leaving out discarded descendants (their tail text stays)."""
    parts: list[str] = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and not _discarded(child):
            parts.append(_text_without(child))
        parts.append(child.tail or "")
    return " ".join(parts)


def byline_element_author(tree: HtmlElement) -> str | None:
    """Author(s) from an element marked as a byline (class, id, rel, itemprop), or None."""
    tiers: list[list[HtmlElement]] = [[], [], []]
    hint = _ANY_HINT.search
    for el in _CANDIDATES(tree):
        # all attribute values first (one call), then only the six the tiers test
        if el.tag != "author" and not (hint(" ".join(el.values()))
                                       and hint(" ".join(el.get(name, "") for name in _HINT_ATTRIBUTES))):
            continue
        tier = _tier(el)
        if tier is not None:
            tiers[tier].append(el)
    for candidates in tiers:
        for el in candidates:
            if _discarded(el) or any(_discarded(a) for a in el.iterancestors()):
                continue
            content = trim(_text_without(el))
            if content and 2 < len(content) < _AUTHOR_MAX:
                return normalize_authors(None, content) or None
    return None


# --- "By A and B" lines -----------------------------------------------------------------------
_NAME = r"[A-Z\u00C0-\u00DE][\w'\u2019.\-]*(?:\s+(?:(?:de|da|del|van|von|al|el|bin|le|la|du)\s+)?[A-Z\u00C0-\u00DE][\w'\u2019.\-]*){1,4}"
_BYLINE_TEXT = re.compile(
    rf"^\s*(?:By|BY|by)\s+(?P<names>{_NAME}(?:\s*(?:,|;|&|\band\b)\s*{_NAME})*)\s*(?:$|[|,\u2013\u2014\u00b7\-]|\n|"
    r"(?:Published|Updated|Posted)\b)"
)
_BY_ELEMENTS = (
    "//*[self::p or self::div or self::span or self::address or self::li]"
    "[normalize-space(text())='By' or starts-with(normalize-space(text()),'By ') "
    "or normalize-space(text())='BY' or starts-with(normalize-space(text()),'BY ')]"
)
_BY_XPATH = XPath(_BY_ELEMENTS)
_BYLINE_ELEMENT_MAX = 160


def byline_text_author(tree: HtmlElement, source: bytes | None = None) -> str | None:
    """Author(s) from a short "By Name [and Name] | Published ..." element, or None.

    ``source``: the page's ``scan.ascii_source``, if known (skips the search on pages with
    no text starting with "By")."""
    if source is not None and not has_text_starting_by(source):
        return None
    for el in _BY_XPATH(tree):
        if any(_discarded(a) for a in el.iterancestors()):
            continue
        text = " ".join(_text_without(el).split())
        if len(text) > _BYLINE_ELEMENT_MAX:
            continue
        m = _BYLINE_TEXT.match(text)
        if m:
            return normalize_authors(None, m.group("names")) or None
    return None


# --- site name from <title> -----------------------------------------------------------------
_TITLE_SEPARATORS = re.compile(r"\s+[|\u2013\u2014\u00b7\u00bb\-]\s+|:\s+")


def site_from_title(tree: HtmlElement, headline: str | None) -> str | None:
    """The part of ``<title>`` around the headline ("Site: Headline", "Headline | Site")."""
    if not headline:
        return None
    el = tree.find(".//head/title")
    raw = " ".join((el.text_content() if el is not None else "").split())
    head = " ".join(headline.split())
    if not raw or raw == head or head not in raw:
        return None
    rest = raw.replace(head, "\x00", 1)
    for piece in rest.split("\x00"):
        piece = _TITLE_SEPARATORS.sub(" ", f" {piece} ").strip(" :|-\u2013\u2014\u00b7\u00bb")
        if piece and len(piece) <= _SITE_MAX:
            return piece
    return None


def page_metadata(tree: HtmlElement, source: bytes | None = None) -> Meta:
    """Title, author(s) and site name of a page (see the module doc for the order).

    ``source``: the page's ``scan.ascii_source``, if known (faster, same answer)."""
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # a single token is a handle or a site name, not a byline
    try:
        meta = extract_meta_json(tree, meta)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError) as exc:  # odd JSON-LD
        logger.debug("JSON-LD metadata unreadable: %s", exc)
    title = meta.title or extract_title(tree)
    author = meta.author or byline_element_author(tree) or byline_text_author(tree, source)
    site = meta.sitename or extract_sitename(tree) or site_from_title(tree, title)
    if site:
        site = site.lstrip("@")
        if site and "." not in site and not site[0].isupper():
            site = site.title()
    return Meta(clean_field(title), clean_field(author, 200), clean_field(site, 200))

"""HTML page -> main text and metadata (candidates and a choice, then our boilerplate pass).

``extract_html`` works on raw bytes or text and never raises on bad input: it returns an
``ExtractResult`` whose ``text`` is None when nothing could be extracted. ``extract_article``
turns a crawled ``Page`` into an ``Article`` or a ``Rejected`` with a reason a user can act on.
"""

from __future__ import annotations

import codecs
import logging
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache
from urllib.parse import urlsplit

from lxml import etree
from lxml.etree import XPath
from lxml.html import HtmlComment, HtmlElement, HtmlElementClassLookup, HtmlEntity, HtmlProcessingInstruction, fromstring
from trafilatura.utils import repair_faulty_html

from wirehouse.clean.boilerplate import clean_text
from wirehouse.clean.candidates import choose_main_text
from wirehouse.clean.dateline import find_dateline
from wirehouse.clean.dates import parse_timestamp, publication_date
from wirehouse.clean.dedup import fingerprints
from wirehouse.clean.language import detect_language
from wirehouse.clean.metadata import Meta, page_metadata
from wirehouse.clean.pagetype import page_kind, rejection
from wirehouse.clean.scan import NODE_TAGS, PageNodes, ascii_source, page_nodes
from wirehouse.clean.template import page_blocks
from wirehouse.crawl.urls import article_id, canonical_url, domain_of
from wirehouse.records import Article, Page, Rejected
from wirehouse.settings import Settings

logger = logging.getLogger(__name__)

STAGE = "clean"
MAX_HTML_BYTES = 20_000_000  # larger (or larger once gunzipped) inputs are not parsed
_SNIFF_BYTES = 4096


@dataclass(frozen=True, slots=True)
class ExtractResult:
    """What one HTML page gives: main text (None if nothing) and metadata."""

    title: str | None = None
    text: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601: a UTC datetime when a time is known, else a date
    language: str | None = None  # ISO 639-1, from the extracted text
    site_name: str | None = None
    dateline: str | None = None  # e.g. "BEIRUT, LEBANON", kept in the text
    canonical_url: str | None = None  # <link rel=canonical> / og:url, absolute
    encoding: str | None = None  # how the bytes were decoded
    page_type: str | None = None  # og:type / JSON-LD @type when the page says, lower case
    is_html: bool = True  # False when the input does not look like HTML at all
    blocks: tuple[tuple[int, int], ...] = ()  # the page's text blocks (template.page_blocks), when asked
    extractor: str | None = None  # which candidate gave the text (candidates.MAIN or CASCADE)
    page_kind: str | None = None  # live_blog, gallery, video, paywalled (pagetype.page_kind) or None


# ---------------------------------------------------------------------------------------------
# decoding

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.I)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# labels that browsers (WHATWG Encoding) read as windows-1252
_AS_CP1252 = {"latin_1", "iso8859_1", "ascii", "cp1252", "iso8859_15"}
_LATIN_SINGLE_BYTE = _AS_CP1252 | {"cp1250", "iso8859_2", "cp1254", "iso8859_9", "cp1257", "iso8859_13", "mac_roman",
                                   "cp850", "cp437", "iso8859_16", "mac_latin2"}


def _cp1252_fallback(exc: UnicodeDecodeError) -> tuple[str, int]:
    """Decode bytes that are not UTF-8 as windows-1252 (latin-1 for its 5 holes)."""
    chunk = exc.object[exc.start : exc.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in chunk), exc.end


codecs.register_error("wirehouse-cp1252", _cp1252_fallback)


def _codec_name(label: bytes | str | None) -> str | None:
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    try:
        return codecs.lookup(label.strip().strip("\"'")).name.replace("-", "_")
    except (LookupError, ValueError):  # ValueError: a NUL in the label
        return None


def _detect(data: bytes) -> str | None:
    """Best guess of charset_normalizer (on the head and tail of a large page)."""
    try:
        from charset_normalizer import from_bytes  # noqa: PLC0415 (only for undeclared non-UTF-8)
    except ImportError:  # pragma: no cover
        return None
    sample = data if len(data) < 20000 else data[:10000] + data[-10000:]
    best = from_bytes(sample).best()
    return _codec_name(best.encoding) if best is not None else None


# Single-byte Latin code pages a detector may name for Latin-script text. It cannot tell them
# apart on mostly-ASCII pages (it ranks windows-1250 first for French, cp775 for German), so
# between the code pages the web uses for Latin-script text the choice is made on the letters.
_LATIN_GUESSES = _LATIN_SINGLE_BYTE | {"iso8859_3", "iso8859_4", "iso8859_10", "iso8859_14", "cp775", "cp852",
                                       "cp858", "cp1258", "hp_roman8", "mac_iceland", "mac_turkish"}
_WEB_LATIN = ("cp1252", "cp1250", "iso8859_2", "cp1257", "cp1254")  # in order of preference on a tie
# the letters beyond ASCII of languages written in those code pages (lower case)
_ALPHABETS = tuple(frozenset(letters) for letters in (
    "àâæçéèêëîïôœùûüÿ",  # French
    "äöüß",  # German
    "áéíóúñü",  # Spanish
    "áâãàçéêíóôõú",  # Portuguese
    "àèéìíîòóù",  # Italian
    "àçèéíïòóúü",  # Catalan
    "áéíóúàèëïöü",  # Dutch
    "æøåé",  # Danish, Norwegian
    "åäöéšž",  # Swedish, Finnish
    "áðéíóúýþæö",  # Icelandic
    "áčďéěíňóřšťúůýž",  # Czech
    "áäčďéíĺľňóôŕšťúýž",  # Slovak
    "ąćęłńóśźż",  # Polish
    "áéíóöőúüű",  # Hungarian
    "čćđšž",  # Slovene, Croatian, Bosnian
    "ăâîşţșț",  # Romanian
    "çë",  # Albanian
    "ąčęėįšųūž",  # Lithuanian
    "āčēģīķļņšūž",  # Latvian
    "äõöüšž",  # Estonian
    "çğıöşüâîû",  # Turkish
))
# words (runs of ASCII letters and non-ASCII bytes) with a non-ASCII byte, from their start
_HIGH_WORDS = re.compile(rb"(?<![A-Za-z\x80-\xff])[A-Za-z]*[\x80-\xff][A-Za-z\x80-\xff]*")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_MAX_WORDS = 3000
_LATIN_CERTAIN = 0.95  # letter score above which a Latin reading overrules the detector


def _letter_score(text: str, positions: list[int]) -> float:
    """Share of the non-ASCII characters at ``positions`` that are letters of one language
    (the language that fits best)."""
    chars = [text[i].lower() for i in positions]
    return max(sum(c in alphabet for c in chars) for alphabet in _ALPHABETS) / len(chars)


def _latin_code_page(data: bytes) -> str | None:
    """The web Latin code page whose decoding of the words with non-ASCII bytes reads as the
    letters of one language; windows-1252 on a tie (None if no word has a non-ASCII byte)."""
    found = _latin_reading(data)
    return found[0] if found else None


def _latin_reading(data: bytes) -> tuple[str, float] | None:
    """``(code page, letter score)`` of the best web Latin reading of ``data`` (see
    ``_latin_code_page``); the score is the share of its non-ASCII letters that belong to one
    language's alphabet, 1.0 when the words read as that language throughout."""
    words = [m.group() for m in _HIGH_WORDS.finditer(data) if len(m.group()) > 1]
    if not words:
        return None
    sample = b" ".join(words[:_MAX_WORDS])
    decoded = {}
    for name in _WEB_LATIN:
        try:
            decoded[name] = sample.decode(name)
        except UnicodeDecodeError:
            continue
    if not decoded:
        return None
    # the non-ASCII bytes that are a letter in at least one decoding (single-byte code pages:
    # byte i is character i)
    texts = list(decoded.values())
    positions = [m.start() for m in _HIGH_BYTE.finditer(sample) if any(t[m.start()].isalpha() for t in texts)]
    if not positions:
        return next(iter(decoded)), 0.0
    best, best_score = None, -1.0
    for name, text in decoded.items():
        score = _letter_score(text, positions)
        if score > best_score + 1e-9:
            best, best_score = name, score
    return best, best_score


def _mostly_utf8(data: bytes) -> bool:
    """Whether the non-ASCII bytes of a page that is not valid UTF-8 are mostly valid UTF-8
    sequences (a UTF-8 page with some windows-1252 bytes pasted in). Single-byte text forms
    such sequences by chance, above all in upper case (windows-1250 "ÓŁ" is the bytes of "ӣ"),
    but only for a minority of its non-ASCII bytes."""
    in_sequences = sum(len(m) for m in _UTF8_MULTIBYTE.findall(data))
    return in_sequences >= 2 * len(_HIGH_BYTE.findall(data)) / 3


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding used) for HTML bytes; never raises, never returns replacement garbage
    for a page that is really windows-1252 whatever it was served as.

    Order: byte-order mark; strict UTF-8 (a page that decodes as UTF-8 is UTF-8); the declared
    charset (HTTP header, then <meta>/XML declaration) when it is not UTF-8; a UTF-8 page with
    stray windows-1252 bytes is decoded byte-wise; anything else is detected, and when the
    detector names a Latin single-byte code page (or nothing), the one of windows-1252,
    windows-1250, ISO-8859-2, windows-1257 and windows-1254 is used whose letters read as one
    language's (windows-1252 on a tie: "Genève" stays "Genève", "Łódź" stays "Łódź").
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace"), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    head = data[:_SNIFF_BYTES]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    candidates = [_codec_name(declared), _codec_name(m.group(1) if m else None)]
    for name in candidates:
        if not name or name.startswith("utf_"):
            continue
        if name in _AS_CP1252:
            return data.decode("cp1252", errors="wirehouse-cp1252"), "cp1252"
        try:
            return data.decode(name), name
        except (UnicodeDecodeError, LookupError):
            continue
    if _mostly_utf8(data):
        # mostly UTF-8 with some windows-1252 bytes pasted in
        return data.decode("utf-8", errors="wirehouse-cp1252"), "utf-8+cp1252"
    guess = _detect(data)
    if guess is None or guess in _LATIN_GUESSES:
        # Latin-script text in a single-byte code page (often windows-1252 served as UTF-8 or
        # with no charset at all): detectors cannot tell the code pages apart on mostly-ASCII
        # text (and sometimes name nothing), so decide on the letters; windows-1252 when the
        # letters do not tell either
        guess = _latin_code_page(data) or "cp1252"
    else:
        # the detector may name a multi-byte code page for upper-case Latin text; a reading in
        # which every non-ASCII letter is a letter of one language wins over it
        latin = _latin_reading(data)
        if latin is not None and latin[1] >= _LATIN_CERTAIN:
            guess = latin[0]
    if guess and guess not in _AS_CP1252 and not guess.startswith("utf_"):
        try:
            return data.decode(guess), guess
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("cp1252", errors="wirehouse-cp1252"), "cp1252"


def _gunzip(data: bytes) -> bytes:
    """Decompress gzip bytes, capped at MAX_HTML_BYTES; the input itself if it is not gzip."""
    if data[:2] != b"\x1f\x8b":
        return data
    try:
        out = zlib.decompressobj(31).decompress(data, MAX_HTML_BYTES)
    except zlib.error:
        return data
    return out


# ---------------------------------------------------------------------------------------------
# metadata helpers

_JSONLD_TYPE = re.compile(r'"@type"\s*:\s*\[?\s*"([A-Za-z]+)"')
_LOOKS_HTML = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|span|table|a)\b", re.I)


def _first_value(elements, test: str, value: str, attribute: str) -> str | None:
    """The first non-blank ``attribute`` of the elements whose ``test`` attribute is
    ``value`` (as ``//tag[@test="value"]/@attribute`` would list them)."""
    for el in elements:
        if el.get(test) == value:
            found = el.get(attribute)
            if found is not None and found.strip():
                return found.strip()
    return None


def _canonical_url(nodes: PageNodes, url: str | None) -> str | None:
    href = (_first_value(nodes.links, "rel", "canonical", "href")
            or _first_value(nodes.metas, "property", "og:url", "content"))
    if not href:
        return None
    try:
        if url and not urlsplit(href).scheme:
            from urllib.parse import urljoin  # noqa: PLC0415

            href = urljoin(url, href)
        if urlsplit(href).scheme in ("http", "https"):
            return href
    except ValueError:  # not a URL at all ("http://[::1/x": an unclosed IPv6 bracket)
        logger.debug("canonical link %r of %s is no URL", href[:200], url)
    return None


def _page_type(nodes: PageNodes) -> str | None:
    og = _first_value(nodes.metas, "property", "og:type", "content")
    if og:
        return og.lower()
    for script in nodes.ld_json:
        m = _JSONLD_TYPE.search(script.text or "")
        if m:
            return m.group(1).lower()
    return None


# reader-comment containers trafilatura does not always recognise ("Reader reactions (3)")
_COMMENT_SECTION_IDS = frozenset({"comments", "reactions", "disqus_thread", "wpdcom", "respond", "comment-section",
                                  "reader-comments", "user-comments"})
# (asking the page's source first whether such an id is written costs as much as this walk)
_WITH_ID = XPath("//*[@id]")


def _drop_comment_sections(tree: HtmlElement) -> list[HtmlElement]:
    """Remove reader-comment sections in place (their text and their dates); the sections
    removed."""
    removed: list[HtmlElement] = []
    for el in [e for e in _WITH_ID(tree) if e.get("id") in _COMMENT_SECTION_IDS]:
        parent = el.getparent()
        if parent is None or el.tag in ("a", "body", "html"):
            continue
        if el.tail and el.tail.strip():  # keep the text that follows the section
            previous = el.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)
        removed.append(el)
    return removed


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


# ---------------------------------------------------------------------------------------------
# parsing


def _html_parser() -> etree.HTMLParser:
    """libxml2's HTML parser with trafilatura's options, giving the same ``lxml.html`` element
    classes as ``lxml.html.HTMLParser``, but looked up in C: lxml.html looks up the class of
    every element object it creates with a Python method, which costs about a microsecond
    each time, thousands of times a page (in trafilatura's passes over the tree as in ours)."""
    parser = etree.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                              remove_pis=True)
    lookup = etree.ElementNamespaceClassLookup(etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))
    by_tag = lookup.get_namespace(None)
    for tag, cls in HtmlElementClassLookup._default_element_classes.items():  # <form>, <input>, ...
        by_tag[tag] = cls
    parser.set_element_class_lookup(lookup)
    return parser


_PARSER = _html_parser()


def _parse_bytes(text: str) -> HtmlElement | None:
    try:
        return fromstring(text.encode("utf-8", "surrogatepass"), parser=_PARSER)
    except Exception as exc:  # noqa: BLE001 (lxml raises several kinds on broken input)
        logger.debug("cannot parse HTML bytes: %s", exc)
        return None


# Hostile markup only: a start tag longer than MAX_TAG_CHARS (a megabyte class list, 100,000
# attributes) costs libxml2 time quadratic in its attributes, and trafilatura and htmldate
# seconds a pass over its values; such a tag keeps the complete attributes of its first
# MAX_TAG_CHARS characters, at most MAX_ATTRIBUTES of them (attributes only: no text is lost).
MAX_TAG_CHARS = 16_384
MAX_ATTRIBUTES = 256
_LONG_TAG = re.compile(r"<([A-Za-z][^\s<>/]{0,64}+)([^<>]{%d,})" % MAX_TAG_CHARS)
_ATTRIBUTE = re.compile(r"""\s*[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=`]+))?""")


def _short_tag(m: re.Match) -> str:
    rest, pos, kept = m.group(2)[:MAX_TAG_CHARS], 0, []
    while len(kept) < MAX_ATTRIBUTES and (attribute := _ATTRIBUTE.match(rest, pos)):
        kept.append(attribute.group().strip())
        pos = attribute.end()
    return "<" + " ".join([m.group(1), *kept])


def shorten_long_tags(text: str) -> str:
    """The markup with every start tag longer than ``MAX_TAG_CHARS`` cut down (see there)."""
    return _LONG_TAG.sub(_short_tag, text) if len(text) > MAX_TAG_CHARS else text


def load_tree(text: str) -> HtmlElement | None:
    """The tree of an HTML text, as ``trafilatura.utils.load_html`` builds it from a string
    (same repairs, same fallbacks, same tree), with ``_PARSER``; None if it is not HTML."""
    beginning = text[:50].lower()
    text = repair_faulty_html(text, beginning)
    tree, tried_bytes = None, False
    try:
        tree = fromstring(text, parser=_PARSER)
    except ValueError:  # a string with an XML encoding declaration: parse its UTF-8 bytes
        tree, tried_bytes = _parse_bytes(text), True
    except Exception as exc:  # noqa: BLE001
        logger.debug("cannot parse HTML: %s", exc)
    if (tree is None or len(tree) < 1) and not tried_bytes:
        tree = _parse_bytes(text)
    if tree is not None and "html" not in beginning and len(tree) < 2:
        return None  # no <html> near the start and next to nothing parsed: not an HTML page
    return tree


# ---------------------------------------------------------------------------------------------
# extraction

def _parse(html: bytes | str, charset: str | None) -> tuple[HtmlElement | None, str | None, bool, bytes | None]:
    """(tree or None, encoding used, whether the input looks like HTML, the page's
    ``scan.ascii_source`` for the readers' cheap checks)."""
    data = None
    if isinstance(html, str):
        text, encoding = html, "str"
    elif isinstance(html, (bytes, bytearray, memoryview)):
        data = _gunzip(bytes(html))
        if len(data) > MAX_HTML_BYTES:
            logger.warning("page larger than %d bytes, not parsed", MAX_HTML_BYTES)
            return None, None, True, None
        text, encoding = decode_html(data, charset)
    else:
        raise TypeError(f"extract_html takes bytes or str, not {type(html).__name__}")
    text = text.replace("\x00", "")
    if not text.strip():
        return None, encoding, True, None
    if not _LOOKS_HTML.search(text[: _SNIFF_BYTES * 4]):
        return None, encoding, False, None
    tree = load_tree(shorten_long_tags(text))
    if tree is None:
        return None, encoding, True, None
    return tree, encoding, True, ascii_source(text, data, encoding)


def extract_html(
    html: bytes | str, url: str | None = None, *, charset: str | None = None, extensive_dates: bool = False,
    blocks: bool = False,
) -> ExtractResult:
    """Main text and metadata of one HTML page.

    ``charset`` is the one declared by the HTTP response, if any. ``extensive_dates`` lets
    htmldate search the text for a date when the markup has none (slow: dateparser). ``blocks``
    lists the page's text blocks for template learning (``template.page_blocks``). Never
    raises on bad input: a page with nothing to extract gives ``text=None``.
    """
    tree, encoding, is_html, source = _parse(html, charset)
    if tree is None or len(tree) == 0:
        return ExtractResult(encoding=encoding, is_html=is_html)
    nodes = page_nodes(tree)
    canonical = _canonical_url(nodes, url)
    page_type = _page_type(nodes)
    kind = page_kind(nodes.ld_json, _first_value(nodes.metas, "property", "og:type", "content"), canonical or url)
    try:
        meta = page_metadata(tree, source)
    except (ValueError, TypeError, AttributeError, IndexError) as exc:  # trafilatura on odd trees
        logger.debug("metadata extraction failed on %s: %s", url, exc)
        meta = Meta(None, None, None)
    dropped = _drop_comment_sections(tree)
    if any(next(el.iter(*NODE_TAGS), None) is not None for el in dropped):
        nodes = page_nodes(tree)  # without the comments' <time> and <meta> elements
    choice = choose_main_text(tree, url)
    text = clean_text(choice.text, author=meta.author, title=meta.title)
    found_blocks = page_blocks(tree) if blocks and text else ()  # evidence for the site's template
    published = publication_date(tree, None, extensive=extensive_dates and text is not None, url=url,
                                 nodes=nodes, source=source)
    return ExtractResult(
        title=meta.title,
        text=text,
        author=meta.author,
        published=_iso(published),
        language=detect_language(text),
        site_name=meta.site_name,
        dateline=find_dateline(text),
        canonical_url=canonical,
        encoding=encoding,
        page_type=page_type,
        blocks=found_blocks,
        extractor=choice.chosen,
        page_kind=kind,
    )


# ---------------------------------------------------------------------------------------------
# Page -> Article

_LISTING_TYPES = {"website", "collectionpage", "itemlist", "searchresultspage", "profile", "profilepage",
                  "product", "video.other", "webpage", "aboutpage", "contactpage"}


def _looks_like_listing(text: str) -> bool:
    """A text made of short lines (link lists, teasers) rather than prose paragraphs."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    prose = [p for p in paragraphs if len(p.split()) >= 25 and re.search(r"[.!?»\"”']\s*$", p)]
    return len(prose) == 0 and len(paragraphs) >= 5


_PROSE_MIN_CHARS = 100
_SENTENCE_MARK = re.compile(r"[\u3002\uff01\uff1f]|[.!?](?:\s|$|[\"'\u201d\u2019)])")


def _has_prose(text: str) -> bool:
    """Whether any paragraph reads as prose (100 characters or more, with a sentence end in it),
    rather than only navigation labels, headings and form prompts."""
    return any(len(p) >= _PROSE_MIN_CHARS and _SENTENCE_MARK.search(p) for p in text.split("\n\n"))


def _absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "file" or (parts.scheme in ("http", "https") and bool(parts.netloc))


def _reject(page: Page, reason: str, message: str, **payload) -> Rejected:
    return Rejected(stage=STAGE, ref=page.final_url or page.url, reason=reason, message=message, payload=payload)


def extract_article(page: Page, settings: Settings, *, blocks: bool | None = None) -> Article | Rejected:
    """A crawled page as a cleaned ``Article``, or ``Rejected`` with the reason. ``blocks``: list
    the page's text blocks on the article, for template learning (default:
    ``settings.learn_templates``)."""
    ref = page.final_url or page.url
    ctype = (page.content_type or "").split(";")[0].strip().lower()
    if page.status != 200:
        return _reject(page, f"http_{page.status}", f"HTTP status {page.status} for {ref}: only 200 pages are extracted; "
                       "re-crawl it or drop it from the sources")
    if not page.body:
        return _reject(page, "empty_body", f"{ref} returned no bytes: re-fetch it; the server may have failed")
    if ctype and ctype not in ("text/html", "application/xhtml+xml", "text/plain", "application/octet-stream"):
        return _reject(page, "not_html", f"{ref} is {ctype}, not an HTML page: remove it from the frontier "
                       "(feeds and sitemaps are read by the crawler, not the cleaner)", content_type=ctype)
    result = extract_html(page.body, url=page.final_url or page.url, charset=page.charset,
                          blocks=settings.learn_templates if blocks is None else blocks)
    if not result.is_html:
        return _reject(page, "not_html", f"{ref} does not look like HTML ({len(page.body)} bytes, "
                       f"content type {ctype or 'unknown'}): check what the server sends")
    if result.text is None:
        return _reject(page, "empty_text", f"no main text found in {ref}: the page may be empty, render its "
                       "text with JavaScript, or hold only comments or navigation", page_type=result.page_type)
    if result.page_type in _LISTING_TYPES and _looks_like_listing(result.text):
        return _reject(page, "not_article", f"{ref} is a {result.page_type} page (a list of links, not an "
                       "article): leave it to the crawler to follow its links", page_type=result.page_type)
    not_article = rejection(result.page_kind, result.text)
    if not_article is not None:
        reason, meaning = not_article
        return _reject(page, reason, f"{ref} is {meaning}", page_type=result.page_type)
    if len(result.text) < settings.min_text_chars:
        return _reject(page, "too_short", f"main text of {ref} has {len(result.text)} characters, fewer than "
                       f"min_text_chars={settings.min_text_chars}: a stub, a teaser or a failed extraction "
                       "(lower WIREHOUSE_MIN_TEXT_CHARS to keep such pages)", chars=len(result.text))
    if not _has_prose(result.text):
        return _reject(page, "not_article", f"{ref} has no prose paragraph, only short lines (navigation, labels, "
                       "forms): not an article; check the page in a browser", page_type=result.page_type)
    try:
        canonical = canonical_url(result.canonical_url or page.final_url or page.url)
    except ValueError as exc:  # the page's own URL is no URL (an archive record's odd target URI)
        return _reject(page, "bad_url", f"{ref!r} is not a usable URL ({exc}); check where the page came from")
    if not _absolute(canonical):  # a relative or empty URL (a WARC record without a target URI)
        return _reject(page, "bad_url", f"{ref!r} is not an absolute http(s) or file URL, so the article could not "
                       "be told from others; check where the page came from")
    published = parse_timestamp(result.published)
    text_hash, fingerprint = fingerprints(result.text)
    if isinstance(published, date) and not isinstance(published, datetime):
        published = datetime(published.year, published.month, published.day, tzinfo=timezone.utc)
    return Article(
        article_id=article_id(canonical),
        url=page.final_url or page.url,
        canonical_url=canonical,
        domain=domain_of(canonical),
        title=result.title,
        text=result.text,
        author=result.author,
        published_at=published,
        language=result.language,
        site_name=result.site_name,
        dateline=result.dateline,
        text_hash=text_hash,
        simhash=fingerprint,
        fetched_at=page.fetched_at,
        blocks=result.blocks,
    )


# The batch being handed to a new pool, by token: the workers, forked at its first submission,
# inherit it, so only index lists go out for it (its bodies are never pickled through a pipe).
_BATCHES: dict[int, tuple[list[Page], Settings, list[bool]]] = {}
_MIN_POOL_BATCH = 32  # smaller batches are extracted in the calling process


@lru_cache(maxsize=1)
def _warm_up() -> None:
    """Load what extraction loads lazily (justext stoplists, the language model) once in the
    parent, so forked workers inherit it instead of each loading it again."""
    from trafilatura import external  # noqa: PLC0415

    if external.JT_STOPLIST is None:
        external.jt_stoplist_init()
    detect_language("warm up the language identifier with a sentence of plain English text.")


def _worker_start() -> None:
    """In each worker: what it inherits (the first batch, the warmed-up tables) is never garbage,
    so its full collections need not walk it again (``gc.freeze``); on Linux the worker ends with
    the process that started it (a run killed outright leaves no worker waiting for work)."""
    import gc  # noqa: PLC0415
    import signal  # noqa: PLC0415
    import sys  # noqa: PLC0415

    gc.freeze()
    if sys.platform.startswith("linux"):
        import ctypes  # noqa: PLC0415

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _extract_inherited(token: int, indices: list[int]) -> list[Article | Rejected]:
    pages, settings, learn = _BATCHES[token]
    return [extract_article(pages[i], settings, blocks=learn[i]) for i in indices]


def _extract_sent(pages: list[Page], settings: Settings, learn: list[bool]) -> list[Article | Rejected]:
    return [extract_article(page, settings, blocks=b) for page, b in zip(pages, learn)]


def _extract_sent_to_worker(pages: list[Page], settings: Settings, learn: list[bool]) -> list[Article | Rejected]:
    """In a pool's worker, a chunk of a later batch: every chunk of the first batch, which the worker
    inherited, was handed out before this one, so the worker lets its copy of that batch go."""
    _BATCHES.clear()
    return _extract_sent(pages, settings, learn)


class Extraction:
    """A batch handed to an ``ExtractionPool``: ``result()`` waits for its outputs, in page order."""

    def __init__(self, size: int, chunks: list[list[int]], parts: list) -> None:
        self._size, self._chunks, self._parts = size, chunks, parts

    def result(self) -> list[Article | Rejected]:
        out: list[Article | Rejected | None] = [None] * self._size
        for chunk, part in zip(self._chunks, self._parts):
            for i, result in zip(chunk, part.result() if hasattr(part, "result") else part):
                out[i] = result
        return out  # type: ignore[return-value]


class ExtractionPool:
    """``extract_article`` over batches on ``settings.workers`` processes that live as long as
    the pool: forked once, at the first batch large enough to pay for them, not once per batch.
    ``submit`` returns at once; the workers extract the batch while the caller works on an earlier
    one, and take the next batch's pages as soon as they are done with this one's. Batches
    smaller than ``_MIN_POOL_BATCH`` (or every batch with one worker) are extracted in the calling
    process, at ``submit``.

    The workers are forked at the first pooled ``submit``, all at once (a pool with the fork start
    method forks every worker at its first submission), and inherit that batch's pages; later
    batches' pages are sent to them. What the caller does after that submission (loading its
    models, importing modules in threads) cannot be caught half done by a fork, and the workers
    do not carry it (unless an earlier batch, too small for the pool, was extracted in the caller
    while the caller loaded them). A worker drops its inherited copy of that first batch's pages
    when it takes its first chunk of a later batch (the pool hands out chunks in the order they
    were submitted, so no chunk of the first batch is left for it by then). Chunks of
    ``chunk_size`` pages, largest pages first, so that no worker sits idle while another finishes
    a long tail.

    With ``settings.learn_templates``, the text blocks of a page are listed for template
    learning when the batch holds another page of its site: a template shows only across pages
    of one site, and listing the blocks costs about 3 ms a page.
    """

    def __init__(self, settings: Settings, *, chunk_size: int = 4) -> None:
        self.settings, self.chunk_size = settings, chunk_size
        self._pool = None

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers (batches not yet extracted are dropped)."""
        if self._pool is not None:
            pool, self._pool = self._pool, None
            pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, pages) -> Extraction:
        pages, settings = list(pages), self.settings
        learn = [False] * len(pages)
        if settings.learn_templates:
            sites = Counter(domain_of(p.final_url or p.url) for p in pages)
            learn = [sites[domain_of(p.final_url or p.url)] >= 2 for p in pages]
        if settings.workers <= 1 or len(pages) < max(_MIN_POOL_BATCH, 2 * settings.workers * self.chunk_size):
            return Extraction(len(pages), [list(range(len(pages)))], [_extract_sent(pages, settings, learn)])
        by_size = sorted(range(len(pages)), key=lambda i: -len(pages[i].body or b""))
        chunks = [by_size[i : i + self.chunk_size] for i in range(0, len(pages), self.chunk_size)]
        if self._pool is not None:
            parts = [self._pool.submit(_extract_sent_to_worker, [pages[i] for i in chunk], settings,
                                       [learn[i] for i in chunk]) for chunk in chunks]
            return Extraction(len(pages), chunks, parts)
        import multiprocessing  # noqa: PLC0415
        from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

        _warm_up()
        token = id(pages)
        _BATCHES[token] = (pages, settings, learn)
        try:
            self._pool = ProcessPoolExecutor(settings.workers, mp_context=multiprocessing.get_context("fork"),
                                             initializer=_worker_start)
            parts = [self._pool.submit(_extract_inherited, token, chunk) for chunk in chunks]  # forks every worker
        finally:
            del _BATCHES[token]  # the workers hold their copy
        return Extraction(len(pages), chunks, parts)


def extract_all(pages, settings: Settings, *, chunk_size: int = 4) -> list[Article | Rejected]:
    """``extract_article`` over one batch, in page order, on a pool of ``settings.workers``
    processes when the batch is large enough to pay for it (see ``ExtractionPool``)."""
    with ExtractionPool(settings, chunk_size=chunk_size) as pool:
        return pool.submit(pages).result()

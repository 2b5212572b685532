"""Cheap questions asked before a costly pass over a parsed page.

libxml2 evaluates an XPath such as ``//*[@itemprop='datePublished']`` or the byline-text
search by visiting every node of the page, at about a microsecond an element (a millisecond or
more on a news page), and most pages have no such element at all. The readers of the clean
stage therefore first ask the page's source, which ``bytes.find`` reads in a fraction of that,
whether the attribute value or text they look for is written anywhere; only then do they search
the tree. The source is given as bytes in an encoding that keeps ASCII as ASCII (the page's own
bytes, or UTF-8): markup is ASCII. The answer errs on the side of yes (a value in a script, a
comment or another attribute only costs the tree search it would have cost anyway). What it
cannot see is a value or text written with character references (``itemprop="&#100;ate..."``)
or with control characters inside it (which the parser drops).

``page_nodes`` collects, in one walk, the ``<meta>``, ``<link>``, ``<script>`` and ``<time>``
elements that the canonical URL, page type and publication date readers need.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from functools import lru_cache

from lxml.html import HtmlElement

_SPACE = frozenset(b" \t\n\r\f\v")
_NAME_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:.")
_QUOTES = frozenset(b"\"'")
_EQUALS = ord("=")
_PROBE = "<p id='a' class=\"b\">By x</p>"


@lru_cache(maxsize=64)
def _keeps_ascii(encoding: str) -> bool:
    try:
        return codecs.encode(_PROBE, encoding) == _PROBE.encode("ascii")
    except (LookupError, ValueError, UnicodeError):
        return False


def ascii_source(text: str, data: bytes | None = None, encoding: str | None = None) -> bytes:
    """Bytes of a page in which its ASCII markup reads as ASCII: ``data`` itself when it was
    decoded with ``encoding`` and that encoding keeps ASCII as single ASCII bytes (UTF-8 and
    the single-byte code pages do, UTF-16 does not), else ``text`` in UTF-8."""
    if data is not None and encoding and not encoding.startswith(("utf_16", "utf-16", "utf_32", "utf-32")):
        if encoding in ("utf-8", "utf-8+cp1252") or _keeps_ascii(encoding):
            return data
    return text.encode("utf-8", "surrogatepass")


def _name_before(source: bytes, pos: int) -> bytes | None:
    """Lower-case name of the attribute whose value starts at ``pos`` (at its opening quote
    or first character): the name, optional spaces, "=", optional spaces; None otherwise."""
    i = pos - 1
    while i >= 0 and source[i] in _SPACE:
        i -= 1
    if i < 0 or source[i] != _EQUALS:
        return None
    i -= 1
    while i >= 0 and source[i] in _SPACE:
        i -= 1
    end = i + 1
    while i >= 0 and source[i] in _NAME_BYTES:
        i -= 1
    return source[i + 1 : end].lower() or None


def has_attribute_value(source: bytes, name: bytes, values) -> bool:
    """Whether one of ``values`` (bytes) is written in ``source`` as the start of the value of
    an attribute ``name`` (lower case): ``name="value``, ``name='value``, ``name=value``."""
    for value in values:
        start = source.find(value)
        while start != -1:
            pos = start - 1 if start and source[start - 1] in _QUOTES else start
            if _name_before(source, pos) == name:
                return True
            start = source.find(value, start + 1)
    return False


def has_itemprop(source: bytes, value: bytes) -> bool:
    """Whether an element of the page may have ``itemprop="value"``."""
    return has_attribute_value(source, b"itemprop", (value,))


def has_text_starting_by(source: bytes) -> bool:
    """Whether a text node of the page may start with "By"/"BY" as a word (a byline): the
    word after a tag's ">" and white space, before white space, a tag or a reference."""
    for word in (b"By", b"BY"):
        at = source.find(word)
        while at != -1:
            i = at - 1
            while i >= 0 and source[i] in _SPACE:
                i -= 1
            if i >= 0 and source[i] == 0x3E:  # ">"
                after = source[at + 2 : at + 3]
                if not after or after[0] in _SPACE or after in (b"<", b"&"):
                    return True
            at = source.find(word, at + 1)
    return False


@dataclass(frozen=True, slots=True)
class PageNodes:
    """The elements of a page that the metadata readers look at, in document order."""

    metas: list[HtmlElement]
    links: list[HtmlElement]
    ld_json: list[HtmlElement]  # <script type="application/ld+json">
    times: list[HtmlElement]


NODE_TAGS = ("meta", "link", "script", "time")  # the elements page_nodes collects


def page_nodes(tree: HtmlElement) -> PageNodes:
    """``<meta>``, ``<link>``, JSON-LD ``<script>`` and ``<time>`` elements of the whole
    document ``tree`` belongs to (as ``//meta`` etc. would find them), in one walk."""
    metas: list[HtmlElement] = []
    links: list[HtmlElement] = []
    ld_json: list[HtmlElement] = []
    times: list[HtmlElement] = []
    bucket = {"meta": metas.append, "link": links.append, "time": times.append}
    root = tree.getroottree().getroot()
    # a broken page can leave a second top-level element after the root (content after
    # </html>): "//meta" searches it too
    for top in (*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()):
        for el in top.iter(*NODE_TAGS):
            tag = el.tag
            if tag == "script":
                if el.get("type") == "application/ld+json":
                    ld_json.append(el)
            else:
                bucket[tag](el)
    return PageNodes(metas, links, ld_json, times)

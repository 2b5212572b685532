"""OPML feed lists (what feed readers export) -> feed URLs, parsed without trusting the XML."""

from __future__ import annotations

from pathlib import Path

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from wirehouse.errors import ConfigError


def parse_opml(data: bytes, name: str) -> tuple[str, ...]:
    """The ``xmlUrl`` of every ``<outline>``, nested folders included, in document order and
    without repeats. Raises ``ConfigError`` for a file that is not OPML or lists no feed."""
    try:
        root = ElementTree.fromstring(data, forbid_dtd=True)
    except (ElementTree.ParseError, DefusedXmlException, LookupError) as exc:  # LookupError: unknown encoding
        raise ConfigError(f"OPML file {name} is not readable XML ({exc}); export it again from your feed reader") from exc
    if root.tag.rsplit("}", 1)[-1].lower() != "opml":
        raise ConfigError(f"{name} is XML but not OPML (root element <{root.tag}>)")
    feeds: dict[str, None] = {}
    for node in root.iter():
        if node.tag.rsplit("}", 1)[-1].lower() != "outline":
            continue
        url = next((v for k, v in node.attrib.items() if k.lower() == "xmlurl"), "").strip()
        if url.startswith(("http://", "https://")):
            feeds.setdefault(url, None)
    if not feeds:
        raise ConfigError(f"OPML file {name} lists no feed (no <outline xmlUrl=\"http...\">)")
    return tuple(feeds)


def read_opml(path: Path) -> tuple[str, ...]:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read OPML file {path}: {exc}") from exc
    return parse_opml(data, str(path))

"""URL canonicalisation: one URL per article whatever the link it was found under."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit, urlunsplit

import courlan


def canonical_url(url: str) -> str:
    """Lower-case host, tracking parameters (utm_*, fbclid, ...) and fragment removed. Idempotent."""
    url = url.strip()
    try:
        normal = courlan.normalize_url(url)
    except (ValueError, AttributeError):
        normal = url
    parts = urlsplit(normal)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def article_id(canonical: str) -> str:
    return hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:20]


def domain_of(url: str) -> str:
    """Host name without www., lower case; empty for a URL without a host or no URL at all."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:  # "http://[::1/x"
        return ""
    return host[4:] if host.startswith("www.") else host

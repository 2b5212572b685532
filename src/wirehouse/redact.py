"""Secrets out of log lines: the password of a URL's user info (proxy credentials, a feed behind
basic auth) and the values of token-like query parameters (``?token=``, ``api_key=``, signed-URL
signatures) are replaced by ``***`` wherever a URL is logged or shown in an error line.

The library passes URLs through ``redact_url`` in its own log calls; the command line also puts a
``RedactingFilter`` on its log handlers, which catches URLs in other libraries' lines (httpx logs
every request URL at INFO level).
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit, urlunsplit

MASK = "***"

# query parameter names whose values are secrets (compared lower-case, "-" read as "_")
_SECRET_NAMES = {
    "key", "apikey", "sig", "signature", "auth", "authorization", "code", "session", "sessionid", "sid",
    "jwt", "bearer", "pass", "pw",
}
_SECRET_PARTS = ("token", "secret", "password", "passwd", "pwd", "api_key", "apikey", "access_key",
                 "credential", "signature", "private_key", "auth")

# a URL inside free text: a scheme, then anything up to white space or a closing quote/bracket
_URL_IN_TEXT = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]{1,15}://[^\s'\"<>()\[\]{}]+")
_PARAM = re.compile(r"([^&;=]+)=([^&;]*)")


def secret_param(name: str) -> bool:
    """Whether a query parameter of this name carries a secret."""
    name = name.strip().lower().replace("-", "_")
    return name in _SECRET_NAMES or any(part in name for part in _SECRET_PARTS)


def redact_url(url: str) -> str:
    """``url`` with its user-info password and secret query values masked; the rest unchanged
    (so the line still says which page it is about). Not a URL: returned as it is."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return _redact_loose(url)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, hostport = netloc.rpartition("@")
        user, colon, _password = userinfo.partition(":")
        netloc = f"{user}:{MASK}@{hostport}" if colon else f"{MASK}@{hostport}"
    query = _PARAM.sub(lambda m: f"{m.group(1)}={MASK}" if secret_param(m.group(1)) else m.group(0), parts.query)
    fragment = _PARAM.sub(lambda m: f"{m.group(1)}={MASK}" if secret_param(m.group(1)) else m.group(0), parts.fragment)
    if (netloc, query, fragment) == (parts.netloc, parts.query, parts.fragment):
        return url
    return urlunsplit((parts.scheme, netloc, parts.path, query, fragment))


def _redact_loose(text: str) -> str:
    """For a malformed URL: mask after any ``user:`` before an ``@`` and every secret value."""
    text = re.sub(r"://([^/@\s:]*):[^/@\s]*@", rf"://\1:{MASK}@", text)
    return _PARAM.sub(lambda m: f"{m.group(1)}={MASK}" if secret_param(m.group(1).rsplit("?", 1)[-1]) else m.group(0), text)


def redact_text(text: str) -> str:
    """Every URL in ``text`` passed through ``redact_url``."""
    if "://" not in text:
        return text
    return _URL_IN_TEXT.sub(lambda m: redact_url(m.group(0)), text)


class RedactingFilter(logging.Filter):
    """A handler filter: the formatted message (and a logged exception's text) with URLs redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a broken %-format: leave it for logging to report
            return True
        clean = redact_text(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact_text(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact_text(record.exc_text)
        return True

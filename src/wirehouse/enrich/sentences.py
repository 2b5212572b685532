"""Sentence splitting and tokenisation with exact character offsets.

Every span returned here satisfies ``text[start:end] == piece``. Splits happen at ``.!?`` (with
closing quotes or brackets) followed by whitespace and an upper-case letter, a digit or an
opening quote, unless the word before the full stop is a known abbreviation or an initial;
and always at blank lines. A leading dateline ("BEIRUT, LEBANON (12:50 P.M.) –") is reported
separately by :func:`find_dateline`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen col lt capt sgt maj adm cmdr gov sen rep rev st jr sr co corp inc ltd
    no nos vol fig jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
    u.s u.k u.n e.u u.s.a d.c a.m p.m i.e e.g etc vs approx dept est ft mt pres messrs sgt gens
    brig lieut cpl pvt supt insp""".split()
)

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?]+[\"'”’)\]]*$")
TOKEN_RE = re.compile(
    r"[’']s\b|n[’']t\b|[A-Za-z0-9\u00C0-\u024F]+?(?=n[’']t\b)|[A-Za-z0-9\u00C0-\u024F]+(?:(?:[.\-]|[’'](?!s\b))[A-Za-z0-9\u00C0-\u024F]+)*\.?|[^\sA-Za-z0-9]"
)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of ``text`` (whitespace trimmed, empty pieces dropped)."""
    spans: list[Span] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(0).startswith("\n") or m.group(0).isspace():
            cut = m.start()
        else:
            cut = m.end()
            before = _WORD_BEFORE.search(text, max(start, m.start() - 30), m.end())
            if m.group(0)[0] == "." and before:
                word = before.group(1).lower().rstrip(".")
                if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue
        s, e = _strip(text, start, cut)
        if e > s:
            spans.append(Span(s, e))
        start = m.end() if not m.group(0).startswith("\n") else m.end()
    s, e = _strip(text, start, len(text))
    if e > s:
        spans.append(Span(s, e))
    return spans


_DATELINE = re.compile(r"^\s*([A-Z][A-Z .'\-]{2,40}(?:,\s*[A-Z][A-Za-z .'\-]{2,40})?)\s*(?:\([^)]{0,40}\))?\s*[-–—:]")


def find_dateline(text: str) -> str | None:
    """The dateline at the start of a text or of one of its first paragraphs, if any."""
    for para in text[:2000].split("\n")[:6]:
        m = _DATELINE.match(para)
        if m:
            return m.group(1).strip()
    return None


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """Tokens of ``text[start:end]`` as (token, start, end); a trailing full stop is split off
    unless the token is a known abbreviation such as "U.S." or "Gen."."""
    out = []
    for m in TOKEN_RE.finditer(text, start, len(text) if end is None else end):
        tok, s, e = m.group(0), m.start(), m.end()
        if len(tok) > 1 and tok.endswith("."):
            low = tok[:-1].lower()
            if low not in ABBREVIATIONS and not (len(low) == 1 and low.isalpha()):
                out.append((tok[:-1], s, e - 1))
                out.append((".", e - 1, e))
                continue
        out.append((tok, s, e))
    return out

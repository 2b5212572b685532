"""Exact and near-duplicate articles: normalised-text SHA-1 and a 64-bit SimHash.

Near duplicates are found with the block-permutation scheme of Manku, Jain & Das Sarma
(WWW 2007): the 64 bits are cut into ``d + 2`` blocks; two fingerprints within Hamming
distance ``d`` agree exactly on at least two blocks, so every pair of blocks is one hash table
keyed on those bits. Candidates come only from shared buckets (no all-pairs comparison), and
each is then checked with the true distance, so no pair within ``d`` is missed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone
from itertools import accumulate, combinations
from typing import NamedTuple

import numpy as np

from wirehouse.records import Article

_WORD = re.compile(r"\w+", re.UNICODE)
_SHINGLE = 3
_MASK64 = (1 << 64) - 1
DEFAULT_MAX_DISTANCE = 6


def normalise_text(text: str) -> str:
    """Case-folded NFKC words joined by single spaces: punctuation and layout do not count."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


_ASCII_WORD_CHAR = re.compile(r"[A-Za-z0-9]")


def _has_words(text: str) -> bool:
    """``normalise_text(text) != ""``, without normalising a text that has an ASCII letter or
    digit (those survive NFKC and case folding as word characters)."""
    return _ASCII_WORD_CHAR.search(text) is not None or bool(normalise_text(text))


def text_sha1(text: str) -> str:
    """SHA-1 (hex) of the normalised text: equal for exact duplicates."""
    return _sha1(normalise_text(text))


def simhash(text: str, shingle: int = _SHINGLE) -> int:
    """64-bit SimHash (unsigned) over word shingles of the normalised text; 0 for no words."""
    return _simhash(normalise_text(text), shingle)


def fingerprints(text: str) -> tuple[str, int]:
    """``(text_sha1(text), simhash(text))``, normalising the text once."""
    normal = normalise_text(text)
    return _sha1(normal), _simhash(normal, _SHINGLE)


def _sha1(normal: str) -> str:
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()


def _simhash(normal: str, shingle: int) -> int:
    """SimHash of a normalised text (words joined by single spaces): blake2b-64 of each run of
    ``shingle`` words (of the whole text if shorter), the majority vote per bit."""
    if not normal:
        return 0
    data = normal.encode("utf-8")
    # starts[k]: where word k starts in data; starts[-1]: one past the end (plus the space)
    starts = list(accumulate((len(word) + 1 for word in data.split(b" ")), initial=0))
    if len(starts) - 1 < shingle:
        features = [data]
    else:
        # a shingle is the slice from the start of its first word to the end of its last
        features = [data[a : b - 1] for a, b in zip(starts, starts[shingle:])]
    blake2b = hashlib.blake2b
    digests = b"".join([blake2b(f, digest_size=8).digest() for f in features])
    bits = np.unpackbits(np.frombuffer(digests, dtype=np.uint8).reshape(-1, 8), axis=1)
    ones = bits.sum(axis=0, dtype=np.int64)
    packed = np.packbits(ones * 2 > len(features))
    return int.from_bytes(packed.tobytes(), "big")


def to_signed(value: int) -> int:
    """An unsigned 64-bit fingerprint as a signed BIGINT (how the warehouse stores it)."""
    value &= _MASK64
    return value - (1 << 64) if value >= 1 << 63 else value


def hamming(a: int, b: int) -> int:
    """Differing bits of two 64-bit fingerprints (signed or unsigned)."""
    return ((a ^ b) & _MASK64).bit_count()


class Fingerprint(NamedTuple):
    """What dedup needs to know of an article already in the warehouse."""

    text_hash: str
    simhash: int
    published_at: datetime | None = None
    duplicate_of: str | None = None


def band_masks(max_distance: int = DEFAULT_MAX_DISTANCE) -> list[int]:
    """The ``C(d+2, 2)`` bands of the scheme (unsigned 64-bit masks): the bits of each pair of the
    ``d + 2`` blocks. Fingerprints within ``d`` bits agree exactly on at least one band."""
    masks = [((1 << (hi - lo)) - 1) << lo for lo, hi in _block_spans(max_distance)]
    return [a | b for a, b in combinations(masks, 2)]


def _block_spans(max_distance: int) -> list[tuple[int, int]]:
    """The ``d + 2`` blocks of the 64 fingerprint bits, as (first bit, bit after the last)."""
    if not 0 <= max_distance < 32:
        raise ValueError(f"max_distance must be in 0..31, got {max_distance}")
    blocks = max_distance + 2
    edges = [round(i * 64 / blocks) for i in range(blocks + 1)]
    return list(zip(edges, edges[1:]))


class BandCut(NamedTuple):
    """How the warehouse keys one band (sql/schema/015_small_lookup_keys.sql): the band's two blocks
    of bits moved side by side into the low bits, the band's number above them,
    ``key_offset | ((h >> low_shift) & low_mask) | ((h >> high_shift) & high_mask)`` on the signed
    64-bit fingerprint ``h``. Two fingerprints get one key exactly when they agree on the band's
    bits; keys are small (21 bits for the default 28 bands), so DuckDB packs them tightly."""

    low_shift: int
    low_mask: int
    high_shift: int
    high_mask: int  # signed 64-bit, as stored
    key_offset: int


def band_cuts(max_distance: int = DEFAULT_MAX_DISTANCE) -> list[BandCut]:
    """The bands of ``band_masks(max_distance)``, in the same order, as the warehouse keys them."""
    pairs = list(combinations(_block_spans(max_distance), 2))
    width = max((hi_a - lo_a) + (hi_b - lo_b) for (lo_a, hi_a), (lo_b, hi_b) in pairs)
    cuts = []
    for band, ((lo_a, hi_a), (lo_b, hi_b)) in enumerate(pairs):
        low_bits, high_bits = hi_a - lo_a, hi_b - lo_b
        cuts.append(BandCut(low_shift=lo_a, low_mask=(1 << low_bits) - 1, high_shift=lo_b - low_bits,
                            high_mask=to_signed(((1 << high_bits) - 1) << low_bits),
                            key_offset=band << width if width < 64 else 0))  # one band when width is 64
    return cuts


def band_key(fingerprint: int, cut: BandCut) -> int:
    """The warehouse's key of ``fingerprint`` (signed or unsigned) in the band ``cut``."""
    h = to_signed(fingerprint)
    return to_signed(cut.key_offset | ((h >> cut.low_shift) & cut.low_mask) | ((h >> cut.high_shift) & cut.high_mask))


class SimHashIndex:
    """Fingerprints in ``C(d+2, 2)`` bucketed tables; ``near(h)`` lists keys within ``d`` bits.
    The warehouse keeps the same bands in its ``article_band`` table."""

    def __init__(self, max_distance: int = DEFAULT_MAX_DISTANCE):
        self._masks = band_masks(max_distance)
        self.max_distance = max_distance
        self._tables: list[dict[int, list[tuple[int, str]]]] = [defaultdict(list) for _ in self._masks]

    def add(self, key: str, fingerprint: int) -> None:
        fingerprint &= _MASK64
        for mask, table in zip(self._masks, self._tables):
            table[fingerprint & mask].append((fingerprint, key))

    def near(self, fingerprint: int) -> list[str]:
        fingerprint &= _MASK64
        found: dict[str, None] = {}
        for mask, table in zip(self._masks, self._tables):
            for other, key in table.get(fingerprint & mask, ()):
                if key not in found and (other ^ fingerprint).bit_count() <= self.max_distance:
                    found[key] = None
        return list(found)


_LATEST = datetime.max.replace(tzinfo=timezone.utc)


def _as_fingerprint(value) -> Fingerprint:
    if isinstance(value, Fingerprint):
        return value
    if isinstance(value, Article):
        return Fingerprint(value.text_hash, value.simhash, value.published_at, value.duplicate_of)
    return Fingerprint(*value)


def _when(published: datetime | None) -> datetime:
    if published is None:
        return _LATEST
    return published if published.tzinfo else published.replace(tzinfo=timezone.utc)


def mark_duplicates(
    articles: Iterable[Article],
    seen: Mapping[str, Fingerprint | Article | Sequence] | None = None,
    *,
    max_distance: int = DEFAULT_MAX_DISTANCE,
) -> list[Article]:
    """The articles, in order, with ``duplicate_of`` set for exact and near duplicates.

    ``seen`` maps the article_id of articles already kept (the warehouse) to their
    ``Fingerprint`` (or the ``Article`` itself). The canonical copy of a group is its
    earliest-published member; ties and undated members go to the first seen (warehouse before
    this batch, then batch order). A seen article that is itself a duplicate points on to its own
    canonical copy. Missing ``text_hash``/``simhash`` are computed from the text. Pass
    ``settings.near_duplicate_distance`` as ``max_distance``.
    """
    batch = [
        a if a.text_hash and a.simhash else dataclasses.replace(a, text_hash=a.text_hash or text_sha1(a.text),
                                                                simhash=a.simhash or simhash(a.text))
        for a in articles
    ]
    seen_fp = {key: _as_fingerprint(value) for key, value in (seen or {}).items()}
    # order of trust for ties: seen first, then batch order
    rank: dict[str, tuple[datetime, int]] = {}
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        root = key
        while parent[root] != root:
            root = parent[root]
        while parent[key] != root:
            parent[key], key = root, parent[key]
        return root

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            if rank[rb] < rank[ra]:
                ra, rb = rb, ra
            parent[rb] = ra

    index = SimHashIndex(max_distance)
    by_hash: dict[str, str] = {}
    order = 0
    for key, fp in seen_fp.items():
        target = fp.duplicate_of if fp.duplicate_of and fp.duplicate_of in seen_fp else key
        rank[key] = (_when(seen_fp[target].published_at if target != key else fp.published_at), order)
        parent[key] = key
        order += 1
    for key, fp in seen_fp.items():
        if fp.duplicate_of and fp.duplicate_of in seen_fp:
            union(fp.duplicate_of, key)
        if fp.text_hash:
            by_hash.setdefault(fp.text_hash, key)
        if fp.simhash:
            index.add(key, fp.simhash)

    ids: list[str] = []
    for article in batch:
        key = article.article_id
        if key in parent:  # the same article again (re-crawl): it is its own record
            ids.append(key)
            continue
        rank[key] = (_when(article.published_at), order)
        parent[key] = key
        order += 1
        ids.append(key)
        exact = by_hash.get(article.text_hash)
        if exact is not None:
            union(exact, key)
        else:
            by_hash[article.text_hash] = key
        if article.simhash and _has_words(article.text):
            for other in index.near(article.simhash):
                union(other, key)
            index.add(key, article.simhash)

    out = []
    for article, key in zip(batch, ids):
        root = find(key)
        out.append(dataclasses.replace(article, duplicate_of=None if root == key else root))
    return out

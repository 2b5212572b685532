"""Synthetic batches of any size, built column-wise with Arrow (no Python loop per row), for the
crash tests and the load and query benchmarks. The rows look like real ones: CAMEO codes from the
shipped table, actor codes and places from fixed pools, each event's sentence at its offsets in
its article's text."""

from __future__ import annotations

from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from wirehouse.cameo import event_codes
from wirehouse.warehouse.load import (
    ACTOR_MENTION_SCHEMA,
    ARTICLE_SCHEMA,
    EVENT_SCHEMA,
    PLACE_MENTION_SCHEMA,
    Batch,
)

_COUNTRIES = ["IRQ", "SYR", "LBN", "ISR", "MLI", "NGA", "SDN", "UKR", "RUS", "COL", "IND", "PAK", "AFG", "YEM"]
_ROLES = ["", "GOV", "MIL", "COP", "REB", "INS", "CVL", "OPP", "BUS", "MED"]
_SENTENCE = "Synthetic actor {i} did something to another actor near a synthetic place."
_ACTOR_1 = 0
_ACTOR_2 = _SENTENCE.format(i="000000").index("another actor")
_PLACE = _SENTENCE.format(i="000000").index("synthetic place")
_VERB = _SENTENCE.format(i="000000").index("did")


def _strings(prefix: str, numbers: np.ndarray) -> pa.Array:
    return pc.binary_join_element_wise(pa.scalar(prefix), pa.array(numbers).cast(pa.string()), "")


def synthetic_batch(
    events: int,
    *,
    events_per_article: int = 5,
    sources: int = 50,
    actors: int = 2000,
    places: int = 5000,
    days: int = 730,
    seed: int = 0,
    tag: str = "syn",
) -> Batch:
    """A batch of ``events`` event rows over ``events // events_per_article`` articles, with two
    actor mentions and one place mention per event. ``tag`` keeps the natural keys of two
    batches apart (same tag and size: the same batch again)."""
    rng = np.random.default_rng(seed)
    n_articles = max(1, -(-events // events_per_article))
    art_no = np.arange(n_articles)
    ev_no = np.arange(events)
    ev_article = ev_no // events_per_article
    ev_slot = ev_no % events_per_article

    # articles: events_per_article sentences of equal length, so offsets are arithmetic
    width = len(_SENTENCE.format(i=f"{0:06d}")) + 1
    article_ids = _strings(f"{tag}-a", art_no)
    sentences = _sentences(ev_no)
    text = _texts(n_articles, events_per_article)
    source_of_article = rng.integers(0, sources, n_articles)
    day0 = np.datetime64(date(2024, 1, 1))
    published = day0 + rng.integers(0, days, n_articles).astype("timedelta64[D]")
    published_at = published.astype("datetime64[us]") + np.timedelta64(8, "h")
    articles = pa.table(
        {
            "article_id": article_ids,
            "canonical_url": _strings(f"http://{tag}.example/a/", art_no),
            "url": _strings(f"http://{tag}.example/a/", art_no),
            "domain": _strings("outlet", source_of_article).cast(pa.string()),
            "site_name": _strings("Outlet ", source_of_article),
            "title": _strings("Synthetic article ", art_no),
            "author": pa.nulls(n_articles, pa.string()),
            "published_at": pa.array(published_at, pa.timestamp("us")),
            "language": pa.array(["en"] * n_articles),
            "dateline": pa.nulls(n_articles, pa.string()),
            "text": text,
            "text_hash": _strings(f"{tag}-h", art_no),
            "simhash": pa.array(rng.integers(-(2**62), 2**62, n_articles), pa.int64()),
            "duplicate_of": pa.nulls(n_articles, pa.string()),
            "tone": pa.array(rng.normal(-2, 4, n_articles)),
            "fetched_at": pa.array(published_at + np.timedelta64(1, "h"), pa.timestamp("us")),
        },
        schema=ARTICLE_SCHEMA,
    )

    codes = list(event_codes().values())
    code_idx = rng.integers(0, len(codes), events)
    actor_codes = np.array(
        [_COUNTRIES[i % len(_COUNTRIES)] + _ROLES[(i // len(_COUNTRIES)) % len(_ROLES)] + (f"X{i}" if i >= 140 else "")
         for i in range(actors)]
    )
    src = rng.integers(0, actors, events)
    tgt = (src + 1 + rng.integers(0, actors - 1, events)) % actors
    place_idx = rng.integers(0, places, events)
    starts = (ev_slot * width).astype(np.int32)
    ev_dates = published[ev_article] - rng.integers(0, 3, events).astype("timedelta64[D]")
    place_cols = _places(place_idx)
    event_table = pa.table(
        {
            "article_id": pc.take(article_ids, pa.array(ev_article)),
            "event_id": _strings(f"{tag}-e", ev_no),
            "event_date": pa.array(ev_dates, pa.date32()),
            "source_actor": pa.array(actor_codes[src]),
            "target_actor": pa.array(actor_codes[tgt]),
            "cameo_code": pc.take(pa.array([c.code for c in codes]), code_idx),
            "root_code": pc.take(pa.array([c.root_code for c in codes]), code_idx),
            "quad_class": pc.take(pa.array([c.quad_class for c in codes], pa.int8()), code_idx),
            "goldstein": pc.take(pa.array([c.goldstein for c in codes]), code_idx),
            "sentence": sentences,
            "sentence_start": pa.array(starts, pa.int32()),
            "sentence_end": pa.array(starts + width - 1, pa.int32()),
            "confidence": pa.array(rng.uniform(0.3, 1.0, events)),
            "tone": pa.array(rng.normal(-2, 4, events)),
            "is_negated": pa.array(np.zeros(events, dtype=bool)),
            "political": pa.array(np.ones(events, dtype=bool)),
            "flag_reason": pa.nulls(events, pa.string()),
            **{"place_" + k: v for k, v in place_cols.items()},
            "verb_start": pa.array(starts + _VERB, pa.int32()),
            "verb_end": pa.array(starts + _VERB + len("did"), pa.int32()),
            "source_start": pa.array(starts + _ACTOR_1, pa.int32()),
            "source_end": pa.array(starts + _ACTOR_1 + len("Synthetic actor"), pa.int32()),
            "target_start": pa.array(starts + _ACTOR_2, pa.int32()),
            "target_end": pa.array(starts + _ACTOR_2 + len("another actor"), pa.int32()),
        },
        schema=EVENT_SCHEMA,
    )

    both = np.stack([src, tgt], axis=1).ravel()
    actor_table = pa.table(
        {
            "article_id": pc.take(article_ids, pa.array(np.repeat(ev_article, 2))),
            "actor_code": pa.array(actor_codes[both]),
            "name": pa.array(actor_codes[both]),
            "country_code": pa.array(actor_codes[both].astype("U3")),
            "role_code": pa.nulls(2 * events, pa.string()),
            "mention_text": pa.array(np.tile(["Synthetic actor", "another actor"], events)),
            "start_char": pa.array(np.repeat(starts, 2) + np.tile([_ACTOR_1, _ACTOR_2], events), pa.int32()),
            "end_char": pa.array(np.repeat(starts, 2) + np.tile([_ACTOR_1 + 15, _ACTOR_2 + 13], events), pa.int32()),
        },
        schema=ACTOR_MENTION_SCHEMA,
    )
    place_table = pa.table(
        {
            "article_id": pc.take(article_ids, pa.array(ev_article)),
            **place_cols,
            "mention_text": pa.array(np.full(events, "synthetic place")),
            "start_char": pa.array(starts + _PLACE, pa.int32()),
            "end_char": pa.array(starts + _PLACE + len("synthetic place"), pa.int32()),
        },
        schema=PLACE_MENTION_SCHEMA,
    )
    return Batch(articles=articles, actor_mentions=actor_table, place_mentions=place_table, events=event_table)


def _sentences(numbers: np.ndarray) -> pa.Array:
    head, tail = _SENTENCE.split("{i}")
    digits = pc.utf8_lpad(pa.array(numbers % 1_000_000).cast(pa.string()), 6, "0")
    return pc.binary_join_element_wise(pa.scalar(head), digits, pa.scalar(tail), "")


def _texts(n_articles: int, per_article: int) -> pa.Array:
    """Article texts: the article's sentences joined by one space (sentence s starts at s * width)."""
    parts = [_sentences(np.arange(n_articles) * per_article + s) for s in range(per_article)]
    return pc.binary_join_element_wise(*parts, " ")


def _places(index: np.ndarray) -> dict[str, pa.Array]:
    country = np.array(_COUNTRIES)[index % len(_COUNTRIES)]
    return {
        "gazetteer_id": _strings("geonames:", 9_000_000 + index),
        "geonames_id": pa.array(9_000_000 + index, pa.int64()),
        "name": _strings("Place ", index),
        "feature_kind": pa.array(np.where(index % 10 == 0, "admin1", "city")),
        "country_code": pa.array(country),
        "admin1": pa.array(np.char.add(np.char.add(country, "."), (index % 20).astype(str))),
        "lat": pa.array(-60 + (index % 1200) / 10.0),
        "lon": pa.array(-170 + (index % 3400) / 10.0),
        "feature_class": pa.array(np.where(index % 10 == 0, "A", "P")),
        "admin2": pa.array(np.where(index % 10 == 0, None, (index % 50).astype(str))),
        "admin1_name": _strings("Region ", index % 20),
    }


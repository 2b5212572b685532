"""De-duplication against the warehouse: the fingerprints looked up through the band table mark a
batch exactly as all stored fingerprints read into memory do, batch after batch."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest

from wirehouse.clean.dedup import Fingerprint, band_masks, mark_duplicates
from wirehouse.records import Article
from wirehouse.warehouse.fingerprints import cut_bands, seen_fingerprints
from wirehouse.warehouse.load import build_batch, load_batch

WORDS = ("army police talks border city minister court village aid convoy strike protest election "
         "ceasefire rebels market river bridge road hospital school water fuel prices camp refugees "
         "sanctions envoy summit treaty vote council governor mayor farmers harvest drought flood "
         "storm airport port ship train fire blast raid arrest trial verdict appeal riot curfew").split()


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def _variant(rng: random.Random, text: str) -> str:
    """A near copy: one word changed, or a credit line added."""
    words = text.split()
    if rng.random() < 0.5:
        words[rng.randrange(len(words))] = rng.choice(WORDS)
        return " ".join(words)
    return text + " This story was first published by Harbor Wire."


def _article(number: int, text: str, published: datetime | None) -> Article:
    return Article(article_id=f"a{number:04d}", url=f"https://t.example/{number}",
                   canonical_url=f"https://t.example/{number}", domain="t.example", title=None, text=text,
                   published_at=published, language="en")


def _batches(seed: int, batches: int, size: int):
    """Batches of new texts, near and exact copies of earlier ones (possibly published earlier than
    their original), undated articles and re-crawls of stored articles."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    texts: list[str] = []
    made: list[Article] = []
    for _ in range(batches):
        batch = []
        for _ in range(size):
            draw = rng.random()
            published = None if rng.random() < 0.2 else start + timedelta(hours=rng.randrange(2000))
            if draw < 0.05 and made:  # a stored article fetched again
                old = rng.choice(made)
                if all(a.article_id != old.article_id for a in batch):
                    batch.append(old)
                continue
            if draw < 0.45 or not texts:
                text = _text(rng, rng.randint(30, 120))
            elif draw < 0.8:
                text = _variant(rng, rng.choice(texts))
            else:
                text = rng.choice(texts).upper()
            texts.append(text)
            batch.append(_article(len(made) + len(batch), text, published))
        made.extend(a for a in batch if a not in made)
        yield batch


def all_fingerprints(con) -> dict[str, Fingerprint]:
    """Every stored fingerprint, read into memory (how de-duplication used to read the warehouse),
    in the order the lookup returns its rows."""
    rows = con.execute(
        "select a.article_id, a.text_hash, a.simhash, a.published_at, c.article_id from dim_article as a"
        " left join dim_article as c on c.article_key = a.duplicate_of_key"
        " order by a.duplicate_of_key is not null, a.article_key"
    ).fetchall()
    return {aid: Fingerprint(h, s & ((1 << 64) - 1), p.replace(tzinfo=timezone.utc) if p else None, d)
            for aid, h, s, p, d in rows}


@pytest.mark.parametrize("distance", [6, 3])
def test_lookup_marks_batches_as_all_fingerprints_do(con, distance):
    stored_duplicates = looked_up = stored = 0
    for number, batch in enumerate(_batches(seed=distance, batches=8, size=40)):
        everything = all_fingerprints(con)
        seen = seen_fingerprints(con, batch, distance)
        assert set(seen) <= set(everything)
        expected = mark_duplicates(batch, everything, max_distance=distance)
        assert mark_duplicates(batch, seen, max_distance=distance) == expected
        stored_duplicates += sum(1 for a in expected if a.duplicate_of in everything and a.article_id not in everything)
        looked_up, stored = looked_up + len(seen), stored + len(everything)
        fresh = {a.article_id: a for a in expected}.values()  # a re-crawl may repeat within the batch
        load_batch(con, build_batch([], list(fresh)), f"run-{number}")
    assert stored_duplicates > 20  # new articles found to copy stored ones
    assert looked_up < stored / 2  # only candidates were read
    bands = con.execute("select count(*), max(max_distance) from simhash_band").fetchall()[0]
    assert bands == (len(band_masks(distance)), distance)
    articles = con.execute("select count(*) from dim_article where simhash <> 0").fetchall()[0][0]
    assert con.execute("select count(*) from article_band").fetchall()[0][0] == articles * bands[0]


def test_a_recrawled_article_keeps_only_its_new_band_keys(con):
    rng = random.Random(1)
    first = _article(1, _text(rng, 80), None)
    load_batch(con, build_batch([], mark_duplicates([first])), "run-1")
    changed = Article(**{**{f: getattr(first, f) for f in first.__dataclass_fields__}, "text": _text(rng, 80),
                         "text_hash": "", "simhash": 0})
    load_batch(con, build_batch([], mark_duplicates([changed])), "run-2")
    rows = con.execute("select count(*), count(distinct band_key) from article_band").fetchall()[0]
    assert rows == (len(band_masks(6)), len(band_masks(6)))
    assert set(seen_fingerprints(con, [_article(2, first.text, None)], 6)) == set()  # the old text is gone
    assert set(seen_fingerprints(con, [_article(3, changed.text, None)], 6)) == {first.article_id}


def test_cut_bands_only_when_the_distance_changes(con):
    assert cut_bands(con, 6) is False  # the migration cut them for 6
    assert cut_bands(con, 4) is True
    assert cut_bands(con, 4) is False

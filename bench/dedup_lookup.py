"""Cost of one batch's duplicate lookup as the warehouse grows: the band join against reading every
stored fingerprint.

    .venv/bin/python bench/dedup_lookup.py [--sizes 10000 100000 1000000] [--batch 200] [--dir /tmp]

For each size, a warehouse file gets that many synthetic articles (random 64-bit SimHashes, one
in 20 a duplicate of its predecessor) and their band keys. A batch of --batch articles (a
tenth of them near copies of stored ones: 3 bits flipped) is then marked against the warehouse
two ways, in this process: with ``seen_fingerprints`` (the band join; what a run does) and with
every stored fingerprint read into a dict (what runs did before). Printed per size: median
milliseconds per batch of each (--rounds batches), the fingerprints each hands to ``mark_duplicates``,
the Python memory that takes (tracemalloc peak), and the ratio of each time to the smallest
size's. Both must find the same duplicates (checked). Reading everything is skipped above
--read-all-max stored articles (at a million it takes minutes and gigabytes per batch).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import timezone
from pathlib import Path

from wirehouse.clean.dedup import Fingerprint, mark_duplicates
from wirehouse.records import Article
from wirehouse.warehouse.db import connect, execute, transaction
from wirehouse.warehouse.fingerprints import seen_fingerprints
from wirehouse.warehouse.schema import apply_schema

def fill(con, size: int) -> None:
    with transaction(con):
        execute(con, "insert into dim_source (source_key, domain, first_seen_at) values (1, 's.example', now()::timestamp)")
        execute(con, """
            insert into dim_article (article_key, canonical_url, article_id, url, source_key, text, text_chars,
                                     text_hash, simhash, duplicate_of_key, published_at, loaded_at, run_id)
            select i + 1, 'https://s.example/' || i, 'a' || i, 'https://s.example/' || i, 1, '', 0, md5(i::varchar),
                   cast(cast(hash(i) as hugeint) - (cast(1 as hugeint) << 63) as bigint),
                   case when i % 20 = 19 then i end, timestamp '2025-01-01' + to_seconds(i), now()::timestamp, 'bench'
            from range($n) as t(i)""", {"n": size})
        execute(con, """
            insert into article_band
            select a.article_key, b.key_offset | ((a.simhash >> b.low_shift) & b.low_mask) | ((a.simhash >> b.high_shift) & b.high_mask)
            from dim_article as a cross join simhash_band as b where a.simhash <> 0""")
    execute(con, "checkpoint")


def batch(con, size: int, count: int, rng: random.Random) -> list[Article]:
    stored = con.execute("select simhash from dim_article where article_key in (select unnest($keys))",
                         {"keys": [rng.randrange(1, size + 1) for _ in range(count // 10)]}).fetchall()
    hashes = [(h & (2**64 - 1)) ^ (1 << rng.randrange(64)) ^ (1 << rng.randrange(64)) ^ (1 << rng.randrange(64))
              for (h,) in stored]
    hashes += [rng.getrandbits(64) for _ in range(count - len(hashes))]
    return [Article(article_id=f"new{rng.getrandbits(48)}", url="u", canonical_url="u", domain="n.example",
                    title=None, text="x", text_hash=f"{rng.getrandbits(160):040x}", simhash=h) for h in hashes]


def read_everything(con) -> dict[str, Fingerprint]:
    rows = con.execute(
        "select a.article_id, a.text_hash, a.simhash, a.published_at, c.article_id from dim_article as a"
        " left join dim_article as c on c.article_key = a.duplicate_of_key"
        " order by a.duplicate_of_key is not null, a.article_key").fetchall()
    return {aid: Fingerprint(h, s & (2**64 - 1), p.replace(tzinfo=timezone.utc) if p else None, d)
            for aid, h, s, p, d in rows}


def measure(lookup, articles):
    """Seconds (a clean pass), Python memory at the peak (a traced pass), fingerprints, marks."""
    started = time.perf_counter()
    seen = lookup()
    marked = mark_duplicates(articles, seen)
    seconds = time.perf_counter() - started
    count = len(seen)
    del seen
    tracemalloc.start()
    mark_duplicates(articles, lookup())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak, count, [a.duplicate_of for a in marked]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--read-all-max", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5, help="batches per size")
    args = parser.parse_args()
    rng = random.Random(5)
    rows = []
    for size in args.sizes:
        path = args.dir / f"wirehouse-dedup-{size}.duckdb"
        path.unlink(missing_ok=True)
        con = connect(path)
        try:
            apply_schema(con)
            started = time.perf_counter()
            fill(con, size)
            filled = time.perf_counter() - started
            band, old, kept, read = [], [], [], []
            for _ in range(args.rounds):
                articles = batch(con, size, args.batch, rng)
                new = measure(lambda: seen_fingerprints(con, articles, 6), articles)
                band.append(new)
                if size <= args.read_all_max:
                    was = measure(lambda: read_everything(con), articles)
                    if new[3] != was[3]:
                        raise SystemExit(f"the band lookup marked other duplicates than the full read at {size}")
                    old.append(was)
            rows.append((size, filled, band, old))
        finally:
            con.close()
            path.unlink(missing_ok=True)
        print(f"{size} articles stored in {filled:.1f} s", file=sys.stderr, flush=True)

    def med(items, i):
        return statistics.median(x[i] for x in items)

    base_band = med(rows[0][2], 0)
    base_old = med(rows[0][3], 0) if rows[0][3] else float("nan")
    print(f"one batch of {args.batch} articles, median of {args.rounds}:")
    print(f"{'stored':>9} {'band ms':>8} {'x':>5} {'seen':>6} {'band MB':>8} {'read-all ms':>11} {'x':>6} "
          f"{'seen':>8} {'read-all MB':>11} {'dups':>5}")
    for size, _, band, old in rows:
        full = (f"{1000 * med(old, 0):>11.1f} {med(old, 0) / base_old:>6.2f} {med(old, 2):>8.0f} "
                f"{med(old, 1) / 2**20:>11.1f}") if old else f"{'(not run)':>11} {'':>6} {'':>8} {'':>11}"
        print(f"{size:>9} {1000 * med(band, 0):>8.1f} {med(band, 0) / base_band:>5.2f} {med(band, 2):>6.0f} "
              f"{med(band, 1) / 2**20:>8.1f} {full} "
              f"{statistics.median(sum(d is not None for d in x[3]) for x in band):>5.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Cost of a run as the warehouse grows: the same new WARC into warehouses already holding 0, 100,000
and 1,000,000 articles.

    .venv/bin/python bench/stored_scale.py --base BASE.duckdb [--stored 0 100000 1000000]
        [--dir /tmp/wirehouse-stored] [--new 10000]

BASE is a warehouse made by a whole run over the first pages of a generated corpus (bench/scale.py
leaves one: ``--sizes 100000`` gives ``DIR/run-100000/wirehouse.duckdb``, a run over pages 0 to
99,999 of seed 1). Without ``--base`` this script makes one (``--base-pages``, 100,000 by default:
1-2 hours). For each stored size S:

- S = 0: a new warehouse.
- S = the base's article count (rounded): a copy of the base file.
- S = k times that: the copy plus k - 1 replicas, written by bulk SQL in the warehouse itself, of
  every table that grows with the articles: ``dim_article`` (same texts, each replica's URLs under
  its own path prefix, its ids, text hashes and event ids rehashed, its SimHashes XORed with one
  64-bit mask per replica so that they keep their distances to each other but are far from the
  other replicas'), its ``article_band`` rows cut from those SimHashes, ``fact_event``, the three
  mention tables, ``seen_input``, ``quarantine``, ``dq_result``, ``pipeline_run``, and the template
  blocks seen on one page (the others, the boilerplate, have their page counts multiplied). The
  tables bounded by outlets and vocabulary (``dim_source``, ``dim_actor``, ``dim_place``,
  ``dim_date``, ``source_place_prior``, whose counts are multiplied) keep their rows. Dates are not
  shifted: the replicas' articles are as old as the base's.

Then ``wirehouse run --warc NEW --db COPY`` in a child process (the same code as a user's run),
NEW being the ``--new`` pages that follow the base's in the same generated sequence (``bench/corpus.py
--first``): the same outlets, later dates, about 4 % copies of earlier articles, some of them
stored. Printed per size: CPU per article (the run and its cleaning pool, ``wait4``), wall time,
the largest process's peak RSS and the tree's peak PSS, the ratios to the empty warehouse, and what
was loaded: new articles, their duplicates (of the batch's own or of stored articles) and event
mentions, read back from the warehouse. Building and reading back happen in processes of their
own (``apart``), so that this one stays small: a child's peak RSS includes its parent's.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scale import run  # noqa: E402

from wirehouse.warehouse.schema import apply_schema  # noqa: E402

# (table, key column, its sequence): the surrogate keys each replica shifts by the sequence's value
KEYS = {
    "article": "seq_article_key",
    "event": "seq_event_key",
    "event_mention": "seq_event_mention_key",
    "actor_mention": "seq_actor_mention_key",
    "place_mention": "seq_place_mention_key",
    "quarantine": "seq_quarantine_key",
}
# a replica's URLs: the same host, the path under /r<n>/
URL = "regexp_replace({col}, '^(https?://[^/]+)/', '\\1/r' || r || '/')"


def replicate(con: duckdb.DuckDBPyConnection, copies: int) -> None:
    """Add ``copies - 1`` replicas of the articles and of everything that grows with them."""
    if copies <= 1:
        return
    stride = {name: con.execute(f"select coalesce(max(last_value), 0) + 1 from duckdb_sequences()"
                                f" where sequence_name = '{seq}'").fetchone()[0] for name, seq in KEYS.items()}
    con.execute("create temp table replica as select r, cast(cast(hash('replica', r) as hugeint)"
                f" - 9223372036854775808 as bigint) as mask from range(1, {copies}) as t(r)")
    s = stride
    article = f"(article_key + r * {s['article']})"
    statements = [
        # the replicas' articles: new URLs, ids, hashes; SimHashes moved far from the others
        f"""insert into dim_article by name select dim_article.* replace (
            {article} as article_key, {URL.format(col='canonical_url')} as canonical_url,
            left(md5({URL.format(col='canonical_url')}), 20) as article_id, {URL.format(col='url')} as url,
            left(sha256(text_hash || '-' || r), 40) as text_hash,
            case when simhash = 0 then 0 else xor(simhash, mask) end as simhash,
            duplicate_of_key + r * {s['article']} as duplicate_of_key, run_id || '-r' || r as run_id)
            from dim_article cross join replica""",
        f"""insert into article_band select a.article_key, b.key_offset | ((a.simhash >> b.low_shift) & b.low_mask) | ((a.simhash >> b.high_shift) & b.high_mask)
            from dim_article as a cross join simhash_band as b
            where a.simhash <> 0 and a.article_key >= {s['article']}""",
        f"""insert into fact_event by name select fact_event.* replace (
            event_key + r * {s['event']} as event_key, left(md5(event_id || '-' || r), 24) as event_id,
            {article} as article_key, run_id || '-r' || r as run_id)
            from fact_event cross join replica""",
        f"""insert into fact_event_mention by name select fact_event_mention.* replace (
            event_mention_key + r * {s['event_mention']} as event_mention_key,
            event_key + r * {s['event']} as event_key, {article} as article_key, run_id || '-r' || r as run_id)
            from fact_event_mention cross join replica""",
        f"""insert into fact_actor_mention by name select fact_actor_mention.* replace (
            actor_mention_key + r * {s['actor_mention']} as actor_mention_key, {article} as article_key,
            run_id || '-r' || r as run_id)
            from fact_actor_mention cross join replica""",
        f"""insert into fact_place_mention by name select fact_place_mention.* replace (
            place_mention_key + r * {s['place_mention']} as place_mention_key, {article} as article_key,
            run_id || '-r' || r as run_id)
            from fact_place_mention cross join replica""",
        f"""insert into seen_input by name select seen_input.* replace (
            input_ref_key({URL.format(col='ref')}) as ref_key, {URL.format(col='ref')} as ref, left(sha256(content_sha1 || '-' || r), 40) as content_sha1,
            run_id || '-r' || r as run_id)
            from seen_input cross join replica""",
        f"""insert into quarantine by name select quarantine.* replace (
            quarantine_key + r * {s['quarantine']} as quarantine_key, run_id || '-r' || r as run_id,
            {URL.format(col='ref')} as ref, left(sha256(fingerprint || '-' || r), 40) as fingerprint)
            from quarantine cross join replica""",
        """insert into dq_result by name select dq_result.* replace (
            run_id || '-r' || r as run_id, batch_id || '-r' || r as batch_id)
            from dq_result cross join replica""",
        """insert into pipeline_run by name select pipeline_run.* replace (run_id || '-r' || r as run_id)
            from pipeline_run cross join replica""",
        # template blocks: those seen on one page are the articles' own (new ones per replica),
        # the others are the outlets' boilerplate, seen on as many more pages
        f"update template_block set pages = pages * {copies} where pages > 1",
        """insert into template_block by name select template_block.* replace (xor(block_key, mask) as block_key)
            from template_block cross join replica where pages = 1""",
        f"update source_place_prior set articles = articles * {copies}, mentions = mentions * {copies}",
    ]
    for statement in statements:
        started = time.perf_counter()
        con.execute("begin")
        con.execute(statement)
        con.execute("commit")
        print(f"  {' '.join(statement.split()[:3])} ... {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    for name, seq in KEYS.items():  # later keys come after every replica's
        con.execute(f"select max(nextval('{seq}')) from range({(copies - 1) * stride[name]})").fetchall()
    con.execute("checkpoint")


def build(stored: int, base: Path, base_articles: int, db: Path) -> None:
    for p in (db, Path(f"{db}.wal")):
        p.unlink(missing_ok=True)
    if stored == 0:
        return
    copies = round(stored / base_articles)
    if copies < 1 or abs(copies * base_articles - stored) > base_articles // 2:
        raise SystemExit(f"{stored} stored articles is not a multiple of the base's {base_articles}")
    shutil.copyfile(base, db)
    con = duckdb.connect(str(db))
    try:
        con.execute("set memory_limit = '4GB'")
        con.execute("set enable_progress_bar = false")
        apply_schema(con)  # the base may be older: its tables as this code has them
        replicate(con, copies)
    finally:
        con.close()


def apart(fn, *args):
    """``fn(*args)`` in a new process, its result returned. The warehouse is built and read back
    there, never in this process: Linux carries a process's peak RSS over to a child it starts
    (``exec`` keeps the high-water mark of the image it replaces), so a run started by a harness
    that had built a million-article warehouse in its own memory reported the harness's 4 GB as
    the run's "max RSS"."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def loaded(db: Path) -> dict:
    """What the last run loaded, read back: its articles, their duplicates (all, and of articles
    stored before it), its event mentions; and the warehouse's article count."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        run_id = con.execute("select run_id from pipeline_run order by started_at desc limit 1").fetchone()[0]
        first = con.execute("select coalesce(min(article_key), 0) from dim_article where run_id = $r", {"r": run_id}).fetchone()[0]
        row = con.execute(
            """select count(*), count(duplicate_of_key), count(*) filter (where duplicate_of_key < $first)
               from dim_article where run_id = $r""", {"r": run_id, "first": first}).fetchone()
        mentions = con.execute("select count(*) from fact_event_mention where run_id = $r", {"r": run_id}).fetchone()[0]
        total = con.execute("select count(*) from dim_article").fetchone()[0]
        status = con.execute("select status from pipeline_run where run_id = $r", {"r": run_id}).fetchone()[0]
    finally:
        con.close()
    return {"new": row[0], "dups": row[1], "dups_stored": row[2], "mentions": mentions, "total": total,
            "status": status}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stored", type=int, nargs="+", default=[0, 100000, 1000000])
    parser.add_argument("--base", type=Path, help="a warehouse made by a run over the first --base-pages pages")
    parser.add_argument("--base-pages", type=int, default=100000)
    parser.add_argument("--new", type=int, default=10000, help="pages of the new WARC run into each warehouse")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/wirehouse-stored"))
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("WIREHOUSE_DATA_DOCS", "false")
    if args.base is None:
        args.base = args.dir / "base.duckdb"
        if not args.base.exists():
            pages = args.dir / f"corpus-{args.base_pages}.warc.gz"
            if not pages.exists():
                subprocess.run([sys.executable, str(HERE / "corpus.py"), "--articles", str(args.base_pages),
                                "--warc", str(pages), "--jobs", "2"], check=True)
            run(pages, args.base)
    con = duckdb.connect(str(args.base), read_only=True)
    base_articles = con.execute("select count(*) from dim_article").fetchone()[0]
    base_pages = con.execute("select count(*) from seen_input").fetchone()[0]
    con.close()
    new = args.dir / f"next-{args.new}.warc.gz"
    if not new.exists():
        # the pages after the base's: the base's page count plus its quarantined and unreadable ones
        subprocess.run([sys.executable, str(HERE / "corpus.py"), "--articles", str(args.new), "--first",
                        str(args.base_pages), "--warc", str(new), "--jobs", "2"], check=True)
    print(f"base {args.base}: {base_articles} articles from {base_pages} inputs; new WARC {new}", file=sys.stderr)
    rows = []
    for stored in args.stored:
        db = args.dir / f"stored-{stored}.duckdb"
        started = time.perf_counter()
        apart(build, stored, args.base, base_articles, db)
        built = time.perf_counter() - started
        size = db.stat().st_size if db.exists() else 0
        load = os.getloadavg()[0]
        result = run(new, db, fresh=False)
        result.update(apart(loaded, db), stored=stored, built=built, size=size, load=(load + os.getloadavg()[0]) / 2)
        rows.append(result)
        print(f"{stored} stored ({size / 2**20:.0f} MB, built in {built:.0f} s): {result['new']} new articles "
              f"({result['dups']} duplicates, {result['dups_stored']} of stored ones), {result['mentions']} event "
              f"mentions, {result['total']} in all, run {result['status']}; {result['wall']:.0f} s, "
              f"cpu {result['cpu']:.0f} s, max RSS {result['rss'] / 2**20:.0f} MB, tree PSS "
              f"{result['tree'] / 2**20:.0f} MB (load {result['load']:.1f})", file=sys.stderr, flush=True)
    base = rows[0]
    print(f"{'stored':>9} {'file MB':>8} {'new':>6} {'dups':>5} {'of stored':>9} {'mentions':>8} {'wall s':>7} "
          f"{'ms/art':>7} {'cpu ms/art':>10} {'max RSS MB':>10} {'tree PSS MB':>11} {'cpu x':>6} {'RSS x':>6} "
          f"{'tree x':>6} {'load':>5}")
    for r in rows:
        per = lambda x, n=r["new"]: 1000 * x / max(1, n)  # noqa: E731
        print(f"{r['stored']:>9} {r['size'] / 2**20:>8.0f} {r['new']:>6} {r['dups']:>5} {r['dups_stored']:>9} "
              f"{r['mentions']:>8} {r['wall']:>7.0f} {per(r['wall']):>7.1f} {per(r['cpu']):>10.1f} "
              f"{r['rss'] / 2**20:>10.0f} {r['tree'] / 2**20:>11.0f} "
              f"{per(r['cpu']) / per(base['cpu'], base['new']):>6.2f} {r['rss'] / base['rss']:>6.2f} "
              f"{r['tree'] / base['tree']:>6.2f} {r['load']:>5.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Index memory one batch's writes load into DuckDB, and the CPU of saving a batch's template blocks,
on a stored warehouse: before and after sql/schema/014 (template_block and seen_input without
index-backed keys).

    .venv/bin/python bench/index_memory.py COPY.duckdb [--migrate] [--blocks 3000] [--inputs 200]
        [--articles 200] [--repeat 3]

COPY is a copy of a warehouse (it is written: with ``--migrate`` the schema is brought to this
release's first, timed; the batch writes themselves are rolled back). For each write, in a new
connection (so nothing is cached from the one before), inside a transaction that is rolled back:

- template_block: a batch's blocks, half of them keys the table holds (a random sample, counted
  up) and half new ones (the sampled keys XORed with a constant), saved as the release before 014
  did (an upsert on the primary key; only while the table has that key) and as this release does
  (``add_templates``: an update joined on the batch's keys and an anti-joined insert);
- seen_input: the batch's inputs (new refs: sampled stored refs with a query string added, so as
  spread over the key space as a batch's pages of many outlets), recorded by
  sql/operations/record_seen_inputs.sql;
- dim_article: the batch's articles (copies of sampled rows under new keys, URLs and ids), inserted
  as they are (dim_article keeps its three indexes).

Printed per write: DuckDB's memory tagged ART_INDEX after it (``duckdb_memory()``; DuckDB keeps the
index parts an insert touched in memory, counted against memory_limit), and the CPU seconds of the
statements (this process, all threads; the median of --repeat runs). The load average is printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections import Counter
from pathlib import Path

import duckdb
import pyarrow as pa

from wirehouse.warehouse.load import INPUT_SCHEMA, run_sql_file
from wirehouse.warehouse.schema import apply_schema
from wirehouse.warehouse.templates import add_templates

UPSERT_BEFORE_014 = (
    "insert into template_block (domain, block_key, pages, updated_at)"
    " select domain, block_key, pages, now()::timestamp from stg_template_counts"
    " on conflict (domain, block_key) do update"
    " set pages = template_block.pages + excluded.pages, updated_at = excluded.updated_at"
)
_COUNTS = pa.schema([("domain", pa.string()), ("block_key", pa.int64()), ("pages", pa.int32())])


def open_db(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path))
    con.execute("set memory_limit = '4GB'")
    con.execute("set enable_progress_bar = false")
    return con


def art_mb(con: duckdb.DuckDBPyConnection) -> float:
    row = con.execute("select memory_usage_bytes from duckdb_memory() where tag = 'ART_INDEX'").fetchone()
    return (row[0] if row else 0) / 2**20


def has_key(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    kinds = {r[0] for r in con.execute(
        "select constraint_type from duckdb_constraints() where table_name = $t", {"t": table}).fetchall()}
    return bool(kinds & {"PRIMARY KEY", "UNIQUE"})


def measure(path: Path, write, repeat: int) -> tuple[float, float]:
    """(ART index MB after the write, median CPU seconds of the write), each run rolled back."""
    mbs, cpus = [], []
    for _ in range(repeat):
        con = open_db(path)
        try:
            con.execute("begin transaction")
            started = time.process_time()
            write(con)
            cpus.append(time.process_time() - started)
            mbs.append(art_mb(con))
            con.execute("rollback")
        finally:
            con.close()
    return max(mbs), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--migrate", action="store_true", help="apply this release's migrations first (timed)")
    parser.add_argument("--blocks", type=int, default=3000)
    parser.add_argument("--inputs", type=int, default=200)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    con = open_db(args.db)
    if args.migrate:
        started, cpu = time.perf_counter(), time.process_time()
        version = apply_schema(con)
        print(f"migrated to {version}: {time.perf_counter() - started:.1f} s wall, "
              f"{time.process_time() - cpu:.1f} s CPU")
    rows = {t: con.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("dim_article", "template_block", "seen_input")}
    half = args.blocks // 2
    sample = con.execute(f"select domain, block_key from template_block using sample {half} rows").fetchall()
    refs = [r for (r,) in con.execute(f"select ref from seen_input using sample {args.inputs} rows").fetchall()]
    keyed = has_key(con, "template_block")
    con.close()
    print(f"{args.db}: {rows['dim_article']:,} articles, {rows['template_block']:,} template blocks, "
          f"{rows['seen_input']:,} inputs; template_block {'has' if keyed else 'has no'} primary key")

    added: dict[str, Counter] = {}
    for domain, block in sample:
        added.setdefault(domain, Counter())[block] += 1  # a stored block seen again
        added[domain][block ^ 0x5DEECE66D] += 1  # a new one
    table = pa.Table.from_pylist(
        [{"domain": d, "block_key": b, "pages": n} for d, c in added.items() for b, n in c.items()], schema=_COUNTS)

    def upsert(c):
        c.register("stg_template_counts", table)
        c.execute(UPSERT_BEFORE_014).fetchall()

    def update_and_insert(c):
        add_templates(c, added)

    inputs = pa.Table.from_pylist(
        [{"ref": f"{ref}?bench", "content_sha1": str(i)} for i, ref in enumerate(refs)],
        schema=INPUT_SCHEMA)

    def seen(c):
        c.register("stg_seen_input", inputs)
        run_sql_file(c, "record_seen_inputs", {"run_id": "bench"})

    def articles(c):
        c.execute(
            "insert into dim_article by name select * replace (article_key + 1000000000 as article_key,"
            " canonical_url || '#bench' as canonical_url, article_id || '-bench' as article_id)"
            f" from (select * from dim_article using sample {args.articles} rows)").fetchall()

    writes = [(f"template_block: {table.num_rows:,} blocks, upsert (before 014)", upsert)] if keyed else []
    writes += [
        (f"template_block: {table.num_rows:,} blocks, update + anti-joined insert", update_and_insert),
        (f"seen_input: {args.inputs} inputs, record_seen_inputs.sql", seen),
        (f"dim_article: {args.articles} articles, insert", articles),
    ]
    print(f"{'write':<60} {'ART index MB':>12} {'CPU ms':>8}")
    for name, write in writes:
        mb, cpu = measure(args.db, write, args.repeat)
        print(f"{name:<60} {mb:>12.0f} {1000 * cpu:>8.0f}", flush=True)
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

"""Warehouse bulk load and named-query speed on a synthetic warehouse.

    python bench/load_speed.py [--events 1000000] [--db /tmp/wirehouse-bench.duckdb] [--keep]

Loads one batch of --events event rows (with their articles, 2 actor mentions and 1 place
mention per event, and the dimensions) through wirehouse.warehouse.load.load_batch into a new
DuckDB file, in one transaction, then checkpoints. Baseline in the same process: the same Arrow
tables copied as they are into unconstrained tables of a fresh file (the floor for getting these
bytes into DuckDB). Then: the same batch again (idempotent update in place), a small incremental
batch, and every named query in sql/queries/ on the loaded warehouse (median of 3 runs).
The load and the baseline are also given in CPU seconds of this process (all its threads), which
other jobs on the machine disturb less than wall-clock time; the load average is printed at the
start and at the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from wirehouse.warehouse.db import checkpoint, connect, execute
from wirehouse.warehouse.load import load_batch
from wirehouse.warehouse.queries import named_queries, run_query
from wirehouse.warehouse.schema import apply_schema
from wirehouse.warehouse.synthetic import synthetic_batch

PARAMS = {"who_did_what": {"country": "IRQ"}, "conflict_intensity": {"country": "IRQ"}}


def fresh(path: Path):
    for p in (path, Path(str(path) + ".wal")):
        if p.exists():
            p.unlink()
    return connect(path)


def batch_rows(batch) -> int:
    return sum(t.num_rows for t in batch.tables().values())


def baseline(batch, path: Path) -> tuple[float, float]:
    """Seconds (wall, CPU of this process) to copy the staged tables into plain tables."""
    con = fresh(path)
    start, cpu = time.perf_counter(), time.process_time()
    execute(con, "begin")
    for name, table in batch.tables().items():
        con.register(name, table)
        execute(con, f"create table copy_{name} as select * from {name}")
    execute(con, "commit")
    checkpoint(con)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    con.close()
    return seconds, cpu


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/wirehouse-bench.duckdb"))
    parser.add_argument("--keep", action="store_true", help="keep the warehouse file for bench/query_speed.py")
    args = parser.parse_args(argv)

    print(f"load average at start: {load_average()}")
    t = time.perf_counter()
    batch = synthetic_batch(args.events, tag="bench")
    print(f"synthetic batch: {args.events:,} events, {batch.articles.num_rows:,} articles, "
          f"{batch.actor_mentions.num_rows:,} actor + {batch.place_mentions.num_rows:,} place mentions "
          f"({batch_rows(batch):,} staged rows) built in {time.perf_counter() - t:.1f} s")

    base, base_cpu = baseline(batch, args.db.with_suffix(".baseline.duckdb"))
    os.remove(args.db.with_suffix(".baseline.duckdb"))

    con = fresh(args.db)
    apply_schema(con)
    start, cpu = time.perf_counter(), time.process_time()
    load_batch(con, batch, "bench-1")
    first, first_cpu = time.perf_counter() - start, time.process_time() - cpu
    written = sum(con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in (
        "dim_article", "dim_source", "dim_date", "dim_actor", "dim_place", "fact_event", "fact_event_mention",
        "fact_actor_mention", "fact_place_mention"))

    start = time.perf_counter()
    load_batch(con, batch, "bench-2")
    again = time.perf_counter() - start

    small = synthetic_batch(10_000, tag="bench-increment", seed=3)
    start = time.perf_counter()
    load_batch(con, small, "bench-3")
    increment = time.perf_counter() - start

    print()
    print("| figure | value |")
    print("|---|---|")
    print(f"| first load of {args.events:,} events (one transaction + checkpoint) | {first:.1f} s |")
    print(f"| event rows/s | {args.events / first:,.0f} |")
    print(f"| rows written/s (all {written:,} warehouse rows: facts, mentions, dimensions) | {written / first:,.0f} |")
    print(f"| baseline: the staged tables copied into plain tables | {base:.1f} s ({batch_rows(batch) / base:,.0f} rows/s) |")
    print(f"| load / baseline | {first / base:.2f}x |")
    print(f"| CPU seconds of this process: load, baseline, ratio | {first_cpu:.1f}, {base_cpu:.1f}, {first_cpu / base_cpu:.2f}x |")
    print(f"| same batch again (updates in place, no new rows) | {again:.1f} s |")
    print(f"| incremental batch of 10,000 events into the {args.events:,}-event warehouse | {increment:.2f} s |")

    print()
    print(f"| named query on {args.events:,} events | median of 3 (ms) | rows |")
    print("|---|---|---|")
    for name in named_queries():
        times = []
        for _ in range(3):
            start = time.perf_counter()
            table = run_query(con, name, **PARAMS.get(name, {}))
            times.append((time.perf_counter() - start) * 1000)
        print(f"| {name} | {statistics.median(times):.0f} | {table.num_rows} |")
    con.close()
    print(f"\nload average at the end: {load_average()}")
    if not args.keep:
        for p in (args.db, Path(str(args.db) + ".wal")):
            if p.exists():
                p.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())

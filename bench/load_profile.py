"""Where a run's warehouse work goes, part by part: ``wirehouse run --warc`` in this process with
each warehouse call of a batch timed (CPU of this process, which holds DuckDB's threads; the
cleaning pool's processes are not counted).

    .venv/bin/python bench/load_profile.py --warc PAGES.warc.gz --db WAREHOUSE.duckdb

Run it on a copy (the run loads into the file). Printed: per part (each sql/load file, the
duplicate lookup, the template counts and saving, the stored articles by id, the seen inputs
recorded, the outlet priors, the begin and commit of every transaction, the checkpoint after
the load), the CPU and wall time per batch (summed
over the run's batches, divided by their number). Comparing a warehouse
holding few articles with one holding many shows what grows with the stored size.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("WIREHOUSE_DATA_DOCS", "false")

from wirehouse import pipeline  # noqa: E402
from wirehouse.warehouse import db, load, templates  # noqa: E402

SPENT: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])


def timed(name: str, fn):
    def wrapper(*args, **kwargs):
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            part = SPENT[name]
            part[0] += time.process_time() - cpu
            part[1] += time.perf_counter() - wall
            part[2] += 1
    return wrapper


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warc", type=Path, required=True)
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()

    names = {sql: name for name, sql in load._load_statements()}
    execute = load.execute

    def load_execute(con, sql, params=None):
        return timed(f"load {names.get(sql, 'other statements')}", execute)(con, sql, params)

    load.execute = load_execute
    db_execute = db.execute

    def commit_execute(con, sql, params=None):  # the load transaction's begin and commit
        if sql in ("begin transaction", "commit"):
            return timed(f"load transaction: {sql}", db_execute)(con, sql, params)
        return db_execute(con, sql, params)

    db.execute = commit_execute
    load.staged_tables = timed("staging the batch's tables (Arrow)", load.staged_tables)
    load.checkpoint = timed("checkpoint after the batch", load.checkpoint)
    pipeline.seen_fingerprints = timed("duplicate lookup (seen_fingerprints)", pipeline.seen_fingerprints)
    pipeline.stored_articles = timed("stored articles by id", pipeline.stored_articles)
    templates.stored_counts = timed("template counts (stored_counts)", templates.stored_counts)
    pipeline.add_templates = timed("template saving (add_templates)", pipeline.add_templates)
    pipeline.record_seen_inputs = timed("seen inputs recorded", pipeline.record_seen_inputs)
    pipeline.outlet_priors = timed("outlet priors", pipeline.outlet_priors)
    pipeline.load_batch = timed("the load transaction in all", pipeline.load_batch)

    from wirehouse.cli import app

    cpu, wall = time.process_time(), time.perf_counter()
    try:
        app(["run", "--warc", str(args.warc), "--db", str(args.db)], standalone_mode=False)
    except SystemExit:
        pass
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    batches = max(1, SPENT["the load transaction in all"][2])
    print(f"{args.db}: {batches} batches; this process {cpu:.1f} s CPU, {wall:.1f} s wall")
    print(f"{'part':<52} {'CPU ms/batch':>12} {'wall ms/batch':>13} {'calls':>6}")
    for name, (c, w, n) in sorted(SPENT.items(), key=lambda kv: -kv[1][0]):
        print(f"{name:<52} {1000 * c / batches:>12.0f} {1000 * w / batches:>13.0f} {n:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

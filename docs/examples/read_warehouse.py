"""Read the wirehouse warehouse from your own Python, read-only, into pandas (or polars).

    python docs/examples/read_warehouse.py [DB] [--snapshot] [--country IRQ]

DuckDB lets one process write a database file. Without --snapshot this opens the file
read-only, which works whenever no load is running; while `wirehouse run` (or a scheduled crawl)
loads, opening it fails with "Could not set lock on file". With --snapshot it reads a private copy
taken now instead, which holds every batch finished before the copy (the loader checkpoints after
each batch). Both leave the warehouse untouched.

It prints the columns of v_event with their comments (the data dictionary), the number of
events per QuadClass, and the latest events with their evidence.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import duckdb


@contextmanager
def open_warehouse(path: Path, snapshot: bool = False):
    """A read-only connection: to the file itself, or to a private copy of it."""
    if not snapshot:
        con = duckdb.connect(str(path), read_only=True)
        try:
            yield con
        finally:
            con.close()
        return
    with tempfile.TemporaryDirectory(prefix="warehouse-copy-") as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)  # the .wal file is left behind: the copy is the last checkpoint
        con = duckdb.connect(str(copy), read_only=True)
        try:
            yield con
        finally:
            con.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", nargs="?", default="data/wirehouse.duckdb", type=Path)
    parser.add_argument("--snapshot", action="store_true", help="read a private copy (works while a load runs)")
    parser.add_argument("--country", help="only events placed in or with an actor of this ISO-3 country")
    args = parser.parse_args()
    try:
        with open_warehouse(args.db, args.snapshot) as con:
            # the data dictionary: what each column of the analysts' view means
            dictionary = con.sql("select column_name, data_type, comment from v_dictionary "
                                 "where table_name = 'v_event' order by column_index").df()
            # parameters, never strings pasted into SQL
            events = con.execute(
                "select event_date, source_actor, cameo_code, event_label, target_actor, quad_class, goldstein, "
                "place_name, sentence, article_url from v_event "
                "where $country is null or $country in (place_country, source_country, target_country) "
                "order by event_date desc nulls last, event_key desc",
                {"country": args.country},
            ).df()  # .pl() gives a polars DataFrame instead, when polars is installed
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
        print(f"{args.db} is being loaded by another process; run again with --snapshot", file=sys.stderr)
        return 1
    print(dictionary.to_string(index=False, max_colwidth=70))
    print()
    print(events.groupby("quad_class").size().rename("events").to_string())
    print()
    print(f"{len(events)} events; the latest:")
    print(events.head(5)[["event_date", "source_actor", "event_label", "target_actor", "place_name"]].to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

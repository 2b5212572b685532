"""How long `wirehouse report` takes, and how large its file is, as the warehouse grows.

    python bench/report_speed.py [--events 10000 100000] [--db /tmp/wirehouse-report-bench.duckdb]

For each size: a synthetic warehouse of that many events (wirehouse.warehouse.synthetic), then
the report's stages timed in one process: the queries (collect), the chart specifications
(altair), the page (jinja2, the Vega bundle already made), and the file's size. Baseline in the
same process: `wirehouse export --format parquet` of the same warehouse, the other full read of
it the daily rollup does. The Vega bundle is made once per process and timed on its own.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from wirehouse.report import html
from wirehouse.report.export import export_warehouse
from wirehouse.warehouse.db import checkpoint, connect
from wirehouse.warehouse.load import load_batch
from wirehouse.warehouse.schema import apply_schema
from wirehouse.warehouse.synthetic import synthetic_batch


def timed(func, *args, **kwargs):
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "wirehouse-report-bench.duckdb")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    _, bundle_s = timed(html._vega_bundle)
    print(f"Vega bundle (once per process): {bundle_s:.2f} s, {len(html._vega_bundle()) / 1e6:.2f} MB")
    print("| events | collect s | charts s | page s | report s | file MB | parquet export s | report / export |")
    print("|---|---|---|---|---|---|---|---|")
    for events in args.events:
        for p in (args.db, Path(str(args.db) + ".wal")):
            p.unlink(missing_ok=True)
        con = connect(args.db)
        apply_schema(con)
        load_batch(con, synthetic_batch(events, tag=f"r{events}"), f"bench-{events}")
        checkpoint(con)
        con.close()
        con = connect(args.db, read_only=True)
        data, collect_s = timed(html.collect, con)
        _, charts_s = timed(html.charts, data)
        page, page_s = timed(html.render, data)  # renders the charts again: page_s includes them
        out = Path(tempfile.mkdtemp(prefix="wirehouse-report-bench-"))
        _, export_s = timed(export_warehouse, con, out / "parquet", "parquet")
        con.close()
        shutil.rmtree(out)
        report_s = collect_s + page_s
        print(f"| {events:,} | {collect_s:.2f} | {charts_s:.2f} | {page_s:.2f} | {report_s:.2f} | "
              f"{len(page.encode()) / 1e6:.2f} | {export_s:.2f} | {report_s / export_s:.2f} |")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

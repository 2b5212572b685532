"""Speed-up of the flow with clean and enrich on a local Dask cluster, against the same flow with
the stages inline, on the same generated corpus (see prefect_overhead.py), each into a fresh
warehouse, in this process.

    .venv/bin/python bench/dask_speedup.py [--articles 600] [--batch-size 100] [--workers 2]

Inline, cleaning already uses a process pool of --workers; Dask adds enrichment in parallel and
overlaps the batches. Fetches (here: reading files) and loads stay in the flow's process. Two Dask
runs: the flow starting a local cluster of its own (the default), and the flow sent to a cluster
already running (``WIREHOUSE_DASK_ADDRESS``, as a user with a standing cluster runs it).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from prefect_overhead import load_flow, prefect_server, run_flow, write_corpus  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    os.environ["WIREHOUSE_BATCH_SIZE"] = str(args.batch_size)
    os.environ["WIREHOUSE_WORKERS"] = str(args.workers)
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from distributed import LocalCluster

    with tempfile.TemporaryDirectory(prefix="wirehouse-bench-") as tmp, prefect_server(Path(tmp)):
        tmp = Path(tmp)
        pages = write_corpus(tmp / "pages", args.articles)
        flow = load_flow()
        run_flow(flow, write_corpus(tmp / "warmup", 10), tmp / "warmup.duckdb")
        inline, s1 = run_flow(flow, pages, tmp / "inline.duckdb", dask=False)
        on_dask, s2 = run_flow(flow, pages, tmp / "dask.duckdb", dask=True)
        # an existing cluster (WIREHOUSE_DASK_ADDRESS), its workers warmed by a small run first
        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster:
            os.environ["WIREHOUSE_DASK_ADDRESS"] = cluster.scheduler_address
            run_flow(flow, write_corpus(tmp / "warmup-dask", 4 * args.workers), tmp / "warmup-dask.duckdb", dask=True)
            warm, s3 = run_flow(flow, pages, tmp / "dask-warm.duckdb", dask=True)
            del os.environ["WIREHOUSE_DASK_ADDRESS"]
    for summary in (s2, s3):
        assert s1.articles_loaded == summary.articles_loaded and s1.events == summary.events, (s1, summary)
    print(f"articles: {args.articles} in batches of {args.batch_size}, {args.workers} workers, "
          f"{os.cpu_count()} cores; every run loaded {s1.articles_loaded} articles, {s1.events} event mentions")
    print(f"flow, stages inline                  : {inline:7.2f} s  ({args.articles / inline:6.1f} articles/s)")
    print(f"flow, on a local cluster of its own  : {on_dask:7.2f} s  ({args.articles / on_dask:6.1f} articles/s, "
          f"cluster start included): {inline / on_dask:.2f}x")
    print(f"flow, on a running (warm) cluster    : {warm:7.2f} s  ({args.articles / warm:6.1f} articles/s): "
          f"{inline / warm:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

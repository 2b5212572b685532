"""Memory of planning a run (``plan_batches``) over a folder of saved HTML files or a WARC: what the
plan holds while its first batches are taken, or over the whole plan. Run it once per build
(``PYTHONPATH`` picks the source tree) on the same input:

    .venv/bin/python bench/plan_memory.py (--html-dir DIR | --warc FILE) [--batches K] [--db FILE] [--heap]

``--batches K`` takes the first K batches (what a run holds before it starts its first; the
default) and keeps them, as the driver would while they are in flight; ``--batches 0`` takes every
batch and drops each (the whole planning step of a run, a stream). Prints the inputs planned, the
process's peak RSS and the RSS when the batches were taken (above the RSS before planning), the
CPU time of planning and, with ``--heap``, the Python heap at its peak and held after
(tracemalloc: the same on a busy machine, but it makes planning several times slower) and the
pickled size of the batches kept (what the flow hands its fetch tasks). A build whose
``plan_batches`` returns a list cuts every batch first whatever K is.
"""

from __future__ import annotations

import argparse
import pickle
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

import psutil


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--html-dir", type=Path)
    source.add_argument("--warc", type=Path)
    parser.add_argument("--batches", type=int, default=3, help="batches to take (0: all, dropping each)")
    parser.add_argument("--db", type=Path, help="warehouse file (default: a fresh one in a temporary folder)")
    parser.add_argument("--heap", action="store_true", help="also trace the Python heap (slow)")
    args = parser.parse_args()

    import wirehouse
    from wirehouse.crawl.sources import SourceSpec
    from wirehouse.pipeline import RunSummary, open_warehouse, plan_batches
    from wirehouse.settings import Settings

    me = psutil.Process()
    mb = 1024 * 1024
    kept, taken, inputs, heap = [], 0, 0, ""
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db_path=args.db or Path(tmp) / "plan.duckdb")
        con = open_warehouse(settings)
        try:
            spec = SourceSpec.from_options(html_dir=args.html_dir, warc=[args.warc] if args.warc else None)
            if args.heap:
                tracemalloc.start()
                base = tracemalloc.get_traced_memory()[0]
            before = me.memory_info().rss
            cpu = time.process_time()
            for batch in plan_batches(con, spec, settings, RunSummary(run_id="bench-plan")):
                taken += 1
                inputs += len(batch.files or batch.warc or batch.targets)
                if args.batches:
                    kept.append(batch)
                    if taken == args.batches:
                        break
            cpu = time.process_time() - cpu
            after = me.memory_info().rss
            if args.heap:
                held, peak = tracemalloc.get_traced_memory()
                tracemalloc.stop()
                heap = f"; heap peak {(peak - base) / mb:.1f} MB, held {(held - base) / mb:.1f} MB"
        finally:
            con.close()
    what = f"first {taken} batches" if args.batches else f"all {taken} batches"
    print(f"{wirehouse.__file__}: {what}, {inputs} inputs; peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, RSS {before / mb:.0f} MB before "
          f"planning, +{(after - before) / mb:.0f} MB after; planning CPU {cpu:.1f} s{heap}; "
          f"kept batches pickled {len(pickle.dumps(kept)) / mb:.2f} MB")


if __name__ == "__main__":
    main()

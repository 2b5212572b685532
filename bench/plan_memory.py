"""Memory of planning a run over a folder of saved HTML files (``plan_batches`` with ``--html-dir``):
what the plan holds before the first batch is read. Run it once per build (``PYTHONPATH`` picks
the source tree) on the same folder:

    .venv/bin/python bench/plan_memory.py --html-dir DIR [--db FILE]

Prints the files planned, the Python heap at its peak while planning and what the plan still holds
after it (tracemalloc, the same on a busy machine), the pickled plan's size (what the flow hands its
fetch tasks), the process's peak RSS and the CPU time of planning.
"""

from __future__ import annotations

import argparse
import pickle
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--html-dir", type=Path, required=True)
    parser.add_argument("--db", type=Path, help="warehouse file (default: a fresh one in a temporary folder)")
    args = parser.parse_args()

    import wirehouse
    from wirehouse.crawl.sources import SourceSpec
    from wirehouse.pipeline import RunSummary, open_warehouse, plan_batches
    from wirehouse.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db_path=args.db or Path(tmp) / "plan.duckdb")
        con = open_warehouse(settings)
        try:
            spec = SourceSpec.from_options(html_dir=args.html_dir)
            tracemalloc.start()
            base = tracemalloc.get_traced_memory()[0]
            cpu = time.process_time()
            batches = plan_batches(con, spec, settings, RunSummary(run_id="bench-plan"))
            cpu = time.process_time() - cpu
            held, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        finally:
            con.close()
    items = sum(len(getattr(b, "files", ()) or getattr(b, "pages", ())) for b in batches)
    mb = 1024 * 1024
    print(f"{wirehouse.__file__}: {items} files in {len(batches)} batches; planning heap peak "
          f"{(peak - base) / mb:.1f} MB, plan held {(held - base) / mb:.1f} MB, pickled {len(pickle.dumps(batches)) / mb:.1f} MB; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; planning CPU {cpu:.2f} s")


if __name__ == "__main__":
    main()

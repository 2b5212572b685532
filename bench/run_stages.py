"""Where a whole run's CPU goes, stage by stage: the main process and the extraction pool apart.

    .venv/bin/python bench/run_stages.py PAGES_DIR [--db FILE] [--workers 2]

Runs ``run_pipeline`` over ``--html-dir PAGES_DIR`` (as ``wirehouse run`` does, into a new
warehouse) in this process, with each stage of the driver (and the steps inside the load stage)
wrapped by a timer that reads this process's CPU time (``time.process_time``: every thread of the
process, DuckDB's included) and its children's (``RUSAGE_CHILDREN``: the extraction pool's forked
workers, counted when the pool is joined). Nested steps are indented under the step that calls
them; their CPU is part of it. The imports before the run and the run's total are printed too.

Printed: per step, calls, main-process CPU seconds, pool CPU seconds, and the wall seconds the
main process spent in it; and how long the extraction pool had work pending (from a batch handed
to it to its last chunk done) against the run's wall time after the first batch was handed to it:
the rest is time the pool's processes had nothing to do while the main process worked; and the
CPU the garbage collector took in the main process, by generation.
"""

from __future__ import annotations

import time

_T0 = time.process_time()

import argparse  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from collections import defaultdict  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from pathlib import Path  # noqa: E402

import wirehouse.pipeline as pipeline  # noqa: E402
from wirehouse.crawl.sources import SourceSpec  # noqa: E402
from wirehouse.settings import Settings  # noqa: E402

_IMPORTED = time.process_time()

TOTALS: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0, 0.0])  # calls, main, pool, wall
ORDER: list[tuple[int, str]] = []
_DEPTH = [0]
PENDING: list[list[float]] = []  # per batch: when it was handed to the pool, when its last chunk was done


GC: dict[int, list[float]] = {0: [0, 0.0], 1: [0, 0.0], 2: [0, 0.0]}  # generation -> collections, CPU s
_GC_START = [0.0]


def _collecting(phase: str, info: dict) -> None:
    """The garbage collector's CPU in this process, by generation (``gc.callbacks``)."""
    if phase == "start":
        _GC_START[0] = time.process_time()
    else:
        GC[info["generation"]][0] += 1
        GC[info["generation"]][1] += time.process_time() - _GC_START[0]


def _children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


@contextmanager
def timer(name: str):
    if name not in TOTALS:
        ORDER.append((_DEPTH[0], name))
    main, pool, wall = time.process_time(), _children(), time.perf_counter()
    _DEPTH[0] += 1
    try:
        yield
    finally:
        _DEPTH[0] -= 1
        t = TOTALS[name]
        t[0] += 1
        t[1] += time.process_time() - main
        t[2] += _children() - pool
        t[3] += time.perf_counter() - wall


def wrap(fn, name: str):
    def timed(*args, **kwargs):
        with timer(name):
            return fn(*args, **kwargs)

    return timed


def instrument() -> None:
    """Wrap the stage functions the inline driver calls (by their module globals)."""
    import wirehouse.clean.template as template
    import wirehouse.quality.validate as validate

    if hasattr(pipeline, "start_extraction"):  # one pool per run, the next batch handed to it ahead
        from wirehouse.clean.extract import ExtractionPool

        submit = ExtractionPool.submit

        def submitted(self, pages):
            extraction = submit(self, pages)
            started = time.perf_counter()
            PENDING.append([started, started])
            for part in extraction._parts:  # the batch's last chunk done: the pool has no more of it
                if hasattr(part, "add_done_callback"):
                    part.add_done_callback(lambda _, span=PENDING[-1]: span.__setitem__(1, time.perf_counter()))
            return extraction

        ExtractionPool.submit = submitted
        pipeline.start_extraction = wrap(pipeline.start_extraction, "clean: hand the batch to the pool")
        pipeline.Extracting.result = wrap(pipeline.Extracting.result, "waiting for the pool's results")
    else:  # a pool per batch, waited for in the clean stage
        extract_pages = pipeline.extract_pages

        def extracting(*args, **kwargs):
            span = [time.perf_counter(), 0.0]
            try:
                return extract_pages(*args, **kwargs)
            finally:
                span[1] = time.perf_counter()
                PENDING.append(span)

        pipeline.extract_pages = wrap(extracting, "clean: extraction (pool)")
    import wirehouse.enrich as enrich

    enrich.Enricher.load = classmethod(wrap(enrich.Enricher.load.__func__, "loading the enricher"))
    validate.Validator.__init__ = wrap(validate.Validator.__init__, "building the validator (GX import, suites)")
    pipeline.prepare_batch = wrap(pipeline.prepare_batch, "priors: templates, canonical URLs, outlet priors")
    template.learn_and_strip = wrap(template.learn_and_strip, "learn_and_strip (templates)")
    pipeline.warehouse_templates = wrap(pipeline.warehouse_templates, "warehouse_templates")
    pipeline.resolve_canonical = wrap(pipeline.resolve_canonical, "resolve_canonical")
    pipeline.outlet_priors = wrap(pipeline.outlet_priors, "outlet_priors")
    pipeline.enrich_batch = wrap(pipeline.enrich_batch, "enrich")
    pipeline.settle_and_load = wrap(pipeline.settle_and_load, "load stage: settle, validate, load")
    pipeline.settle_batch = wrap(pipeline.settle_batch, "settle_batch (stored articles, duplicates)")
    pipeline.build_batch = wrap(pipeline.build_batch, "build_batch (Arrow tables)")
    validate.validate_batch = wrap(validate.validate_batch, "validate_batch")
    validate.validation_frames = wrap(validate.validation_frames, "validation_frames (pandas)")
    validate.Validator._run = wrap(validate.Validator._run, "suite runs (GX)")
    from wirehouse.quality.docs import DataDocs

    DataDocs.publish = wrap(DataDocs.publish, "Data Docs pages")
    DataDocs.finish = wrap(DataDocs.finish, "Data Docs index (run end)")
    pipeline.load_batch = wrap(pipeline.load_batch, "load_batch (DuckDB)")
    pipeline.open_warehouse = wrap(pipeline.open_warehouse, "open_warehouse (schema)")
    pipeline.finish_run = wrap(pipeline.finish_run, "finish_run (totals)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", type=Path)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    instrument()
    import gc

    gc.callbacks.append(_collecting)
    with tempfile.TemporaryDirectory(prefix="wirehouse-stages-") as tmp:
        db = args.db or Path(tmp) / "w.duckdb"
        settings = Settings(db_path=db, workers=args.workers)
        spec = SourceSpec.from_options(None, None, None, args.pages)
        started, wall = time.process_time(), time.perf_counter()
        with timer("run_pipeline"):
            summary = pipeline.run_pipeline(spec, settings)
        run_end = time.perf_counter()
        wall = time.perf_counter() - wall
    print(f"{summary.status}: {summary.articles_loaded} articles, {summary.events} event mentions, "
          f"{summary.quarantined} quarantined")
    print(f"before the run (main): {_IMPORTED:.2f} s CPU (Python's start {_T0:.2f} s, "
          f"importing wirehouse.pipeline {_IMPORTED - _T0:.2f} s)")
    print(f"{'step':<62} {'calls':>5} {'main CPU':>9} {'pool CPU':>9} {'wall':>7}")
    for depth, name in ORDER:
        calls, main_cpu, pool_cpu, step_wall = TOTALS[name]
        print(f"{'  ' * depth + name:<62} {calls:>5} {main_cpu:>9.2f} {pool_cpu:>9.2f} {step_wall:>7.2f}")
    busy, end = 0.0, 0.0
    for start, stop in sorted(PENDING):  # the union of the spans during which the pool had work
        start = max(start, end)
        if stop > start:
            busy, end = busy + stop - start, stop
    first = min((s for s, _ in PENDING), default=0.0)
    print(f"extraction pool with work pending: {busy:.2f} s of the {run_end - first:.2f} s from the first "
          f"batch handed to it to the run's end ({busy / max(run_end - first, 1e-9):.0%})")
    print("garbage collector (main, during the run): " + ", ".join(
        f"generation {g} {n} collections {cpu:.2f} s" for g, (n, cpu) in GC.items()))
    total_main = time.process_time()
    print(f"whole process: main {total_main:.2f} s CPU, pool {_children():.2f} s CPU, "
          f"run wall {wall:.2f} s (main CPU during the run {total_main - started:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

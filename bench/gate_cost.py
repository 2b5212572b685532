"""The quality gate's suite runs: every expectation asked for its failing rows, against counts first.

    .venv/bin/python bench/gate_cost.py PAGES_DIR [--rounds 3]

Runs ``wirehouse run --html-dir PAGES_DIR`` in this process (into a temporary warehouse, Data Docs
off) and keeps the frames each suite was run on. Then, alternating for ``--rounds`` rounds in this
process, runs every suite on every frame two ways:

  rows for all:  GX's COMPLETE result format for the whole suite (how the gate ran before);
  counts first:  ``Validator.run_suite`` (BASIC for the whole suite, then COMPLETE for the
                 expectations that found unexpected rows).

The same frames are also run with a few rows broken in each (nulls, values outside their set, a
duplicate id, a latitude of 500), so that expectations fail and are run again. Prints the CPU
seconds of each way (best round), their ratio, and whether the outcomes are the same.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path


def frames_of_a_run(pages: Path) -> list:
    import wirehouse.pipeline as pipeline
    import wirehouse.quality.validate as validate
    from wirehouse.crawl.sources import SourceSpec
    from wirehouse.settings import Settings

    kept = []
    run = validate.Validator._run

    def keeping(self, name, frame):
        kept.append((name, frame.copy()))
        return run(self, name, frame)

    validate.Validator._run = keeping
    try:
        with tempfile.TemporaryDirectory(prefix="wirehouse-gate-") as tmp:
            settings = Settings(db_path=Path(tmp) / "w.duckdb", data_docs=False)
            pipeline.run_pipeline(SourceSpec.from_options(html_dir=pages), settings)
    finally:
        validate.Validator._run = run
    return kept


def broken(frames: list) -> list:
    """One copy of each suite's first frame with a few rows made to fail."""
    out, done = [], set()
    for name, frame in frames:
        if name in done or len(frame) < 10:
            continue
        done.add(name)
        f = frame.copy()
        rows = f.index
        if name == "pages":
            f.loc[rows[:2], "url"] = None
        elif name == "articles":
            f.loc[rows[:3], "language"] = "xx"
            f.loc[rows[6], "article_id"] = f.loc[rows[7], "article_id"]
        elif name == "actors":
            f.loc[rows[:2], "actor_code"] = None
        elif name == "places":
            f.loc[rows[:2], "lat"] = 500.0
        elif name == "events":
            f.loc[rows[:4], "cameo_code"] = "999"
        out.append((name, f))
    return out


def rows_for_all(validator, name, frame):
    """Every expectation of the suite with its failing rows (GX's COMPLETE result format)."""
    from great_expectations.validator.v1_validator import Validator as SuiteRunner

    from wirehouse.quality.validate import _configurations_built_once

    tomorrow = datetime.now(timezone.utc).date() + timedelta(days=1)
    params = {**validator._parameters, "latest_date_key": int(tomorrow.strftime("%Y%m%d"))}
    runner = SuiteRunner(batch_definition=validator._batches[name], batch_parameters={"dataframe": frame},
                         result_format={"result_format": "COMPLETE"})
    with _configurations_built_once():
        result = runner.validate_expectation_suite(validator._suites[name], params)
    return [(item.expectation_config.type, item.success, (item.result or {}).get("element_count"),
             (item.result or {}).get("unexpected_count"), tuple((item.result or {}).get("unexpected_index_list") or ()))
            for item in result.results]


def counts_first(validator, name, frame):
    return [(o.expectation, o.success, o.element_count, o.unexpected_count, o.unexpected_rows)
            for o in validator.run_suite(name, frame)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    from wirehouse.quality.validate import Validator

    frames = frames_of_a_run(args.pages)
    bad = broken(frames)
    validator = Validator()
    for label, items in (("a run's frames", frames), ("with broken rows", bad)):
        best = {"rows for all": float("inf"), "counts first": float("inf")}
        same = True
        for _ in range(args.rounds):
            results = {}
            for way, run in (("rows for all", rows_for_all), ("counts first", counts_first)):
                started = time.process_time()
                results[way] = [run(validator, name, frame) for name, frame in items]
                best[way] = min(best[way], time.process_time() - started)
            same = same and results["rows for all"] == results["counts first"]
        failed = sum(1 for suite in results["counts first"] for o in suite if not o[1])
        print(f"{label}: {len(items)} suite runs, {failed} failed expectations; rows for all "
              f"{best['rows for all']:.2f} s CPU, counts first {best['counts first']:.2f} s CPU: "
              f"{best['counts first'] / best['rows for all']:.2f}x; outcomes the same: {same}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())

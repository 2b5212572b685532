"""Kill soak: `wirehouse run` killed with SIGKILL at random moments, many times, must end with
exactly what one uninterrupted run holds.

    .venv/bin/python bench/kill_soak.py --kills 100                       # the demo sites over loopback HTTP
    .venv/bin/python bench/kill_soak.py --kills 100 --html-dir DIR        # saved pages (e.g. the 990 eval pages, gunzipped)
    .venv/bin/python bench/kill_soak.py --kills 10 --outlets meridian-post --batch-size 5

First one uninterrupted run (the baseline) into a fresh folder; its log times say how long start-up,
processing (clean, enrich, validate) and loading take. Then rounds: from an empty folder, runs are
killed (the process group: the run and its clean-stage workers) at a random kill point, at most
--round-kills per round, until a run finishes; then one last run goes to the end. Kill points:
a random moment of the run; discovery (a sitemap or feed request); the fetch of a batch and the
writing of its WARC (just after the previous batch loaded); processing (a random time after a
batch was fetched); the load transaction and checkpoint (a random time after validation, within
the baseline's load time); just after a commit.

Checked after every kill: no natural key twice; no article the baseline lacks; every stored
article complete (its event, actor and place mentions exactly the baseline's). At the end of each
round: articles, events, event/actor/place mentions, quarantine rows and (HTTP sources) frontier
states exactly the baseline's; no URL requested again after it was stored; the WARC archive
readable by `wirehouse reprocess` (every --reprocess-every rounds), which gives the same rows as
reprocessing the baseline's archive.

Prints one line per kill, one per round and a summary; --json FILE writes the figures.
Results: RELIABILITY.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.reliability.harness import (  # noqa: E402
    DemoWorkload,
    Phases,
    differences,
    html_dir_workload,
    read_contents,
    reprocess,
    run_once,
    soak_round,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=100, help="kills in all (default 100)")
    parser.add_argument("--round-kills", type=int, default=12, help="most kills before a round's last run (default 12)")
    parser.add_argument("--html-dir", type=Path, help="saved HTML pages instead of the demo sites")
    parser.add_argument("--outlets", nargs="*", help="demo outlets to serve (default: all five)")
    parser.add_argument("--batch-size", type=int, default=10, help="WIREHOUSE_BATCH_SIZE of the runs (default 10)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--reprocess-every", type=int, default=1,
                        help="reprocess the archive of every Nth round (default 1: every round; 0: never)")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one, removed)")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="wirehouse-soak-"))
    work.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    started = time.monotonic()
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    if args.html_dir is not None:
        context = None
        workload = html_dir_workload(args.html_dir, args.batch_size)
    else:
        context = DemoWorkload(outlets=args.outlets, batch_size=args.batch_size)
        workload = context.__enter__()
    try:
        return soak(workload, work, rng, args, started)
    finally:
        if context is not None:
            context.__exit__(None, None, None)
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


def soak(workload, work: Path, rng: random.Random, args, started: float) -> int:
    http = workload.requests is not None
    print(f"workload: {workload.name}, batch size {args.batch_size}")
    for old in ("baseline", "baseline-reprocess", "round"):  # every figure from an empty folder
        shutil.rmtree(work / old, ignore_errors=True)
    base = run_once(workload, work / "baseline")
    if base.returncode != 0:
        print(f"the uninterrupted run failed ({base.returncode}); fix that first:\n{base.tail()}")
        return 2
    baseline = read_contents(work / "baseline" / "wirehouse.duckdb")
    phases = Phases.of(base)
    print(f"baseline: {base.seconds:.1f} s, rows {baseline.rows()}, duplicate keys {baseline.duplicate_keys or 0}")
    print(f"phases: start-up to first batch {phases.to_first_batch:.1f} s, processing {phases.processing:.2f} s "
          f"and loading {phases.loading:.2f} s per batch")
    reprocessed = None
    if http and args.reprocess_every > 0:
        code, tail = reprocess(work / "baseline-reprocess", work / "baseline" / "archive")
        if code != 0:
            print(f"reprocess of the baseline's archive failed ({code}):\n{tail}")
            return 2
        reprocessed = read_contents(work / "baseline-reprocess" / "wirehouse.duckdb")
        print(f"baseline archive reprocessed: rows {reprocessed.rows()}")

    rounds = []
    kills = 0
    while kills < args.kills:
        number = len(rounds) + 1
        limit = min(args.round_kills, args.kills - kills)
        print(f"round {number} (up to {limit} kills)")
        check = reprocessed if reprocessed is not None and number % args.reprocess_every == 0 else None
        result = soak_round(workload, work / "round", baseline, phases, rng, max_kills=limit, reprocessed=check)
        kills += len(result.kills)
        rounds.append(result)
        lost = sum(d["lost"] for d in result.differences.values())
        extra = sum(d["extra"] for d in result.differences.values())
        print(f"round {number}: {len(result.kills)} kills, {result.seconds:.0f} s; rows lost {lost}, extra {extra}, "
              f"re-fetched after stored {result.refetched}, cut WARC files {result.truncated_warcs}, "
              f"reprocess {'-' if result.reprocess_ok is None else 'ok' if result.reprocess_ok else 'FAILED'}; "
              f"problems {len(result.problems)}")
        for problem in result.problems:
            print(f"  PROBLEM {problem}")
        if result.differences:
            print(f"  differences from the baseline: {result.differences}")
        if not result.kills and not result.problems:  # a round without kills: the runs are too short
            print("  (the run finished before any kill point fired)")

    by_point = Counter(label for r in rounds for label in r.kills)
    lost = sum(d["lost"] for r in rounds for d in r.differences.values())
    extra = sum(d["extra"] for r in rounds for d in r.differences.values())
    duplicates = sum(1 for r in rounds for p in r.problems if "share a natural key" in p)
    problems = sum(len(r.problems) for r in rounds)
    summary = {
        "workload": workload.name,
        "batch_size": args.batch_size,
        "seed": args.seed,
        "kills": kills,
        "kills_by_point": dict(by_point),
        "rounds": len(rounds),
        "baseline_rows": baseline.rows(),
        "rows_lost": lost,
        "rows_extra": extra,
        "duplicate_key_findings": duplicates,
        "refetched_after_stored": sum(r.refetched for r in rounds),
        "cut_warc_files": sum(r.truncated_warcs for r in rounds),
        "reprocess_ok": sum(1 for r in rounds if r.reprocess_ok),
        "reprocess_runs": sum(1 for r in rounds if r.reprocess_ok is not None),
        "problems": problems,
        "seconds": round(time.monotonic() - started),
        "load_average_end": round(os.getloadavg()[0], 2),
        "frontier_compared": http,
    }
    print(json.dumps(summary, indent=2))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n")
    if differences(baseline, baseline):  # the comparison itself must see no difference in equal data
        print("the comparison is broken")
        return 2
    return 0 if problems == 0 and lost == 0 and extra == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())

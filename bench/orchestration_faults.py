"""Orchestration faults, many times, and the hourly deployment run many times in a row, on a real
Prefect server and worker (the long version of tests/e2e/test_orchestration_faults.py).

    .venv/bin/python bench/orchestration_faults.py --hourly-runs 50
    .venv/bin/python bench/orchestration_faults.py --hourly-runs 0 --server-kills 5 --worker-kills 5 --cancels 5

The demo outlets are served on loopback; the `wirehouse-crawl/hourly` deployment of prefect.yaml
runs them through a `process` worker (its schedule cleared: the runs are started here, one after
the other, as the scheduler would start them).

- ``--hourly-runs N``: N runs of the hourly deployment into one warehouse. Its sources file lists
  the first outlet, and one more every ``--add-every`` runs (new pages to crawl, from feeds and
  sitemaps); the runs in between have nothing new. After every run: state Completed, writer slot
  given back, and the warehouse equal, by natural keys (articles, events, event/actor/place
  mentions, quarantine rows, frontier URL states; no natural key twice), to what plain
  `wirehouse run`s of the same growing sources file hold after the same step.
- ``--server-kills``: the Prefect server SIGKILLed a random number of page requests into a run
  (of ``--fault-outlets``), down for ``--down`` seconds, started again on the same database.
- ``--long-outages``: the server kept down ``--long-down`` seconds, until after the run ended
  (it cannot report its end); the next run must set it Crashed once the lease lapsed.
- ``--worker-kills``: the worker and the flow-run process SIGKILLed a random number of requests
  in; the next run (of a second deployment of the same flow, which the hourly deployment's own
  limit does not hold back) must wait for the dead run's writer lease to lapse, set the dead run
  Crashed and resume. ``--worker-only-kills``: the worker alone SIGKILLed (the flow-run process
  ends by itself). ``--hourly-kill`` once with the hourly deployment itself (its next run also
  waits for the deployment's concurrency slot: 300 s).
- ``--cancels``: two runs of two deployments started at once; the one holding the writer slot is
  set Cancelling (what the UI's Cancel does); the other waits, then resumes the work.

Each fault repetition starts from an empty warehouse and ends with an hourly run with nothing
new. Prints a line per run and a table; --json FILE writes the figures. Results: RELIABILITY.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e.conftest import PrefectServer  # noqa: E402
from tests.e2e.orchestration import Service, baseline, sources_file  # noqa: E402
from tests.reliability.harness import Contents, differences, partial_problems, read_contents  # noqa: E402

WAIT = 900  # most seconds any run may take


def check(expected: Contents, db: Path) -> dict:
    """Rows lost and extra per kind against ``expected``, and rows sharing a natural key."""
    got = read_contents(db)
    diff = differences(expected, got)
    return {"lost": sum(d["lost"] for d in diff.values()), "extra": sum(d["extra"] for d in diff.values()),
            "duplicates": sum(got.duplicate_keys.values()), "diff": diff, "rows": got.rows()}


def pipeline_runs(db: Path) -> list[tuple]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select status, pages_fetched from pipeline_run order by started_at").fetchall()
    finally:
        con.close()


def wait_requests(sites, count: int, seconds: float = 300) -> None:
    start = len(sites.requests())
    deadline = time.monotonic() + seconds
    while len(sites.requests()) - start < count and time.monotonic() < deadline:
        time.sleep(0.02)


def hourly_runs(svc: Service, sites, work: Path, outlets: list[str], runs: int, add_every: int, batch: int) -> list[dict]:
    """``runs`` hourly runs into one warehouse, the sources growing by an outlet every ``add_every``."""
    steps = min(len(outlets), (runs - 1) // add_every + 1)
    # what plain `wirehouse run`s of the same growing sources hold, step by step (one warehouse)
    expected: list[Contents] = []
    folder = work / "hourly-baseline"
    for step in range(steps):
        expected.append(baseline(folder, sites, outlets[: step + 1], batch))
    db = work / "hourly" / "wirehouse.duckdb"
    rows = []
    for n in range(runs):
        step = min(n // add_every, steps - 1)
        sources_file(svc.folder, sites, outlets[: step + 1])
        started = time.monotonic()
        run_id = svc.run(db_path=str(db))
        run = svc.wait(run_id, WAIT)
        seconds = time.monotonic() - started
        got = check(expected[step], db)
        status, pages = pipeline_runs(db)[-1]
        row = {"run": n + 1, "outlets": step + 1, "state": run["state_type"], "status": status, "pages": pages,
               "slots": svc.writer_slots(), "seconds": round(seconds, 1), **got}
        rows.append(row)
        print(f"hourly {n + 1:3d}: {row['state']:9s} {step + 1} outlets, {pages:4d} pages fetched, "
              f"{got['rows']['articles']} articles, {got['rows']['events']} events, "
              f"{got['rows']['quarantine']} quarantine, {got['rows']['frontier']} frontier URLs; lost {got['lost']}, "
              f"extra {got['extra']}, duplicates {got['duplicates']}, slots {row['slots']}, {seconds:.1f} s", flush=True)
    return rows


def fault_round(kind: str, svc: Service, sites, expected: Contents, folder: Path, rng: random.Random,
                args) -> dict:
    """One fault repetition from an empty warehouse, then an hourly run with nothing new."""
    db = folder / "wirehouse.duckdb"
    at = rng.randint(5, args.max_requests)
    row: dict = {"fault": kind, "at_request": at}
    started = time.monotonic()
    if kind in ("server kill", "long outage"):
        run_id = svc.run(db_path=str(db))
        wait_requests(sites, at)
        svc.server.kill()
        before = len(sites.requests())
        time.sleep(args.down if kind == "server kill" else args.long_down)
        row["requests_while_down"] = len(sites.requests()) - before
        svc.server.start()
        if kind == "long outage":  # the run ended while the server was away; the next run settles it
            row["state_after_restart"] = svc.flow_run(run_id)["state_type"]
            resumed = time.monotonic()
            row["next_state"] = svc.wait(svc.run(svc.other, db_path=str(db)), WAIT)["state_type"]
            row["next_waited_s"] = round(time.monotonic() - resumed, 1)
            dead = svc.flow_run(run_id)
            row["message"] = (dead["state"] or {}).get("message")
            row["state"] = dead["state_type"]
        else:
            row["state"] = svc.wait(run_id, WAIT)["state_type"]
    elif kind in ("worker kill", "hourly kill"):
        deployment = svc.deployment_id if kind == "hourly kill" else svc.other
        run_id = svc.run(deployment, db_path=str(db))
        wait_requests(sites, at)
        row["killed_processes"] = len(svc.kill_worker())
        row["state_after_kill"] = svc.flow_run(run_id)["state_type"]
        problems = partial_problems(expected, read_contents(db)) if db.exists() else []
        row["partial_problems"] = len(problems)
        svc.start_worker()
        resumed = time.monotonic()
        next_id = svc.run(db_path=str(db)) if kind == "hourly kill" else svc.run(svc.other, db_path=str(db))
        row["next_state"] = svc.wait(next_id, WAIT)["state_type"]
        row["next_waited_s"] = round(time.monotonic() - resumed, 1)
        dead = svc.flow_run(run_id)
        row["state"] = dead["state_type"]
        row["message_names_next_run"] = next_id in ((dead["state"] or {}).get("message") or "")
    elif kind == "worker only":  # the worker SIGKILLed, its flow-run process (a session of its own) left alone
        run_id = svc.run(svc.other, db_path=str(db))
        wait_requests(sites, at)
        os.kill(svc.worker.pid, signal.SIGKILL)
        svc.worker.wait(timeout=10)
        dead = svc.wait(run_id, WAIT)
        row["state"] = dead["state_type"]
        row["message"] = (dead["state"] or {}).get("message")
        svc.start_worker()
    elif kind == "cancel":
        first, second = svc.run(db_path=str(db)), svc.run(svc.other, db_path=str(db))
        wait_requests(sites, at)
        writer = svc.writer_holder()
        if writer is None:  # the writer finished before the cancel: nothing to cancel
            row["state"] = "no writer"
        else:
            waiting = second if writer == first else first
            svc.cancel(writer)
            row["state"] = svc.wait(writer, WAIT)["state_type"]
            row["next_state"] = svc.wait(waiting, WAIT)["state_type"]
            logs = svc.logs(waiting)
            row["lock_errors"] = logs.count("open in another process") + logs.count("Could not set lock")
    row["slots"] = svc.writer_slots()
    after = svc.wait(svc.run(db_path=str(db)), WAIT)  # nothing new
    row["last_state"] = after["state_type"]
    row["last_pages"] = pipeline_runs(db)[-1][1]
    row.update(check(expected, db))
    row["seconds"] = round(time.monotonic() - started, 1)
    print(f"{kind} at request {at}: {json.dumps({k: v for k, v in row.items() if k not in ('diff', 'rows')})}",
          flush=True)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hourly-runs", type=int, default=50)
    parser.add_argument("--add-every", type=int, default=10, help="runs between two outlets added (default 10)")
    parser.add_argument("--outlets", nargs="*", help="demo outlets, in the order they are added (default: all five)")
    parser.add_argument("--server-kills", type=int, default=0)
    parser.add_argument("--worker-kills", type=int, default=0)
    parser.add_argument("--long-outages", type=int, default=0,
                        help="the server SIGKILLed and kept down --long-down seconds, past the run's end")
    parser.add_argument("--long-down", type=float, default=150.0)
    parser.add_argument("--worker-only-kills", type=int, default=0, help="the worker alone SIGKILLed")
    parser.add_argument("--hourly-kill", action="store_true", help="one worker kill of the hourly deployment itself")
    parser.add_argument("--cancels", type=int, default=0)
    parser.add_argument("--fault-outlets", nargs="*", default=["meridian-post"])
    parser.add_argument("--max-requests", type=int, default=30, help="faults fall after 5..N page requests")
    parser.add_argument("--down", type=float, default=10.0, help="seconds the killed server stays down")
    parser.add_argument("--batch-size", type=int, default=5)
    parser.add_argument("--lease", type=int, default=60, help="WIREHOUSE_WRITER_LEASE_S of the runs (default 60)")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--work", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from wirehouse.demo.server import DemoSites

    work = args.work or Path(tempfile.mkdtemp(prefix="wirehouse-orchestration-"))
    work.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}", flush=True)
    started = time.monotonic()
    server = PrefectServer(work / "prefect-home")
    server.home.mkdir(exist_ok=True)
    server.start()
    report: dict = {"hourly": [], "faults": []}
    with DemoSites(public_hosts=True, outlets=args.outlets) as sites:
        outlets = list(args.outlets or sites.base_urls)
        svc = Service(server, work / "service", sites, outlets[:1], args.batch_size,
                      WIREHOUSE_WRITER_LEASE_S=str(args.lease))
        try:
            svc.deploy()
            svc.other = svc.second_deployment()
            svc.start_worker()
            if args.hourly_runs:
                report["hourly"] = hourly_runs(svc, sites, work, outlets, args.hourly_runs, args.add_every,
                                               args.batch_size)
            kinds = (["server kill"] * args.server_kills + ["long outage"] * args.long_outages + ["worker kill"] * args.worker_kills
                     + ["worker only"] * args.worker_only_kills + ["cancel"] * args.cancels
                     + (["hourly kill"] if args.hourly_kill else []))
            if kinds:
                sources_file(svc.folder, sites, args.fault_outlets)
                expected = baseline(work / "fault-baseline", sites, args.fault_outlets, args.batch_size)
                for n, kind in enumerate(kinds):
                    report["faults"].append(fault_round(kind, svc, sites, expected, work / f"fault-{n}", rng, args))
        finally:
            svc.stop_worker()
            server.stop()
    print_table(report)
    print(f"in all {time.monotonic() - started:.0f} s, load average {os.getloadavg()[0]:.2f}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=str))
    bad = [r for r in report["hourly"] if r["state"] != "COMPLETED" or r["lost"] or r["extra"] or r["duplicates"]]
    bad += [r for r in report["faults"] if r["lost"] or r["extra"] or r["duplicates"] or r["slots"]]
    return 1 if bad else 0


def print_table(report: dict) -> None:
    hourly = report["hourly"]
    if hourly:
        print("\n| runs | outlets | states | pages fetched | articles | events | quarantine | frontier | lost | extra | duplicates | writer slot left taken | seconds per run (median) |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for outlets in sorted({r["outlets"] for r in hourly}):
            group = [r for r in hourly if r["outlets"] == outlets]
            states = ", ".join(f"{s} {sum(1 for r in group if r['state'] == s)}" for s in sorted({r["state"] for r in group}))
            last = group[-1]["rows"]
            times = sorted(r["seconds"] for r in group)
            print(f"| {group[0]['run']}-{group[-1]['run']} | {outlets} | {states} | "
                  f"{' + '.join(str(r['pages']) for r in group if r['pages']) or 0} | {last['articles']} | "
                  f"{last['events']} | {last['quarantine']} | {last['frontier']} | {sum(r['lost'] for r in group)} | "
                  f"{sum(r['extra'] for r in group)} | {sum(r['duplicates'] for r in group)} | "
                  f"{sum(1 for r in group if r['slots'])} | {times[len(times) // 2]} |")
    faults = report["faults"]
    if faults:
        print("\n| fault | times | fault run's state | next run | writer slot left taken | lost | extra | duplicates | seconds (median) |")
        print("|---|---|---|---|---|---|---|---|---|")
        for kind in sorted({r["fault"] for r in faults}):
            group = [r for r in faults if r["fault"] == kind]
            count = lambda key: ", ".join(f"{v} {sum(1 for r in group if r.get(key) == v)}"  # noqa: E731
                                          for v in sorted({r.get(key) for r in group}, key=str))
            times = sorted(r["seconds"] for r in group)
            print(f"| {kind} | {len(group)} | {count('state')} | {count('next_state') if kind != 'server kill' else count('last_state')} | "
                  f"{sum(1 for r in group if r['slots'])} | {sum(r['lost'] for r in group)} | "
                  f"{sum(r['extra'] for r in group)} | {sum(r['duplicates'] for r in group)} | {times[len(times) // 2]} |")


if __name__ == "__main__":
    sys.exit(main())

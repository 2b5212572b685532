"""A loader killed with SIGKILL leaves the whole batch or none of it: a subprocess loads a large
synthetic batch into a real DuckDB file and is killed -9 at a chosen point; the file is reopened."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from wirehouse.warehouse.db import connect
from wirehouse.warehouse.load import load_batch
from wirehouse.warehouse.schema import apply_schema
from wirehouse.warehouse.synthetic import synthetic_batch

BIG = 200_000  # event rows in the batch that is killed (plus 400k actor and 200k place mentions)
TABLES = ["dim_article", "dim_source", "dim_actor", "dim_place", "dim_date", "fact_event", "fact_event_mention",
          "fact_actor_mention", "fact_place_mention"]

# The loader: loads a batch tagged "crash"; prints where it is so the test can kill it there.
CHILD = """
import sys, time
from wirehouse.warehouse.db import connect
from wirehouse.warehouse.load import load_batch
from wirehouse.warehouse.synthetic import synthetic_batch
path, events, hold_in_transaction = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "hold"
batch = synthetic_batch(events, tag="crash", seed=7, actors=3000, places=6000)
con = connect(path)

def hold(_con):
    print("in-transaction", flush=True)  # every load statement has run; nothing is committed
    if hold_in_transaction:
        time.sleep(120)

print("loading", flush=True)
load_batch(con, batch, "run-crash", extra=hold)
print("committed", flush=True)
time.sleep(120)
"""


def counts(path) -> dict[str, int]:
    con = connect(path, read_only=True)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in TABLES}
    finally:
        con.close()


def crash_rows(path) -> dict[str, int]:
    con = connect(path, read_only=True)
    try:
        return {
            "articles": con.execute("select count(*) from dim_article where article_id like 'crash-%'").fetchall()[0][0],
            "events": con.execute("select count(*) from fact_event where event_id like 'crash-%'").fetchall()[0][0],
            "mentions": con.execute("select count(*) from fact_event_mention where run_id = 'run-crash'").fetchall()[0][0],
            "actor_mentions": con.execute(
                "select count(*) from fact_actor_mention where run_id = 'run-crash'").fetchall()[0][0],
        }
    finally:
        con.close()


@pytest.fixture
def warehouse(tmp_path):
    """A warehouse holding one committed batch before the crash."""
    path = tmp_path / "crash.duckdb"
    con = connect(path)
    apply_schema(con)
    load_batch(con, synthetic_batch(5_000, tag="before", seed=1), "run-before")
    con.close()
    return path


def kill_at(path, events: int, wait_for: str, delay: float = 0.0) -> None:
    """Start the loader, wait for its line ``wait_for`` (and ``delay`` seconds), kill -9 it."""
    hold = "hold" if wait_for == "in-transaction" else "go"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(events), hold],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            line = child.stdout.readline().strip()
            if line == wait_for:
                break
            if not line and child.poll() is not None:
                pytest.fail(f"loader exited early: {child.stderr.read()[-2000:]}")
            assert time.monotonic() < deadline, "loader never reached the kill point"
        if delay:
            time.sleep(delay)
        assert child.poll() is None, "loader finished before the kill"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL


def test_kill_9_inside_the_transaction_leaves_none_of_the_batch(warehouse):
    """Killed after every load statement has run (all rows written, some of them already in the
    file's free blocks), just before the commit: the hardest point for all-or-nothing."""
    before = counts(warehouse)
    kill_at(warehouse, BIG, "in-transaction")
    assert counts(warehouse) == before
    assert crash_rows(warehouse) == {"articles": 0, "events": 0, "mentions": 0, "actor_mentions": 0}
    # the file is healthy: the same batch loads completely afterwards
    con = connect(warehouse)
    try:
        apply_schema(con)
        load_batch(con, synthetic_batch(20_000, tag="crash", seed=7), "run-crash")
    finally:
        con.close()
    assert crash_rows(warehouse) == {"articles": 4_000, "events": 20_000, "mentions": 20_000,
                                     "actor_mentions": 40_000}


def test_kill_9_after_commit_keeps_the_whole_batch(warehouse):
    before = counts(warehouse)
    kill_at(warehouse, 20_000, "committed")
    after = counts(warehouse)
    assert crash_rows(warehouse) == {"articles": 4_000, "events": 20_000, "mentions": 20_000,
                                     "actor_mentions": 40_000}
    assert after["fact_place_mention"] == before["fact_place_mention"] + 20_000

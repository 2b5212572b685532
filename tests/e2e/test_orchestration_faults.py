"""Faults of the orchestration, on a real Prefect server and worker running the hourly deployment
(`wirehouse-crawl/hourly` of prefect.yaml) on one demo outlet served over loopback. Each fault
run's warehouse is compared, by natural keys, with what one uninterrupted `wirehouse run` of the
same sources holds (tests/reliability/harness.py); the long version, the same faults many times
and 50 hourly runs in a row: bench/orchestration_faults.py (figures in RELIABILITY.md).

- the Prefect server killed (SIGKILL) in the middle of a flow run and started again on the same
  database: the run goes on, reports Completed once the server is back, gives the writer slot back;
- the worker and the flow-run process killed (SIGKILL): the run shows Running (no process is left
  to say otherwise) until the next run takes the writer slot after the dead run's lease lapsed, and
  sets it Crashed with a message; the next run resumes;
- two deployments' runs started at once on one warehouse: one waits for the writer slot; the one
  that writes is cancelled as from the UI (state Cancelling): it ends Cancelled, gives the slot
  back, and the waiting run resumes its work;
- after the server's restart, two more hourly runs with nothing new (the short slice of the 50 runs in
  a row): nothing fetched, nothing grows, nothing doubles.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

from tests.e2e.orchestration import Service, baseline
from tests.reliability.harness import differences, partial_problems, read_contents

pytestmark = pytest.mark.e2e

OUTLETS = ["meridian-post"]
BATCH = 5
LEASE_S = 60  # the writer slot's lease (WIREHOUSE_WRITER_LEASE_S; 300 by default): a dead run's slot lapses sooner


@pytest.fixture(scope="module")
def sites():
    from wirehouse.demo.server import DemoSites

    with DemoSites(public_hosts=True, outlets=OUTLETS) as demo:
        yield demo


@pytest.fixture(scope="module")
def service(prefect_server, sites, tmp_path_factory):
    """The deployments and a worker; ``service.expected``: the uninterrupted run's warehouse
    (made while the deployments are registered)."""
    svc = Service(prefect_server, tmp_path_factory.mktemp("orchestration"), sites, OUTLETS, BATCH,
                  WIREHOUSE_WRITER_LEASE_S=str(LEASE_S))
    with ThreadPoolExecutor(1) as pool:
        made = pool.submit(baseline, tmp_path_factory.mktemp("baseline"), sites, OUTLETS, BATCH)
        svc.deploy()
        svc.other = svc.second_deployment()
        svc.start_worker()
        try:
            svc.expected = made.result()
        except BaseException:
            svc.stop_worker()
            raise
    try:
        yield svc
    finally:
        svc.stop_worker()


@pytest.fixture(scope="module")
def expected(service):
    contents = service.expected
    rows = contents.rows()
    assert rows["articles"] >= 20 and rows["events"] > 0 and rows["quarantine"] >= 1 and not contents.duplicate_keys
    return contents


def requests_after(sites, count: int, seconds: float = 120) -> int:
    """Wait (bounded) until the demo sites answered ``count`` more requests; the count before."""
    start = len(sites.requests())
    deadline = time.monotonic() + seconds
    while len(sites.requests()) - start < count:
        assert time.monotonic() < deadline, f"fewer than {count} requests in {seconds} s"
        time.sleep(0.05)
    return start


def run_rows(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select status, pages_fetched, message from pipeline_run order by started_at").fetchall()
    finally:
        con.close()


def assert_same(expected, db: Path) -> None:
    got = read_contents(db)
    assert not got.duplicate_keys, got.duplicate_keys
    assert differences(expected, got) == {}


def nothing_new(service: Service, expected, db: Path, runs: int = 1) -> None:
    """Hourly runs with nothing new: Completed, nothing fetched, the warehouse unchanged."""
    for _ in range(runs):
        run = service.wait(service.run(db_path=str(db)))
        assert run["state_type"] == "COMPLETED", service.worker_log()
        assert service.writer_slots() == 0
        assert_same(expected, db)
        assert run_rows(db)[-1][:2] == ("succeeded", 0)


def test_server_killed_during_a_run(service, sites, expected, tmp_path):
    db = tmp_path / "wirehouse.duckdb"
    run_id = service.run(db_path=str(db))
    requests_after(sites, 12)  # robots.txt, feed, sitemap, the first batches' pages
    service.server.kill()
    down = len(sites.requests())
    time.sleep(8)
    crawled_while_down = len(sites.requests()) - down
    service.server.start()
    run = service.wait(run_id)
    # the flow-run process went on without the server and reported its end once it was back
    assert crawled_while_down > 0
    assert run["state_type"] == "COMPLETED", service.worker_log()
    # the writer slot's lease outlived the restart (leases kept in files) and was given back; with
    # Prefect's default (leases in the server's memory) the slot stays taken and every later run waits
    assert service.writer_slots() == 0
    assert_same(expected, db)
    assert [r[0] for r in run_rows(db)] == ["succeeded"]
    nothing_new(service, expected, db, runs=2)


def test_worker_and_flow_run_killed(service, sites, expected, tmp_path):
    db = tmp_path / "wirehouse.duckdb"
    killed_id = service.run(service.other, db_path=str(db))
    requests_after(sites, 25)  # a few batches in, the next one being fetched
    assert service.kill_worker(), "no flow-run process was running under the worker"
    assert service.flow_run(killed_id)["state_type"] == "RUNNING"  # nothing is left to report otherwise
    assert not partial_problems(expected, read_contents(db))
    assert service.writer_slots() == 1  # held by the dead run until its lease lapses

    service.start_worker()
    started = time.monotonic()
    next_id = service.run(db_path=str(db))
    run = service.wait(next_id, seconds=LEASE_S + 240)
    assert run["state_type"] == "COMPLETED", service.worker_log()
    dead = service.flow_run(killed_id)
    assert dead["state_type"] == "CRASHED", dead["state"]
    assert "never reported the run's end" in dead["state"]["message"] and next_id in dead["state"]["message"]
    assert time.monotonic() - started < LEASE_S + 200
    assert "for the database writer slot" in service.logs(next_id)
    assert service.writer_slots() == 0 and service.writer_holder() is None
    assert_same(expected, db)
    rows = run_rows(db)
    assert [r[0] for r in rows] == ["interrupted", "succeeded"]


def test_two_runs_at_once_one_cancelled(service, sites, expected, tmp_path):
    db = tmp_path / "wirehouse.duckdb"
    first, second = service.run(db_path=str(db)), service.run(service.other, db_path=str(db))
    requests_after(sites, 12)
    writer = service.writer_holder()
    assert writer in (first, second)
    waiting = second if writer == first else first
    assert service.flow_run(waiting)["state_type"] in ("PENDING", "RUNNING")
    service.cancel(writer)  # as the UI's Cancel button does
    cancelled = service.wait(writer, seconds=120)
    assert cancelled["state_type"] == "CANCELLED", service.worker_log()
    run = service.wait(waiting)
    assert run["state_type"] == "COMPLETED", service.worker_log()
    logs = service.logs(waiting)
    assert "for the database writer slot" in logs
    assert "open in another process" not in logs and "Could not set lock" not in logs
    assert service.writer_slots() == 0 and service.writer_holder() is None
    assert_same(expected, db)
    rows = run_rows(db)
    assert [r[0] for r in rows] == ["cancelled", "succeeded"] and rows[1][1] > 0  # the second resumed
    assert "the batches loaded before are kept" in rows[0][2]

"""End to end as a service: the `process` work pool, the single-writer concurrency limit and the
`demo` deployment from prefect.yaml registered with the Prefect CLI on a real server, a real
worker picking up a deployment run that serves and crawls the demo sites, then the warehouse,
the task runs, the logs and the artifacts checked through the Prefect API."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import duckdb
import httpx
import pytest

from tests.e2e.conftest import BIN, prefect_env, stop_group

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
ARTICLES = 40  # a slice of the demo corpus keeps the run short


def prefect(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([str(BIN / "prefect"), *args], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, f"prefect {' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def api(url: str, path: str, body: dict | None = None):
    """GET (or POST ``body``) on the Prefect API. A 503 means the server's own database was busy and
    the request was rolled back; like Prefect's client, ask again (a bounded number of times)."""
    for attempt in range(6):
        response = (httpx.post(url + path, json=body or {}, timeout=15) if body is not None
                    else httpx.get(url + path, timeout=15))
        if response.status_code != 503:
            break
        time.sleep(0.5 * 2**attempt)
    response.raise_for_status()
    return response.json() if response.content else None


def wait_for(api_url: str, run_id: str, worker: subprocess.Popen, home: Path, seconds: float = 240) -> dict:
    """Poll a flow run (bounded) until it is final; the worker must stay up meanwhile."""
    deadline = time.monotonic() + seconds
    while True:
        state = api(api_url, f"/flow_runs/{run_id}")
        if state["state_type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"):
            return state
        assert worker.poll() is None, "the worker stopped: " + (home / "worker.log").read_text()[-3000:]
        assert time.monotonic() < deadline, (
            f"flow run still {state['state_type']} after {seconds} s: " + (home / "worker.log").read_text()[-3000:])
        time.sleep(1)


def hold_writer_slot(api_url: str, run_id: str, lease_id: str, worker: subprocess.Popen, home: Path) -> list[dict]:
    """Keep the writer slot until the run has been running for 5 s, then release it. Returns the
    run's task runs seen while the slot was held (none may have touched the database)."""
    deadline = time.monotonic() + 120
    while api(api_url, f"/flow_runs/{run_id}")["state_type"] != "RUNNING":
        assert worker.poll() is None and time.monotonic() < deadline, (home / "worker.log").read_text()[-3000:]
        time.sleep(0.5)
    time.sleep(5)
    tasks = api(api_url, "/task_runs/filter", {"flow_runs": {"id": {"any_": [run_id]}}, "limit": 50})
    api(api_url, "/v2/concurrency_limits/decrement-with-lease", {"lease_id": lease_id})
    return tasks


@pytest.fixture(scope="module")
def service_runs(prefect_api, tmp_path_factory):
    """Deploy, start a worker, then run (bounded waits) `wirehouse-demo/demo` into one warehouse,
    `wirehouse-reprocess/reprocess` of its WARC archive into a second one, and
    `wirehouse-rollup/daily` on the first. WIREHOUSE_DATA_DIR keeps the archive and exports here."""
    api_url, home = prefect_api
    folder = tmp_path_factory.mktemp("service")
    db, again = folder / "service.duckdb", folder / "reprocessed.duckdb"
    env = prefect_env(api_url, home, PREFECT_WORKER_QUERY_SECONDS="1", PREFECT_WORKER_PREFETCH_SECONDS="5",
                      WIREHOUSE_DATA_DIR=str(folder / "data"))
    log = open(home / "worker.log", "w")
    # the worker creates the `process` pool (as `make deploy` would) while it starts
    worker = subprocess.Popen(
        [str(BIN / "prefect"), "worker", "start", "--pool", "process", "--type", "process", "--limit", "1"],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    runs = {}
    try:
        # the single-writer limit, created as `make deploy` creates it
        prefect(env, "global-concurrency-limit", "create", "wirehouse-db-writer", "--limit", "1")
        deadline = time.monotonic() + 90
        while httpx.get(api_url + "/work_pools/process", timeout=15).status_code != 200:
            assert worker.poll() is None and time.monotonic() < deadline, (home / "worker.log").read_text()[-3000:]
            time.sleep(0.5)
        prefect(env, "--no-prompt", "deploy", "--name", "demo", "--name", "reprocess", "--name", "daily")
        for key, name, parameters in (
            ("demo", "wirehouse-demo/demo", {"db_path": str(db), "max_articles": ARTICLES}),
            ("reprocess", "wirehouse-reprocess/reprocess", {"db_path": str(again)}),
            ("daily", "wirehouse-rollup/daily", {"db_path": str(db)}),
        ):
            deployment = api(api_url, f"/deployments/name/{name}")
            # the demo run finds the writer slot taken (as by another run) and must wait for it
            lease = api(api_url, "/v2/concurrency_limits/increment-with-lease",
                        {"names": ["wirehouse-db-writer"], "slots": 1, "lease_duration": 120}) if key == "demo" else None
            run = api(api_url, f"/deployments/{deployment['id']}/create_flow_run", {"parameters": parameters})
            if lease:
                runs["held"] = hold_writer_slot(api_url, run["id"], lease["lease_id"], worker, home)
            state = wait_for(api_url, run["id"], worker, home)
            assert state["state_type"] == "COMPLETED", f"{name}: " + (home / "worker.log").read_text()[-4000:]
            runs[key] = (run["id"], deployment)
    finally:
        stop_group(worker)
        log.close()
    return api_url, runs, db, again, folder / "data"


@pytest.fixture(scope="module")
def deployment_run(service_runs):
    api_url, runs, db, _, _ = service_runs
    run_id, deployment = runs["demo"]
    return api_url, run_id, db, deployment


def test_deployment_from_prefect_yaml(deployment_run):
    _, _, _, deployment = deployment_run
    assert deployment["entrypoint"] == "flows/service.py:wirehouse_demo"
    assert deployment["work_pool_name"] == "process"
    steps = deployment["pull_steps"]
    assert steps and steps[0]["prefect.deployments.steps.set_working_directory"]["directory"] == str(REPO)


def test_warehouse_loaded_by_the_deployment_run(deployment_run):
    _, _, db, _ = deployment_run
    con = duckdb.connect(str(db), read_only=True)
    try:
        status, pages, articles = con.execute(
            "select status, pages_fetched, articles_loaded from pipeline_run").fetchall()[0]
        assert status == "succeeded" and pages == ARTICLES
        assert 0 < articles <= ARTICLES
        assert con.execute("select count(*) from dim_article").fetchall()[0][0] == articles
        assert con.execute("select count(*) from fact_event_mention").fetchall()[0][0] > 0
        bad = con.execute(
            """select count(*) from fact_event_mention m join dim_article a using (article_key)
               where substring(a.text, m.sentence_start + 1, m.sentence_end - m.sentence_start) <> m.sentence"""
        ).fetchall()[0][0]
        assert bad == 0
        # syndicated copies found at load time keep no events
        dup_events = con.execute(
            """select count(*) from fact_event_mention m join dim_article a using (article_key)
               where a.duplicate_of_key is not null""").fetchall()[0][0]
        assert dup_events == 0
    finally:
        con.close()


def test_task_runs_logs_and_artifacts_in_prefect(deployment_run):
    api_url, run_id, _, _ = deployment_run
    of_run = {"flow_runs": {"id": {"any_": [run_id]}}}
    tasks = api(api_url, "/task_runs/filter", {**of_run, "limit": 50})
    by_name = {t["name"].rsplit("-", 1)[0]: t for t in tasks}
    assert {"plan", "fetch batch", "clean batch", "enrich batch", "validate and load batch", "finish"} <= set(by_name)
    assert all(t["state_type"] == "COMPLETED" for t in tasks)
    limit = api(api_url, "/v2/concurrency_limits/wirehouse-db-writer")
    assert limit["limit"] == 1 and limit["active_slots"] == 0  # every run gave its slot back

    # log lines reach the API in batches shipped in the background: wait for them (bounded)
    wanted = ("demo sites serving", "batches to process", "event mentions", "for the database writer slot")
    deadline = time.monotonic() + 30
    while True:
        logs = api(api_url, "/logs/filter", {"logs": {"flow_run_id": {"any_": [run_id]}}, "limit": 200,
                                             "sort": "TIMESTAMP_ASC"})
        messages = "\n".join(entry["message"] for entry in logs)
        missing = [w for w in wanted if w not in messages]
        if not missing or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert not missing, f"log lines {missing} not in the run's logs:\n{messages[-2000:]}"

    artifacts = api(api_url, "/artifacts/filter", {"artifacts": {"flow_run_id": {"any_": [run_id]}}})
    summary = [a for a in artifacts if a["key"] == "wirehouse-run-summary"]
    assert summary and "articles loaded" in summary[0]["data"] and "<script" not in summary[0]["data"]


def test_a_run_waits_for_the_writer_slot(service_runs):
    """While the slot was held elsewhere the demo run created no task that opens the warehouse."""
    _, runs, _, _, _ = service_runs
    touched = {t["name"].rsplit("-", 1)[0] for t in runs["held"]} & {"plan", "validate and load batch", "finish"}
    assert not touched, f"tasks ran while another holder had the writer slot: {touched}"


def test_reprocess_deployment_rebuilds_from_the_archive(service_runs):
    _, _, db, again, data = service_runs
    assert list((data / "archive").glob("*.warc.gz")), "the demo run archived nothing"
    tables = ("dim_article", "fact_event", "fact_event_mention")

    def counts(path: Path) -> tuple[int, ...]:
        con = duckdb.connect(str(path), read_only=True)
        try:
            return tuple(con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in tables)
        finally:
            con.close()

    crawled, rebuilt = counts(db), counts(again)
    assert crawled[0] > 0 and rebuilt == crawled
    con = duckdb.connect(str(again), read_only=True)
    try:
        source, status = con.execute("select source_spec, status from pipeline_run").fetchall()[0]
    finally:
        con.close()
    assert status == "succeeded" and "WARC" in source


def test_daily_rollup_exports_and_links(service_runs):
    api_url, runs, db, _, data = service_runs
    run_id, _ = runs["daily"]
    exported = data / "exports" / "parquet"
    assert (exported / "wirehouse-export.json").is_file()
    partitions = list((exported / "events").glob("event_date=*/*.parquet"))
    assert partitions
    con = duckdb.connect()
    try:
        rows = con.execute("select count(*) from read_parquet($p, hive_partitioning = true)",
                           {"p": str(exported / "events" / "*" / "*.parquet")}).fetchall()[0][0]
    finally:
        con.close()
    source = duckdb.connect(str(db), read_only=True)
    try:
        assert rows == source.execute("select count(*) from fact_event").fetchall()[0][0] > 0
    finally:
        source.close()

    artifacts = api(api_url, "/artifacts/filter", {"artifacts": {"flow_run_id": {"any_": [run_id]}}})
    by_key = {a["key"]: a for a in artifacts}
    report = by_key["wirehouse-daily-report"]["data"]
    docs = db.parent / "data_docs" / "index.html"
    assert docs.is_file()
    assert exported.resolve().as_uri() in report and docs.resolve().as_uri() in report
    assert exported.resolve().as_uri() in by_key["wirehouse-export"]["data"]
    assert docs.resolve().as_uri() in by_key["wirehouse-data-docs"]["data"]
    # the HTML report is rewritten next to the warehouse, linked and summarised
    page = db.with_name("report.html")
    assert page.is_file() and "wirehouse report" in page.read_text(encoding="utf-8")
    assert page.resolve().as_uri() in by_key["wirehouse-report"]["data"]
    assert page.resolve().as_uri() in by_key["wirehouse-report-summary"]["data"]
    assert page.resolve().as_uri() in report

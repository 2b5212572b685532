"""The hourly deployment as a service, for the orchestration fault tests and bench/hourly_runs.py.

``Service`` registers what `make deploy` registers (the `process` work pool, the single-writer
limit `wirehouse-db-writer`, the `wirehouse-crawl/hourly` deployment of prefect.yaml, its
schedule cleared so that only the runs a test starts run), writes a sources file listing the
feeds and sitemaps of demo outlets served on loopback, and starts, kills and restarts a
`prefect worker`. ``baseline`` is what one uninterrupted `wirehouse run` of the same sources
holds (compared by natural keys with ``tests.reliability.harness``).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.e2e.conftest import BIN, PrefectServer, prefect_env, stop_group
from tests.reliability.harness import Contents, read_contents

REPO = Path(__file__).resolve().parents[2]
FINAL = ("COMPLETED", "FAILED", "CRASHED", "CANCELLED")
DB_WRITER = "wirehouse-db-writer"


def api(url: str, path: str, body: dict | None = None, *, method: str | None = None, tries: int = 6):
    """GET (or POST ``body``) on the Prefect API; a 503 (the server's database busy) or a refused
    connection (a server starting again) is asked again a bounded number of times."""
    for attempt in range(tries):
        try:
            response = httpx.request(method or ("POST" if body is not None else "GET"), url + path,
                                     json=body, timeout=15)
        except httpx.TransportError:
            if attempt == tries - 1:
                raise
            time.sleep(0.5 * 2**attempt)
            continue
        if response.status_code != 503:
            break
        time.sleep(0.5 * 2**attempt)
    response.raise_for_status()
    return response.json() if response.content else None


def sources_file(folder: Path, sites, outlets: list[str]) -> Path:
    """A sources file listing the feeds and sitemaps of ``outlets`` (served by ``sites``)."""
    feeds, sitemaps = sites.feed_urls(), sites.sitemap_urls()
    path = folder / "sources.yaml"
    path.write_text(json.dumps({"feeds": [feeds[o] for o in outlets], "sitemaps": [sitemaps[o] for o in outlets]}))
    return path


def crawl_env(sites, batch_size: int) -> dict[str, str]:
    """WIREHOUSE_* settings every run of these tests uses: the demo hosts on loopback, small batches."""
    return {"WIREHOUSE_ALLOW_LOOPBACK": "true", "WIREHOUSE_HOST_MAP": json.dumps(dict(sites.host_map)),
            "WIREHOUSE_BATCH_SIZE": str(batch_size), "WIREHOUSE_BACKOFF_S": "0.01",
            "WIREHOUSE_OBEY_CRAWL_DELAY": "false", "GX_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1"}


def baseline(folder: Path, sites, outlets: list[str], batch_size: int) -> Contents:
    """One uninterrupted `wirehouse run` (no Prefect) of the outlets' feeds and sitemaps into
    ``folder``; what it then holds (run it again with more outlets to grow the same warehouse)."""
    folder.mkdir(parents=True, exist_ok=True)
    feeds = folder / "feeds.txt"
    feeds.write_text("".join(sites.feed_urls()[o] + "\n" for o in outlets))
    args = ["--feeds", str(feeds)]
    for outlet in outlets:
        args += ["--sitemap", sites.sitemap_urls()[outlet]]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WIREHOUSE_", "PREFECT_"))}
    env.update(crawl_env(sites, batch_size), WIREHOUSE_DATA_DIR=str(folder))
    done = subprocess.run([sys.executable, "-m", "wirehouse.cli", "run", *args, "--db", str(folder / "wirehouse.duckdb")],
                          env=env, cwd=REPO, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return read_contents(folder / "wirehouse.duckdb")


def children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


class Service:
    """The hourly deployment on ``server``, its worker's data in ``folder``."""

    def __init__(self, server: PrefectServer, folder: Path, sites, outlets: list[str], batch_size: int = 5,
                 **worker_env: str) -> None:
        self.server, self.folder, self.sites = server, folder, sites
        folder.mkdir(parents=True, exist_ok=True)
        self.sources = sources_file(folder, sites, outlets)
        self.env = prefect_env(server.url, server.home, PREFECT_WORKER_QUERY_SECONDS="1",
                               PREFECT_WORKER_PREFETCH_SECONDS="5", WIREHOUSE_SOURCES_FILE=str(self.sources),
                               WIREHOUSE_DATA_DIR=str(folder / "data"), **crawl_env(sites, batch_size), **worker_env)
        self.worker: subprocess.Popen | None = None
        self.deployment_id: str | None = None
        self.other: str | None = None  # a second deployment of the same flow (second_deployment)

    @property
    def url(self) -> str:
        return self.server.url

    def worker_log(self, tail: int = 4000) -> str:
        path = self.folder / "worker.log"
        return path.read_text(errors="replace")[-tail:] if path.exists() else ""

    def prefect(self, *args: str) -> str:
        done = subprocess.run([str(BIN / "prefect"), *args], cwd=REPO, env=self.env, capture_output=True, text=True,
                              timeout=180)
        assert done.returncode == 0, f"prefect {' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        return done.stdout

    def deploy(self) -> None:
        """Work pool, writer limit and the hourly deployment, as `make deploy` makes them; no schedule."""
        if httpx.get(self.url + "/work_pools/process", timeout=15).status_code != 200:
            self.prefect("work-pool", "create", "process", "--type", "process")
        if httpx.get(self.url + f"/v2/concurrency_limits/{DB_WRITER}", timeout=15).status_code != 200:
            self.prefect("global-concurrency-limit", "create", DB_WRITER, "--limit", "1")
        self.prefect("--no-prompt", "deploy", "--name", "hourly")
        deployment = api(self.url, "/deployments/name/wirehouse-crawl/hourly")
        self.deployment_id = deployment["id"]
        for schedule in deployment.get("schedules") or []:
            api(self.url, f"/deployments/{self.deployment_id}/schedules/{schedule['id']}", method="DELETE")
        # runs the scheduler made before the schedule was cleared
        for run in api(self.url, "/flow_runs/filter", {"flow_runs": {"state": {"type": {"any_": ["SCHEDULED"]}}},
                                                       "deployments": {"id": {"any_": [self.deployment_id]}}}):
            api(self.url, f"/flow_runs/{run['id']}", method="DELETE")

    def second_deployment(self, name: str = "hourly-again") -> str:
        """Another deployment of the same flow (as when a crawl is deployed twice, or a second
        schedule is added by hand): its id. Runs of the two are not held back by the hourly
        deployment's own concurrency limit, only by the writer slot."""
        hourly = api(self.url, f"/deployments/{self.deployment_id}")
        keep = ("flow_id", "entrypoint", "path", "pull_steps", "work_pool_name", "work_queue_name",
                "parameter_openapi_schema", "enforce_parameter_schema", "tags", "job_variables")
        return api(self.url, "/deployments/", {"name": name, **{k: hourly[k] for k in keep if k in hourly}})["id"]

    def start_worker(self) -> None:
        log = open(self.folder / "worker.log", "a")
        try:
            # a session of its own (each flow-run process it starts gets one too: see kill_worker)
            self.worker = subprocess.Popen(
                [str(BIN / "prefect"), "worker", "start", "--pool", "process", "--type", "process"],
                cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        finally:
            log.close()

    def kill_worker(self) -> list[int]:
        """SIGKILL the worker and the flow-run processes it started (each in a session of its
        own, with the processes they started); the flow-run process ids."""
        if self.worker is None or self.worker.poll() is not None:
            return []
        runs = children(self.worker.pid)
        os.killpg(self.worker.pid, signal.SIGKILL)
        for pid in runs:
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.worker.wait(timeout=10)
        for group in (self.worker.pid, *runs):  # until every process of those groups is gone
            for _ in range(200):
                try:
                    os.killpg(group, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.05)
        return runs

    def stop_worker(self) -> None:
        if self.worker is not None:
            stop_group(self.worker)

    def run(self, deployment_id: str | None = None, **parameters) -> str:
        """Create a run of the hourly deployment (or another; picked up by the worker); its id."""
        return api(self.url, f"/deployments/{deployment_id or self.deployment_id}/create_flow_run",
                   {"parameters": parameters})["id"]

    def cancel(self, run_id: str) -> None:
        """What the UI's "Cancel" does: set the flow run Cancelling (the worker then stops it)."""
        api(self.url, f"/flow_runs/{run_id}/set_state", {"state": {"type": "CANCELLING", "name": "Cancelling"},
                                                         "force": True})

    def writer_holder(self) -> str | None:
        """The flow run the flows record as holding the writer slot (flows/pipeline.py WRITER_HOLDER)."""
        response = httpx.get(self.url + "/variables/name/wirehouse-db-writer-holder", timeout=15)
        return response.json()["value"] if response.status_code == 200 else None

    def flow_run(self, run_id: str) -> dict:
        return api(self.url, f"/flow_runs/{run_id}")

    def wait(self, run_id: str, seconds: float = 300, *, states: tuple[str, ...] = FINAL) -> dict:
        """Poll a flow run (bounded) until its state type is one of ``states``."""
        deadline = time.monotonic() + seconds
        while True:
            run = self.flow_run(run_id)
            if run["state_type"] in states:
                return run
            assert time.monotonic() < deadline, (
                f"flow run still {run['state_type']} after {seconds} s:\n{self.worker_log()}")
            time.sleep(0.5)

    def writer_slots(self) -> int:
        """Active slots of the single-writer limit (0 when no run holds the warehouse)."""
        return api(self.url, f"/v2/concurrency_limits/{DB_WRITER}")["active_slots"]

    def logs(self, run_id: str) -> str:
        entries = api(self.url, "/logs/filter", {"logs": {"flow_run_id": {"any_": [run_id]}}, "limit": 200,
                                                 "sort": "TIMESTAMP_ASC"})
        return "\n".join(entry["message"] for entry in entries)

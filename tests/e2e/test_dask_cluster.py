"""Scale-out as a user with several machines runs it: a `dask scheduler` and two `dask worker`
processes started on their own (here on loopback, in a folder of their own, with no access to the
pages or the warehouse), the flow pointed at the scheduler with WIREHOUSE_DASK_ADDRESS. The
warehouse it loads must hold what the same flow loads with every stage inline."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import pytest

from tests.e2e.conftest import BIN, free_port, prefect_env, stop_group
from tests.e2e.test_dask import REPO, RUN, write_pages

pytestmark = pytest.mark.e2e

WORKERS = 2
PAGES = 16  # two batches of 8


def start(args: list[str], env: dict[str, str], cwd, log) -> subprocess.Popen:
    return subprocess.Popen([str(BIN / "dask"), *args], env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def contents(db) -> dict[str, list[tuple]]:
    """What a run loaded, by natural keys (surrogate keys may be given in another order)."""
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            "articles": con.execute("select article_id, canonical_url, text_hash, simhash, language, tone,"
                                    " duplicate_of_key is not null from dim_article order by all").fetchall(),
            "events": con.execute("select * exclude (event_key) from v_event order by all").fetchall(),
            "actors": con.execute("select a.article_id, m.mention_text, m.start_char, d.actor_code"
                                  " from fact_actor_mention m join dim_article a using (article_key)"
                                  " join dim_actor d using (actor_key) order by all").fetchall(),
            "places": con.execute("select a.article_id, m.mention_text, m.start_char, p.gazetteer_id"
                                  " from fact_place_mention m join dim_article a using (article_key)"
                                  " join dim_place p using (place_key) order by all").fetchall(),
            "quarantine": con.execute("select ref, reason from quarantine order by all").fetchall(),
        }


def test_separately_started_cluster_loads_what_the_inline_run_loads(prefect_api, tmp_path):
    from distributed import Client

    api_url, home = prefect_api
    pages = write_pages(tmp_path / "pages", PAGES)
    script = tmp_path / "run_flow.py"
    script.write_text(RUN)
    elsewhere = tmp_path / "cluster"  # the cluster's own folder: it never sees the pages or the warehouse
    elsewhere.mkdir()
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    # the workers report their task runs to the Prefect API, as on another machine
    cluster_env = prefect_env(api_url, home, PREFECT_LOGGING_LEVEL="WARNING")
    log = open(elsewhere / "cluster.log", "w")
    processes = [start(["scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                       cluster_env, elsewhere, log)]
    try:
        for n in range(WORKERS):
            processes.append(start(["worker", address, "--nthreads", "1", "--nworkers", "1", "--name", f"w{n}",
                                    "--no-dashboard", "--local-directory", str(elsewhere / f"w{n}")],
                                   cluster_env, elsewhere, log))
        with Client(address, timeout=60) as client:
            client.wait_for_workers(WORKERS, timeout=90)
            assert all(p.poll() is None for p in processes), (elsewhere / "cluster.log").read_text()[-3000:]
            env = prefect_env(api_url, home, WIREHOUSE_BATCH_SIZE="8", WIREHOUSE_WORKERS="2",
                              WIREHOUSE_DATA_DIR=str(tmp_path / "data"), PREFECT_LOGGING_LEVEL="WARNING")
            results = {}
            for mode in ("inline", "dask"):
                extra = {"WIREHOUSE_DASK_ADDRESS": address} if mode == "dask" else {}
                done = subprocess.run(
                    [sys.executable, str(script), f"{REPO / 'flows' / 'pipeline.py'}:wirehouse_pipeline", str(pages),
                     str(tmp_path / f"{mode}.duckdb"), mode],
                    cwd=REPO, env={**env, **extra}, capture_output=True, text=True, timeout=240)
                assert done.returncode == 0, f"{mode}: {done.stdout[-2000:]}\n{done.stderr[-3000:]}"
                results[mode] = json.loads(done.stdout.strip().splitlines()[-1])
            executed = client.run(lambda dask_worker: dask_worker.state.executed_count)
        inline, dask = results["inline"], results["dask"]
        assert inline["status"] == dask["status"] == "succeeded"
        assert inline["articles"] == PAGES and inline["events"] > 0
        assert dask == inline
        # both batches' clean and enrich tasks ran on the separately started workers
        assert sum(executed.values()) >= 4, executed
        assert contents(tmp_path / "dask.duckdb") == contents(tmp_path / "inline.duckdb")
    finally:
        for process in reversed(processes):
            stop_group(process)
        log.close()

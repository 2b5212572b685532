"""Reading while a load runs: DuckDB lets one process hold the file, so a reader gets a clear
message, or with --snapshot reads a private copy as of the last finished batch."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from wirehouse.cli import app
from wirehouse.errors import WarehouseLocked
from wirehouse.warehouse.db import connect, open_snapshot, reader

WRITER = """
import sys, time
from wirehouse.warehouse.db import connect
from wirehouse.warehouse.load import load_batch
from wirehouse.warehouse.schema import apply_schema
from wirehouse.warehouse.synthetic import synthetic_batch
con = connect(sys.argv[1])
apply_schema(con)
load_batch(con, synthetic_batch(2_000, tag="done"), "run-done")

def hold(_con):
    print("loading the second batch", flush=True)
    time.sleep(120)

load_batch(con, synthetic_batch(2_000, tag="busy"), "run-busy", extra=hold)
"""


@pytest.fixture(scope="module")
def busy_warehouse(tmp_path_factory):
    """A warehouse with one finished batch and a writer process in the middle of the next one."""
    path = tmp_path_factory.mktemp("busy") / "busy.duckdb"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        line = writer.stdout.readline().strip()
        assert line == "loading the second batch", writer.stderr.read()[-2000:]
        yield path, writer.pid
    finally:
        writer.kill()
        writer.wait()
        writer.stdout.close()
        writer.stderr.close()


def test_reader_gets_a_clear_message(busy_warehouse):
    path, pid = busy_warehouse
    with pytest.raises(WarehouseLocked) as info:
        connect(path, read_only=True)
    message = str(info.value)
    assert "being written by another process" in message and "--snapshot" in message
    assert str(path) in message


def test_snapshot_reads_the_last_finished_batch(busy_warehouse):
    path, _ = busy_warehouse
    with open_snapshot(path) as con:
        runs = con.execute("select distinct run_id from fact_event order by 1").fetchall()
        events = con.execute("select count(*) from fact_event").fetchall()[0][0]
    assert runs == [("run-done",)] and events == 2_000
    with reader(path, snapshot=True) as con:
        assert con.execute("select count(*) from dim_article").fetchall()[0][0] == 400


def test_cli_sql_and_query_with_and_without_snapshot(busy_warehouse):
    path, _ = busy_warehouse
    runner = CliRunner()
    refused = runner.invoke(app, ["sql", "select count(*) from fact_event", "--db", str(path)])
    assert refused.exit_code == 1 and "--snapshot" in refused.output
    counted = runner.invoke(app, ["sql", "select count(*) as n from fact_event", "--db", str(path), "--snapshot",
                                  "-f", "csv"])
    assert counted.exit_code == 0, counted.output
    assert counted.output.splitlines() == ['"n"', "2000"]
    pairs = runner.invoke(app, ["query", "top_actor_pairs", "--db", str(path), "--snapshot", "-f", "json"])
    assert pairs.exit_code == 0 and pairs.output.count("\n") == 10

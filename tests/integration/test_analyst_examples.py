"""The README's "analysts' own tools" examples work on the demo warehouse: the Python script reads it
read-only into pandas, and from a private copy while another process holds the file; the R
script's SQL runs; the views and their columns explain themselves."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from wirehouse.warehouse.db import connect

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
IRQ_EVENTS = ("select count(*) from v_event where 'IRQ' in (place_country, source_country, target_country)")


def run_example(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(EXAMPLES / "read_warehouse.py"), *args],
                          capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def irq_events(demo_warehouse):
    con = connect(demo_warehouse.database, read_only=True)
    try:
        return con.execute(IRQ_EVENTS).fetchall()[0][0]
    finally:
        con.close()


def test_python_example_reads_into_pandas(demo_warehouse, irq_events):
    done = run_example(str(demo_warehouse.database), "--country", "IRQ")
    assert done.returncode == 0, done.stderr
    assert f"{irq_events} events; the latest:" in done.stdout
    assert "QuadClass: 1 verbal cooperation" in done.stdout  # the dictionary explains quad_class


def test_python_example_while_a_load_holds_the_file(demo_warehouse, irq_events, tmp_path):
    busy = tmp_path / "busy.duckdb"
    shutil.copyfile(demo_warehouse.database, busy)
    writer = connect(busy)  # this process now holds the file, as a running load would
    try:
        refused = run_example(str(busy))
        assert refused.returncode == 1 and "--snapshot" in refused.stderr
        done = run_example(str(busy), "--snapshot", "--country", "IRQ")
        assert done.returncode == 0, done.stderr
        assert f"{irq_events} events; the latest:" in done.stdout
    finally:
        writer.close()


def test_r_example_queries_run(demo_warehouse):
    """R need not be installed: its SQL statements run here as the duckdb package would run them."""
    script = (EXAMPLES / "read_warehouse.R").read_text(encoding="utf-8")
    statements = re.findall(r'dbGetQuery\(con, "(.*?)"', script, re.DOTALL)
    assert len(statements) == 2 and "read_only = TRUE" in script
    con = connect(demo_warehouse.database, read_only=True)
    try:
        dictionary = con.execute(statements[0]).fetchall()
        events = con.execute(statements[1], ["IRQ"]).fetchall()
        assert len(events) == con.execute(IRQ_EVENTS).fetchall()[0][0] > 0
    finally:
        con.close()
    assert len(dictionary) > 20


def test_views_and_columns_carry_comments(demo_warehouse):
    con = connect(demo_warehouse.database, read_only=True)
    try:
        missing = con.execute("select table_name, column_name from v_dictionary where kind = 'view' "
                              "and comment is null").fetchall()
        views = con.execute("select distinct table_name, table_comment from v_dictionary where kind = 'view'").fetchall()
        columns = [r[0] for r in con.execute("select column_name from duckdb_columns() where table_name = 'v_event'").fetchall()]
        described = con.execute("select count(*) from v_dictionary where table_name = 'v_event'").fetchall()[0][0]
    finally:
        con.close()
    assert missing == []
    assert {"v_event", "v_dictionary"} <= {v for v, _ in views} and all(comment for _, comment in views)
    assert described == len(columns) > 20

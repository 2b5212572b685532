"""The flow run's hold on the warehouse (flows/pipeline.py ``warehouse_hold``): while it is open,
the tasks' own connections come and go and the file stays locked to other processes, so one
taking it between two tasks cannot make the run's next task fail; after it, others get in."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.flow_files import load_flow_file
from wirehouse.pipeline import open_warehouse


@pytest.fixture(scope="module")
def flow_module():
    return load_flow_file("pipeline")


def other_process_reads(db: Path) -> str:
    """What another process gets when it opens the warehouse to read it."""
    code = textwrap.dedent(f"""
        from wirehouse.errors import WarehouseLocked
        from wirehouse.warehouse.db import connect
        try:
            connect({str(db)!r}, read_only=True).close()
            print("read")
        except WarehouseLocked:
            print("locked")
    """)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          check=True).stdout.strip()


def test_the_file_stays_locked_between_the_tasks_of_a_run(flow_module, settings):
    with flow_module.warehouse_hold(settings) as held:
        held.execute("select count(*) from seen_input").fetchall()  # planning reads on it
        task = open_warehouse(settings)  # a task's own connection, opened and closed
        task.close()
        assert other_process_reads(settings.database) == "locked"
        task = open_warehouse(settings)  # the next task still gets the file
        task.close()
    assert other_process_reads(settings.database) == "read"

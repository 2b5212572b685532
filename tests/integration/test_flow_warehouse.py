"""The flows' use of the warehouse (flows/pipeline.py, flows/service.py): a flow run's hold on the
warehouse keeps the file locked between its tasks, so another process taking it there cannot make
the run's next task fail; a rollup step that runs out of memory is named with the limit."""

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


def test_a_rollup_step_out_of_memory_names_the_step_and_the_limit(settings):
    from wirehouse.errors import OutOfMemory

    service = load_flow_file("service")
    open_warehouse(settings).close()
    tight = settings.model_copy(update={"db_memory_limit": "16MB"})
    with pytest.raises(OutOfMemory) as stopped, service.rollup_reader(tight, "the daily rollup's report") as con:
        con.execute("select md5(range::varchar) as s, count(*) from range(3000000) group by s order by s").fetchall()
    message = str(stopped.value)
    assert message.startswith("the daily rollup's report was stopped: DuckDB needs more memory")
    assert "allows (16MB)" in message and "nothing in the warehouse was changed" in message

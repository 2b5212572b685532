"""What a user sees when the database file is the trouble, tried for real: locked by another
process, in a folder that cannot be written, cut short or not a DuckDB file, of a newer schema,
and DuckDB out of memory in a command. Each is one line naming the file (or the step) and what to
do, exit code 1, no traceback."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from wirehouse.cli import app
from wirehouse.warehouse.db import connect
from wirehouse.warehouse.schema import apply_schema

runner = CliRunner()


@pytest.fixture
def warehouse(tmp_path) -> Path:
    """An empty warehouse file, every migration applied."""
    db = tmp_path / "w.duckdb"
    con = connect(db)
    apply_schema(con)
    con.close()
    return db


@pytest.fixture
def html_dir(tmp_path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text("<html><body><p>One page.</p></body></html>")
    return folder


def one_line(result, *parts: str) -> str:
    """The error line; fails unless the command stopped with exit code 1, one line holding ``parts``
    and no traceback."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)  # not a traceback
    lines = [line for line in result.output.splitlines() if line.startswith("wirehouse: ")]
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    for part in parts:
        assert part in lines[0], lines[0]
    return lines[0]


def test_a_second_writer_while_another_process_holds_the_file(warehouse, html_dir):
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, duckdb
            con = duckdb.connect({str(warehouse)!r})
            print("holding", flush=True)
            sys.stdin.read()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        run = runner.invoke(app, ["run", "--html-dir", str(html_dir), "--db", str(warehouse)])
        one_line(run, str(warehouse), f"pid {holder.pid}", "stop it, wait for its run to finish")
        query = runner.invoke(app, ["query", "top_actor_pairs", "--db", str(warehouse)])
        one_line(query, str(warehouse), "--snapshot")
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


def test_a_folder_that_cannot_hold_the_database(tmp_path, html_dir):
    afile = tmp_path / "not-a-folder"
    afile.write_text("x")
    run = runner.invoke(app, ["run", "--html-dir", str(html_dir), "--db", str(afile / "w.duckdb")])
    one_line(run, f"cannot create the folder {afile}", "--db / WIREHOUSE_DB_PATH")
    run = runner.invoke(app, ["run", "--html-dir", str(html_dir), "--db", str(tmp_path)])
    one_line(run, f"database {tmp_path} is a folder", "wirehouse.duckdb")


def test_a_read_only_folder(tmp_path, html_dir):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        (folder / "probe").touch()
    except PermissionError:
        pass
    else:
        pytest.skip("this process writes into read-only folders (root with CAP_DAC_OVERRIDE)")
    try:
        run = runner.invoke(app, ["run", "--html-dir", str(html_dir), "--db", str(folder / "w.duckdb")])
        one_line(run, f"cannot write the database {folder / 'w.duckdb'}: permission denied", "writable")
        run = runner.invoke(app, ["run", "--html-dir", str(html_dir), "--db", str(folder / "sub" / "w.duckdb")])
        one_line(run, f"cannot create the folder {folder / 'sub'}", "Permission denied")
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize("damage", ["not duckdb", "cut short"])
def test_a_damaged_file_is_named_and_left_alone(warehouse, html_dir, damage):
    whole = warehouse.read_bytes()
    cut = {"not duckdb": b"id,title\n1,not a database\n" * 400, "cut short": whole[:4096]}[damage]
    warehouse.write_bytes(cut)
    for args in (["run", "--html-dir", str(html_dir)], ["query", "top_actor_pairs"], ["report"]):
        result = runner.invoke(app, args + ["--db", str(warehouse)])
        one_line(result, f"database {warehouse} cannot be read", "restore it from a backup",
                 "--db / WIREHOUSE_DB_PATH")
    assert warehouse.read_bytes() == cut  # nothing written over it


def test_a_warehouse_of_a_newer_schema_is_refused_by_readers_too(warehouse, html_dir):
    con = duckdb.connect(str(warehouse))
    con.execute("insert into schema_version values (999, '999_from_the_future', now()::timestamp)")
    con.close()
    for args in (["run", "--html-dir", str(html_dir)], ["query", "top_actor_pairs"], ["report"],
                 ["export", "--format", "parquet", "--out", str(warehouse.parent / "out")]):
        result = runner.invoke(app, args + ["--db", str(warehouse)])
        one_line(result, f"{warehouse} is at schema version 999", "upgrade wirehouse")
    # the user's own SQL still reads it
    assert runner.invoke(app, ["sql", "select max(version) as v from schema_version", "--db", str(warehouse),
                               "--format", "csv"]).output.splitlines()[-1] == "999"


def test_a_duckdb_file_that_is_no_warehouse(tmp_path):
    db = tmp_path / "other.duckdb"
    duckdb.connect(str(db)).close()
    one_line(runner.invoke(app, ["query", "top_actor_pairs", "--db", str(db)]), f"database {db} is not a wirehouse")


@pytest.mark.parametrize("command", [["query", "top_actor_pairs"], ["report"]])
def test_a_reading_command_out_of_memory_names_the_command_and_the_limit(warehouse, monkeypatch, command):
    monkeypatch.setenv("WIREHOUSE_DB_MEMORY_LIMIT", "1MB")
    result = runner.invoke(app, command + ["--db", str(warehouse)])
    line = one_line(result, f"wirehouse {command[0]} was stopped: DuckDB needs more memory",
                    "WIREHOUSE_DB_MEMORY_LIMIT allows (1MB)", "WIREHOUSE_DB_MEMORY_LIMIT=2MB",
                    "nothing in the warehouse was changed")
    assert "batch" not in line


def test_sql_out_of_memory(warehouse, monkeypatch):
    monkeypatch.setenv("WIREHOUSE_DB_MEMORY_LIMIT", "16MB")
    heavy = "select md5(range::varchar) as s, count(*) from range(3000000) group by s order by s limit 1"
    one_line(runner.invoke(app, ["sql", heavy, "--db", str(warehouse)]),
             "wirehouse sql was stopped", "(16MB)", "WIREHOUSE_DB_MEMORY_LIMIT=32MB")


def test_a_batch_out_of_memory_ends_with_what_to_do(warehouse, tmp_path, monkeypatch, caplog):
    """A batch's load stopped by DuckDB's memory limit: the line the user reads ends with what to do
    and what was kept; DuckDB's own text goes to the log at INFO (shown with --verbose)."""
    from wirehouse.demo import corpus, render

    outlet = corpus.load_outlets()[0]
    site = render.build_site(outlet, "http://" + outlet.id + ".example")
    pages = tmp_path / "articles"
    pages.mkdir()
    for i, entry in enumerate([e for e in site.entries if e.kind == "article"][:3]):
        (pages / f"a{i}.html").write_bytes(site.resources[entry.path].body)
    # 16MB: enough to open the warehouse and plan the run, too little for a batch's load
    monkeypatch.setenv("WIREHOUSE_DB_MEMORY_LIMIT", "16MB")
    with caplog.at_level("INFO", logger="wirehouse.warehouse.db"):
        result = runner.invoke(app, ["run", "--html-dir", str(pages), "--db", str(warehouse)])
    line = one_line(result, "was stopped: DuckDB needs more memory", "(16MB)", "WIREHOUSE_DB_MEMORY_LIMIT=32MB")
    assert line.startswith("wirehouse: batch ") and line.endswith("the next run processes its pages again"), line
    assert "Out of Memory Error" not in result.output
    said = [r.getMessage() for r in caplog.records if "DuckDB ran out of memory" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("batch ") and "Out of Memory Error" in said[0], said
    assert said[0].split(":")[0] in line  # the log line names the same batch


def test_the_schema_migrations_out_of_memory(tmp_path, html_dir, monkeypatch):
    monkeypatch.setenv("WIREHOUSE_DB_MEMORY_LIMIT", "4MB")  # a new warehouse's migrations need more
    db = tmp_path / "new.duckdb"
    line = one_line(runner.invoke(app, ["run", "--html-dir", str(html_dir), "--db", str(db)]),
                    f"opening the warehouse {db} (bringing its schema up to date) was stopped",
                    "(4MB)", "WIREHOUSE_DB_MEMORY_LIMIT=8MB", "the warehouse is as it was")
    assert "batch" not in line

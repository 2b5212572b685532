"""The command line finds a full disk behind an error and says it in one line."""

from __future__ import annotations

import errno

import pytest
import typer

from wirehouse.cli import _disk_full, _errors
from wirehouse.errors import DiskFull
from wirehouse.warehouse.db import out_of_space


def test_a_bare_no_space_error_names_its_folder():
    found = _disk_full(OSError(errno.ENOSPC, "No space left on device", "/data/data_docs/index.html"))
    assert isinstance(found, DiskFull) and str(found).startswith("the folder /data/data_docs is full")
    assert _disk_full(OSError(errno.EACCES, "Permission denied", "/data/x")) is None
    assert _disk_full(ValueError("no")) is None


def test_the_full_disk_behind_a_later_error_is_the_one_reported():
    first = DiskFull("the database folder /data is full (…)")
    try:
        try:
            raise first
        finally:
            raise RuntimeError("database has been invalidated")  # closing the run failed too
    except RuntimeError as exc:
        assert _disk_full(exc) is first


def test_duckdb_wording_names_the_database_folder():
    text = 'TransactionContext Error: Failed to commit: Could not write file "/mnt/db/w.duckdb.wal": No space left on device'
    found = out_of_space(RuntimeError(text), None)
    assert isinstance(found, DiskFull) and str(found).startswith("the database folder /mnt/db is full")
    assert out_of_space(RuntimeError("Constraint Error: duplicate key"), "/mnt/db/w.duckdb") is None


def test_the_cli_prints_one_line_and_exits_1(capsys):
    @_errors
    def command():
        raise OSError(errno.ENOSPC, "No space left on device", "/data/archive/b.warc.gz")

    with pytest.raises(typer.Exit) as exit_info:
        command()
    assert exit_info.value.exit_code == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and err.startswith("wirehouse: the folder /data/archive is full")

"""Open the DuckDB file, turn lock conflicts into a clear error, run batches in transactions."""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb

from wirehouse.errors import ConfigError, DiskFull, OutOfMemory, WarehouseLocked

log = logging.getLogger(__name__)

_PID = re.compile(r"PID (\d+)")
# how DuckDB words a write that found no room (the OS error text inside its own IO error)
_FILE = re.compile(r'file "([^"]+)"')
_NO_SPACE = ("no space left on device", "disk quota exceeded", "not enough space on the disk")
_SIZE = re.compile(r"^(\d+(?:\.\d+)?)\s*([KMGT]i?B)$")


def _database_path(con: duckdb.DuckDBPyConnection) -> str | None:
    try:
        row = con.execute("select path from duckdb_databases() where database_name = current_database()").fetchone()
    except duckdb.Error:
        return None
    return row[0] if row and row[0] else None


def out_of_space(exc: BaseException, path: str | Path | None) -> DiskFull | None:
    """``DiskFull`` naming the database folder when ``exc`` is DuckDB's (or the OS's) no-space error."""
    text = str(exc).lower()
    if not any(marker in text for marker in _NO_SPACE):
        return None
    named = _FILE.search(str(exc))  # the file DuckDB failed to write (the database or its .wal)
    path = named.group(1) if named else path
    folder = f" {Path(path).resolve().parent}" if path else ""
    return DiskFull(
        f"the database folder{folder} is full (DuckDB could not write: no space left on device); free space "
        "there or move the database to a bigger disk (--db or WIREHOUSE_DB_PATH), then run again: every batch "
        "committed before is kept and the run resumes with the batch that was stopped"
    )


def out_of_memory(exc: duckdb.OutOfMemoryException, limit: str, what: str) -> OutOfMemory:
    """``OutOfMemory`` saying that ``what`` (e.g. "batch 3", "the run") was stopped because DuckDB
    needed more than ``limit`` (the run's WIREHOUSE_DB_MEMORY_LIMIT), what to set instead, and that
    nothing of the batch under way was kept (a batch is one transaction, rolled back)."""
    size = _SIZE.match(limit.strip())
    larger = f"{float(size.group(1)) * 2:g}{size.group(2)}" if size else "a larger size"
    said = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    return OutOfMemory(
        f"{what} was stopped: DuckDB needs more memory for this warehouse than WIREHOUSE_DB_MEMORY_LIMIT "
        f"allows ({limit}); raise it (e.g. WIREHOUSE_DB_MEMORY_LIMIT={larger}; the README's section on the "
        "warehouse's memory says how much a warehouse needs) and run again: the batches committed before are "
        f"kept, nothing of the batch under way was written, and the next run processes its pages again. DuckDB: {said}"
    )


@contextmanager
def memory_named(limit: str, what: str) -> Iterator[None]:
    """Raise DuckDB running out of memory inside the block as ``out_of_memory``."""
    try:
        yield
    except duckdb.OutOfMemoryException as exc:
        raise out_of_memory(exc, limit, what) from exc


def connect(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file (creating its folder); a second writer gets ``WarehouseLocked``."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.is_file():
        raise ConfigError(f"database {path} does not exist; check --db or WIREHOUSE_DB_PATH, or load it first "
                          "with wirehouse run")
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        full = out_of_space(exc, path)
        if full is not None:
            raise full from exc
        if "lock" not in str(exc).lower():
            raise
        match = _PID.search(str(exc))
        holder = f" (pid {match.group(1)})" if match else ""
        if read_only:
            raise WarehouseLocked(
                f"database {path} is being written by another process{holder}; add --snapshot to read a "
                f"copy as of its last finished batch, or wait for the run to finish"
            ) from exc
        raise WarehouseLocked(
            f"database {path} is open in another process{holder}; stop it, wait for its run to "
            f"finish, or point WIREHOUSE_DB_PATH (--db) at another file"
        ) from exc


@contextmanager
def open_snapshot(path: Path, *, attempts: int = 3) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to a private copy of the warehouse file, usable while another
    process writes it. The copy holds what the file held at its last checkpoint (the loader
    checkpoints after every batch); the write-ahead log is not copied. A copy caught in the
    middle of a checkpoint fails to open or to read and is taken again."""
    path = Path(path)
    if not path.is_file():
        raise WarehouseLocked(f"database {path} does not exist; check --db or WIREHOUSE_DB_PATH")
    folder = Path(tempfile.mkdtemp(prefix="wirehouse-snapshot-"))
    copy = folder / path.name
    try:
        for attempt in range(1, attempts + 1):
            shutil.copyfile(path, copy)
            try:
                con = duckdb.connect(str(copy), read_only=True)
                con.execute("select count(*) from schema_version").fetchall()
                break
            except duckdb.Error as exc:
                log.warning("snapshot of %s unreadable (attempt %d): %s", path, attempt, exc)
                if attempt == attempts:
                    raise WarehouseLocked(
                        f"could not take a readable snapshot of {path} in {attempts} attempts ({exc}); "
                        "try again after the current batch"
                    ) from exc
                copy.unlink()
        try:
            yield con
        finally:
            con.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def reader(path: Path, *, snapshot: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for analysts: to the file itself, or with ``snapshot`` to a private
    copy (works while a load holds the file)."""
    if snapshot:
        with open_snapshot(path) as con:
            yield con
        return
    con = connect(path, read_only=True)
    try:
        yield con
    finally:
        con.close()


def checkpoint(con: duckdb.DuckDBPyConnection) -> None:
    """Write committed changes into the main file (so a file copy or a snapshot sees them)."""
    execute(con, "checkpoint")


def execute(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> None:
    """Run a statement that returns nothing worth reading, and drain its result so the connection
    is free for the next call (register, execute). A write that finds the disk full (often only at
    commit or checkpoint) raises ``DiskFull``."""
    try:
        con.execute(sql, params).fetchall()
    except duckdb.Error as exc:
        full = out_of_space(exc, _database_path(con))
        if full is not None:
            raise full from exc
        raise


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All or nothing: commit on success, roll back on any error."""
    execute(con, "begin transaction")
    try:
        yield con
    except BaseException:
        try:
            execute(con, "rollback")
        except duckdb.Error as exc:  # a failed write may have ended the transaction already
            log.warning("rollback after a failed batch: %s", exc)
        raise
    execute(con, "commit")

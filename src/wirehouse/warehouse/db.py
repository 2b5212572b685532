"""Open the DuckDB file, turn its faults (locked, unwritable, damaged, full, out of memory) into
errors a user can act on, run batches in transactions."""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb

from wirehouse.errors import ConfigError, DiskFull, OutOfMemory, WarehouseDamaged, WarehouseLocked, WirehouseError

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


# what was kept, said after an out-of-memory stop: of a batch's load (one transaction, rolled back),
# of another step of a run, of a command that only reads
BATCH_KEPT = ("the batches committed before are kept, nothing of the batch under way was written, and the next "
              "run processes its pages again")
RUN_KEPT = "the batches committed before are kept, and the next run does what this one left"
READ_KEPT = "nothing in the warehouse was changed"
# how DuckDB words running out of memory when it is not an OutOfMemoryException (a commit that could
# not allocate a block is a TransactionException)
_MEMORY = ("out of memory error", "could not allocate block", "failed to allocate data")
# how DuckDB words a database file it cannot read: not a DuckDB file, cut short, corrupt, or of
# another storage version
_DAMAGED = ("not a valid duckdb database file", "could not read enough bytes from file", "corrupt database file",
            "trying to read a database file with version number")
# how the OS (through DuckDB) words a file or folder this user may not write
_DENIED = ("permission denied", "read-only file system", "operation not permitted")


def is_out_of_memory(exc: BaseException) -> bool:
    """Whether ``exc`` is DuckDB running out of memory (its own exception, or a commit that failed for it)."""
    if isinstance(exc, duckdb.OutOfMemoryException):
        return True
    return isinstance(exc, duckdb.Error) and any(m in str(exc).lower() for m in _MEMORY)


def out_of_memory(exc: duckdb.Error, limit: str, what: str, kept: str = BATCH_KEPT) -> OutOfMemory:
    """``OutOfMemory`` saying that ``what`` (the step: "batch 3", "planning the run", "wirehouse
    query x") was stopped because DuckDB needed more than ``limit`` (WIREHOUSE_DB_MEMORY_LIMIT), what
    to set instead, and what was ``kept`` (by default: a batch's load, one transaction, rolled back).
    The message ends with what to do; DuckDB's own text goes to the log (shown with --verbose) and
    stays on the error as its cause."""
    size = _SIZE.match(limit.strip())
    larger = f"{float(size.group(1)) * 2:g}{size.group(2)}" if size else "a larger size"
    log.info("%s: DuckDB ran out of memory: %s", what, str(exc) or type(exc).__name__)
    return OutOfMemory(
        f"{what} was stopped: DuckDB needs more memory for this warehouse than WIREHOUSE_DB_MEMORY_LIMIT "
        f"allows ({limit}); raise it (e.g. WIREHOUSE_DB_MEMORY_LIMIT={larger}; the README's section on the "
        f"warehouse's memory says how much a warehouse needs) and run again: {kept}"
    )


@contextmanager
def memory_named(limit: str, what: str, kept: str = BATCH_KEPT) -> Iterator[None]:
    """Raise DuckDB running out of memory inside the block as ``out_of_memory``."""
    try:
        yield
    except duckdb.Error as exc:
        if not is_out_of_memory(exc):
            raise
        raise out_of_memory(exc, limit, what, kept) from exc


def damaged(exc: BaseException, path: str | Path | None = None) -> WarehouseDamaged | None:
    """``WarehouseDamaged`` naming the file when ``exc`` is DuckDB finding the database file
    unreadable (not a DuckDB file, cut short, corrupt, of another DuckDB storage version)."""
    text = str(exc)
    low = text.lower()
    if not isinstance(exc, duckdb.IOException) or not any(m in low for m in _DAMAGED):
        return None
    named = _FILE.search(text)
    where = named.group(1) if named else (str(path) if path else "the database file")
    said = text.splitlines()[0][:200]
    if "version number" in low:
        return WarehouseDamaged(
            f"database {where} was written by another DuckDB version than this wirehouse's ({said}); use the "
            "wirehouse that wrote it, or point --db / WIREHOUSE_DB_PATH at another file"
        )
    return WarehouseDamaged(
        f"database {where} cannot be read: it is cut short, corrupt or not a DuckDB file ({said}); restore it "
        "from a backup (see the README's section on backups), or point --db / WIREHOUSE_DB_PATH at another file "
        "(a new one is created on the next run); wirehouse does not change or remove it"
    )


def denied(exc: BaseException, path: str | Path | None = None, *, read_only: bool = False) -> ConfigError | None:
    """``ConfigError`` naming the file when ``exc`` is DuckDB refused the database file or its
    write-ahead log (.wal) by the OS: no permission, a read-only file system."""
    text = str(exc)
    reason = next((m for m in _DENIED if m in text.lower()), None)
    if not isinstance(exc, duckdb.Error) or reason is None:  # at open, or a commit that could not write the .wal
        return None
    named = _FILE.search(text)
    where = Path(named.group(1) if named else (path or "the database file"))
    if read_only:
        return ConfigError(f"cannot read the database {where}: {reason}; give this user read access to it, or "
                           "point --db / WIREHOUSE_DB_PATH at another file")
    return ConfigError(
        f"cannot write the database {where}: {reason} (the file and its .wal next to it must be writable in "
        f"{where.parent}); make them writable for this user, or point --db / WIREHOUSE_DB_PATH at a file in a "
        "folder you can write"
    )


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def warehouse_fault(exc: BaseException, limit: str, step: str, kept: str = RUN_KEPT, *,
                    database: str | Path | None = None) -> WirehouseError | None:
    """The error a user can act on for a DuckDB fault behind ``exc`` (it or what caused it): a fault
    already named (out of memory, disk full, damaged file) as it is; DuckDB running out of memory
    while doing ``step`` as ``out_of_memory`` (``limit``: WIREHOUSE_DB_MEMORY_LIMIT's value); an
    unreadable database file as ``damaged``; a full disk as ``out_of_space``; the ``database`` file
    or its .wal refused by the OS as ``denied``. ``None`` otherwise."""
    for seen in _chain(exc):
        if isinstance(seen, (OutOfMemory, DiskFull, WarehouseDamaged)):
            return seen
        if isinstance(seen, duckdb.Error):
            if is_out_of_memory(seen):
                return out_of_memory(seen, limit, step, kept)
            found = damaged(seen) or out_of_space(seen, None)
            if found is not None:
                return found
            named = _FILE.search(str(seen))
            if database is not None and named and named.group(1).startswith(str(Path(database).resolve())):
                found = denied(seen, database)
                if found is not None:
                    return found
    return None


@contextmanager
def faults_named(limit: str, step: str, kept: str = READ_KEPT, *, database: str | Path | None = None) -> Iterator[None]:
    """Raise a DuckDB fault inside the block as ``warehouse_fault`` names it for ``step``."""
    try:
        yield
    except Exception as exc:
        fault = warehouse_fault(exc, limit, step, kept, database=database)
        if fault is None or fault is exc:
            raise
        raise fault from exc


def connect(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file (creating its folder); a second writer gets ``WarehouseLocked``."""
    path = Path(path)
    if path.is_dir():
        raise ConfigError(f"database {path} is a folder; give --db or WIREHOUSE_DB_PATH a file name, e.g. "
                          f"{path / 'wirehouse.duckdb'}")
    if not read_only:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(
                f"cannot create the folder {path.parent} for the database {path}: {exc.strerror or exc}; "
                "point --db / WIREHOUSE_DB_PATH at a file in a folder you can write"
            ) from None
    elif not path.is_file():
        raise ConfigError(f"database {path} does not exist; check --db or WIREHOUSE_DB_PATH, or load it first "
                          "with wirehouse run")
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        fault = out_of_space(exc, path) or damaged(exc, path) or denied(exc, path, read_only=read_only)
        if fault is not None:
            raise fault from exc
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
def reader(path: Path, *, snapshot: bool = False, memory_limit: str | None = None,
           check_schema: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for analysts: to the file itself, or with ``snapshot`` to a private
    copy (works while a load holds the file). ``memory_limit``: DuckDB's memory for it
    (WIREHOUSE_DB_MEMORY_LIMIT). With ``check_schema``, a file that is no wirehouse warehouse or
    whose schema is newer than this code knows is refused (its tables may mean something else)."""
    with (open_snapshot(path) if snapshot else _closing(connect(path, read_only=True))) as con:
        if memory_limit:
            execute(con, f"set memory_limit = '{memory_limit}'")  # a validated size, e.g. 512MB
        if check_schema:
            _check_readable(con, path)
        yield con


@contextmanager
def _closing(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    try:
        yield con
    finally:
        con.close()


def _check_readable(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    from wirehouse.warehouse.schema import check_version

    try:
        con.execute("select 1 from schema_version limit 1").fetchall()
    except duckdb.CatalogException:
        raise ConfigError(f"database {path} is not a wirehouse warehouse (it has no schema_version table); check "
                          "--db or WIREHOUSE_DB_PATH") from None
    check_version(con)


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

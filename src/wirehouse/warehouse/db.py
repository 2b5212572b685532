"""Open the DuckDB file, turn lock conflicts into a clear error, run batches in transactions."""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb

from wirehouse.errors import WarehouseLocked

log = logging.getLogger(__name__)

_PID = re.compile(r"PID (\d+)")


def connect(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file (creating its folder); a second writer gets ``WarehouseLocked``."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
        match = _PID.search(str(exc))
        holder = f" (pid {match.group(1)})" if match else ""
        raise WarehouseLocked(
            f"database {path} is open in another process{holder}; stop it, wait for its run to "
            f"finish, or point WIREHOUSE_DB_PATH (--db) at another file"
        ) from exc


def execute(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> None:
    """Run a statement that returns nothing worth reading, and drain its result so the connection
    is free for the next call (register, execute)."""
    con.execute(sql, params).fetchall()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All or nothing: commit on success, roll back on any error."""
    execute(con, "begin transaction")
    try:
        yield con
    except BaseException:
        execute(con, "rollback")
        raise
    execute(con, "commit")

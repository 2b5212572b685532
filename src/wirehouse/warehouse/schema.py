"""Apply sql/schema/NNN_*.sql in order, once each, recorded in schema_version.

A later change is a new file with the next number (``004_add_x.sql``): it runs once, in its own
transaction, on every database below its number, and a database newer than the code is refused."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import duckdb
import pyarrow as pa

from wirehouse.errors import SchemaMismatch
from wirehouse.cameo import event_codes
from wirehouse.resources import data_dir
from wirehouse.warehouse.db import execute, transaction

log = logging.getLogger(__name__)

_FILE = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


def migrations(folder: Path | None = None) -> list[tuple[int, str, Path]]:
    """(number, name, path) of every ``NNN_name.sql`` in ``folder`` (default: the shipped sql/schema)."""
    folder = data_dir("sql").joinpath("schema") if folder is None else Path(folder)
    found: dict[int, tuple[int, str, Path]] = {}
    for path in sorted(folder.iterdir()):
        match = _FILE.match(path.name)
        if not match:
            continue
        number = int(match.group(1))
        if number in found:
            raise SchemaMismatch(
                f"two migrations are numbered {number:03d} in {folder}: {found[number][1]} and {path.stem}; "
                "give the newer one the next free number"
            )
        found[number] = (number, path.stem, path)
    return [found[n] for n in sorted(found)]


def _database_file(con: duckdb.DuckDBPyConnection) -> str:
    rows = con.execute(
        "select path from duckdb_databases() where database_name = current_database()"
    ).fetchall()
    return rows[0][0] if rows and rows[0][0] else "(in memory)"


def check_version(con: duckdb.DuckDBPyConnection, folder: Path | None = None) -> int:
    """The database's schema version; ``SchemaMismatch`` if it is newer than this code knows."""
    version = con.execute("select coalesce(max(version), 0) from schema_version").fetchall()[0][0]
    known = migrations(folder)
    newest = known[-1][0] if known else 0
    if version > newest:
        latest = con.execute("select name from schema_version order by version desc limit 1").fetchall()[0][0]
        raise SchemaMismatch(
            f"database {_database_file(con)} is at schema version {version} ({latest}) but this wirehouse "
            f"knows migrations up to {newest} only; upgrade wirehouse, or point --db / WIREHOUSE_DB_PATH "
            "at another file"
        )
    return version


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    execute(
        con,
        "create table if not exists schema_version ("
        " version integer primary key, name varchar not null, applied_at timestamp not null)"
    )
    return con.execute("select coalesce(max(version), 0) from schema_version").fetchall()[0][0]


def apply_schema(con: duckdb.DuckDBPyConnection, folder: Path | None = None) -> int:
    """Bring the database up to the newest schema (migrations from ``folder``, default the shipped
    sql/schema); returns the version it is at."""
    current_version(con)
    version = check_version(con, folder)
    known = migrations(folder)
    applied = set(con.execute("select version, name from schema_version").fetchall())
    for number, name, path in known:
        if number <= version:
            if (number, name) not in applied:
                raise SchemaMismatch(
                    f"migration {name} is numbered below the database's schema version {version} and was "
                    f"never applied to {_database_file(con)}; renumber it above {known[-1][0]}"
                )
            continue
        with transaction(con):
            execute(con, path.read_text(encoding="utf-8"))
            execute(
                con,
                "insert into schema_version values ($v, $n, now()::timestamp)", {"v": number, "n": name}
            )
        log.info("applied schema migration %s", name)
        version = number
    _seed_event_types(con)
    _apply_views(con)
    return version


def _apply_views(con: duckdb.DuckDBPyConnection) -> None:
    for path in sorted(data_dir("sql").joinpath("views").glob("*.sql")):
        execute(con, path.read_text(encoding="utf-8"))


def event_type_key(code: str) -> int:
    return int("1" + code)


def _seed_event_types(con: duckdb.DuckDBPyConnection) -> None:
    if con.execute("select count(*) from dim_event_type").fetchall()[0][0]:
        return
    rows = list(event_codes().values())
    table = pa.table(
        {
            "event_type_key": [event_type_key(r.code) for r in rows],
            "cameo_code": [r.code for r in rows],
            "root_code": [r.root_code for r in rows],
            "label": [r.label for r in rows],
            "quad_class": [r.quad_class for r in rows],
            "goldstein": [r.goldstein for r in rows],
        }
    )
    with transaction(con):
        con.register("stg_event_type", table)
        execute(con, "insert into dim_event_type select * from stg_event_type on conflict do nothing")
        con.unregister("stg_event_type")

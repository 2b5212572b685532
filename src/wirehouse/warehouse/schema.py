"""Apply sql/schema/NNN_*.sql in order, once each, recorded in schema_version."""

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


def migrations() -> list[tuple[int, str, Path]]:
    found = []
    for path in sorted(data_dir("sql").joinpath("schema").iterdir()):
        match = _FILE.match(path.name)
        if match:
            found.append((int(match.group(1)), path.stem, path))
    return found


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    execute(
        con,
        "create table if not exists schema_version ("
        " version integer primary key, name varchar not null, applied_at timestamp not null)"
    )
    return con.execute("select coalesce(max(version), 0) from schema_version").fetchall()[0][0]


def apply_schema(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the database up to the newest schema; returns the version it is at."""
    version = current_version(con)
    known = migrations()
    newest = known[-1][0] if known else 0
    if version > newest:
        raise SchemaMismatch(
            f"database schema is at version {version} but this wirehouse knows only up to {newest}; "
            "upgrade wirehouse or use another database file"
        )
    for number, name, path in known:
        if number <= version:
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

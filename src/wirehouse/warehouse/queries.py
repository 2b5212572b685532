"""Named analytics queries from sql/queries/*.sql, run with $name parameters (never string-built)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from wirehouse.errors import QueryError
from wirehouse.resources import data_dir

_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    question: str
    grain: str
    parameters: str
    sql: str

    @property
    def parameter_names(self) -> list[str]:
        return sorted(set(_PARAM.findall(self.sql)))


def _header(sql: str, label: str) -> str:
    match = re.search(rf"^--\s*{label}:\s*(.+)$", sql, re.MULTILINE | re.IGNORECASE)
    return match.group(1).strip() if match else ""


def named_queries() -> dict[str, NamedQuery]:
    found = {}
    for path in sorted((data_dir("sql") / "queries").glob("*.sql")):
        sql = path.read_text(encoding="utf-8")
        found[path.stem] = NamedQuery(
            name=path.stem,
            path=path,
            question=_header(sql, "Question"),
            grain=_header(sql, "Grain"),
            parameters=_header(sql, "Parameters"),
            sql=sql,
        )
    return found


def run_query(con: duckdb.DuckDBPyConnection, name: str, **params: str | int | None) -> pa.Table:
    """Run ``sql/queries/<name>.sql``; parameters it does not name are an error, missing ones are null."""
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"no query named {name!r}; known queries: {', '.join(queries)}")
    query = queries[name]
    unknown = set(params) - set(query.parameter_names)
    if unknown:
        raise QueryError(
            f"query {name!r} takes {', '.join(query.parameter_names) or 'no parameters'}, "
            f"not {', '.join(sorted(unknown))}"
        )
    values = {p: (None if params.get(p) is None else str(params[p])) for p in query.parameter_names}
    try:
        return con.sql(query.sql, params=values or None).to_arrow_table()
    except duckdb.Error as exc:
        raise QueryError(f"query {name!r} failed: {exc}") from exc


def run_sql(con: duckdb.DuckDBPyConnection, sql: str) -> pa.Table:
    try:
        return con.sql(sql).to_arrow_table()
    except duckdb.Error as exc:
        raise QueryError(f"SQL failed: {exc}") from exc

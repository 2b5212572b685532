"""Named analytics queries from sql/queries/*.sql, run with $name parameters (never string-built)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from wirehouse.errors import QueryError
from wirehouse.resources import data_dir

_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
# "$name (kind, required | default X | or empty for all)" in a query's "Parameters:" header
_PARAM_DOC = re.compile(r"\$([a-z_][a-z0-9_]*)\s*\(([^)]*)\)")
_COUNTRY = re.compile(r"^[A-Za-z]{3}$")


@dataclass(frozen=True)
class Parameter:
    """A named query's parameter as its header documents it."""

    name: str
    kind: str  # integer, date, country (ISO-3 code) or text
    required: bool
    doc: str  # the header's words, for messages

    def check(self, query: str, value: str) -> str | None:
        """The value to bind (ISO-3 codes upper-cased, empty as null); ``QueryError`` when it
        does not fit the parameter."""
        value = value.strip()
        if value == "":
            if self.required:
                raise QueryError(f"query {query!r}: --param {self.name} is empty, but it is required ({self.doc})")
            return None
        if self.kind == "integer":
            try:
                number = int(value)
            except ValueError:
                number = -1
            if number < 0:
                raise QueryError(f"query {query!r}: --param {self.name}={value!r} should be a whole number "
                                 f"({self.doc})")
        elif self.kind == "date":
            try:
                date.fromisoformat(value)
            except ValueError:
                raise QueryError(f"query {query!r}: --param {self.name}={value!r} should be a date like "
                                 f"2026-01-31 ({self.doc})") from None
        elif self.kind == "country":
            if not _COUNTRY.match(value):
                raise QueryError(f"query {query!r}: --param {self.name}={value!r} should be a three-letter "
                                 f"country code such as IRQ ({self.doc})")
            value = value.upper()
        return value


def _kind(words: str) -> str:
    words = words.lower()
    if "integer" in words:
        return "integer"
    if words.startswith("date"):
        return "date"
    if "iso-3" in words:
        return "country"
    return "text"


def parse_parameters(header: str) -> dict[str, Parameter]:
    """The parameters a query's "Parameters:" header line documents."""
    found = {}
    for name, inside in _PARAM_DOC.findall(header):
        parts = [p.strip() for p in inside.split(",")]
        found[name] = Parameter(name, _kind(parts[0]), "required" in parts[1:], inside.strip())
    return found


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

    @property
    def documented(self) -> dict[str, Parameter]:
        return parse_parameters(self.parameters)


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
    """Run ``sql/queries/<name>.sql`` with its parameters checked against its header: an unknown
    parameter, a missing required one or a value of the wrong kind is a ``QueryError`` in one line;
    optional ones left out are null (the query's default applies)."""
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
    documented = query.documented
    missing = [p for p, doc in documented.items() if doc.required and params.get(p) is None]
    if missing:
        raise QueryError(
            f"query {name!r} needs " + ", ".join(f"--param {p}=... ({documented[p].doc})" for p in missing)
        )
    values = {}
    for p in query.parameter_names:
        value = params.get(p)
        if value is not None and p in documented:
            values[p] = documented[p].check(name, str(value))
        else:
            values[p] = None if value is None else str(value)
    try:
        return con.sql(query.sql, params=values or None).to_arrow_table()
    except duckdb.Error as exc:
        raise QueryError(f"query {name!r} failed: {exc}") from exc


def run_sql(con: duckdb.DuckDBPyConnection, sql: str) -> pa.Table:
    try:
        return con.sql(sql).to_arrow_table()
    except duckdb.Error as exc:
        raise QueryError(f"SQL failed: {exc}") from exc

"""The crawl frontier in the warehouse: every known URL and its state, so a crawl resumes."""

from __future__ import annotations

from urllib.parse import urlsplit

import duckdb
import pyarrow as pa

from wirehouse.warehouse.db import execute
from wirehouse.crawl.fetch import Target
from wirehouse.records import Page, Rejected

FRONTIER_UPDATE_SCHEMA = pa.schema(
    [
        ("url", pa.string()),
        ("state", pa.string()),
        ("last_status", pa.int32()),
        ("error", pa.string()),
        ("etag", pa.string()),
        ("last_modified", pa.string()),
    ]
)

# Rejections worth another try on a later run; the rest are final.
TRANSIENT = {"fetch_failed", "http_500", "http_502", "http_503", "http_504", "http_429"}
MAX_ATTEMPTS = 3


def add_targets(con: duckdb.DuckDBPyConnection, targets: list[Target]) -> int:
    """Record newly discovered URLs as pending; known URLs keep their state. Returns new ones."""
    if not targets:
        return 0
    table = pa.table(
        {
            "url": [t.url for t in targets],
            "host": [urlsplit(t.url).netloc for t in targets],
            "source": [t.source for t in targets],
        }
    )
    before = con.execute("select count(*) from crawl_frontier").fetchall()[0][0]
    con.register("stg_frontier_new", table)
    try:
        execute(
            con,
            "insert into crawl_frontier (url, host, source, state, discovered_at)"
            " select url, host, source, 'pending', now()::timestamp from stg_frontier_new"
            " on conflict (url) do nothing"
        )
    finally:
        con.unregister("stg_frontier_new")
    return con.execute("select count(*) from crawl_frontier").fetchall()[0][0] - before


def due(con: duckdb.DuckDBPyConnection, limit: int | None = None, recrawl: bool = False) -> list[Target]:
    """URLs to fetch now: pending ones, failed ones whose retry time has come, all with --recrawl.
    Targets carry the ETag / Last-Modified of their last fetch, so a re-crawl is a conditional GET."""
    states = "('pending', 'retry', 'fetched', 'failed')" if recrawl else "('pending', 'retry')"
    sql = (
        f"select url, source, etag, last_modified from crawl_frontier where state in {states}"
        " and (next_attempt_at is null or next_attempt_at <= now()::timestamp)"
        " order by discovered_at, url"
    )
    if limit is not None:
        sql += f" limit {int(limit)}"
    return [Target(url, source, etag, modified) for url, source, etag, modified in con.execute(sql).fetchall()]


def outcome_table(results: list[Page | Rejected]) -> pa.Table:
    rows = []
    for r in results:
        if isinstance(r, Page):
            rows.append({"url": r.url, "state": "fetched", "last_status": r.status, "error": None,
                         "etag": r.etag, "last_modified": r.last_modified})
        else:
            status = int(r.reason[5:]) if r.reason.startswith("http_") and r.reason[5:].isdigit() else None
            state = "retry" if r.reason in TRANSIENT else "failed"
            rows.append({"url": r.ref, "state": state, "last_status": status, "error": r.message[:500],
                         "etag": None, "last_modified": None})
    return pa.Table.from_pylist(rows, schema=FRONTIER_UPDATE_SCHEMA)


def record_outcomes(con: duckdb.DuckDBPyConnection, outcomes: pa.Table) -> None:
    """Mark fetched/failed URLs; call inside the batch's load transaction so that a URL counts
    as done exactly when its article is stored."""
    if outcomes.num_rows == 0:
        return
    con.register("stg_frontier_outcome", outcomes)
    try:
        execute(
            con,
            f"""
            update crawl_frontier as f set
                attempts = f.attempts + 1,
                state = case when o.state = 'retry' and f.attempts + 1 >= {MAX_ATTEMPTS} then 'failed' else o.state end,
                last_status = o.last_status,
                error = o.error,
                etag = coalesce(o.etag, f.etag),
                last_modified = coalesce(o.last_modified, f.last_modified),
                fetched_at = case when o.state = 'fetched' then now()::timestamp else f.fetched_at end,
                next_attempt_at = case when o.state = 'retry'
                    then now()::timestamp + to_minutes(cast(5 * pow(2, f.attempts) as integer)) else null end
            from stg_frontier_outcome as o
            where f.url = o.url
            """
        )
    finally:
        con.unregister("stg_frontier_outcome")

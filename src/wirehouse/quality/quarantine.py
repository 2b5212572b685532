"""Read the quarantine and send its URLs back to the crawl frontier.

Every row a stage could not use is in the ``quarantine`` table with its reason. ``requeue`` puts
the URL behind a row back to ``pending`` in ``crawl_frontier`` (a crawled page) or forgets that
the input was processed (a saved HTML file or WARC record, in ``seen_input``), and stamps
``requeued_at``, so the next run fetches or reads and processes it again:

- ``crawl`` and ``clean`` rows, and pages whose batch failed too often: the URL is the row's ``ref``;
- ``validate`` rows of an article or an alias: the page's URL (from the stored row);
- ``validate`` rows of a mention or event: the URL of its (loaded) article, which is then
  processed again as a whole.

Rows whose URL neither the frontier nor the inputs know (feeds, sitemaps) cannot be requeued.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from wirehouse.warehouse.db import execute, transaction

log = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


def display(value, width: int = 90) -> str:
    """A stored (possibly crawled) value for a terminal: one line, no control or bidi
    characters (no terminal escape sequences), clipped to ``width``."""
    if value is None:
        return ""
    text = " ".join(_CONTROL.sub(" ", str(value)).split())
    return text if len(text) <= width else text[: width - 1] + "…"


_FILTER = """
    ($run_id::varchar is null or q.run_id = $run_id)
    and ($reason::varchar is null or q.reason = $reason or contains(q.message, $reason))
    and ($stage::varchar is null or q.stage = $stage)
"""


def _params(run_id: str | None, reason: str | None, stage: str | None) -> dict:
    return {"run_id": run_id, "reason": reason, "stage": stage}


def list_quarantine(
    con: duckdb.DuckDBPyConnection,
    *,
    run_id: str | None = None,
    reason: str | None = None,
    stage: str | None = None,
    pending_only: bool = False,
    limit: int = 50,
) -> pa.Table:
    """Set-aside rows, newest first. ``reason`` matches the reason code (``http_404``,
    ``expectation_failed``) or any part of the message (an expectation's name or column)."""
    sql = f"""
        select q.quarantine_key as key, q.run_id, q.stage, q.table_name, q.ref, q.reason, q.message,
               q.quarantined_at, coalesce(q.times_seen, 1) as times_seen, q.last_seen_at, q.requeued_at
        from quarantine as q
        where {_FILTER} {"and q.requeued_at is null" if pending_only else ""}
        order by q.quarantined_at desc, q.quarantine_key desc
        limit $limit
    """
    return con.sql(sql, params={**_params(run_id, reason, stage), "limit": max(0, int(limit))}).to_arrow_table()


def count_quarantine(
    con: duckdb.DuckDBPyConnection, *, run_id: str | None = None, reason: str | None = None, stage: str | None = None
) -> int:
    sql = f"select count(*) from quarantine as q where {_FILTER}"
    return con.execute(sql, _params(run_id, reason, stage)).fetchall()[0][0]


@dataclass(frozen=True)
class RequeueResult:
    rows: int  # quarantine rows marked requeued
    urls: tuple[str, ...]  # frontier URLs set back to pending, and local inputs to be read again
    not_requeueable: int  # matching rows whose URL neither the frontier nor the inputs know


_CANDIDATES = f"""
    with picked as (
        select q.quarantine_key,
               case when q.stage in ('crawl', 'clean') or q.reason = 'batch_failed' then q.ref
                    when q.table_name in ('dim_article', 'dim_article_alias')
                        then json_extract_string(q.payload, '$.url')
                    else a.url end as url,
               case when q.table_name = 'dim_article' then json_extract_string(q.payload, '$.canonical_url')
                    else a.canonical_url end as canonical_url
        from quarantine as q
        left join dim_article as a
            on q.stage = 'validate' and q.table_name like 'fact_%' and a.article_id = q.ref
        where q.requeued_at is null and {_FILTER}
    )
    select p.quarantine_key, coalesce(f.url, s.ref)
    from picked as p
    left join crawl_frontier as f on f.url = p.url or f.url = p.canonical_url
    left join seen_input as s on s.ref = p.url
"""


def requeue(
    con: duckdb.DuckDBPyConnection, *, run_id: str | None = None, reason: str | None = None, stage: str | None = None
) -> RequeueResult:
    """Put the URLs behind the matching, not yet requeued rows back to pending and forget the local
    inputs behind them (one transaction)."""
    rows = con.execute(_CANDIDATES, _params(run_id, reason, stage)).fetchall()
    keys = sorted({k for k, url in rows if url is not None})
    urls = sorted({url for _, url in rows if url is not None})
    unknown = len({k for k, _ in rows} - set(keys))
    if keys:
        with transaction(con):
            con.register("stg_requeue_url", pa.table({"url": pa.array(urls, pa.string())}))
            con.register("stg_requeue_key", pa.table({"key": pa.array(keys, pa.int64())}))
            try:
                execute(
                    con,
                    "update crawl_frontier set state = 'pending', attempts = 0, next_attempt_at = null, error = null"
                    " where url in (select url from stg_requeue_url)",
                )
                execute(con, "delete from seen_input where ref in (select url from stg_requeue_url)")
                execute(
                    con,
                    "update quarantine set requeued_at = now()::timestamp"
                    " where quarantine_key in (select key from stg_requeue_key)",
                )
            finally:
                con.unregister("stg_requeue_url")
                con.unregister("stg_requeue_key")
    log.info("requeued %d quarantine rows (%d URLs); %d rows have no URL in the frontier", len(keys), len(urls), unknown)
    return RequeueResult(len(keys), tuple(urls), unknown)

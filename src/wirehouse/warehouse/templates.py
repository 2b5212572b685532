"""The per-domain template store in the warehouse (table ``template_block``, sql/schema/008).

Only the counts of the blocks a batch's pages hold are read (one join on the batch's keys), and
the batch's observations are added in one transaction: the table grows with the crawl, the work per
batch with the batch. The table has no index (sql/schema/014: an index of every block would be
loaded into memory by each batch's insert); one row per (domain, block_key) is kept by the saving
itself.
"""

from __future__ import annotations

from collections import Counter
from typing import Mapping

import duckdb
import pyarrow as pa

from wirehouse.clean.template import TemplateStore
from wirehouse.warehouse.db import execute, transaction

_KEYS = pa.schema([("domain", pa.string()), ("block_key", pa.int64())])

# The stored rows of a registered table of (domain, block_key) pairs. The table is scanned by
# block_key alone, a number, and only the rows whose key the batch holds are read for their domain
# (comparing every stored row's domain, a string, cost as much again); the domain is then matched
# among those few. Formatted with ``keys`` (the registered table, ``k``) and the ``columns`` wanted
# besides the pair (of ``t``, the stored rows with their ``row_id``, and ``k``).
_BY_KEY = (
    "with t as materialized (select b.rowid as row_id, b.domain, b.block_key, b.pages from template_block as b"
    " semi join {keys} as k using (block_key))"
    " select t.domain, t.block_key, {columns} from t join {keys} as k"
    " on k.domain = t.domain and k.block_key = t.block_key"
)
_COUNTS = pa.schema([("domain", pa.string()), ("block_key", pa.int64()), ("pages", pa.int32())])


def warehouse_templates(con: duckdb.DuckDBPyConnection) -> TemplateStore:
    """An empty store that reads the stored counts of a batch's blocks from the warehouse."""
    return TemplateStore(reader=lambda pairs: stored_counts(con, pairs))


def stored_counts(con: duckdb.DuckDBPyConnection, pairs: set[tuple[str, int]]) -> dict[str, Counter]:
    """Stored page counts of these (domain, block key) pairs, by domain."""
    counts: dict[str, Counter] = {}
    if pairs:
        keys = pa.Table.from_pylist([{"domain": d, "block_key": b} for d, b in pairs], schema=_KEYS)
        con.register("stg_template_keys", keys)
        try:
            rows = con.execute(_BY_KEY.format(keys="stg_template_keys", columns="t.pages")).fetchall()
        finally:
            con.unregister("stg_template_keys")
        for domain, block, pages in rows:
            counts.setdefault(domain, Counter())[block] = pages
    return counts


def save_templates(con: duckdb.DuckDBPyConnection, added: Mapping[str, Counter]) -> int:
    """Add a batch's observations (pages per block key, by domain: ``TemplateStore.added``) to the
    warehouse in a transaction of their own; how many blocks were written."""
    with transaction(con):
        return add_templates(con, added)


def add_templates(con: duckdb.DuckDBPyConnection, added: Mapping[str, Counter]) -> int:
    """``save_templates`` inside the caller's transaction (a batch's load): the keys the table holds
    are counted up, the others inserted, one row per key (the mapping holds each key once)."""
    rows = [{"domain": d, "block_key": b, "pages": n} for d, blocks in added.items() for b, n in blocks.items()]
    if not rows:
        return 0
    table = pa.Table.from_pylist(rows, schema=_COUNTS)
    con.register("stg_template_counts", table)
    try:
        # one read of the table by key; the rows found are updated by row id (stable within the
        # transaction). Replacing them (a delete and an insert) would make the next checkpoint
        # cheaper but leaves the deleted rows in the file, which then grows with every batch.
        execute(
            con,
            "create or replace temp table stg_template_known as "
            + _BY_KEY.format(keys="stg_template_counts", columns="t.row_id, k.pages"),
        )
        execute(
            con,
            "update template_block as t set pages = t.pages + k.pages, updated_at = now()::timestamp"
            " from stg_template_known as k where t.rowid = k.row_id",
        )
        execute(
            con,
            "insert into template_block (domain, block_key, pages, updated_at)"
            " select s.domain, s.block_key, s.pages, now()::timestamp from stg_template_counts as s"
            " anti join stg_template_known as k on k.domain = s.domain and k.block_key = s.block_key",
        )
        execute(con, "drop table stg_template_known")
    finally:
        con.unregister("stg_template_counts")
    return len(rows)

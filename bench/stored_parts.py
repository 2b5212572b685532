"""What a batch's load costs in a warehouse of a given size, part by part (read-only, except the
index test, which it rolls back):

    .venv/bin/python bench/stored_parts.py WAREHOUSE.duckdb

A stand-in batch is 200 stored articles drawn at random, their events and band keys, 3,000 stored
template blocks and 200 stored inputs. Printed: the CPU (and wall) time of the warehouse-wide
joins a batch's load runs (median of 5), and the memory DuckDB's key indexes take once one batch's
worth of keys is inserted into ``template_block``, ``seen_input`` and ``dim_article``
(``duckdb_memory()``, tag ART_INDEX; each insert rolled back). Run it on a copy: the index test
writes (and rolls back) in the file. The index test inserts as the load did before migration
014; on a migrated warehouse the tables that lost their keys are named and skipped (the load's own
writes are measured by ``bench/index_memory.py``).
"""

from __future__ import annotations

import statistics
import sys
import time

import duckdb

QUERIES = {
    "known events (fact_event by event_id)": "select count(*) from fact_event f semi join b_event e using (event_id)",
    "recount (fact_event_mention by event_key)":
        "select count(*), count(distinct article_key) from fact_event_mention m semi join b_event e using (event_key)",
    "band join (article_band)": "select count(*) from article_band a semi join b_band b using (band_key)",
    "template counts (template_block)": "select count(*) from template_block t join b_tpl k using (domain, block_key)",
    "seen inputs (seen_input)": "select count(*) from seen_input s semi join b_ref r using (ref)",
}
INSERTS = {
    "template_block": "insert into template_block select domain, xor(block_key, 7), 1, now()::timestamp"
                      " from (select * from template_block using sample 3000 rows)"
                      " on conflict (domain, block_key) do update set pages = template_block.pages + excluded.pages",
    "seen_input": "insert into seen_input by name select * replace (ref || '-x' as ref)"
                  " from (select * from seen_input using sample 200 rows) on conflict do nothing",
    "dim_article": "insert into dim_article by name select * replace (article_key + 1000000000 as article_key,"
                   " canonical_url || '-x' as canonical_url, article_id || 'x' as article_id)"
                   " from (select * from dim_article using sample 200 rows)",
}


def main() -> int:
    db = sys.argv[1]
    con = duckdb.connect(db, read_only=True)
    con.execute("set memory_limit = '512MB'")
    con.execute("set enable_progress_bar = false")
    articles = con.execute("select count(*) from dim_article").fetchone()[0]
    con.execute("create temp table b_art as select article_key, simhash from dim_article using sample 200 rows")
    con.execute("create temp table b_event as select distinct e.event_id, e.event_key from fact_event e"
                " semi join b_art using (article_key)")
    con.execute("create temp table b_band as select b.key_offset | ((a.simhash >> b.low_shift) & b.low_mask) | ((a.simhash >> b.high_shift) & b.high_mask) as band_key"
                " from b_art a cross join simhash_band b")
    con.execute("create temp table b_tpl as select domain, block_key from template_block using sample 3000 rows")
    con.execute("create temp table b_ref as select ref from seen_input using sample 200 rows")
    print(f"{db}: {articles} articles")
    total = 0.0
    for name, sql in QUERIES.items():
        times = []
        for _ in range(5):
            cpu, wall = time.process_time(), time.perf_counter()
            con.execute(sql).fetchall()
            times.append((time.process_time() - cpu, time.perf_counter() - wall))
        cpu = statistics.median(t[0] for t in times)
        total += cpu
        print(f"  {name}: CPU {cpu * 1000:.0f} ms, wall {statistics.median(t[1] for t in times) * 1000:.0f} ms per batch")
    print(f"  joins in all: CPU {total * 1000:.0f} ms per batch of 200")
    con.close()
    for table, sql in INSERTS.items():
        con = duckdb.connect(db)
        con.execute("set memory_limit = '4GB'")
        con.execute("set enable_progress_bar = false")
        con.execute("begin")
        try:
            con.execute(sql)
        except duckdb.BinderException:  # no key to conflict on: the table lost its index in migration 014
            con.close()
            print(f"  {table}: no index-backed key (migrated by 014; bench/index_memory.py measures the load's own writes)")
            continue
        art = con.execute("select memory_usage_bytes from duckdb_memory() where tag = 'ART_INDEX'").fetchone()[0]
        con.execute("rollback")
        con.close()
        print(f"  {table}: key index in memory after one batch's insert {art / 2**20:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

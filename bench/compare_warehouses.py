"""Whether two warehouses hold the same data: every content table row for row, leaving out what
differs between any two runs (run ids, batch ids, load, fetch and validation times). The quality gate's results
(`dq_result`) are compared as a multiset: one row per expectation and batch.

    .venv/bin/python bench/compare_warehouses.py A.duckdb B.duckdb

Surrogate keys are compared as what they stand for (an article's id, a place's gazetteer id, an
event's id...): keys given within a batch may come in another order from run to run. Prints
each table's row count in both and whether the rows are equal; exits 1 when one differs.
"""

from __future__ import annotations

import re
import sys

import duckdb

TABLES = ("dim_source", "dim_article", "dim_article_alias", "dim_actor", "dim_place", "fact_event",
          "fact_event_mention", "fact_actor_mention", "fact_place_mention", "quarantine", "seen_input",
          "template_block", "article_band", "dq_result")
VOLATILE = re.compile(r"^(run_id|batch_id|quarantine_key|fetched_at|loaded_at|first_seen_at|last_seen_at|"
                      r"quarantined_at|updated_at|validated_at|message)$")


# a key column -> (the table it names, its key column, the natural id standing for it)
NATURAL = {"article_key": ("dim_article", "article_key", "article_id"),
           "duplicate_of_key": ("dim_article", "article_key", "article_id"),
           "source_key": ("dim_source", "source_key", "domain"),
           "actor_key": ("dim_actor", "actor_key", "actor_code"),
           "source_actor_key": ("dim_actor", "actor_key", "actor_code"),
           "target_actor_key": ("dim_actor", "actor_key", "actor_code"),
           "place_key": ("dim_place", "place_key", "gazetteer_id"),
           "event_type_key": ("dim_event_type", "event_type_key", "cameo_code"),
           "event_key": ("fact_event", "event_key", "event_id")}
OWN_KEYS = ("actor_mention_key", "place_mention_key", "event_mention_key")


def rows(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple]:
    columns = [c for (c,) in con.execute(
        "select column_name from information_schema.columns where table_name = $t order by ordinal_position",
        {"t": table}).fetchall() if not VOLATILE.match(c) and c not in OWN_KEYS]
    listed = []
    for c in columns:
        if c in NATURAL and NATURAL[c][0] != table:
            other, key, natural = NATURAL[c]
            listed.append(f"(select o.{natural} from {other} as o where o.{key} = t.{c})")
        elif c in NATURAL:
            listed.append("null")  # the table's own key: its natural id is among the columns
        else:
            listed.append(f't."{c}"')
    return con.execute(f"select {', '.join(listed)} from {table} as t order by all").fetchall()


def main(a: str, b: str) -> int:
    first, second = duckdb.connect(a, read_only=True), duckdb.connect(b, read_only=True)
    same = True
    for table in TABLES:
        x, y = rows(first, table), rows(second, table)
        equal = x == y
        same &= equal
        print(f"{table:20s} {len(x):8d} {len(y):8d}  {'same' if equal else 'DIFFERENT'}")
    print("the warehouses hold the same data" if same else "the warehouses differ")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))

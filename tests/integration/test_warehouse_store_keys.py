"""template_block (domain, block_key) and seen_input (ref) stay unique without index-backed keys
(sql/schema/014): saving a batch updates the keys the table holds and inserts only the others.
Checked on real DuckDB files: the same batch twice, overlapping batches, an input loaded and then
failed, failing again and quarantined. dim_article.canonical_url is unique through its hash
article_id, which keeps its index."""

from __future__ import annotations

from collections import Counter

import duckdb
import pyarrow as pa
import pytest

from wirehouse.crawl.urls import article_id
from wirehouse.warehouse.db import connect, transaction
from wirehouse.warehouse.load import INPUT_SCHEMA, load_batch, run_sql_file
from wirehouse.warehouse.schema import apply_schema
from wirehouse.warehouse.synthetic import synthetic_batch
from wirehouse.warehouse.templates import save_templates, stored_counts


@pytest.fixture
def con(tmp_path):
    connection = connect(tmp_path / "k.duckdb")
    apply_schema(connection)
    yield connection
    connection.close()


def block_rows(con) -> tuple[int, int, int]:
    """Rows, distinct (domain, block_key) and the sum of pages."""
    return con.execute(
        "select count(*), count(distinct (domain, block_key)), coalesce(sum(pages), 0) from template_block"
    ).fetchall()[0]


def batch(domains: dict[str, range]) -> dict[str, Counter]:
    return {d: Counter({b: 1 + b % 3 for b in blocks}) for d, blocks in domains.items()}


def test_tables_carry_no_index_backed_key(con):
    for table in ("template_block", "seen_input"):
        kinds = {r[0] for r in con.execute(
            "select constraint_type from duckdb_constraints() where table_name = $t", {"t": table}).fetchall()}
        assert not kinds & {"UNIQUE", "PRIMARY KEY"}, table
        comment = con.execute("select comment from duckdb_tables() where table_name = $t", {"t": table}).fetchall()
        assert "kept so by the load" in comment[0][0]


def test_saving_the_same_and_overlapping_batches_never_duplicates_a_block(con):
    first = batch({"a.example": range(0, 300), "b.example": range(0, 100)})
    assert save_templates(con, first) == 400
    assert block_rows(con) == (400, 400, sum(sum(c.values()) for c in first.values()))

    save_templates(con, first)  # the same batch again: every count doubles, no row is added
    assert block_rows(con) == (400, 400, 2 * sum(sum(c.values()) for c in first.values()))

    # overlapping: half of a.example's blocks again, new ones, and b.example's keys under a new domain
    second = batch({"a.example": range(150, 450), "c.example": range(0, 100)})
    save_templates(con, second)
    expected = Counter()
    for added in (first, first, second):
        for domain, blocks in added.items():
            for block, pages in blocks.items():
                expected[(domain, block)] += pages
    assert block_rows(con) == (len(expected), len(expected), sum(expected.values()))
    stored = con.execute("select domain, block_key, pages from template_block").fetchall()
    assert {(d, b): p for d, b, p in stored} == dict(expected)
    # what a later batch reads back is the sum of what was saved
    read = stored_counts(con, {("a.example", 200), ("a.example", 10), ("c.example", 5), ("z.example", 1)})
    assert read == {"a.example": Counter({200: expected[("a.example", 200)], 10: expected[("a.example", 10)]}),
                    "c.example": Counter({5: expected[("c.example", 5)]})}


def record(con, name: str, refs: list[str], **params) -> None:
    table = pa.Table.from_pylist([{"ref": r, "content_sha1": f"sha-{r}"} for r in refs], schema=INPUT_SCHEMA)
    staging = "stg_seen_input" if name == "record_seen_inputs" else "stg_failed_input"
    con.register(staging, table)
    try:
        with transaction(con):
            run_sql_file(con, name, params)
    finally:
        con.unregister(staging)


def test_inputs_seen_loaded_and_failed_keep_one_row_each(con):
    record(con, "record_seen_inputs", ["f1", "f2", "f2", "f3"], run_id="r1")  # f2 twice in one batch
    record(con, "record_seen_inputs", ["f2", "f3", "f4"], run_id="r2")
    failed = {"run_id": "r3", "error": "critical", "max_failures": 2}
    record(con, "record_failed_inputs", ["f4", "f5", "f5"], **failed)
    record(con, "record_failed_inputs", ["f4", "f5", "f6"], **failed)
    rows = {r[0]: r[1:] for r in con.execute(
        "select ref, state, failures, run_id from seen_input").fetchall()}
    assert con.execute("select count(*) from seen_input").fetchall()[0][0] == len(rows) == 6
    assert rows == {
        "f1": ("done", 0, "r1"), "f2": ("done", 0, "r2"), "f3": ("done", 0, "r2"),
        "f4": ("quarantined", 2, "r3"), "f5": ("quarantined", 2, "r3"), "f6": ("failed", 1, "r3"),
    }
    record(con, "record_seen_inputs", ["f6"], run_id="r4")  # loaded at last: its failures start again
    assert con.execute("select state, failures, last_error from seen_input where ref = 'f6'").fetchall() == [
        ("done", 0, None)]
    assert con.execute("select count(*) from seen_input").fetchall()[0][0] == 6


def test_an_article_is_refused_a_second_row_through_its_id(con):
    kinds = sorted(r[0] for r in con.execute(
        "select constraint_type from duckdb_constraints() where table_name = 'dim_article'"
        " and constraint_type in ('PRIMARY KEY', 'UNIQUE')").fetchall())
    assert kinds == ["PRIMARY KEY", "UNIQUE"]  # article_key and article_id; canonical_url through article_id
    batch = synthetic_batch(50, tag="a")
    load_batch(con, batch, "run-a")
    load_batch(con, batch, "run-a2")  # reloaded: updated in place
    articles = batch.articles.num_rows
    assert con.execute("select count(*), count(distinct canonical_url) from dim_article").fetchall()[0] == (
        articles, articles)
    url = "https://a.example/one-story"
    row = ("insert into dim_article (article_key, canonical_url, article_id, url, source_key, text, text_chars,"
           " text_hash, simhash, loaded_at, run_id) values ($k, $u, $i, $u, 1, 'x', 1, 'h', 0, now()::timestamp, 'r')")
    con.execute(row, {"k": 10_001, "u": url, "i": article_id(url)})
    with pytest.raises(duckdb.ConstraintException):
        con.execute(row, {"k": 10_002, "u": url, "i": article_id(url)})

"""The staged tables the load SQL reads hold one row per natural key (the mention tables and
fact_event have no unique index; load.py keeps their keys unique)."""

from __future__ import annotations

import pyarrow as pa

from wirehouse.warehouse.load import STAGED_KEYS, one_row_per_key, staged_tables
from wirehouse.warehouse.synthetic import synthetic_batch

KEY = ("article_id", "start_char", "actor_code")
FIRST = (("end_char", "ascending"),)


def mentions(rows):
    return pa.table(
        {
            "article_id": [r[0] for r in rows],
            "start_char": pa.array([r[1] for r in rows], pa.int32()),
            "actor_code": [r[2] for r in rows],
            "end_char": pa.array([r[3] for r in rows], pa.int32()),
        }
    )


def keys(table):
    return [tuple(row[k] for k in KEY) for row in table.to_pylist()]


def test_rows_in_text_order_are_returned_as_they_are():
    table = mentions([("b", 0, "IRQ", 3), ("b", 0, "SYR", 3), ("b", 9, "IRQ", 12), ("a", 4, "IRQ", 7)])
    assert one_row_per_key(table, KEY, FIRST) is table


def test_a_mention_reported_twice_keeps_the_first_by_end_char():
    table = mentions([("b", 0, "IRQ", 9), ("a", 4, "IRQ", 7), ("b", 0, "IRQ", 3), ("b", 0, "SYR", 3)])
    out = one_row_per_key(table, KEY, FIRST)
    assert sorted(keys(out)) == [("a", 4, "IRQ"), ("b", 0, "IRQ"), ("b", 0, "SYR")]
    assert {(r["article_id"], r["actor_code"]): r["end_char"] for r in out.to_pylist()}[("b", "IRQ")] == 3


def test_an_article_in_two_runs_is_checked_not_trusted():
    # each run is increasing, but article "a" comes back after "b": ("a", 0, "IRQ") is there twice
    table = mentions([("a", 0, "IRQ", 3), ("b", 0, "IRQ", 3), ("a", 0, "IRQ", 5)])
    out = one_row_per_key(table, KEY, FIRST)
    assert sorted(keys(out)) == [("a", 0, "IRQ"), ("b", 0, "IRQ")]
    assert out.num_rows == 2


def test_unordered_but_unique_rows_are_all_kept():
    table = mentions([("a", 9, "IRQ", 12), ("a", 0, "IRQ", 3), ("b", 0, "IRQ", 3), ("a", 0, "SYR", 3)])
    assert sorted(keys(one_row_per_key(table, KEY, FIRST))) == sorted(keys(table))


def test_nulls_in_a_key_count_as_equal():
    table = mentions([("a", 0, None, 3), ("a", 0, None, 2), ("a", 0, "IRQ", 3)])
    out = one_row_per_key(table, KEY, FIRST)
    assert out.num_rows == 2
    assert [r["end_char"] for r in out.to_pylist() if r["actor_code"] is None] == [2]


def test_event_reported_twice_in_one_sentence_keeps_the_highest_confidence():
    key, prefer = STAGED_KEYS["stg_event"]
    table = pa.table(
        {
            "article_id": ["a", "a", "a"],
            "sentence_start": pa.array([0, 0, 0], pa.int32()),
            "event_id": ["e1", "e1", "e2"],
            "confidence": [0.4, 0.9, 0.5],
            "sentence_end": pa.array([10, 12, 10], pa.int32()),
            "political": [True, True, True],
        }
    )
    out = one_row_per_key(table, key, prefer).to_pylist()
    assert [(r["event_id"], r["confidence"]) for r in out] == [("e1", 0.9), ("e2", 0.5)]
    # a political report of the event is kept before a flagged one, whatever its confidence
    flagged_first = table.set_column(5, "political", pa.array([True, False, True]))
    out = one_row_per_key(flagged_first, key, prefer).to_pylist()
    assert [(r["event_id"], r["confidence"], r["political"]) for r in out] == [("e1", 0.4, True), ("e2", 0.5, True)]


def test_synthetic_batches_need_no_sorting_and_every_row_is_numbered():
    batch = synthetic_batch(2_000, tag="stage")
    staged = staged_tables(batch)
    for name, table in batch.tables().items():
        assert staged[name].drop_columns(["stg_row"]).equals(table), name
        assert staged[name].column("stg_row").to_pylist() == list(range(table.num_rows)), name


def test_a_single_column_key():
    table = pa.table({"k": ["b", "a", "b"], "v": [2, 1, 1]})
    out = one_row_per_key(table, ("k",), (("v", "ascending"),))
    assert out.to_pylist() == [{"k": "a", "v": 1}, {"k": "b", "v": 1}]
    unique = pa.table({"k": ["b", "a"], "v": [2, 1]})
    assert one_row_per_key(unique, ("k",)) is unique

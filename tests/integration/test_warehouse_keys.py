"""Natural keys stay unique without unique indexes on the fact tables: fact_event (event_id,
event_key) and the mention tables (article, offset, key) are kept unique by the load itself
(sql/schema/004_*, 005_*). Checked on real DuckDB files: the same batch twice, a changed batch, a
stage that reports a mention or an event twice, an event reported again by a later batch."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from wirehouse.warehouse.db import execute
from wirehouse.warehouse.load import Batch, _load_statements, load_batch
from wirehouse.warehouse.synthetic import synthetic_batch

# every key that must be unique, per table
KEYS = {
    "dim_article": [("canonical_url",), ("article_id",), ("article_key",)],
    "fact_event": [("event_id",), ("event_key",)],
    "fact_event_mention": [("article_key", "sentence_start", "event_key"), ("event_mention_key",)],
    "fact_actor_mention": [("article_key", "start_char", "actor_key"), ("actor_mention_key",)],
    "fact_place_mention": [("article_key", "start_char", "place_key"), ("place_mention_key",)],
}
TABLES = list(KEYS) + ["dim_source", "dim_actor", "dim_place", "dim_date"]


def counts(con) -> dict[str, int]:
    return {t: con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in TABLES}


def duplicated_keys(con) -> dict[str, int]:
    """Key values held by more than one row, per table and key (all zero when the keys are unique)."""
    found = {}
    for table, keys in KEYS.items():
        for key in keys:
            cols = ", ".join(key)
            found[f"{table}({cols})"] = con.execute(
                f"select count(*) from (select {cols} from {table} group by all having count(*) > 1)"
            ).fetchall()[0][0]
    return found


def assert_consistent(con) -> None:
    assert set(duplicated_keys(con).values()) == {0}, duplicated_keys(con)
    wrong = con.execute(
        """
        select count(*) from fact_event as f
        left join (
            select m.event_key, count(*) as n, count(distinct m.article_key) as a, count(distinct d.source_key) as s
            from fact_event_mention as m join dim_article as d using (article_key)
            group by m.event_key
        ) as c using (event_key)
        where c.n is null or (f.num_mentions, f.num_articles, f.num_sources) <> (c.n, c.a, c.s)
        """
    ).fetchall()[0][0]
    assert wrong == 0, "events whose counts disagree with their mentions, or without a mention"
    assert con.execute(
        "select count(*) from fact_event_mention anti join fact_event using (event_key)"
    ).fetchall()[0][0] == 0


def replace_column(table: pa.Table, name: str, values) -> pa.Table:
    field = table.schema.field(name)
    return table.set_column(table.schema.get_field_index(name), field, pc.cast(values, field.type))


def test_same_batch_twice_and_a_changed_batch(con):
    batch = synthetic_batch(3_000, tag="k", seed=2)
    load_batch(con, batch, "run-1")
    first = counts(con)
    keys = con.execute("select sum(event_key), sum(article_key) from fact_event").fetchall()
    assert first["fact_event"] == 3_000 and first["fact_actor_mention"] == 6_000
    assert_consistent(con)

    load_batch(con, batch, "run-2")
    assert counts(con) == first
    assert con.execute("select sum(event_key), sum(article_key) from fact_event").fetchall() == keys
    assert_consistent(con)

    # the same articles re-processed: new titles, and every other event no longer reported
    events = batch.events
    kept = pc.equal(pc.bit_wise_and(pa.array(range(events.num_rows)), 1), 0)
    kept_ids = pc.filter(events.column("event_id"), kept)
    changed = Batch(
        articles=replace_column(batch.articles, "title", pc.binary_join_element_wise(
            batch.articles.column("title"), pa.scalar(" (updated)"), "")),
        actor_mentions=batch.actor_mentions,
        place_mentions=batch.place_mentions,
        events=events.filter(kept),
    )
    load_batch(con, changed, "run-3")
    after = counts(con)
    assert after["dim_article"] == first["dim_article"]
    assert after["fact_event"] == after["fact_event_mention"] == 1_500
    assert con.execute("select count(*) from dim_article where title like '% (updated)'").fetchall()[0][0] == 600
    loaded_ids = sorted(r[0] for r in con.execute("select event_id from fact_event").fetchall())
    assert loaded_ids == sorted(kept_ids.to_pylist())
    assert_consistent(con)
    # and the changed batch again: still nothing duplicated
    load_batch(con, changed, "run-4")
    assert counts(con) == after
    assert_consistent(con)


def test_a_stage_that_reports_mentions_and_events_twice(con):
    batch = synthetic_batch(50, tag="dup", seed=4)
    am, ev = batch.actor_mentions, batch.events
    # the first 20 actor mentions again, ending later (the load keeps the first by end_char) and
    # listed before the originals
    longer = replace_column(am.slice(0, 20), "end_char", pc.add(am.slice(0, 20).column("end_char"), 1))
    actors = pa.concat_tables([longer, am])
    # the first 10 event rows again with a lower confidence (the load keeps the highest)
    weaker = replace_column(ev.slice(0, 10), "confidence", pa.array([0.01] * 10))
    # event 0 also reported by article 5 (another article): one event, two mentions
    article_5 = ev.filter(pc.equal(ev.column("article_id"), "dup-a5")).column("article_id")[0]
    again = replace_column(ev.slice(0, 1), "article_id", pa.array([article_5.as_py()]))
    events = pa.concat_tables([weaker, ev, again])
    dup = Batch(batch.articles, actors, pa.concat_tables([batch.place_mentions, batch.place_mentions]), events)

    result = load_batch(con, dup, "run-1")
    assert (result.actor_mentions, result.place_mentions, result.event_mentions) == (100, 50, 51)
    c = counts(con)
    facts = ("fact_actor_mention", "fact_place_mention", "fact_event", "fact_event_mention")
    assert tuple(c[t] for t in facts) == (100, 50, 50, 51)
    assert_consistent(con)
    assert con.execute(
        "select count(*) from fact_event_mention where confidence = 0.01").fetchall()[0][0] == 0
    loaded = set(con.execute(
        "select d.article_id, m.start_char, x.actor_code, m.end_char from fact_actor_mention m "
        "join dim_article d using (article_key) join dim_actor x using (actor_key)").fetchall())
    assert loaded == {(r["article_id"], r["start_char"], r["actor_code"], r["end_char"]) for r in am.to_pylist()}
    sources = con.execute(
        "select count(distinct source_key) from dim_article where article_id in ('dup-a0', 'dup-a5')").fetchall()[0][0]
    row = con.execute(
        "select f.num_mentions, f.num_articles, f.num_sources, d.article_id from fact_event f "
        "join dim_article d using (article_key) where f.event_id = 'dup-e0'").fetchall()
    assert row == [(2, 2, sources, "dup-a0")]  # the first report by article_id and offset

    load_batch(con, dup, "run-2")
    assert counts(con) == c
    assert_consistent(con)


def test_an_event_reported_again_by_a_later_batch(con):
    first = synthetic_batch(100, tag="one", seed=1)
    load_batch(con, first, "run-1")
    known = con.execute("select event_key from fact_event where event_id = 'one-e7'").fetchall()[0][0]

    # a later batch: its own events, and one article of it also reports event one-e7
    later = synthetic_batch(100, tag="two", seed=2)
    extra = replace_column(first.events.slice(7, 1), "article_id", pa.array(["two-a3"]))
    later_events = pa.concat_tables([later.events, extra])
    later_batch = Batch(later.articles, later.actor_mentions, later.place_mentions, later_events)
    for run in ("run-2", "run-3"):  # and the same batch again
        load_batch(con, later_batch, run)
        assert con.execute(
            "select event_key, num_mentions, num_articles from fact_event where event_id = 'one-e7'"
        ).fetchall() == [(known, 2, 2)]
        assert counts(con)["fact_event"] == 200 and counts(con)["fact_event_mention"] == 201
        assert_consistent(con)

    # the later article re-processed without that report: the event is back to one mention
    load_batch(con, later, "run-4")
    assert con.execute(
        "select event_key, num_mentions, num_articles from fact_event where event_id = 'one-e7'"
    ).fetchall() == [(known, 1, 1)]
    assert_consistent(con)

    # the first batch's articles re-processed with no events: their events go, the others stay
    empty = first.events.slice(0, 0)
    load_batch(con, Batch(first.articles, first.actor_mentions, first.place_mentions, empty), "run-5")
    assert con.execute("select count(*) from fact_event where event_id like 'one-%'").fetchall()[0][0] == 0
    assert counts(con)["fact_event"] == 100
    assert_consistent(con)


def test_known_events_are_found_by_date_with_or_without_one(con):
    """sql/load/08 looks known events up by date and id: an event reported again by a later batch
    keeps its one row whether it has a date or not (one without is found among those without)."""
    first = synthetic_batch(100, tag="one", seed=1)
    undated = replace_column(first.events.slice(8, 1), "event_date", pa.nulls(1, pa.date32()))
    first_events = pa.concat_tables([first.events.slice(0, 8), undated, first.events.slice(9)])
    load_batch(con, Batch(first.articles, first.actor_mentions, first.place_mentions, first_events), "run-1")
    keys = dict(con.execute(
        "select event_id, event_key from fact_event where event_id in ('one-e7', 'one-e8')"
    ).fetchall())
    assert con.execute("select event_date is null from fact_event where event_id = 'one-e8'").fetchall() == [(True,)]

    later = synthetic_batch(100, tag="two", seed=2)
    again = replace_column(first_events.slice(7, 2), "article_id", pa.array(["two-a3", "two-a3"]))
    later_events = pa.concat_tables([later.events, again])
    load_batch(con, Batch(later.articles, later.actor_mentions, later.place_mentions, later_events), "run-2")
    assert dict(con.execute(
        "select event_id, event_key from fact_event where event_id in ('one-e7', 'one-e8')"
    ).fetchall()) == keys
    assert con.execute(
        "select num_mentions, num_articles from fact_event where event_id in ('one-e7', 'one-e8')"
    ).fetchall() == [(2, 2), (2, 2)]
    assert counts(con)["fact_event"] == 200 and counts(con)["fact_event_mention"] == 202
    assert_consistent(con)


def test_fact_tables_carry_no_index_backed_constraint(con):
    for table in ("fact_event", "fact_event_mention", "fact_actor_mention", "fact_place_mention"):
        kinds = {r[0] for r in con.execute(
            "select constraint_type from duckdb_constraints() where table_name = $t", {"t": table}).fetchall()}
        assert not kinds & {"UNIQUE", "PRIMARY KEY"}, table
    comment = con.execute("select comment from duckdb_tables() where table_name = 'fact_event'").fetchall()[0][0]
    assert "kept so by the load" in comment
    dims = {r[0] for r in con.execute(
        "select constraint_type from duckdb_constraints() where table_name = 'dim_article'").fetchall()}
    assert {"UNIQUE", "PRIMARY KEY"} <= dims


def test_a_block_of_keys_that_is_not_consecutive_fails_the_batch(con):
    """Another connection drawing from a sequence while a batch draws its block would interleave
    keys; the load then stops before committing anything."""
    statements = _load_statements()
    check = next(sql for _, sql in statements if "error(" in sql)
    for name, sql in statements:
        if name == "00_key_blocks":  # the block table and the macro that draws blocks
            execute(con, sql)
    execute(con, "create temp table no_rows (stg_row bigint)")
    execute(con, "insert into stg_key_block select * from stg_draw_keys('fact_event', 'seq_event_key', 'no_rows')")
    assert con.execute("select keys, first_key from stg_key_block").fetchall() == [(0, None)]
    execute(con, check)  # an empty block: nothing to check
    execute(con, "insert into stg_key_block values ('fact_event', 0, 10, 3, 3)")
    execute(con, check)  # consecutive
    execute(con, "insert into stg_key_block values ('fact_actor_mention', 0, 10, 3, 5)")
    with pytest.raises(Exception, match="fact_actor_mention were not consecutive"):
        execute(con, check)

"""Loading batches into a real DuckDB file: idempotent, updates in place, all or nothing."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import date, datetime, timezone

import pytest

from wirehouse.errors import QueryError, WarehouseLocked
from wirehouse.records import ActorMention, Article, EnrichedArticle, Enrichment, Event, PlaceMention
from wirehouse.warehouse.db import connect
from wirehouse.warehouse.load import build_batch, load_batch
from wirehouse.warehouse.queries import named_queries, run_query
from wirehouse.warehouse.schema import apply_schema

TEXT = (
    "BAGHDAD – The Iraqi army attacked Islamic State fighters near Rawa on Sunday. "
    "Officials in Anbar said the offensive would continue."
)
SENT = "The Iraqi army attacked Islamic State fighters near Rawa on Sunday."


def make_article(url="http://news.example/a", text=TEXT, title="Army attacks", duplicate_of=None):
    from wirehouse.crawl.urls import article_id

    return Article(
        article_id=article_id(url), url=url, canonical_url=url, domain="news.example", title=title, text=text,
        published_at=datetime(2026, 3, 10, 8, tzinfo=timezone.utc), language="en", text_hash="a" * 40,
        simhash=(1 << 63) + 5, duplicate_of=duplicate_of, fetched_at=datetime.now(timezone.utc),
    )


def make_enrichment(text=TEXT):
    start = text.index(SENT)
    rawa = PlaceMention("Rawa", text.index("Rawa"), text.index("Rawa") + 4, "Rawa", 99999, "IRQ", "city", 34.48, 41.9,
                        admin1="01", admin2="9166650", feature_class="P", admin1_name="Al Anbar")
    return Enrichment(
        actors=(
            ActorMention("Iraqi army", text.index("Iraqi army"), text.index("Iraqi army") + 10, "IRQMIL", "Iraq military", "IRQ", "MIL"),
            ActorMention("Islamic State", text.index("Islamic State"), text.index("Islamic State") + 13, "IMGMUSISI", "Islamic State", None, None),
        ),
        places=(rawa,),
        events=(
            Event(SENT, start, start + len(SENT), "IRQMIL", "IMGMUSISI", "190", "19", 4, -10.0, 0.8,
                  event_date=date(2026, 3, 8), place=rawa),
        ),
        tone=-20.0,
    )


def counts(con):
    tables = ["dim_article", "dim_actor", "dim_place", "fact_event", "fact_event_mention",
              "fact_actor_mention", "fact_place_mention", "dim_source", "dim_date"]
    return {t: con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in tables}


def test_schema_is_versioned_and_reapplying_is_a_no_op(con):
    version = con.execute("select max(version) from schema_version").fetchall()[0][0]
    assert version >= 3
    assert apply_schema(con) == version
    assert con.execute("select count(*) from dim_event_type").fetchall()[0][0] > 300
    comment = con.execute("select comment from duckdb_tables() where table_name = 'fact_event'").fetchall()[0][0]
    assert "One row per distinct event" in comment


def test_same_batch_twice_gives_same_rows(con):
    batch = build_batch([EnrichedArticle(make_article(), make_enrichment())])
    load_batch(con, batch, "run-1")
    first = counts(con)
    load_batch(con, batch, "run-2")
    assert counts(con) == first
    assert first["fact_event"] == 1 and first["fact_actor_mention"] == 2
    row = con.execute("select sentence, sentence_start, sentence_end, article_key from fact_event").fetchall()[0]
    text = con.execute("select text from dim_article where article_key = $k", {"k": row[3]}).fetchall()[0][0]
    assert text[row[1]:row[2]] == row[0] == SENT


def test_changed_article_updates_in_place(con):
    load_batch(con, build_batch([EnrichedArticle(make_article(), make_enrichment())]), "run-1")
    changed = dataclasses.replace(make_article(), title="Army attacks (updated)")
    load_batch(con, build_batch([EnrichedArticle(changed, Enrichment())]), "run-2")
    assert con.execute("select count(*), max(title) from dim_article").fetchall()[0] == (1, "Army attacks (updated)")
    # the article no longer reports the event: mentions and the orphaned event are gone
    assert counts(con)["fact_event"] == 0
    assert counts(con)["fact_actor_mention"] == 0


def test_same_event_from_two_outlets_is_one_event_with_two_mentions(con):
    other = dataclasses.replace(make_article("http://other.example/b"), domain="other.example")
    batch = build_batch([EnrichedArticle(make_article(), make_enrichment()), EnrichedArticle(other, make_enrichment())])
    load_batch(con, batch, "run-1")
    assert con.execute("select count(*), max(num_mentions), max(num_sources) from fact_event").fetchall()[0] == (1, 2, 2)


def test_duplicate_is_linked_not_enriched(con):
    original = make_article()
    copy = make_article("http://copy.example/x", duplicate_of=original.article_id)
    copy = dataclasses.replace(copy, domain="copy.example")
    load_batch(con, build_batch([EnrichedArticle(original, make_enrichment())], [copy]), "run-1")
    rows = con.execute(
        "select d.canonical_url, c.canonical_url from dim_article d join dim_article c on c.article_key = d.duplicate_of_key"
    ).fetchall()
    assert rows == [("http://copy.example/x", "http://news.example/a")]
    assert con.execute("select max(num_mentions) from fact_event").fetchall()[0][0] == 1


def test_failed_batch_leaves_nothing(con):
    good = build_batch([EnrichedArticle(make_article(), make_enrichment())])
    load_batch(con, good, "run-1")
    before = counts(con)

    def explode(_con):
        raise RuntimeError("disk full")

    second = build_batch([EnrichedArticle(make_article("http://news.example/c"), make_enrichment())])
    with pytest.raises(RuntimeError):
        load_batch(con, second, "run-2", extra=explode)
    assert counts(con) == before


def test_second_writer_gets_a_clear_message(tmp_path):
    path = tmp_path / "locked.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb,time; c=duckdb.connect({str(path)!r}); print('ready', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(WarehouseLocked, match="open in another process") as info:
            connect(path)
        assert "WIREHOUSE_DB_PATH" in str(info.value)
    finally:
        holder.kill()
        holder.wait()


def test_every_named_query_runs(con):
    load_batch(con, build_batch([EnrichedArticle(make_article(), make_enrichment())]), "run-1")
    queries = named_queries()
    assert {"top_actor_pairs", "events_by_country_quadclass", "violent_places", "coverage_by_outlet"} <= set(queries)
    for name, q in queries.items():
        assert q.question and q.grain, f"{name} lacks its header comment"
        params = {"country": "IRQ"} if "country" in q.parameter_names else {}
        table = run_query(con, name, **params)
        assert table.num_rows >= 1, name
    pairs = run_query(con, "top_actor_pairs").to_pylist()
    assert pairs[0]["source_actor"] == "IRQMIL" and pairs[0]["target_actor"] == "IMGMUSISI"
    # the report's dyads: the same query over the events since a date, of a country
    assert run_query(con, "top_actor_pairs", since="2026-01-01", country="irq").to_pylist() == pairs
    assert run_query(con, "top_actor_pairs", since="2999-01-01").num_rows == 0
    assert run_query(con, "top_actor_pairs", country="NZL").num_rows == 0


def test_unknown_query_and_parameter_are_errors(con):
    with pytest.raises(QueryError, match="no query named"):
        run_query(con, "nope")
    with pytest.raises(QueryError, match="takes"):
        run_query(con, "top_actor_pairs", colour="red")


def test_dim_place_keeps_the_level(con):
    """A place's feature class and first- and second-level divisions reach dim_place (migration 007)."""
    load_batch(con, build_batch([EnrichedArticle(make_article(), make_enrichment())]), "run-1")
    row = con.execute("select feature_kind, feature_class, country_code, admin1, admin2, admin1_name from dim_place "
                      "where geonames_id = 99999").fetchall()
    assert row == [("city", "P", "IRQ", "01", "9166650", "Al Anbar")]
    by_admin1 = run_query(con, "events_by_admin1", country="IRQ").to_pylist()
    assert [(r["admin1"], r["admin1_name"]) for r in by_admin1] == [("01", "Al Anbar")]

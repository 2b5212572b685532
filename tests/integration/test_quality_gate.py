"""The Great Expectations gate on deliberately bad batches: the right rows are quarantined, a
critical failure loads nothing, and nothing bad reaches the fact tables."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone

import pytest

from wirehouse.errors import SuiteFailed
from wirehouse.pipeline import validate_and_load
from wirehouse.quality.suites import load_suites
from wirehouse.quality.validate import Validator
from wirehouse.records import EnrichedArticle, Enrichment
from wirehouse.warehouse.db import connect
from wirehouse.warehouse.schema import apply_schema

from tests.integration.test_warehouse import make_article, make_enrichment


@pytest.fixture(scope="module")
def validator():
    return Validator()


@pytest.fixture
def con(tmp_path):
    connection = connect(tmp_path / "q.duckdb")
    apply_schema(connection)
    yield connection
    connection.close()


def table_count(con, table):
    return con.execute(f"select count(*) from {table}").fetchall()[0][0]


def test_every_suite_names_an_existing_table(con):
    stage_tables = {"stg_page", "stg_article", "stg_actor_mention", "stg_place_mention", "stg_event"}
    for suite in load_suites().values():
        assert suite.table in stage_tables
        for exp in suite.expectations:
            assert exp["meta"]["severity"] in ("critical", "quarantine", "warning")


def test_bad_rows_are_quarantined_and_the_rest_loads(con, validator):
    good = EnrichedArticle(make_article(), make_enrichment())
    enrichment = make_enrichment(make_article("http://news.example/b").text)
    event = enrichment.events[0]
    bad_events = (
        dataclasses.replace(event, code="999", root_code="99"),  # unknown CAMEO code
        dataclasses.replace(event, sentence_start=event.sentence_start + 3),  # offsets do not match the text
    )
    broken = EnrichedArticle(make_article("http://news.example/b"), dataclasses.replace(enrichment, events=bad_events))
    future = EnrichedArticle(
        dataclasses.replace(make_article("http://news.example/c"), published_at=datetime(2999, 1, 1, tzinfo=timezone.utc)),
        make_enrichment(),
    )
    outcome = validate_and_load(con, validator, "run-q", "run-q-0001", [good, broken, future], [], [], None)
    assert outcome.loaded
    reasons = con.execute("select table_name, message from quarantine order by quarantine_key").fetchall()
    assert any(t == "fact_event" and "cameo_code" in m for t, m in reasons)
    assert any(t == "fact_event" and "evidence_ok" in m for t, m in reasons)
    assert any(t == "dim_article" and "published_date_key" in m for t, m in reasons)
    urls = {u for (u,) in con.execute("select canonical_url from dim_article").fetchall()}
    assert urls == {"http://news.example/a", "http://news.example/b"}  # the future-dated article is set aside
    assert table_count(con, "fact_event_mention") == 1  # only the good article's event
    codes = {c for (c,) in con.execute("select e.cameo_code from fact_event f join dim_event_type e using (event_type_key)").fetchall()}
    assert codes == {"190"}
    failed = con.execute("select count(*) from dq_result where not success").fetchall()[0][0]
    assert failed >= 3


def test_critical_failure_loads_nothing(con, validator):
    article = make_article()
    twin = dataclasses.replace(make_article("http://news.example/z"), article_id=article.article_id)  # duplicate key
    batch = [EnrichedArticle(article, make_enrichment()), EnrichedArticle(twin, make_enrichment())]
    with pytest.raises(SuiteFailed, match="critical"):
        validate_and_load(con, validator, "run-c", "run-c-0001", batch, [], [], None)
    assert table_count(con, "dim_article") == 0
    assert table_count(con, "fact_event") == 0
    recorded = con.execute("select count(*) from dq_result where batch_id = 'run-c-0001' and not success and severity = 'critical'").fetchall()
    assert recorded[0][0] >= 1


def test_half_empty_pages_fail_the_batch(con, validator):
    import pandas as pd

    pages = pd.DataFrame({"url": [f"http://news.example/{i}" for i in range(10)], "status": [200] * 10,
                          "text_chars": [1500] * 4 + [0] * 6})
    with pytest.raises(SuiteFailed, match="text_chars"):
        validate_and_load(con, validator, "run-p", "run-p-0001", [EnrichedArticle(make_article(), make_enrichment())],
                          [], [], pages)
    assert table_count(con, "dim_article") == 0


def test_user_expectations_are_added(tmp_path):
    import json

    extra = tmp_path / "mine"
    extra.mkdir()
    (extra / "articles.json").write_text(json.dumps({"name": "articles", "expectations": [
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "author"}, "meta": {"severity": "warning"}}
    ]}))
    suites = load_suites(extra)
    assert any(e["kwargs"].get("column") == "author" for e in suites["articles"].expectations)

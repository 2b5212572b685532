"""The Great Expectations gate on deliberately bad batches: the right rows are quarantined, a
critical failure loads nothing, and nothing bad reaches the fact tables."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime, timezone

import pytest

from wirehouse.errors import SuiteFailed
from wirehouse.pipeline import Settled, validate_and_load
from wirehouse.quality.suites import load_suites
from wirehouse.quality.validate import Validator
from wirehouse.records import EnrichedArticle, Enrichment

from tests.integration.test_warehouse import make_article, make_enrichment


@pytest.fixture(scope="module")
def validator():
    return Validator()


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
    outcome = validate_and_load(con, validator, "run-q", "run-q-0001", Settled([good, broken, future], [], [], []), None)
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
        validate_and_load(con, validator, "run-c", "run-c-0001", Settled(batch, [], [], []), None)
    assert table_count(con, "dim_article") == 0
    assert table_count(con, "fact_event") == 0
    recorded = con.execute("select count(*) from dq_result where batch_id = 'run-c-0001' and not success and severity = 'critical'").fetchall()
    assert recorded[0][0] >= 1


def test_half_empty_pages_fail_the_batch(con, validator):
    import pandas as pd

    pages = pd.DataFrame({"url": [f"http://news.example/{i}" for i in range(10)], "status": [200] * 10,
                          "text_chars": [1500] * 4 + [0] * 6})
    with pytest.raises(SuiteFailed, match="text_chars"):
        validate_and_load(con, validator, "run-p", "run-p-0001", Settled([EnrichedArticle(make_article(), make_enrichment())], [], [], []), pages)
    assert table_count(con, "dim_article") == 0


def test_rows_are_listed_for_the_expectations_that_found_them(validator, monkeypatch):
    """Each expectation is counted first; only those that found unexpected rows (failed, or passed
    within their ``mostly``) are run again to list the rows, which the outcome and the Data Docs
    page then carry."""
    import pandas as pd
    from great_expectations.validator.v1_validator import Validator as SuiteRunner

    listed = []
    real = SuiteRunner.validate_expectation

    def listing(self, expectation, *args, **kwargs):
        listed.append((expectation.configuration.type, self.result_format["result_format"]))
        return real(self, expectation, *args, **kwargs)

    monkeypatch.setattr(SuiteRunner, "validate_expectation", listing)
    pages = pd.DataFrame({"url": [f"http://news.example/{i}" for i in range(10)], "status": [200] * 10,
                          "text_chars": [1500] * 8 + [0] * 2})  # two empty pages: within "mostly"
    outcomes = {o.expectation: o for o in validator.run_suite("pages", pages)}
    assert all(o.success for o in outcomes.values())
    assert outcomes["expect_column_values_to_be_between"].unexpected_rows == (8, 9)
    assert listed == [("expect_column_values_to_be_between", "COMPLETE")]

    listed.clear()
    pages.loc[3, "url"] = None
    outcomes = {o.expectation: o for o in validator.run_suite("pages", pages)}
    missing = outcomes["expect_column_values_to_not_be_null"]
    assert not missing.success and missing.unexpected_count == 1 and missing.unexpected_rows == (3,)
    assert sorted(listed) == [("expect_column_values_to_be_between", "COMPLETE"),
                              ("expect_column_values_to_not_be_null", "COMPLETE")]

    listed.clear()
    pages.loc[3, "url"], pages["text_chars"] = "http://news.example/3", 1500
    assert all(o.success and not o.unexpected_rows for o in validator.run_suite("pages", pages))
    assert listed == []  # nothing unexpected: counted once, no rows asked for


def test_user_expectations_are_added(tmp_path):
    import json

    extra = tmp_path / "mine"
    extra.mkdir()
    (extra / "articles.json").write_text(json.dumps({"name": "articles", "expectations": [
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "author"}, "meta": {"severity": "warning"}}
    ]}))
    suites = load_suites(extra)
    assert any(e["kwargs"].get("column") == "author" for e in suites["articles"].expectations)


def test_each_kind_of_bad_row_is_quarantined_for_its_own_reason(con, validator):
    good = EnrichedArticle(make_article(), make_enrichment())

    def variant(url, **changes):
        return dataclasses.replace(make_article(url), **changes)

    empty = EnrichedArticle(variant("http://news.example/empty", text="  \n "), Enrichment())
    unknown_language = EnrichedArticle(variant("http://news.example/lang", language="xx"), make_enrichment())
    bad_url = EnrichedArticle(variant("http://news example/<b>"), make_enrichment())
    too_old = EnrichedArticle(variant("http://news.example/old", published_at=datetime(1850, 1, 1, tzinfo=timezone.utc)),
                              make_enrichment())
    # Rows of an article that itself is fine: only the broken rows go, the rest of the article loads.
    found = make_enrichment()
    actor = found.actors[0]
    mixed = EnrichedArticle(
        make_article("http://news.example/mixed"),
        dataclasses.replace(
            found,
            actors=(*found.actors, dataclasses.replace(actor, code=None)),  # no actor: cannot resolve dim_actor
            places=(dataclasses.replace(found.places[0], start=found.places[0].start + 1),),  # broken offsets
            events=(
                *found.events,
                dataclasses.replace(found.events[0], source_actor="RUSMIL"),  # actor not mentioned in the article
                dataclasses.replace(found.events[0], event_date=date(2999, 5, 1)),  # future event date
            ),
        ),
    )
    outcome = validate_and_load(
        con, validator, "run-k", "run-k-0001", Settled([good, empty, unknown_language, bad_url, too_old, mixed], [], [], []), None
    )
    assert outcome.loaded
    rows = con.execute("select table_name, ref, message, payload from quarantine where run_id = 'run-k'").fetchall()
    by_ref = {}
    for table, ref, message, payload in rows:
        by_ref.setdefault(ref, []).append((table, message, json.loads(payload)))

    def reasons(ref, table):
        return " ".join(m for t, m, _ in by_ref.get(ref, []) if t == table)

    assert "value_lengths" in reasons("http://news.example/empty", "dim_article")
    assert "in_set(language)" in reasons("http://news.example/lang", "dim_article")
    assert "match_regex(canonical_url)" in reasons("http://news example/<b>", "dim_article")
    assert "published_date_key" in reasons("http://news.example/old", "dim_article")
    mixed_id = mixed.article.article_id
    assert "not_be_null(actor_code)" in reasons(mixed_id, "fact_actor_mention")
    assert "evidence_ok" in reasons(mixed_id, "fact_place_mention")
    assert "source_actor_known" in reasons(mixed_id, "fact_event")
    assert "event_date_key" in reasons(mixed_id, "fact_event")
    # the payload is the row itself, so a user can see what was wrong
    assert any(p.get("language") == "xx" for _, _, p in by_ref["http://news.example/lang"])
    # a quarantined article takes nothing of it into the facts; the good and the mixed article load
    urls = {u for (u,) in con.execute("select canonical_url from dim_article").fetchall()}
    assert urls == {"http://news.example/a", "http://news.example/mixed"}
    assert table_count(con, "fact_actor_mention") == 4  # two per loaded article, not the code-less one
    assert table_count(con, "fact_place_mention") == 1  # the good article's; the mixed one's had broken offsets
    assert con.execute("select count(*) from dim_actor where actor_code = 'RUSMIL'").fetchall()[0][0] == 0
    assert con.execute("select max(event_date) from fact_event").fetchall()[0][0] < date(2999, 1, 1)
    # every stored offset points at its text
    assert con.execute(
        "select count(*) from fact_actor_mention m join dim_article a using (article_key)"
        " where substring(a.text, m.start_char + 1, m.end_char - m.start_char) <> m.mention_text"
    ).fetchall()[0][0] == 0
    recorded = {e for (e,) in con.execute("select expectation from dq_result where run_id = 'run-k' and not success").fetchall()}
    assert {"expect_column_values_to_be_in_set", "expect_column_value_lengths_to_be_between"} <= recorded


def test_critical_failure_keeps_its_urls_pending(con, validator):
    from wirehouse.crawl.fetch import Target
    from wirehouse.crawl.frontier import add_targets
    from wirehouse.records import Page

    article = make_article()
    add_targets(con, [Target(article.url, "news.example")])
    page = Page(article.url, article.url, 200, b"<html></html>", datetime.now(timezone.utc))
    twin = dataclasses.replace(make_article("http://news.example/twin"), canonical_url=article.canonical_url)
    batch = [EnrichedArticle(article, make_enrichment()), EnrichedArticle(twin, make_enrichment())]
    with pytest.raises(SuiteFailed, match="canonical_url"):
        validate_and_load(con, validator, "run-d", "run-d-0001", Settled(batch, [], [], []), None, [page])
    assert con.execute("select state from crawl_frontier").fetchall() == [("pending",)]
    assert table_count(con, "dim_article") == 0
    assert table_count(con, "quarantine") == 0  # a failed batch sets nothing aside: it is retried whole


def test_batch_row_count_bound_is_critical(validator):
    import pandas as pd

    frame = pd.DataFrame({"article_id": [f"id{i}" for i in range(50001)]})
    outcomes = [o for o in validator.run_suite("articles", frame) if o.expectation == "expect_table_row_count_to_be_between"]
    assert outcomes and not outcomes[0].success and outcomes[0].severity == "critical"


def test_a_crawled_page_whose_batch_keeps_failing_is_quarantined_and_its_url_moves_on(con, validator):
    from wirehouse.crawl.fetch import Target
    from wirehouse.crawl.frontier import add_targets
    from wirehouse.quality.quarantine import requeue
    from wirehouse.records import Page

    article = make_article()
    add_targets(con, [Target(article.url, "news.example")])
    page = Page(article.url, article.url, 200, b"<html></html>", datetime.now(timezone.utc))
    twin = dataclasses.replace(make_article("http://news.example/twin"), canonical_url=article.canonical_url)
    batch = Settled([EnrichedArticle(article, make_enrichment()), EnrichedArticle(twin, make_enrichment())], [], [], [])
    for attempt in (1, 2):
        with pytest.raises(SuiteFailed, match="tried again on the next run"):
            validate_and_load(con, validator, "run-f", f"run-f-000{attempt}", batch, None, [page], max_failures=3)
        assert con.execute("select state from crawl_frontier").fetchall() == [("pending",)]
    with pytest.raises(SuiteFailed, match="1 of its 1 pages failed 3 times and were quarantined"):
        validate_and_load(con, validator, "run-f", "run-f-0003", batch, None, [page], max_failures=3)
    assert con.execute("select state from crawl_frontier").fetchall() == [("failed",)]
    assert con.execute("select ref, reason from quarantine").fetchall() == [(article.url, "batch_failed")]
    assert table_count(con, "dim_article") == 0
    assert requeue(con, reason="batch_failed").urls == (article.url,)
    assert con.execute("select state, attempts from crawl_frontier").fetchall() == [("pending", 0)]
    assert table_count(con, "seen_input") == 0  # the count of failures starts again

"""`wirehouse quarantine`: list set-aside rows (clipped, escaped) and send their URLs back to the
crawl frontier so the next run retries them."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from typer.testing import CliRunner

from wirehouse.cli import app
from wirehouse.crawl.fetch import Target
from wirehouse.crawl.frontier import add_targets, due, outcome_table, record_outcomes
from wirehouse.quality.quarantine import list_quarantine, requeue
from wirehouse.quality.report import dq_markdown
from wirehouse.records import Page, Rejected
from wirehouse.warehouse.db import connect, transaction
from wirehouse.warehouse.load import write_dq_results, write_quarantine
from wirehouse.warehouse.schema import apply_schema

runner = CliRunner()
MISSING = "http://news.example/missing"
SHORT = "http://news.example/short"
HOSTILE_REF = "http://news.example/\x1b[31mred[bold]x[/bold]" + "y" * 300


@pytest.fixture
def db(tmp_path):
    """A warehouse where a 404 (run r1) and a too-short article (run r2) were set aside."""
    path = tmp_path / "q.duckdb"
    con = connect(path)
    apply_schema(con)
    add_targets(con, [Target(MISSING, "news.example"), Target(SHORT, "news.example")])
    gone = Rejected("crawl", MISSING, "http_404", f"{MISSING} returned 404")
    page = Page(SHORT, SHORT, 200, b"<html></html>", datetime.now(timezone.utc))
    with transaction(con):
        record_outcomes(con, outcome_table([gone, page]))
        write_quarantine(con, [gone], "r1")
        write_quarantine(con, [
            Rejected("validate", SHORT, "expectation_failed", "article failed expect_column_value_lengths_to_be_between(text)",
                     {"_table": "dim_article", "url": SHORT, "canonical_url": SHORT, "text": "tiny"}),
            Rejected("clean", HOSTILE_REF, "empty_text", "no text <b>found</b>"),  # not in the frontier
        ], "r2")
    assert due(con) == []  # nothing would be retried without a requeue
    con.close()
    return path


def test_list_filters_by_run_and_reason(db):
    con = connect(db, read_only=True)
    try:
        assert list_quarantine(con, run_id="r1").column("ref").to_pylist() == [MISSING]
        assert list_quarantine(con, reason="http_404").num_rows == 1
        # a reason also matches the message: the expectation or the column
        assert list_quarantine(con, reason="value_lengths").column("ref").to_pylist() == [SHORT]
        assert list_quarantine(con).num_rows == 3
        assert list_quarantine(con, limit=1).num_rows == 1
    finally:
        con.close()


def test_requeue_puts_urls_back_to_pending_once(db):
    con = connect(db)
    try:
        result = requeue(con, reason="http_404")
        assert result.rows == 1 and result.urls == (MISSING,)
        assert [t.url for t in due(con)] == [MISSING]
        assert con.execute("select attempts, error from crawl_frontier where url = $u", {"u": MISSING}).fetchall() == [(0, None)]
        assert list_quarantine(con, run_id="r1").column("requeued_at").to_pylist()[0] is not None
        assert requeue(con, reason="http_404").rows == 0  # already requeued
        # the whole rest: the article that failed validation is retried, the folder page cannot be
        rest = requeue(con)
        assert rest.urls == (SHORT,) and rest.not_requeueable == 1
        assert {t.url for t in due(con)} == {MISSING, SHORT}
    finally:
        con.close()


def test_cli_lists_escaped_and_requeues(db):
    listed = runner.invoke(app, ["quarantine", "--db", str(db)])
    assert listed.exit_code == 0, listed.output
    assert "\x1b[31m" not in listed.output  # no terminal escapes from crawled text
    assert "[bold]x[/bold]" in listed.output  # shown as text, not read as markup
    assert "y" * 100 not in listed.output  # clipped
    assert "3 of 3 rows" in listed.output
    as_json = runner.invoke(app, ["quarantine", "--db", str(db), "--run", "r1", "--format", "json"])
    (row,) = [json.loads(line) for line in as_json.output.splitlines()]
    assert row["reason"] == "http_404" and row["ref"] == MISSING
    requeued = runner.invoke(app, ["quarantine", "--db", str(db), "--requeue", "--run", "r2"])
    assert requeued.exit_code == 0 and "requeued 1 rows" in requeued.output and "1 matching rows" in requeued.output
    bad = runner.invoke(app, ["quarantine", "--db", str(db), "--format", "xml"])
    assert bad.exit_code == 1 and "--format" in bad.output


def test_dq_markdown_links_data_docs_and_escapes(tmp_path):
    import pyarrow as pa

    from wirehouse.quality.validate import DQ_SCHEMA

    con = connect(tmp_path / "m.duckdb")
    apply_schema(con)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    row = dict(run_id="r9", batch_id="r9-0001", suite="articles", expectation="expect_column_values_to_be_in_set",
               column_name="language", severity="quarantine", success=False, element_count=10, unexpected_count=2,
               observed="<img src=x onerror=alert(1)>|[link](javascript:x)", validated_at=now)
    ok = {**row, "expectation": "expect_column_values_to_not_be_null", "success": True, "unexpected_count": 0}
    with transaction(con):
        write_dq_results(con, pa.Table.from_pylist([row, ok], schema=DQ_SCHEMA))
    text = dq_markdown(con, "r9", tmp_path / "data_docs" / "index.html")
    con.close()
    assert "file://" in text and "data_docs/index.html" in text
    assert "2 expectation results, 1 failed" in text
    assert "| quarantine | articles | expect_column_values_to_be_in_set | language | 1 | 2 |" in text
    assert "<img" not in text and "&lt;img" in text and "[link]" not in text

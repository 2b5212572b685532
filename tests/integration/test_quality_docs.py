"""Data Docs: every validated batch becomes static HTML pages in a folder, crawled values escaped,
and the index keeps listing earlier batches after a restart."""

from __future__ import annotations

import dataclasses

from wirehouse.quality.validate import Validator, validate_batch
from wirehouse.records import EnrichedArticle
from wirehouse.warehouse.load import build_batch

from tests.integration.test_warehouse import make_article, make_enrichment

HOSTILE = "<script>alert('wirehouse')</script>"


def test_batches_are_published_as_data_docs(tmp_path):
    docs = tmp_path / "data_docs"
    validator = Validator(docs_dir=docs)
    bad = dataclasses.replace(make_article("http://news.example/x"), language=HOSTILE + "x" * 5000)
    batch = build_batch([EnrichedArticle(make_article(), make_enrichment()), EnrichedArticle(bad, make_enrichment())])
    cleaned, report = validate_batch(validator, batch, "run-docs-0001")
    assert cleaned.articles.num_rows == 1  # the hostile row was quarantined, and is shown on the page
    assert report.docs_index == (docs / "index.html").resolve() and report.docs_index.is_file()
    assert set(report.docs) == {"articles", "actors", "places", "events"}
    page = report.docs["articles"].read_text(encoding="utf-8")
    assert "expect_column_values_to_be_in_set" in page or "values must belong to this set" in page
    assert "&lt;script&gt;alert" in page and "<script>alert" not in page
    assert "x" * 100 not in page  # long crawled values are clipped
    index = report.docs_index.read_text(encoding="utf-8")
    assert "run-docs-0001" in index

    # a new process (a new context) adds its batch; the earlier one stays listed
    again = Validator(docs_dir=docs)
    _, second = validate_batch(again, build_batch([EnrichedArticle(make_article(), make_enrichment())]), "run-docs-0002")
    index = second.docs_index.read_text(encoding="utf-8")
    assert "run-docs-0001" in index and "run-docs-0002" in index
    assert report.docs["articles"].is_file()

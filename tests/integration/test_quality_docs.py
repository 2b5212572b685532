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


def offline_links(page: str) -> bool:
    """No stylesheet, script or image of the page comes from the web."""
    import re

    return not re.search(r'<(?:script|img)[^>]*\ssrc="https?:|<link[^>]*\shref="https?:', page)


def test_pages_point_at_the_shipped_assets(tmp_path):
    from wirehouse.quality.docs import localize

    docs = tmp_path / "data_docs"
    _, report = validate_batch(Validator(docs_dir=docs), build_batch([EnrichedArticle(make_article(), make_enrichment())]),
                               "run-docs-0003")
    pages = [report.docs_index, *report.docs.values()]
    assert all(offline_links(p.read_text(encoding="utf-8")) for p in pages)
    page = report.docs["articles"].read_text(encoding="utf-8")
    assert '../../../../static/vendor/jquery@3.7.1/jquery.min.js"' in page and "integrity=" not in page
    assert (docs / "static" / "vendor" / "jquery@3.7.1" / "LICENSE").is_file()

    # a site published before the assets shipped: every page is rewritten on the next publish
    old = docs / "validations" / "old.html"
    old.write_text('<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>', encoding="utf-8")
    assert localize(docs, []) == 0  # the assets are there: only the pages given are rewritten
    (docs / "static" / "vendor" / "manifest.json").unlink()
    assert localize(docs, []) >= 1
    assert old.read_text(encoding="utf-8") == '<script src="../static/vendor/jquery@3.7.1/jquery.min.js"></script>'


def test_a_run_builds_the_index_once_at_its_end(tmp_path):
    docs = tmp_path / "data_docs"
    validator = Validator(docs_dir=docs, index_each_batch=False)
    pages = {}
    for n in (1, 2):
        _, report = validate_batch(validator, build_batch([EnrichedArticle(make_article(), make_enrichment())]),
                                   f"run-docs-000{n}")
        pages[n] = report.docs["articles"]
        assert pages[n].is_file() and offline_links(pages[n].read_text(encoding="utf-8"))
    assert not (docs / "index.html").exists()  # not rebuilt per batch
    index = validator.finish()
    assert index == (docs / "index.html").resolve()
    text = index.read_text(encoding="utf-8")
    assert "run-docs-0001" in text and "run-docs-0002" in text and offline_links(text)
    assert offline_links(pages[2].read_text(encoding="utf-8"))  # the page rebuilt with the index
    assert Validator(docs_dir=docs, index_each_batch=False).finish() == index  # nothing new: left as it is


def test_a_run_of_several_batches_lists_each_on_the_index(tmp_path):
    from wirehouse.crawl.sources import SourceSpec
    from wirehouse.demo import corpus, render
    from wirehouse.pipeline import run_pipeline
    from wirehouse.settings import Settings

    folder = tmp_path / "html"
    folder.mkdir()
    outlet = corpus.load_outlets()[0]
    site = render.build_site(outlet, "http://" + outlet.id + ".example")
    articles = [e for e in site.entries if e.kind == "article"][:4]
    for entry in articles:
        (folder / f"{entry.article.slug}.html").write_bytes(site.resources[entry.path].body)
    settings = Settings(data_dir=tmp_path / "data", batch_size=2, workers=1)
    summary = run_pipeline(SourceSpec(html_dir=folder), settings)
    assert summary.status == "succeeded" and summary.articles_loaded == 4
    index = (settings.data_docs_dir / "index.html").read_text(encoding="utf-8")
    assert f"{summary.run_id}-0001" in index and f"{summary.run_id}-0002" in index and offline_links(index)

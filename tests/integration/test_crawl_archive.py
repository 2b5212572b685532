"""Re-crawls, the WARC archive and reprocessing, against the demo sites over loopback HTTP."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime, timezone

import duckdb
import pytest
from typer.testing import CliRunner

from wirehouse.cli import app
from warcio.archiveiterator import ArchiveIterator

from wirehouse.crawl.archive import KIND, read_pages, scan
from wirehouse.crawl.fetch import Fetcher
from wirehouse.crawl.sources import SourceSpec, discover
from wirehouse.demo.server import DemoSites
from wirehouse.demo_run import demo_settings
from wirehouse.pipeline import RunSummary, open_warehouse, plan_batches, run_pipeline

OUTLET = "harbor-wire"  # robots.txt: Crawl-delay: 0.05


@pytest.fixture(scope="module")
def sites():
    with DemoSites(outlets=[OUTLET], public_hosts=True) as running:
        yield running


@pytest.fixture(scope="module")
def crawled(sites, tmp_path_factory):
    """One crawl of the outlet's feed and sitemap, then a re-crawl of it."""
    from wirehouse.settings import Settings

    settings = demo_settings(sites, Settings(data_dir=tmp_path_factory.mktemp("data"), backoff_s=0.01))
    spec = SourceSpec(feeds=(sites.feed_urls()[OUTLET],), sitemaps=(sites.sitemap_urls()[OUTLET],))
    sites.clear_requests()
    first = run_pipeline(spec, settings)
    first_requests = sites.requests()
    sites.clear_requests()
    second = run_pipeline(spec, settings, recrawl=True)
    return settings, first, first_requests, second, sites.requests()


def _article_paths(requests):
    return [r for r in requests if r.path.startswith("/news/")]


def test_fractional_crawl_delay_is_honoured(sites, settings, crawled):
    async def delay():
        async with Fetcher(demo_settings(sites, settings)) as fetcher:
            return await fetcher.allowed(sites.base_urls[OUTLET] + "/news/x.html")

    assert asyncio.run(delay()) == (True, 0.05)
    _, _, first_requests, _, _ = crawled
    stamps = sorted(r.at for r in _article_paths(first_requests))
    gaps = [(b - a).total_seconds() for a, b in zip(stamps, stamps[1:])]
    # without the delay four requests at a time arrive together; with it they come one by one
    # (stamps are taken by the server after answering, hence the slack on single gaps)
    assert len(gaps) > 10 and sum(gaps) / len(gaps) >= 0.045 and min(gaps) >= 0.01


def test_recrawl_is_conditional_and_unchanged_pages_are_not_reprocessed(crawled):
    settings, first, _, second, second_requests = crawled
    assert first.status == "succeeded" and first.articles_loaded > 10
    statuses = Counter(r.status for r in _article_paths(second_requests))
    assert statuses[304] == first.articles_loaded  # every stored article answered "not modified"
    assert second.status == "succeeded" and second.articles_loaded == 0 and second.events == 0
    con = duckdb.connect(str(settings.database), read_only=True)
    try:
        states = dict(con.execute(
            "select last_status, count(*) from crawl_frontier where state = 'fetched' group by 1").fetchall())
        articles = con.execute("select count(*) from dim_article").fetchall()[0][0]
    finally:
        con.close()
    assert states.get(304) == first.articles_loaded
    assert articles == first.articles_loaded


def test_every_response_is_archived_with_its_headers(crawled):
    settings, first, first_requests, _, _ = crawled
    files = sorted(settings.warc_dir.glob("*.warc.gz"))
    assert files and all(f.read_bytes()[:2] == b"\x1f\x8b" for f in files)
    refs = scan(files)
    served = {r.path for r in _article_paths(first_requests) if r.status == 200}
    assert {ref.url.split(".example", 1)[1] for ref in refs} == served
    page = read_pages(refs[:1])[0]
    assert page.etag and page.last_modified and page.body.lstrip().lower().startswith(b"<!doctype html")
    # the re-crawl's 304 answers add nothing to the archive
    assert len(scan(files, latest_only=False)) == len(refs)


def _kinds(path) -> Counter:
    with open(path, "rb") as fh:
        return Counter(r.rec_headers.get_header(KIND) for r in ArchiveIterator(fh) if r.rec_type == "response")


def test_robots_feeds_and_sitemaps_are_archived_but_never_read_as_articles(crawled):
    settings, first, first_requests, _, _ = crawled
    discovery = sorted(settings.warc_dir.glob("*-0000-discovery.warc.gz"))
    assert len(discovery) == 2  # one per run: the crawl and the re-crawl
    assert discovery[0].name == f"{first.run_id}-0000-discovery.warc.gz"
    sitemaps = [r for r in first_requests if "sitemap" in r.path]
    assert _kinds(discovery[0]) == Counter({"robots": 1, "feed": 1, "sitemap": len(sitemaps)})
    batches = [f for f in settings.warc_dir.glob(f"{first.run_id}-*.warc.gz") if f not in discovery]
    assert batches
    for path in batches:  # each batch's fetcher read robots.txt once and archived it beside the pages
        kinds = _kinds(path)
        assert kinds["robots"] == 1 and kinds["article"] >= 1 and set(kinds) == {"robots", "article"}
    # every kind is in the archive, but reading it back yields article pages only
    pages = read_pages(scan([settings.warc_dir]))
    assert len(pages) == first.articles_loaded
    assert all(p.url.startswith("http://harbor-wire.example/news/") for p in pages)


def test_reprocess_needs_no_network(crawled, tmp_path):
    settings, first, _, _, _ = crawled
    runner = CliRunner()
    # a fresh warehouse from the archive alone, with a host map that leads nowhere
    other = tmp_path / "fresh.duckdb"
    env = {"WIREHOUSE_HOST_MAP": '{"harbor-wire.example": "127.0.0.1:9"}', "WIREHOUSE_ALLOW_LOOPBACK": "false"}
    result = runner.invoke(app, ["reprocess", "--archive", str(settings.warc_dir), "--db", str(other)], env=env)
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(other), read_only=True)
    try:
        articles = con.execute("select count(*) from dim_article").fetchall()[0][0]
        runs = con.execute("select articles_loaded, status from pipeline_run").fetchall()
        frontier = con.execute("select count(*) from crawl_frontier").fetchall()[0][0]
    finally:
        con.close()
    assert articles == first.articles_loaded
    assert runs == [(first.articles_loaded, "succeeded")]
    assert frontier == 0  # nothing was discovered or fetched
    missing = runner.invoke(app, ["reprocess", "--archive", str(tmp_path / "none"), "--db", str(other)])
    assert missing.exit_code == 1 and "no WARC archive" in missing.output


def test_warc_input_is_planned_in_batches_of_archived_pages(crawled, tmp_path):
    settings, first, _, _, _ = crawled
    small = settings.model_copy(update={"batch_size": 10})
    spec = SourceSpec.from_options(warc=[settings.warc_dir])
    summary = RunSummary(run_id="test-run")
    con = open_warehouse(small.model_copy(update={"db_path": tmp_path / "plan.duckdb"}))
    try:
        batches = list(plan_batches(con, spec, small, summary))
    finally:
        con.close()
    pages = [p for b in batches for p in b.fetch(small)]
    assert [len(b.warc) for b in batches][:1] == [10] and all(not b.targets for b in batches)
    assert len(pages) == len(scan([settings.warc_dir]))
    assert all(p.status == 200 and p.url.startswith("http://harbor-wire.example/") for p in pages)


def test_date_window_filters_sitemap_and_feed_entries(sites, settings):
    base = demo_settings(sites, settings)
    spec = SourceSpec(feeds=(sites.feed_urls()[OUTLET],), sitemaps=(sites.sitemap_urls()[OUTLET],))
    everything = discover(spec, base).targets
    dates = sorted(a.published for a in sites.answer_key().values() if a.published is not None)
    middle = dates[len(dates) // 2]
    recent = discover(spec, base.model_copy(update={"since": middle})).targets
    older = discover(spec, base.model_copy(update={"until": datetime(2000, 1, 1, tzinfo=timezone.utc)})).targets
    assert 0 < len(recent) < len(everything)
    assert len(older) < len(recent)

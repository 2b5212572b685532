"""Crawl-delay with fractions, OPML feed lists, the date window, WARC round trips, and a signal
raised inside the crawler's task groups."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import httpx
import lxml.html
import pytest
from hypothesis import given, strategies as st

from wirehouse.crawl.archive import WarcWriter, read_pages, scan
from wirehouse.crawl.fetch import Fetched, Target
from wirehouse.crawl.opml import parse_opml, read_opml
from wirehouse.crawl.robots import crawl_delay
from wirehouse.crawl.sources import SourceSpec, in_window, run_async
from wirehouse.crawl.spider import SpiderOptions, page_is_article, url_kind
from wirehouse.errors import ConfigError
from wirehouse.settings import Settings

UA = "wirehouse/0.1 (+https://example.invalid/wirehouse; research crawler)"


@pytest.mark.parametrize(
    "robots, expected",
    [
        ("User-agent: *\nCrawl-delay: 0.05\nDisallow: /private/\n", 0.05),
        ("User-agent: *\nCrawl-delay: 2\n", 2.0),
        ("User-agent: *\nDisallow: /x\n", None),
        # our own group wins over *, even without a delay of its own
        ("User-agent: *\nCrawl-delay: 5\n\nUser-agent: wirehouse\nCrawl-delay: 0.25\n", 0.25),
        ("User-agent: wirehouse\nDisallow: /a\n\nUser-agent: *\nCrawl-delay: 5\n", None),
        ("User-agent: otherbot\nCrawl-delay: 9\n\nUser-agent: *\nCrawl-delay: 1.5 # comment\n", 1.5),
        ("User-agent: *\nCrawl-delay: soon\n", None),
        ("User-agent: *\nCrawl-delay: -3\n", None),
        ("User-agent: *\nCrawl-delay: nan\n", None),
        ("Crawl-delay: 4\n", None),  # outside any group
    ],
)
def test_crawl_delay(robots, expected):
    assert crawl_delay(robots.splitlines(), UA) == expected


@given(st.text())
def test_crawl_delay_never_raises(text):
    value = crawl_delay(text.splitlines(), UA)
    assert value is None or value >= 0


OPML = b"""<?xml version="1.0"?>
<opml version="2.0"><head><title>My feeds</title></head><body>
  <outline text="World">
    <outline type="rss" text="A" xmlUrl="http://a.example/feed.xml"/>
    <outline type="rss" text="B" xmlurl="https://b.example/rss"/>
  </outline>
  <outline type="rss" text="A again" xmlUrl="http://a.example/feed.xml"/>
  <outline type="link" text="not a feed" url="http://c.example/"/>
  <outline type="rss" text="local" xmlUrl="file:///etc/passwd"/>
</body></opml>"""


def test_opml_nested_deduplicated_http_only():
    assert parse_opml(OPML, "feeds.opml") == ("http://a.example/feed.xml", "https://b.example/rss")


@pytest.mark.parametrize(
    "data, message",
    [
        (b"<opml><body></body></opml>", "lists no feed"),
        (b"<rss><channel/></rss>", "not OPML"),
        (b"<opml><body><outline", "not readable XML"),
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><opml/>', "not readable XML"),
    ],
)
def test_opml_errors_say_what_to_do(data, message):
    with pytest.raises(ConfigError, match=message):
        parse_opml(data, "feeds.opml")


def test_opml_joins_the_feed_file(tmp_path):
    (tmp_path / "feeds.opml").write_bytes(OPML)
    (tmp_path / "feeds.txt").write_text("http://a.example/feed.xml\nhttp://z.example/atom\n")
    spec = SourceSpec.from_options(feeds_file=tmp_path / "feeds.txt", opml=[tmp_path / "feeds.opml"])
    assert spec.feeds == ("http://a.example/feed.xml", "http://z.example/atom", "https://b.example/rss")
    with pytest.raises(ConfigError, match="cannot read OPML file"):
        read_opml(tmp_path / "missing.opml")


def test_date_window():
    window = Settings(since=datetime(2026, 3, 1), until=datetime(2026, 3, 31, 23, 59, tzinfo=timezone.utc))
    assert in_window(None, window)  # undated entries are kept
    assert in_window(datetime(2026, 3, 10), window)
    assert in_window(datetime(2026, 3, 1, tzinfo=timezone.utc), window)
    assert not in_window(datetime(2026, 2, 28, 23, 0, tzinfo=timezone.utc), window)
    assert not in_window(datetime(2026, 4, 1, tzinfo=timezone.utc), window)
    assert in_window(datetime(1990, 1, 1), Settings())


def _fetched(url, body, status=200, headers=None):
    return Fetched(url, status, httpx.Headers(headers or {"Content-Type": "text/html; charset=windows-1252"}), body)


def test_warc_round_trip_keeps_headers_and_latest_copy(tmp_path):
    path = tmp_path / "a.warc.gz"
    body = "<html><body><p>caf\xe9 ol\xe9</p></body></html>".encode("cp1252")
    with WarcWriter(path) as writer:
        writer.write_response(_fetched("http://n.example/a", b"old"), source="n.example")
        writer.write_response(_fetched("http://n.example/a/", body, headers={
            "Content-Type": "text/html; charset=windows-1252", "ETag": '"v2"', "Content-Encoding": "gzip",
            "Last-Modified": "Tue, 10 Mar 2026 08:00:00 GMT"}), requested="http://n.example/a", source="n.example")
        writer.write_response(_fetched("http://n.example/gone", b"no", status=404))
        writer.write_response(_fetched("http://n.example/pic", b"\x89PNG", headers={"Content-Type": "image/png"}))
    assert path.read_bytes()[:2] == b"\x1f\x8b"
    refs = scan([tmp_path])
    assert [r.url for r in refs] == ["http://n.example/a"]  # 404 and image left out, last copy kept
    (page,) = read_pages(refs)
    assert page.body == body and page.charset == "windows-1252" and page.etag == '"v2"'
    assert page.final_url == "http://n.example/a/" and page.source == "n.example"
    assert page.last_modified == "Tue, 10 Mar 2026 08:00:00 GMT"
    assert len(scan([path], latest_only=False)) == 2


@pytest.mark.parametrize("cut", [40, 100, 200])
def test_truncated_warc_keeps_the_complete_records(tmp_path, caplog, cut):
    path = tmp_path / "killed.warc.gz"
    with WarcWriter(path) as writer:
        for n in range(3):
            writer.write_response(_fetched(f"http://n.example/{n}", b"<p>page %d</p>" % n * 50))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - cut])  # the last record cut off mid-write
    refs = scan([path])
    assert [r.url for r in refs] == ["http://n.example/0", "http://n.example/1"]
    if cut == 40:  # cut inside the body: warcio reads on quietly, the length check notices
        assert "truncated" in caplog.text


def test_empty_writer_leaves_no_file(tmp_path):
    WarcWriter(tmp_path / "x.warc.gz").close()
    assert not (tmp_path / "x.warc.gz").exists()


def test_warc_input_errors(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        SourceSpec.from_options(warc=[tmp_path / "nope.warc.gz"])
    with pytest.raises(ConfigError, match="no .warc or .warc.gz file"):
        SourceSpec.from_options(warc=[tmp_path])


def test_conditional_headers():
    assert Target("http://n.example/a").conditional_headers() == {}
    assert Target("http://n.example/a", etag='"x"', last_modified="Tue, 10 Mar 2026 08:00:00 GMT").conditional_headers() == {
        "If-None-Match": '"x"', "If-Modified-Since": "Tue, 10 Mar 2026 08:00:00 GMT"}


@pytest.mark.parametrize(
    "url, kind",
    [
        ("http://n.example/", "listing"),
        ("http://n.example/tag/iraq/", "listing"),
        ("http://n.example/author/jane-doe-smith-jones/", "listing"),
        ("http://n.example/category/middle-east/page/2/", "listing"),
        ("http://n.example/sections/ukraine-war.html", "listing"),
        ("http://n.example/world/", "unknown"),
        ("http://n.example/middle-east/2026/11/gunmen-kill-activist/", "article"),
        ("http://n.example/news/finland-seizes-ship-after-cable-damage.html", "article"),
        ("http://n.example/2026-03-01-strike-on-depot", "article"),
        ("http://n.example/about", "listing"),
    ],
)
def test_url_kind(url, kind):
    assert url_kind(url) == kind


@pytest.mark.parametrize(
    "html, expected",
    [
        ('<html><head><meta property="og:type" content="article"></head><body></body></html>', True),
        ('<html><head><meta property="og:type" content="website"></head><body><p>%s</p></body></html>' % ("x" * 2000), False),
        ('<html><head><script type="application/ld+json">{"@graph": [{"@type": ["NewsArticle"]}]}</script></head></html>', True),
        ('<html><head><script type="application/ld+json">{broken</script></head><body></body></html>', False),
        ("<html><body><p>%s</p></body></html>" % ("A sentence of reporting. " * 50), True),
        ("<html><body><article><p>%s</p></article><article><p>%s</p></article></body></html>" % ("t " * 600, "u " * 600), False),
        ("<html><body><a href='/x'><p>%s</p></a></body></html>" % ("teaser " * 300), False),
        # a section page: teaser summaries under links to many articles
        ("<html><body>%s</body></html>" % "".join(
            f"<h2><a href='/world/2026/03/story-number-{n}/'>t</a></h2><p>{'summary text ' * 20}</p>" for n in range(8)),
         False),
        ("<html><body>%s<p>%s</p></body></html>" % (
            "".join(f"<h3><a href='/world/'>s</a> <a href='/x{n}'>t</a></h3>" for n in range(3)), "text " * 300), False),
    ],
)
def test_page_is_article(html, expected):
    assert page_is_article(lxml.html.fromstring(html)) is expected


def test_bad_spider_pattern_is_a_config_error():
    with pytest.raises(ConfigError, match="not a valid regular expression"):
        SpiderOptions(exclude=("([",)).compiled()


def test_source_list_lines_are_checked_one_by_one(tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# my feeds\nhttps://a.example/rss\n\nnot a url\n  javascript:alert(1)\nhttp://:80/x\n",
                     encoding="utf-8")
    spec = SourceSpec.from_options(feeds_file=feeds, sitemap=["sitemap.xml"])
    assert spec.feeds == ("https://a.example/rss",) and spec.sitemaps == ()
    assert [(r.ref, r.reason) for r in spec.problems] == [
        (f"{feeds} line 4", "bad_source"), (f"{feeds} line 5", "bad_source"), (f"{feeds} line 6", "bad_source"),
        ("--sitemap", "bad_source")]
    assert "has no host name" in spec.problems[2].message
    only_bad = tmp_path / "bad.txt"
    only_bad.write_text("feed.example/rss\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=f"no source is usable; {only_bad} line 1: 'feed.example/rss' is not an"):
        SourceSpec.from_options(urls_file=only_bad)


class Signalled(BaseException):
    """Like the exception an orchestrator's SIGTERM handler raises to cancel a run."""


async def _in_task_group(exc: BaseException) -> None:
    async def fail() -> None:
        raise exc

    async def wait() -> None:
        await asyncio.sleep(10)

    async with asyncio.TaskGroup() as group:
        group.create_task(wait())
        group.create_task(fail())


def test_a_signal_inside_a_task_group_comes_out_as_itself():
    with pytest.raises(Signalled):  # asyncio.run alone raises a BaseExceptionGroup here
        run_async(_in_task_group(Signalled()))
    with pytest.raises(BaseExceptionGroup):
        asyncio.run(_in_task_group(Signalled()))


def test_errors_inside_a_task_group_stay_grouped():
    with pytest.raises(ExceptionGroup) as caught:
        run_async(_in_task_group(ValueError("bad")))
    assert isinstance(caught.value.exceptions[0], ValueError)


def test_a_saved_page_of_several_gzip_members_is_read_whole(tmp_path):
    import gzip

    from wirehouse.crawl.sources import LocalFile, read_html_files

    page = tmp_path / "a.html.gz"
    page.write_bytes(gzip.compress(b"<html><p>first half, ") + gzip.compress(b"second half</p></html>"))
    [read] = read_html_files([LocalFile(str(page), page.stat().st_size, None, str(tmp_path))], max_bytes=1000)
    assert read.body == b"<html><p>first half, second half</p></html>"
    [capped] = read_html_files([LocalFile(str(page), page.stat().st_size, None, str(tmp_path))], max_bytes=30)
    assert capped.reason == "too_large"  # the limit counts every member


class CountingHashlib:
    """``hashlib`` as sources.py uses it, counting the sha1 digests it computes."""

    def __init__(self):
        import hashlib

        self.real, self.count = hashlib, 0

    def sha1(self, *args):
        self.count += 1
        return self.real.sha1(*args)

    def file_digest(self, fh, name):
        self.count += 1
        return self.real.file_digest(fh, name)


def test_a_saved_page_is_hashed_once_from_planning_to_reading(tmp_path, monkeypatch):
    import gzip
    import hashlib
    import os

    from wirehouse.crawl import sources

    folder = tmp_path / "pages"
    folder.mkdir()
    stored = {"a.html": b"<html><p>one</p></html>", "b.html.gz": gzip.compress(b"<html><p>two</p></html>")}
    for name, data in stored.items():
        (folder / name).write_bytes(data)
    counting = CountingHashlib()
    monkeypatch.setattr(sources, "hashlib", counting)
    planned = list(sources.iter_html_dir(folder))
    pages = sources.read_html_files(planned)
    assert counting.count == 2  # one per file: planning's digest is the one read (before: 4)
    assert [p.digest for p in pages] == [hashlib.sha1(stored[n]).hexdigest() for n in sorted(stored)]
    assert [p.digest for p in pages] == [f.digest for f in planned]

    # a file changed after planning (same size, a later modification time) is hashed again when read
    changed = folder / "a.html"
    changed.write_bytes(b"<html><p>ONE</p></html>")
    os.utime(changed, ns=(planned[0].mtime_ns + 10**9, planned[0].mtime_ns + 10**9))
    [page, _] = sources.read_html_files(planned)
    assert page.digest == hashlib.sha1(b"<html><p>ONE</p></html>").hexdigest() != planned[0].digest
    assert counting.count == 3

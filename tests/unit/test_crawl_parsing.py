"""Feeds, sitemaps and URL canonicalisation on good and hostile input."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import given, strategies as st

from wirehouse.crawl.feeds import FeedError, parse_feed
from wirehouse.crawl.sitemaps import MAX_SITEMAP_BYTES, SitemapError, parse_sitemap
from wirehouse.crawl.urls import canonical_url

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>x</title>
<item><title>One</title><link>http://news.example/a?utm_source=rss</link><pubDate>Tue, 10 Mar 2026 08:00:00 GMT</pubDate></item>
<item><title>Two</title><link>http://news.example/b</link></item>
</channel></rss>"""


def test_rss_entries():
    entries = parse_feed(RSS, "http://news.example/feed")
    assert [e.url for e in entries] == ["http://news.example/a?utm_source=rss", "http://news.example/b"]
    assert entries[0].published_at.isoformat() == "2026-03-10T08:00:00+00:00"


def test_broken_feed_with_entries_is_used():
    broken = RSS.replace(b"</channel></rss>", b"<item><title>bad & worse</title></channel>")
    assert len(parse_feed(broken, "http://news.example/feed")) >= 2


def test_feed_without_entries_is_an_error():
    with pytest.raises(FeedError, match="not a readable RSS or Atom feed"):
        parse_feed(b"<html><body>not a feed", "http://news.example/feed")


def test_web_page_is_no_feed_but_an_empty_feed_is():
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        parse_feed(b"<html><head><title>News</title></head><body><p>Moved</p></body></html>", "http://news.example/rss")
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet day</title></channel></rss>'
    assert parse_feed(empty, "http://news.example/rss") == []


SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>http://news.example/a</loc><lastmod>2026-03-01</lastmod></url>
<url><loc>http://news.example/b</loc><news:news><news:publication_date>2026-03-02T10:00:00Z</news:publication_date></news:news></url>
</urlset>"""


def test_sitemap_and_news_dates():
    entries = parse_sitemap(SITEMAP, "http://news.example/sitemap.xml")
    assert [e.url for e in entries] == ["http://news.example/a", "http://news.example/b"]
    assert entries[1].published_at.isoformat() == "2026-03-02T10:00:00+00:00"
    assert not any(e.is_sitemap for e in entries)


def test_sitemap_index_and_gzip():
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>http://news.example/s1.xml.gz</loc></sitemap></sitemapindex>"""
    entries = parse_sitemap(gzip.compress(index), "http://news.example/index.xml")
    assert entries[0].is_sitemap and entries[0].url.endswith("s1.xml.gz")


def test_entity_expansion_refused():
    bomb = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>
    <urlset><url><loc>&lol2;</loc></url></urlset>"""
    with pytest.raises(SitemapError, match="not a usable XML sitemap"):
        parse_sitemap(bomb, "http://news.example/evil.xml")


def test_gzip_bomb_refused():
    bomb = gzip.compress(b"<urlset>" + b" " * (MAX_SITEMAP_BYTES + 10) + b"</urlset>")
    with pytest.raises(SitemapError, match="gzip bomb"):
        parse_sitemap(bomb, "http://news.example/bomb.xml.gz")


def test_not_a_sitemap():
    with pytest.raises(SitemapError, match="not a sitemap"):
        parse_sitemap(b"<html><body/></html>", "http://news.example/x")


def test_canonical_url_strips_tracking():
    url = "http://News.Example/world/a/?utm_source=rss&utm_medium=feed&id=3#comments"
    assert canonical_url(url) == "http://news.example/world/a/?id=3"


@given(
    path=st.lists(st.text(alphabet="abcdefghij-_0123456789", min_size=1, max_size=8), max_size=4),
    query=st.dictionaries(st.sampled_from(["id", "page", "utm_source", "fbclid", "q"]),
                          st.text(alphabet="abc123", min_size=1, max_size=5), max_size=3),
)
def test_canonical_url_is_idempotent(path, query):
    url = "http://news.example/" + "/".join(path)
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    once = canonical_url(url)
    assert canonical_url(once) == once
    assert "utm_source" not in once and "fbclid" not in once

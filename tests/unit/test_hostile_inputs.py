"""The smallest inputs that showed each defect the fuzzing found (tests/fuzz, bench/fuzz.py)."""

from __future__ import annotations

import gzip
from datetime import datetime, timezone

import pytest
from warcio.exceptions import ArchiveLoadFailed

from wirehouse.clean.extract import MAX_ATTRIBUTES, extract_article, extract_html, load_tree, shorten_long_tags
from wirehouse.crawl.archive import MAX_LINE_BYTES, _Records, read_pages, scan
from wirehouse.crawl.feeds import FeedError, parse_feed
from wirehouse.crawl.opml import parse_opml
from wirehouse.crawl.sitemaps import SitemapError, parse_sitemap
from wirehouse.errors import ConfigError, WirehouseError
from wirehouse.records import Page, Rejected
from wirehouse.settings import Settings

PROSE = "<p>" + "The minister said on Tuesday that the talks would resume next week in the capital. " * 4 + "</p>"


def test_empty_feed_is_a_feed_error():
    with pytest.raises(FeedError, match="feed.xml"):
        parse_feed(b"", "http://news.example/feed.xml")  # was AttributeError: no attribute 'version'


@pytest.mark.parametrize("stamp", ["0000-01-01T00:00:00Z", "0000-00-00T00:00:00Z"])
def test_feed_date_before_year_one_is_no_date(stamp):
    atom = f'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="http://a.example/b"/><updated>{stamp}</updated></entry></feed>'
    (entry,) = parse_feed(atom.encode(), "http://news.example/feed.xml")  # was ValueError: year 0 is out of range
    assert entry.url == "http://a.example/b" and entry.published_at is None


def test_parser_errors_are_wirehouse_errors():
    assert issubclass(FeedError, WirehouseError) and issubclass(SitemapError, WirehouseError)
    assert issubclass(FeedError, ValueError) and issubclass(SitemapError, ValueError)  # as before


SITEMAP = gzip.compress(b'<urlset><url><loc>http://a.example/b</loc></url></urlset>')


@pytest.mark.parametrize("data", [SITEMAP[:20], SITEMAP[:-8] + b"\0" * 8, SITEMAP + b"junk", b"\x1f\x8b"],
                         ids=["truncated", "bad-crc", "trailing-junk", "magic-only"])
def test_broken_gzip_sitemap_is_a_sitemap_error(data):
    with pytest.raises(SitemapError, match="not a readable gzip file"):  # was EOFError / BadGzipFile
        parse_sitemap(data, "http://news.example/sitemap.xml.gz")


def test_canonical_link_that_is_no_url_is_ignored():
    page = f'<html><head><link rel="canonical" href="http://[::1/x"></head><body>{PROSE}</body></html>'
    result = extract_html(page, url="http://news.example/a")  # was ValueError: Invalid IPv6 URL
    assert result.canonical_url is None and result.text


def test_page_whose_own_url_is_no_url_is_rejected():
    page = Page(url="http://[::1/x", final_url="http://[::1/x", status=200, fetched_at=datetime.now(timezone.utc),
                body=f"<html><body><article>{PROSE * 2}</article></body></html>".encode())
    out = extract_article(page, Settings(min_text_chars=50))
    assert isinstance(out, Rejected) and out.reason == "bad_url"


def test_deeply_nested_json_ld_is_skipped():
    page = (f'<html><head><script type="application/ld+json">{"[" * 5000}{"]" * 5000}</script>'
            f"<title>T</title></head><body>{PROSE}</body></html>")
    assert extract_html(page).text  # was RecursionError from json.loads


def test_long_start_tags_are_cut_before_parsing():
    many = "<div " + " ".join(f"a{i}=x" for i in range(5000)) + f">{PROSE}</div>"
    tree = load_tree(shorten_long_tags(f"<html><body>{many}</body></html>"))
    assert len(tree.find(".//div").attrib) == MAX_ATTRIBUTES  # libxml2 takes quadratic time on 100,000
    huge = f'<div id="story" class="{"a" * 100_000}">{PROSE}</div>'
    cut = shorten_long_tags(huge)
    assert cut.startswith('<div id="story" class>') and cut.endswith(f"{PROSE}</div>")
    ordinary = f'<div id="story" class="{"a" * 1000}">{PROSE}</div>'
    assert shorten_long_tags(ordinary) == ordinary


WARC_BLOCK = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>" + PROSE.encode() + b"</body></html>")


def _record(length: str | None) -> bytes:
    head = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://a.example/b\r\n"
    if length is not None:
        head += b"Content-Length: " + length.encode() + b"\r\n"
    return gzip.compress(head + b"\r\n" + WARC_BLOCK + b"\r\n\r\n")


@pytest.mark.parametrize("length", [None, str(10 ** 30)], ids=["missing", "huge"])
def test_warc_record_with_bad_content_length_ends_the_file(tmp_path, length):
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(_record(str(len(WARC_BLOCK))) + _record(length))  # was TypeError / OverflowError
    refs = scan([path])
    assert [r.url for r in refs] == ["http://a.example/b"]
    assert read_pages(refs)[0].body.endswith(b"</body></html>")


def test_warc_endless_line_is_refused_without_reading_it_whole(tmp_path):
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: " + b" " * (3 * MAX_LINE_BYTES)))
    with open(path, "rb") as fh, pytest.raises(ArchiveLoadFailed, match="line longer than"):
        list(_Records(fh))  # warcio gathered the whole line in memory (gigabytes from a gzip bomb)
    assert scan([path]) == []


def test_feed_link_of_white_space_is_no_entry():
    rss = b'<rss version="2.0"><channel><item><link>  \n </link></item><item><link> http://a.example/b </link></item></channel></rss>'
    assert [e.url for e in parse_feed(rss, "http://news.example/feed.xml")] == ["http://a.example/b"]  # was "" too


def test_unknown_xml_encoding_is_a_clear_error():
    declared = b'<?xml version="1.0" encoding="x-bogus"?>'
    with pytest.raises(SitemapError, match="sitemap.xml"):  # was LookupError
        parse_sitemap(declared + b"<urlset/>", "http://news.example/sitemap.xml")
    with pytest.raises(ConfigError, match="feeds.opml"):
        parse_opml(declared + b"<opml/>", "feeds.opml")


@pytest.mark.parametrize("url", ["", "x", "/2026/03/a"])
def test_page_without_an_absolute_url_is_rejected(url):
    page = Page(url=url, final_url=url, status=200, fetched_at=datetime.now(timezone.utc),
                body=f"<html><body><article>{PROSE * 2}</article></body></html>".encode())
    out = extract_article(page, Settings(min_text_chars=50))  # was an Article with canonical_url "/" or "x"
    assert isinstance(out, Rejected) and out.reason == "bad_url"


def test_charset_label_with_a_nul_is_ignored():
    page = f"<html><body>{PROSE}</body></html>".encode("cp1252") + b"\xe9"
    assert extract_html(page, charset="utf-8\x00").text  # was ValueError: embedded null character


def test_feed_declaring_an_encoding_in_non_text_bytes_is_a_feed_error():
    rss = b'<?xml version="1.0" encoding="\x99"?><rss version="2.0"><channel></channel></rss>'
    with pytest.raises(FeedError, match="XML declaration"):  # was UnicodeDecodeError inside feedparser
        parse_feed(rss, "http://news.example/feed.xml")

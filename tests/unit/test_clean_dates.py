from datetime import date, datetime, timezone

from lxml.html import fromstring

from wirehouse.clean.dates import parse_timestamp, publication_date


def _tree(head: str, body: str = "<p>x</p>"):
    return fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


def test_parse_timestamp_forms():
    assert parse_timestamp("2017-10-20T09:50:00+00:00") == datetime(2017, 10, 20, 9, 50, tzinfo=timezone.utc)
    assert parse_timestamp("2026-03-14T12:30:00+03:00") == datetime(2026, 3, 14, 9, 30, tzinfo=timezone.utc)
    assert parse_timestamp("2026-03-14T09:30:00Z") == datetime(2026, 3, 14, 9, 30, tzinfo=timezone.utc)
    assert parse_timestamp("2026-03-14") == date(2026, 3, 14)
    assert parse_timestamp("yesterday") is None
    assert parse_timestamp(None) is None


def test_meta_published_time_is_utc():
    tree = _tree('<meta property="article:published_time" content="2026-05-02T08:15:00+02:00">')
    assert publication_date(tree) == datetime(2026, 5, 2, 6, 15, tzinfo=timezone.utc)


def test_jsonld_date_published():
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2026-02-01T10:00:00Z"}</script>'
    assert publication_date(_tree(head)) == datetime(2026, 2, 1, 10, 0, tzinfo=timezone.utc)


def test_not_a_photo_caption_date():
    body = ('<article><figure><img src="a.jpg"><figcaption>Soldiers near Rawa on March 12, 2016.</figcaption></figure>'
            '<p>The army advanced on Sunday.</p></article>')
    tree = _tree('<meta property="article:published_time" content="2026-03-14T09:30:00+00:00">', body)
    assert publication_date(tree) == datetime(2026, 3, 14, 9, 30, tzinfo=timezone.utc)
    tree = _tree("", body)
    found = publication_date(tree, extensive=True)
    assert found is None or found.year != 2016


def test_markup_date_used_when_no_metadata():
    assert publication_date(_tree(""), "2025-12-01", extensive=False) == date(2025, 12, 1)
    assert publication_date(_tree(""), None, extensive=False) is None

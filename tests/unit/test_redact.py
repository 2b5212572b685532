"""Secrets never reach a log line: URL passwords and token-like query values are masked."""

from __future__ import annotations

import logging

import pytest

from wirehouse.redact import RedactingFilter, redact_text, redact_url, secret_param


@pytest.mark.parametrize("url, expected", [
    ("http://user:s3cret@proxy.example:3128/", "http://user:***@proxy.example:3128/"),
    ("https://s3cret-token@feeds.example/rss", "https://***@feeds.example/rss"),
    ("https://api.example/v1/news?api_key=abc123&page=2", "https://api.example/v1/news?api_key=***&page=2"),
    ("https://news.example/feed?token=xyz&lang=en&access_token=t2", "https://news.example/feed?token=***&lang=en&access_token=***"),
    ("https://bucket.example/a.xml?X-Amz-Credential=AK%2F1&X-Amz-Signature=ff00&X-Amz-Expires=60",
     "https://bucket.example/a.xml?X-Amz-Credential=***&X-Amz-Signature=***&X-Amz-Expires=60"),
    ("https://news.example/2026/03/story?id=7#auth=abc", "https://news.example/2026/03/story?id=7#auth=***"),
])
def test_secrets_in_urls_are_masked(url, expected):
    assert redact_url(url) == expected


@pytest.mark.parametrize("url", [
    "https://news.example/2026/03/harbour-talks?page=2&utm_source=x",
    "http://127.0.0.1:8080/robots.txt",
    "file:///data/pages/a.html",
    "https://news.example/keywords?keyword=monkey",
])
def test_urls_without_secrets_are_unchanged(url):
    assert redact_url(url) == url


def test_secret_parameter_names():
    assert all(secret_param(n) for n in ("token", "apiKey", "api-key", "client_secret", "password", "sig", "auth_token"))
    assert not any(secret_param(n) for n in ("page", "id", "lang", "q", "utm_source", "keyword"))


def test_urls_inside_text_and_a_malformed_url():
    text = "cannot fetch https://u:pw@feeds.example/rss?key=k1: ConnectError via http://p:pp@[bad/ (twice)"
    clean = redact_text(text)
    assert "pw" not in clean.replace("pp", "") and "k1" not in clean and ":pp@" not in clean
    assert "https://u:***@feeds.example/rss?key=***" in clean and clean.endswith("(twice)")


def test_the_filter_masks_formatted_lines_and_tracebacks():
    record = logging.LogRecord("httpx", logging.INFO, __file__, 1, 'HTTP Request: GET %s "%s"',
                               ("https://a:b@news.example/x?token=t0k", "HTTP/1.1 200 OK"), None)
    assert RedactingFilter().filter(record)
    assert record.getMessage() == 'HTTP Request: GET https://a:***@news.example/x?token=*** "HTTP/1.1 200 OK"'
    try:
        raise ValueError("proxy http://user:hunter2@proxy.example:8080 refused")
    except ValueError:
        import sys

        record = logging.LogRecord("wirehouse", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    RedactingFilter().filter(record)
    assert "hunter2" not in record.exc_text and "user:***@proxy.example" in record.exc_text

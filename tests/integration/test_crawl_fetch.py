"""Fetcher behaviour beyond tests/integration/test_fetch.py: 429 with an HTTP-date Retry-After,
a 50 MB page (with and without Content-Length), robots.txt read once under concurrency, conditional GET."""

from __future__ import annotations

import email.utils
import threading
import time
import tracemalloc
from http.server import ThreadingHTTPServer

import pytest

from wirehouse.crawl.fetch import Target
from tests.loopback import QuietHandler, fetch, serving
from wirehouse.records import Page, Rejected

HUGE = 50_000_000
ARTICLE = b"<html><body><p>" + b"Words of an article. " * 40 + b"</p></body></html>"


class Handler(QuietHandler):
    protocol_version = "HTTP/1.1"
    hits: dict[str, int] = {}
    lock = threading.Lock()
    sent: dict[str, int] = {}  # bytes of a huge body written before the client hung up
    done = threading.Event()

    def do_GET(self):
        with Handler.lock:
            Handler.hits[self.path] = n = Handler.hits.get(self.path, 0) + 1
        if self.path == "/robots.txt":
            time.sleep(0.2)  # slow enough that every fetch asks before the first answer
            return self._send(200, b"User-agent: *\nCrawl-delay: 0.01\n", {"Content-Type": "text/plain"})
        if self.path == "/busy":  # 429 with an HTTP-date Retry-After (already past), then fine
            if n == 1:
                when = email.utils.formatdate(time.time() - 5, usegmt=True)
                return self._send(429, b"slow down", {"Retry-After": when, "Content-Type": "text/plain"})
            return self._send(200, ARTICLE)
        if self.path in ("/huge", "/huge-declared"):  # 50 MB, streamed in 64 KB writes
            chunked = self.path == "/huge"  # chunked: no Content-Length to refuse it by
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            if chunked:
                self.send_header("Transfer-Encoding", "chunked")
            else:
                self.send_header("Content-Length", str(HUGE))
            self.end_headers()
            sent = 0
            chunk = b"x" * 65536
            try:
                while sent < HUGE:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
                    sent += len(chunk)
                if chunked:
                    self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                Handler.sent[self.path] = sent
                Handler.done.set()
            self.close_connection = True
            return None
        if self.path.startswith("/page"):
            etag = '"v1"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            return self._send(200, ARTICLE, {"Content-Type": "text/html", "ETag": etag,
                                              "Last-Modified": "Tue, 10 Mar 2026 08:00:00 GMT"})
        return self._send(404, b"")


@pytest.fixture
def server():
    Handler.hits = {}
    Handler.sent = {}
    Handler.done = threading.Event()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    with serving(httpd):
        yield f"http://127.0.0.1:{httpd.server_address[1]}"


def test_429_with_http_date_retry_after(server, settings):
    (page,) = fetch(settings, [Target(server + "/busy")])
    assert isinstance(page, Page) and Handler.hits["/busy"] == 2


@pytest.mark.parametrize("path", ["/huge", "/huge-declared"])
def test_50_mb_page_is_refused_without_reading_it(server, settings, path):
    tracemalloc.start()
    try:
        (result,) = fetch(settings.model_copy(update={"max_page_bytes": 1_000_000}), [Target(server + path)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(result, Rejected) and result.reason == "too_large"
    assert "WIREHOUSE_MAX_PAGE_BYTES" in result.message
    assert peak < HUGE // 5  # at most twice the cap was held, never the page
    # the crawler hung up: the server's writes failed long before the 50 MB were out (what it
    # did write sits in socket buffers, several MB at most)
    assert Handler.done.wait(10)
    assert Handler.sent[path] < HUGE // 2


def test_robots_read_once_for_many_concurrent_fetches(server, settings):
    results = fetch(settings, [Target(f"{server}/page{n}") for n in range(12)])
    assert all(isinstance(r, Page) for r in results)
    assert Handler.hits["/robots.txt"] == 1


def test_conditional_get_gives_304_page_with_validators(server, settings):
    (first,) = fetch(settings, [Target(server + "/page-a")])
    assert first.status == 200 and first.etag == '"v1"'
    (again,) = fetch(settings, [Target(server + "/page-a", etag=first.etag, last_modified=first.last_modified)])
    assert isinstance(again, Page) and again.status == 304 and again.body == b""
    assert again.etag == '"v1"' and again.last_modified == "Tue, 10 Mar 2026 08:00:00 GMT"

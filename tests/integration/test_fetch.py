"""The fetcher against a real loopback HTTP server that misbehaves on purpose."""

from __future__ import annotations

import gzip
import time
from http.server import ThreadingHTTPServer

import pytest

from wirehouse.records import Page, Rejected

from tests.loopback import QuietHandler, fetch, serving

ARTICLE = b"<html><head><title>t</title></head><body><p>" + b"Words of an article. " * 40 + b"</p></body></html>"


class Handler(QuietHandler):
    hits: dict[str, int] = {}

    def do_GET(self):
        path = self.path
        Handler.hits[path] = Handler.hits.get(path, 0) + 1
        n = Handler.hits[path]
        if path == "/robots.txt":
            return self._send(200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"})
        if path == "/ok":
            return self._send(200, ARTICLE)
        if path == "/flaky":  # 503 with Retry-After once, then fine
            if n == 1:
                return self._send(503, b"busy", {"Retry-After": "0", "Content-Type": "text/plain"})
            return self._send(200, ARTICLE)
        if path == "/always500":
            return self._send(500, b"boom")
        if path == "/missing":
            return self._send(404, b"nope")
        if path == "/loop":
            return self._send(302, b"", {"Location": "/loop"})
        if path == "/redirect":
            return self._send(301, b"", {"Location": "/ok"})
        if path == "/big":
            return self._send(200, b"<html><body>" + b"x" * 3_000_000 + b"</body></html>")
        if path == "/bomb":
            payload = gzip.compress(b"<html>" + b"a" * 20_000_000)
            return self._send(200, payload, {"Content-Type": "text/html", "Content-Encoding": "gzip"})
        if path == "/slow":
            time.sleep(2.0)
            return self._send(200, ARTICLE)
        if path == "/reset":
            self.connection.close()
            return None
        if path == "/private/secret":
            return self._send(200, ARTICLE)
        if path == "/pdf":
            return self._send(200, b"%PDF-1.4", {"Content-Type": "application/pdf"})
        return self._send(404)


@pytest.fixture
def server():
    Handler.hits = {}
    with serving(ThreadingHTTPServer(("127.0.0.1", 0), Handler)) as httpd:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"


def test_ok_and_redirect(server, settings):
    ok, redirected = fetch(settings, [server + "/ok", server + "/redirect"])
    assert isinstance(ok, Page) and ok.status == 200 and b"Words of an article" in ok.body
    assert ok.charset == "utf-8"
    assert isinstance(redirected, Page) and redirected.final_url.endswith("/ok")


def test_retry_after_then_success(server, settings):
    (page,) = fetch(settings, [server + "/flaky"])
    assert isinstance(page, Page)
    assert Handler.hits["/flaky"] == 2


def test_persistent_500_gives_up_with_reason(server, settings):
    (result,) = fetch(settings, [server + "/always500"])
    assert isinstance(result, Rejected) and result.reason == "fetch_failed"
    assert "HTTP 500" in result.message
    assert Handler.hits["/always500"] == settings.retries + 1


@pytest.mark.parametrize(
    "path, reason",
    [("/missing", "http_404"), ("/loop", "redirect_loop"), ("/private/secret", "robots_disallowed"),
     ("/pdf", "not_html")],
)
def test_rejections_say_why(server, settings, path, reason):
    (result,) = fetch(settings, [server + path])
    assert isinstance(result, Rejected)
    assert result.reason == reason
    assert result.message


def test_size_caps(server, settings):
    small = settings.model_copy(update={"max_page_bytes": 1_000_000})
    big, bomb = fetch(small, [server + "/big", server + "/bomb"])
    assert isinstance(big, Rejected) and big.reason == "too_large"
    assert isinstance(bomb, Rejected) and bomb.reason == "too_large"


def test_timeout_and_reset(server, settings):
    quick = settings.model_copy(update={"timeout_s": 0.5, "retries": 1})
    slow, reset = fetch(quick, [server + "/slow", server + "/reset"])
    assert isinstance(slow, Rejected) and "timed out" in slow.message
    assert isinstance(reset, Rejected) and reset.reason == "fetch_failed"


def test_loopback_refused_by_default(server, settings):
    strict = settings.model_copy(update={"allow_loopback": False})
    (result,) = fetch(strict, [server + "/ok"])
    assert isinstance(result, Rejected) and result.reason == "blocked_address"
    assert "WIREHOUSE_ALLOW_LOOPBACK" in result.message


def test_host_map_reaches_named_host(server, settings):
    port = server.rsplit(":", 1)[1]
    mapped = settings.model_copy(update={"host_map": {"news.example": f"127.0.0.1:{port}"}})
    (page,) = fetch(mapped, ["http://news.example/ok"])
    assert isinstance(page, Page) and page.url == "http://news.example/ok"

"""The crawler against a loopback server that misbehaves on purpose, beyond tests/integration/
test_fetch.py and test_crawl_fetch.py: 429 with Retry-After in seconds and beyond the crawl's
patience, a server dripping its body, gzip bomb sitemaps, invalid and mislabelled feeds, and
pages with wrong or missing charsets read through to the cleaned text; and, over raw sockets, a
chunked body cut off by a hang-up, an endless header and a header dripping forever."""

from __future__ import annotations

import threading
import time
import zlib
from http.server import ThreadingHTTPServer

import pytest

from wirehouse.clean.extract import extract_article
from wirehouse.crawl.sitemaps import MAX_SITEMAP_BYTES
from wirehouse.crawl.sources import SourceSpec, discover
from wirehouse.records import Article, Page, Rejected

from tests.loopback import QuietHandler, RawServer, fetch, serving

TEXT = (
    "Société Générale opened a café in Genève on Monday, and the mayor’s office said the "
    "“façade” would stay. Residents of Zürich and Besançon came to see it. "
)
PAGE = "<html><head><title>Café in Genève</title>{meta}</head><body><article><h1>Café in Genève</h1>{body}</article></body></html>"


def page(encoding: str, meta: str = "") -> bytes:
    text = TEXT if encoding != "latin-1" else TEXT.translate(str.maketrans("’“”", "'\"\""))  # not in latin-1
    body = "".join(f"<p>Part {n} of the report. {text} The council met {n} times.</p>" for n in range(1, 7))
    return PAGE.format(meta=meta, body=body).encode(encoding)


def gzip_stream(prefix: bytes, filler: bytes, size: int, suffix: bytes) -> bytes:
    """A gzip member that expands to about ``size`` bytes, built without holding them."""
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    out = [z.compress(prefix)]
    block = filler * ((1 << 20) // len(filler))
    for _ in range(size // len(block) + 1):
        out.append(z.compress(block))
    out.append(z.compress(suffix))
    out.append(z.flush())
    return b"".join(out)


GOOD_SITEMAP = (b'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                b"<url><loc>{base}/news/2026/03/harbour-talks-resume-in-the-north</loc></url></urlset>")
# declares UTF-8, is windows-1252; an unescaped "&" makes it not well formed either
BAD_FEED = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire & more</title>'
            "<item><title>Café talks in Genève</title><link>{base}/news/2026/03/cafe-talks-in-geneve</link>"
            "<pubDate>Tue, 10 Mar 2026 08:00:00 GMT</pubDate></item>"
            "<item><title>Second – item</title><link>{base}/news/2026/03/second-item-of-the-feed</link></item>"
            "</channel></rss>")


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, bombs: dict[str, bytes]):
        super().__init__(("127.0.0.1", 0), Handler)
        self.bombs = bombs
        self.hits: dict[str, list[float]] = {}
        self.lock = threading.Lock()
        self.drip_stopped = threading.Event()  # the dripping answer ended (the client hung up)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(QuietHandler):
    server: Server

    def do_GET(self):
        srv, path = self.server, self.path
        with srv.lock:
            stamps = srv.hits.setdefault(path, [])
            stamps.append(time.monotonic())
            n = len(stamps)
        if path == "/robots.txt":
            return self._send(200, b"User-agent: *\nAllow: /\n", {"Content-Type": "text/plain"})
        if path == "/busy":  # 429 asking for one second, then fine
            if n == 1:
                return self._send(429, b"slow down", {"Retry-After": "1", "Content-Type": "text/plain"})
            return self._send(200, page("utf-8"))
        if path == "/closed-for-an-hour":
            return self._send(503, b"maintenance", {"Retry-After": "3600", "Content-Type": "text/plain"})
        if path == "/drip":  # a byte every 50 ms: each read is quick, the whole answer never ends
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(100000):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.05)
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                srv.drip_stopped.set()
            return None
        if path == "/sitemap.xml":
            return self._send(200, GOOD_SITEMAP.replace(b"{base}", srv.base.encode()), {"Content-Type": "application/xml"})
        if path == "/bomb-sitemap.xml.gz":  # a .gz file: small on the wire, huge once unpacked
            return self._send(200, srv.bombs["file"], {"Content-Type": "application/x-gzip"})
        if path == "/bomb-sitemap.xml":  # the same trick as HTTP content-encoding
            return self._send(200, srv.bombs["encoding"],
                              {"Content-Type": "application/xml", "Content-Encoding": "gzip"})
        if path == "/bad-feed.xml":
            body = BAD_FEED.replace("{base}", srv.base).encode("cp1252")
            return self._send(200, body, {"Content-Type": "application/rss+xml; charset=utf-8"})
        if path == "/html-feed.xml":  # a feed URL that now answers with a web page
            return self._send(200, page("utf-8"))
        if path == "/gone-feed.xml":
            return self._send(500, b"boom")
        if path == "/cp1252-as-utf8":
            return self._send(200, page("cp1252", '<meta charset="utf-8">'))
        if path == "/utf8-undeclared":  # no charset anywhere
            return self._send(200, page("utf-8"), {"Content-Type": "text/html"})
        if path == "/latin1-in-meta-only":
            return self._send(200, page("latin-1", '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'),
                              {"Content-Type": "text/html"})
        if path == "/utf8-labelled-latin1":
            return self._send(200, page("utf-8"), {"Content-Type": "text/html; charset=iso-8859-1"})
        return self._send(404, b"")


@pytest.fixture(scope="module")
def bombs():
    size = MAX_SITEMAP_BYTES + (1 << 20)
    urlset = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    return {
        "file": gzip_stream(urlset, b" ", size, b"</urlset>"),
        "encoding": gzip_stream(urlset, b" ", 20_000_000, b"</urlset>"),
    }


@pytest.fixture(scope="module")
def server(bombs):  # one server: every test asks for its own paths
    with serving(Server(bombs)) as httpd:
        yield httpd


def test_429_retry_after_seconds_is_waited_for(server, settings):
    (result,) = fetch(settings.model_copy(update={"backoff_s": 0.01}), [server.base + "/busy"])
    assert isinstance(result, Page) and result.status == 200
    first, second = server.hits["/busy"]
    assert second - first >= 0.95  # the crawler waited as asked, not its own 0.01 s backoff


def test_retry_after_beyond_the_crawls_patience_leaves_the_url_for_later(server, settings):
    (result,) = fetch(settings, [server.base + "/closed-for-an-hour"])
    assert isinstance(result, Rejected) and result.reason == "http_503"  # retried on a later run
    assert "Retry-After 3600 s" in result.message and "later run" in result.message
    assert len(server.hits["/closed-for-an-hour"]) == 1  # no retry in this run, no hour-long sleep


def test_a_dripping_server_is_cut_off_at_the_total_deadline(server, settings):
    quick = settings.model_copy(update={"timeout_s": 0.5, "max_fetch_s": 0.6, "retries": 0})
    (result,) = fetch(quick, [server.base + "/drip"])
    assert isinstance(result, Rejected) and result.reason == "fetch_failed"
    assert "took more than 0.6 s in all" in result.message and "WIREHOUSE_MAX_FETCH_S" in result.message
    assert server.drip_stopped.wait(5)  # the crawler hung up; the server did not finish its 100 s


def test_gzip_bomb_sitemaps_are_refused_and_the_good_one_used(server, settings):
    base = server.base
    spec = SourceSpec(sitemaps=(base + "/bomb-sitemap.xml.gz", base + "/bomb-sitemap.xml", base + "/sitemap.xml"))
    found = discover(spec, settings.model_copy(update={"max_page_bytes": 5_000_000, "archive": False}))
    assert [t.url for t in found.targets] == [base + "/news/2026/03/harbour-talks-resume-in-the-north"]
    reasons = {r.ref.rsplit("/", 1)[1]: r for r in found.rejected}
    assert set(reasons) == {"bomb-sitemap.xml.gz", "bomb-sitemap.xml"}
    assert all(r.reason == "bad_sitemap" for r in reasons.values())
    assert "gzip bomb" in reasons["bomb-sitemap.xml.gz"].message
    assert "WIREHOUSE_MAX_PAGE_BYTES" in reasons["bomb-sitemap.xml"].message


def test_invalid_and_mislabelled_feeds(server, settings):
    base = server.base
    spec = SourceSpec(feeds=(base + "/bad-feed.xml", base + "/html-feed.xml", base + "/gone-feed.xml"))
    found = discover(spec, settings.model_copy(update={"archive": False}))
    # the malformed, mislabelled feed still gives both its links
    assert [t.url for t in found.targets] == [
        base + "/news/2026/03/cafe-talks-in-geneve", base + "/news/2026/03/second-item-of-the-feed"]
    rejected = {r.ref.rsplit("/", 1)[1]: r for r in found.rejected}
    assert set(rejected) == {"html-feed.xml", "gone-feed.xml"}
    assert all(r.reason == "bad_feed" for r in rejected.values())
    assert "not an RSS or Atom feed" in rejected["html-feed.xml"].message
    assert "HTTP 500" in rejected["gone-feed.xml"].message


@pytest.mark.parametrize(
    "path, header_charset",
    [("/cp1252-as-utf8", "utf-8"), ("/utf8-undeclared", None), ("/latin1-in-meta-only", None),
     ("/utf8-labelled-latin1", "iso-8859-1")],
)
def test_wrong_and_missing_charsets_read_through_to_the_text(server, settings, path, header_charset):
    (result,) = fetch(settings, [server.base + path])
    assert isinstance(result, Page) and result.charset == header_charset
    article = extract_article(result, settings)
    assert isinstance(article, Article), article
    assert "Société Générale opened a café in Genève" in article.text
    assert "Zürich and Besançon" in article.text
    assert "\ufffd" not in article.text and "Ã" not in article.text


# -- servers that break HTTP itself (raw sockets) ---------------------------------------------------

# The handler closes each connection after one answer, so robots.txt says so: a client reusing the
# kept-alive connection would race the server's hang-up and see a ReadError instead of the fault.
ROBOTS = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 23\r\nConnection: close\r\n\r\n"
          b"User-agent: *\nAllow: /\n")


def cut_chunked_body(conn, head: bytes) -> None:
    """A chunked answer whose connection closes in the middle of its second chunk."""
    if head.startswith(b"GET /robots.txt"):
        conn.sendall(ROBOTS)
        return
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n")
    first = page("utf-8")[:4000]
    conn.sendall(b"%x\r\n%s\r\n" % (len(first), first))
    conn.sendall(b"1000\r\n" + b"<p>cut here" * 20)  # declares 4096 bytes, sends 220, hangs up


def endless_header(conn, head: bytes) -> None:
    """A status line, then header lines that never end (no blank line), quickly."""
    if head.startswith(b"GET /robots.txt"):
        conn.sendall(ROBOTS)
        return
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
    for n in range(1_000_000):
        conn.sendall(b"X-Filler-%d: %s\r\n" % (n, b"a" * 100))


def dripping_header(conn, head: bytes) -> None:
    """Header lines a few bytes at a time: every read is quick, the head never ends."""
    if head.startswith(b"GET /robots.txt"):
        conn.sendall(ROBOTS)
        return
    conn.sendall(b"HTTP/1.1 200 OK\r\n")
    for n in range(100_000):
        conn.sendall(b"X-Drip-%d: b\r\n" % n)
        time.sleep(0.05)


def test_a_chunked_body_cut_short_is_a_failed_fetch_with_its_reason(settings):
    quick = settings.model_copy(update={"retries": 1, "backoff_s": 0.01, "timeout_s": 2.0, "max_fetch_s": 5.0})
    with RawServer(cut_chunked_body) as srv:
        (result,) = fetch(quick, [srv.base + "/news/cut"])
    assert isinstance(result, Rejected) and result.reason == "fetch_failed"  # retried on a later run
    assert "failed after 2 attempts" in result.message
    assert "RemoteProtocolError" in result.message and "incomplete chunked read" in result.message
    assert srv.connections == 3  # robots.txt, then the page twice: the cut answer was retried once


def test_an_endless_header_is_refused_without_waiting_for_its_end(settings):
    quick = settings.model_copy(update={"retries": 0, "timeout_s": 2.0, "max_fetch_s": 5.0})
    with RawServer(endless_header) as srv:
        (result,) = fetch(quick, [srv.base + "/news/endless"])
        assert srv.ended.wait(5)  # the crawler hung up; the server's loop was broken off
    assert isinstance(result, Rejected) and result.reason == "fetch_failed"
    assert "RemoteProtocolError" in result.message and "too long" in result.message.lower()
    assert "in all" not in result.message


def test_a_dripping_endless_header_is_cut_off_at_the_total_deadline(settings):
    quick = settings.model_copy(update={"retries": 0, "timeout_s": 5.0, "max_fetch_s": 1.0})  # only the total trips
    with RawServer(dripping_header) as srv:
        started = time.monotonic()
        (result,) = fetch(quick, [srv.base + "/news/drip-head"])
        took = time.monotonic() - started
        assert srv.ended.wait(5)
    assert isinstance(result, Rejected) and result.reason == "fetch_failed"
    assert "took more than 1 s in all" in result.message and "WIREHOUSE_MAX_FETCH_S" in result.message
    assert took < 10  # no hang: a second's deadline, with room for a loaded machine

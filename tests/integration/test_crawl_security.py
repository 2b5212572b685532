"""Security of the crawler against a loopback server: a redirect to a forbidden address is refused
before any connection is made to it, and URLs with credentials or tokens never reach a log line.

Nothing here sends traffic to a non-loopback address: every request the crawler's HTTP clients
would send is checked by ``only_loopback`` first, which fails the test instead of sending it."""

from __future__ import annotations

import logging
from http.server import ThreadingHTTPServer
from urllib.parse import urlsplit

import httpx
import pytest

from wirehouse.crawl.sources import SourceSpec, discover
from wirehouse.records import Page, Rejected

from tests.loopback import QuietHandler, fetch, serving

FORBIDDEN = [
    "http://10.0.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:10.0.0.1]/",
    "http://[::ffff:169.254.169.254]/",
    "http://[fc00::1]/",
    "http://[fd00:ec2::254]/",
    "http://[fe80::1]/",
    "http://100.64.0.1/",
    "http://[64:ff9b::a00:1]/",
    "http://0.0.0.0/",
]
ARTICLE = b"<html><body><article><p>" + b"Words of an article. " * 40 + b"</p></article></body></html>"


class Handler(QuietHandler):
    def do_GET(self):
        path = self.path
        if path == "/robots.txt":
            return self._send(200, b"User-agent: *\nAllow: /\n", {"Content-Type": "text/plain"})
        if path.startswith("/go?to="):
            return self._send(302, b"", {"Location": path[len("/go?to="):]})
        if path.startswith("/hop"):  # a loopback hop first, then the forbidden place
            return self._send(301, b"", {"Location": "/go?to=" + path[len("/hop?to="):]})
        if path.startswith("/ok"):
            return self._send(200, ARTICLE)
        if path.startswith("/busy"):
            return self._send(503, b"busy", {"Content-Type": "text/plain"})
        if path.startswith("/feed.xml"):
            return self._send(200, b"<rss><channel><item><link>x</link></channel>", {"Content-Type": "application/rss+xml"})
        return self._send(404, b"")


@pytest.fixture
def server():
    with serving(ThreadingHTTPServer(("127.0.0.1", 0), Handler)) as httpd:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"


@pytest.fixture(autouse=True)
def only_loopback(monkeypatch):
    """Fail (never send) any request to an address other than 127.0.0.1."""
    sent = []
    real_send = httpx.AsyncClient.send

    async def send(self, request, **kwargs):
        host = request.url.host
        assert host == "127.0.0.1", f"the crawler tried to connect to {host}"
        sent.append(str(request.url))
        return await real_send(self, request, **kwargs)

    monkeypatch.setattr(httpx.AsyncClient, "send", send)
    return sent


@pytest.mark.parametrize("target", FORBIDDEN)
def test_a_redirect_to_a_forbidden_address_is_refused(server, settings, only_loopback, target):
    direct, via_hop = fetch(settings, [f"{server}/go?to={target}", f"{server}/hop?to={target}"])
    for result in (direct, via_hop):
        assert isinstance(result, Rejected) and result.reason == "blocked_address", result
        assert "resolves to" in result.message and "WIREHOUSE_ALLOW_LOOPBACK" in result.message
    assert all(urlsplit(u).hostname == "127.0.0.1" for u in only_loopback)


def test_loopback_itself_is_refused_unless_allowed(server, settings):
    strict = settings.model_copy(update={"allow_loopback": False})
    port = urlsplit(server).port
    results = fetch(strict, [f"{server}/ok", f"http://[::1]:{port}/ok", f"http://[::ffff:127.0.0.1]:{port}/ok"])
    assert [r.reason for r in results] == ["blocked_address"] * 3
    assert "a loopback address" in results[0].message
    (page,) = fetch(settings, [f"{server}/ok"])
    assert isinstance(page, Page)


def test_a_host_mapped_to_a_forbidden_address_is_refused(server, settings):
    mapped = settings.model_copy(update={"host_map": {"news.example": "10.1.2.3:80"}})
    (result,) = fetch(mapped, ["http://news.example/story"])
    assert isinstance(result, Rejected) and result.reason == "blocked_address"


def test_credentials_and_tokens_never_reach_the_log(server, settings, caplog):
    port = urlsplit(server).port
    secret_page = f"http://reader:hunter2@127.0.0.1:{port}/busy?token=t0ps3cret&page=1"
    secret_feed = f"http://127.0.0.1:{port}/feed.xml?api_key=k3yk3y"
    quick = settings.model_copy(update={"retries": 1, "backoff_s": 0.01, "archive": False})
    with caplog.at_level(logging.DEBUG):
        (result,) = fetch(quick, [secret_page])
        discover(SourceSpec(feeds=(secret_feed,)), quick)
    assert isinstance(result, Rejected) and result.message.endswith("failed after 2 attempts: HTTP 503")
    lines = "\n".join(r.getMessage() for r in caplog.records)  # wirehouse's lines and httpx's own
    assert "retrying http://reader:***@127.0.0.1" in lines and "token=***&page=1" in lines
    assert "feed.xml?api_key=***" in lines  # the malformed feed's warning
    assert "HTTP Request: GET http://reader:***@127.0.0.1" in lines
    for secret in ("hunter2", "t0ps3cret", "k3yk3y"):
        assert secret not in lines

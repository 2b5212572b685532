"""Helpers for tests against a loopback HTTP server of their own."""

from __future__ import annotations

import asyncio
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from socketserver import BaseServer
from typing import Iterator

from wirehouse.crawl.fetch import Fetcher, Target


@contextmanager
def serving(httpd: BaseServer) -> Iterator[BaseServer]:
    """Serve in a daemon thread; shut down and close the socket afterwards."""
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


def fetch(settings, targets) -> list:
    """Fetch URLs (or Targets) with one Fetcher, as the crawler does."""
    targets = [t if isinstance(t, Target) else Target(t) for t in targets]

    async def go():
        async with Fetcher(settings) as fetcher:
            return await fetcher.fetch_all(targets)

    return asyncio.run(go())


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that logs nothing and answers with ``_send``."""

    def log_message(self, *args):
        pass

    def _send(self, status, body=b"", headers=None):
        self.send_response(status)
        for k, v in (headers or {"Content-Type": "text/html; charset=utf-8"}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class RawServer:
    """A TCP server on 127.0.0.1 that hands each accepted socket to ``handler(sock, request)``
    (``request``: the bytes of the request head), for answers no HTTP library would send: bodies
    cut short, endless headers. Each connection runs in a daemon thread; ``connections`` counts them
    and ``ended`` is set when a handler returns (the client hung up or the answer was cut)."""

    def __init__(self, handler) -> None:
        import socket

        self.handler = handler
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.connections = 0
        self.ended = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:  # the accept timeout, or the socket closed on stop
                continue
            self.connections += 1
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn) -> None:
        try:
            conn.settimeout(10)
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                head += chunk
            self.handler(conn, head)
        except OSError:
            pass
        finally:
            conn.close()
            self.ended.set()

    def __enter__(self) -> "RawServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()


def demo_article_pages(count: int) -> dict[str, bytes]:
    """``count`` article pages of the demo outlets (path -> HTML), taken in turn from each outlet."""
    from wirehouse.demo import corpus, render

    per_outlet = []
    for outlet in corpus.load_outlets():
        site = render.build_site(outlet, f"http://{outlet.id}.example")
        per_outlet.append([(f"/{outlet.id}{e.path}", site.resources[e.path].body)
                           for e in site.entries if e.kind == "article"])
    pages: dict[str, bytes] = {}
    for row in zip(*per_outlet):
        for path, body in row:
            if len(pages) < count:
                pages[path] = body
    return pages


class PageServer:
    """A loopback server of the given pages (path -> HTML) and an allow-all robots.txt; ``hits``
    counts the requests per path, ``log`` lists them in order. Use as a context manager; ``urls``
    are the pages' addresses."""

    def __init__(self, pages: dict[str, bytes]) -> None:
        from http.server import ThreadingHTTPServer

        owner = self
        self.pages = pages
        self.hits: dict[str, int] = {}
        self.log: list[str] = []  # request paths, in order
        self.delay = 0.0  # seconds each page waits before its answer (robots.txt does not)
        self.lock = threading.Lock()

        class Handler(QuietHandler):
            def do_GET(self):
                with owner.lock:
                    owner.hits[self.path] = owner.hits.get(self.path, 0) + 1
                    owner.log.append(self.path)
                if self.path == "/robots.txt":
                    return self._send(200, b"User-agent: *\nAllow: /\n", {"Content-Type": "text/plain"})
                body = owner.pages.get(self.path)
                if body is None:
                    return self._send(404, b"")
                if owner.delay:
                    time.sleep(owner.delay)
                return self._send(200, body)

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):  # a client killed mid-answer: expected here
                pass

        self.httpd = Server(("127.0.0.1", 0), Handler)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def urls(self) -> list[str]:
        return [self.base + path for path in self.pages]

    def __enter__(self) -> "PageServer":
        self._serving = serving(self.httpd)
        self._serving.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._serving.__exit__(*exc)

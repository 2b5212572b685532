"""Helpers for tests against a loopback HTTP server of their own."""

from __future__ import annotations

import asyncio
import threading
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

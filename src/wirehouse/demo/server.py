"""Serve the demo outlets over loopback HTTP, one port per outlet.

    with DemoSites() as sites:
        sites.base_urls        # {"meridian-post": "http://127.0.0.1:41234", ...}
        sites.feed_urls()      # outlet -> RSS/Atom feed URL
        sites.sitemap_urls()   # outlet -> sitemap (or sitemap index) URL

Every page is rendered once at start-up (``render.build_site``) and served from memory by a
stdlib ``ThreadingHTTPServer`` in a daemon thread: ETag and Last-Modified on every 200,
304 on a matching If-None-Match (or If-Modified-Since), HEAD, and a log of the requests seen
so tests can check what a crawler fetched. ``python -m wirehouse.demo.server`` serves in the
foreground until Ctrl-C.
"""

from __future__ import annotations

import argparse
import logging
import signal
import socket
import socketserver
import sys
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Mapping, Sequence
from urllib.parse import unquote, urlsplit

from wirehouse.demo import corpus, render
from wirehouse.demo.render import Resource, Site

logger = logging.getLogger(__name__)

HOST = "127.0.0.1"


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """One request a demo site answered."""

    outlet: str
    method: str
    path: str  # without the query string
    query: str
    status: int
    user_agent: str | None
    at: datetime  # UTC


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, handler, owner: "DemoSites", outlet_id: str):
        self.owner = owner
        self.outlet_id = outlet_id
        self.site: Site | None = None  # set before serving starts
        self.serving = False
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, handler)

    def process_request(self, request, client_address) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """End open keep-alive connections, so that no handler thread outlives the server."""
        with self._connections_lock:
            open_now = list(self._connections)
        for conn in open_now:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def server_bind(self) -> None:
        # HTTPServer.server_bind resolves the host name (getfqdn), which can stall; not needed here
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def handle_error(self, request, client_address) -> None:
        if self.owner.log_requests:
            super().handle_error(request, client_address)


def _etag_matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    for candidate in header.split(","):
        candidate = candidate.strip()
        if candidate.startswith("W/"):
            candidate = candidate[2:]
        if candidate == etag:
            return True
    return False


def _not_modified_since(header: str, last_modified: datetime) -> bool:
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=timezone.utc)
    return last_modified.replace(microsecond=0) <= since


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "wirehouse-demo/0.1"

    def version_string(self) -> str:
        return self.server_version
    timeout = 10  # idle keep-alive connections close after this many seconds
    # one write per response and no Nagle delay: keep-alive clients otherwise wait ~40 ms per request
    wbufsize = 64 * 1024
    disable_nagle_algorithm = True

    def do_GET(self) -> None:  # noqa: N802 (stdlib naming)
        self._answer(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        site = self.server.site
        assert site is not None, "site not built before serving"
        parts = urlsplit(self.path)
        path = unquote(parts.path) or "/"
        resource = site.resources.get(path)
        if resource is None and not path.endswith("/") and path + "/" in site.resources:
            self._redirect(site.base_url + path + "/", parts.query, send_body)
            return
        if resource is None:
            resource = site.not_found
        status = resource.status
        if status == 200 and self._not_modified(resource):
            status = 304
        self.send_response(status)
        self.send_header("Content-Type", resource.content_type)
        if resource.etag:
            self.send_header("ETag", resource.etag)
        if resource.last_modified is not None:
            self.send_header("Last-Modified", format_datetime(resource.last_modified, usegmt=True))
        if status == 304:
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_header("Content-Length", str(len(resource.body)))
            self.send_header("Cache-Control", "max-age=60")
            self.end_headers()
            if send_body:
                self.wfile.write(resource.body)
        self.server.owner._record(self.server.outlet_id, self.command, path, parts.query, status, self.headers.get("User-Agent"))

    def _not_modified(self, resource: Resource) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            return bool(resource.etag) and _etag_matches(inm, resource.etag)
        ims = self.headers.get("If-Modified-Since")
        return ims is not None and resource.last_modified is not None and _not_modified_since(ims, resource.last_modified)

    def _redirect(self, location: str, query: str, send_body: bool) -> None:
        if query:
            location += "?" + query
        body = f'<a href="{location}">Moved Permanently</a>'.encode("utf-8")
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)
        self.server.owner._record(self.server.outlet_id, self.command, urlsplit(self.path).path, query, 301, self.headers.get("User-Agent"))

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (stdlib signature)
        if self.server.owner.log_requests:
            sys.stderr.write(f"[{self.server.outlet_id}] {self.address_string()} - {format % args}\n")


class DemoSites:
    """The demo outlets, each on its own loopback port, as a context manager.

    With ``public_hosts`` the pages name each outlet by a stable host name
    (``http://<outlet>.example``) instead of its loopback port, so that URLs do not change from
    one run to the next; ``host_map`` says where each name is served.

    ``ports`` maps outlet id -> port (0 or missing = a free port chosen by the OS);
    ``outlets`` limits which outlets are served (default: all). Pages are rendered from
    ``corpus_dir`` and ``outlets_path`` (default: the corpus shipped with wirehouse).
    """

    def __init__(
        self,
        *,
        host: str = HOST,
        ports: Mapping[str, int] | None = None,
        outlets: Sequence[str] | None = None,
        corpus_dir: Path | None = None,
        outlets_path: Path | None = None,
        log_requests: bool = False,
        public_hosts: bool = False,
    ) -> None:
        self.host = host
        self.public_hosts = public_hosts
        self.log_requests = log_requests
        self._ports = dict(ports or {})
        self._outlet_filter = list(outlets) if outlets is not None else None
        self._corpus_dir = corpus_dir
        self._outlets_path = outlets_path
        self._servers: dict[str, _Server] = {}
        self._threads: list[threading.Thread] = []
        self._sites: dict[str, Site] = {}
        self._addresses: dict[str, str] = {}
        self._lock = threading.Lock()
        self._requests: list[RequestRecord] = []
        self.outlets: list[corpus.Outlet] = []
        self.articles: list[corpus.DemoArticle] = []

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> "DemoSites":
        if self._servers:
            raise RuntimeError("DemoSites already started")
        all_outlets = corpus.load_outlets(self._outlets_path)
        known = {o.id for o in all_outlets}
        wanted = self._outlet_filter if self._outlet_filter is not None else [o.id for o in all_outlets]
        unknown = [o for o in wanted if o not in known]
        if unknown:
            raise corpus.CorpusError(f"unknown outlet(s) {unknown}; known: {sorted(known)}")
        self.outlets = all_outlets
        self.articles = corpus.load_articles(self._corpus_dir, self._outlets_path)
        try:
            for oid in wanted:
                self._servers[oid] = _Server((self.host, self._ports.get(oid, 0)), _Handler, self, oid)
            self._addresses = {oid: f"{self.host}:{srv.server_port}" for oid, srv in self._servers.items()}
            if self.public_hosts:
                base_urls = {oid: url for oid, url in corpus.public_base_urls(all_outlets).items() if oid in self._servers}
            else:
                base_urls = {oid: f"http://{address}" for oid, address in self._addresses.items()}
            self._sites = render.build_sites(base_urls, articles=self.articles, outlets=all_outlets)
            for oid, srv in self._servers.items():
                srv.site = self._sites[oid]
                thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.1},
                                          name=f"demo-site-{oid}", daemon=True)
                thread.start()
                srv.serving = True
                self._threads.append(thread)
        except BaseException:
            self.close()
            raise
        logger.info("demo sites serving %s", ", ".join(f"{k}={v}" for k, v in base_urls.items()))
        return self

    def close(self) -> None:
        """Stop every server, close its socket and wait for its thread."""
        # shutdown() waits for the serving loop's next poll: stop all servers in parallel
        stoppers = [threading.Thread(target=srv.shutdown) for srv in self._servers.values() if srv.serving]
        for stopper in stoppers:
            stopper.start()
        for stopper in stoppers:
            stopper.join()
        for srv in self._servers.values():
            srv.server_close()
            srv.close_connections()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers.clear()
        self._threads.clear()

    def __enter__(self) -> "DemoSites":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    # -- URLs ------------------------------------------------------------------------------

    @property
    def base_urls(self) -> dict[str, str]:
        """outlet id -> ``http://127.0.0.1:PORT`` (no trailing slash)."""
        if not self._sites:
            raise RuntimeError("DemoSites is not started")
        return {oid: site.base_url for oid, site in self._sites.items()}

    @property
    def host_map(self) -> dict[str, str]:
        """With ``public_hosts``: outlet host name -> the loopback address serving it (the crawler's
        ``host_map`` setting); without, an empty map (URLs already point at loopback)."""
        if not self.public_hosts:
            return {}
        return {urlsplit(self._sites[oid].base_url).netloc: address for oid, address in self._addresses.items()}

    @property
    def sites(self) -> dict[str, Site]:
        return dict(self._sites)

    def _outlet(self, oid: str) -> corpus.Outlet:
        return self._sites[oid].outlet

    def feed_urls(self) -> dict[str, str]:
        return {oid: render.feed_url(self._outlet(oid), base) for oid, base in self.base_urls.items()}

    def sitemap_urls(self) -> dict[str, str]:
        """The sitemap each robots.txt announces (a sitemap index on one outlet)."""
        return {oid: render.sitemap_url(self._outlet(oid), base) for oid, base in self.base_urls.items()}

    def robots_urls(self) -> dict[str, str]:
        return {oid: base + "/robots.txt" for oid, base in self.base_urls.items()}

    def answer_key(self, *, include_copies: bool = True) -> dict[str, corpus.DemoArticle]:
        return corpus.answer_key(self.base_urls, include_copies=include_copies, articles=self.articles, outlets=self.outlets)

    def broken_pages(self) -> dict[str, str]:
        return render.broken_pages(self.base_urls, articles=self.articles, outlets=self.outlets)

    def private_pages(self) -> dict[str, str]:
        return render.private_pages(self.base_urls, articles=self.articles, outlets=self.outlets)

    # -- request log -----------------------------------------------------------------------

    def _record(self, outlet: str, method: str, path: str, query: str, status: int, user_agent: str | None) -> None:
        record = RequestRecord(outlet, method, path, query, status, user_agent, datetime.now(timezone.utc))
        with self._lock:
            self._requests.append(record)

    def requests(self) -> list[RequestRecord]:
        """Requests answered so far, in order."""
        with self._lock:
            return list(self._requests)

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m wirehouse.demo.server",
        description="Serve the wirehouse demo news sites on loopback until Ctrl-C.",
    )
    parser.add_argument("--host", default=HOST, help="address to bind (default %(default)s)")
    parser.add_argument("--port", type=int, default=0,
                        help="first port; outlets get PORT, PORT+1, ... (default 0: free ports)")
    parser.add_argument("--log", action="store_true", help="log every request to stderr")
    args = parser.parse_args(argv)

    ports = None
    if args.port:
        ports = {o.id: args.port + i for i, o in enumerate(corpus.load_outlets())}
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
    with DemoSites(host=args.host, ports=ports, log_requests=args.log) as sites:
        feeds, sitemaps = sites.feed_urls(), sites.sitemap_urls()
        for oid, base in sites.base_urls.items():
            print(f"{oid:20} {base}/")
            print(f"{'':20} feed     {feeds[oid]}")
            print(f"{'':20} sitemap  {sitemaps[oid]}")
        print("Serving; press Ctrl-C to stop.", flush=True)
        try:
            stop.wait()
        except KeyboardInterrupt:
            print("\nStopped.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

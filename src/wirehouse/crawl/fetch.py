"""Polite async HTTP fetching: robots.txt, per-host limits, retries, size caps, address checks."""

from __future__ import annotations

import asyncio
import email.utils
import logging
import socket
import ssl
import time
import urllib.robotparser
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Iterable
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from wirehouse.crawl.addresses import refusal
from wirehouse.crawl.robots import crawl_delay
from wirehouse.records import Page, Rejected
from wirehouse.redact import RedactingFilter, redact_text, redact_url
from wirehouse.settings import Settings

if TYPE_CHECKING:
    from wirehouse.crawl.archive import WarcWriter

log = logging.getLogger(__name__)
# httpx logs every request URL at INFO level: mask passwords and tokens in those lines at the source
if not any(isinstance(f, RedactingFilter) for f in logging.getLogger("httpx").filters):
    logging.getLogger("httpx").addFilter(RedactingFilter())

_RETRY_STATUS = {429, 500, 502, 503, 504}
_MAX_RETRY_AFTER_S = 30.0


@dataclass(frozen=True)
class Target:
    url: str
    source: str | None = None
    etag: str | None = None  # validators from the last fetch: a re-crawl asks "changed since?"
    last_modified: str | None = None

    def conditional_headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


def _charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ").lower()
    return None


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


class AddressBlocked(Exception):
    pass


@dataclass(frozen=True)
class Fetched:
    url: str  # final URL, after redirects
    status_code: int
    headers: httpx.Headers
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode(_charset(self.headers.get("content-type")) or "utf-8", errors="replace")


class Fetcher:
    """One crawl's HTTP client. Use as ``async with Fetcher(settings) as f: await f.fetch_all(...)``."""

    def __init__(self, settings: Settings, archive: "WarcWriter | None" = None, page_kind: str = "article") -> None:
        self.settings = settings
        # every response is written to the archive, headers included: pages fetched by ``fetch``
        # as ``page_kind`` ("article", or "spider" for the pages a spider reads for links),
        # robots.txt as "robots", feeds and sitemaps as the kind ``get_bytes`` is given
        self.archive = archive
        self.page_kind = page_kind
        # one connection pool per host: httpcore scans its whole pool on every request, so one
        # shared pool over many hosts costs time quadratic in the number of connections
        self._clients: dict[str, httpx.AsyncClient] | None = None
        self._tls: ssl.SSLContext | None = None
        self._global = asyncio.Semaphore(max(1, settings.concurrency))
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._last_hit: dict[str, float] = {}
        self._host_locks: dict[str, asyncio.Lock] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._delays: dict[str, float | None] = {}  # Crawl-delay per site root, fractions kept
        self._public_hosts: set[str] = set()  # hosts whose addresses passed the check
        self._robots_pending: dict[str, asyncio.Future] = {}

    async def __aenter__(self) -> "Fetcher":
        self._clients = {}
        return self

    async def __aexit__(self, *exc) -> None:
        clients, self._clients = self._clients or {}, None
        for client in clients.values():
            await client.aclose()

    def _client(self, url: str) -> httpx.AsyncClient:
        assert self._clients is not None, "use the Fetcher as an async context manager"
        key = urlsplit(url).netloc
        client = self._clients.get(key)
        if client is None:
            if self._tls is None:  # built once: a TLS context per host would cost ~10 ms each
                self._tls = httpx.create_ssl_context()
            slots = max(1, self.settings.per_host_concurrency) + 1  # + robots.txt
            client = self._clients[key] = httpx.AsyncClient(
                timeout=httpx.Timeout(self.settings.timeout_s),
                follow_redirects=False,
                headers={"User-Agent": self.settings.user_agent},
                limits=httpx.Limits(max_connections=slots, max_keepalive_connections=slots),
                verify=self._tls,
            )
        return client

    # -- addressing -------------------------------------------------------------------------

    def _connect_url(self, url: str) -> tuple[str, dict[str, str]]:
        """The URL to connect to and extra headers: a host in ``settings.host_map`` is reached at
        the mapped address with its own name in the Host header (like curl --resolve)."""
        parts = urlsplit(url)
        mapped = self.settings.host_map.get(parts.hostname or "")
        if not mapped:
            return url, {}
        return urlunsplit((parts.scheme, mapped, parts.path, parts.query, "")), {"Host": parts.netloc}

    async def _check_address(self, url: str) -> None:
        """Refuse private and local addresses. Resolved off the event loop; a host that passed is
        not resolved again by this fetcher (one batch)."""
        host = urlsplit(url).hostname
        if not host:
            raise AddressBlocked(f"{url} has no host name")
        if host in self._public_hosts:
            return
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host, None)
        except socket.gaierror as exc:
            raise httpx.ConnectError(f"cannot resolve {host}: {exc}") from exc
        for info in infos:
            why = refusal(info[4][0], allow_loopback=self.settings.allow_loopback)
            if why is not None:
                raise AddressBlocked(
                    f"{redact_url(url)} resolves to {info[4][0]}, {why}; the crawler only fetches public "
                    "addresses (set WIREHOUSE_ALLOW_LOOPBACK=true for loopback test servers)"
                )
        self._public_hosts.add(host)

    # -- politeness ---------------------------------------------------------------------------

    def _host_slot(self, host: str) -> asyncio.Semaphore:
        if host not in self._hosts:
            self._hosts[host] = asyncio.Semaphore(max(1, self.settings.per_host_concurrency))
            self._host_locks[host] = asyncio.Lock()
        return self._hosts[host]

    async def _wait_turn(self, host: str, delay: float) -> None:
        if delay <= 0:
            return
        async with self._host_locks[host]:
            wait = self._last_hit.get(host, 0.0) + delay - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            self._last_hit[host] = time.monotonic()

    async def robots(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        """The site's robots.txt, read once per fetcher even when many fetches ask at once."""
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        pending = self._robots_pending.get(root)
        if pending is None:
            pending = self._robots_pending[root] = asyncio.ensure_future(self._read_robots(root))
        return await asyncio.shield(pending)

    async def _read_robots(self, root: str) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser(root + "/robots.txt")
        try:
            response = await self._get(root + "/robots.txt")
        except (httpx.HTTPError, AddressBlocked, PageTooLarge, TooManyRedirects) as exc:
            log.warning("robots.txt of %s unreachable (%s); crawling it as allowed",
                        redact_url(root), redact_text(str(exc)))
            response = None
        if response is not None and self.archive is not None:
            self.archive.write_response(response, requested=root + "/robots.txt", kind="robots")
        delay = None
        if response is not None and response.status_code < 400:
            lines = response.text.splitlines()
            parser.parse(lines)
            delay = crawl_delay(lines, self.settings.user_agent)
        elif response is not None and response.status_code in (401, 403):
            parser.disallow_all = True
        else:
            parser.allow_all = True
        self._robots[root] = parser
        self._delays[root] = delay
        return parser

    async def allowed(self, url: str) -> tuple[bool, float]:
        parser = await self.robots(url)
        agent = self.settings.user_agent
        delay = self.settings.per_host_delay_s
        if parser is None:
            return True, delay
        parts = urlsplit(url)
        site_delay = self._delays.get(f"{parts.scheme}://{parts.netloc}")
        if site_delay is not None and self.settings.obey_crawl_delay:
            delay = max(delay, min(site_delay, self.settings.max_crawl_delay_s))
        return parser.can_fetch(agent, url), delay

    # -- fetching -----------------------------------------------------------------------------

    async def _get(self, url: str, headers: dict[str, str] | None = None) -> "Fetched":
        """GET with redirects followed by hand (each hop checked), body capped in size, the whole
        exchange capped in time (a server dripping bytes never trips the per-read timeout)."""
        try:
            async with asyncio.timeout(self.settings.max_fetch_s):
                return await self._get_unbounded(url, headers)
        except TimeoutError as exc:
            raise TooSlow(url, self.settings.max_fetch_s) from exc

    async def _get_unbounded(self, url: str, headers: dict[str, str] | None) -> "Fetched":
        for _ in range(self.settings.max_redirects + 1):
            connect_url, extra = self._connect_url(url)
            await self._check_address(connect_url)
            client = self._client(connect_url)
            request = client.build_request("GET", connect_url, headers={**(headers or {}), **extra})
            response = await client.send(request, stream=True)
            try:
                if response.is_redirect and "location" in response.headers:
                    url = urljoin(url, response.headers["location"])
                    continue
                body = bytearray()
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.settings.max_page_bytes:
                    raise PageTooLarge(url, int(declared), self.settings.max_page_bytes)
                async for chunk in response.aiter_raw():
                    body += chunk
                    if len(body) > self.settings.max_page_bytes * 2:  # compressed bodies may expand
                        raise PageTooLarge(url, len(body), self.settings.max_page_bytes)
                raw = bytes(body)
            finally:
                await response.aclose()
            content = _decode(raw, response.headers.get("content-encoding"), self.settings.max_page_bytes, url)
            return Fetched(url, response.status_code, response.headers, content)
        raise TooManyRedirects(url, self.settings.max_redirects)

    async def fetch(self, target: Target) -> Page | Rejected:
        url = target.url
        try:
            allowed, delay = await self.allowed(url)
        except AddressBlocked as exc:
            return Rejected("crawl", url, "blocked_address", str(exc))
        if not allowed:
            return Rejected("crawl", url, "robots_disallowed", f"{url} is disallowed by the site's robots.txt")
        host = urlsplit(url).netloc
        attempts = self.settings.retries + 1
        last_error = ""
        for attempt in range(1, attempts + 1):
            async with self._global, self._host_slot(host):
                await self._wait_turn(host, delay)
                try:
                    response = await self._get(url, target.conditional_headers())
                except AddressBlocked as exc:
                    return Rejected("crawl", url, "blocked_address", str(exc))
                except (PageTooLarge, TooManyRedirects) as exc:
                    return Rejected("crawl", url, exc.reason, str(exc))
                except TooSlow as exc:
                    last_error = str(exc)
                    response = None
                except httpx.TimeoutException:
                    last_error = f"timed out after {self.settings.timeout_s:g} s"
                    response = None
                except httpx.HTTPError as exc:
                    last_error = f"{type(exc).__name__}: {redact_text(str(exc))}"  # a proxy URL may hold a password
                    response = None
            if response is not None and response.status_code not in _RETRY_STATUS:
                if self.archive is not None and response.status_code != 304:
                    self.archive.write_response(response, requested=url, source=target.source, kind=self.page_kind)
                return self._page(target, response)
            if response is not None:
                last_error = f"HTTP {response.status_code}"
                pause = _retry_after(response.headers.get("retry-after"))
                if pause is not None and pause > _MAX_RETRY_AFTER_S:
                    # the site asks for a longer pause than a run waits: leave the URL in the
                    # frontier for a later run (the 429/503 reasons are retried there)
                    return Rejected(
                        "crawl", url, f"http_{response.status_code}",
                        f"{url} answered HTTP {response.status_code} with Retry-After {pause:.0f} s, longer than "
                        f"the {_MAX_RETRY_AFTER_S:g} s a crawl waits; it stays in the frontier for a later run",
                    )
            else:
                pause = None
            if attempt < attempts:
                pause = min(_MAX_RETRY_AFTER_S, pause if pause is not None else self.settings.backoff_s * 2 ** (attempt - 1))
                log.info("retrying %s in %.2f s (%s, attempt %d of %d)", redact_url(url), pause, redact_text(last_error),
                         attempt, attempts)
                await asyncio.sleep(pause)
        return Rejected("crawl", url, "fetch_failed", f"{url} failed after {attempts} attempts: {last_error}")

    def _page(self, target: Target, response: Fetched) -> Page | Rejected:
        url = target.url
        if response.status_code == 304:  # unchanged since the last fetch: nothing to process again
            return Page(
                url=url, final_url=response.url, status=304, body=b"", fetched_at=datetime.now(timezone.utc),
                etag=response.headers.get("etag") or target.etag,
                last_modified=response.headers.get("last-modified") or target.last_modified,
                source=target.source,
            )
        if response.status_code >= 400:
            return Rejected(
                "crawl", url, f"http_{response.status_code}",
                f"{url} answered HTTP {response.status_code}; check that the page still exists",
            )
        content_type = response.headers.get("content-type")
        if content_type and not any(t in content_type.lower() for t in ("html", "xml", "text/plain")):
            return Rejected("crawl", url, "not_html", f"{url} is {content_type}, not an HTML page")
        return Page(
            url=url,
            final_url=response.url,
            status=response.status_code,
            body=response.content,
            fetched_at=datetime.now(timezone.utc),
            content_type=content_type,
            charset=_charset(content_type),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            source=target.source,
        )

    async def fetch_all(self, targets: Iterable[Target]) -> list[Page | Rejected]:
        return list(await asyncio.gather(*(self.fetch(t) for t in targets)))

    async def get_bytes(self, url: str, kind: str = "feed", source: str | None = None) -> bytes:
        """A feed or sitemap (``kind``; robots.txt obeyed, the answer archived); raises FetchError."""
        from wirehouse.errors import FetchError

        try:
            allowed, _ = await self.allowed(url)
            if not allowed:
                raise FetchError(f"{url} is disallowed by the site's robots.txt")
            response = await self._get(url)
        except (httpx.HTTPError, AddressBlocked, PageTooLarge, TooManyRedirects) as exc:
            raise FetchError(f"cannot fetch {url}: {exc}") from exc
        if self.archive is not None:
            self.archive.write_response(response, requested=url, source=source, kind=kind)
        if response.status_code >= 400:
            raise FetchError(f"cannot fetch {url}: HTTP {response.status_code}")
        return response.content


class PageTooLarge(Exception):
    reason = "too_large"

    def __init__(self, url: str, size: int, limit: int) -> None:
        super().__init__(
            f"{url} is larger than the {limit:,} byte limit ({size:,} bytes seen); "
            "raise WIREHOUSE_MAX_PAGE_BYTES to accept it"
        )


class TooSlow(httpx.TimeoutException):
    def __init__(self, url: str, limit: float) -> None:
        super().__init__(
            f"{url} took more than {limit:g} s in all (a slow or dripping server); "
            "raise WIREHOUSE_MAX_FETCH_S to wait longer"
        )


class TooManyRedirects(Exception):
    reason = "redirect_loop"

    def __init__(self, url: str, limit: int) -> None:
        super().__init__(f"{url} redirected more than {limit} times (a loop?)")


def _decode(raw: bytes, encoding: str | None, limit: int, url: str) -> bytes:
    """Undo gzip/deflate content-encoding with a cap on the expanded size (zip bombs)."""
    if not encoding or encoding.lower() in ("identity", ""):
        return raw
    import zlib

    enc = encoding.lower()
    if enc not in ("gzip", "x-gzip", "deflate"):
        return raw
    wbits = 16 + zlib.MAX_WBITS if "gzip" in enc else zlib.MAX_WBITS
    inflater = zlib.decompressobj(wbits)
    out = inflater.decompress(raw, limit + 1)
    if len(out) > limit or inflater.unconsumed_tail:
        raise PageTooLarge(url, len(out), limit)
    return out

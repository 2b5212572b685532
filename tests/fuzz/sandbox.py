"""Run hostile inputs through wirehouse's parsers in a worker process, one input at a time.

Each input goes to a forked worker that runs it under a deadline in CPU seconds (a profiling
timer, so the bound does not move with the machine's load; the parent also kills a worker that
has not answered after four times the deadline in wall time, so a blocked wait counts too) and an
address-space cap. The outcome is one of:

    result    the function returned a value that passed the target's checks
    rejected  a quarantine row (``Rejected``) or a result row that says why nothing came out
    error     a ``WirehouseError`` whose message names the input
    crash     any other exception, a failed check, a worker that died or ran out of memory
    hang      no answer within the deadline

Used by ``tests/fuzz/test_fuzz_*.py`` (a small slice) and ``bench/fuzz.py`` (the full run).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import socket
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

OK_KINDS = ("result", "rejected", "error")
FAILURES = ("crash", "hang")
LOOPBACK_MARK = b"http://127.0.0.1:9/"  # inputs point their external entities here; rewritten to a listener
FEED_URL = "http://fuzz.example/feed.xml"
SITEMAP_URL = "http://fuzz.example/sitemap.xml"
OPML_NAME = "fuzz.opml"
PASSWD_MARK = "root:x:0:0"  # what /etc/passwd would put in a result read through an external entity


@dataclass(frozen=True)
class Outcome:
    kind: str  # one of OK_KINDS or FAILURES
    seconds: float  # CPU seconds the worker spent on it (wall seconds for a worker killed from outside)
    detail: str = ""


class _Deadline(BaseException):
    """Raised by the timer inside the worker; a BaseException so no ``except Exception`` eats it."""


# ---------------------------------------------------------------------------------------------
# targets (run inside the worker)

class _Check(AssertionError):
    pass


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise _Check(message)


def _no_leak(value) -> None:
    _check(PASSWD_MARK not in repr(value), "an external entity was resolved: /etc/passwd is in the result")


def _extract(data: bytes, work: Path) -> str:
    from wirehouse.clean.jsonl import extract_file

    path = work / ("page.html.gz" if data[:2] == b"\x1f\x8b" else "page.html")
    path.write_bytes(data)
    row = extract_file(str(path))
    _check(row["source"] == str(path), "row does not name its source")
    if "error" in row:
        _check(str(path) in row["error"], f"error row does not name the file: {row['error']!r}")
        return "error"
    _check(row["text"] is None or (isinstance(row["text"], str) and row["text"].strip() != ""), "blank text")
    _check(row["text"] is None or "\x00" not in row["text"], "NUL in the text")
    _no_leak(row)
    return "result"


def _clean(data: dict, work: Path) -> str:
    from wirehouse.clean.extract import extract_all
    from wirehouse.records import Article, Page, Rejected
    from wirehouse.settings import Settings

    page = Page(url=data["url"], final_url=data["url"], status=data["status"], body=data["body"],
                fetched_at=datetime(2026, 3, 1, tzinfo=timezone.utc), content_type=data["content_type"],
                charset=data["charset"])
    out = extract_all([page], Settings(data_dir=work, workers=1))
    _check(len(out) == 1, f"{len(out)} outputs for one page")
    item = out[0]
    if isinstance(item, Rejected):
        _check(bool(item.reason) and bool(item.message) and item.stage == "clean", f"unclear rejection {item!r}")
        return "rejected"
    _check(isinstance(item, Article), f"neither Article nor Rejected: {type(item).__name__}")
    _check(item.text.strip() != "" and "\x00" not in item.text, "empty text or NUL in an article")
    _check(item.canonical_url.startswith(("http://", "https://", "file:///")), f"canonical URL {item.canonical_url!r}")
    _check(0 <= item.simhash < 1 << 64 and len(item.text_hash) == 40, "bad fingerprints")
    return "result"


_ENRICHER = None


def _enricher():
    global _ENRICHER
    if _ENRICHER is None:
        from wirehouse.enrich import Enricher

        _ENRICHER = Enricher.load()
    return _ENRICHER


def _enrich(text: str, work: Path) -> str:
    result = _enricher().enrich(text)
    for m in (*result.actors, *result.places):
        _check(0 <= m.start <= m.end <= len(text) and text[m.start:m.end] == m.text,
               f"mention {m.text!r} is not text[{m.start}:{m.end}]")
    for e in result.events:
        _check(text[e.sentence_start:e.sentence_end] == e.sentence, f"event sentence is not text[{e.sentence_start}:"
               f"{e.sentence_end}]")
        _check(-10.0 <= e.goldstein <= 10.0 and 1 <= e.quad_class <= 4, f"event out of range: {e!r}")
    return "result"


def _feed(data: bytes, work: Path) -> str:
    from wirehouse.crawl.feeds import parse_feed

    entries = parse_feed(data, FEED_URL)
    for entry in entries:
        _check(isinstance(entry.url, str) and entry.url == entry.url.strip() and entry.url != "", f"url {entry.url!r}")
        _check(entry.published_at is None or entry.published_at.tzinfo is not None, "naive date")
    _no_leak(entries)
    return "result"


def _sitemap(data: bytes, work: Path) -> str:
    from wirehouse.crawl.sitemaps import parse_sitemap

    entries = parse_sitemap(data, SITEMAP_URL)
    for entry in entries:
        _check(isinstance(entry.url, str) and entry.url == entry.url.strip() and entry.url != "", f"url {entry.url!r}")
    _no_leak(entries)
    return "result"


def _opml(data: bytes, work: Path) -> str:
    from wirehouse.crawl.opml import parse_opml

    feeds = parse_opml(data, OPML_NAME)
    _check(len(feeds) == len(set(feeds)) and all(f.startswith(("http://", "https://")) for f in feeds), "bad feeds")
    _no_leak(feeds)
    return "result"


def _warc(data: bytes, work: Path) -> str:
    from wirehouse.crawl.archive import read_pages, scan
    from wirehouse.records import Page

    path = work / ("input.warc.gz" if data[:2] == b"\x1f\x8b" else "input.warc")
    path.write_bytes(data)
    refs = scan([path])
    pages = read_pages(refs, max_bytes=1_000_000)
    _check(len(pages) == len(refs), f"{len(refs)} records found, {len(pages)} read")
    for page in pages:
        _check(isinstance(page, Page) and len(page.body) <= 1_000_000 and 200 <= page.status < 300, "bad page")
    return "result"


TARGETS = {"extract": _extract, "clean": _clean, "enrich": _enrich, "feed": _feed, "sitemap": _sitemap,
           "opml": _opml, "warc": _warc}
# the inputs that name the input in their errors
_NAMES = {"extract": "page.html", "feed": FEED_URL, "sitemap": SITEMAP_URL, "opml": OPML_NAME, "warc": "input.warc"}


def warm_up() -> None:
    """Import and load what the targets use, so each forked worker starts warm."""
    import wirehouse.clean.extract  # noqa: F401
    import wirehouse.clean.jsonl  # noqa: F401
    import wirehouse.crawl.archive  # noqa: F401
    import wirehouse.crawl.feeds  # noqa: F401
    import wirehouse.crawl.opml  # noqa: F401
    import wirehouse.crawl.sitemaps  # noqa: F401
    from wirehouse.clean.extract import _warm_up

    _warm_up()
    _enricher()


def _with_port(data, port: int):
    mark, real = LOOPBACK_MARK, f"http://127.0.0.1:{port}/".encode()
    if isinstance(data, bytes):
        return data.replace(mark, real)
    if isinstance(data, dict):
        return {k: _with_port(v, port) for k, v in data.items()}
    return data


def _one(target: str, data, work: Path, port: int) -> tuple[str, str]:
    from wirehouse.errors import WirehouseError

    try:
        return TARGETS[target](_with_port(data, port), work), ""
    except WirehouseError as exc:
        name = _NAMES.get(target, "")
        if name and name not in str(exc):
            return "crash", f"unclear error (does not name the input): {type(exc).__name__}: {exc}"[:500]
        return "error", f"{type(exc).__name__}: {exc}"[:300]
    except _Check as exc:
        return "crash", f"check failed: {exc}"[:500]
    except MemoryError:
        return "crash", "MemoryError (over the memory cap)"
    except Exception as exc:  # noqa: BLE001 (classifying every other exception is the point)
        tb = traceback.extract_tb(exc.__traceback__)
        where = next((f"{Path(f.filename).name}:{f.lineno}" for f in reversed(tb) if "wirehouse" in f.filename),
                     f"{Path(tb[-1].filename).name}:{tb[-1].lineno}" if tb else "?")
        return "crash", f"{type(exc).__name__} at {where}: {exc}"[:500]


def _alarm(signum, frame):
    raise _Deadline()


def _serve(conn, timeout_s: float, memory_bytes: int, port: int) -> None:
    vsize = int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()
    resource.setrlimit(resource.RLIMIT_AS, (vsize + memory_bytes, vsize + memory_bytes))
    signal.signal(signal.SIGPROF, _alarm)
    with tempfile.TemporaryDirectory(prefix="wirehouse-fuzz-") as tmp:
        work = Path(tmp)
        while True:
            try:
                message = conn.recv()
            except EOFError:
                return
            if message is None:  # the parent is done
                return
            target, data = message
            for leftover in work.iterdir():
                leftover.unlink()
            start = time.process_time()
            try:
                signal.setitimer(signal.ITIMER_PROF, timeout_s)
                try:
                    kind, detail = _one(target, data, work, port)
                finally:
                    signal.setitimer(signal.ITIMER_PROF, 0)
            except _Deadline:
                kind, detail = "hang", f"still running after {timeout_s:g} CPU seconds"
            conn.send((kind, time.process_time() - start, detail))


class _Listener:
    """A loopback TCP port that counts connections: where XXE inputs point."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            self.hits += 1
            client.close()

    def close(self) -> None:
        self.sock.close()


class Sandbox:
    """A worker process that runs targets on inputs; restarted after a crash or a hang."""

    def __init__(self, timeout_s: float = 15.0, memory_mb: int = 2048) -> None:
        self.timeout_s = timeout_s
        self.memory_bytes = memory_mb << 20
        self._ctx = multiprocessing.get_context("fork")
        self.listener = _Listener()
        self._proc = None
        self._start()

    @property
    def loopback_hits(self) -> int:
        """Connections to the loopback URL the external entities name (0 unless one was fetched)."""
        return self.listener.hits

    def _start(self) -> None:
        self._conn, child = self._ctx.Pipe()
        self._proc = self._ctx.Process(target=_serve, args=(child, self.timeout_s, self.memory_bytes,
                                                            self.listener.port), daemon=True)
        self._proc.start()
        child.close()

    def _restart(self) -> None:
        if self._proc.is_alive():
            os.kill(self._proc.pid, signal.SIGKILL)
        self._proc.join()
        self._conn.close()
        self._start()

    def run(self, target: str, data) -> Outcome:
        if target not in TARGETS:
            raise ValueError(f"unknown fuzz target {target!r}; one of {', '.join(TARGETS)}")
        start = time.perf_counter()
        try:
            self._conn.send((target, data))
            if not self._conn.poll(4 * self.timeout_s + 10):
                self._restart()
                return Outcome("hang", time.perf_counter() - start, f"no answer in {4 * self.timeout_s + 10:g} s")
            kind, seconds, detail = self._conn.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError):
            self._proc.join(5)
            code = self._proc.exitcode
            self._restart()
            return Outcome("crash", time.perf_counter() - start, f"worker died (exit code {code})")
        if kind in FAILURES:
            self._restart()  # a worker interrupted mid-call may hold broken state
        return Outcome(kind, seconds, detail)

    def close(self) -> None:
        if self._proc is not None:
            try:
                self._conn.send(None)
            except OSError:
                pass
            self._conn.close()
            self._proc.join(5)
            if self._proc.is_alive():
                os.kill(self._proc.pid, signal.SIGKILL)
                self._proc.join()
        self.listener.close()

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

"""The raw archive: fetched responses written to gzip WARC files, and WARC files read back as pages.

Each fetch batch writes one file, ``<archive dir>/<batch id>.warc.gz``, with one ``response``
record per answer (status line and headers included): article pages, and the robots.txt the
batch read. Discovery writes ``<run id>-0000-discovery.warc.gz`` with the robots.txt files,
feeds, sitemaps and spider pages it fetched. Each record says what it was fetched as in a
``WARC-Wirehouse-Kind`` header (``article``, ``robots``, ``feed``, ``sitemap``, ``spider``);
reading pages back skips every kind but ``article`` (records without the header, from other
crawlers, are judged by status and content type, and robots.txt URLs are skipped).

The body is stored as the crawler used it, after gzip/deflate content-encoding was undone, so
those headers are dropped and ``Content-Length`` is set to the stored size. Any WARC file (this
archive, Common Crawl's CC-NEWS, another crawler's output) can be read back as pages without
touching the network.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import io
import logging
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from http import HTTPStatus
from pathlib import Path
from typing import Iterable, Iterator, Protocol
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wirehouse.errors import ConfigError, DiskFull
from wirehouse.records import Page

log = logging.getLogger(__name__)

REQUESTED_URI = "WARC-Wirehouse-Requested-URI"  # the URL as discovered, when a redirect changed it
SOURCE = "WARC-Wirehouse-Source"
KIND = "WARC-Wirehouse-Kind"  # what the response was fetched as: one of KINDS
KINDS = ("article", "robots", "feed", "sitemap", "spider")
_DROPPED = {"content-encoding", "transfer-encoding", "content-length"}
# what a damaged or truncated last record (a process killed while writing) raises in warcio; a
# record cut inside its body raises nothing and is caught by ``_complete``
_TRUNCATED = (ArchiveLoadFailed, EOFError, zlib.error, ValueError, AttributeError, OverflowError)
MAX_LINE_BYTES = 1 << 20  # a header line longer than this is damage (or a gzip bomb of one endless line)
_NO_SPACE = (errno.ENOSPC, errno.EDQUOT)


def archive_full(path: Path, exc: OSError) -> DiskFull:
    return DiskFull(
        f"the archive folder {path.parent} is full ({exc.strerror or exc} while writing {path.name}); free space "
        "there or point WIREHOUSE_ARCHIVE_DIR at a bigger disk, then run again: the batch being fetched was "
        "not loaded and is fetched again, every batch loaded before it is kept"
    )


class Truncated(Exception):
    pass


class _BoundedReader(DecompressingBufferedReader):
    """warcio's reader, but a line (record header, blank line between records) is at most
    ``MAX_LINE_BYTES``: warcio would otherwise gather an endless line in memory."""

    def readline(self, length=None):
        line = super().readline(MAX_LINE_BYTES if length is None else min(length, MAX_LINE_BYTES))
        if len(line) >= MAX_LINE_BYTES and not line.endswith(b"\n"):
            raise ArchiveLoadFailed(f"a line longer than {MAX_LINE_BYTES:,} bytes")
        return line


class _Records(ArchiveIterator):
    """``ArchiveIterator`` reading through ``_BoundedReader``."""

    def __init__(self, fileobj) -> None:
        super().__init__(fileobj)
        self.reader = _BoundedReader(self.fh)


class Response(Protocol):
    url: str
    status_code: int
    headers: object  # httpx.Headers
    content: bytes


class WarcWriter:
    """Appends response records to one gzip WARC file; use as a context manager."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._file = None  # opened on the first record: a batch with nothing to archive leaves no file
        self._writer: WARCWriter | None = None
        self.records = 0

    def write_response(
        self, response: Response, requested: str | None = None, source: str | None = None, kind: str = "article"
    ) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown archive record kind {kind!r}; use one of {', '.join(KINDS)}")
        headers = [
            (k.decode("latin-1"), v.decode("latin-1"))
            for k, v in response.headers.raw  # type: ignore[attr-defined]
            if k.decode("latin-1").lower() not in _DROPPED
        ]
        headers.append(("Content-Length", str(len(response.content))))
        try:
            phrase = HTTPStatus(response.status_code).phrase
        except ValueError:
            phrase = "Unknown"
        http_headers = StatusAndHeaders(f"{response.status_code} {phrase}", headers, protocol="HTTP/1.1")
        extra = {KIND: kind}
        if requested and requested != response.url:
            extra[REQUESTED_URI] = requested
        if source:
            extra[SOURCE] = source
        try:
            if self._writer is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._file = open(self.path, "ab")
                self._writer = WARCWriter(self._file, gzip=True)  # one gzip member per record
            record = self._writer.create_warc_record(
                response.url, "response", payload=io.BytesIO(response.content), length=len(response.content),
                http_headers=http_headers, warc_headers_dict=extra,
            )
            self._writer.write_record(record)
        except OSError as exc:
            if exc.errno in _NO_SPACE:
                raise archive_full(self.path, exc) from exc
            raise
        self.records += 1

    def close(self) -> None:
        if self._file is not None:
            handle, self._file, self._writer = self._file, None, None
            try:
                handle.close()  # flushes the last records: a full disk may show only here
            except OSError as exc:
                if exc.errno in _NO_SPACE:
                    raise archive_full(self.path, exc) from exc
                raise

    def __enter__(self) -> "WarcWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@dataclass(frozen=True, slots=True)
class WarcRef:
    """Where one usable response record sits: enough to read it again later. A run keeps one per
    record of its WARC input: slots and one shared path string per file keep that small."""

    path: str
    offset: int
    url: str
    digest: str | None = None  # sha1 of the record's body as stored: an unchanged record is skipped


def _is_page(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    kind = record.rec_headers.get_header(KIND)
    if kind is not None and kind != "article":
        return False  # robots.txt, a feed, a sitemap or a spider page: archived, never an article
    if kind is None and urlsplit(record.rec_headers.get_header("WARC-Target-URI") or "").path == "/robots.txt":
        return False
    status = record.http_headers.get_statuscode()
    if not status or not status.isdigit() or not 200 <= int(status) < 300:
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "text/html").lower()
    return any(t in content_type for t in ("html", "text/plain"))


def _complete(record) -> str:
    """Read the record's body through and return its sha1; raise ``Truncated`` when it is shorter
    than declared."""
    if record.length is None:
        raise Truncated(f"record of {_url(record)} has no Content-Length")
    expected = record.length - record.http_headers.total_len
    seen = 0
    digest = hashlib.sha1()
    while chunk := record.raw_stream.read(1 << 16):
        seen += len(chunk)
        digest.update(chunk)
    if seen < expected:
        raise Truncated(f"record of {_url(record)} has {seen} of its {expected} bytes")
    return digest.hexdigest()


def _url(record) -> str:
    return record.rec_headers.get_header(REQUESTED_URI) or record.rec_headers.get_header("WARC-Target-URI") or ""


def warc_files(paths: Iterable[Path]) -> list[Path]:
    """The WARC files named, folders expanded to the ``*.warc``/``*.warc.gz`` inside, in name order."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.name.endswith((".warc", ".warc.gz")) and p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            raise ConfigError(f"WARC input {path} does not exist; give a .warc/.warc.gz file or a folder of them")
    return found


def _refs(files: list[Path]) -> Iterator[WarcRef]:
    """Successful HTML responses in the files, in file order. A truncated last record ends its file
    quietly (with a warning): that is what a crawl killed while writing leaves. A record counts when
    its whole payload was read, even if the file is cut in its gzip trailer or just after it."""
    for path in files:
        name = str(path)
        with open(path, "rb") as fh:
            iterator = _Records(fh)
            pending = None  # a record counts once the reader got past its end
            try:
                for record in iterator:
                    if pending is not None:
                        yield pending
                    pending = None
                    if _is_page(record):
                        digest = _complete(record)
                        pending = WarcRef(name, iterator.get_record_offset(), _url(record), digest)
                if pending is not None:
                    yield pending
            except (Truncated, *_TRUNCATED) as exc:
                if pending is not None:  # its payload was read whole; only what follows it is cut
                    yield pending
                log.warning("%s ends in a damaged or truncated record (%s); using the records before it", path, exc)


def _superseded(files: list[Path]) -> tuple[int, set[int]]:
    """How many records ``_refs`` yields, and the positions of those a later record of the same URL
    replaces. Only a 16-byte hash per record is held (16 MB for a million records): URLs are
    compared by their blake2b-128 digests, equal for equal URLs (two different URLs share one with
    a chance of about n^2 / 2^129, nil in practice)."""
    import numpy as np

    keys = bytearray()
    for ref in _refs(files):
        keys += hashlib.blake2b(ref.url.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    count = len(keys) // 16
    if count < 2:
        return count, set()
    hashes = np.frombuffer(keys, dtype=np.dtype([("high", "<u8"), ("low", "<u8")]))
    order = np.argsort(hashes, kind="stable")  # equal URLs together, in file order
    ordered = hashes[order]
    followed = ordered[:-1] == ordered[1:]  # a later record of the same URL comes next
    return count, set(order[:-1][followed].tolist())


def iter_scan(paths: Iterable[Path], *, latest_only: bool = True) -> Iterator[WarcRef]:
    """``scan`` as a stream: the references come one by one, none is held. With ``latest_only``
    the files are read twice: once to find the records a later one of the same URL replaces (a
    hash per record, see ``_superseded``), then to yield the others."""
    files = warc_files(paths)
    if not latest_only:
        yield from _refs(files)
        return
    count, skipped = _superseded(files)
    for position, ref in enumerate(_refs(files)):
        if position >= count:  # records appended to the files since the first reading
            return
        if position not in skipped:
            yield ref


def scan(paths: Iterable[Path], *, latest_only: bool = True) -> list[WarcRef]:
    """Successful HTML responses in the files, in file order (see ``_refs``); with ``latest_only``
    a URL archived several times keeps only its last record."""
    return list(iter_scan(paths, latest_only=latest_only))


def _warc_date(value: str | None) -> datetime:
    if value:
        try:
            stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)
        except ValueError:
            pass
    return datetime.now(timezone.utc)


def _page(record, max_bytes: int) -> Page:
    http = record.http_headers
    url = _url(record)
    body = record.content_stream().read(max_bytes + 1)[:max_bytes]
    content_type = http.get_header("Content-Type")
    charset = None
    if content_type:
        for part in content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                charset = value.strip("\"' ").lower()
    return Page(
        url=url,
        final_url=record.rec_headers.get_header("WARC-Target-URI") or url,
        status=int(http.get_statuscode()),
        body=body,
        fetched_at=_warc_date(record.rec_headers.get_header("WARC-Date")),
        content_type=content_type,
        charset=charset,
        etag=http.get_header("ETag"),
        last_modified=http.get_header("Last-Modified"),
        source=record.rec_headers.get_header(SOURCE),
    )


def read_pages(refs: Iterable[WarcRef], max_bytes: int = 5_000_000) -> list[Page]:
    """The pages the refs point at (files opened once each, records read by offset)."""
    pages = []
    handles: dict[str, io.BufferedReader] = {}
    try:
        for ref in refs:
            fh = handles.get(ref.path)
            if fh is None:
                fh = handles[ref.path] = open(ref.path, "rb")
            fh.seek(ref.offset)
            record = next(iter(_Records(fh)))
            pages.append(dataclasses.replace(_page(record, max_bytes), digest=ref.digest))
    finally:
        for fh in handles.values():
            fh.close()
    return pages


"""``wirehouse extract --jsonl FILE...``: one JSON object per input file, in input order.

Each object: {"source": <path as given>, "title", "text", "author", "published", "language"}
plus "site_name", "dateline", "canonical_url". ``text`` is null when nothing could be
extracted, including for a file that cannot be read (then "error" says why). Files ending in
``.gz`` (or starting with the gzip magic) are decompressed. Large batches run on a process
pool, one worker per core, started once per call.
"""

from __future__ import annotations

import gzip
import logging
import os
import zlib
from collections.abc import Iterable, Iterator

from wirehouse.clean.extract import MAX_HTML_BYTES, extract_html

logger = logging.getLogger(__name__)

_POOL_MIN_FILES = 24  # below this a pool costs more than it saves
_FIELDS = ("title", "text", "author", "published", "language", "site_name", "dateline", "canonical_url")


def read_page(path: str) -> bytes:
    """The bytes of an HTML file, gunzipped if it is gzip (by name or magic number)."""
    with open(path, "rb") as f:
        data = f.read(MAX_HTML_BYTES + 1)
    if path.endswith(".gz") or data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=__import__("io").BytesIO(data)) as gz:
                data = gz.read(MAX_HTML_BYTES + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise OSError(f"not a readable gzip file: {exc}") from exc
    return data


def extract_file(path: str) -> dict:
    """The JSON-ready result for one file; never raises for a bad file."""
    row: dict = {"source": path}
    try:
        data = read_page(path)
    except OSError as exc:
        row.update(dict.fromkeys(_FIELDS))
        row["error"] = f"cannot read {path}: {exc.strerror or exc}"
        return row
    result = extract_html(data)
    for name in _FIELDS:
        row[name] = getattr(result, name)
    return row


def _workers(count: int, workers: int | None) -> int:
    if workers is not None:
        return max(1, workers)
    if count < _POOL_MIN_FILES:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, count // 8))


def extract_files(paths: Iterable[str], *, workers: int | None = None) -> Iterator[dict]:
    """One dict per path, in input order (see the module doc for the keys)."""
    paths = [str(p) for p in paths]
    n = _workers(len(paths), workers)
    if n <= 1:
        for path in paths:
            yield extract_file(path)
        return
    import multiprocessing  # noqa: PLC0415

    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - no fork on this platform
        ctx = multiprocessing.get_context()
    with ctx.Pool(n) as pool:
        yield from pool.imap(extract_file, paths, chunksize=4)

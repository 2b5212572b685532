"""A WARC file cut at any byte (a crawl killed while writing it) is read up to its last whole
record: the reader never raises, never returns a cut page, and reprocessing uses what is whole."""

from __future__ import annotations

import httpx
import pytest

from wirehouse.crawl.archive import WarcWriter, read_pages, scan
from wirehouse.crawl.fetch import Fetched

BODIES = [f"<html><body><article><p>{'Story %d. ' % n * 60}</p></article></body></html>".encode() for n in range(4)]
URLS = [f"https://news.example/2026/03/story-number-{n}" for n in range(4)]


@pytest.fixture(scope="module")
def whole(tmp_path_factory):
    path = tmp_path_factory.mktemp("warc") / "batch.warc.gz"
    ends = []
    with WarcWriter(path) as writer:
        for url, body in zip(URLS, BODIES):
            writer.write_response(Fetched(url, 200, httpx.Headers({"Content-Type": "text/html; charset=utf-8"}), body))
            writer._file.flush()
            ends.append(path.stat().st_size)
    return path.read_bytes(), ends


def test_a_warc_cut_anywhere_yields_exactly_its_whole_records(whole, tmp_path):
    data, ends = whole
    cut_file = tmp_path / "cut.warc.gz"
    step = max(1, len(data) // 400)
    for cut in [*range(0, len(data), step), *(e - 1 for e in ends), *ends]:
        cut_file.write_bytes(data[:cut])
        refs = scan([cut_file])  # never raises
        complete = sum(1 for end in ends if end <= cut)
        # every whole record, and the cut one only when all its payload is there (the cut fell in
        # the gzip trailer or the record's closing blank lines)
        assert [r.url for r in refs] in (URLS[:complete], URLS[:complete + 1]), cut
        pages = read_pages(refs)
        assert [p.body for p in pages] == BODIES[:len(refs)], cut  # never a page cut short

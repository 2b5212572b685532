"""bench/corpus.py: the same seed gives the same bytes; the WARC reads back as pages with
distinct canonical URLs; copies carry their original's text."""

import html
import importlib.util
import re
import sys
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from wirehouse.crawl.archive import read_pages, scan

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "corpus.py"
CANONICAL = re.compile(rb'<link rel="canonical" href="([^"]+)">')
N = 300


@pytest.fixture(scope="module")
def corpus():
    spec = importlib.util.spec_from_file_location("bench_corpus", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_corpus"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    yield module
    del sys.modules["bench_corpus"]


@pytest.fixture(scope="module")
def written(corpus, tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    kinds = corpus.generate(N, folder / "a.warc.gz", folder / "html", seed=3)
    return folder, kinds


def test_same_seed_same_bytes_other_seed_other_bytes(corpus, written, tmp_path):
    folder, kinds = written
    again = corpus.generate(N, tmp_path / "b.warc.gz", seed=3, chunk=70)  # chunking does not matter
    other = corpus.generate(N, tmp_path / "c.warc.gz", seed=4)
    assert again == kinds
    assert (tmp_path / "b.warc.gz").read_bytes() == (folder / "a.warc.gz").read_bytes()
    assert (tmp_path / "c.warc.gz").read_bytes() != (folder / "a.warc.gz").read_bytes()
    assert sum(other.values()) == N


def test_first_continues_the_same_sequence(corpus, written, tmp_path):
    folder, _ = written
    corpus.generate(100, tmp_path / "head.warc.gz", seed=3)
    corpus.generate(N - 100, tmp_path / "tail.warc.gz", seed=3, first=100)
    joined = (tmp_path / "head.warc.gz").read_bytes() + (tmp_path / "tail.warc.gz").read_bytes()
    assert joined == (folder / "a.warc.gz").read_bytes()


def test_warc_is_valid_and_canonical_urls_are_distinct(corpus, written):
    folder, kinds = written
    with open(folder / "a.warc.gz", "rb") as fh:
        records = [(r.rec_headers.get_header("WARC-Target-URI"), r.http_headers.get_statuscode(),
                    r.content_stream().read()) for r in ArchiveIterator(fh)]
    assert len(records) == N
    assert sum(kinds.values()) == N and kinds["article"] > 0.9 * N
    assert {"copy", "verbatim"} & kinds.keys() and set(corpus.BROKEN_KINDS) & kinds.keys()
    # the product reads every successful response back as a page
    pages = read_pages(scan([folder / "a.warc.gz"]))
    assert len(pages) == sum(1 for _, status, _ in records if status == "200") == N - kinds.get("http_404", 0)
    canonicals = [m.group(1) for _, _, body in records if (m := CANONICAL.search(body))]
    assert len(canonicals) == len(set(canonicals)) > 0.9 * N
    html_files = list((folder / "html").rglob("*.html"))
    assert len(html_files) == len(pages) and len({p.parent.name for p in html_files}) > 20  # many outlets


def test_copies_carry_their_originals_text(corpus):
    sites = corpus.outlets(3)
    copies = [n for n in range(N) if corpus.kind_of(3, n) in ("copy", "verbatim")]
    assert copies
    for number in copies:
        original = corpus.original_of(3, number)
        assert original < number and corpus.kind_of(3, original) == "article"
        page = corpus.page(3, number, sites).body.decode()
        assert html.escape(corpus.story(3, original).paragraphs[1]) in page
        assert html.escape(corpus.story(3, number).paragraphs[1]) not in page

"""extract_all on a process pool gives what one process gives, in page order."""

from datetime import datetime, timezone

from wirehouse.clean import extract
from wirehouse.records import Article, Page, Rejected
from wirehouse.settings import Settings

SENTENCE = "The council of the city of {n} voted on the new budget after a long debate on Tuesday. "


def _page(n: int) -> Page:
    if n % 7 == 3:  # some pages are rejected, so both kinds of result travel back
        body = b"<html><body><p>short</p></body></html>"
    else:  # sizes differ, so the largest-first schedule reorders the work
        paragraphs = "".join(f"<p>{SENTENCE.format(n=n) * (1 + n % 5)}</p>" for _ in range(2 + n % 4))
        body = f"<html><head><title>Budget {n}</title></head><body><article>{paragraphs}</article></body></html>"
        body = body.encode()
    url = f"https://news.example/story-{n}"
    return Page(url=url, final_url=url, status=200, body=body, content_type="text/html",
                fetched_at=datetime(2024, 5, 1, tzinfo=timezone.utc))


def test_pool_matches_one_process_in_order():
    pages = [_page(n) for n in range(40)]
    serial = extract.extract_all(pages, Settings(workers=1, languages=()))
    pooled = extract.extract_all(pages, Settings(workers=2, languages=()))
    assert pooled == serial
    assert [o.url if isinstance(o, Article) else o.ref for o in pooled] == [p.url for p in pages]
    assert any(isinstance(o, Rejected) for o in pooled) and any(isinstance(o, Article) for o in pooled)
    assert extract._BATCHES == {}  # the batch is not kept in memory after the call


def test_one_pool_extracts_several_batches_with_the_same_workers():
    batches = [[_page(n) for n in range(k, k + 40)] for k in (0, 40)]
    with extract.ExtractionPool(Settings(workers=2, languages=())) as pool:
        first = pool.submit(batches[0])  # the workers are forked here, with this batch
        workers = sorted(pool._pool._processes)
        second = pool.submit(batches[1])  # returns at once: its pages are sent to the same workers
        assert extract._BATCHES == {}
        results = [second.result(), first.result()]  # in any order
        assert sorted(pool._pool._processes) == workers and len(workers) == 2
    assert pool._pool is None  # closed with the block
    assert results == [extract.extract_all(b, Settings(workers=1, languages=())) for b in reversed(batches)]


def test_a_small_batch_is_extracted_at_submit_without_a_pool():
    pages = [_page(n) for n in range(4)]
    with extract.ExtractionPool(Settings(workers=2, languages=())) as pool:
        done = pool.submit(pages)
        assert pool._pool is None
        assert done.result() == extract.extract_all(pages, Settings(workers=1, languages=()))


def test_a_worker_lets_the_inherited_batch_go_with_its_first_chunk_of_a_later_batch():
    """What a worker runs for a later batch's chunk (here called in this process, as a worker would):
    the first batch's pages it inherited at the fork are dropped; the chunk is extracted as usual."""
    inherited = [_page(n) for n in range(8)]
    later = [_page(n) for n in range(8, 12)]
    settings = Settings(workers=1, languages=())
    extract._BATCHES[id(inherited)] = (inherited, settings, [False] * len(inherited))
    try:
        out = extract._extract_sent_to_worker(later, settings, [False] * len(later))
        assert extract._BATCHES == {}
        assert out == extract._extract_sent(later, settings, [False] * len(later))
    finally:
        extract._BATCHES.clear()

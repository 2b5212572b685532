"""Clean-stage speed on the extraction dev pages, as ratios against plain trafilatura.

    .venv/bin/python bench/clean_speed.py [--limit N] [--workers 2] [--rounds 2]

Figures in pages/s, each with its ratio to plain trafilatura measured in this process:
  1. trafilatura.extract(html_bytes, include_comments=False), one process      (the baseline)
  2. wirehouse.clean.extract.extract_html(html_bytes), one process            (extraction alone)
  3. trafilatura.extract on a pool of --workers processes                      (the pool baseline)
  4. extract_all + dedup.mark_duplicates on a pool of --workers processes      (the whole clean
     stage: Page -> Article/Rejected, then duplicate marking), compared with 3 (per process)
1 and 2 alternate for --rounds rounds and keep the best of each; so do 3 and 4: other jobs on
the machine slow both sides alike. Results: bench/RESULTS.md, section "Cleaning".
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "extraction"


def load_pages(limit: int):
    cases = [json.loads(line) for line in (DEV / "cases.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    cases.sort(key=lambda c: c["id"])
    if limit:
        cases = cases[:limit]
    return [(c.get("url") or f"https://dev.invalid/{c['id']}", gzip.decompress((DEV / c["html"]).read_bytes())) for c in cases]


def _trafilatura_chunk(htmls: list[bytes]) -> int:
    from trafilatura import extract  # noqa: PLC0415

    return sum(extract(html, include_comments=False) is not None for html in htmls)


def rate(n: int, seconds: float) -> float:
    return n / seconds if seconds > 0 else float("inf")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=300, help="dev pages to use (0 = all 990)")
    ap.add_argument("--workers", type=int, default=2, help="processes for the whole clean stage")
    ap.add_argument("--rounds", type=int, default=2, help="alternating timing rounds (best of each is kept)")
    args = ap.parse_args()
    if not DEV.exists():
        raise SystemExit(f"no extraction dev set at {DEV} (../shared is absent)")

    from trafilatura import extract

    from wirehouse.clean.dedup import mark_duplicates
    from wirehouse.clean.extract import extract_all, extract_html
    from wirehouse.records import Page, Rejected
    from wirehouse.settings import Settings

    docs = load_pages(args.limit)
    n = len(docs)
    extract(docs[0][1], include_comments=False)  # warm-up: imports, lazy tables
    extract_html(docs[0][1])

    def time_base() -> float:
        t0 = time.perf_counter()
        for _, html in docs:
            extract(html, include_comments=False)
        return time.perf_counter() - t0

    def time_ours() -> float:
        t0 = time.perf_counter()
        for url, html in docs:
            extract_html(html, url=url)
        return time.perf_counter() - t0

    # alternate the two, best of --rounds each: other jobs on the machine slow both alike
    base_s, ours_s = [], []
    for _ in range(args.rounds):
        base_s.append(time_base())
        ours_s.append(time_ours())
    base, ours = rate(n, min(base_s)), rate(n, min(ours_s))

    now = datetime.now(timezone.utc)
    pages = [Page(url=url, final_url=url, status=200, body=html, fetched_at=now, content_type="text/html")
             for url, html in docs]
    settings = Settings(languages=(), workers=args.workers)
    chunks = [[html for _, html in docs[i : i + 16]] for i in range(0, n, 16)]

    def time_pool_base() -> float:
        t0 = time.perf_counter()
        with ProcessPoolExecutor(args.workers, mp_context=multiprocessing.get_context("fork")) as pool:
            sum(pool.map(_trafilatura_chunk, chunks))
        return time.perf_counter() - t0

    result: dict = {}

    def time_stage() -> float:
        t0 = time.perf_counter()
        outs = extract_all(pages, settings)
        articles = mark_duplicates([o for o in outs if not isinstance(o, Rejected)],
                                   max_distance=settings.near_duplicate_distance)
        elapsed = time.perf_counter() - t0
        result["rejected"] = sum(isinstance(o, Rejected) for o in outs)
        result["articles"] = len(articles)
        result["duplicates"] = sum(a.duplicate_of is not None for a in articles)
        return elapsed

    pool_s, stage_s = [], []
    for _ in range(args.rounds):
        pool_s.append(time_pool_base())
        stage_s.append(time_stage())
    pool_base, stage = rate(n, min(pool_s)), rate(n, min(stage_s))

    w = args.workers
    print(f"pages={n} workers={w} rounds={args.rounds}")
    print(f"trafilatura.extract (1 process)   {base:7.1f} pages/s  ratio 1.00")
    print(f"extract_html (1 process)          {ours:7.1f} pages/s  ratio {ours / base:.2f}")
    print(f"trafilatura.extract ({w} processes) {pool_base:7.1f} pages/s  ratio 1.00 (pool baseline)")
    print(f"clean stage ({w} processes)         {stage:7.1f} pages/s  ratio {stage / pool_base:.2f} to the pool "
          f"baseline, {stage / w / base:.2f} per process to 1 process  (articles={result['articles']} "
          f"rejected={result['rejected']} duplicates={result['duplicates']})")


if __name__ == "__main__":
    main()

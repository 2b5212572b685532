"""Where the extraction of a page spends its CPU, step by step, against trafilatura alone.

    .venv/bin/python bench/extract_profile.py [FOLDER ...] [--every K] [--cprofile N]

FOLDER: folders of saved pages (``.html`` or ``.html.gz``); default the 990 pages of
../shared/eval/extraction/pages and the 326 of ../shared/eval/extraction_news/pages. In one
process, each page (every K-th with ``--every``) is extracted twice, one right after the other:
``trafilatura.extract(html, include_comments=False)`` (the ceiling's call) and
``extract_article`` (as a run calls it, with the page's text blocks listed when another page of
its site is in the set). Each step of ``extract_html`` and of the main-text choice is timed with
``time.process_time`` by wrapping the functions ``extract_html`` calls (the code is not changed);
a step inside another is indented under it. With ``--cprofile N``, the N functions of the
largest cumulative time under cProfile are printed too (a second pass, ours only).

Printed: CPU seconds per step (and per page), how often each main-text outcome was chosen, and
ours against trafilatura's total.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import pstats
import re
import sys
import time
from collections import Counter, defaultdict
from datetime import datetime, timezone
from functools import wraps
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
DEFAULT = [SHARED / "extraction" / "pages", SHARED / "extraction_news" / "pages"]

_SPENT: dict[str, float] = defaultdict(float)
_CALLS: Counter = Counter()
_STACK: list[str] = []
_CHILDREN: dict[str, list[str]] = defaultdict(list)  # step -> the steps first called inside it


def _timed(name: str, fn):
    @wraps(fn)
    def wrapper(*args, **kwargs):
        parent = _STACK[-1] if _STACK else ""
        if name not in _CHILDREN[parent]:
            _CHILDREN[parent].append(name)
        _STACK.append(name)
        started = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            _SPENT[name] += time.process_time() - started
            _CALLS[name] += 1
            _STACK.pop()

    return wrapper


def instrument() -> None:
    """Wrap the steps of the extraction in timers (module attributes, as the code looks them up)."""
    from wirehouse.clean import candidates, extract

    for module, names in (
        (extract, ["extract_html", "_parse", "decode_html", "shorten_long_tags", "load_tree", "ascii_source",
                   "page_nodes", "_canonical_url", "_page_type", "page_kind", "page_metadata",
                   "_drop_comment_sections", "choose_main_text", "clean_text", "page_blocks", "publication_date",
                   "detect_language", "find_dateline", "rejection", "canonical_url", "fingerprints"]),
        (candidates, ["density_text", "readability_text", "agreement"]),
    ):
        for name in names:
            if hasattr(module, name):
                setattr(module, name, _timed(name, getattr(module, name)))
    # the fast and the full trafilatura calls apart
    original = candidates.trafilatura_text
    main, cascade = _timed("trafilatura_text(fast)", original), _timed("trafilatura_text(cascade)", original)

    def trafilatura_text(tree, url, *, fast):
        return (main if fast else cascade)(tree, url, fast=fast)

    candidates.trafilatura_text = trafilatura_text


def pages_of(folders: list[Path]) -> list[tuple[str, bytes]]:
    out = []
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if re.search(r"\.html?(\.gz)?$", p.name, re.I)):
            data = path.read_bytes()
            out.append((path.name, gzip.decompress(data) if path.suffix == ".gz" else data))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", type=Path, nargs="*", default=DEFAULT)
    parser.add_argument("--every", type=int, default=1, help="every K-th page only")
    parser.add_argument("--cprofile", type=int, default=0, help="print the N costliest functions (cumulative)")
    args = parser.parse_args()

    from trafilatura import extract

    from wirehouse.clean import extract as ours
    from wirehouse.crawl.urls import domain_of
    from wirehouse.records import Page
    from wirehouse.settings import Settings

    settings = Settings()
    pages = pages_of(args.folders)[:: args.every]
    now = datetime.now(timezone.utc)
    batch = [Page(url=f"file:///pages/{name}", final_url=f"file:///pages/{name}", status=200, body=html,
                  content_type="text/html", charset=None, fetched_at=now) for name, html in pages]
    sites = Counter(domain_of(p.url) for p in batch)
    learn = [sites[domain_of(p.url)] >= 2 for p in batch]
    extract(pages[0][1], include_comments=False)  # warm up both sides: imports, lazy tables
    ours.extract_article(batch[0], settings, blocks=True)
    ours._warm_up()
    instrument()

    from wirehouse.clean import candidates

    chosen: Counter = Counter()
    timed_choice = ours.choose_main_text

    def counting(tree, url=None):
        choice = timed_choice(tree, url)
        chosen[choice.chosen if choice.chosen == candidates.CASCADE else f"main, {list(choice.candidates)[-1]} agrees"] += 1
        return choice

    ours.choose_main_text = counting
    theirs = mine = 0.0
    for (_, html), page, blocks in zip(pages, batch, learn):
        started = time.process_time()
        extract(html, include_comments=False)
        middle = time.process_time()
        ours.extract_article(page, settings, blocks=blocks)
        theirs += middle - started
        mine += time.process_time() - middle
    n = len(pages)
    print(f"{n} pages, one process, CPU seconds (time.process_time)")
    print(f"{'step':44} {'s':>8} {'ms/page':>8} {'calls':>6}")
    print(f"{'trafilatura.extract (the ceiling)':44} {theirs:8.2f} {1000 * theirs / n:8.2f} {n:6d}")
    print(f"{'extract_article (ours, whole)':44} {mine:8.2f} {1000 * mine / n:8.2f} {n:6d}")

    def show(parent: str, level: int) -> None:
        for name in _CHILDREN[parent]:
            label = "  " * level + name
            print(f"{label:44} {_SPENT[name]:8.2f} {1000 * _SPENT[name] / n:8.2f} {_CALLS[name]:6d}")
            show(name, level + 1)

    show("", 1)
    print("main-text outcome: " + ", ".join(f"{k} {v}" for k, v in chosen.most_common()))
    print(f"ours / trafilatura: {mine / theirs:.2f} (trafilatura / ours {theirs / mine:.2f})")
    if args.cprofile:
        profile = cProfile.Profile()
        profile.enable()
        for page, blocks in zip(batch, learn):
            ours.extract_article(page, settings, blocks=blocks)
        profile.disable()
        pstats.Stats(profile, stream=sys.stdout).sort_stats("cumulative").print_stats(args.cprofile)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What the long-start-tag pass (``clean.extract.shorten_long_tags``) costs on real pages.

    .venv/bin/python bench/long_tags_cost.py [--pages 80] [--rounds 3]

``extract_html`` CPU time over the first N pages of ../shared/eval/extraction/pages, with the
pass and with it replaced by the identity, alternating for --rounds rounds (best of each kept).
Prints the ratio with/without, and on how many pages the extracted text differs. Results: bench/RESULTS.md, section "Fuzzing".
"""

from __future__ import annotations

import argparse
import gzip
import time
from pathlib import Path

import wirehouse.clean.extract as extract

PAGES = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "extraction" / "pages"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=80)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    files = sorted(PAGES.glob("*.html.gz"))[: args.pages]
    if not files:
        raise SystemExit(f"no pages in {PAGES}")
    pages = [gzip.decompress(f.read_bytes()) for f in files]
    for page in pages[:5]:
        extract.extract_html(page)  # warm up
    original = extract.shorten_long_tags
    best = {"with": float("inf"), "without": float("inf")}
    changed = sum(original(extract.decode_html(p)[0]) != extract.decode_html(p)[0] for p in pages)
    for _ in range(args.rounds):
        for mode in best:
            extract.shorten_long_tags = original if mode == "with" else (lambda text: text)
            start = time.process_time()
            for page in pages:
                extract.extract_html(page)
            best[mode] = min(best[mode], time.process_time() - start)
    extract.shorten_long_tags = lambda text: text
    plain = [extract.extract_html(p).text for p in pages]
    extract.shorten_long_tags = original
    differ = sum(extract.extract_html(p).text != t for p, t in zip(pages, plain))
    print(f"extracted text differs on {differ} of {len(pages)} pages")
    print(f"{len(pages)} pages ({changed} with a start tag over {extract.MAX_TAG_CHARS} characters): "
          f"{best['with']:.2f} s with the pass, {best['without']:.2f} s without, ratio {best['with'] / best['without']:.3f}")


if __name__ == "__main__":
    main()

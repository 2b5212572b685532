"""What hashing a saved page once costs against hashing it twice (at planning, and again when its
batch reads it, as before): CPU of planning a folder (``iter_html_dir``, which hashes every file)
and of reading its pages (``read_html_files``) with the planned references, and with references
that carry no modification time (the reader cannot tell the file is unchanged and hashes it again),
in alternate rounds in one process.

    .venv/bin/python bench/html_dir_hashing.py --html-dir DIR [--rounds 3]
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from pathlib import Path

from wirehouse.crawl.sources import iter_html_dir, read_html_files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--html-dir", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    best = {"plan": float("inf"), "read, hashed once": float("inf"), "read, hashed again": float("inf")}
    for _ in range(args.rounds):
        t0 = time.process_time()
        planned = list(iter_html_dir(args.html_dir))
        best["plan"] = min(best["plan"], time.process_time() - t0)
        unknown = [dataclasses.replace(f, mtime_ns=None) for f in planned]
        for label, refs in (("read, hashed once", planned), ("read, hashed again", unknown)):
            t0 = time.process_time()
            pages = read_html_files(refs)
            best[label] = min(best[label], time.process_time() - t0)
        assert [p.digest for p in read_html_files(planned)] == [p.digest for p in pages]  # same results
    size = sum(f.size for f in planned)
    once, twice = best["plan"] + best["read, hashed once"], best["plan"] + best["read, hashed again"]
    print(f"{len(planned)} files, {size / 1e6:.1f} MB, best of {args.rounds} rounds (CPU s): plan {best['plan']:.3f}, "
          f"read hashed once {best['read, hashed once']:.3f}, read hashed again {best['read, hashed again']:.3f}; "
          f"plan+read {once:.3f} against {twice:.3f} (ratio {once / twice:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""News articles kept as plain text (title, URL, text) written out as simple HTML pages, so that they
go through the real pipeline (`wirehouse run --html-dir`) like saved pages.

    python bench/unseen_pages.py ../shared/eval/geo/lgl_dev.jsonl ../shared/eval/geo/gwn.jsonl --out /tmp/unseen
    wirehouse run --html-dir /tmp/unseen/lgl_dev --db /tmp/unseen-lgl.duckdb

Each input line is a JSON object with "title", "url" and "text" (the geoparsing sets of
``../shared/eval/geo/``: local and world news never used for event relevance). A page gets its URL
as the canonical link, its title as heading, its text in paragraphs (split on new lines, or into
runs of about five sentences when it has none), and a publication date when its URL names one
("/2018/01/22/", "/20090324/"); otherwise it is left undated.
"""

from __future__ import annotations

import argparse
import html
import json
import re
from pathlib import Path

_URL_DATE = (re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/([0-2]\d|3[01])(?:/|$)"),
             re.compile(r"/((?:19|20)\d\d)(0[1-9]|1[0-2])([0-2]\d|3[01])(?:/|$)"),
             re.compile(r"/((?:19|20)\d\d)-(0[1-9]|1[0-2])-([0-2]\d|3[01])(?:[/-]|$)"))
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘])")


def url_date(url: str) -> str | None:
    """The ISO date a URL's path names, if any."""
    for pattern in _URL_DATE:
        m = pattern.search(url)
        if m:
            return "-".join(m.groups())
    return None


def paragraphs(text: str) -> list[str]:
    lines = [s.strip() for s in text.split("\n") if s.strip()]
    if len(lines) > 1:
        return lines
    sentences = _SENTENCE.split(text.strip())
    return [" ".join(sentences[k:k + 5]) for k in range(0, len(sentences), 5)]


def page(row: dict) -> str:
    esc = html.escape
    url, title = row.get("url") or "", row.get("title") or ""
    day = url_date(url)
    dated = f'<meta property="article:published_time" content="{day}">\n' if day else ""
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs(row.get("text") or ""))
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n<title>{esc(title)}</title>\n'
            f'<link rel="canonical" href="{esc(url)}">\n<meta property="og:type" content="article">\n{dated}'
            f'</head><body><article><h1>{esc(title)}</h1>\n{body}\n</article></body></html>\n')


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", type=Path, nargs="+", help="JSON lines with title, url and text")
    ap.add_argument("--out", type=Path, required=True, help="one sub-folder per input file is written here")
    args = ap.parse_args()
    for path in args.files:
        folder = args.out / path.stem
        folder.mkdir(parents=True, exist_ok=True)
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
        dated = 0
        for k, row in enumerate(rows):
            (folder / f"{k:04d}.html").write_text(page(row), encoding="utf-8")
            dated += url_date(row.get("url") or "") is not None
        print(f"{path.name}: {len(rows)} pages ({dated} dated from their URL) in {folder}")


if __name__ == "__main__":
    main()

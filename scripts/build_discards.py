#!/usr/bin/env python
"""Regenerate ``src/wirehouse/enrich/data/discards.csv`` from the PETRARCH-2 discard list (dev-only).

Reads ``Phoenix.discards.txt`` (PETRARCH-2, MIT, Open Event Data Alliance) from
``../shared/reference/petrarch_dictionaries`` and writes one row per phrase with its scope:
``story`` (the entry starts with "+": the whole story is not coded) or ``sentence``.
Left out: commented entries, bare years (the enricher has its own rule for sentences about
earlier years, relative to the article's date), "... ago", "... later" and the world wars (a
current event often names an earlier one: "lifted the emergency imposed six months ago", "the
worst fighting since World War Two") and entries shorter than three letters.

Usage: python scripts/build_discards.py [--reference ../shared/reference]
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "wirehouse" / "enrich" / "data" / "discards.csv"
YEAR = re.compile(r"^\d{4}$")
RELATIVE = re.compile(r"\b(ago|later)$|world war")


def parse(path: Path) -> list[tuple[str, str]]:
    rows: dict[str, str] = {}
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        scope = "story" if line.startswith("+") else "sentence"
        phrase = re.sub(r"\s+", " ", line.lstrip("+").replace("_", " ")).strip().lower()
        if YEAR.match(phrase) or RELATIVE.search(phrase) or len(phrase.replace(" ", "")) < 3:
            continue
        if rows.get(phrase) != "story":
            rows[phrase] = scope
    return sorted(rows.items())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference", type=Path, default=REPO.parent / "shared" / "reference")
    args = ap.parse_args()
    rows = parse(args.reference / "petrarch_dictionaries" / "Phoenix.discards.txt")
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        f.write("# Derived from PETRARCH-2 Phoenix.discards.txt (MIT, Open Event Data Alliance) by scripts/build_discards.py\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["phrase", "scope"])
        w.writerows(rows)
    print(f"wrote {len(rows)} phrases to {OUT}")


if __name__ == "__main__":
    main()

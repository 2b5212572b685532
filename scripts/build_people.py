#!/usr/bin/env python
"""Regenerate ``src/wirehouse/enrich/data/people.csv`` from the PETRARCH-2 actor lists (dev-only).

Reads the person and office entries of ``Phoenix.Countries.actors.txt`` and
``Phoenix.International.actors.txt`` (PETRARCH-2, MIT, Open Event Data Alliance; generated there
from CountryInfo) in ``../shared/reference/petrarch_dictionaries``: a block of names ("VLADIMIR_PUTIN_",
"+PRESIDENT_PUTIN_") followed by indented codes with date ranges ("[RUSGOV >080508]",
"[RUSELI 700101-990809]"). Writes one row per name and code: phrase, code, start, end (ISO dates;
empty when open). Codes of former states are given their successor's (TMP -> TLS, USR -> RUS,
YUG -> SRB, ...). Country-name entries (codes on the name's own line) are left to
``country_aliases.csv``. Two-digit years up to 20 are read as 20xx, the others as 19xx.

Usage: python scripts/build_people.py [--reference ../shared/reference]
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "wirehouse" / "enrich" / "data" / "people.csv"
# codes of former states in the source -> the code the product uses for their successor
LEGACY = {"TMP": "TLS", "USR": "RUS", "SUN": "RUS", "DDR": "DEU", "CSK": "CZE", "YUG": "SRB"}
CODE = re.compile(r"\[([A-Z0-9]{3,15})(?:\s+([<>]?)(\d{6,8})(?:-(\d{6,8}))?)?\s*\]")


def _date(s: str) -> str | None:
    if len(s) == 6:
        yy = int(s[:2])
        y, md = (2000 + yy if yy <= 20 else 1900 + yy), s[2:]
    elif len(s) == 8:
        y, md = int(s[:4]), s[4:]
    else:
        return None
    m, d = int(md[:2]), int(md[2:])
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{m:02d}-{min(d, 28 if m == 2 else 30 if m in (4, 6, 9, 11) else 31):02d}"


def _phrase(raw: str) -> str:
    name = raw.split("#", 1)[0].strip().lstrip("+").strip()
    return re.sub(r"\s+", " ", name.replace("_", " ")).strip()


def parse(path: Path) -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []
    names: list[str] = []
    codes: list[tuple[str, str, str]] = []
    inline = False  # inside a block whose head carries its code on its own line

    def flush():
        for n in names:
            for c in codes:
                rows.append((n, *c))

    for raw in path.read_text(encoding="latin-1").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if raw[0] in " \t":
            for m in CODE.finditer(raw):
                code, op, a, b = m.groups()
                if len(code) < 3 or not code[:3].isalpha():
                    continue
                code = LEGACY.get(code[:3], code[:3]) + code[3:]
                if a and (_date(a) is None or (b and _date(b) is None)):
                    continue  # an unreadable date: leave the entry out rather than guess
                start = end = ""
                if op == ">":
                    start = _date(a)
                elif op == "<":
                    end = _date(a)
                elif a:
                    start, end = _date(a), _date(b) if b else ""
                codes.append((code, start, end))
            continue
        if codes:
            flush()
            names, codes = [], []
        if not raw.startswith("+"):
            inline = "[" in raw  # a name with its code on the same line: a country or an organisation
            names = []
        if inline:
            continue
        name = _phrase(raw)
        if name and len(name.replace(" ", "")) >= 3:
            names.append(name)
    if codes:
        flush()
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference", type=Path, default=REPO.parent / "shared" / "reference")
    args = ap.parse_args()
    src = args.reference / "petrarch_dictionaries"
    rows = []
    for name in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt"):
        rows.extend(parse(src / name))
    seen, out = set(), []
    for r in rows:
        key = (r[0].lower(), r[1], r[2], r[3])
        if key not in seen:
            seen.add(key)
            out.append(r)
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        f.write("# Derived from PETRARCH-2 Phoenix.Countries.actors.txt and Phoenix.International.actors.txt "
                "(MIT, Open Event Data Alliance) by scripts/build_people.py\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["phrase", "code", "start", "end"])
        w.writerows(out)
    print(f"wrote {len(out)} rows ({len({r[0].lower() for r in out})} names) to {OUT}")


if __name__ == "__main__":
    main()

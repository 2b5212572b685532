"""The shown events one code base adds or removes against another, with their judgements.

    python bench/judged_events.py sample --db BEFORE.duckdb --n 1000 --out bench/judged_events_tmp_before.jsonl
    python bench/judged_events.py sample --db AFTER.duckdb --n 1000 --out bench/judged_events_tmp_after.jsonl
    python bench/judged_events_diff.py --before bench/judged_events_tmp_before.jsonl \
        --after bench/judged_events_tmp_after.jsonl --out bench/judged_events_local_new.jsonl

An event (same article, sentence, source, code and target, ``judged_events.key``) shown after and
not before is "newly shown", or "recoded" when the sentence showed another event before; one shown
before and not after is "no longer shown" or "recoded away". Each row keeps the judgement the
sampled file carries (empty when not judged yet) and gets a ``change`` field; the shares of both
sides are printed (`judged_events.score_rows`).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from judged_events import key, score_rows


def rows(path: Path) -> dict[tuple, dict]:
    return {key(r): r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r}


def diff(before: dict[tuple, dict], after: dict[tuple, dict]) -> list[dict]:
    sentences = {side: {(r["article_url"], r["sentence_start"]) for r in rs.values()}
                 for side, rs in (("before", before), ("after", after))}
    out = [dict(r, change="recoded" if (r["article_url"], r["sentence_start"]) in sentences["before"]
                else "newly shown") for k, r in after.items() if k not in before]
    out += [dict(r, change="recoded away" if (r["article_url"], r["sentence_start"]) in sentences["after"]
                 else "no longer shown") for k, r in before.items() if k not in after]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", type=Path, nargs="+", required=True)
    ap.add_argument("--after", type=Path, nargs="+", required=True)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    out = []
    for b, a in zip(args.before, args.after, strict=True):
        before, after = rows(b), rows(a)
        out += diff(before, after)
        print(f"{b.name}: {score_rows(list(before.values()))}")
        print(f"{a.name}: {score_rows(list(after.values()))}")
    with open(args.out, "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for change in ("newly shown", "recoded", "no longer shown", "recoded away"):
        part = [r for r in out if r["change"] == change]
        print(f"{change}: {score_rows(part)}")


if __name__ == "__main__":
    main()

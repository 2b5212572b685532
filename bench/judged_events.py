"""A judged sample of coded events from real news pages: the share a careful CAMEO coder accepts.

    # 1. load the pages:  wirehouse run --html-dir PAGES --db /tmp/judged.duckdb
    python bench/judged_events.py sample --db /tmp/judged.duckdb [--n 120] [--seed 15]  # -> new rows to judge
    python bench/judged_events.py score [--file bench/judged_events.jsonl ...]          # -> the shares
    python bench/judged_events.py score --file F --split-by OTHER.duckdb   # -> shares of the rows OTHER shows / hides

``sample`` draws events at random (seeded) from the warehouse's ``v_event`` view (the political
events analysts see; flagged events are left out) and writes them to ``--out``, with the judgement
of an identical event (same article, sentence, source, code and target) copied from the earlier
rounds (``bench/judged_events*.jsonl``, the file written over included) and empty judgements for
the rest; a person fills those in
by the rules in ``bench/JUDGING.md``. It also prints how many events are shown and how many are
flagged, by reason. ``score`` recomputes the shares from the judged file: political events,
political with the right root, and with the right source and target too; with ``--split-by`` it
gives them separately for the judged events another warehouse still shows (``v_event``) and for
those it does not (a before/after of the same sample: what a change of code hid).

Files: ``judged_events_merged_rules.jsonl`` and ``judged_events_extraction_pages_merged_rules.jsonl``
(the latest round), ``judged_events_merged.jsonl`` and ``judged_events_extraction_pages_merged.jsonl``
(the merged code before its own rules), ``judged_events.jsonl`` and
``judged_events_extraction_pages.jsonl`` (the last round before the merge),
``judged_events_baseline.jsonl`` (before any relevance rule), ``judged_events_round1.jsonl`` (events
dropped outright, before flagging), ``judged_events_round2.jsonl`` ... (later rounds; see
``bench/JUDGING.md``).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIELDS = ("political", "root_ok", "source_ok", "target_ok")


def sample(db: Path, n: int, seed: int, out: Path) -> None:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(
        "select article_url, sentence_start, sentence_end, source_actor, cameo_code, target_actor, sentence "
        "from v_event order by article_url, sentence_start, cameo_code, source_actor nulls first, "
        "target_actor nulls first").fetchall()
    flagged = con.execute("select flag_reason, count(*) from fact_event where not political group by 1 "
                          "order by 2 desc, 1").fetchall()
    picked = random.Random(seed).sample(rows, min(n, len(rows)))
    earlier = earlier_judgements(out)
    reused = 0
    with open(out, "w", encoding="utf-8") as f:
        for url, s, e, src, code, tgt, sentence in picked:
            row = {"article_url": url, "sentence_start": s, "sentence_end": e, "source": src, "code": code,
                   "target": tgt, "sentence": sentence, **{k: None for k in FIELDS}, "note": ""}
            old = earlier.get(key(row))
            if old is not None:
                row.update({k: old[k] for k in (*FIELDS, "note")})
                reused += 1
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(picked)} of {len(rows)} shown events written to {out} (seed {seed}); "
          f"{reused} judgements reused from earlier rounds")
    print(f"flagged (not shown): {sum(c for _, c in flagged)}: " + ", ".join(f"{r} {c}" for r, c in flagged))


def key(row: dict) -> tuple:
    return row["article_url"], row["sentence_start"], row["source"], row["code"], row["target"]


def earlier_judgements(out: Path) -> dict[tuple, dict]:
    """Judged rows of the earlier rounds: every ``judged_events*.jsonl`` beside ``out``, ``out``
    itself included (it is read before it is written over, so no judgement is lost)."""
    found: dict[tuple, dict] = {}
    for path in sorted(out.parent.glob("judged_events*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                if r["political"] is not None:
                    found.setdefault(key(r), r)
    return found


def score(paths: Path | list[Path]) -> dict[str, float]:
    """The shares of one judged file, or of several together (rows not judged yet are left out)."""
    return score_rows([json.loads(line) for path in ([paths] if isinstance(paths, Path) else paths)
                       for line in path.read_text(encoding="utf-8").splitlines() if line.strip()])


def score_rows(rows: list[dict]) -> dict[str, float]:
    """The shares of judged rows (rows not judged yet are left out)."""
    judged = [r for r in rows if r["political"] is not None]
    n = len(judged)
    political = [r for r in judged if r["political"]]
    root = [r for r in political if r["root_ok"]]
    triple = [r for r in root if r["source_ok"] and r["target_ok"]]
    out = {"judged": n, "political": len(political), "political_root_ok": len(root), "triple_ok": len(triple)}
    for k in ("political", "political_root_ok", "triple_ok"):
        out[f"share_{k}"] = round(out[k] / n, 3) if n else 0.0
    return out


def split_by(paths: list[Path], db: Path) -> dict[str, dict[str, float]]:
    """The shares of the judged rows another warehouse shows, and of those it does not show."""
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        shown = set(con.execute("select article_url, sentence_start, source_actor, cameo_code, target_actor "
                                "from v_event").fetchall())
    parts: dict[str, list[dict]] = {"shown": [], "not shown": []}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                parts["shown" if key(row) in shown else "not shown"].append(row)
    return {name: score_rows(rows) for name, rows in parts.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--db", type=Path, required=True)
    s.add_argument("--n", type=int, default=120)
    s.add_argument("--seed", type=int, default=15)
    s.add_argument("--out", type=Path, default=HERE / "judged_events.jsonl")
    c = sub.add_parser("score")
    c.add_argument("--file", type=Path, nargs="+", default=[HERE / "judged_events.jsonl"],
                   help="one judged file, or several to score together")
    c.add_argument("--split-by", type=Path, metavar="DB",
                   help="score apart the judged events this warehouse shows and those it does not")
    args = ap.parse_args()
    if args.cmd == "sample":
        sample(args.db, args.n, args.seed, args.out)
    elif args.split_by is not None:
        for name, shares in split_by(args.file, args.split_by).items():
            print(f"{name} in {args.split_by}: " + " ".join(f"{k}={v}" for k, v in shares.items()))
    else:
        for k, v in score(args.file).items():
            print(f"{k}={v}")


if __name__ == "__main__":
    main()

"""Re-code the judged events' sentences with the current coder and count what changed.

For each judged row with ``political`` true, the sentence is coded alone (shown and flagged events
together: the question is the root, not the relevance gate). The coded event compared is the one
with the judged row's source when there is one, else the sentence's first. The right root of a
row the judge rejected is read from the judge's note (codes in brackets, "(08)", "(01/11)"; "no
CAMEO root" for staffing); rows whose note names none are counted apart.

    .venv/bin/python bench/recode_judged.py [--show] [--flag REASON] [FILE ...]

Prints: rows with the wrong root that now get the right one, rows with the right root that lost
it, and with ``--show`` every row whose code changed, for judging by bench/JUDGING.md. With
``--flag REASON`` it also counts, over every judged row (political or not), those whose coded event
(the sentence coded alone) carries that flag reason, by judgement: not political, political with
the right root, political with the wrong root; run it on two versions of the code for a
before/after of a flag.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from wirehouse.enrich import Enricher

BENCH = Path(__file__).resolve().parent
DEFAULT = ["judged_events_precision.jsonl", "judged_events_extraction_pages_precision.jsonl",
           "judged_events_unseen_lgl.jsonl", "judged_events_unseen_gwn.jsonl",
           "judged_events_unseen_lgl_rules.jsonl", "judged_events_unseen_gwn_rules.jsonl",
           "judged_events_merged.jsonl", "judged_events_merged_rules.jsonl",
           "judged_events_extraction_pages_merged.jsonl", "judged_events_extraction_pages_merged_rules.jsonl"]
NO_ROOT = re.compile(r"no CAMEO root|has no root|no root\b", re.I)


def right_roots(note: str) -> set[str] | None:
    """The roots the judge's note gives in brackets; {""} for "no CAMEO root"; None when unstated."""
    if NO_ROOT.search(note):
        return {""}
    roots = set()
    for group in re.findall(r"\(([^)]*)\)", note):
        roots.update(c[:2] for c in re.findall(r"\b(\d{2,4})\b", group))
    return roots or None


def coded_event(enricher: Enricher, sentence: str, source: str | None):
    enr = enricher.enrich(sentence)
    evs = list(enr.events) + list(enr.flagged)
    if not evs:
        return None
    same = [e for e in evs if e.source_actor == source]
    return (same or evs)[0]


def coded(enricher: Enricher, sentence: str, source: str | None) -> str:
    ev = coded_event(enricher, sentence, source)
    return ev.root_code if ev is not None else ""


def count_flag(enricher: Enricher, files: list[Path], reason: str, show: bool) -> None:
    """Judged rows whose event, coded from the sentence alone, carries the flag ``reason``."""
    seen: set[tuple[str, str, str | None]] = set()
    total: dict[str, int] = {}
    flagged: dict[str, int] = {}
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            if r.get("political") is None:
                continue
            key = (r["sentence"], r["code"], r["source"])
            if key in seen:
                continue
            seen.add(key)
            kind = ("not political" if not r["political"] else
                    "political, right root" if r["root_ok"] else "political, wrong root")
            total[kind] = total.get(kind, 0) + 1
            ev = coded_event(enricher, r["sentence"], r["source"])
            if ev is not None and ev.flag == reason:
                flagged[kind] = flagged.get(kind, 0) + 1
                if show:
                    print(f"FLAGGED {reason} [{kind}] {r['code']} | {r['sentence'][:160]} | {r.get('note', '')[:80]}")
    for kind in ("not political", "political, right root", "political, wrong root"):
        print(f"flag {reason}: {kind}: {flagged.get(kind, 0)} of {total.get(kind, 0)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--flag", help="also count judged rows whose coded event carries this flag reason")
    args = ap.parse_args(argv)
    files = [Path(f) for f in args.files] or [BENCH / f for f in DEFAULT]
    enricher = Enricher.load()
    if args.flag:
        count_flag(enricher, files, args.flag, args.show)
    seen: set[tuple[str, str, str | None]] = set()
    n_wrong = fixed = unstated = unstated_changed = n_right = lost = 0
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            if not r.get("political"):
                continue
            key = (r["sentence"], r["code"], r["source"])
            if key in seen:
                continue  # the same event judged in several rounds counts once
            seen.add(key)
            old = r["code"][:2]
            new = coded(enricher, r["sentence"], r["source"])
            if r["root_ok"]:
                n_right += 1
                if new != old:
                    lost += 1
                    if args.show:
                        print(f"LOST   {r['code']} -> {new or '-'} | {r['sentence'][:160]}")
                continue
            n_wrong += 1
            want = right_roots(r.get("note", ""))
            if want is not None:
                want.discard(old)  # "not consultation (040)": the note quoting the code it rejects
            if not want:
                unstated += 1
                unstated_changed += new != old
                if args.show and new != old:
                    print(f"CHANGED(unstated) {r['code']} -> {new or '-'} | {r['sentence'][:160]} | {r['note']}")
                continue
            if new in want:
                fixed += 1
                if args.show:
                    print(f"FIXED  {r['code']} -> {new or '-'} | {r['sentence'][:160]}")
            elif args.show and new != old:
                print(f"OTHER  {r['code']} -> {new or '-'} (want {'/'.join(sorted(want))}) | {r['sentence'][:160]}")
    print(f"political rows (distinct events): {n_wrong + n_right}")
    print(f"wrong root: {n_wrong}, right root stated in the note: {n_wrong - unstated}, "
          f"now right: {fixed}; root not stated: {unstated}, changed: {unstated_changed}")
    print(f"right root: {n_right}, now lost: {lost}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Geoparsing failures of a dev set, one line each, and Acc@161 / F1 on all documents or one half.

    python bench/geo_failures.py [--data ../shared/eval/geo/lgl_dev.jsonl ...] [--half even|odd]
                                 [--list] [--classes] [--out FILE.jsonl]

Texts are enriched in process as ``wirehouse enrich`` does; gold and predictions are matched as
``../shared/eval/geo/score.py`` matches them (its own functions, imported from there), so the
figures equal that scorer's. ``--half even`` keeps the documents on even lines (0, 2, ...),
``odd`` the others: tune on one half, read the other. ``--list`` prints every failure: the gold
name and point, what was predicted (or "missed") and the error in km, with the sentence around it.
``--classes`` counts the failures by class (``failure_class``). ``--out`` writes the rows as JSON
lines, for comparing two runs. Needs ../shared.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import time
from collections import Counter
from pathlib import Path

from wirehouse.enrich import Enricher
from wirehouse.enrich.dictionaries import Dictionaries
from wirehouse.enrich.normalise import fold_token
from wirehouse.enrich.sentences import tokenize

GEO = Path(__file__).resolve().parents[2] / "shared" / "eval" / "geo"


def _scorer(path: Path):
    spec = importlib.util.spec_from_file_location("geo_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _window(text: str, s: int, e: int, width: int = 90) -> str:
    a, b = max(0, s - width), min(len(text), e + width)
    return (text[a:s] + "[[" + text[s:e] + "]]" + text[e:b]).replace("\n", " ")


def run(data: Path, half: str | None, enricher: Enricher, sc) -> tuple[dict, list[dict]]:
    docs = sc.load_data(str(data))
    if half is not None:
        docs = [d for n, d in enumerate(docs) if n % 2 == (0 if half == "even" else 1)]
    n_gold = tp = fp = hits = 0
    rows: list[dict] = []
    cpu = time.process_time()
    for doc in docs:
        text = doc["text"]
        preds = sc.clean_places(text, enricher.contract(doc["id"], text)["places"], Counter())
        pairs = sc.match_doc(doc["gold"], preds)
        n_gold += len(doc["gold"])
        tp += len(pairs)
        matched_p = {pi for _, pi in pairs}
        for pi, p in enumerate(preds):
            if pi in matched_p:
                continue
            if any(sc.overlap(p["start"], p["end"], g["start"], g["end"]) for g in doc["ignore"]):
                continue
            fp += 1
            rows.append({"doc": doc["id"], "kind": "spurious", "text": text[p["start"]:p["end"]],
                         "pred": p["name"], "context": _window(text, p["start"], p["end"])})
        by_gold = dict(pairs)
        for gi, g in enumerate(doc["gold"]):
            pi = by_gold.get(gi)
            if pi is None:
                rows.append({"doc": doc["id"], "kind": "missed", "text": g["name"], "gold": [g["lat"], g["lon"]],
                             "type": g.get("type"), "context": _window(text, g["start"], g["end"])})
                continue
            p = preds[pi]
            km = sc.haversine_km(g["lat"], g["lon"], p["lat"], p["lon"])
            if km <= 161.0:
                hits += 1
                continue
            rows.append({"doc": doc["id"], "kind": "wrong", "text": g["name"], "gold": [g["lat"], g["lon"]],
                         "pred": p["name"], "pred_text": text[p["start"]:p["end"]],
                         "pred_point": [p["lat"], p["lon"]], "km": round(km),
                         "type": g.get("type"), "context": _window(text, g["start"], g["end"])})
    cpu = time.process_time() - cpu
    p_ = tp / (tp + fp) if tp + fp else 0.0
    r_ = tp / n_gold if n_gold else 0.0
    f1 = 2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0.0
    summary = {"set": data.stem + (f"/{half}" if half else ""), "docs": len(docs), "gold": n_gold,
               "acc161": hits / n_gold if n_gold else 0.0, "P": p_, "R": r_, "F1": f1,
               "docs_per_cpu_s": len(docs) / cpu if cpu else 0.0}
    return summary, rows


def failure_class(r: dict, d: Dictionaries, sc) -> str:
    """A failure's class, from the gazetteer's places of its name:
    wrong: "namesake, smaller chosen" / "namesake, larger chosen" (a place of the name lies at the
    gold point), "longer name read as the place inside it" ("Mississippi River" -> the state),
    "no place of the name at the gold point" (a region's or a division's point, a gazetteer gap);
    missed: "adjective or demonym", "not in the gazetteer", "in the gazetteer, set aside" (a person,
    a common word, a small town without support); spurious: "adjective or demonym", "name"."""
    key = " ".join(fold_token(t[0]) for t in tokenize(r["text"]))
    alias = d.country_aliases.entries.get(key)
    places = d.gazetteer.get(key) or []
    if r["kind"] == "spurious":
        return "spurious: adjective or demonym" if alias and alias[0][1] == "adj" else "spurious: name"
    if r["kind"] == "missed":
        if alias and alias[0][1] == "adj" or key.endswith(("ian", "ians", "ese", "ish", "ic", "i")) and not places:
            return "missed: adjective or demonym"
        return "missed: in the gazetteer, set aside" if places or alias else "missed: not in the gazetteer"
    if r["pred_text"] != r["text"] and len(r["text"]) > len(r["pred_text"]):
        return "wrong: longer name read as the place inside it"
    at_gold = [p for p in places if sc.haversine_km(p.lat, p.lon, *r["gold"]) <= 161.0]
    if not at_gold:
        return "wrong: no place of the name at the gold point"
    chosen = [p for p in places if sc.haversine_km(p.lat, p.lon, *r["pred_point"]) < 1.0]
    if chosen and chosen[0].population < max(p.population for p in at_gold):
        return "wrong: namesake, smaller chosen"
    return "wrong: namesake, larger chosen"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, action="append",
                    help="dev set(s) in the scorer's format (default: gwn.jsonl and lgl_dev.jsonl)")
    ap.add_argument("--half", choices=("even", "odd"), help="only the documents on even or odd lines")
    ap.add_argument("--list", action="store_true", help="print every failure with its sentence")
    ap.add_argument("--classes", action="store_true", help="count the failures by class")
    ap.add_argument("--out", type=Path, help="write the failures as JSON lines")
    args = ap.parse_args()
    sc = _scorer(GEO / "score.py")
    enricher = Enricher.load()
    all_rows = []
    for data in args.data or [GEO / "gwn.jsonl", GEO / "lgl_dev.jsonl"]:
        summary, rows = run(data, args.half, enricher, sc)
        all_rows.extend(rows)
        if args.list:
            for r in rows:
                what = r.get("pred", "missed") if r["kind"] != "spurious" else "spurious " + r["pred"]
                km = f" {r['km']} km" if "km" in r else ""
                print(f"{r['doc']}\t{r['kind']}\t{r['text']}\t{what}{km}\t{r['context']}")
        kinds = Counter(r["kind"] for r in rows)
        print(f"{summary['set']}: docs={summary['docs']} gold={summary['gold']} Acc@161={summary['acc161']:.3f} "
              f"P={summary['P']:.3f} R={summary['R']:.3f} F1={summary['F1']:.3f} "
              f"wrong={kinds['wrong']} missed={kinds['missed']} spurious={kinds['spurious']} "
              f"docs/cpu-s={summary['docs_per_cpu_s']:.0f}")
        if args.classes:
            for cls, k in sorted(Counter(failure_class(r, enricher.dicts, sc) for r in rows).items()):
                print(f"  {k:4d}  {cls}")
    if args.out:
        with args.out.open("w", encoding="utf-8") as f:
            for r in all_rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

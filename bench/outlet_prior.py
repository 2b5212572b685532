"""What an outlet's place prior gives on the geoparsing dev sets, learned leave-one-out.

    python bench/outlet_prior.py [--data ../shared/eval/geo/lgl_dev.jsonl] [--min-articles N ...]

Each article of a set is enriched without a prior first: its resolved places are what the
warehouse would have stored for it (table source_place_prior counts them per outlet, the host of
the article's URL). Each article is then enriched again with the prior of its outlet learned from
the outlet's *other* articles of the set (never its own, never the gold annotations), and scored
as ``score.py`` scores (span overlap, one to one; Acc@161 end to end and over resolved toponyms).
``--min-articles`` sets how many articles a prior must rest on (the product's minimum is
``wirehouse.enrich.places.PRIOR_MIN_ARTICLES``; the sets hold few articles per outlet, so lower
minimums show what the prior does where it has something to say). Needs ../shared.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from wirehouse.enrich import Enricher
from wirehouse.enrich import places as _places
from wirehouse.records import OutletPrior

GEO = Path(__file__).resolve().parents[2] / "shared" / "eval" / "geo"


def scorer():
    spec = importlib.util.spec_from_file_location("geo_score", GEO / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def domain_of(url: str | None) -> str:
    """The outlet as dim_source names it: the host, lower case, without www."""
    host = (urlsplit(url or "").hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def contribution(places) -> Counter:
    """What one article adds to its outlet's counts: each level it names, once."""
    keys = Counter()
    seen = set()
    for p in places:
        if p.country_code:
            seen.add(("country", p.country_code, ""))
            if p.admin1 and p.feature_kind != "country":
                seen.add(("admin1", p.country_code, p.admin1))
    if places:
        seen.add(("outlet", "", ""))
    keys.update(seen)
    return keys


def prior_from(counts: Counter) -> OutletPrior | None:
    total = counts[("outlet", "", "")]
    if total <= 0:
        return None
    countries = {c: n / total for (level, c, _a), n in counts.items() if level == "country" and n > 0}
    admin1 = {(c, a): n / total for (level, c, a), n in counts.items() if level == "admin1" and n > 0}
    return OutletPrior(articles=total, countries=countries, admin1=admin1)


def score(sc, docs, outputs, km=161.0) -> dict:
    tp = fp = fn = hits = n_gold = 0
    errors = []
    stats = Counter()
    for d, places in zip(docs, outputs):
        preds = sc.clean_places(d["text"], [
            {"start": p.start, "end": p.end, "lat": p.lat, "lon": p.lon, "text": p.text} for p in places], stats)
        pairs = sc.match_doc(d["gold"], preds)
        matched = {pi for _, pi in pairs}
        fp += sum(1 for pi, p in enumerate(preds) if pi not in matched and not any(
            sc.overlap(p["start"], p["end"], ig["start"], ig["end"]) > 0 for ig in d["ignore"]))
        for gi, pi in pairs:
            g, p = d["gold"][gi], preds[pi]
            if p["lat"] is None:
                continue
            err = sc.haversine_km(float(g["lat"]), float(g["lon"]), p["lat"], p["lon"])
            errors.append(err)
            hits += err <= km
        tp += len(pairs)
        fn += len(d["gold"]) - len(pairs)
        n_gold += len(d["gold"])
    return {"acc161": hits / n_gold, "acc161_resolved": sum(e <= km for e in errors) / len(errors),
            "f1": 2 * tp / (2 * tp + fp + fn), "resolved": len(errors)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, action="append", help="jsonl set (default: gwn and lgl_dev)")
    ap.add_argument("--min-articles", type=int, action="append",
                    help=f"minimum articles a prior rests on (default: {_places.PRIOR_MIN_ARTICLES}, 5, 3)")
    ap.add_argument("--changes", action="store_true", help="list the toponyms the prior moved")
    args = ap.parse_args()
    if not GEO.is_dir():
        sys.exit(f"{GEO} is absent: this benchmark needs the shared geoparsing sets")
    sc = scorer()
    sets = args.data or [GEO / "gwn.jsonl", GEO / "lgl_dev.jsonl"]
    minimums = args.min_articles or [_places.PRIOR_MIN_ARTICLES, 5, 3]
    enricher = Enricher.load()
    for path in sets:
        docs = sc.load_data(str(path))
        urls = [json.loads(line).get("url") for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
        domains = [domain_of(u) for u in urls]
        per_outlet = Counter(domains)
        started = time.process_time()
        plain = [enricher.enrich(d["text"]).places for d in docs]
        plain_cpu = time.process_time() - started
        learned: dict[str, Counter] = defaultdict(Counter)
        own = [contribution(p) for p in plain]
        for dom, c in zip(domains, own):
            learned[dom].update(c)
        base = score(sc, docs, plain)
        print(f"{path.stem}: {len(docs)} articles, {len(per_outlet)} outlets, "
              f"{sum(1 for n in per_outlet.values() if n >= 2)} with 2+ articles, largest {max(per_outlet.values())}")
        print(f"  no prior           Acc@161={base['acc161']:.3f} resolved={base['acc161_resolved']:.3f} "
              f"F1={base['f1']:.3f}")
        for minimum in minimums:
            enricher.prior_min_articles = minimum
            outputs, used = [], 0
            started = time.process_time()
            for d, dom, mine in zip(docs, domains, own):
                counts = learned[dom].copy()
                counts.subtract(mine)
                prior = prior_from(counts)
                used += _places.home_region(prior, minimum) is not None
                outputs.append(enricher.enrich(d["text"], prior=prior).places)
            cpu = time.process_time() - started
            r = score(sc, docs, outputs)
            print(f"  prior, min {minimum:3d}     Acc@161={r['acc161']:.3f} resolved={r['acc161_resolved']:.3f} "
                  f"F1={r['f1']:.3f}  articles with a home region: {used}  cpu {cpu / plain_cpu:.2f}x")
            if args.changes:
                for d, a, b in zip(docs, plain, outputs):
                    before = {(p.start, p.end): p for p in a}
                    for p in b:
                        q = before.get((p.start, p.end))
                        if q is not None and (q.lat, q.lon) == (p.lat, p.lon):
                            continue
                        gold = [g for g in d["gold"] if sc.overlap(g["start"], g["end"], p.start, p.end) > 0]
                        verdict = "no gold"
                        if gold:
                            g = gold[0]
                            km = [sc.haversine_km(g["lat"], g["lon"], x.lat, x.lon) <= 161 if x else False for x in (q, p)]
                            verdict = {(False, True): "better", (True, False): "worse"}.get(tuple(km), "same")
                        was = f"{q.name}/{q.country_code}/{q.admin1}" if q else "-"
                        print(f"    {verdict:7s} {d['id']} {p.text!r}: {was} -> {p.name}/{p.country_code}/{p.admin1}")
        enricher.prior_min_articles = _places.PRIOR_MIN_ARTICLES


if __name__ == "__main__":
    main()

"""Do actors' countries agree with the article's resolved places? Counted on the geoparsing dev sets.

    python bench/actor_place_agreement.py [--data ../shared/eval/geo/lgl_dev.jsonl ...] [-v] [--cost]

Each text is enriched as ``wirehouse enrich --jsonl`` does (``Enricher.contract``). An actor
*took its country from a place name* when its span holds a place mention whose words are a
country's name or capital ("Paris", "Lebanon", "Georgia") and the actor's country is that name's
country. The class counted: such an actor whose place the geoparser resolved to another country
("Paris officials" coded FRAGOV while "Paris" is Paris, Kentucky), split into bare mentions (the
place alone coded as a country actor) and actors with a role; and the actors whose name-of-a-country
place gave them the place's country instead ("Paris officials" USAGOV). Where the set's gold toponym at
that span is known, the count also says how often the geoparser's place is the gold one (within
161 km): there the resolved country is right and the name's country wrong. ``--cost`` prints the
CPU time of enriching the texts with the step (``actors.place_countries``) and without it, in
alternate rounds in one process. Needs ../shared.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from step_cost import step_cost  # noqa: E402

from wirehouse.enrich import Enricher  # noqa: E402
from wirehouse.enrich import actors as _actors  # noqa: E402
from wirehouse.enrich.dictionaries import norm_key  # noqa: E402

GEO = Path(__file__).resolve().parents[2] / "shared" / "eval" / "geo"


def name_country(d, surface: str) -> str | None:
    """The country a place's words name as a country or its capital, if any."""
    hits = d.country_aliases.entries.get(norm_key(surface).removeprefix("the "))
    for code, kind in hits or ():
        if kind in ("name", "capital"):
            return code
    return None


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def gold_right(row: dict, place: dict) -> bool | None:
    """Is the resolved place the gold toponym's (within 161 km)? None when no gold toponym overlaps."""
    for g in row.get("toponyms", ()):
        if g["start"] < place["end"] and place["start"] < g["end"] and place["lat"] is not None:
            return km(g["lat"], g["lon"], place["lat"], place["lon"]) <= 161.0
    return None


def count(enricher: Enricher, rows: list[dict]) -> tuple[Counter, Counter]:
    d = enricher.dicts
    tally: Counter = Counter()
    names: Counter = Counter()
    for row in rows:
        out = enricher.contract(row["id"], row["text"])
        places = out["places"]
        for a in out["actors"]:
            inside = [p for p in places if a["start"] <= p["start"] and p["end"] <= a["end"]]
            country = a["code"][:3]
            taken = [p for p in inside if name_country(d, p["text"]) == country]
            if not taken:
                if any(p["country_code"] == country and name_country(d, p["text"]) not in (None, country)
                       for p in inside):
                    tally["coded from the place"] += 1  # "Paris officials" USAGOV, Paris being in Kentucky
                continue
            tally["actors from a place name"] += 1
            other = [p for p in taken if p["country_code"] and p["country_code"] != country]
            if other:
                bare = len(a["code"]) == 3
                tally["other country, bare" if bare else "other country, with role"] += 1
                names[(other[0]["text"], country, other[0]["country_code"])] += 1
                right = gold_right(row, other[0])
                tally[{True: "place right", False: "place wrong", None: "no gold"}[right]] += 1
    return tally, names


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", nargs="+", type=Path, default=[GEO / "lgl_dev.jsonl", GEO / "gwn.jsonl"])
    ap.add_argument("-v", action="store_true", help="list the names of the class")
    ap.add_argument("--cost", action="store_true", help="CPU time with and without the step")
    args = ap.parse_args(argv)
    missing = [p for p in args.data if not p.exists()]
    if missing:
        print(f"data not found: {missing}", file=sys.stderr)
        return 2
    enricher = Enricher.load()
    for path in args.data:
        rows = [json.loads(line) for line in path.open(encoding="utf-8")]
        tally, names = count(enricher, rows)
        wrong = tally["other country, bare"] + tally["other country, with role"]
        print(f"{path.stem}: docs={len(rows)} actors_from_place_name={tally['actors from a place name']} "
              f"other_country={wrong} (bare={tally['other country, bare']} "
              f"with_role={tally['other country, with role']}; gold says place right={tally['place right']} "
              f"wrong={tally['place wrong']} unknown={tally['no gold']}) "
              f"coded_from_place_not_name={tally['coded from the place']}")
        if args.v:
            for (text, actor, place), n in names.most_common():
                print(f"  {n:3d}  {text!r}: actor {actor}, place {place}")
    if args.cost:
        texts = [json.loads(line)["text"] for path in args.data for line in path.open(encoding="utf-8")]
        step_cost(enricher, texts, _actors, "place_countries", lambda items, *_a: items)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

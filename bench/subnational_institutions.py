"""Institutions named by a state, county, city or province: which actor do they get? Counted on the
geoparsing sets (local news).

    python bench/subnational_institutions.py [--data ../shared/eval/geo/lgl_dev.jsonl ...] [-v] [--cost]
                                             [--step [--step-out FILE] [--join N]]

The class: a phrase headed by a role noun of a sub-national institution ("Georgia Bureau of
Investigation agents", "the Jefferson County Sheriff's Office", "Ontario Provincial Police", "the
Kentucky legislature", "a Cook County judge") whose name holds a place the geoparser resolved
below country level, or that a level word names as local ("the city council", "state lawmakers",
"the county commission"). The role expected is read from the head noun with this script's own
table (below), independently of the actor dictionaries; the country expected is the named place's,
or for a level word the country most of the article's resolved places lie in. Each phrase is
counted as right, *no actor* (no actor mention on the head noun), *wrong country* (no country, or
another than expected) or *wrong role*. Texts are enriched in process as ``wirehouse enrich`` does.
Needs ../shared.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from step_cost import step_cost  # noqa: E402

from wirehouse.enrich import Enricher  # noqa: E402
from wirehouse.enrich import actors as _actors  # noqa: E402
from wirehouse.enrich.sentences import tokenize  # noqa: E402

GEO = Path(__file__).resolve().parents[2] / "shared" / "eval" / "geo"

# head phrase (lower-cased words) -> the roles a CAMEO coder accepts for it
HEADS: dict[str, set[str]] = {}
for _roles, _phrases in (
    ({"COP"}, """police|police department|police force|police service|provincial police|state police|sheriff|sheriffs|
        sheriff 's office|sheriff 's department|sheriff 's deputies|sheriff 's deputy|deputies|troopers|
        state troopers|highway patrol|bureau of investigation|department of public safety|constabulary|
        police officers|police officer|officers"""),
    ({"GOV"}, """council|city council|county council|town council|commission|county commission|city commission|
        commissioners|county commissioners|board of supervisors|supervisors|government|officials|
        administration|mayor|governor|selectmen|aldermen|council members|councilmen|county board|
        state government|provincial government|city government"""),
    ({"LEG"}, """legislature|lawmakers|legislators|senate|assembly|general assembly|house of representatives|
        legislative assembly|senators"""),
    ({"JUD"}, """judge|judges|court|courts|prosecutor|prosecutors|district attorney|supreme court|
        circuit court|district court|superior court|high court"""),
    ({"MIL"}, "national guard|guardsmen"),
    ({"EDU", "GOV"}, "school board|board of education|school district|school officials|school system"),
):
    for _p in _phrases.split("|"):
        HEADS[" ".join(_p.replace("'s", " 's").split())] = _roles
MAX_HEAD = max(len(k.split()) for k in HEADS)
LEVEL_WORDS = frozenset("state city county town village township parish municipal provincial school".split())
# words that may stand between the place's name and the head ("Jefferson County Sheriff's Office",
# "Ontario Provincial Police", "Texas State Police", "Cook County Circuit Court")
BETWEEN = frozenset("county state city provincial municipal metropolitan metro regional area district parish "
                    "'s ’s".split())


# words after a head that keep it the head: what the institution does or who speaks for it
AFTER_OK = frozenset("""officer officers chief spokesman spokeswoman spokesperson sgt. sgt sergeant lieutenant lt.
    capt. captain detective detectives investigators agents troops members member president chairman
    chairwoman""".split())
FUNCTION = frozenset("""of in on at to from for with by and or but as that which who than over against about
    into after before during since also has have had is are was were will would could should may might
    must can said says say""".split())


def modifier_use(d, toks, k: int) -> bool:
    """The head at ..k-1 modifies the word after it ("police station", "National Guard troops" are
    kept: a role word after it), it is not the head of the phrase."""
    if k >= len(toks):
        return False
    w = toks[k][0]
    return (w.isalpha() and w.islower() and w not in FUNCTION and w not in AFTER_OK
            and not d.verbs.entries.get(w))


def phrases(d, text: str, places) -> list[tuple[int, int, int, str, set[str], str | None]]:
    """(start, head_start, head_end, head, roles, expected country) of each institution phrase."""
    toks = tokenize(text)
    low = [t[0].lower().replace("’", "'") for t in toks]
    local = [p for p in places if p.feature_kind != "country" and p.country_code]
    counts = Counter(p.country_code for p in places if p.country_code)
    main = counts.most_common(1)[0][0] if counts else None
    out = []
    k = 0
    while k < len(toks):
        head = None
        for n in range(min(MAX_HEAD, len(toks) - k), 0, -1):
            key = " ".join(low[k : k + n])
            if key in HEADS:
                head = (key, n)
                break
        if head is None:
            k += 1
            continue
        key, n = head
        if modifier_use(d, toks, k + n):
            k += n
            continue
        hs, he = toks[k][1], toks[k + n - 1][2]
        country, start = None, None
        m = k - 1
        while m >= 0 and low[m] in BETWEEN:
            m -= 1
        if m >= 0:
            end = toks[m][2]
            p = next((p for p in local if p.end == end), None)
            if p is not None:
                country, start = p.country_code, p.start
        if country is None and k + n + 1 < len(toks) and low[k + n] == "of":
            p = next((p for p in local if p.start == toks[k + n + 1][1]), None)
            if p is not None:
                country, start = p.country_code, hs
        if country is None and k > 0 and low[k - 1] in LEVEL_WORDS and not toks[k - 1][0][:1].isupper() \
                and key.split()[0] not in LEVEL_WORDS:
            country, start = main, toks[k - 1][1]
        if country is not None:
            out.append((start, hs, he, key, HEADS[key], country))
        k += n
    return out


def count(enricher: Enricher, rows: list[dict]) -> tuple[Counter, list[tuple[str, str, str]]]:
    tally: Counter = Counter()
    seen: list[tuple[str, str, str]] = []
    for row in rows:
        text = row["text"]
        e = enricher.enrich(text)
        for start, hs, he, _key, roles, country in phrases(enricher.dicts, text, e.places):
            on = [a for a in e.actors if a.start < he and hs < a.end]
            if not on:
                verdict = "no actor"
            elif not any(a.country_code == country for a in on):
                verdict = "wrong country"
            elif not any(a.country_code == country and a.role in roles for a in on):
                verdict = "wrong role"
            else:
                verdict = "right"
            tally[verdict] += 1
            seen.append((verdict, text[start:he], ",".join(a.code for a in on) or "-"))
    return tally, seen


def step_alone(enricher: Enricher, texts: list[str], rounds: int = 5, out: Path | None = None) -> None:
    """CPU time of ``actors.local_institutions`` alone: its arguments are recorded while the texts
    are enriched, then the step is called again on them, best of ``rounds``. ``out`` receives the
    step's results (one line per call), to compare two versions of the step."""
    step = _actors.local_institutions
    calls: list[tuple] = []

    def record(*args):
        calls.append(args)
        return step(*args)

    _actors.local_institutions = record
    try:
        for t in texts:
            enricher.enrich(t)
    finally:
        _actors.local_institutions = step
    best = None
    for _ in range(rounds):
        t0 = time.process_time()
        for args in calls:
            step(*args)
        dt = time.process_time() - t0
        best = dt if best is None else min(best, dt)
    pairs = sum(len(args[1]) * len(args[4]) for args in calls)
    print(f"step: {len(calls)} calls, {pairs} place x item pairs, best of {rounds} rounds: "
          f"CPU {best:.3f} s, {best / len(calls) * 1e6:.0f} us per call")
    if out is not None:
        with out.open("w", encoding="utf-8") as f:
            for args in calls:
                f.write(repr(step(*args)) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", nargs="+", type=Path, default=[GEO / "lgl_dev.jsonl", GEO / "gwn.jsonl"])
    ap.add_argument("-v", action="store_true", help="list the phrases that are not right")
    ap.add_argument("--cost", action="store_true", help="CPU time with and without the step")
    ap.add_argument("--step", action="store_true", help="CPU time of the step alone")
    ap.add_argument("--step-out", type=Path, help="with --step: write the step's results to this file")
    ap.add_argument("--join", type=int, default=1, help="with --step: join every N texts into one long text")
    args = ap.parse_args(argv)
    missing = [p for p in args.data if not p.exists()]
    if missing:
        print(f"data not found: {missing}", file=sys.stderr)
        return 2
    enricher = Enricher.load()
    for path in args.data:
        rows = [json.loads(line) for line in path.open(encoding="utf-8")]
        tally, seen = count(enricher, rows)
        total = sum(tally.values())
        print(f"{path.stem}: docs={len(rows)} phrases={total} right={tally['right']} "
              f"no_actor={tally['no actor']} wrong_country={tally['wrong country']} "
              f"wrong_role={tally['wrong role']}")
        if args.v:
            for verdict, phrase, codes in seen:
                if verdict != "right":
                    print(f"  {verdict:13s} {phrase!r}: {codes}")
    texts = [json.loads(line)["text"] for path in args.data for line in path.open(encoding="utf-8")]
    if args.cost:
        step_cost(enricher, texts, _actors, "local_institutions", lambda _d, items, *_a: items)
    if args.step:
        if args.join > 1:
            texts = ["\n\n".join(texts[k:k + args.join]) for k in range(0, len(texts), args.join)]
        step_alone(enricher, texts, out=args.step_out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

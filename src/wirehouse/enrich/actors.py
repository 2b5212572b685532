"""Actor mentions: countries, agents (roles) and named organisations -> CAMEO-style codes.

Rules, in order:
- a named organisation ("Islamic State", "Red Cross", "NATO") is coded from ``groups.csv``;
- a country name/adjective/capital followed by an agent noun, possibly with "'s" and up to two
  modifiers ("Ukraine's foreign minister", "the Kenyan police") is country + role;
- an agent noun followed by "of <country>" ("the government of Iraq") is country + role;
- a bare country reference is the country code;
- a country's or capital's name that the article's places resolve to another country ("Paris",
  Kentucky; "Georgia" the US state) takes that country: "Paris officials" are USAGOV, and the
  place alone is no country actor;
- a town, county, state or province the places resolve below country level, followed by a role
  ("the Jefferson County Sheriff's Office", "Ontario Provincial Police"), is that place's country +
  role; a lower-case level word before a role ("the city council", "state lawmakers") names the
  country of the article's sub-national places;
- a bare agent noun ("the army", "protesters") takes the code of an earlier actor of the same
  role in the article, else the country nearest in its sentence, else the article's main country.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from datetime import date

from wirehouse.records import ActorMention

from .dictionaries import REGION_DEMONYMS, Dictionaries, EthnicEntry, GroupEntry, person_code
from .places import FEATURE_WORDS, STREET_WORDS

MODIFIERS = frozenset(
    """foreign senior top former new acting deputy interim chief state federal national central local
    provincial regional military defence defense interior justice finance trade security elite special
    armed riot secret ruling opposition main leading outgoing incoming vice prime junior high ranking
    high-ranking two three several some many other official government pro-government""".split()
)
ARMED = frozenset({"REB", "INS", "SEP", "IMG"})
LOWER_OK_GROUP = frozenset({"taliban", "peshmerga", "human rights groups", "human rights group", "rights groups",
                            "rights group", "human rights organisations", "human rights organizations"})


@dataclass(slots=True)
class Item:
    kind: str  # group | country | agent
    i: int  # first token index
    j: int  # one past the last token index
    payload: object


def _match(d: Dictionaries, toks, low, i: int, n_tok: int, day: date | None = None) -> Item | None:
    """The longest dictionary entry starting at token i."""
    first = toks[i][0]
    best = None
    head = low[i]
    maxn = min(max(d.groups.first.get(head, 0), d.country_aliases.first.get(head, 0), d.agents.first.get(head, 0),
                   d.people.first.get(head, 0) if first[0].isupper() else 0,
                   d.ethnic.first.get(head, 0) if first[0].isupper() else 0), n_tok - i)
    if head.endswith("-led") and first[0].isupper():
        hit = d.country_aliases.entries.get(head[:-4])
        if hit:
            return Item("country", i, i + 1, (hit[0][0], "adj"))  # "the US-led coalition": led by the US
    for n in range(maxn, 0, -1):
        key = " ".join(low[i : i + n])
        hit = d.groups.entries.get(key)
        if hit:
            surface = " ".join(t[0] for t in toks[i : i + n])
            g: GroupEntry = hit[0]
            if (any(ch.isupper() for ch in surface) or key in LOWER_OK_GROUP) and not (
                surface.lower() != surface and len(key) <= 4 and surface != surface.upper()
            ):
                return Item("group", i, i + n, g)
        hit = d.people.entries.get(key)
        if hit and all(t[0][0].isupper() or not t[0][0].isalpha() for t in toks[i : i + n]):
            code = person_code(hit, day)
            if code:
                return Item("person", i, i + n, code)
        hit = d.ethnic.entries.get(key)
        if hit and first[0].isupper():
            return Item("ethnic", i, i + n, hit[0])
        hit = d.country_aliases.entries.get(key)
        if hit and first[0].isupper():
            code, kind = hit[0]
            if kind == "name" and len(key) <= 3 and toks[i][0] != toks[i][0].upper():
                continue  # "us" is not "US"
            return Item("country", i, i + n, hit[0])
        if best is None:
            hit = d.agents.entries.get(key)
            if hit and (n > 1 or first.lower() == first or i == 0 or first[0].isupper()):
                best = Item("agent", i, i + n, hit[0])
    return best


FUNCTION_WORDS = frozenset("""of in on at to from for with by and or but as that which who whom whose than
    over against about into onto through across under amid despite without within toward towards near because
    if so yet then
    were was is are be been have has had will would could should may might must can said say says
    also not n't no have also there here who what when where while after before during since until""".split())


def _is_modifier_use(toks, j: int, d: Dictionaries | None = None) -> bool:
    """True when the agent noun at ..j-1 modifies a following common noun ("police station"), not
    when an inflected verb follows ("armed groups fought")."""
    t = toks[j][0]
    if d is not None:
        verb = d.verbs.entries.get(t)
        if verb and verb[0].lemma.split(" ", 1)[0] != t and not t.endswith("s"):
            return False  # a past form ("fought", "struck"), not a plural noun ("forces", "talks")
        if verb and j + 1 < len(toks) and toks[j + 1][0].lower() in ("a", "an", "the", "its", "their", "to"):
            return False  # a verb with its object or its clause ("that Congress approve a law", "officials want to")
    return t.isalpha() and t.islower() and t not in FUNCTION_WORDS and not t.endswith(("ed", "ly"))


def _speaks(toks, j: int) -> bool:
    """The word after a capital's name is a verb ("Moscow said", "Kyiv has rejected"), not a noun or a
    preposition ("in Moscow", "Moscow residents")."""
    if j >= len(toks):
        return False
    w = toks[j][0].lower()
    if w in ("has", "have", "had", "is", "was", "will", "would", "could", "may", "also", "says", "said", "and"):
        return w != "and"
    return w.isalpha() and w.islower() and (w.endswith("ed") or w.endswith("s") and not w.endswith("ss"))


# words before a town's name that make it where someone or something is, not who acts
_WHERE_WORDS = frozenset("""of from in at near to into across around outside inside north south east west
    northern southern eastern western northeast northwest southeast southwest central downtown""".split())
_AUX = frozenset({"has", "have", "had", "will", "would", "could", "may", "also"})


def _acts(d: Dictionaries, toks, i: int, j: int) -> bool:
    """A town's name as the subject of an event verb or an auxiliary ("Paris collected $597,667",
    "San Jose has had to front the money"): the town's government acts. Not after a preposition or
    a direction ("of Paris died", "north Georgia"), nor before "is" (a place described)."""
    if j >= len(toks) or i > 0 and toks[i - 1][0].lower() in _WHERE_WORDS:
        return False
    w = toks[j][0]
    return _speaks(toks, j) and (w in _AUX or bool(d.verbs.entries.get(w)))


def find_actor_items(d: Dictionaries, toks, low, day: date | None = None) -> list[Item]:
    items: list[Item] = []
    i, n_tok = 0, len(toks)
    # the first words of the names ``_match`` looks up: a token that starts none of them (most
    # tokens) and is no "X-led" starts no item, and is passed over without the lookups
    groups, countries, agents = d.groups.first, d.country_aliases.first, d.agents.first
    people, ethnic = d.people.first, d.ethnic.first
    while i < n_tok:
        if not toks[i][0][0].isalnum():
            i += 1
            continue
        head = low[i]
        if (head not in agents and head not in countries and head not in groups and head not in people
                and head not in ethnic and not head.endswith("-led")):
            i += 1
            continue
        it = _match(d, toks, low, i, n_tok, day)
        if it is None:
            i += 1
            continue
        if it.kind == "country" and (_inside_other_name(d, toks, low, it) or _region_people(toks, low, it)):
            i = it.j
            continue
        if i > 0 and toks[i - 1][0] in TOWN_PREFIXES and low[i] in d.country_aliases.first:
            i += 1  # "New London police": the town's police, not London's; its role word may still stand
            continue
        items.append(it)
        i = it.j
    return items


def place_countries(items: list[Item], toks, places, countries, not_places: frozenset = frozenset()) -> list[Item]:
    """Items for country and capital names whose place the geoparser resolved elsewhere.

    ``places`` maps a (start, end) character span to its resolved place mention. A name whose
    place lies in another country than the name's ("Paris" resolved to Paris, Kentucky; "Lebanon"
    to Lebanon, Pennsylvania; "Georgia" to the US state) takes the place's country; when that place
    is below country level the item is marked ``local``: with a role it is that country's actor
    ("Paris officials": USAGOV), alone it is a place, not a country actor (``compose``). A capital's
    name that is mostly another word (``not_places``: "Victoria", "Hamilton") and that the geoparser
    did not take for a place names no country ("Police in Victoria" is no Seychelles police)."""
    out = []
    for it in items:
        if it.kind == "country" and it.payload[1] in ("name", "capital"):
            pm = places.get((toks[it.i][1], toks[it.j - 1][2]))
            if pm is None and it.payload[1] == "capital" and " ".join(t[0] for t in toks[it.i:it.j]) in not_places:
                continue
            if pm is not None and pm.country_code in countries and pm.country_code != it.payload[0]:
                kind = "local" if pm.feature_kind != "country" else it.payload[1]
                it = Item("country", it.i, it.j, (pm.country_code, kind))
        out.append(it)
    return out


# words between a town's or a division's name and the role noun of its institution ("Jefferson County
# Sheriff's Office", "Ontario Provincial Police", "Edwardsville City Council"), and the level words that
# make a role noun a local one ("the city council", "state lawmakers", "county officials")
LEVEL_WORDS = frozenset("""county city town village township parish borough state provincial municipal
    metropolitan metro district area regional""".split())
# level words that name a level of government by themselves ("the city council", "state lawmakers", "the
# school board"; not "regional", "district": "the regional army spokesman" is the army's)
LEVEL_NAMES = frozenset("county city town village township parish borough state provincial municipal school".split())
# heads that are a local institution only after a place or a level word ("Columbus Council", "the county
# commission"); alone they are too often someone else's ("the council of elders", "the election commission")
LOCAL_HEADS = {"council": "GOV", "commission": "GOV", "commissioners": "GOV", "board": "GOV", "supervisors": "GOV"}
_LOCAL_KINDS = frozenset({"admin1", "admin2", "city"})
# roles of a town's, a county's or a state's own institutions
LOCAL_ROLES = frozenset({"GOV", "LEG", "JUD", "COP", "EDU", "MIL"})


def _token_at(toks, offset: int, side: int) -> int | None:
    """The index of the token starting (``side`` 1) or ending (``side`` 2) at a character offset, or
    None (tokens are in text order and do not overlap)."""
    k = bisect_left(toks, offset, key=lambda t: t[side])
    return k if k < len(toks) and toks[k][side] == offset else None


def local_institutions(d: Dictionaries, items: list[Item], toks, low, places, countries) -> list[Item]:
    """Items for towns, counties, states and provinces that name an institution.

    A place the geoparser resolved below country level, followed (past level words and "'s") by a
    role noun, names that place's institution: its country is the place's ("Georgia Bureau of
    Investigation agents" in a Georgia, US story: USACOP; "Ontario Provincial Police": CANCOP;
    "Punjab police": the police of the country Punjab resolved to). A lower-case level word before a
    role noun ("the city council", "state lawmakers", "the school board") names the institution of
    the country most of the article's places below country level lie in. ``places`` are the
    article's place mentions. The items added are ``local`` country items (see ``compose``)."""
    local = [pm for pm in places if pm.feature_kind in _LOCAL_KINDS and pm.country_code in countries]
    if not local:
        return items
    agent_at = {it.i: it for it in items if it.kind == "agent"}
    covered = {m for it in items for m in range(it.i, it.j)}
    # the items on each token (an empty item on its position), in their order: a place's items are
    # found from its own tokens, not by a pass over all items per place
    on_token: dict[int, list[int]] = {}
    for x, it in enumerate(items):
        for m in range(it.i, max(it.j, it.i + 1)):
            on_token.setdefault(m, []).append(x)
    main = Counter(pm.country_code for pm in local).most_common(1)[0][0]
    add: list[Item] = []
    drop: set[int] = set()
    taken: set[int] = set()

    def head(k: int) -> tuple[Item, list[Item]] | None:
        """The institution's role noun at token k, if it is one and is not a modifier ("police
        station"), with the items it replaces."""
        if k >= len(toks):
            return None
        it = agent_at.get(k)
        if it is None:
            role = LOCAL_HEADS.get(low[k]) if k not in covered else None
            it = Item("agent", k, k + 1, role) if role else None
        if it is None or str(it.payload)[:3] not in LOCAL_ROLES:
            return None
        staff = agent_at.get(it.j)
        if staff is not None and toks[it.j][0].islower():
            # "DeKalb police spokeswoman", "Minnesota National Guard troops": the institution's own people
            return Item("agent", it.i, staff.j, it.payload), [it, staff]
        if it.j < len(toks) and _is_modifier_use(toks, it.j, d):
            return None
        return it, []

    def take(found: tuple[Item, list[Item]]) -> Item:
        h, replaced = found
        drop.update(id(r) for r in replaced)
        if agent_at.get(h.i) is not h:
            add.append(h)
        return h

    for pm in local:
        i, j = _token_at(toks, pm.start, 1), _token_at(toks, pm.end, 2)
        if i is None or j is None:
            continue
        j += 1
        near = sorted({x for m in range(i, j) for x in on_token.get(m, ())})
        inside = [it for it in (items[x] for x in near) if it.i < j and i < it.j]
        over = [it for it in inside if it.kind == "agent" and it.i > i and it.j > j]
        if over:  # "Fulton County commissioners": the role phrase took the level word
            found = head(over[0].i)
            inside = [it for it in inside if it is not over[0]]
        else:
            k = j
            while k < len(toks) and k - j < 2 and (low[k] in LEVEL_WORDS or low[k] in ("'s", "’s")) \
                    and k not in agent_at:
                k += 1
            found = head(k)
        if found is None or any(it.kind != "country" or it.i < i or it.j > j for it in inside):
            continue  # no role follows, or the place is part of a longer actor's name
        drop.update(id(it) for it in inside)
        add.append(Item("country", i, j, (pm.country_code, "local")))
        taken.update(range(i, take(found).j))
    # "the city council", "state lawmakers": the level word names no place, the article's places do
    for n, t in enumerate(toks[:-1]):
        if low[n] not in LEVEL_NAMES or not t[0].islower() or n in taken \
                or n > 0 and (n - 1 in covered or n - 1 in taken):
            continue
        if n in agent_at:  # "city council", "county commission", "school board": the level word is in the role
            found = head(n)
            if found is not None:
                add.append(Item("country", n, n, (main, "local")))  # no words of its own
                take(found)
            continue
        if n in covered or low[n] == "school":  # "school" alone is a role of its own (EDU)
            continue
        found = head(n + 1)
        if found is not None:
            add.append(Item("country", n, n + 1, (main, "local")))
            take(found)
    if not add:
        return items
    kept = [it for it in items if id(it) not in drop]
    return sorted(kept + add, key=lambda it: (it.i, it.j))


_NAME_JOINERS = frozenset({"northern", "southern", "eastern", "western", "central", "north", "south", "east",
                           "west", "upper", "lower", "greater", "the", "a", "an", "in", "of", "on", "at", "for", "from", "to", "by", "with", "and", "as",
                           "but", "or", "if", "when", "after", "before", "while", "since", "mr", "mrs", "ms", "dr",
                           "mr.", "mrs.", "ms.", "dr.", "president", "prime", "king", "queen", "gen", "gen."})


def _known_word(d: Dictionaries, w: str) -> bool:
    """An actor, role or place word (first names of people do not count: "Robert Jordan")."""
    return (w in MODIFIERS or w in d.agents.first or w in d.groups.first or w in d.country_aliases.first
            or d.gazetteer.get(w) is not None)


def _inside_other_name(d: Dictionaries, toks, low, it: Item) -> bool:
    """A country or capital name that is part of a longer proper name: an organisation named after
    a place ("the Washington Post", "Jordan Times", "Turkish Airlines"), a sea or a landform named
    after one ("the South China Sea", "the Korean Peninsula", "the Indian Ocean") or a person ("Robert
    Jordan", "Chad Smith": a capitalised first name before the country name that is not itself a
    known actor, role or place word, nor a title or a direction)."""
    _code, kind = it.payload
    j = it.j
    if j < len(low) and any(" ".join(low[j : j + n]) in d.agents.entries
                            for n in range(1, d.agents.first.get(low[j], 0) + 1)):
        return False  # "Nigerian Air Force": a role follows, not the rest of a name
    # a sea, a landform or a street named after a country (places.FEATURE_WORDS, STREET_WORDS)
    if j < len(toks) and (low[j] in ORG_HEADS or low[j] in FEATURE_WORDS or low[j] in STREET_WORDS) \
            and toks[j][0][:1].isupper():
        return True
    k = it.i - 2 if it.i > 1 and low[it.i - 1] == "the" else it.i - 1
    if k > 0 and low[k] == "of" and toks[k - 1][0][:1].isupper() and low[k - 1] in FEATURE_WORDS:
        return True  # "the Gulf of Mexico", "the Sea of Japan": a sea named after a country
    if it.i > 1 and kind == "name" and toks[it.i - 1][0][:1].isupper() and toks[it.i - 1][0].isalpha() \
            and low[it.i - 1] not in _NAME_JOINERS and toks[it.i - 2][0] not in (".", "!", "?", '"', "“", ":") \
            and it.j == it.i + 1 and low[it.i] not in d.english_country_names:
        return True  # "Fire Island": a word of another name, not Iceland's name in Icelandic
    if j < len(toks) and kind == "capital" and toks[j][0][:1].isupper() and toks[j][0].isalpha() \
            and not _known_word(d, low[j]):
        return True
    if it.i > 0 and toks[it.i - 1][0][:1].isupper() and d.gazetteer.get(low[it.i - 1] + " " + low[it.i]):
        return True  # "New Jersey", "New Mexico": a place whose name holds a country's
    if j < len(toks) and low[j] in TOWN_HEADS and toks[j][0][:1].isupper():
        return True  # "Lebanon County", "Jordan Township": a district of its own
    if it.i > 1 and kind == "name" and toks[it.i - 2][0] not in (".", "!", "?", '"', "“", ":", "—", "-"):
        prev = toks[it.i - 1][0]
        if prev[:1].isupper() and prev.isalpha() and low[it.i - 1] not in _NAME_JOINERS \
                and not _known_word(d, low[it.i - 1]):
            return True
    return False


def _region_people(toks, low, it: Item) -> bool:
    """A country's adjective ending a region's demonym ("Central American migrants", "Latin
    American leaders", "Pan-American"): the region's people, not the country's."""
    if it.payload[1] not in ("adj", "people"):
        return False
    k = it.i - 2 if it.i > 1 and toks[it.i - 1][0] in ("-", "‐") else it.i - 1
    return k >= 0 and low[k] + " " + " ".join(low[it.i:it.j]) in REGION_DEMONYMS


# words before a place's name that make another town of it ("New London" is in Connecticut)
TOWN_PREFIXES = frozenset({"New", "Fort", "Port", "Mount", "Lake"})
# words after a place's name that make a district of its own
TOWN_HEADS = frozenset("county township parish borough".split())

# words that end the name of a newspaper, company, club or university named after a place
ORG_HEADS = frozenset("""post times journal herald tribune globe gazette telegraph daily chronicle observer
    independent standard express mirror review news today airlines airways air telecom railways rail bank
    united city rovers wanderers athletic fc county university college institute museum club orchestra""".split())


def compose(d: Dictionaries, toks, items: list[Item]) -> list[tuple[int, int, str | None, str | None, str]]:
    """Combine items into (tok_i, tok_j, country, role, code-or-"") actor candidates."""
    out = []
    person_spans = {(it.i, it.j) for it in items if it.kind == "person"}
    k = 0
    while k < len(items):
        it = items[k]
        nxt = items[k + 1] if k + 1 < len(items) else None
        if it.kind == "person":
            code = it.payload
            country = code[:3] if code[:3] in d.countries else None
            role = code[3:6] if country and len(code) >= 6 else (None if country else code[:3])
            out.append((it.i, it.j, country, role, code))
            k += 1
            continue
        if it.kind == "group":
            g: GroupEntry = it.payload
            if nxt is not None and nxt.kind == "agent" and _same_phrase(toks, it.j, nxt.i):
                # "U.N. spokesman", "UN peacekeepers", "Arab League Secretary General": the group's own staff
                out.append((it.i, nxt.j, g.country, g.role, g.code))
                k += 2
                continue
            out.append((it.i, it.j, g.country, g.role, g.code))
            k += 1
            continue
        if it.kind == "ethnic" or (it.kind == "country" and it.i > 0 and toks[it.i - 1][0].lower() == "ethnic"):
            # "Kurds", "Tamil rebels", "ethnic Albanians": residents of the country around them
            tag = it.payload if it.kind == "ethnic" else EthnicEntry(it.payload[0], it.payload[0])
            role, end, k2 = "CVL", it.j, k + 1
            if nxt is not None and nxt.kind == "agent" and _modifier_gap(toks, it.j, nxt.i):
                role, end, k2 = nxt.payload, nxt.j, k + 2
            elif it.kind == "ethnic" and toks[it.i][0] in d.first_names:
                k += 1
                continue  # "Karen" alone is a first name
            out.append((it.i, end, None, role, EthnicTag(tag)))
            k = k2
            continue
        if it.kind == "country" and nxt is not None and nxt.i == it.j and it.payload[1] in ("adj", "name") and (
                nxt.kind == "ethnic" or (nxt.kind == "country" and nxt.payload[1] in ("adj", "people")
                                         and toks[nxt.i][0].endswith("s"))):
            # "Bosnian Serbs", "Turkish Kurd refugees", "Iraqi Kurds": the first names where they live
            after = items[k + 2] if k + 2 < len(items) else None
            role, end, k2 = "CVL", nxt.j, k + 2
            if after is not None and after.kind == "agent" and _modifier_gap(toks, nxt.j, after.i):
                role, end, k2 = after.payload, after.j, k + 3
            code = it.payload[0]
            tag = nxt.payload.code if nxt.kind == "ethnic" else ""
            out.append((it.i, end, code, role, code + role + tag))
            k = k2
            continue
        if it.kind == "country":
            code, _kind = it.payload
            if nxt is not None and nxt.kind == "agent":
                gap = [t[0].lower() for t in toks[it.j : nxt.i]]
                if gap and gap[0] in ("'s", "’s", "'"):
                    gap = gap[1:]
                if len(gap) <= 2 and all(g in MODIFIERS or g == "-" or _kind == "local" and g in LEVEL_WORDS
                                         for g in gap):
                    out.append((it.i, nxt.j, code, nxt.payload, code + nxt.payload))
                    k += 2
                    continue
            if _kind == "capital" and _speaks(toks, it.j) or _kind == "local" and _acts(d, toks, it.i, it.j):
                # "Moscow said", "Kyiv rejected": the capital stands for the government (a town
                # named like one, "San Jose has had to front the money": its local government)
                out.append((it.i, it.j, code, "GOV", code + "GOV"))
                k += 1
                continue
            if _kind == "local":
                k += 1  # a town or a state named like a country or a capital: a place, not an actor
                continue
            out.append((it.i, it.j, code, None, code))
            k += 1
            continue
        # agent
        role = it.payload
        if it.j < len(toks) and _is_modifier_use(toks, it.j, d):
            k += 1
            continue
        gap = [t[0].lower() for t in toks[it.j : nxt.i]] if nxt is not None else []
        if nxt is not None and nxt.kind == "country" and gap in (["of"], ["in"], ["of", "the"], ["in", "the"], ["for"]):
            code = nxt.payload[0]
            out.append((it.i, nxt.j, code, role, code + role))
            k += 2
            continue
        out.append((it.i, it.j, None, role, ""))
        k += 1
    out = _absorb_where(toks, out)
    # "Hungarian and Romanian officials": the role is shared by the coordinated adjective
    for n in range(len(out) - 1):
        i, j, country, role, code = out[n]
        i2, _j2, country2, role2, _code2 = out[n + 1]
        if (role is None and country and role2 and country2 and i2 == j + 1 and toks[j][0].lower() in ("and", "&")
                and toks[j - 1][0][:1].isupper()):
            out[n] = (i, j, country, role2, country + role2)
    return _named_people(toks, out, person_spans)


def _same_phrase(toks, j: int, k: int) -> bool:
    """Up to three words of one name between an organisation and a role: "UN spokesman", "the
    UN's special envoy", "the Arab League's secretary-general", "the UN Support Mission" (the
    organisation's own staff or body)."""
    gap = [t[0] for t in toks[j:k]]
    return len(gap) <= 3 and all(
        g in ("'s", "’s", "-") or g.lower() in MODIFIERS or (g.isalpha() and g[:1].isupper())
        for g in gap)


def _modifier_gap(toks, j: int, k: int) -> bool:
    """At most two modifiers between two items ("Tamil civilian refugees")."""
    gap = [t[0].lower() for t in toks[j:k]]
    return len(gap) <= 2 and all(g in MODIFIERS or g in ("-", "civilian") for g in gap)


class EthnicTag(str):
    """The code slot of an ethnic group's candidate until its country is known (an empty string,
    so code checks treat it as not yet coded)."""

    entry: EthnicEntry

    def __new__(cls, entry: EthnicEntry) -> "EthnicTag":
        obj = super().__new__(cls, "")
        obj.entry = entry
        return obj


TITLE_NOUNS = frozenset({"coordinator", "chief", "head", "director", "commissioner", "rapporteur", "envoy",
                         "representative", "secretary-general", "spokesman", "spokeswoman", "spokesperson",
                         "commander", "office", "mission", "agency", "operation", "commission", "monitors"})
SERVICE_NOUNS = frozenset({"mission", "office", "envoy", "delegation", "embassy", "representative", "team",
                           "agency", "programme", "program", "force", "forces", "contingent"})


def _absorb_where(toks, out):
    """"The UN mission in Iraq", "the UN envoy for Syria", "Kurdish officials in Erbil": the place
    after an organisation's or an official's name says where they serve; it is not another actor."""
    merged = []
    for cand in out:
        if merged:
            i, j, country, role, code = merged[-1]
            gap = [t[0].lower() for t in toks[j : cand[0]]]
            if gap and gap[0] in SERVICE_NOUNS:
                gap = gap[1:]  # "the UN mission in Iraq", "the US embassy in Baghdad"
            elif code[:3] in ("IGO", "NGO"):
                # "the UN Support Mission in Libya", "the UN's humanitarian coordinator for
                # Afghanistan", "the UN human rights monitoring mission in Ukraine"
                k = next((n for n, g in enumerate(gap[:5]) if g in SERVICE_NOUNS or g in TITLE_NOUNS), None)
                if k is not None and all(g in ("'s", "’s", "-") or (g.isalpha() and g not in FUNCTION_WORDS)
                                         for g in gap[:k]):
                    gap = gap[k + 1 :]
            if not gap and toks[j - 1][0].lower() in ("in", "for", "to"):
                gap = [toks[j - 1][0].lower()]  # the agent phrase ends with it ("embassy in")
            place_like = cand[3] is None or (cand[3] == "GOV" and cand[1] - cand[0] == 1)
            if (code and role and place_like and cand[2] and gap in (["in"], ["for"], ["in", "the"], ["to"])
                    and (country or code[:3] in ("IGO", "NGO"))):
                merged[-1] = (i, cand[1], country, role, code)
                continue
        merged.append(cand)
    return merged


def _name_run(toks, k: int, step: int, limit: int = 4) -> int:
    """How many capitalised name-like tokens run from ``k`` in direction ``step`` (at most ``limit``)."""
    n = 0
    while n < limit and 0 <= k < len(toks):
        t = toks[k][0]
        if not (t[:1].isupper() and (t.replace("-", "").replace(".", "").isalpha())) or t.lower() in NAME_STOP:
            break
        n += 1
        k += step
    return n


NAME_STOP = frozenset({"the", "a", "an", "in", "on", "at", "of", "and", "but", "he", "she", "it", "they", "on",
                       "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mr", "mrs",
                       "ms", "dr", "said", "says", "told"})


def _named_people(toks, out, person_spans):
    """Role phrases name people: "Bulgarian President Todor Zhivkov" is one actor with the role
    phrase's code (the title in the text beats the dictionary's dates); "Iran's foreign minister
    Mohammad Zarif" and "Mohammad Zarif, Iran's foreign minister," teach the name, so a later
    "Zarif" (or "Mohammad Zarif") is coded like the first full mention."""
    names: dict[str, tuple] = {}
    first: dict[str, tuple[int, int]] = {}  # a learnt name -> the tokens of its first full mention

    def learn(word: str, use: tuple, span: tuple[int, int]) -> None:
        if word not in names:
            names[word] = use
            first[word] = span

    merged = []
    k = 0
    while k < len(out):
        i, j, country, role, code = out[k]
        nxt = out[k + 1] if k + 1 < len(out) else None
        if (i, j) in person_spans and code:
            # "Kenzo Oshima, the United Nations relief coordinator,": the title in the text beats
            # the dictionary's entry
            if nxt is not None and nxt[4] and j < len(toks) and toks[j][0] == "," and (
                    nxt[0] == j + 1 or (nxt[0] == j + 2 and toks[j + 1][0].lower() == "the")) and (
                    nxt[3] or nxt[4][:3] in ("IGO", "NGO")):
                country, role, code = nxt[2], nxt[3], nxt[4]
                out[k] = (i, j, country, role, code)
            if j - i >= 2:
                learn(toks[j - 1][0], (country, role, code), (i, j))  # "Zarif" after "Mohammad Javad Zarif"
        if role and code and (i, j) not in person_spans:
            if nxt is not None and nxt[0] == j and (nxt[0], nxt[1]) in person_spans:
                use = (country, role, code) if country else (nxt[2], nxt[3], nxt[4])
                learn(toks[nxt[1] - 1][0], use, (i, nxt[1]))
                merged.append((i, nxt[1], *use))
                k += 2
                continue
            n = _name_run(toks, j, 1)
            if 2 <= n and (nxt is None or nxt[0] >= j + n) and country:
                for m in range(j, j + n):
                    learn(toks[m][0], (country, role, code), (i, j + n))
                names[" ".join(t[0] for t in toks[j : j + n])] = (country, role, code)
                first[" ".join(t[0] for t in toks[j : j + n])] = (i, j + n)
                merged.append((i, j + n, country, role, code))
                k += 1
                continue
            if i >= 2 and toks[i - 1][0] == "," or (i >= 3 and toks[i - 2][0] == "," and toks[i - 1][0].lower() == "the"):
                comma = i - 1 if toks[i - 1][0] == "," else i - 2
                n = _name_run(toks, comma - 1, -1)
                prev_end = merged[-1][1] if merged else 0
                if 2 <= n and comma - n >= prev_end and country:
                    start = comma - n
                    for m in range(start, comma):
                        learn(toks[m][0], (country, role, code), (start, comma))
                    merged.append((start, comma, country, role, code))
        merged.append(out[k])
        k += 1
    if not names:
        return merged
    # later mentions of a learnt name (its last word alone, or the full name)
    taken = set()
    for i, j, *_ in merged:
        taken.update(range(i, j))
    extra = []
    for m, (t, _s, _e) in enumerate(toks):
        if m in taken or t not in names or not t[:1].isupper():
            continue
        if m + 1 < len(toks) and toks[m + 1][0][:1].isupper() and toks[m + 1][0].isalpha():
            continue  # part of another name ("Zarif Street")
        country, role, code = names[t]
        extra.append((m, m + 1, country, role, CorefCode(code, first[t]) if code else code))
    return sorted(merged + extra)


class CorefCode(str):
    """An actor code read from an earlier full mention ("Zarif" after "Mohammad Javad Zarif,
    Iran's foreign minister"): it keeps the tokens of that mention."""

    antecedent: tuple[int, int]

    def __new__(cls, code: str, antecedent: tuple[int, int]) -> "CorefCode":
        obj = super().__new__(cls, code)
        obj.antecedent = antecedent
        return obj


def resolve(cands, toks, sentence_of_tok, country_context, article_country) -> list[tuple[int, int, str, str | None, str | None]]:
    """Give bare agents a country: earlier same-role actor, sentence country, article country."""
    by_role: dict[str, str] = {}
    resolved = []
    for i, j, country, role, code in cands:
        if isinstance(code, EthnicTag):
            # a country named around the group, else the article's, else where the group mostly lives
            # ("ethnic Albanians" in Serbia: another country than the one the name comes from;
            # "Karen rebels" near the Thai border: their own country when the sentence names it)
            home, own = code.entry.home, code.entry.code == code.entry.home
            c = country_context(sentence_of_tok[i], toks[i][1], home if own else None, None if own else home) or (
                article_country if not (own and article_country == home) else None) or home
            resolved.append((i, j, (c or "") + role + code.entry.code, c, role))
            continue
        owner = _owner(toks, i, sentence_of_tok, resolved)
        if not code and owner:
            code, country = owner + role, owner  # "Nigeria ... its troops": the troops are Nigeria's
        if not code:
            prev = by_role.get(role) or (by_role.get("ARMED") if role in ARMED else None)
            if prev:
                code = prev
                country = prev[:3]
            else:
                c = country_context(sentence_of_tok[i], toks[i][1]) or article_country
                if c:
                    code, country = c + role, c
                else:
                    code = role
        if role and code != role:
            by_role[role] = code
            if role in ARMED:
                by_role["ARMED"] = code
        resolved.append((i, j, code, country, role))
    return resolved


def _owner(toks, i: int, sentence_of_tok, resolved) -> str | None:
    """The country of "its"/"their" before the agent at ``i``: the last country actor before it
    in the same sentence."""
    if i == 0 or toks[i - 1][0].lower() not in ("its", "their"):
        return None
    for pi, _pj, pcode, pcountry, _prole in reversed(resolved):
        if sentence_of_tok[pi] != sentence_of_tok[i]:
            return None
        if pcountry:
            return pcountry
    return None


def to_mentions(text: str, toks, resolved, d: Dictionaries) -> list[ActorMention]:
    out = []
    for i, j, code, country, role in resolved:
        s, e = toks[i][1], toks[j - 1][2]
        name = code
        if country and country in d.countries:
            name = d.countries[country].name + (f" {role.lower()}" if role else "")
        ref = getattr(code, "antecedent", None)
        out.append(ActorMention(text=text[s:e], start=s, end=e, code=str(code), name=name,
                                country_code=country if country in d.countries else None, role=role,
                                refers_start=toks[ref[0]][1] if ref else None,
                                refers_end=toks[ref[1] - 1][2] if ref else None))
    return out


def main_country(items: list[Item]) -> str | None:
    c = Counter()
    for it in items:
        if it.kind == "country":
            c[it.payload[0]] += 1
        elif it.kind == "group" and it.payload.country:
            c[it.payload.country] += 1
        elif it.kind == "person" and it.payload[:3].isalpha() and it.payload[:3] not in ("IGO", "NGO", "IMG"):
            c[it.payload[:3]] += 1  # "Obama", "Putin": the country they hold office in
    return c.most_common(1)[0][0] if c else None

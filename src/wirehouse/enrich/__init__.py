"""Enrichment: actors, places and events with evidence offsets (offline, rule and dictionary based).

    enricher = Enricher.load()            # once; loads every data file
    result = enricher.enrich(text, published=date(2017, 10, 20))
    row = enricher.contract("file.txt", text)   # the `wirehouse enrich --jsonl` object
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Sequence

from wirehouse.records import ActorMention, Enrichment, Event, PlaceMention

from . import actors as _actors
from . import events as _events
from . import places as _places
from . import relevance as _relevance
from .dictionaries import Dictionaries
from .sentences import find_dateline, split_sentences, tokenize
from .tone import tone_of

__all__ = ["Enricher"]

logging.getLogger(__name__).addHandler(logging.NullHandler())

CONFIDENCE_BASE = 0.5


@dataclass
class Enricher:
    """Loaded dictionaries plus the enrichment rules. Build with :meth:`load`; thread-safe to share."""

    dicts: Dictionaries
    relevance: _relevance.Relevance
    place_adjectives: bool = True  # count "Russian" as a toponym of Russia (GeoWebNews convention)

    @classmethod
    def load(cls, extra_dictionaries: Sequence[Path] = ()) -> "Enricher":
        return cls(Dictionaries.load(extra_dictionaries), _relevance.Relevance.load())

    # ------------------------------------------------------------------ public
    def enrich(self, text: str, *, published: date | None = None, dateline: str | None = None,
               language: str | None = "en", url: str | None = None, title: str | None = None) -> Enrichment:
        """Actors, places and events of one text. ``url`` and ``title`` help tell a sports,
        business or entertainment story (no events coded) from a political one."""
        if not text or (language is not None and language != "en"):
            return Enrichment()
        d = self.dicts
        toks = tokenize(text)
        low = [t[0].lower() for t in toks]
        sents = split_sentences(text)
        sent_of_tok = _sentence_index(toks, sents)
        sentence_starts = {s.start for s in sents}
        if dateline is None:
            dateline = find_dateline(text)
        dateline_country = self._dateline_country(dateline)

        # places first: their countries are context for actors
        cands = _places.find_candidates(d, toks, sentence_starts, self.place_adjectives)
        _places.resolve(cands, _places.dateline_place(d, dateline))
        placed = _places.to_mentions(d, text, toks, cands)
        place_mentions = [pm for _i, pm in placed]

        items = _actors.find_actor_items(d, toks, low, published)
        article_country = _actors.main_country(items) or dateline_country
        places_by_sent: dict[int, list[PlaceMention]] = {}
        for i, pm in placed:
            if not pm.in_name:
                places_by_sent.setdefault(sent_of_tok[i], []).append(pm)
        countries_by_sent: dict[int, list[tuple[int, str]]] = {}
        for it in items:
            if it.kind == "country":
                countries_by_sent.setdefault(sent_of_tok[it.i], []).append((toks[it.i][1], it.payload[0]))
        for si, pms in places_by_sent.items():
            for pm in pms:
                if pm.country_code and pm.feature_kind != "country":
                    countries_by_sent.setdefault(si, []).append((pm.start, pm.country_code))

        def country_context(si: int, pos: int) -> str | None:
            opts = countries_by_sent.get(si)
            if not opts:
                return None
            return min(opts, key=lambda o: abs(o[0] - pos))[1]

        comp = _actors.compose(d, toks, items)
        resolved = _actors.resolve(comp, toks, sent_of_tok, country_context, article_country)
        actor_mentions = _actors.to_mentions(text, toks, resolved, d)

        # A dateline says where the reporter files from, not where events happen: its places are
        # an event's place only when the article names no other.
        in_dateline = _dateline_span(text, dateline)
        named = [p for p in place_mentions if not p.in_name]
        event_places = [p for p in named if not in_dateline(p)] or named
        place_counts = Counter((p.name, p.country_code) for p in event_places)
        top_place = None
        if event_places:
            key = place_counts.most_common(1)[0][0]
            top_place = next(p for p in event_places if (p.name, p.country_code) == key)
        # the article's most named place below country level: where a sentence that names only a
        # country (often an actor's "Iraqi") happens, when it lies in that country
        local = [p for p in event_places if p.feature_kind != "country"]
        top_local = None
        if local:
            key = Counter((p.name, p.country_code) for p in local).most_common(1)[0][0]
            top_local = next(p for p in local if (p.name, p.country_code) == key)

        events: list[Event] = []
        flagged: list[Event] = []  # coded, but not political events: stored with the reason, not shown
        story_flag = self.relevance.story_topic(low, url, title, sum(
            1 for a in actor_mentions if _relevance.actor_kind(a.code, d.countries) == "state"))
        actors_by_sent: dict[int, list[tuple[int, int, ActorMention]]] = {}
        for (i, j, *_rest), am in zip(resolved, actor_mentions):
            actors_by_sent.setdefault(sent_of_tok[i], []).append((i, j, am))
        tok_ranges = _token_ranges(sent_of_tok, len(sents))
        antecedent: list = []  # the subject a sentence-initial "He", "She", "It" or "They" stands for
        story = _StoryContext()  # the article's latest dyad and attacker, for "both sides", "the attack"
        for si, sent in enumerate(sents):
            lo, hi = tok_ranges[si]
            if lo >= hi:
                continue
            sent_flag = story_flag or self.relevance.sentence_flag(low, lo, hi, text[sent.start:sent.end], published)
            sent_actors = actors_by_sent.get(si, [])
            sent_places = [p for p in places_by_sent.get(si, []) if not in_dateline(p)]
            evs = self._code_sentence(text, toks, low, lo, hi, sent, sent_actors, sent_places, top_place, published,
                                      antecedent, story, top_local)
            if sent_flag:
                flagged.extend(replace(e, flag=sent_flag) for e in evs)
                continue  # a flagged sentence is no context for the next one
            flagged.extend(e for e in evs if e.flag)
            evs = [e for e in evs if not e.flag]
            events.extend(evs)
            story.update(evs)
            antecedent = _next_antecedent(antecedent, sent_actors, evs)
        article_tone = tone_of(toks, d.tone)
        return Enrichment(actors=tuple(actor_mentions), places=tuple(place_mentions), events=tuple(events),
                          tone=article_tone, flagged=tuple(flagged))

    def contract(self, source: str, text: str) -> dict:
        """The JSON object of the `wirehouse enrich --jsonl` contract for one input."""
        e = self.enrich(text)
        return {
            "source": source,
            "actors": [{"text": a.text, "start": a.start, "end": a.end, "code": a.code} for a in e.actors],
            "places": [{"text": p.text, "start": p.start, "end": p.end, "name": p.name,
                        "country_code": p.country_code, "lat": p.lat, "lon": p.lon, "geonameid": p.geonameid}
                       for p in e.places],
            "events": [{"sentence_start": v.sentence_start, "sentence_end": v.sentence_end,
                        "source_actor": v.source_actor, "target_actor": v.target_actor, "code": v.code,
                        "root_code": v.root_code, "quad_class": v.quad_class, "goldstein": v.goldstein}
                       for v in e.events],
        }

    # ----------------------------------------------------------------- helpers
    def _dateline_country(self, dateline: str | None) -> str | None:
        if not dateline:
            return None
        d = self.dicts
        for part in reversed([p.strip() for p in dateline.split(",")]):
            key = " ".join(t[0].lower() for t in tokenize(part))
            hit = d.country_aliases.entries.get(key)
            if hit:
                return hit[0][0]
            places = d.gazetteer.get(key)
            if places:
                return max(places, key=lambda p: p.population).country
        return None

    def _code_sentence(self, text, toks, low, lo, hi, sent, sent_actors, sent_places, top_place, published,
                       antecedent=(), story: "_StoryContext | None" = None,
                       top_local: PlaceMention | None = None) -> list[Event]:
        d = self.dicts
        actor_toks = {k for i, j, _ in sent_actors for k in range(i, j)}
        hits = _events.find_verbs(d, toks, low, lo, hi, actor_toks)
        first_actor = sent_actors[0][0] if sent_actors else None
        hit = _events.choose_verb(hits, first_actor, low)
        if hit is None:
            return []
        conditional = "unless" in low[hit.j:hi]
        code, negated = _events.adjust_code(d, hit, hits, low, conditional)
        if code is None or code not in d.event_codes:
            return []
        before = [a for a in sent_actors if a[1] <= hit.i]
        after = [a for a in sent_actors if a[0] >= hit.j]
        sources = _coordinated(_skip_apposition(before, low, hit.i), low, from_end=True, toks=toks)
        if not sources and antecedent and _pronoun_subject(low, lo, hit.i):
            sources = list(antecedent)  # "He also met ...": the subject of the sentence before
        after = [a for a in after if not _is_reporter(a, low, hits, hi) and not _is_location(a, low, d, code)]
        if not hit.passive and _root(d, code) not in CONFLICT_ROOTS:
            # "Britain mobilised army reservists", "France will contribute troops to a force in
            # Liberia": a state's own forces are its means, not the target
            own = {a[2].code[:3] for a in sources}
            after = [a for a in after if not (a[2].code[:3] in own and a[2].code[3:6] in OWN_FORCES)]
        targets = _coordinated(after, low, from_end=False)
        say = _reporting_verb_before(hits, hit)
        if say is not None and any(w in _events.OBLIGATION for w in _events._clause_window(low, lo, hit.i)):
            # "X said (that) Y must V": X demands of Y
            reporters = [a for a in sent_actors if a[1] <= say.i]
            if reporters:
                code = "100"
                targets = _coordinated([a for a in before if a[0] >= say.j], low, from_end=True)
                sources = _coordinated(reporters, low, from_end=False)
                hit = say
        elif hit.passive:
            by = [a for a in after if a[0] > 0 and low[a[0] - 1] == "by"]
            new_sources = _coordinated(by, low, from_end=False) if by else []
            sources, targets = new_sources, sources
        if hit.code in _events.SAY_CODES and not targets:
            return []
        if not sources and not targets:
            return []
        flag = _relevance.verb_flag(text, sent.start, low[lo:hi], toks[lo:hi], hit.i - lo)
        ec = d.event_codes[code]
        pairs: list[tuple[str | None, str | None]] = []
        src_codes = _unique([a[2].code for a in sources]) or [None]
        if len({c[:3] for c in src_codes if c}) > 1 and hit.noun and ec.root_code == "15":
            ec = d.event_codes["062"]  # "French and Egyptian warships began exercises": joint, not a show of force
        if len({c[:3] for c in src_codes if c}) > 1 and ec.root_code in _events.RECIPROCAL_ROOTS:
            # "Jordan and Britain agreed to ...": reciprocal unless a partner is named with "with"
            targets = [a for a in targets if a[0] > 0 and low[a[0] - 1] == "with"]
        tgt_codes = _unique([a[2].code for a in targets if a[2].code not in {s[2].code for s in sources}]) or [None]
        if tgt_codes == [None] and story is not None and all(
                _relevance.actor_kind(c, d.countries) == "state" for c in src_codes):
            # only a political source acts on the story's counterpart; an implied target never
            # makes a sentence about others political
            tgt_codes = story.implied_target(low, hit.j, hi, ec.root_code, src_codes) or [None]
        if tgt_codes == [None] and ec.root_code == "14":
            # a protest, strike or blockade without a named target is aimed at the country's government
            tgt_codes = _unique([c[:3] + "GOV" for c in src_codes if c and c[:3] in d.countries]) or [None]
        if tgt_codes == [None] and len(src_codes) > 1 and ec.root_code in _events.RECIPROCAL_ROOTS:
            pairs = [(a, b) for a in src_codes for b in src_codes if a != b]
        else:
            pairs = [(a, b) for a in src_codes for b in tgt_codes]
        place = None
        if sent_places:
            place = max(sent_places, key=lambda p: _places.SPECIFICITY.get(p.feature_kind, 0))
        elif top_place is not None:
            place = top_place
        if (place is not None and place.feature_kind == "country" and top_local is not None
                and top_local.country_code == place.country_code):
            place = top_local
        sent_text = text[sent.start:sent.end]
        tone = _sentence_tone(toks, lo, hi, d)
        conf = CONFIDENCE_BASE + (0.2 if sources else 0) + (0.15 if targets else 0) - (0.2 if hit.modal else 0)
        when = _events.event_date(published, sent_text)
        if ec.root_code in ("18", "19", "20") and pairs and all(
                _relevance.verbal_only(s, t, d.countries, low[lo:hi]) for s, t in pairs):
            ec = d.event_codes["111"]  # a war of words: criticise or denounce
        subject_end = max((a[1] for a in (*sources, *targets) if lo <= a[0] and a[1] <= hit.i), default=None)
        weak = _relevance.evidence_flag(low[lo:hi], toks[lo:hi], hit.i - lo,
                                        None if subject_end is None else subject_end - lo, ec.root_code)
        return [
            Event(sentence=sent_text, sentence_start=sent.start, sentence_end=sent.end, source_actor=s,
                  target_actor=t, code=ec.code, root_code=ec.root_code, quad_class=ec.quad_class,
                  goldstein=ec.goldstein, confidence=round(max(0.05, min(1.0, conf)), 2), event_date=when,
                  place=place, tone=tone, is_negated=negated,
                  flag=flag or _relevance.event_flag(s, t, d.countries, ec.root_code, low[lo:hi]) or weak)
            for s, t in pairs
        ]


CONFLICT_ROOTS = frozenset({"10", "11", "12", "13", "14", "16", "17", "18", "19", "20"})
OWN_FORCES = frozenset({"MIL", "COP", "SPY"})


def _root(d, code) -> str:
    return d.event_codes[code].root_code if code in d.event_codes else code[:2]


def _is_location(a, low, d, code) -> bool:
    """An actor named after "at" or "near" (directly or with "the") is where the event happens, not
    whom it is aimed at ("spoke at the University of Iowa", "arrived at Andrews Air Force Base",
    "met near the border"); protests and attacks keep it ("fired at", "rallied outside the parliament")."""
    i = a[0]
    if a[1] < len(low) and low[a[1]] in ("border", "frontier", "borders", "coast", "waters"):
        return True  # "on the Thai border", "off Yemen's coast"
    k = i - 1
    if k >= 0 and low[k] == "the":
        k -= 1
    if k < 0 or low[k] not in ("at", "inside", "outside", "near"):
        return False
    return not (code in d.event_codes and d.event_codes[code].root_code in ("14", "15", "17", "18", "19", "20"))


SIDES = frozenset({("both", "sides"), ("all", "sides"), ("two", "sides"), ("both", "parties"), ("all", "parties"),
                   ("warring", "parties"), ("the", "parties"), ("both", "countries"), ("the", "belligerents")})
ATTACK_NOUNS = frozenset({"attack", "attacks", "bombing", "bombings", "strike", "strikes", "airstrike", "airstrikes",
                          "killing", "killings", "raid", "raids", "shelling", "assault", "massacre", "violence",
                          "abduction", "kidnapping", "offensive", "incursion", "seizure"})


class _StoryContext:
    """What an article has told so far, for targets a sentence names only by reference: "called on
    both sides" (the two actors of the latest dyad), "condemned the attack" (its attacker)."""

    def __init__(self) -> None:
        self.dyad: tuple[str, str] | None = None
        self.attacker: str | None = None

    def update(self, evs: list[Event]) -> None:
        for e in evs:
            if e.source_actor and e.target_actor and e.source_actor[:3] != e.target_actor[:3] or (
                    e.source_actor and e.target_actor and e.root_code in ("17", "18", "19", "20")):
                self.dyad = (e.source_actor, e.target_actor)
            if e.source_actor and e.root_code in ("18", "19", "20"):
                self.attacker = e.source_actor

    def implied_target(self, low, j: int, hi: int, root: str, src_codes) -> list[str]:
        window = low[j : min(hi, j + 5)]
        pairs = set(zip(window, window[1:]))
        if self.dyad and pairs & SIDES:
            return [c for c in self.dyad if c not in src_codes]
        if self.attacker and root in ("11", "12") and any(w in ATTACK_NOUNS for w in window[:4]):
            return [self.attacker] if self.attacker not in src_codes else []
        if self.dyad and len(src_codes) == 1 and src_codes[0]:
            # the story's latest pair: one side acts again without naming the other
            a, b = self.dyad
            src = src_codes[0]
            if src == a or (src[:3] == a[:3] and a[:3] != b[:3]):
                return [b]
            if src == b or (src[:3] == b[:3] and a[:3] != b[:3]):
                return [a]
        return []


SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they"})


def _pronoun_subject(low, lo: int, verb_i: int) -> bool:
    """The sentence opens with a subject pronoun ("He", "But they") close before its verb."""
    k = lo + (1 if low[lo] in ("but", "and", "then") else 0)
    return k < verb_i <= k + 5 and low[k] in SUBJECT_PRONOUNS and "," not in low[k:verb_i]


def _next_antecedent(current: list, sent_actors: list, evs: list[Event]) -> list:
    """What a pronoun in the next sentence refers to: this sentence's event source, else its
    first actor, else what it was."""
    if evs and evs[0].source_actor:
        found = [a for a in sent_actors if a[2].code == evs[0].source_actor]
        if found:
            return found[:1]
        return current
    return sent_actors[:1] or current


def _sentence_tone(toks, lo, hi, d) -> float:
    return tone_of(toks[lo:hi], d.tone)


REPORTING_LEMMAS = frozenset({"say", "announce", "state", "declare", "tell", "report", "confirm", "add", "claim",
                              "quote", "insist", "note", "write", "comment"})


def _is_reporter(a, low, hits, hi) -> bool:
    """An actor that is the speaker of a trailing reporting clause (", officials said") or the
    source after "according to"."""
    i, j, _m = a
    if i >= 2 and low[i - 2 : i] == ["according", "to"] or i >= 3 and low[i - 3 : i - 1] == ["according", "to"]:
        return True
    for h in hits:
        if j <= h.i <= j + 3 and (h.code in _events.SAY_CODES or h.lemma in REPORTING_LEMMAS) and not (
                h.i > 0 and low[h.i - 1] in _NOT_BEFORE_SPEECH):
            return True
    k = j
    while k < min(hi, j + 4) and low[k] not in (",", "."):
        if low[k] in ("said", "says", "reported", "reports", "announced", "told", "confirmed", "added", "quoted",
                      "stated", "wrote", "noted"):
            return True
        k += 1
    return False


# words after which "talks", "reports", "statements" are nouns, not a speaker's verb
_NOT_BEFORE_SPEECH = frozenset({"unless", "if", "when", "after", "before", "the", "a", "an", "of", "for", "in"})


def _reporting_verb_before(hits, hit):
    for h in hits:
        if h.i >= hit.i:
            return None
        if h.code in _events.SAY_CODES or h.lemma in ("say", "announce", "state", "declare", "tell", "insist"):
            return h
    return None


def _skip_apposition(before, low, verb_i):
    """Drop actors inside an apposition or relative clause just before the verb
    ("Pakistan, a key U.S. ally, has refused ...")."""
    k = verb_i - 1
    while k >= 0 and low[k] in _AUX_ADV:
        k -= 1
    if k < 0 or low[k] != ",":
        return before
    close = k
    k -= 1
    while k >= 0 and low[k] not in (",", ".", ";"):
        k -= 1
    opener = low[k + 1] if k >= 0 else ""
    if k < 0 or low[k] != "," or close - k > 14 or not (
            opener in ("a", "an", "the", "who", "which", "whose", "led", "backed") or opener.endswith("ed")):
        return before
    kept = [a for a in before if a[1] <= k or a[0] > close]
    return kept if any(a[1] <= k for a in kept) else before


_AUX_ADV = frozenset({"has", "have", "had", "was", "were", "is", "are", "also", "again", "now", "then", "already",
                      "reportedly", "on", "today", "yesterday", "recently", "later", "earlier", "not", "never"})


def _unique(seq):
    out = []
    for x in seq:
        if x not in out:
            out.append(x)
    return out


_COORD_WORDS = frozenset({"and", ",", "&", "as", "well", "both", "the"})


def _coordinated(actors, low, from_end: bool, toks=None):
    """The actor nearest the verb plus those joined to it by "and" / "," ."""
    if not actors:
        return []
    seq = list(reversed(actors)) if from_end else list(actors)
    group = [seq[0]]
    for a in seq[1:]:
        prev = group[-1]
        lo_, hi_ = (a[1], prev[0]) if from_end else (prev[1], a[0])
        gap = low[lo_:hi_]
        names = [k for k in range(lo_, hi_) if low[k] not in _COORD_WORDS]
        if gap and any(w in ("and", "&", ",", "as") for w in gap) and (
                not names or (toks is not None and len(names) <= 3 and from_end and all(toks[k][0][:1].isupper() for k in names)
                              and low[hi_ - 1] in ("and", "&"))):
            group.append(a)
        else:
            break
    return group


def _dateline_span(text: str, dateline: str | None):
    """A predicate: does a mention lie in the dateline at the head of the text?"""
    start = text.find(dateline, 0, 400) if dateline else -1
    if start < 0:
        return lambda mention: False
    end = start + len(dateline)
    return lambda mention: start <= mention.start < end


def _sentence_index(toks, sents) -> list[int]:
    out = []
    si = 0
    for _t, s, _e in toks:
        while si + 1 < len(sents) and s >= sents[si + 1].start:
            si += 1
        out.append(si)
    return out


def _token_ranges(sent_of_tok, n_sents):
    ranges = [[0, 0] for _ in range(n_sents)]
    seen = set()
    for k, si in enumerate(sent_of_tok):
        if si not in seen:
            ranges[si][0] = k
            seen.add(si)
        ranges[si][1] = k + 1
    return [tuple(r) for r in ranges]

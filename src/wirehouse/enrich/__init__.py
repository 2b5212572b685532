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

from wirehouse.records import ActorMention, Enrichment, Event, OutletPrior, PlaceMention

from . import actors as _actors
from . import events as _events
from . import places as _places
from . import relevance as _relevance
from .clauses import condition_on_other, inverted_condition, read_contractions, reported_subject
from .dictionaries import Dictionaries, norm_key
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
    prior_min_articles: int = _places.PRIOR_MIN_ARTICLES  # an outlet's prior counts from this many articles

    @classmethod
    def load(cls, extra_dictionaries: Sequence[Path] = ()) -> "Enricher":
        return cls(Dictionaries.load(extra_dictionaries), _relevance.Relevance.load())

    # ------------------------------------------------------------------ public
    def enrich(self, text: str, *, published: date | None = None, dateline: str | None = None,
               language: str | None = "en", url: str | None = None, title: str | None = None,
               prior: OutletPrior | None = None) -> Enrichment:
        """Actors, places and events of one text. ``url`` and ``title`` help tell a sports,
        business or entertainment story (no events coded) from a political one; ``prior`` is what
        the outlet usually reports (its region settles names the article leaves ambiguous)."""
        if not text or (language is not None and language != "en"):
            return Enrichment()
        d = self.dicts
        toks = tokenize(text)
        low = [t[0].lower() for t in toks]
        aux = read_contractions(low)  # "they'd have attacked" read as "would have attacked", once per text
        sents = split_sentences(text)
        sent_of_tok = _sentence_index(toks, sents)
        sentence_starts = {s.start for s in sents}
        if dateline is None:
            dateline = find_dateline(text)
        dateline_country = self._dateline_country(dateline)

        # places first: their countries are context for actors
        cands = _places.find_candidates(d, toks, sentence_starts, self.place_adjectives)
        home = _places.home_region(prior, self.prior_min_articles)
        _places.resolve(cands, _places.dateline_place(d, dateline, home), home)
        placed = _places.to_mentions(d, text, toks, cands)
        place_mentions = [pm for _i, pm in placed]

        # a country's or capital's name the places resolve elsewhere ("Paris", Kentucky) takes that country
        items = _actors.place_countries(_actors.find_actor_items(d, toks, low, published), toks,
                                        {(pm.start, pm.end): pm for pm in place_mentions}, d.countries,
                                        d.place_stopwords)
        # "the Jefferson County Sheriff's Office", "Ontario Provincial Police": the place's institution
        items = _actors.local_institutions(d, items, toks, low, place_mentions, d.countries)
        article_country = _actors.main_country(items) or dateline_country
        places_by_sent: dict[int, list[PlaceMention]] = {}
        for i, pm in placed:
            if not pm.in_name:
                places_by_sent.setdefault(sent_of_tok[i], []).append(pm)
        countries_by_sent: dict[int, list[tuple[int, str]]] = {}
        for it in items:
            if it.kind == "country":
                countries_by_sent.setdefault(sent_of_tok[it.i], []).append((toks[it.i][1], it.payload[0]))
        for i, pm in placed:
            # a place inside a name still says the country ("the University of Alberta": CANEDU)
            if pm.country_code and pm.feature_kind != "country":
                countries_by_sent.setdefault(sent_of_tok[i], []).append((pm.start, pm.country_code))

        def country_context(si: int, pos: int, exclude: str | None = None, prefer: str | None = None) -> str | None:
            opts = [o for o in countries_by_sent.get(si, ()) if o[1] != exclude]
            if not opts:
                return None
            if prefer is not None and any(o[1] == prefer for o in opts):
                return prefer
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
            1 for a in actor_mentions if _relevance.actor_kind(a.code, d.countries) == "state")) or (
            "history" if _relevance.history_story(text, published) else None)
        actors_by_sent: dict[int, list[tuple[int, int, ActorMention]]] = {}
        for (i, j, *_rest), am in zip(resolved, actor_mentions):
            actors_by_sent.setdefault(sent_of_tok[i], []).append((i, j, am))
        tok_ranges = _token_ranges(sent_of_tok, len(sents))
        antecedent: list = []  # the subject a sentence-initial "He", "She", "It" or "They" stands for
        story = _StoryContext(d.countries)  # the article's latest dyad and attacker, for "both sides", "the attack"
        inferred: list[ActorMention] = []  # actor mentions an event reads from a place or an attack word
        lead_end = 2  # the first two sentences are the lead (relevance.news_flag)
        year_ref = published or _relevance.latest_year(text)  # what "an earlier year" is measured against
        for si, sent in enumerate(sents):
            lo, hi = tok_ranges[si]
            if lo >= hi:
                continue
            sent_flag = story_flag or self.relevance.sentence_flag(low, lo, hi, text[sent.start:sent.end], year_ref,
                                                                  dated=published is not None)
            if si < 8 and _relevance.opens_with_dateline(text, sent.start):
                lead_end = si + 2  # the story proper starts here, after captions or a heading
            sent_actors = actors_by_sent.get(si, [])
            sent_places = [p for p in places_by_sent.get(si, []) if not in_dateline(p)]
            story.sentence = si
            evs = self._code_sentence(text, toks, low, lo, hi, sent, sent_actors, sent_places, top_place, published,
                                      antecedent, story, top_local, inferred, lead=si < lead_end, aux=aux,
                                      first=si == 0 and len(sents) > 1 and _relevance.is_title(
                                          text[sent.start:sent.end], title))
            if sent_flag:
                flagged.extend(replace(e, flag=sent_flag) for e in evs)
                if sent_flag in _relevance.CONTEXT_FLAGS:
                    # told as background or a reading of events, its actors are still the story's:
                    # whom "he" and "the attack" name next, though not the pair the story goes on with;
                    # not an event flagged as no political act of its own (a crime, no source)
                    story.update([e for e in evs if e.flag is None or e.flag in _relevance.CONTEXT_FLAGS],
                                 news=False)
                    antecedent = _next_antecedent(antecedent, sent_actors, [])
                continue
            flagged.extend(e for e in evs if e.flag)
            story.update([e for e in evs if e.flag in _relevance.CONTEXT_FLAGS], news=False)
            evs = [e for e in evs if not e.flag]
            events.extend(evs)
            story.update(evs)
            antecedent = _next_antecedent(antecedent, sent_actors, evs)
        article_tone = tone_of(toks, d.tone)
        if inferred:
            # actors an event names only by a place or a weapon (see _code_predicate) are mentions too
            seen = {(m.start, m.code) for m in actor_mentions}
            extra = [m for m in inferred if (m.start, m.code) not in seen]
            actor_mentions = sorted([*actor_mentions, *{(m.start, m.code): m for m in extra}.values()],
                                    key=lambda m: (m.start, m.end))
        return Enrichment(actors=tuple(actor_mentions), places=tuple(place_mentions), events=tuple(events),
                          tone=article_tone, flagged=tuple(flagged))

    def contract(self, source: str, text: str, prior: OutletPrior | None = None) -> dict:
        """The JSON object of the `wirehouse enrich --jsonl` contract for one input."""
        e = self.enrich(text, prior=prior)
        return {
            "source": source,
            "actors": [{"text": a.text, "start": a.start, "end": a.end, "code": a.code} for a in e.actors],
            "places": [{"text": p.text, "start": p.start, "end": p.end, "name": p.name,
                        "country_code": p.country_code, "lat": p.lat, "lon": p.lon, "geonameid": p.geonameid}
                       for p in e.places],
            "events": [{"sentence_start": v.sentence_start, "sentence_end": v.sentence_end,
                        "source_actor": v.source_actor, "target_actor": v.target_actor, "code": v.code,
                        "root_code": v.root_code, "quad_class": v.quad_class, "goldstein": v.goldstein,
                        "verb_start": v.verb_start, "verb_end": v.verb_end, "source_start": v.source_start,
                        "source_end": v.source_end, "target_start": v.target_start, "target_end": v.target_end}
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
                       top_local: PlaceMention | None = None, inferred: list | None = None,
                       lead: bool = True, *, aux: Sequence[str], first: bool = False) -> list[Event]:
        """The events of one sentence: one per predicate of the main verb's chain ("shelled the town
        and killed three civilians", "condemned the attack and called on ..."), each with its own
        source, target and evidence offsets. ``aux``: the text's words with contractions read as
        their auxiliaries (``clauses.read_contractions``), once per text."""
        d = self.dicts
        actor_toks = {k for i, j, _ in sent_actors for k in range(i, j)}
        hits = _events.find_verbs(d, toks, aux, lo, hi, actor_toks)
        first_actor = sent_actors[0][0] if sent_actors else None
        main = _events.choose_verb(hits, first_actor, low)
        # a statement's reported clause is read too ("announced that X would be sworn in as ...")
        if main is None or _events.staffing(low, lo, main.i if main.code not in _events.SAY_CODES else hi - 1) \
                or _events.kept_in_office(low, main, hi):
            return []
        chain = _events.predicate_chain(hits, main, low)
        subject = [a for a in sent_actors if a[1] <= chain[0].i]
        purpose = _events.purpose_clause(hits, chain[-1], low, hi)
        if purpose is not None:
            chain[-1] = purpose  # "sent inspectors to Bosnia to investigate": the purpose is the event
        place = None
        if sent_places:
            place = max(sent_places, key=lambda p: _places.SPECIFICITY.get(p.feature_kind, 0))
        elif top_place is not None:
            place = top_place
        if (place is not None and place.feature_kind == "country" and top_local is not None
                and top_local.country_code == place.country_code):
            place = top_local
        events: list[Event] = []
        head_targets: list = []
        head_root = None
        # the story's first two sentences: news by their place (relevance.news_flag); its first, when it is
        # the page's title and a story follows: a headline's present tense is news (relevance.headline_present)
        facts: dict = {"lead": lead, "first": first}
        for n, hit in enumerate(chain):
            stop = chain[n + 1].i if n + 1 < len(chain) else hi
            own = [a for a in sent_actors if a[0] >= hit.j and a[1] <= stop]
            if n == 0 and not [a for a in own if not _place_like(a, low)]:
                own = [a for a in sent_actors if a[0] >= hit.j]  # none of its own: the sentence's later actors
            end_char = toks[stop - 1][2] if stop > lo else sent.end
            where = [p for p in sent_places if toks[hit.j - 1][2] <= p.start <= end_char and p.country_code]
            evs, targets = self._code_predicate(text, toks, low, lo, hi, sent, hit, hits, subject, own,
                                                sent_actors, antecedent if n == 0 else (), story, place, published,
                                                inherited=head_targets if n else None, head_root=head_root,
                                                where=where, facts=facts, inferred=inferred, aux=aux)
            if n == 0:
                head_targets, head_root = targets, (evs[0].root_code if evs else None)
            elif evs and evs[0].root_code == head_root and any(e.root_code == head_root for e in events):
                continue  # "struck a market, killing 20 civilians": one act of force, coded once
            events.extend(e for e in evs if not any(
                (x.source_actor, x.target_actor, x.code) == (e.source_actor, e.target_actor, e.code) for x in events))
        return events

    def _code_predicate(self, text, toks, low, lo, hi, sent, hit, hits, before, after_all, sent_actors,
                        antecedent, story, place, published, inherited=None, head_root=None, where=(),
                        facts: dict | None = None, inferred: list | None = None, *, aux: Sequence[str]):
        """The events of one predicate; also returns its target actors (for a coordinated verb
        that names none: "opened fire, killing one person and arresting 12")."""
        d = self.dicts
        conditional = condition_on_other(aux, hit.j, hi)  # "unless ...", "if they do not ...", "should they ..."
        code, negated = _events.adjust_code(d, hit, hits, aux, conditional)
        if code is None or code not in d.event_codes:
            return [], []
        after = list(after_all)
        sources = _coordinated(_skip_apposition(before, low, hit.i), low, from_end=True, toks=toks)
        if not sources and antecedent and _pronoun_subject(low, lo, hit.i):
            sources = list(antecedent)  # "He also met ...": the subject of the sentence before
        after = [a for a in after if not _is_reporter(a, low, hits, hi) and not _is_location(a, low, d, code)]
        after = _before_relative_clause(after, low, hit.j)
        src_countries = {a[2].country_code for a in sources if a[2].country_code}
        # "warned that Israel would strike Iran": the source's own country as the subject of the
        # reported clause is the source restated, not the target
        after = [a for a in after if not (a[2].country_code in src_countries and _clause_subject(a, hits, low))] or after
        # "expressing Moscow's concern over the US attempts": the source's own country (its name, not an
        # agent of it: "supported the government's decision") as a possessor owns what is expressed
        after = [a for a in after if not (a[2].country_code in src_countries and a[2].code == a[2].country_code
                                          and a[1] < hi and low[a[1]] in ("'s", "’s"))] or after
        own = {a[2].code[:3] for a in sources}
        if not hit.passive and _root(d, code) not in CONFLICT_ROOTS:
            # "Britain mobilised army reservists", "France will contribute troops to a force in
            # Liberia": a state's own forces are its means, not the target
            after = [a for a in after if not (a[2].code[:3] in own and a[2].code[3:6] in OWN_FORCES
                                              and _state_source(sources))]
        # "Jordan recalled its ambassador to Israel", "will withdraw their force from Chad": what the
        # source calls its own is its means, not the target
        after = [a for a in after if not (a[0] > 0 and low[a[0] - 1] in ("its", "their") and a[2].code[:3] in own)]
        # "pledged funding through UN agencies": the channel, not the beneficiary
        after = [a for a in after if not _after_word(a, low, ("through", "via"))] or after
        # a bare country named as where something happens ("protested in Amman", "fighting in
        # Syria") is the target only when no actor is named
        named = [a for a in after if not _place_like(a, low)]
        targets = _coordinated(named or after, low, from_end=False)
        if _root(d, code) == "01" and not hit.passive:
            # a comment is about what its clause tells ("denied that its forces had fired on the
            # plant", "declined to comment on the strike"): those named there are not its target
            targets = [a for a in targets if not any(w in ("that", "on", "about", "for") for w in low[hit.j : a[0]])]
        say = _reporting_verb_before(hits, hit)
        window_start = hit.i - len(_events._clause_window(low, lo, hit.i))
        if say is not None and any(low[k] in _events.OBLIGATION and not inverted_condition(low, k)
                                   for k in range(window_start, hit.i)):
            # "X said (that) Y must V": X demands of Y
            reporters = [a for a in sent_actors if a[1] <= say.i]
            if reporters:
                code = "100"
                targets = _coordinated([a for a in before if a[0] >= say.j], low, from_end=True)
                sources = _coordinated(reporters, low, from_end=False)
                hit = say
        elif say is not None and hit.lemma in MISCONDUCT_VERBS and not hit.passive and not negated:
            # "X says Y stole $5 billion", "said the ship breached the ban": a charge X makes (112)
            reporters = [a for a in sent_actors if a[1] <= say.i]
            accused = [a for a in before if a[0] >= say.j]
            if reporters:
                code = "112"
                targets = _coordinated(accused, low, from_end=True) if accused else targets
                sources = _coordinated(reporters, low, from_end=False)
                hit = say
        elif say is not None and sources and max(a[1] for a in sources) <= say.i and not hit.passive and (
                _root(d, code) not in ARMED_FORCE_ROOTS and low[say.i] in _events.COMPLEMENT_TAKERS
                and reported_subject(low, say.j, hit.i)):
            # "the rebels say the bombing forced them to capitulate", "said AIG has given him the
            # list": the reported act has a subject of its own, named by no actor; the speaker is not
            # its doer, and what the speaker did (a statement about it) names no target. Armed force
            # keeps the speaker ("an air force spokesman said the jets had been targeting fighters":
            # the jets are the speaker's own)
            return [], []
        elif hit.passive:
            by = [a for a in after if a[0] > 0 and low[a[0] - 1] == "by"]
            new_sources = _coordinated(by, low, from_end=False) if by else []
            sources, targets = new_sources, sources
        elif sources and code[:2] in _events.FORCE_ROOTS and (hit.noun or low[hit.i].endswith("ing")) and any(
                h is not hit and h.passive and max(a[1] for a in sources) <= h.i < hit.i for h in hits):
            # "A police station was destroyed in the attack", "troops were ambushed, wounding three":
            # the subject of a passive before the attack is its victim; the attacker is unnamed
            by = [a for a in after if a[0] > 0 and low[a[0] - 1] == "by"]
            sources, targets = (_coordinated(by, low, from_end=False) if by else []), (targets or sources)
        if not targets and antecedent and code[:2] in _events.FORCE_ROOTS and _object_pronoun(low, hit.j, hi):
            # "Protesters blocked the road. Police fired tear gas to disperse them.": the pronoun
            # stands for the previous sentence's subject
            own_codes = {a[2].code for a in sources}
            targets = [a for a in antecedent if a[2].code not in own_codes]
        if inherited is not None and not targets:
            root = d.event_codes[code].root_code
            if (head_root is not None and root == head_root) or root not in _events.FORCE_ROOTS:
                return [], []  # "killed two youths and wounded five others": one event
            targets = list(inherited)  # "opened fire on the crowd, killing one and arresting 12"
        if hit.code in _events.SAY_CODES and not targets:
            return [], []
        if not sources and not targets:
            return [], []
        flag = _relevance.verb_flag(text, sent.start, low[lo:hi], toks[lo:hi], hit.i - lo)
        src_codes = _unique([a[2].code for a in sources]) or [None]
        if hit.lemma == "protest" and src_codes != [None]:
            # a government protests by a formal complaint (114), people by demonstrating (141)
            state = all(_role_of(c, d) in ("", "GOV") or c[:3] in ("IGO", "NGO") for c in src_codes)
            code = "114" if state else ("141" if code[:2] in ("11", "14") else code)
        elif hit.lemma in DESTROY_VERBS and not targets and code[:2] == "19":
            code = "1712"  # "bulldozers destroyed part of a road": property, no one fought
        ec = d.event_codes[code]
        pairs: list[tuple[str | None, str | None]] = []
        if len({c[:3] for c in src_codes if c}) > 1 and hit.noun and ec.root_code == "15":
            ec = d.event_codes["062"]  # "French and Egyptian warships began exercises": joint, not a show of force
        if len({c[:3] for c in src_codes if c}) > 1 and ec.root_code in _events.RECIPROCAL_ROOTS:
            # "Jordan and Britain agreed to ...": reciprocal unless a partner is named with "with"
            targets = [a for a in targets if a[0] > 0 and low[a[0] - 1] == "with"]
        # a target with the source's own code is the source named again ("Iraq ... its government"),
        # unless the source named its country and the target is another body of it ("Colombia's
        # interior minister met community leaders") or the target is plainly another entity of the
        # same code ("union leaders demanded the resignation of Haryana's home minister")
        src_codes_all = {s[2].code for s in sources}
        restated = {s[2].code for s in sources if not all(
            _other_entity(s[2], a[2], d) for a in targets if a[2].code == s[2].code)}
        # a state body acting on its own country, named by the country's name or adjective ("pledged
        # that Turkey would", "denied any Russian involvement"): the body restated, not whom the act
        # is aimed at (a city of it, "a curfew in Algiers", stays: its people)
        own_states = {c[:3] for c in src_codes_all if c[:3] in d.countries and c[3:6] in STATE_SOURCE_ROLES}
        tgt_codes = _unique([a[2].code for a in targets if (a[2].code not in restated or (
            a[2].role and a[2].country_code and a[2].text[:1].islower() and not _names_country(a[2], d)))
            and not (a[2].code in own_states and _country_word(a[2], text, d))]) or [None]
        implied: list = []
        if story is not None and ec.root_code in REFERRING_ROOTS and tgt_codes != [None] and _refers_to_act(
                low, hit.j, min(a[0] for a in targets)):
            # "condemned the bombing and expressed condolences to the victims": the act's doer is the
            # target; the actors named after it belong to the next clause
            tgt_codes = story.implied_target(low, hit.j, hi, ec.root_code, src_codes) or tgt_codes
            implied = [c for c in tgt_codes if c and c not in {a[2].code for a in targets}]
        if tgt_codes == [None] and (ec.root_code in _events.FORCE_ROOTS or ec.root_code == "07") and where and (
                src_codes != [None]):
            # force against, or aid to, a place with no actor named there ("attacked Kidal",
            # "reimposed blockades in the West Bank", "aid for Gaza"): the place's country is the target
            tgt_codes = [where[0].country_code]
            place_target = where[0]
        else:
            place_target = None
        if tgt_codes == [None] and story is not None and all(
                _relevance.actor_kind(c, d.countries) == "state" for c in src_codes):
            # only a political source acts on the story's counterpart; an implied target never
            # makes a sentence about others political
            tgt_codes = story.implied_target(low, hit.j, hi, ec.root_code, src_codes) or [None]
            implied = [c for c in tgt_codes if c]
        if tgt_codes == [None] and ec.root_code == "14":
            # a protest, strike or blockade without a named target is aimed at the country's government
            tgt_codes = _unique([c[:3] + "GOV" for c in src_codes if c and c[:3] in d.countries]) or [None]
        if tgt_codes == [None] and len(src_codes) > 1 and ec.root_code in _events.RECIPROCAL_ROOTS:
            pairs = [(a, b) for a in src_codes for b in src_codes if a != b]
        else:
            pairs = [(a, b) for a in src_codes for b in tgt_codes]
        if ec.root_code in ("18", "19", "20") and pairs and all(
                _relevance.verbal_only(s, t, d.countries, low[lo:hi]) for s, t in pairs):
            ec = d.event_codes["111"]  # a war of words: criticise or denounce
        if ec.root_code == "19" and pairs and all(_irregular(s, d) for s, _t in pairs) and not any(
                w in BATTLE_WORDS for w in low[lo:hi]) and not any(w in MILITARY_OPERATIONS for w in low[lo:hit.i]):
            # a bombing by gunmen, militants or an unnamed attacker, or their force on people who
            # do not fight back: CAMEO's unconventional violence (18), not military force (19)
            if any(w in BOMB_WORDS for w in low[lo:hi]):
                ec = d.event_codes["183"]
            elif not any(_armed(t, d) for _s, t in pairs):
                ec = d.event_codes["180"]
        if ec.code == "190" and any(w in BOMB_WORDS for w in low[lo:hi]) and not any(
                w in MILITARY_WEAPON_WORDS for w in low[lo:hi]):
            # a bomb, a blast or a suicide bomber with no aircraft, artillery or missile named:
            # CAMEO's non-military bombing (183) whoever the side ("soldiers died in the blast")
            ec = d.event_codes["183"]
        if not pairs:
            return [], targets
        sent_text = text[sent.start:sent.end]
        if facts is None or "tone" not in facts:
            facts = facts if facts is not None else {}
            facts["tone"] = _sentence_tone(toks, lo, hi, d)  # once per sentence, shared by its predicates
            facts["when"] = _events.event_date(published, sent_text)
        tone, when = facts["tone"], facts["when"]
        conf = CONFIDENCE_BASE + (0.2 if sources else 0) + (0.15 if targets else 0) - (0.2 if hit.modal else 0)
        # evidence: the verb, and the mention each actor was read from (for "He" or "both sides", the
        # earlier mention it stands for)
        spans = {c: story.spans[c] for c in implied if story is not None and c in story.spans}
        if place_target is not None:
            spans[place_target.country_code] = (place_target.start, place_target.end)
            if any(t == place_target.country_code for _s, t in pairs):
                _infer(inferred, text, spans[place_target.country_code], place_target.country_code, d, None)
        spans.update({a[2].code: _evidence_span(a[2]) for a in targets})
        src_spans = {a[2].code: _evidence_span(a[2]) for a in sources}
        verb = (toks[hit.i][1], toks[hit.j - 1][2])
        subject_end = max((a[1] for a in (*sources, *targets) if lo <= a[0] and a[1] <= hit.i), default=None)
        sent_aux = aux[lo:hi]  # the sentence's words, contractions read once per text
        weak = _relevance.evidence_flag(low[lo:hi], toks[lo:hi], hit.i - lo,
                                        None if subject_end is None else subject_end - lo, ec.root_code,
                                        own_tense=not hit.noun and inherited is None, aux=sent_aux)
        if weak == "not-news" and facts.get("first") and _relevance.headline_present(low[lo:hi], hit.i - lo):
            weak = None
        gate = None if facts.get("lead", True) else _relevance.news_flag(low[lo:hi], hit.i - lo, hit.lemma,
                                                                          self.relevance.core_verbs, toks[lo:hi])
        noun_flag = "event-noun" if _relevance.event_noun(low[lo:hi], hit.i - lo) else (
            "statement-content" if _relevance.statement_content(sent_aux, hit.i - lo, ec.code) else None)
        out = []
        for s, t in pairs:
            if s is None and ec.root_code in ("18", "19", "20"):
                # an attack whose perpetrator is not named: unidentified armed forces of the
                # country where it happens (CAMEO's UAF), else of the victims' country
                country = (place.country_code if place is not None and place.country_code else None) or (
                    t[:3] if t and t[:3] in d.countries else None)
                s = country + "UAF" if country else None
                if s and s not in src_spans:
                    # its evidence: the word that names the attack ("a car bomb", "the explosion")
                    k = _attack_word(low, lo, hi, hit)
                    src_spans[s] = (toks[k][1], toks[k][2])
                    _infer(inferred, text, src_spans[s], s, d, "UAF")
            s_span = src_spans.get(s) if s else None
            t_span = spans.get(t) if t else None
            out.append(Event(sentence=sent_text, sentence_start=sent.start, sentence_end=sent.end, source_actor=s,
                             target_actor=t, code=ec.code, root_code=ec.root_code, quad_class=ec.quad_class,
                             goldstein=ec.goldstein, confidence=round(max(0.05, min(1.0, conf)), 2),
                             event_date=when, place=place, tone=tone, is_negated=negated,
                             verb_start=verb[0], verb_end=verb[1],
                             source_start=s_span[0] if s_span else None, source_end=s_span[1] if s_span else None,
                             target_start=t_span[0] if t_span else None, target_end=t_span[1] if t_span else None,
                             flag=flag or _relevance.event_flag(s, t, d.countries, ec.root_code, low[lo:hi], ec.code) or weak
                             or gate or noun_flag
                             or _relevance.sense_flag(text, verb[0], verb[1], hit.lemma, ec.root_code, s, t, d.countries,
                                                              low[lo:hi])))
        return out, targets


ARMED_FORCE_ROOTS = frozenset({"18", "19", "20"})
CONFLICT_ROOTS = frozenset({"10", "11", "12", "13", "14", "16", "17", "18", "19", "20"})
OWN_FORCES = frozenset({"MIL", "COP", "SPY"})
STATE_SOURCE_ROLES = frozenset({"", "GOV", "MIL", "COP", "SPY", "LEG", "JUD"})
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "across", "inside", "outside", "throughout", "from", "around",
                                "within", "off"})


def _infer(inferred: list | None, text: str, span: tuple[int, int], code: str, d, role: str | None) -> None:
    """Record an actor mention an event reads from a place ("attacked Kidal": Mali) or from the
    word naming an attack whose perpetrator is unnamed ("a car bomb": unidentified armed forces)."""
    if inferred is None:
        return
    country = code[:3] if code[:3] in d.countries else None
    name = (d.countries[country].name if country else code) + (" unidentified armed forces" if role == "UAF" else "")
    inferred.append(ActorMention(text=text[span[0]:span[1]], start=span[0], end=span[1], code=code, name=name,
                                 country_code=country, role=role))


def _attack_word(low, lo: int, hi: int, hit) -> int:
    """The token naming an attack with no named perpetrator: the last violence word before the
    verb ("a roadside bombing ... killed"), else the first after it, else the verb."""
    before = [k for k in range(lo, hit.i) if low[k] in _ATTACK_WORDS]
    if before:
        return before[-1]
    after = [k for k in range(hit.j, hi) if low[k] in _ATTACK_WORDS]
    return after[0] if after else hit.i


def _names_country(m, d) -> bool:
    """The mention names a country itself ("Iraqi officials"), not only a role ("leaders")."""
    first = m.text.split(" ", 1)[0].lower().rstrip("'s").rstrip("’s")
    return first in d.country_aliases.first


RELATIVE_OPENERS = frozenset({"where", "who", "whom", "which", "whose", "when", "while", "as", "after", "before",
                              "because", "although", "though", "whereas", "since"})


def _before_relative_clause(after, low, j: int):
    """Actors after a verb up to a relative clause (", where 24 people were killed", ", who
    fled"): the clause tells of others, not of whom the act is aimed at. Actors inside it stay
    only when none come before it."""
    kept = []
    for a in after:
        gap = low[j : a[0]]
        if any(gap[n] == "," and n + 1 < len(gap) and gap[n + 1] in RELATIVE_OPENERS for n in range(len(gap))):
            break
        kept.append(a)
    return kept if kept else after


IRREGULAR_ROLES = frozenset({"REB", "INS", "SEP", "CRM", "UAF"})
ARMED_TARGET_ROLES = frozenset({"MIL", "COP", "SPY", "REB", "INS", "SEP", "UAF"})
BOMB_WORDS = frozenset({"bomb", "bombs", "bombing", "bombings", "car-bomb", "explosive", "explosives", "ied", "ieds",
                        "suicide", "bomber", "blast", "explosion"})
# wrongdoing that is a charge when someone else reports it ("X says Y stole ..."): CAMEO 112
MISCONDUCT_VERBS = frozenset({"steal", "violate", "breach", "embezzle", "rig", "defraud", "loot", "plunder"})
# a military operation named as what did it ("the offensive has killed 1,600 civilians"): force (19)
# by an army, not the unconventional violence of an unnamed attacker (18)
MILITARY_OPERATIONS = frozenset({"offensive", "counteroffensive", "counter-offensive", "airstrike", "airstrikes",
                                 "shelling", "bombardment", "campaign", "operation", "operations", "incursion",
                                 "invasion", "siege"})
# weapons of armies: a bombing with one of them is military force (19), not 183
MILITARY_WEAPON_WORDS = frozenset({"air", "airstrike", "airstrikes", "aircraft", "jets", "jet", "warplanes",
                                   "warplane", "planes", "helicopter", "helicopters", "drone", "drones", "missile",
                                   "missiles", "rocket", "rockets", "shell", "shells", "shelling", "artillery",
                                   "mortar", "mortars", "bombardment", "bombed", "barrel", "tank", "tanks", "navy"})
_ATTACK_WORDS = BOMB_WORDS | {"attack", "attacks", "attackers", "attacker", "gunmen", "gunman", "shelling", "mine",
                              "landmine", "minefield", "rocket", "rockets", "missile", "drone", "ambush", "raid"}


def _role_of(code: str | None, d) -> str:
    if not code:
        return ""
    return code[3:6] if code[:3] in d.countries else code[:3]


def _irregular(code: str | None, d) -> bool:
    """An attacker that is no state's armed force: gunmen, militants, an armed group, or unnamed."""
    return code is None or code[:3] == "IMG" or _role_of(code, d) in IRREGULAR_ROLES


def _armed(code: str | None, d) -> bool:
    """A target that fights: a state, its army or police, an armed group."""
    return code is not None and (code[:3] == "IMG" or _role_of(code, d) in ARMED_TARGET_ROLES
                                 or (len(code) == 3 and code in d.countries))


# words of battle and military weapons: force between fighters stays military (19)
BATTLE_WORDS = frozenset({"clash", "clashes", "clashed", "fighting", "fought", "battle", "battles", "exchanged",
                          "missile", "missiles", "rocket", "rockets", "drone", "drones", "artillery", "shelling",
                          "shelled", "airstrike", "airstrikes", "mortar", "mortars"})


def _evidence_span(m: ActorMention) -> tuple[int, int]:
    """The mention an actor was read from: for a short name, its first full mention."""
    if m.refers_start is not None:
        return m.refers_start, m.refers_end
    return m.start, m.end


def _mention_words(m: ActorMention) -> set[str]:
    return {w for w in norm_key(m.text).replace("'s", " ").split() if w not in ("the", "'", "its", "their")}


def _other_entity(source: ActorMention, target: ActorMention, d) -> bool:
    """A target of the source's own code that is plainly another body of the country: a role phrase
    owned by a place in it other than the country itself ("union leaders demanded the resignation
    of Haryana's home minister"). Not when it names the country ("Sudan's ambassador"), is a bare
    name ("Cairo", "the EU") or a national body ("the Ministry of Justice"), or is the source named
    again (its words, or the mention it refers to: "President Barack Obama" ... "Obama")."""
    words = target.text.split()
    if not (target.role and len(words) > 1 and words[0][:1].isupper() and words[0].endswith(("'s", "’s"))
            and any(w[:1].islower() for w in words[1:])) or _names_country(target, d):
        return False
    if target.refers_start is not None and target.refers_start == source.start:
        return False
    a, b = _mention_words(source), _mention_words(target)
    return not (a <= b or b <= a)


def _country_word(m: ActorMention, text: str, d) -> bool:
    """The mention is a country's name or adjective ("Turkey", "Russian"), not a city or a body
    named after the country ("the Kenya Anti-Corruption Commission": a capitalised name follows)."""
    if text[m.end:m.end + 2][1:].isupper():
        return False
    key = norm_key(m.text)
    key = key[4:] if key.startswith("the ") else key
    hits = d.country_aliases.entries.get(key.removesuffix(" 's").removesuffix("'s"))
    return bool(hits) and any(kind in ("name", "adj") for _code, kind in hits)


def _state_source(sources) -> bool:
    """The sources are a state or its organs (not rebels or parties, whose captives are not their means)."""
    return bool(sources) and all(a[2].code[3:6] in STATE_SOURCE_ROLES for a in sources)


def _place_like(a, low) -> bool:
    """A bare country or capital after "in", "at", "near" ...: where something happens."""
    m = a[2]
    if m.role or not m.country_code or len(m.code) != 3:
        return False
    k = a[0] - 1
    if k >= 0 and low[k] == "the":
        k -= 1
    return k >= 0 and low[k] in PLACE_PREPOSITIONS


def _root(d, code) -> str:
    return d.event_codes[code].root_code if code in d.event_codes else code[:2]


OBJECT_PRONOUNS = frozenset({"them", "him", "her"})
DESTROY_VERBS = frozenset({"destroy", "demolish", "raze", "torch", "bulldoze"})


def _object_pronoun(low, j: int, hi: int) -> bool:
    """An object pronoun in the verb's clause ("to disperse them", "arrested him")."""
    for k in range(j, min(hi, j + 12)):
        if low[k] in OBJECT_PRONOUNS:
            return low[k - 1] not in ("of", "among")  # "killing 11 of them": the sentence's own
        if low[k] in (",", ";", "but", "who", "which", "that", "said"):
            return False
    return False


def _after_word(a, low, words) -> bool:
    """The actor follows one of ``words``, directly or after "the"."""
    k = a[0] - 1
    if k >= 0 and low[k] == "the":
        k -= 1
    return k >= 0 and low[k] in words


def _clause_subject(a, hits, low) -> bool:
    """The actor is directly followed (or after one auxiliary) by a finite verb: it is the subject
    of a clause ("that Israel would strike Iran")."""
    return any(a[1] <= h.i <= a[1] + 1 and not low[h.i].endswith("ing") for h in hits)


def _is_location(a, low, d, code) -> bool:
    """An actor named after "at" or "near" (directly or with "the") is where the event happens, not
    whom it is aimed at ("spoke at the University of Iowa", "arrived at Andrews Air Force Base",
    "met near the border"); protests and attacks keep it ("fired at", "rallied outside the parliament")."""
    i = a[0]
    if a[1] < len(low) and low[a[1]] in ("border", "frontier", "borders", "coast", "waters"):
        return True  # "on the Thai border", "off Yemen's coast"
    if i >= 2 and low[i - 1] in ("with", "of") and low[i - 2] in ("border", "frontier", "borders", "boundary"):
        return True  # "deployed troops along the border with Sudan"
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


# roots of reactions to an earlier act named by a noun, and those nouns
REFERRING_ROOTS = frozenset({"05", "10", "11", "12"})
COERCION_NOUNS = frozenset({"arrest", "arrests", "detention", "detentions", "detainees", "deportation",
                            "deportations", "expulsion", "expulsions", "crackdown", "curfew", "closure", "ban",
                            "sanctions", "release", "seizure", "confiscation", "sentences", "sentencing"})
DECISION_NOUNS = frozenset({"decision", "move", "measure", "measures", "plan", "proposal", "law", "bill", "policy",
                            "verdict", "ruling", "proceedings", "charges", "trial", "order", "decree", "step"})


# how many sentences after it was told the story's latest pair still supplies the target a sentence
# leaves unnamed ("Israeli jets struck Gaza. ... They also hit ..."); beyond that the story has moved
# on (a flood story's sandbag crews are not acting on the soldiers in Afghanistan named ten sentences
# up). Short news stories keep their pair over a few sentences: 1 or 2 lose demo key roots, 4 none.
PAIR_CARRIED_SENTENCES = 4


class _StoryContext:
    """What an article has told so far, for targets a sentence names only by reference: "called on
    both sides" (the two actors of the latest dyad), "condemned the attack" (its attacker)."""

    def __init__(self, countries=()) -> None:
        self.countries = countries
        self.dyad: tuple[str, str] | None = None
        self.sentence = 0  # the index of the sentence being coded
        self.dyad_sentence = 0  # the sentence the latest dyad was told in
        self.attacker: str | None = None
        self.coercer: str | None = None  # the latest source of an arrest, expulsion, sanction
        self.actor: str | None = None  # the latest political source of an event with a target
        self.culprit: tuple[str, int] | None = None  # the latest source of coercion or force, and its sentence
        self.spans: dict[str, tuple[int, int]] = {}  # actor code -> its latest mention in an event

    def update(self, evs: list[Event], news: bool = True) -> None:
        """Take the events of the sentence just coded as what later sentences may refer to. Events
        not shown as news (``news`` False: told as background, in a quotation or a hedge,
        ``relevance.CONTEXT_FLAGS``) fill only what the story has not told yet: an act of the
        story's own days stays "the attack" a later sentence names, and a pair told as background
        is not the pair the story goes on with."""
        for e in evs:
            if e.source_actor and e.source_actor.endswith("UAF"):
                continue  # an unnamed attacker is no counterpart for later sentences
            if e.source_actor and e.source_start is not None and (news or e.source_actor not in self.spans):
                self.spans[e.source_actor] = (e.source_start, e.source_end)
            if e.target_actor and e.target_start is not None and (news or e.target_actor not in self.spans):
                self.spans[e.target_actor] = (e.target_start, e.target_end)
            if not e.source_actor:
                continue
            if news and e.target_actor and (
                    e.source_actor[:3] != e.target_actor[:3] or e.root_code in ("17", "18", "19", "20")):
                self.dyad = (e.source_actor, e.target_actor)
                self.dyad_sentence = self.sentence
            if e.root_code in ("18", "19", "20") and (news or self.attacker is None):
                self.attacker = e.source_actor
            if e.root_code in ("16", "17") and (news or self.coercer is None):
                self.coercer = e.source_actor
            if e.root_code in ("17", "18", "19", "20") and (news or self.culprit is None):
                self.culprit = (e.source_actor, self.sentence)
            if e.target_actor and _relevance.actor_kind(e.source_actor, self.countries) == "state" and (
                    news or self.actor is None):
                self.actor = e.source_actor

    def implied_target(self, low, j: int, hi: int, root: str, src_codes) -> list[str]:
        window = low[j : min(hi, j + 5)]
        pairs = set(zip(window, window[1:]))
        if self.dyad and pairs & SIDES:
            return [c for c in self.dyad if c not in src_codes]
        if root == "09" and self.culprit and self.sentence - self.culprit[1] <= PAIR_CARRIED_SENTENCES and not any(
                c and (self.culprit[0] == c or self.culprit[0] == c[:3]) for c in src_codes):
            # "Police fired live rounds ... The governor ordered an investigation": what is
            # investigated is the story's latest act of coercion or force, so its doer (another
            # body than the source and its own state)
            return [self.culprit[0]]
        if root in REFERRING_ROOTS:
            # "condemned the attack", "criticised the detentions", "demanded the release of the
            # detainees", "welcomed the decision": whoever did it
            head = window[:4]
            for nouns, who in ((ATTACK_NOUNS, self.attacker), (COERCION_NOUNS, self.coercer),
                               (DECISION_NOUNS, self.actor)):
                if who and any(w in nouns for w in head):
                    return [who] if who not in src_codes else []
        # (not military posture, which stands alone: "sent two brigades to Diyala" aims at no one named)
        if self.dyad and len(src_codes) == 1 and src_codes[0] and root != "15" and (
                self.sentence - self.dyad_sentence <= PAIR_CARRIED_SENTENCES):
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
                h.i > 0 and (low[h.i - 1] in _NOT_BEFORE_SPEECH or low[h.i - 1] in _BE)):
            return True  # (a passive, "two men who were seen leaving", is nobody speaking)
    k = j
    while k < min(hi, j + 4) and low[k] not in (",", "."):
        if low[k] in ("said", "says", "reported", "reports", "announced", "told", "confirmed", "added", "quoted",
                      "stated", "wrote", "noted"):
            return True
        k += 1
    return False


_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})

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


def _refers_to_act(low, j: int, first_target: int) -> bool:
    """The verb's object is an earlier act ("condemned the bombing", "criticised the arrests") and
    the first actor named comes after a new clause opens ("and", ","), not attached to it ("the
    attack by Israel", "the killing of protesters")."""
    head = low[j : min(j + 3, first_target)]
    if not any(w in ATTACK_NOUNS or w in COERCION_NOUNS for w in head):
        return False
    return any(w in ("and", ",") for w in low[j:first_target])


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
    # "the European Union (EU)": the name restated in brackets is the same actor, not another one
    actors = [a for n, a in enumerate(actors) if not (
        n and a[0] > 0 and low[a[0] - 1] == "(" and actors[n - 1][1] == a[0] - 1 and actors[n - 1][2].code == a[2].code)]
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

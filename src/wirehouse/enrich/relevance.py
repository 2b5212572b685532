"""Is a story, a sentence, an event about political or social interaction?

Event coding is meant for news of states, governments, armed groups, parties, protesters and
the organisations between them. Sports results ("Russia beat Croatia"), market reports ("the
Dow fell"), product launches, film and science news use the same verbs and yield nonsense
events. The enricher still codes them, but flags each such event with the reason (``FLAGS``):
flagged events are stored, and left out of what analysts see by default (``v_event``, the
named queries, the GDELT export, the report). The reasons, by level:

- **story**: a PETRARCH-2 story discard phrase ("world cup", "champions league") anywhere in the
  text, or a non-political topic: the article's section in its URL ("/sports/", "money.",
  "/entertainment/", "/opinion/", "blogs.": columns and blogs argue rather than report), its
  vocabulary (sports, business, technology, entertainment, science or crime words outweighing
  political ones, ``topic_words.csv``), campaign coverage dense with election words, or a story
  with hardly a political word in it, a history or retrospective essay (most years it names lie
  two or more years before its date);
- **sentence**: a PETRARCH-2 sentence discard phrase ("gold medal", "box office" ...), an election
  told as a contest (polls, voters, turnout, campaign rallies), a sentence that tells of an
  earlier year ("in 1991", two or more years before the article's date; "in May 2017", three months or
  more before it, when the sentence names none of the story's own days; "last year", "the following
  year" outside a clause of its own, ``told_before``), a heading, link text
  ("Read more:"), a question;
- **verb**: inside a direct quotation or a sentence led by one or leading into one ("said: “...":
  rhetoric, not a reported action),
  a photo caption (a present-tense verb with a day or date) or credit line, the writer's own voice,
  an expectation ("expects", "expected"; a verb after one in its clause, "expects permission to
  clear mines", or after a noun of hope or fear and a modal, "rose on hopes the sides would
  agree", ``_expected``), a verb in a trailing "since" or "when" clause with no
  time named (``background``), a leading When/While/If clause, an act only "allegedly" done, an appointment or a dismissal, a verb in the
  past perfect with no report and no time named (``background``), a possibility in the verb's own
  group in the writer's voice ("could sign": ``speculation``; ``clauses.verb_group``), a
  hypothetical in the writer's voice, a generalisation in the present tense with no time named
  (not a headline's present in a first sentence that is the page's title, ``headline_present``),
  a source actor that is not the verb's own subject (``evidence_flag``);
- **event**: actors that do not make a political interaction:
  - at least one side is a state actor: a country, its government, military, police, courts,
    legislature, parties, opposition, rebels, elites; an international or non-governmental
    organisation; an armed group. A court with only private parties is a civil case or an
    ordinary trial, and police or courts with private people over a crime an ordinary crime (so
    are officials with their own country's people, when no force or political violence is named);
  - the source is a state actor, or civilians, firms or media who demand, criticise, reject,
    threaten, protest against or yield to one. Criminals, companies, media and civilians among
    themselves are ordinary crime or business;
  - a source is named, except for an attack whose victims have a country in a sentence that
    names political violence ("three civilians were killed in a suicide bombing") or whose
    victims are soldiers or police killed or hurt; an unnamed attacker coded as the place's
    unidentified armed forces (UAF) needs the same;
  - a target is named, except for events that stand alone (yielding, protest, military posture,
    coercion of people, violence); a seizure, a confiscation or an administrative sanction aimed at
    no one named is administration (``UNAIMED_COERCION``);
- **confidence gate** (doubtful, not plainly non-political): a story with fewer than 1.5
  political or armed-violence words in 100 tokens (``weak-politics``); past the story's lead, a
  sentence with no time named whose verb is not one of the project's own (``verb-sense``) or, with
  no source of its report either, is in the perfect or the present (``no-news-cue``); anywhere, a
  verb of several senses or used in another sense (``verb-sense``: "joined", "hit out",
  "U.S.-backed", force with no armed actor), an event noun after "after", "during", "amid"
  (``event-noun``), a plain statement whose words are a threat or a charge
  (``statement-content``).

The PETRARCH-2 discard phrases (``discards.csv``) are facts from the PETRARCH-2 project (MIT, Open
Event Data Alliance); every other rule and word list is this project's own.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Collection, Sequence
from urllib.parse import urlsplit

from .clauses import IRREGULAR_PAST, PAST_AUX, PRESENT_HAVE, contracted_d, plural_form, verb_group

DATA = Path(__file__).parent / "data"

# Why a coded event is not shown (records.Event.flag, fact_event.flag_reason).
FLAGS = {
    "sports": "a sports story (URL section or vocabulary)",
    "business": "a business or markets story",
    "technology": "a technology or product story",
    "entertainment": "an entertainment, culture or lifestyle story",
    "science": "a science or health story",
    "little-politics": "a story of 120 tokens or more with fewer than 3 political words and actor mentions in 100 tokens",
    "opinion": "a column, blog or opinion page",
    "story-discard": "a story discard phrase (PETRARCH-2 discards)",
    "sentence-discard": "a sentence discard phrase (PETRARCH-2 discards)",
    "election-contest": "an election told as a contest (polls, voters, campaign rallies)",
    "background": "a sentence that tells of an earlier year (two or more before the article's date or, undated, before the latest year it names), or dated three months or more before it (in May 2017, on September 2, 1991) with none of the story's own days named, or of last year, years ago, the following year (at its head, or later outside a clause of its own with none of the story's days named); or a verb in the past perfect (had V-ed) with no source of the report and no time named in the sentence; or a verb in a trailing since/when clause of a sentence that names no time",
    "analysis": "the writer's or a source's reading of events, not an act (the fact that, the only way, is expected to, seems; an evaluation: can be said to, may be seen as, is a welcome sign), or a view put in a paper, a column, an essay or a book",
    "labour-business": "pay, jobs, contracts, purchases and business projects inside one country (a pay freeze, a casino's expansion): administration, not politics",
    "accident": "an accident or a local emergency (electrocuted, firefighters, a bee attack) with no political violence named",
    "history": "a history or retrospective story: 6 or more years named, 3 in 4 of them 2 or more before its date",
    "quotation": "the verb is inside a direct quotation, the sentence opens with one, or the verb is a lead-in to one or follows it (said: \"...\")",
    "caption": "a photo caption, or a photo's credit or copyright line (©, Photo:)",
    "commentary": "the writer's own voice",
    "speculation": "a hypothetical or hedged clause (could, might, if, likely ...), or an expectation (expects, expected; not \"as expected\"), or a verb after a noun of hope or fear and a modal",
    "distant-subject": "the source actor is not the verb's own subject (another clause lies between)",
    "headline": "a heading, list item or lead-in without a sentence's closing stop, or link text left in the page (Read more:)",
    "question": "a question (rhetoric or an interviewer's), not a reported act",
    "subordinate-clause": "the verb is in a leading When/While/If/Although clause, not the main clause",
    "allegation": "the act is only alleged (allegedly, supposedly): the allegation is the event, not the act",
    "appointment": "an appointment or a dismissal (fired the minister, named a prime minister): no CAMEO event",
    "not-news": "no act reported: the verb in the simple present, no time named, no reporting verb (a generalisation; not a headline's present in a first sentence that is the page's title)",
    "no-source": "no source actor, and no political violence named",
    "no-target": "no target actor for an event that needs one, or a seizure, a confiscation or an administrative sanction aimed at no one named",
    "non-political-actor": "neither side is a political actor, or a private actor without a claim on one",
    "private-court-case": "a court with private parties only (a trial or a civil case)",
    "crime": "an ordinary crime story, or police, courts or officials with private people over a crime only (officials with their own country's people when no force is named)",
    "weak-politics": "a story of 120 tokens or more with fewer than 1.5 political words or words of armed violence in 100 tokens",
    "verb-sense": "after the lead and with no news cue, a verb of several senses; anywhere, a sense other than the code's (hit out, U.S.-backed, force with no armed actor)",
    "event-noun": "the event word is a noun in a prepositional phrase (after the September attack, during his visit): a framing event, not the sentence's act",
    "statement-content": "a statement (010) whose words are an intent, a threat, a refusal or a charge (will, would, blame, abuse): the coder codes what it does",
    "no-news-cue": "after the lead, a verb in the perfect or the present in a sentence that names no time and no source of the report: background",
}

# reasons that say a sentence or a verb reports no act of the story's days (told as background, a
# reading of events, a hedge, a quotation, a subordinate clause), not that its actors are not the
# story's: whom a later "he" or "the attack" names may still be told there (the enricher carries
# them on, but not as the story's latest pair)
CONTEXT_FLAGS = frozenset({"background", "analysis", "speculation", "quotation", "allegation", "subordinate-clause",
                           "not-news", "no-news-cue"})

SECTION_TOPICS = {
    **dict.fromkeys("sport sports football soccer nfl nba nhl mlb cricket tennis golf olympics rugby "
                    "motorsport f1 boxing".split(), "sports"),
    **dict.fromkeys("business markets money finance companies dealbook personal-finance realestate "
                    "real-estate autos cars".split(), "business"),
    **dict.fromkeys("tech technology gadgets gaming".split(), "technology"),
    **dict.fromkeys("entertainment entertainment-arts arts culture music movies film tv television celebrity "
                    "showbiz lifestyle travel style fashion food books parenting".split(), "entertainment"),
    **dict.fromkeys("science space health wellness".split(), "science"),
    **dict.fromkeys("opinion opinions commentisfree editorial editorials op-ed oped columnists blog blogs"
                    .split(), "opinion"),
}
# an election seen as a contest (polls, voters, turnout): a race, not an interaction between actors
CONTEST_WORDS = frozenset("""poll polls polling pollster pollsters voters ballot ballots electoral turnout caucus
    caucuses primaries nominee frontrunner front-runner battleground""".split())
CONTEST_PAIRS = frozenset({("campaign", "rally"), ("campaign", "event"), ("campaign", "trail"), ("campaign", "stop"),
                           ("campaign", "trip"), ("campaign", "bus"), ("campaign", "speech"), ("election", "night"),
                           ("presidential", "race"), ("presidential", "debate"), ("running", "mate")})
# roles that can fight: a "battle", "attack" or "fight" between other actors is a war of words
ARMED_ROLES = frozenset("MIL REB INS SEP IMG UAF COP SPY CRM".split())
# roles that make an actor a political one by themselves
STATE_ROLES = frozenset("GOV MIL LEG JUD SPY COP REB INS SEP OPP PTY IMG IGO NGO ELI UAF".split())
_IN_YEAR = re.compile(r"\b(?:[Ii]n|[Oo]f|[Ss]ince|[Uu]ntil|[Bb]y)\s+(?:[A-Z][a-z]+\s+)?(1[89]\d\d|20\d\d)\b")
NON_COUNTRY_PREFIX = frozenset({"IGO", "NGO", "IMG"})


@dataclass(frozen=True)
class Relevance:
    """Discard phrases and topic words, loaded once with the dictionaries."""

    story_phrases: dict[str, int]  # lower-cased phrase -> number of words
    sentence_phrases: dict[str, int]
    first_words: frozenset[str]
    topic_words: dict[str, str]
    core_verbs: frozenset[str] = frozenset()  # lemmas of verbs with one sense in news (``sense_flag``)

    @classmethod
    def load(cls) -> "Relevance":
        story, sentence = {}, {}
        with open(DATA / "discards.csv", encoding="utf-8", newline="") as f:
            for r in csv.DictReader(line for line in f if not line.startswith("#")):
                phrase = r["phrase"].strip()
                (story if r["scope"] == "story" else sentence)[phrase] = phrase.count(" ") + 1
        with open(DATA / "topic_words.csv", encoding="utf-8", newline="") as f:
            topics = {r["word"]: r["topic"] for r in csv.DictReader(line for line in f if not line.startswith("#"))}
        first = frozenset(p.split(" ", 1)[0] for p in (*story, *sentence))
        return cls(story, sentence, first, topics, core_verbs())

    def _phrase_at(self, low: list[str], k: int, hi: int, table: dict[str, int]) -> bool:
        for n in (4, 3, 2, 1):
            if k + n <= hi and " ".join(low[k : k + n]) in table:
                return True
        return False

    def story_discard(self, low: list[str]) -> str | None:
        """The story discard phrase found in the text, if any."""
        for k, w in enumerate(low):
            if w in self.first_words and self._phrase_at(low, k, len(low), self.story_phrases):
                return w
        return None

    def sentence_flag(self, low: Sequence[str], lo: int, hi: int, sentence: str = "",
                      published: date | None = None, dated: bool = True) -> str | None:
        """Why the events of tokens ``low[lo:hi]`` (the sentence ``sentence``) are not shown, or None.
        ``dated``: ``published`` is the article's own date, not the latest year it names (only a
        date measures months, ``dated_before``)."""
        if any(w in CONTEST_WORDS for w in low[lo:hi]) or any(
                (low[k], low[k + 1]) in CONTEST_PAIRS for k in range(lo, hi - 1)):
            return "election-contest"
        if any(low[k] in self.first_words and self._phrase_at(low, k, hi, self.sentence_phrases)
               for k in range(lo, hi)):
            return "sentence-discard"
        if sentence and (earlier_year(sentence, published) or dated_before(sentence, published, dated)
                         or told_before(sentence)):
            return "background"
        if sentence and _ANALYSIS.search(sentence):
            return "analysis"
        return None

    def topic_counts(self, low: list[str]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for w in low:
            t = self.topic_words.get(w)
            if t:
                counts[t] = counts.get(t, 0) + 1
        return counts

    def story_topic(self, low: list[str], url: str | None = None, title: str | None = None,
                    state_mentions: int = 0) -> str | None:
        """A non-political topic that rules the story out, or None when it may hold political events.
        ``state_mentions``: how many mentions of political actors (states, their organs, armed
        groups, IGOs, NGOs) the story has."""
        if self.story_discard(low):
            return "story-discard"
        counts = self.topic_counts(low)
        if title:
            for w in re.findall(r"[a-z]+", title.lower()):
                t = self.topic_words.get(w)
                if t:
                    counts[t] = counts.get(t, 0) + 2
        politics = counts.pop("politics", 0)
        if election_story(low):
            return "election-contest"
        section = section_topic(url)
        if section == "opinion" or section and counts.get(section, 0) + 3 > politics:
            return section
        other = sum(counts.values())
        if other >= 5 and other >= 2 * politics + 1:
            return max(counts.items(), key=lambda kv: kv[1])[0]
        if len(low) >= 120 and (politics + state_mentions) * 100 < 3 * len(low):
            return "little-politics"  # a feature, an accident, a company story with an official in it
        if weak_politics(low, politics):
            return "weak-politics"
        return None


# words of an election told as a contest; a story dense with them is campaign coverage
ELECTION_WORDS = CONTEST_WORDS | frozenset("""campaign campaigns campaigning candidate candidates election elections vote
    votes voting voted swing rally rallies debate debates""".split())


def election_story(low: Sequence[str]) -> bool:
    """Campaign coverage: at least 10 election words, and at least 8 in every 1,000 tokens (polls,
    candidates, rallies: a race told, rarely an interaction between actors)."""
    n = sum(1 for w in low if w in ELECTION_WORDS)
    return n >= 10 and n * 125 >= len(low)


def section_topic(url: str | None) -> str | None:
    """The non-political topic a URL's section names ("/sports/", "money.example.com"), if any."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    labels = parts.hostname.split(".")[:-1] if parts.hostname else []  # "sports.example.com", "nfl.com"
    segments = [s.lower() for s in parts.path.split("/")[:-1] if s]
    for s in (*labels, *segments):
        topic = SECTION_TOPICS.get(s)
        if topic:
            return topic
    return None


_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def history_story(text: str, published: date | None) -> bool:
    """A history or a retrospective essay: at least 6 years named, and three in four of them two or
    more before the article's date (a story of then, told now; a news story names its own year)."""
    if published is None:
        return False
    years = [int(y) for y in _YEAR.findall(text)]
    return len(years) >= 6 and 4 * sum(1 for y in years if y <= published.year - 2) >= 3 * len(years)


def earlier_year(sentence: str, published: date | None) -> bool:
    """The sentence tells of a year two or more before the article's ("in 1991", "in March 2009")."""
    if published is None:
        return False
    return any(int(y) <= published.year - 2 for y in _IN_YEAR.findall(sentence))


_MONTHS = {m: k for k, m in enumerate("January February March April May June July August September October November "
                                     "December".split(), 1)}
# a date in a sentence: "in 2017", "in May 2017", "on September 2, 1991", "since 2003"
_DATED = re.compile(r"\b(?:[Ii]n|[Oo]n|[Ss]ince)\s+(?:(" + "|".join(_MONTHS) + r")\s+)?(?:\d{1,2},?\s+)?(1[89]\d\d|20\d\d)\b")
_DAY_OF_MONTH = re.compile(r"\b[Oo]n\s+(" + "|".join(_MONTHS) + r")\s+\d{1,2}\b(?!,?\s+\d{4})")
_DECADE = re.compile(r"\b[Ii]n the (?:early |mid-|late )?(?:1[89]|20)\d0s\b")  # "in the 1970s"
_OWN_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday today tonight yesterday".split())


def dated_before(sentence: str, published: date | None, exact: bool = True) -> bool:
    """The sentence dates its act three months or more before the article's date ("In 2017,
    Venezuela signed ...", "Police arrested him in May 2017", "On September 2, 1991, ..."; a year
    alone is taken as its December, a day without a year as of the article's year), or in a decade
    ("in the 1970s"), and names none of the story's own days ("on Tuesday", "yesterday": the old
    date is then a clause's, "withdrew on Monday from the deal signed in 2015"). A date inside a
    clause of its own dates that clause, not the act (``_clause_date``). Not ``exact``
    (``published`` is the latest year an undated article names): a year before it."""
    if published is None or any(w in _OWN_DAYS for w in re.findall(r"[a-z]+", sentence.lower())):
        return False
    for m in _DATED.finditer(sentence):
        month, year = m.group(1), int(m.group(2))
        if _clause_date(sentence, m.start()):
            continue
        if year < published.year if not exact else (
                (published.year - year) * 12 + published.month - _MONTHS.get(month, 12) >= 3):
            return True
    if exact and any(published.month - _MONTHS[m.group(1)] >= 3 for m in _DAY_OF_MONTH.finditer(sentence)
                     if not _clause_date(sentence, m.start())):
        return True  # a day of a month without its year is of the article's year ("resigned on February 14")
    decade = _DECADE.search(sentence)
    return decade is not None and not _clause_date(sentence, decade.start())


# words that open a clause of its own before a date: "since the operation began in January",
# "an agreement that took effect in 2015", "after they met in May"
_CLAUSE_OPENERS = frozenset("that which who whom since after before following until when while under".split())


def _clause_date(sentence: str, at: int) -> bool:
    """The date at ``sentence[at:]`` belongs to a clause of its own: a clause opener before it, or a
    participle on a noun right before it, after the sentence's own verb ("said it remained committed
    to the agreement signed in June 2015")."""
    before = re.findall(r"[A-Za-z]+", sentence[:at])
    if any(w.lower() in _CLAUSE_OPENERS for w in before[1:]):
        return True
    return len(before) >= 3 and _participle_on_noun(before, len(before) - 1)


def _past(w: str) -> bool:
    return w.endswith("ed") or w in IRREGULAR_PAST


# words that follow a participle on a noun ("the ceasefire agreed in Doha", "a deal agreed with the
# EU", "the weapons seized by police"); a noun after a past form makes it a verb with its object
# ("said troops killed rebels there")
_AFTER_PARTICIPLE = frozenset("in at on with by from to for under during between into near over across".split())
# a pronoun or a relative word before a past form is its subject: "said they fled to Uganda"
_SUBJECT_WORDS = frozenset("i you he she it we they who which that".split())


def _participle_on_noun(words: Sequence[str], k: int) -> bool:
    """``words[k]`` is a past participle on the noun before it, after an earlier verb in the past
    ("accused Kinshasa of violating the ceasefire agreed in Doha", "the agreement signed" before a
    date): a lower-case noun before it, and after it a preposition or nothing (the time), not an
    object; else it is a reported clause's own verb ("said American troops killed rebels")."""
    if k < 2 or not _past(words[k]) or not words[k - 1].islower() or words[k - 1] in _SUBJECT_WORDS:
        return False
    if k + 1 < len(words) and words[k + 1].lower() not in _AFTER_PARTICIPLE:
        return False
    return any(map(_past, words[:k - 1]))
def latest_year(text: str) -> date | None:
    """For an undated article: the last day of the latest year it names (its date is that year or
    later), or None when it names none."""
    years = [int(y) for y in _YEAR.findall(text)]
    return date(max(years), 12, 31) if years else None


# a time before the article's, named without a year ("Last year, the army ...", "The following
# year the minister visited ..."); later in the sentence it dates the act only outside a clause of
# its own ("weapons seized last year", "a man who fled years ago") and with none of the story's days
_PAST_AGO = re.compile(r"\b(?:[Ll]ast year|[Yy]ears ago|[Dd]ecades ago|[Ee]arlier this (?:year|decade)|"
                       r"[Ii]n the (?:19|20)\d0s|[Tt]he (?:following|previous) year|[Aa] year (?:earlier|later))\b")


def told_before(sentence: str) -> bool:
    """The sentence tells of a time before the article's named without a year: at its head, or
    later outside a clause of its own when it names none of the story's own days ("When the
    president visited Riyadh last year he said ...")."""
    for m in _PAST_AGO.finditer(sentence):
        if m.start() < 40:
            return True
        if not any(w in _OWN_DAYS for w in re.findall(r"[a-z]+", sentence.lower())) and not _clause_date(
                sentence, m.start()) and not _participle_before(sentence[:m.start()]):
            return True
    return False


def _participle_before(head: str) -> bool:
    """A past participle on a noun shortly before the end of ``head``, after an earlier verb in the
    past: the time that follows dates that participle's clause ("accused Kinshasa of violating the
    ceasefire agreed in Doha last year", "said its exports complied with a deal agreed with the EU");
    not a reported clause's own verb ("said American troops killed rebels there last year")."""
    words = re.findall(r"[A-Za-z]+", head)
    return any(_participle_on_noun(words, k) for k in range(max(2, len(words) - 5), len(words)))


# a reading of events rather than an act: the writer's frame, an expectation, an evaluation ("can be
# said to have", "may be seen as", "is a welcome sign"; not a plain passive after a modal, "must be
# considered by parliament", "could be called off"), a view put in a paper or a column ("recommended
# in a recent paper that"; not a study, whose findings are a report: "said in a study that police
# killed 30 protesters")
_ANALYSIS = re.compile(r"\b(?:[Tt]he fact that|[Tt]he only way|(?:is|are|was|were) (?:widely )?expected to|"
                       r"(?:seems|seemed|seem) (?:to|motivated|likely)|[Ii]t would be|"
                       r"(?:can|could|may|might|must) (?:well )?be (?:said to|seen as|described as|regarded as|"
                       r"viewed as|thought of as|credited with|considered (?:a|an|to)|deemed (?:a|an|to)|"
                       r"called (?:a|an))|"
                       r"(?:is|was|are|were) (?:a|an) (?:welcome|positive|good|encouraging|worrying|troubling|hopeful|"
                       r"promising) (?:sign|step|development|signal)|"
                       r"in (?:a|an|his|her|their|its) (?:recent |new |latest )?(?:paper|article|op-ed|column|book|essay|"
                       r"memoir|editorial|blog post))\b")


_WHEN = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may june "
                  "july august september october november december".split())


# first and second person: a writer arguing, not reporting
VOICE_WORDS = frozenset({"i", "we", "my", "our", "you", "your"})


def commentary(text: str, start: int, low: Sequence[str], toks: Sequence[tuple[str, int, int]]) -> bool:
    """The sentence speaks in the writer's voice, outside any quotation ("I agree with Professor
    Romer", "We wouldn't be thinking about getting involved in Syria")."""
    return any(w in VOICE_WORDS and toks[k][0] != "I." and not quoted_at(text, start, toks[k][1])
               for k, w in enumerate(low))


def caption(low: Sequence[str], verb_i: int, verb_word: str) -> bool:
    """A photo caption: the main verb in the present tense with a day or date ("Obama greets
    supporters at a rally in Ohio on Monday, October 15."); news copy tells dated events in the
    past tense."""
    return (verb_word.endswith("s") and not verb_word.endswith("ss") and verb_word not in ("was", "has", "is", "says")
            and any(w in _WHEN for w in low[verb_i:]))


def verb_flag(text: str, start: int, low: Sequence[str], toks: Sequence[tuple[str, int, int]], verb_k: int) -> str | None:
    """Why an event coded from the verb at ``toks[verb_k]`` of a sentence (``low``, ``toks``: its
    tokens; ``start``: its offset in ``text``) is not a reported action, or None."""
    if quoted_at(text, start, toks[verb_k][1]) or text[start:start + 1] in ('"', "“", "'", "‘") or any(
            m.start() <= toks[verb_k][1] for m in _SAID_COLON.finditer(text, start, toks[-1][2])):
        # words inside a direct quotation, a sentence led by one, or a lead-in to one and what
        # follows it ("said: “..."): rhetoric, not an act; an act told before the lead-in stays
        # ("jets bombed Gaza and a spokesman said: ...")
        return "quotation"
    if caption(low, verb_k, low[verb_k]) or _CREDIT.search(text, start, toks[-1][2] if toks else start):
        return "caption"
    if commentary(text, start, low, toks):
        return "commentary"
    sentence = text[start:toks[-1][2]] if toks else ""
    if headline(sentence) or _LINK_TEXT.match(sentence):
        return "headline"
    if sentence.rstrip().rstrip("\"'”’)]}").endswith("?"):
        return "question"
    comma = _first_comma(low)
    if low and low[0] in SUBORDINATORS and comma is not None and verb_k < comma:
        return "subordinate-clause"  # "While the rebels have not shown ..., the fighting highlights"
    if any(w in ALLEGED for w in low[max(0, verb_k - 3):verb_k]):
        return "allegation"
    if _in_trailing_clause(low, verb_k):
        return "background"  # "violence has dropped since the cleric declared a cease-fire": an earlier act as context
    if low[verb_k] in EXPECT_FORMS or _expected(low, verb_k):
        return "speculation"  # "he said he expected the cabinet to be formed": an expectation, no act
    if low[verb_k] in APPOINT_FORMS and any(w in OFFICES for w in low[verb_k + 1:verb_k + 4]):
        return "appointment"  # "fired the minister" is no use of force, "named a prime minister" no statement
    before = low[max(0, verb_k - 7):verb_k]
    if not any(w == "had" or contracted_d(w) or w in HEDGE_MODALS for w in before):
        return None  # no past perfect and no modal of possibility in the verb's group
    group = verb_group(low, 0, verb_k, toks)
    reported = any(w in REPORTING or w == "according" for w in low)
    if group.past_perfect and not reported and not anchored(low):
        # "The Senate had passed a bill": told as before the story's time, not reported as news
        # ("Gunmen had abducted a commander on Sunday" names its time: news of the story's days)
        return "background"
    if not reported and not group.negated and any(w in HEDGE_MODALS for w in group.words):
        return "speculation"  # "Iran could sign a deal with Russia": a possibility in the writer's voice, no act
    return None


# a lead-in to a direct quotation: what is said is the quotation's words ("the officer said: “He was ...")
_SAID_COLON = re.compile(r"\b(?:said|says|say|told|tells|added|adds|stated|states|declared|wrote|writes)\s*:\s*[\"“‘']")
# a photo's credit or copyright line left in the text ("© 2018 Agency", "Photo: ...", "AP Photo/")
_CREDIT = re.compile(r"©|\((?:AP|AFP|Reuters) Photo|\b(?:AP|AFP) Photo\b|\bGetty Images\b|\b(?:Photo|Photograph|Image|Picture)"
                     r"(?: credit)?\s*(?::|by\b)")
# link text left in the page before another story's headline ("Read more: ...", "Related: ...")
_LINK_TEXT = re.compile(r"\s*(?:Read (?:more|also)|READ MORE|Also read|ALSO READ|Related|RELATED|See also|Watch)\s*[:|-]")
# an expectation is no act ("officials expect a crowd", "said he expected the cabinet to be formed"); a
# state's "hope that the parties will ..." is an appeal and stays
EXPECT_FORMS = frozenset("expect expects expected expecting".split())


# nouns of an expectation: what follows them is hoped for or feared ("stocks rose on hopes that the
# two sides would reach a deal", "amid fears that the army could move in")
EXPECT_NOUNS = frozenset("hope hopes fears fear expectations expectation speculation worries prospect prospects".split())
FUTURE_MODALS = frozenset({"would", "could", "might", "will", "may", "can"})


def _expected(low: Sequence[str], verb_k: int) -> bool:
    """The verb at ``verb_k`` tells what is expected, not what was done: in its own clause (no
    comma, no reporting verb between) it follows an expectation verb ("expects permission from
    Georgia to clear mines") or an expectation noun and a modal ("on hopes the two sides would
    reach a deal")."""
    if low[verb_k] in EXPECT_NOUNS and verb_k > 0 and low[verb_k - 1] in ("on", "amid", "despite", "with", "the", "a"):
        return True  # the noun itself: "rose on hopes that ...", "amid fears of ..."
    modal = False
    for j in range(verb_k - 1, max(-1, verb_k - 13), -1):
        w = low[j]
        if w in EXPECT_FORMS and _comparison(low, j):
            continue  # "As expected, Kenya expelled ...", "more troops than expected crossed": no clause of its own
        if w in EXPECT_FORMS or modal and w in EXPECT_NOUNS:
            return True
        if w in (",", ";", ":", ".") or w in REPORTING:
            return False
        if w in FUTURE_MODALS:
            modal = True
    return False


def _comparison(low: Sequence[str], j: int) -> bool:
    """The expectation form at ``j`` stands in a comparison ("as expected", "than had been
    expected", "as widely expected"): it governs no clause."""
    k = j - 1
    while k >= 0 and low[k] in ("widely", "largely", "generally", "had", "has", "been", "was", "were", "is"):
        k -= 1
    return k >= 0 and low[k] in ("as", "than")


def _first_comma(low: Sequence[str]) -> int | None:
    """The index of the first comma of a sentence's tokens that ends a clause: not one inside a
    number ("the 12,000-man force", tokenised "12" "," "000-man")."""
    for k in range(1, len(low)):
        thousands = k + 1 < len(low) and re.match(r"\d{3}(?!\d)", low[k + 1]) is not None
        if low[k] == "," and not (low[k - 1].isdigit() and thousands):
            return k
    return None


def _in_trailing_clause(low: Sequence[str], verb_k: int) -> bool:
    """The verb at ``verb_k`` lies in a "since" or "when" clause after the main clause, in a sentence
    that names no time ("ties cooled when the government invaded ...", "has seen less violence since
    the cleric declared a cease-fire"): the clause gives an earlier act as the main clause's
    context. A clause after a reporting verb is the report's own ("said that when ...")."""
    if anchored(low):
        return False
    for j in range(verb_k - 1, 0, -1):
        if low[j] in (",", ";", ":") or low[j] in REPORTING:
            return False  # the verb is a main clause's ("when the navy seized the boats, Chile protested")
        if low[j] in ("since", "when"):
            # not "when asked" (the verb itself), "ever since ..." at the head, "has since been
            # charged" (an adverb), "on the day when" (a time of the story's own)
            return (j + 1 < verb_k and j >= 3 and not (low[j] == "since" and low[j + 1] in ("been", "then"))
                    and not (low[j] == "when" and low[j - 1] in _TIME_NOUNS | {"day", "time", "moment"}))
    return False


# conjunctions that open a leading subordinate clause ("When X asked Y, Z replied"); "After" and
# "Before" clauses tell acts in sequence and are kept
SUBORDINATORS = frozenset("when while although though because if unless whether as since whereas once".split())
ALLEGED = frozenset({"allegedly", "alleged", "supposedly", "purportedly"})
# modals of possibility in the verb's own group ("could sign", "might attack", "can help"); "would"
# and "will" state an intent or a threat and are coded as such (events.adjust_code)
HEDGE_MODALS = frozenset({"could", "might", "may", "can", "ca"})
APPOINT_FORMS = frozenset("""fire fires fired firing sack sacks sacked sacking dismiss dismisses dismissed dismissing
    appoint appoints appointed appointing name names named naming nominate nominates nominated nominating
    replace replaces replaced replacing""".split())
OFFICES = frozenset("""minister ministers chief commander general director head governor ambassador secretary
    premier president prime envoy spokesman cabinet""".split())


def quoted_at(text: str, start: int, pos: int) -> bool:
    """Position ``pos`` of ``text`` lies inside a direct quotation opened after ``start`` (the
    sentence start), or the sentence continues a quotation opened before it."""
    seg = text[start:pos]
    before = text[max(0, start - 2000):pos]
    if before.rfind("<blockquote") > before.rfind("</blockquote"):
        return True  # inside a quotation block left in the text as markup
    if seg.count('"') % 2 == 1:
        return True
    if seg.rfind("“") > seg.rfind("”"):
        return True
    if "“" not in seg and "”" not in seg and '"' not in seg:
        # a sentence inside a quotation that spans sentences: it closes one it did not open
        rest = text[pos : pos + 400]
        close, opening = rest.find("”"), rest.find("“")
        end = _sentence_end(rest)
        return 0 <= close < end and (opening < 0 or opening > close)
    return False


_END = re.compile(r"[.!?](?:[ \n\"”’]|$)")


def _sentence_end(rest: str) -> int:
    m = _END.search(rest)
    return m.start() + 2 if m else len(rest)


def actor_kind(code: str | None, countries: Collection[str]) -> str:
    """"state" for a political actor: a country, an international or non-governmental organisation,
    an armed group, or a role in ``STATE_ROLES`` (also when its country is unknown); "other" for
    the rest (civilians, companies, media, criminals, professions); "none" without a code."""
    if not code:
        return "none"
    head = code[:3]
    if head in NON_COUNTRY_PREFIX:
        return "state"
    if head in countries:
        role = code[3:6]
        return "state" if not role or role in STATE_ROLES else "other"
    return "state" if head in STATE_ROLES else "other"


# events that stand without a target: yielding ("rebels surrendered", "lifted the curfew"), protest,
# military posture, coercion and violence ("troops attacked")
ALONE_ROOTS = frozenset({"08", "14", "15", "17", "18", "19", "20"})
# coercion that acts on things unless someone is named: a seizure or confiscation (contraband, goods),
# administrative sanctions (taxes, fees), "pressure" on services; with no one named it is
# administration or law enforcement. An arrest, an expulsion, repression, destroyed property, a
# curfew or a state of emergency act on people who may go unnamed, and stand alone
UNAIMED_COERCION = frozenset({"170", "171", "1711", "172"})
# what people without office do to a state: yield (call off a strike), demand, criticise, reject,
# threaten, protest
CLAIM_ROOTS = frozenset({"08", "10", "11", "12", "13", "14"})
# words that make a killing or an attack with an unnamed perpetrator political violence
VIOLENCE_CUES = frozenset("""bombing bombings bomb bomber bombers suicide explosion explosive airstrike airstrikes
    shelling shells rocket rockets missile missiles drone drones mortar ambush militants militant insurgents
    insurgent rebels rebel gunmen jihadist jihadists terrorist terrorists terror attack attacks raid raids
    offensive clashes fighting sniper grenade landmine mine militia militias militiaman militiamen
    armed fighters attacker attackers gunfire combat war conflict unrest""".split())


def event_flag(source: str | None, target: str | None, countries: Collection[str], root: str = "",
               sentence_low: Sequence[str] = (), code: str = "") -> str | None:
    """Why an event between these actors is not a political event (a ``FLAGS`` key), or None (see
    the module docstring). An attack with an unnamed perpetrator counts when its victims have a
    country and the sentence names political violence ("three civilians were killed in a suicide
    bombing"), or when armed forces or police are killed or hurt ("two soldiers were killed"). An
    unnamed attacker coded as a country's unidentified armed forces (UAF) is no named source
    either: it needs the same evidence ("an earthquake hit, killing 29", "the contractor was shot"
    are no political violence), and its country stands for the victims'."""
    if not source or source[3:6] == "UAF":
        where = bool(source) or bool(target) and target[:3] in countries
        violence = any(w in VIOLENCE_CUES for w in sentence_low) or bool(target) and (
            target[:3] == "IMG" or _role(target, countries) in ARMED_VICTIM_ROLES) and any(
            w in HARM_WORDS for w in sentence_low)
        if root in ("18", "19", "20") and where and violence:
            return None
        return "no-source"
    if not target and root not in ALONE_ROOTS:
        return "no-target"
    kinds = (actor_kind(source, countries), actor_kind(target, countries))
    if kinds[0] != "state" and not (kinds[1] == "state" and root in CLAIM_ROOTS):
        return "non-political-actor"  # civilians, firms and media act on states only by claims and protest
    # courts and lawyers with only private parties: a civil case or a criminal trial, not politics
    courts = [c for c, k in zip((source, target), kinds) if k == "state" and _role(c, countries) == "JUD"]
    if len(courts) >= kinds.count("state"):
        return "private-court-case"
    # police or prosecutors and private people over a crime (a murder, a fraud, a suspect), not
    # about protest, dissent or the press: an ordinary crime
    roles = (_role(source, countries), _role(target, countries))
    if kinds == ("state", "state") and roles[0] in LAW_ROLES and target == source[:3]:
        kinds = ("state", "other")  # police and "a man of Los Angeles" coded as the country: a resident
    officials = (root not in ("18", "19", "20") and target is not None and source[:3] == target[:3]
                 and not any(w in VIOLENCE_CUES for w in sentence_low))
    if (kinds.count("state") == 1 and any(r in LAW_ROLES or officials and r == "GOV"
                                          for r, k in zip(roles, kinds) if k == "state")
            and not any(r in ("MED", "OPP") for r in roles) and any(w in CRIME_CUES for w in sentence_low)
            and not any(w in DISSENT_CUES for w in sentence_low)):
        # (officials, GOV, too, with their own country's people and no force used: "officials say
        # the boy was a victim of assault"; condolences to another country's victims are politics)
        return "crime"
    if (any(w in ACCIDENT_CUES for w in sentence_low) or _death_from_illness(sentence_low)) and not any(
            w in VIOLENCE_CUES and w not in ("attack", "attacks") for w in sentence_low):
        return "accident"
    international = (source[:3] in countries and target is not None and target[:3] in countries
                     and source[:3] != target[:3])
    if not international and not any(w in DISSENT_CUES for w in sentence_low) and (any(w in LABOUR_BUSINESS for w in sentence_low) or any(
            a == "pay" and b in PAY_CHANGES for a, b in zip(sentence_low, sentence_low[1:]))):
        return "labour-business"
    if not target and code in UNAIMED_COERCION:
        return "no-target"  # after the reasons above: "police seized firearms" is a crime first
    return None


# accidents and local emergencies: no political act, whoever is named
ACCIDENT_CUES = frozenset("""accident accidents accidental accidentally electrocuted electrocution electrocutions
    firefighters firefighter firemen blaze bees bee stung illness drowned drowning avalanche""".split())
# a death from illness ("died after a long battle with lung cancer"): no one fought, whoever died
ILLNESS_WORDS = frozenset("""cancer cancers disease diseases illnesses ailment ailments leukemia leukaemia tumor
    tumour tumors tumours pneumonia sickness""".split())
DEATH_WORDS = frozenset("died dies dying death deaths dead passed succumbed".split())


def _death_from_illness(sentence_low: Sequence[str]) -> bool:
    return any(w in ILLNESS_WORDS for w in sentence_low) and any(w in DEATH_WORDS for w in sentence_low)


# the pay, jobs, contracts and projects of an administration or a firm
LABOUR_BUSINESS = frozenset("""salary salaries wage wages layoff layoffs payroll overtime renovate renovation
    renovations casino procurement scholarship scholarships earnings profit profits expansion""".split())
PAY_CHANGES = frozenset("freeze freezes cut cuts raise raises increase increases".split())


LAW_ROLES = frozenset({"COP", "JUD"})
# victims whose killing is political violence by itself: a state's forces and armed groups
ARMED_VICTIM_ROLES = frozenset({"MIL", "COP", "SPY", "REB", "INS", "SEP"})
HARM_WORDS = frozenset("""killed kill killing wounded wounding injured injuring dead died pelted stoned shot
    ambushed abducted kidnapped""".split())
DISSENT_CUES = frozenset("""protest protests protesters protestors demonstrators demonstration activist activists
    dissident dissidents opposition journalist journalists blogger bloggers rights strike strikers crowd crowds
    disperse dispersed riot riots rally rallies march marchers""".split())
CRIME_CUES = frozenset("""murder murdered murders kill killed killing homicide robbery burglary theft fraud rape
    suspect suspects accused defendant trial jury sentenced jail inmate inmates victim victims body crime
    crimes manslaughter drug drugs investigation probe embezzlement warrant warrants meth vandal
    vandalising vandalizing firearms cartridges contraband fatally stabbed stabbing robbed felony prison
    stolen thefts robberies burglaries""".split())
# words of a hypothetical or hedged clause: the writer's or a source's speculation, not a reported act
HEDGES = frozenset("""could might would should may if unless whether perhaps maybe likely unlikely possibly
    probably supposed""".split())
# words that open another clause between a subject and a verb
CLAUSE_OPENERS = frozenset("""which who whom whose because when while although though since if ; : whether
    where""".split())


def evidence_flag(low: Sequence[str], toks: Sequence[tuple[str, int, int]], verb_k: int, subject_end: int | None,
                  root: str, own_tense: bool = True, *, aux: Sequence[str]) -> str | None:
    """Why the sentence (``low``, ``toks``: its tokens) is weak evidence for the event of the verb
    at ``verb_k``: a hypothetical clause in the writer's voice before the verb ("If the court
    rules ..., the agency could", "imagine"; a modal after a reporting verb is a reported intent,
    "Iraq said it would allow"), or a source actor that ends at ``subject_end`` but is not the
    verb's own subject (a relative or adverbial clause between them, and no reporting verb). A
    noun ("a car bomb killed ...") or a participle joined to the main clause ("..., killing eight")
    has no tense of its own (``own_tense`` False): the sentence's past forms tell it. ``aux``: the
    sentence's words with contractions read as their auxiliaries (``clauses.read_contractions``,
    read once per text by the caller)."""
    reported = False
    for k, w in enumerate(low[:verb_k]):
        if w in REPORTING:
            reported = True
        elif w in HEDGES and not reported and toks[k][0] != "May" and not (w in MODAL_HEDGES and root in ("03", "13")):
            return "speculation"  # a modal is fine for an intent or a threat ("may halt mediation")
    if "imagine" in low:
        return "speculation"
    before = low[max(0, verb_k - 2):verb_k]
    if own_tense and before and (before[-1] in DETERMINERS or (
            len(before) == 2 and before[0] in DETERMINERS and not before[1].endswith("s"))):
        own_tense = False  # "a roadside bomb killed ...": the word is a noun
    if own_tense:
        in_present = verb_group(low, 0, verb_k, toks).tense == "present" and not _past_before(aux, verb_k)
    else:
        in_present = not any(w.endswith("ed") or w in IRREGULAR_PAST or w in PRESENT_HAVE or w in PAST_AUX for w in aux)
    if in_present and not anchored(low) and not report_of(low, verb_k) and (
            root not in VERBAL_COOPERATION or subject_end is None or verb_k - subject_end > 2):
        # "All Taliban oppose coeducation", "the fighting highlights ..."; a statement or an offer
        # in the present stands only right after its source ("Iran offers talks"): "the hostility
        # ... raises questions about Ukraine", "students attend the school" tell of no act
        return "not-news"
    if subject_end is not None and subject_end <= verb_k:
        gap = low[subject_end:verb_k]
        # an apposition or a relative clause on the subject: "Turkey, which regards ..., urged",
        # "militants who stormed the building then exchanged fire"
        inserted = len(gap) > 1 and (gap[0] in ("who", "which", "whose", "whom") or gap[0] == "," and gap[-1] == ",")
        if not inserted and not any(w in REPORTING for w in gap) and (
                len(gap) > 12 or any(w in CLAUSE_OPENERS for w in gap)):
            return "distant-subject"
    return None


# adverbs of habit: "Algeria traditionally opposes ...", "the ministry usually denies ..." tell a
# standing attitude in the present, in a headline too
HABITUAL = frozenset("usually often always traditionally generally typically regularly routinely never still "
                     "frequently rarely seldom".split())


# verbs of a stance or a state in the present's third person: they tell how things stand, in a
# headline too ("Iran opposes any deal", "Kenya wants talks")
STANCE_PRESENT = frozenset("""opposes supports wants believes needs knows favours favors likes prefers seems remains
    considers regards fears""".split())


def is_title(sentence: str, title: str | None) -> bool:
    """The sentence is the page's title (its words, case and punctuation aside; a site's name after
    " | " or " - " left out): a headline kept as the text's first sentence ("Israel floods Lebanese
    farmlands, destroys crops . BEIRUT: ..."). A text's first sentence is most often its lead."""
    if not title:
        return False
    words = re.findall(r"\w+", sentence.lower())
    return bool(words) and any(re.findall(r"\w+", t.lower()) == words
                               for t in (title, re.split(r"\s[|\-–—]\s", title)[0]))


def headline_present(low: Sequence[str], verb_k: int) -> bool:
    """The verb at ``verb_k`` of a story's headline (its first sentence, the page's title, with the
    story after it, ``is_title``) is a headline's present ("Israel floods Lebanese farmlands,
    destroys crops", "Kenya expels Ugandan envoy"):
    the third person singular (-s) with no adverb of habit in the sentence; headlines tell the
    news of the day in the present. Not a plural ("Officials weigh ..."), a noun ("to weigh police,
    fire facility"), "is"/"has" or a verb of a stance (``STANCE_PRESENT``: "opposes", "wants")."""
    w = low[verb_k]
    return (plural_form(w) and w not in ("has", "was", "does")
            and w not in STANCE_PRESENT and not any(x in HABITUAL for x in low))


def report_of(low: Sequence[str], verb_k: int) -> bool:
    """The sentence reports the act at ``verb_k``: a reporting verb anywhere in it but inside a
    relative clause that follows the act ("Britain accuses Russia of the poisoning, which Russia
    denies": the denial is the relative's own, the accusation stays a standing claim)."""
    relative = False
    for k, w in enumerate(low):
        if k > verb_k and w in ("which", "who", "whom"):
            relative = True
        if w in REPORTING and not relative:
            return True
    return False


DETERMINERS = frozenset({"a", "an", "the"})
MODAL_HEDGES = frozenset({"could", "might", "would", "should", "may"})
# statements, appeals, intents, consultations and support are told in the present too ("France and
# the Philippines agree that ...", a wire headline's "urges"): the present tense rules none of them out
VERBAL_COOPERATION = frozenset({"01", "02", "03", "04", "05"})


def _past_before(aux: Sequence[str], verb_k: int) -> bool:
    """A verb in the past or the perfect before the event's ("poured scorn", "has prompted outrage",
    "used pepper spray to push back crowds", "fled after a brief exchange of fire"): an -ed form
    close before it, or an irregular past or an auxiliary anywhere before it. ``aux``: the words with
    contractions read ("he'd fled" is "had fled", ``clauses.read_contractions``)."""
    return (any(w.endswith("ed") for w in aux[max(0, verb_k - 3):verb_k])
            or any(w in IRREGULAR_PAST or w in PRESENT_HAVE or w in PAST_AUX for w in aux[:verb_k]))


_TIME_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday today tonight yesterday overnight
    january february march april june july august september october november december jan. feb. mar. apr.
    aug. sept. sep. oct. nov. dec. weekend""".split())
_TIME_NOUNS = frozenset({"week", "month", "year", "night", "weekend", "morning", "evening", "afternoon"})


def anchored(low: Sequence[str]) -> bool:
    """The sentence names when: a day, a month, "today", "last week", "earlier this month"."""
    for k, w in enumerate(low):
        if w in _TIME_WORDS or w == "ago" and k > 0:
            return True
        if w in ("last", "this", "next", "earlier", "later") and k + 1 < len(low) and low[k + 1] in _TIME_NOUNS:
            return True
    return False
# verbs that report speech or intent: a modal or a clause after them is the reported party's
REPORTING = frozenset("""said says say told tells announced announces warned warns threatened threatens vowed vows
    pledged pledges promised promises added stated declared insisted insists argued claimed claims confirmed
    denied denies reported agreed agrees decided decides hoped hopes expected expects""".split())


def headline(sentence: str) -> bool:
    """A heading, a list item or a lead-in ("Gunman kills 3", "He offered a reminder:"): the text
    does not close as a sentence does."""
    return not sentence.rstrip().rstrip("\"'”’)]}").endswith((".", "!", "?"))



def _role(code: str | None, countries: Collection[str]) -> str:
    if not code:
        return ""
    return code[3:6] if code[:3] in countries else code[:3]


def verbal_only(source: str | None, target: str | None, countries: Collection[str], sentence_low: Sequence[str]) -> bool:
    """An "attack", "fight" or "clash" between politicians, parties or governments with no armed
    actor and no word of violence in the sentence is criticism ("Obama fought back with ads",
    "launched a scathing attack on his party president"), not force."""
    for code in (source, target):
        if not code:
            continue
        head, role = code[:3], code[3:6]
        if head == "IMG" or (head in countries and (not role or role in ARMED_ROLES)) or (
                head not in countries and head in ARMED_ROLES):
            return False  # an armed group, a state as such, its forces
    return not any((w in VIOLENCE_CUES - VERBAL_SENSES or w in KILLING) and not _dismissal(sentence_low, k)
                   for k, w in enumerate(sentence_low))


# words of violence that also name a war of words or a political struggle
VERBAL_SENSES = frozenset({"attack", "attacks", "offensive", "fighting", "clashes", "conflict", "unrest"})
_BE = frozenset({"be", "been", "was", "were", "is", "are", "being", "get", "got"})


def _dismissal(low: Sequence[str], k: int) -> bool:
    """ "fired" at ``k`` is a dismissal: passive ("should be fired", "was fired") with no "at",
    "on" or "into" after it."""
    return (low[k] == "fired" and k > 0 and low[k - 1] in _BE
            and (k + 1 >= len(low) or low[k + 1] not in ("at", "on", "upon", "into")))


KILLING = frozenset("""killed kill killing wounded injured dead died troops soldiers army military police forces
    weapons guns gunfire fire fired shot shooting tanks artillery aircraft jets warplanes helicopters war invasion
    invaded""".split())


# ----------------------------------------------------------------------------- confidence gate
# The rules above flag what is plainly not a political event. The gate below flags what is only
# doubtful: an analyst is shown an event when its story is about politics, its verb names the act
# in the sense the code gives it, and its sentence reports news of the day.

# roots of force: their verbs ("hit", "beat", "strike", "attack", "fight", "clash", "shoot") have a
# sporting, a market and a verbal sense besides
FORCE_ROOTS = frozenset({"18", "19", "20"})
# a particle that turns a verb of force into words ("hit out at", "shot back", "lashed out", "fire
# back") or a seizure into interest ("seized on an admission")
VERBAL_PARTICLES = frozenset({"back", "out"})
# actors that can use force: a state's forces, armed groups, unidentified attackers
ARMED_CODES = frozenset("MIL COP SPY REB INS SEP IMG UAF".split())


def core_verbs() -> frozenset[str]:
    """The lemmas of the project's own verb list (``verbs_core.csv``): verbs whose sense in news
    is the code's; the long PETRARCH-2 list codes many verbs of several senses ("take", "join",
    "lead", "pass", "control", "push")."""
    with open(DATA / "verbs_core.csv", encoding="utf-8", newline="") as f:
        lemmas = [r["lemma"] for r in csv.DictReader(line for line in f if not line.startswith("#"))
                  if r["code"] not in ("---", "")]
    # a phrase's verb too ("decline comment": "declined to comment"; "call on": "called the ruling revenge")
    return frozenset(lemmas) | {w.split(" ", 1)[0] for w in lemmas} - GENERIC_VERBS


# what is released when nothing is freed
DOCUMENTS = frozenset("""statement statements report reports list lists figures data video videos details results
    document documents photos photographs footage findings information album film transcript transcripts
    questions letter letters audio recording recordings images plan plans guidelines""".split())
# verbs that follow "help" without "to" in news ("helped ratchet up", "help pay", "help defuse")
BARE_VERBS_AFTER_HELP = frozenset("""ratchet pay defuse build boost ease make bring end create improve keep push
    reduce restore secure fund protect promote strengthen ensure avoid prevent resolve find""".split())
# verbs of motion, possession and taking part: they name no interaction by themselves, and the
# long PETRARCH-2 list codes them from the phrase around them ("joined the Taliban" as a meeting,
# "led a defection" as aid, "took office", "came to Belgrade", "skipped the meeting")
GENERIC_VERBS = frozenset("""join lead take come go skip attend serve pluck get make keep bring run pass turn
    follow leave reach need approach enter encounter invite""".split())
# "take" names an act with these ("take firm countermeasures", "took action against")
TAKE_ACTS = frozenset("action actions measures countermeasures steps step".split())
# words before "strike" that make it an attack, not a walkout
STRIKE_FORCE = frozenset("air drone missile military naval rocket artillery preemptive pre-emptive retaliatory".split())


def sense_flag(text: str, verb_start: int, verb_end: int, lemma: str, root: str, source: str | None, target: str | None,
               countries: Collection[str], sentence_low: Sequence[str]) -> str | None:
    """Why the verb at ``text[verb_start:verb_end]`` (coded with ``root``) may not name the act the
    code says (``"verb-sense"``), or None:

    - a compound adjective ("U.S.-backed forces", "Iran-allied"): no act is reported;
    - a verb of motion, possession or taking part (``GENERIC_VERBS``: "joined", "led", "took");
    - a verb of force followed by a particle that makes it words ("hit out at", "shot back") or
      interest ("seized on an admission");
    - a verb of force with no armed actor on either side (forces, police, armed groups, an
      unnamed attacker) and no word of violence in the sentence: a sports result, a market's fall,
      a political fight;
    - a "strike" coded as a walkout after "air", "drone", "missile": an attack;
    - a release of words ("released a statement", "lists of questions"), help to do something
      ("helped ratchet up the partnership"): no prisoner freed, no aid given."""
    if verb_start > 0 and text[verb_start - 1] == "-":
        return "verb-sense"
    if lemma.split(" ", 1)[0] in GENERIC_VERBS and not (
            lemma.startswith("take") and TAKE_ACTS & set(re.findall(r"[a-z]+", text[verb_end:verb_end + 30].lower()))):
        return "verb-sense"
    if root in FORCE_ROOTS or root == "17":
        after = re.match(r"\s*([A-Za-z]+)", text[verb_end:verb_end + 12])
        if after and (after.group(1).lower() in VERBAL_PARTICLES or after.group(1).lower() in ("on", "upon")
                      and text[verb_start:verb_end].lower().startswith("seiz")):
            return "verb-sense"
    if root in FORCE_ROOTS and not any(_role(c, countries) in ARMED_CODES or (c or "")[:3] == "IMG"
                                       for c in (source, target)) and not any(
            w in VIOLENCE_CUES or w in KILLING for w in sentence_low):
        return "verb-sense"
    word = text[verb_start:verb_end].lower()
    following = re.findall(r"[A-Za-z]+", text[verb_end:verb_end + 40].lower())[:3]
    if root == "08" and word.startswith("releas") and any(w in DOCUMENTS for w in following):
        return "verb-sense"  # "released a statement", "released lists of questions": words, not prisoners
    if root == "07" and word.startswith("help") and following and (
            following[0] == "to" or following[0].endswith("ing") or following[0] in BARE_VERBS_AFTER_HELP):
        return "verb-sense"  # "helped ratchet up the partnership", "help pay for": not aid
    if root == "14" and word.startswith("strike"):
        before = re.findall(r"[A-Za-z-]+", text[max(0, verb_start - 30):verb_start].lower())
        if before and before[-1] in STRIKE_FORCE:
            return "verb-sense"
    return None


_DATELINE = re.compile(r"(?:[A-Z][A-Z.,' ]{2,}(?:\([^)\n]{0,40}\))?\s*(?:--|[-–—:])|[A-Z][a-z]+(?: [A-Z][a-z]+)?:)")


def opens_with_dateline(text: str, start: int) -> bool:
    """The sentence at ``start`` opens with a dateline ("BEIRUT, LEBANON (12:50 P.M.) –", "KABUL --",
    "New Delhi:"): the first sentence of the story proper."""
    return _DATELINE.match(text, start) is not None


def news_flag(low: Sequence[str], verb_k: int, lemma: str, core: Collection[str],
              toks: Sequence[tuple[str, int, int]] | None = None) -> str | None:
    """Why an event of a sentence after the lead (``low``: its tokens, ``toks`` as the tokeniser
    gives them, telling "Theresa May" from the modal; ``verb_k``: its verb's index; ``lemma``: its
    verb's) is not shown, or None. Past the first two sentences a story gives
    background, context and comment as often as news; a sentence there that names no time and no
    source of its report ("on Tuesday", "last week", "ago", "said", "according to") shows an event
    only when its verb is one of the project's own, with one sense in news (``core``; else
    ``"verb-sense"``: "took", "led", "passed", "pushed" from the long PETRARCH-2 list) and in the
    simple past (``"no-news-cue"``: "has pushed for reforms", "have bombed many schools" tell a
    state of affairs). The lead itself is news, whatever its verb (the caller asks only past it)."""
    if anchored(low) or any(w in REPORTING or w in ("according", "reportedly") for w in low):
        return None
    if lemma not in core:
        return "verb-sense"
    if verb_group(low, 0, verb_k, toks).tense in ("perfect", "present"):
        return "no-news-cue"
    return None


WEAK_SHARE = 1.5  # political words or words of armed violence needed in every 100 tokens


def weak_politics(low: Sequence[str], politics: int) -> bool:
    """A story of 120 tokens or more with fewer than 1.5 political words (``topic_words.csv``) or
    words of armed violence (``VIOLENCE_CUES``, ``KILLING``) in every 100 (``WEAK_SHARE``): a
    feature, a company or a people's story that names officials or countries often (their
    mentions count against ``little-politics``, not here)."""
    if len(low) < 120 or politics * 100 >= WEAK_SHARE * len(low):
        return False
    return (politics + sum(1 for w in low if w in VIOLENCE_CUES or w in KILLING)) * 100 < WEAK_SHARE * len(low)


# prepositions that put an event noun into a frame ("after the September attack on the mission",
# "during Prince Mohammed's visit", "amid the crackdown")
FRAME_PREPOSITIONS = frozenset("after during since amid following before despite".split())
_NOUN_LEFT = frozenset({"a", "an", "the", "this", "that", "his", "her", "its", "their", "our", "'s", "’s"})


def event_noun(low: Sequence[str], verb_k: int) -> bool:
    """The event word at ``verb_k`` is a noun inside a prepositional phrase: a determiner or a
    possessive within the two words before it, and a framing preposition (after, during, since,
    amid ...) within three words before that ("after the September attack on the U.S. mission", "during Prince Mohammed's
    visit")."""
    def back(k: int, wanted: frozenset[str], width: int = 3) -> int:
        for j in range(k - 1, max(-1, k - 1 - width), -1):
            if low[j] in (",", ";", ":"):
                return -1
            if low[j] in wanted:
                return j
        return -1
    det = back(verb_k, _NOUN_LEFT, 2)
    return det >= 0 and (low[det] in FRAME_PREPOSITIONS or back(det + (low[det] in ("'s", "’s")), FRAME_PREPOSITIONS) >= 0
                         or back(det, FRAME_PREPOSITIONS) >= 0)



# words that make a statement more than a statement: an intent or a threat (a modal), a refusal, a
# charge or a criticism; a coder codes what the words do (03, 13, 12, 11), not "said" (010)
STATEMENT_ACTS = frozenset("""will would shall could can must blame blames blamed abuse unacceptable unwilling
    refuse refuses refused condemn condemns accuse accuses responsibility guilty threat threaten warn warns
    reject rejects""".split())


def statement_content(aux: Sequence[str], verb_k: int, code: str) -> bool:
    """A plain statement (010) whose reported words, after the reporting verb at ``verb_k``, hold a
    modal or a word of refusal, charge or criticism ("said the world would hold Assad accountable",
    "said Moscow shoulders much of the blame", "said the move was an abuse of power"). ``aux``: the
    sentence's words with contractions read ("said they'll" is "said they will")."""
    return code == "010" and any(w in STATEMENT_ACTS for w in aux[verb_k + 1:])

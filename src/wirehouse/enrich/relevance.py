"""Is a story, a sentence, an event about political or social interaction?

Event coding is meant for news of states, governments, armed groups, parties, protesters and
the organisations between them. Sports results ("Russia beat Croatia"), market reports ("the
Dow fell"), product launches, film and science news use the same verbs and yield nonsense
events, so the enricher codes nothing from them:

- **story**: a PETRARCH-2 story discard phrase ("world cup", "champions league") anywhere in the
  text, or a non-political topic: the article's section in its URL ("/sports/", "money.",
  "/entertainment/", "/opinion/", "blogs.": columns and blogs argue rather than report) or its
  vocabulary (sports, business, technology, entertainment, science or crime words outweighing
  political ones, ``topic_words.csv``);
- **sentence**: a PETRARCH-2 sentence discard phrase ("gold medal", "box office" ...), an election
  told as a contest (polls, voters, turnout, campaign rallies), a sentence that tells of an
  earlier year ("in 1991", two or more years before the article's date);
- **event**: a verb inside a direct quotation (rhetoric, not a reported action), a photo caption
  (a present-tense verb with a day or date), and events whose actors do not make a political
  interaction:
  - at least one side is a state actor: a country, its government, military, police, courts,
    legislature, parties, opposition, rebels, elites; an international or non-governmental
    organisation; an armed group. A court with only private parties is a civil case or an
    ordinary trial, not politics;
  - the source is a state actor, or civilians, firms or media who demand, criticise, reject,
    threaten, protest against or yield to one. Criminals, companies, media and civilians among
    themselves are ordinary crime or business;
  - a source is named, except for an attack whose victims have a country in a sentence that
    names political violence ("three civilians were killed in a suicide bombing");
  - a target is named, except for events that stand alone (yielding, protest, military posture,
    coercion, violence).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Collection, Sequence
from urllib.parse import urlsplit

DATA = Path(__file__).parent / "data"

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
        return cls(story, sentence, first, topics)

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

    def sentence_discard(self, low: list[str], lo: int, hi: int) -> bool:
        if any(w in CONTEST_WORDS for w in low[lo:hi]) or any(
                (low[k], low[k + 1]) in CONTEST_PAIRS for k in range(lo, hi - 1)):
            return True
        return any(low[k] in self.first_words and self._phrase_at(low, k, hi, self.sentence_phrases)
                   for k in range(lo, hi))

    def topic_counts(self, low: list[str]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for w in low:
            t = self.topic_words.get(w)
            if t:
                counts[t] = counts.get(t, 0) + 1
        return counts

    def story_topic(self, low: list[str], url: str | None = None, title: str | None = None) -> str | None:
        """A non-political topic that rules the story out, or None when it may hold political events."""
        if self.story_discard(low):
            return "discarded"
        counts = self.topic_counts(low)
        if title:
            for w in re.findall(r"[a-z]+", title.lower()):
                t = self.topic_words.get(w)
                if t:
                    counts[t] = counts.get(t, 0) + 2
        politics = counts.pop("politics", 0)
        section = section_topic(url)
        if section == "opinion" or section and counts.get(section, 0) + 3 > politics:
            return section
        other = sum(counts.values())
        if other >= 5 and other >= 2 * politics + 1:
            return max(counts.items(), key=lambda kv: kv[1])[0]
        return None


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


def earlier_year(sentence: str, published: date | None) -> bool:
    """The sentence tells of a year two or more before the article's ("in 1991", "in March 2009")."""
    if published is None:
        return False
    return any(int(y) <= published.year - 2 for y in _IN_YEAR.findall(sentence))


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
# what people without office do to a state: yield (call off a strike), demand, criticise, reject,
# threaten, protest
CLAIM_ROOTS = frozenset({"08", "10", "11", "12", "13", "14"})
# words that make a killing or an attack with an unnamed perpetrator political violence
VIOLENCE_CUES = frozenset("""bombing bombings bomb bomber bombers suicide explosion explosive airstrike airstrikes
    shelling shells rocket rockets missile missiles drone drones mortar ambush militants militant insurgents
    insurgent rebels rebel gunmen jihadist jihadists terrorist terrorists terror attack attacks raid raids
    offensive clashes fighting sniper grenade landmine mine""".split())


def political_event(source: str | None, target: str | None, countries: Collection[str], root: str = "",
                    sentence_low: Sequence[str] = ()) -> bool:
    """Does an event between these actors belong in the event data (see the module docstring)? An
    attack with an unnamed perpetrator counts when its victims have a country and the sentence
    names political violence ("three civilians were killed in a suicide bombing")."""
    if not source:
        return (root in ("18", "19", "20") and bool(target) and target[:3] in countries
                and any(w in VIOLENCE_CUES for w in sentence_low))
    if not target and root not in ALONE_ROOTS:
        return False
    kinds = (actor_kind(source, countries), actor_kind(target, countries))
    if kinds[0] != "state" and not (kinds[1] == "state" and root in CLAIM_ROOTS):
        return False  # civilians, firms and media act on states only by claims and protest
    # courts and lawyers with only private parties: a civil case or a criminal trial, not politics
    courts = [c for c, k in zip((source, target), kinds) if k == "state" and _role(c, countries) == "JUD"]
    return len(courts) < kinds.count("state")


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
    return not any(w in VIOLENCE_CUES - {"attack", "attacks", "offensive", "fighting", "clashes"} or w in KILLING
                   for w in sentence_low)


KILLING = frozenset("""killed kill killing wounded injured dead died troops soldiers army military police forces
    weapons guns gunfire fire fired shot shooting tanks artillery aircraft jets warplanes helicopters war invasion
    invaded""".split())

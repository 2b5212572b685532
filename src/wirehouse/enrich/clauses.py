"""Clause analysis of a coded verb, by rules over tokens (no parser): its verb group and the head
of its object phrase.

The verb group is the run of auxiliaries, modals, negation and adverbs right before the verb
("had not yet", "would have", "is to", "will be"): from it and the verb's own form come the verb's
tense and aspect (past, past perfect, perfect, future, hypothetical, counterfactual, infinitive,
passive, progressive, present) and whether it is negated. The object phrase is what follows the verb: a particle or preposition
("call for", "take part in") and the head noun of the noun phrase after it ("launched a major
ground offensive" -> offensive; "regained most of the towns" -> towns). A verb inside what a
reporting verb reports may have a subject of its own that stands for no speaker ("the rebels say
the bombing forced them"): ``reported_subject``. The event coder
(``events.py``) reads the verb's sense off the pair (verb, object head) and CAMEO's conventions
for negated, hypothetical and background acts off the group.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

# the tokeniser splits off "'s" and "n't" only: "they'll", "we've", "they're", "he'd" are one token,
# read as their auxiliary by ``contracted_aux``
WILL = frozenset({"will", "shall", "wo"})  # "won't" is tokenised "wo" + "n't"
HYPOTHETICAL = frozenset({"would", "could", "might", "may", "should", "can", "ca", "must"})
HAVE = frozenset({"has", "have", "had", "having"})
BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "am", "'s", "’s"})
DO = frozenset({"do", "does", "did"})
# "no" negates a verb group only in "no longer" ("will no longer cooperate"); before a noun it is a
# determiner ("has no plans", "no troops were"), and the noun has no verb group
NEGATION = frozenset({"not", "n't", "never"})
# adverbs that may stand inside a verb group ("has also", "had already", "will not now")
GROUP_ADVERBS = frozenset("""also already reportedly allegedly still just now then later previously earlier again
    repeatedly recently ever once twice only further apparently yet since first finally subsequently eventually
    even jointly swiftly quickly formally officially""".split())
FINITE_AUX = frozenset({"has", "had", "is", "was", "are", "were", "does", "did", "'s", "’s"})
IRREGULAR_PARTICIPLES = frozenset("""hit shot struck held fought beaten taken given seen made done sent kept led
    left brought caught bought sold told found thrown drawn driven broken chosen spoken stolen torn worn
    won lost paid put set cut met spent built sought begun run""".split())
# past forms of irregular verbs (and verbs whose past is their base form): a simple past reports an act
IRREGULAR_PAST = frozenset("""met fought struck hit shot held told said sent led took gave made began sought threw broke
    won lost left fled beat bought brought stole spoke drove rose fell swore wrote ran came went saw knew kept paid
    laid put set cut quit shut spread withdrew overthrew undertook forbade sold found bound tore stood understood
    withheld upheld overran overtook flew grew blew drew chose rode arose hid lit fed bled read cast let bid
    struck sank stuck swept wept forgave foresaw became""".split())
PRESENT_HAVE = frozenset({"has", "have"})
PAST_AUX = frozenset({"had", "was", "were", "did"})
# participles ending in -en that "'d" takes as "had" ("they'd been", "he'd withdrawn"); a bare -en
# suffix would take bases too ("he'd threaten", "he'd open")
_EN_PARTICIPLES = frozenset("""been gone written fallen risen forgotten hidden withdrawn overthrown undertaken
    overtaken forbidden shaken eaten ridden known shown grown blown flown sworn born borne arisen forgiven
    proven gotten""".split())
# bases spelt like a participle: after "'d" they read as "would" ("he'd need", "he'd hit back")
_BASES_LIKE_PARTICIPLES = frozenset("""need proceed succeed exceed feed bleed heed speed breed shed wed embed seed
    hit put set cut run quit shut spread let bid cast read""".split())


def plural_form(word: str) -> bool:
    """A word spelt as a plural noun ("attacks", "Seahawks"; not "press", "census", "crisis")."""
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def contracted_d(word: str) -> bool:
    """The word is "'d", alone or joined to its subject as the tokeniser keeps it ("he'd", "they’d")."""
    return word.endswith(("'d", "’d")) and (len(word) == 2 or word[:-2].isalpha())


def contracted_had(low: Sequence[str], k: int) -> bool:
    """Whether the "'d" at ``low[k]`` is "had" rather than "would": the next verb's form tells it,
    past negation and adverbs ("he'd attacked", "they'd already been" -> had; "he'd attack", "he'd
    have signed", "she'd never agree" -> would). A form that is both a base and a participle ("he'd
    hit") reads as "would"."""
    for w in low[k + 1 : k + 5]:
        if w in NEGATION or w in GROUP_ADVERBS or (w.endswith("ly") and len(w) > 4):
            continue
        if w in _BASES_LIKE_PARTICIPLES:
            return False
        return w.endswith("ed") or w == "had" or w in _EN_PARTICIPLES or w in IRREGULAR_PARTICIPLES \
            or w in IRREGULAR_PAST
    return False


_CONTRACTED = {"ll": "will", "ve": "have", "re": "are"}


def contracted_aux(low: Sequence[str], k: int) -> str | None:
    """The auxiliary a word joined to it carries ("they'll" -> "will", "we've" -> "have", "they're"
    -> "are", "he'd" -> "had" or "would"), None for any other word."""
    if contracted_d(low[k]):
        return "had" if contracted_had(low, k) else "would"
    head, sep, tail = low[k].replace("’", "'").rpartition("'")
    return _CONTRACTED.get(tail) if sep and head.isalpha() else None


def read_contractions(low: Sequence[str]) -> Sequence[str]:
    """The words with each contraction read as its auxiliary ("they'd have attacked" -> "would have
    attacked"), for rules that look for auxiliaries by word; ``low`` itself when it has none."""
    read = [contracted_aux(low, k) or w for k, w in enumerate(low)] if any("'" in w or "’" in w for w in low) else None
    return low if read is None or read == list(low) else read


@dataclass(frozen=True, slots=True)
class VerbGroup:
    """The auxiliaries, modals, negation and adverbs before a verb, and what they make of it."""

    words: tuple[str, ...]  # the group's words before the verb, in text order
    negated: bool  # "did not", "has never", "won't"
    perfect: bool  # "has/have/had" + participle
    past_perfect: bool  # "had" + participle: an act before the story's time
    future: bool  # "will", "shall", "is going to"
    hypothetical: bool  # "would", "could", "might", "may", "should", "can", "must"
    counterfactual: bool  # a modal with "have": "could have upset", "would have signed" (it did not happen)
    infinitive: bool  # "to" + verb: a complement or a purpose
    passive: bool  # a form of "be" + participle
    progressive: bool  # a form of "be" + -ing
    tense: str  # as news reads it: "future" (any modal, or an infinitive), "perfect", "past", "progressive", "present"

    @property
    def aspect(self) -> str:
        """One word for the group: "counterfactual", "hypothetical", "future", "infinitive",
        "past-perfect", "perfect", "progressive" or "simple"."""
        for name, on in (("counterfactual", self.counterfactual), ("hypothetical", self.hypothetical),
                         ("future", self.future), ("infinitive", self.infinitive),
                         ("past-perfect", self.past_perfect), ("perfect", self.perfect),
                         ("progressive", self.progressive)):
            if on:
                return name
        return "simple"


def _participle(word: str) -> bool:
    return word.endswith(("ed", "en")) or word in IRREGULAR_PARTICIPLES


def verb_group(low: Sequence[str], lo: int, i: int, toks: Sequence[tuple[str, int, int]] | None = None) -> VerbGroup:
    """The verb group of the verb at ``low[i]`` (``lo``: the sentence's first token; ``toks``, when
    given, tells a capitalised "May" inside the sentence as a name: "Theresa May has blamed")."""
    words: list[str] = []
    k = i - 1
    while k >= lo and len(words) < 7:
        w = low[k]
        if w == "may" and ((toks is not None and k > lo and toks[k][0] == "May") or (
                words and words[-1] in FINITE_AUX)):
            break  # "Theresa May has blamed", "May has received": a modal takes no finite form after it
        if contracted_aux(low, k) is not None:
            words.append(w)
            break  # "he'd attack", "they'll attack": the subject and its auxiliary in one token, the group's first word
        if w == "longer" and k - 1 >= lo and low[k - 1] == "no":
            words += ["longer", "no"]  # "will no longer cooperate"
            k -= 2
            continue
        if w == "to":
            words.append(w)
            # "is going to", "ought to" are part of the group; any other "to" ends it
            if k - 1 >= lo and low[k - 1] in ("going", "ought"):
                k -= 1
                continue
            break
        if w in WILL or w in HYPOTHETICAL or w in HAVE or w in BE or w in DO or w in NEGATION \
                or w in GROUP_ADVERBS or (w.endswith("ly") and len(w) > 4) or (w == "going" and words[-1:] == ["to"]):
            words.append(w)
            k -= 1
            continue
        break
    words.reverse()
    verb = low[i]
    start = i - len(words)
    # a contraction read as its auxiliary: "'d" is "had" where the next verb is a participle ("he'd
    # attacked"), else "would"
    read = [contracted_aux(low, start + n) or w for n, w in enumerate(words)]
    infinitive = bool(words) and words[0] == "to" and not any(w == "going" for w in words)
    modal_at = next((n for n, w in enumerate(read) if w in HYPOTHETICAL), None)
    future = any(w in WILL for w in read) or "going" in words
    hypothetical = modal_at is not None
    has_have = [n for n, w in enumerate(read) if w in HAVE]
    perfect = bool(has_have) and (_participle(verb) or "been" in words)
    counterfactual = hypothetical and perfect and any(n > modal_at for n in has_have)
    past_perfect = perfect and any(read[n] == "had" for n in has_have) and not hypothetical
    be = [w for w in read if w in BE]
    progressive = bool(be) and verb.endswith("ing")
    passive = bool(be) and not progressive and _participle(verb) and verb not in ("been",)
    negated = any(w in NEGATION for w in words) or "longer" in words
    return VerbGroup(tuple(words), negated, perfect, past_perfect, future, hypothetical, counterfactual,
                     infinitive, passive, progressive, _tense(read, verb, future or hypothetical or infinitive))


def _tense(words: Sequence[str], verb: str, modal: bool) -> str:
    """News reports acts in the past, the perfect ("has agreed") or the progressive ("are
    demanding"); a modal or an infinitive tells no act yet ("future"); a present tense with no
    auxiliary ("rejects") or with "is" / "does" tells a state of affairs. The contraction "'s" is
    "has" or "is" ("he's clashed", "it's believed"): the verb's own form tells its tense."""
    if modal:
        return "future"
    if any(w in PRESENT_HAVE for w in words):
        return "perfect"
    if any(w in PAST_AUX for w in words):
        return "past"
    if any(w in BE and w not in ("'s", "’s") for w in words):
        return "progressive" if verb.endswith("ing") else "present"
    return "past" if verb.endswith("ed") or verb in IRREGULAR_PAST else "present"


PARTICLES = frozenset({"for", "on", "upon", "off", "up", "out", "over", "down", "back", "away", "into", "in",
                       "with", "against", "at", "about", "to", "from", "through"})
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "our",
                         "your", "my", "any", "no", "both", "all", "several", "many", "some", "each", "every",
                         "another", "such", "two", "three", "four", "five", "six", "ten", "dozens", "hundreds",
                         "thousands"})
# words that end a noun phrase: prepositions, clause words, conjunctions
_PHRASE_END = frozenset({"of", "in", "on", "at", "to", "for", "with", "by", "from", "into", "over", "against",
                         "after", "before", "during", "since", "until", "as", "that", "which", "who", "whom",
                         "where", "when", "while", "and", "or", "but", "because", "if", "unless", "than",
                         "near", "amid", "despite", "under", "about", "across", "through", "without", "including",
                         ",", ".", ";", ":", "(", ")", "!", "?", "--", "—", "–", '"', "“", "”"})
# a head that stands for its "of" phrase ("most of the towns", "part of the city", "the rest of")
QUANTITY_HEADS = frozenset({"most", "much", "many", "some", "all", "part", "parts", "rest", "half", "dozens",
                            "hundreds", "thousands", "scores", "number", "majority", "remainder", "one", "two",
                            "three", "several", "each", "none", "swathes", "swaths", "areas"})
PRONOUNS = frozenset({"him", "her", "them", "it", "us", "me", "himself", "herself", "themselves", "itself"})


@dataclass(frozen=True, slots=True)
class ObjectPhrase:
    """What follows a verb: its particle ("for" in "call for") and the head of its noun phrase."""

    particle: str | None
    head: str | None
    head_index: int | None  # the head's token index


def object_phrase(low: Sequence[str], j: int, hi: int, width: int = 8) -> ObjectPhrase:
    """The particle and the object head after a verb ending at ``j`` (``hi``: the sentence's end)."""
    k = j
    particle = None
    if k < hi and low[k] in PARTICLES:
        particle = low[k]
        k += 1
    head, at = _head(low, k, hi, width)
    if head in QUANTITY_HEADS and at is not None and at + 1 < hi and low[at + 1] == "of":
        inner, inner_at = _head(low, at + 2, hi, width)
        if inner is not None:
            return ObjectPhrase(particle, inner, inner_at)
    return ObjectPhrase(particle, head, at)


def _head(low: Sequence[str], k: int, hi: int, width: int) -> tuple[str | None, int | None]:
    head, at = None, None
    end = min(hi, k + width)
    while k < end:
        w = low[k]
        if w in PRONOUNS and head is None:
            return w, k
        if w in _PHRASE_END:
            break
        if w in ("'s", "’s"):
            head, at = None, None  # "the party's leader": the possessor is not the head
            k += 1
            continue
        if head is not None and (w in DETERMINERS or w.endswith(("ing", "ly")) or w in BE or w in HAVE
                                 or w in WILL or w in HYPOTHETICAL or w.rstrip(".") in TIME_WORDS):
            break  # "a law this year", "a resolution calling for ...", "the leader overnight"
        if w[:1].isalpha() and w not in DETERMINERS:
            head, at = w.rstrip("."), k
            if w.endswith(".") and w[:-1].isalpha():
                break  # the sentence's last word carries its full stop
        k += 1
    return head, at


TIME_WORDS = frozenset("""today yesterday tonight overnight tomorrow last next earlier later monday tuesday
    wednesday thursday friday saturday sunday""".split())


# pronouns and possessives that stand for a speaker already named ("said it would", "said its jets
# struck"), relative and coordinating words that hand the verb an earlier subject
_SPEAKER_WORDS = frozenset({"it", "they", "he", "she", "we", "i", "you", "its", "their", "his", "her", "our", "my",
                            "itself", "themselves", "who", "which", "that", "whom", "whose", "and", "or", "but",
                            "then", "there", "this", "these", "those"})


def reported_subject(low: Sequence[str], start: int, i: int) -> bool:
    """The verb at ``low[i]``, in the words a reporting verb (ending at ``start``) reports, has a
    subject of its own that stands for no speaker: the noun phrase that opens the report (after
    "that") and ends right before the verb's group ("say the indiscriminate bombing forced them",
    "said AIG has given him the list"), or the coded word heads that subject ("said fighting
    was raging", "said the military campaign had secured"). A pronoun or a possessive ("said it would", "said its jets struck"), a phrase that
    refers back ("the two sides", "the agency"), a relative word, a preposition, a coordinated verb or an
    infinitive leaves the speaker as the doer, or the clause unread."""
    if start < len(low) and low[start] == "that":
        start += 1
    group = verb_group(low, start, i)
    if group.infinitive:
        return False
    if not group.words and i + 1 < len(low) and (low[i + 1] in BE or low[i + 1] in HAVE or low[i + 1] in WILL
                                                 or low[i + 1] in HYPOTHETICAL):
        return _plain(low[start:i], head=False)  # "said (the military) campaign had secured": the word heads it
    end = i - len(group.words)  # the subject ends right before the group
    return end > start and _plain(low[start:end], head=True)


def _plain(words: Sequence[str], head: bool) -> bool:
    """A short noun phrase of no pronoun, preposition or referring word (ending in a noun when
    ``head``)."""
    phrase = [w.replace("’", "'").split("'")[0] or w for w in words]  # "he'd", "they’ve": the pronoun
    if head and len(phrase) <= 3 and phrase[0] == "the" and phrase[-1] in BODIES:
        return False  # "a spokesman said the agency is planning": a body named before, often the speaker's own
    return (len(phrase) <= 6 and all(w[:1].isalpha() for w in phrase) and not (head and phrase[-1] in DETERMINERS)
            and not any(w in _SPEAKER_WORDS or w in _PHRASE_END or w in REFERRING for w in phrase))


# bodies a definite noun phrase names again ("the agency", "the ministry", "the government")
BODIES = frozenset("""agency ministry government administration army military police company group party
    organisation organization office department council committee court country state movement force
    forces regime authorities bank union""".split())


# words of a noun phrase that refers back to actors already named ("the two sides", "both countries")
REFERRING = frozenset({"sides", "side", "both", "parties", "each", "either", "neither", "latter", "former"})


# words that tell a finite verb group in a reported clause ("that the army had", "the talks will")
_FINITE_MARKERS = HAVE | WILL | HYPOTHETICAL | DO | (BE - {"be", "been", "being", "'s", "’s"})
_CLAUSE_STOPS = frozenset({",", ".", ";", ":", "!", "?", "(", ")", "--", "—", "–"})


def reported_clause(low: Sequence[str], j: int, hi: int, object_first: bool = False) -> bool:
    """The words after a verb ending at ``j`` are a reported clause, not an object: "that" and a
    clause with a finite verb ("claimed that the troops had fled"), or a short noun phrase and a
    finite verb ("argued the sanctions would fail"). ``object_first``: the verb takes its hearer
    first ("reassured the officials that ...")."""
    k = j
    if object_first:
        end = min(hi, j + 7)
        while k < end and low[k] != "that" and low[k] not in _CLAUSE_STOPS:
            k += 1
        if k >= end or low[k] != "that":
            return False
    if k < hi and low[k] == "that":
        k += 1
        window = low[k : min(hi, k + 8)]
    else:
        # a bare clause: a noun phrase of at most five plain words, then its verb group
        m = k
        while m < min(hi, k + 7) and low[m] not in _FINITE_MARKERS and low[m] not in _CLAUSE_STOPS \
                and low[m] not in ("that", "which", "who") and not (
                    (low[m].endswith("ed") or low[m] in IRREGULAR_PAST) and low[m - 1] not in DETERMINERS):
            m += 1
        if m == k or m >= hi or m - k > 6:
            return False
        if low[m] not in _FINITE_MARKERS and any(w in _PHRASE_END for w in low[k:m]):
            return False  # "claimed the abduction in a statement sent to ...": a participle after a preposition's noun
        window = low[m : m + 1]  # "argued the sanctions on Turkey would fail"; "claimed the disputed island" has none
    for w in window:
        if w in _CLAUSE_STOPS:
            return False
        if w in _FINITE_MARKERS or w.endswith("ed") or w in IRREGULAR_PAST:
            return True
    return False


# a condition's subject after an inverted "should" or "were" ("should they make the mistake", "were
# Iran to attack"): a pronoun, a determiner or a name
_CONDITION_SUBJECTS = frozenset({"they", "he", "she", "it", "we", "you", "the", "its", "their", "his", "her", "any",
                                 "either", "both"})
_NOT_COMPLYING = NEGATION | frozenset({"fail", "fails", "refuse", "refuses", "continue", "continues", "persist",
                                       "persists", "dare", "dares", "again"})


def inverted_condition(low: Sequence[str], k: int) -> bool:
    """``low[k]`` opens an inverted condition ("should they make the mistake", "should the militias
    cross"), not an obligation ("the government should resign")."""
    return low[k] == "should" and k + 1 < len(low) and low[k + 1] in _CONDITION_SUBJECTS


def condition_on_other(low: Sequence[str], j: int, hi: int) -> bool:
    """After a verb ending at ``j``, a condition that another party does not comply: "unless ...",
    "if they do not / fail to / refuse to ...", "should they make the mistake of ...": an intent or a
    future act under it is a threat."""
    for k in range(j, hi):
        w = low[k]
        if w in (".", ";", "!", "?"):
            return False
        if w == "unless":
            return True
        if w == "if" and any(x in _NOT_COMPLYING for x in low[k + 1 : min(hi, k + 6)]):
            return True
        if w == "should" and inverted_condition(low, k) and (k == j or low[k - 1] not in _CONDITION_SUBJECTS):
            return True
    return False


"""Event coding per sentence: who did what to whom, with a CAMEO code.

The main verb is the first verb of the sentence found in the verb lexicon (own core list, then
PETRARCH-2 patterns) that is not a reporting verb ("said", "told"); a reporting verb is used only
when nothing else is found and it has a target. Patterns after/before the verb refine the code.
Negation ("did not", "never") and modality ("would", "plans to", "could") before the verb drop
material-conflict events and turn cooperation into rejection (12). Passive voice swaps source
and target ("X was attacked by Y"); coordinated actors ("Jordan and Britain agreed") give one
event per actor, and reciprocal events when there is no target.

Clause rules on top of the verb code (CAMEO practice for stated intentions):
- a cooperative action under "will/would/may" or after "pledged/promised/vowed/agreed to" is an
  intent to cooperate (03x); a conflictual one is a threat (13x), and so is any future action
  conditioned by "unless";
- "refused/declined to V" is a rejection (12x); "threatened/warned to V" a threat (13x);
- "X said (that) Y must/should V" is a demand (100) by X on Y;
- a light verb with an event noun ("launched an offensive", "renewed negotiations", "announced a
  suspension of ...") takes the noun's code; a stopping verb with one ("halted talks", "lifted the
  curfew", "called off the strike") the code of stopping it (16x, 08x);
- "is to V", "are due to V" are acts announced for later (intents); a plain "will" before a
  reduction of relations is the decided act (16); "agreed to" a yield is the yield (08);
- verb senses: a verb of force with what is argued ("over the plan") or a remark after it is
  criticism (111); "a drone strike" is an attack noun and transitive "strike" force; a bomb with no
  army weapon is 183 (in ``enrich/__init__.py``); filling an office yields no event;
- "to V" complements are never the main verb by themselves; verbs in relative or adverbial
  clauses ("..., where 24 people were killed") and participles ("aircraft using missiles") yield
  to the main-clause verb.

Clause analysis (``clauses.py``): the verb's sense from the head of its object (a place taken is
occupation 192, a document released a statement, a law passed codes what it does, "called for
calm" an appeal 020, "took part in" what one takes part in, :func:`object_sense`); a
counterfactual ("could have attacked") and "failed to V" are no event, "unwilling to V" the act
refused; "would like to V" an intent; a word after a possessive or before a finite reporting verb
is a noun.

Statements, idioms and conditions: a verb of assertion before a reported clause ("reassured them
that ...") is a statement (``ASSERTION_VERBS``); countering a claim a denial (016); a reporter's
event noun ("confirmed the attack") not the reporter's act; a verb's bare form after "be" ("was
appropriate") an adjective; the verb after an idiom of effort ("spare no effort to help") the act,
not negated; an act promised on a condition the other side must meet ("if they do not ...",
"should they ...") a threat, and the verb of an inverted condition no act.

Several events per sentence: the verbs joined to the main verb by "and"/"but", or by a
participle of force after a comma ("opened fire, killing one and arresting 12"), form its chain
(:func:`predicate_chain`), one event each; after a verb of sending, the purpose clause is the
event (:func:`purpose_clause`).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from .clauses import (HYPOTHETICAL, IRREGULAR_PARTICIPLES, IRREGULAR_PAST, contracted_aux, inverted_condition,
                      object_phrase, plural_form, reported_clause, verb_group)
from .dictionaries import Dictionaries, VerbEntry

NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without", "cannot"})
MODALS = frozenset({"would", "could", "might", "may", "should", "if", "unless", "plan", "plans", "planned",
                    "planning", "intend", "intends", "threatens", "threatened", "threatening", "want", "wants",
                    "seek", "seeks", "sought", "ready", "prepared", "possible", "likely", "avoid", "prevent"})
PASSIVE_AUX = frozenset({"was", "were", "been", "being", "is", "are", "be", "got", "get"})
SAY_CODES = frozenset({"010"})
RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06"})
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "our",
                         "any", "no", "new", "of", "to", "both", "all", "several", "many", "some", "other", "such",
                         "each", "every", "two", "three", "four", "five"})
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}


# clause words that end the look-ahead window of a verb pattern or a light verb
CLAUSE_BREAK = frozenset({",", ";", ":", "that", "which", "who", "whom", "while", "but", "because", "after",
                          "before", "when", "as", "if", "unless", "will", "would", "must", "should", "to", "."})
FUTURE = frozenset({"will", "would", "shall", "could", "may", "might", "going", "plans", "plan", "planned",
                    "planning", "intends", "intend", "intended", "ready", "willing", "prepared", "expected"})
# participles that describe a stance after "is/are" ("Israel is opposed to ..."): the subject acts
STANCE_PARTICIPLES = frozenset({"opposed", "committed", "determined", "prepared", "concerned", "interested",
                                "resolved", "dedicated", "willing", "engaged", "worried", "alarmed", "disappointed",
                                "pleased"})
OBLIGATION = frozenset({"must", "should", "ought"})
# verbs taking "to V": how the complement's code is turned
INTENT_VERBS = frozenset({"vow", "pledge", "promise", "swear", "intend", "plan", "offer", "agree", "want", "seek",
                          "hope", "aim", "prepare", "volunteer", "undertake", "commit"})
THREAT_VERBS = frozenset({"threaten", "warn"})
REFUSE_VERBS = frozenset({"refuse", "decline", "reject"})
# yield verbs that only permit something: agreeing to let someone act is no accession to a demand
PERMIT_VERBS = frozenset({"allow", "permit", "let", "authorize", "authorise"})
# what one declines to do when one declines to comment (011); refusing any other act is a rejection
COMMENT_VERBS = frozenset({"comment", "say", "state", "elaborate", "speak", "confirm", "disclose", "reveal",
                           "answer", "respond", "explain", "discuss", "specify", "give", "identify", "name"})
TRANSPARENT_VERBS = frozenset({"decide", "begin", "start", "continue", "try", "attempt", "manage", "resume", "move",
                               "help", "order", "vote", "choose", "opt"})
LIGHT_VERBS = frozenset({"launch", "mount", "begin", "start", "hold", "open", "renew", "resume", "undertake",
                         "conduct", "stage", "announce", "declare", "order", "continue", "step up", "intensify",
                         "carry out", "call", "call for", "go on", "launched", "make", "unleash", "initiate",
                         "lead", "organize", "organise", "join", "impose", "express", "voice", "extend", "fire",
                         "approve", "disburse", "allocate", "grant", "release", "institute", "introduce", "tighten",
                         "enforce"})
# verbs that stop an activity: with an event noun the code is that of stopping it
STOP_VERBS = frozenset({"halt", "suspend", "end", "stop", "break off", "call off", "cancel", "freeze", "abandon",
                        "scrap", "quit", "pull out", "lift", "ease", "relax", "revoke", "remove", "drop", "terminate"})
RESTRICTION_NOUNS = {"restrictions": "081", "restriction": "081", "ban": "081", "curbs": "081", "curfew": "0813",
                     "emergency": "0814", "martial law": "0814"}
STOPPED_ROOT = {"03": "160", "04": "164", "05": "160", "06": "160", "07": "162", "14": "080", "15": "087",
                "16": "085", "17": "080", "18": "087", "19": "087", "20": "087"}
# event nouns after a light verb -> CAMEO code (own list)
EVENT_NOUNS = {
    "talks": "046", "negotiations": "046", "negotiation": "046", "consultations": "040", "meeting": "040",
    "meetings": "040", "summit": "043", "dialogue": "040", "mediation": "045", "visit": "042",
    "investigation": "090", "investigations": "090", "inquiry": "090", "probe": "090", "hearing": "090",
    "hearings": "090", "inspection": "090", "inspections": "090",
    "sanctions": "163", "embargo": "1631", "tariffs": "163", "tariff": "163", "import duties": "163",
    "customs duties": "163", "retaliatory duties": "163", "anti-dumping duties": "163", "punitive duties": "163",
    "restrictions": "172", "curbs": "172", "suspension": "160", "boycott": "143", "strike": "143",
    "strikes": "143", "walkout": "143", "hunger strike": "142",
    "protest": "141", "protests": "141", "demonstration": "141", "demonstrations": "141", "rally": "141",
    "rallies": "141", "march": "141", "sit-in": "141",
    "attack": "190", "attacks": "190", "assault": "190", "offensive": "190", "raid": "190", "raids": "190",
    "invasion": "190", "incursion": "190", "counteroffensive": "190", "counter-offensive": "190",
    "airstrike": "195", "airstrikes": "195", "air strike": "195", "air strikes": "195", "air raid": "195",
    "air raids": "195", "bombing": "195", "bombings": "195", "shelling": "194", "bombardment": "194",
    "crackdown": "175", "blockade": "191", "siege": "191", "ambush": "190",
    "ceasefire": "0871", "cease-fire": "0871", "truce": "0871",
    "withdrawal": "0874", "pullout": "0874", "pullback": "0874",
    "war games": "150", "exercises": "150", "manoeuvres": "150", "maneuvers": "150", "drills": "150",
    "joint exercises": "062", "joint drills": "062", "joint patrols": "062", "joint war games": "062",
    "joint military exercises": "062", "joint naval exercises": "062",
    "missiles": "195", "missile": "195", "drones": "195", "drone": "195", "rockets": "194", "shells": "194",
    "mortars": "194", "mortar rounds": "194",
    "aid": "070", "relief": "070", "airlift": "070", "assistance": "070", "loan": "071", "loans": "071",
    "grant": "071", "grants": "071", "funding": "071", "credit": "071", "humanitarian aid": "073",
    "arrests": "173", "deportations": "174", "deportation": "174", "expulsion": "164", "expulsions": "164",
    "state of emergency": "1724", "martial law": "1724", "curfew": "1723",
    "cooperation": "050", "co-operation": "050", "coordination": "050", "ties": "050", "relations": "050",
    "partnership": "050",
    "lawsuit": "115", "lawsuits": "115", "legal action": "115", "legal proceedings": "115",
    "support": "051", "solidarity": "051", "condolences": "018", "sympathy": "018", "optimism": "013",
}
COOPERATION_NOUNS = frozenset({"cooperation", "co-operation", "coordination", "ties", "relations", "partnership"})
NOUN_FIRST = {}
for _k in EVENT_NOUNS:
    _h = _k.split()[0]
    NOUN_FIRST[_h] = max(NOUN_FIRST.get(_h, 0), _k.count(" ") + 1)


@dataclass(slots=True)
class VerbHit:
    i: int
    j: int
    code: str
    negated: bool
    modal: bool
    passive: bool
    lemma: str = ""
    future: bool = False
    noun: bool = False  # the code comes from an event noun after a light verb
    infinitive: bool = False  # "to V": a complement, never the main verb by itself
    reduced: bool = False  # a participle after a noun with its agent ("the treaty signed by Iran"): a reduced relative


def _clause_end(low: list[str], j: int, stop: int, width: int = 8) -> int:
    end = min(stop, j + width)
    for k in range(j, end):
        if low[k] in CLAUSE_BREAK and k > j:
            return k
    return end


def _event_noun(low: list[str], j: int, stop: int) -> tuple[str, int] | None:
    """An event noun within the object of a light verb ("launched a major offensive")."""
    end = _clause_end(low, j, stop, 6)
    for k in range(j, end):
        n = NOUN_FIRST.get(low[k])
        if not n:
            continue
        for m in range(min(n, end - k), 0, -1):
            code = EVENT_NOUNS.get(" ".join(low[k : k + m]))
            if code and not (k + m < stop and low[k + m] in ("of",) and low[k] in ("exercises",)):
                return code, k + m
    return None


def _stopped_activity(low: list[str], j: int, stop: int) -> str | None:
    """The code of stopping what the object names: "halted negotiations" 164, "lifted the curfew"
    0813, "called off the strike" 080, "ended the offensive" 087."""
    end = _clause_end(low, j, stop, 6)
    for k in range(j, end):
        for m in (2, 1):
            code = RESTRICTION_NOUNS.get(" ".join(low[k : k + m]))
            if code:
                return code
    found = _event_noun(low, j, stop)
    if found is None:
        return None
    code = found[0]
    if code == "045":
        return "165"
    return STOPPED_ROOT.get(code[:2])


def _pattern_code(entry: VerbEntry, low: list[str], i: int, j: int, stop: int) -> str:
    if not entry.patterns:
        return entry.code
    best_len, code = -1, entry.code
    after = [_stem(w) for w in low[j : _clause_end(low, j, stop)]]
    before = [_stem(w) for w in low[max(0, i - 5) : i]]
    after_set = {w for pair in after for w in pair}
    before_set = {w for pair in before for w in pair}
    base_root = entry.code[:2]
    for pre, post, pcode in entry.patterns:
        if pcode[:2] == "03" and base_root not in ("03", "--") and not pre:
            continue  # an intent is told by "will", "plans to" (see adjust_code), not by what follows the verb
        # quick rejection on the first slot, then the ordered match
        if post:
            if post[0].isdisjoint(after_set) or not _in_order(post, after):
                continue
        elif not pre:
            continue
        if pre and (pre[0].isdisjoint(before_set) or not _in_order(pre, before)):
            continue
        n = len(pre) + len(post)
        if n > best_len:
            best_len, code = n, pcode
    return code


def _stem(w: str) -> tuple[str, str]:
    """A word and its singular guess ("demands" ~ "demand"), for pattern matching."""
    return (w, w[:-1]) if len(w) > 3 and w[-1] == "s" else (w, w)


def _in_order(seq, words) -> bool:
    k = 0
    for w, w1 in words:
        if w in seq[k] or w1 in seq[k]:
            k += 1
            if k == len(seq):
                return True
    return False


def find_verbs(d: Dictionaries, toks, low, lo: int, hi: int, actor_toks: set[int]) -> list[VerbHit]:
    """The coded verbs of tokens ``lo``..``hi``. ``low``: the text's lower-cased words with joined
    contractions read as their auxiliaries (``clauses.read_contractions``: "they'd have attacked"
    is "would have attacked")."""
    out = []
    i = lo
    while i < hi:
        if i in actor_toks or not low[i][0].isalpha():
            i += 1
            continue
        hit = None
        for n in range(min(d.verbs.first.get(low[i], 0), hi - i), 0, -1):
            key = " ".join(low[i : i + n])
            e = d.verbs.entries.get(key)
            if e:
                hit = (n, e[0])
                break
        if hit is None:
            i += 1
            continue
        n, entry = hit
        prev = low[i - 1] if i > lo else ""
        if effort_idiom_at(low, i, hi) is not None:
            i += n  # "spare no effort to", "left no stone unturned": the verb after the idiom is the act
            continue
        if entry.lemma == "seize" and i + n + 1 < hi and low[i + n] in ("on", "upon") and low[i + n + 1] in DETERMINERS:
            i += n  # "seized on an admission": made use of words, no seizure
            continue
        if low[i].endswith("ing") and any(w in LAW_HEADS for w in low[max(lo, i - 3) : i]) and not any(
                w in CLAUSE_BREAK for w in low[max(lo, i - 3) : i]):
            i += n  # "a law this year banning rallies": what the law does, told with its passing (object_sense)
            continue
        if prev in ("'s", "’s") and i - 2 >= lo and low[i - 2] not in CONTRACTING_PRONOUNS:
            i += n  # "the country's bid", "Iran's support": after a possessive a noun ("he's clashed": an auxiliary)
            continue
        if i + n < hi and low[i + n] in SUBJECT_OF_REPORT and entry.code not in SAY_CODES and prev not in _SUBJECT_OR_AUX:
            i += n  # "the army command says", "a ministry statement said": a noun, the report's subject
            continue
        if i + n < hi and low[i + n] in AUX_AFTER_SUBJECT and not low[i].endswith("ed") and prev not in _SUBJECT_OR_AUX:
            i += n  # "fighting was raging", "the attacks are made", "the strike will": the subject's head, a noun
            continue
        if _head_of_of_phrase(low, i, n, hi, entry) and prev not in _SUBJECT_OR_AUX:
            i += n  # "stepped up its control of the islands": the head of an "of" phrase, a noun
            continue
        if prev not in ("'s", "’s") and _after_possessive(d, low, lo, i, n, actor_toks, entry):
            i += n  # "last month's economic stimulus bill": the head of a possessed noun phrase
            continue
        if _subject_before_past(toks, low, i, n, hi) and prev not in _SUBJECT_OR_AUX:
            i += n  # "a car bomb exploded near", "the strikes killed at least nine": the subject's head, a noun
            continue
        if _adjective_after_be(low, lo, i, entry):
            i += n  # "the decision was appropriate", "is entirely separate": a base form after "be" is an adjective
            continue
        if low[i] in ("strike", "strikes") and prev in WEAPON_MODIFIERS:
            i += n  # "a drone strike", "air strikes": the attack named, a noun (not a labour strike)
            continue
        infinitive = prev == "to" and i - 1 > lo and low[i - 2] not in DETERMINERS and _base_form(low[i], entry)
        # "will spare no effort to help", "wasted no time in condemning": the verb is the predicate, and
        # the idiom's "no" negates nothing (its own group, before it, tells the time and the negation)
        effort = effort_idiom_before(low, lo, i)
        scheduled = infinitive and (_scheduled(low, lo, i - 1) or _wished(low, lo, i - 1))
        infinitive = infinitive and not scheduled and effort is None
        if entry.lemma == "swear" and i + n < hi and sworn_into_office(low, i + n):
            i += n  # "was sworn in as prime minister": filling an office has no CAMEO root
            continue
        if entry.lemma == "fail" and i + n < hi and low[i + n] == "to":
            i += n  # "failed to attend the meeting": an act not done is no act, and no rejection either
            continue
        unwilling = prev == "to" and i - 2 >= lo and low[i - 2] in UNWILLING
        if unwilling and infinitive:
            infinitive = False  # "was unwilling to commit troops": the verb is the predicate, negated (a refusal)
        # "no plans to strike": an intent denied, read off the intent word (a refusal); any other word
        # after "no" is a noun ("no deadline had", "spare no effort")
        denied = prev == "no" and entry.lemma in INTENT_VERBS and i + n < hi and low[i + n] == "to"
        if (prev in DETERMINERS and not (infinitive or scheduled or unwilling or denied or effort is not None)) or _attributive(low, lo, i, n, hi) or (
                toks[i][0][0].isupper() and i > lo) or _noun_after_name(
                toks, low, lo, i, actor_toks) or (i - 1 not in actor_toks and _modifies_actor(d, low, i, n, hi, entry, prev)):
            i += n
            continue
        code = _pattern_code(entry, low, i, i + n, hi)
        if code == "143" and low[i] in ("strike", "strikes") and i + n < hi and low[i + n] not in LABOUR_STRIKE_NEXT:
            code = "190"  # "jets strike Hamas targets": striking something is an attack; workers strike intransitively
        noun = planned_noun = False
        if entry.lemma in STOP_VERBS:
            stopped = _stopped_activity(low, i + n, hi)
            if stopped:
                code, noun = stopped, True
        if not noun and entry.lemma not in REPORT_VERBS and (entry.lemma in LIGHT_VERBS or code == "---" or not code):
            found = _event_noun(low, i + n, hi)
            if found and (entry.lemma in LIGHT_VERBS or code in ("---", "")) and not (
                    low[found[1] - 1] in COOPERATION_NOUNS and (low[i].endswith("ing") or any(
                        w in _NOT_A_NOUN and w != "to" for w in low[i + n : found[1] - 1]))):
                # a cooperation noun is the act only as the verb's own object: not after a gerund
                # ("importance to developing the partnership"), nor behind a preposition ("make
                # changes in the ties")
                code, noun = found[0], True
                if entry.lemma == "call for" and code[:2] == "04":
                    code = "028" if code == "045" else "026"  # "called for talks": an appeal to meet or negotiate
                # "announced that direct talks were scheduled", "announced talks planned for May": a
                # meeting to come, announced, is an intent to meet (036), as with "will"
                planned_noun = entry.lemma in ("announce", "declare") and code[:2] == "04" and _planned_after(
                    low, found[1], hi)
        if code == entry.code and entry.lemma in ASSERTION_VERBS and reported_clause(
                low, i + n, hi, object_first=entry.lemma in HEARER_FIRST):
            code = ASSERTION_VERBS[entry.lemma]  # "claimed that the troops had fled": what was said, not the act
        named = calls_it_names(low, i + n, hi) if entry.lemma == "call" else None
        if named:
            code = named  # "called the decision a provocation": a denunciation, not an appeal
        if not noun and entry.lemma in SENSE_BY_OBJECT:
            sensed = object_sense(entry.lemma, low, i + n, hi, code)
            if sensed is not None:
                code, noun = sensed
        if code == "---" or not code:
            i += n
            continue
        if any(w in HYPOTHETICAL for w in low[max(lo, i - 4) : i]) and verb_group(low, lo, i, toks).counterfactual:
            i += n  # "could have attacked", "would have signed": it did not happen
            continue
        head = i if effort is None else effort  # where the verb's own words begin (before "make every effort to")
        window = _clause_window(low, lo, head)
        if any(inverted_condition(low, k) for k in range(head - len(window), head)):
            i += n  # "should they use chemical weapons": the verb of a condition is no act
            continue
        negated = any(w in NEGATORS for w in window) or unwilling
        modal = any(w in MODALS for w in window)
        future = scheduled or planned_noun or any(w in FUTURE for w in window)
        passive = prev in PASSIVE_AUX or (len(window) >= 2 and window[-2] in PASSIVE_AUX and window[-1].endswith("ly"))
        # a reduced relative clause: "firms accused by the Afghan government", "a convoy hit by a mine"
        passive = passive or (i + n < hi and low[i + n] == "by" and prev not in ("has", "have", "had", "having"))
        passive = passive and (low[i].endswith("ed") or low[i].endswith("en") or low[i] in {"hit", "shot", "struck", "held", "fought", "beaten"})
        passive = passive and not (low[i] in STANCE_PARTICIPLES and i + n < hi
                                   and low[i + n] in ("to", "about", "with", "by"))
        reduced = passive and prev not in PASSIVE_AUX and prev.isalpha() and prev not in _SUBJECT_OR_AUX and not (
            len(window) >= 2 and window[-2] in PASSIVE_AUX)
        out.append(VerbHit(i, i + n, code, negated, modal, passive, entry.lemma, future, noun, infinitive, reduced))
        i += n
    return out


# The verb's sense read off its object's head (``clauses.object_phrase``): the same verb is an
# occupation with a place as its object and a confiscation or no event with another ("took control
# of the town" 192, "took part in talks" the talks' code), the release of a document is a statement
# and that of people a release (0841), a law or a resolution passed is no interaction by itself but
# for the demand or the condemnation it carries ("passed a resolution calling for ..." 100).
TERRITORY_HEADS = frozenset("""control town towns city cities village villages territory territories area areas
    ground base bases airport airbase region district districts province provinces position positions heights
    hill hills neighbourhood neighbourhoods neighborhood neighborhoods island islands crossing crossings
    stronghold strongholds bastion outskirts suburb suburbs enclave capital port harbour harbor""".split())
TERRITORY_VERBS = frozenset({"take", "seize", "capture", "regain", "retake", "recapture", "gain", "wrest", "take over",
                             "overrun", "occupy"})
DOCUMENT_HEADS = frozenset("""list lists report reports statement statements figures data details video videos footage
    photos photographs pictures images document documents results findings information text names transcript
    transcripts letter letters questions guidelines recording recordings study survey numbers records file
    files dossier memo memorandum communique communiqué""".split())
LAW_HEADS = frozenset("""law laws bill bills resolution resolutions legislation amendment amendments decree decrees
    motion motions ordinance ordinances act budget""".split())
# what one appeals for rather than demands: a state of mind or of the street, not an act of the target
APPEAL_HEADS = frozenset("""calm restraint patience unity tolerance understanding prayers prayer peace calmness
    composure vigilance""".split())
LAW_VERBS = frozenset({"pass", "adopt", "approve", "enact"})
# what a resolution or a law says it does, by the participle after its head
LAW_CONTENT = {"calling": "100", "demanding": "100", "urging": "100", "condemning": "111", "denouncing": "111",
               "criticizing": "111", "criticising": "111", "censuring": "111", "banning": "172", "restricting": "172",
               "mandating": "172", "outlawing": "172", "prohibiting": "172", "criminalising": "172",
               "criminalizing": "172", "imposing": "172", "limiting": "172"}


# what one counters or refutes when it is words: a denial (016), as "denied the reports" is
CLAIM_HEADS = frozenset("""claim claims allegation allegations accusation accusations charge charges report reports
    suggestion suggestions assertion assertions rumour rumours rumor rumors""".split())
DENIAL_VERBS = frozenset({"counter", "refute", "rebut"})
# what one asks for: denying one is refusing it (a rejection, 12), not a denial of a charge (016)
REQUEST_HEADS = frozenset("""request requests application applications appeal appeals petition petitions motion
    motions bid bids plea pleas bail parole demand demands proposal proposals offer offers""".split())
# what befalls others: welcoming it is no praise of anyone (051), an optimistic comment (013)
MISFORTUNE_HEADS = frozenset("""failure failures collapse breakdown defeat defeats demise downfall fall death
    deaths ouster setback setbacks""".split())
SENSE_BY_OBJECT = TERRITORY_VERBS | LAW_VERBS | DENIAL_VERBS | {"take", "release", "call", "call for", "push", "deny",
                                                               "welcome"}


def object_sense(lemma: str, low: list[str], j: int, hi: int, code: str) -> tuple[str, bool] | None:
    """The code a verb takes from the head of its object, and whether it came from a noun (None:
    the verb's own code stands; "" as the code: no event)."""
    obj = object_phrase(low, j, hi)
    head = obj.head
    if head is None:
        return None
    if lemma in TERRITORY_VERBS and obj.particle is None and head in TERRITORY_HEADS:
        return "192", False  # "took control of the town", "regained most of the villages": occupation
    if lemma == "take" and _to_task(low, j, hi):
        return "111", False  # "took the minister to task for ...": a rebuke, words, not a seizure
    if lemma == "take" and head == "part":
        # "took part in the talks": the head of what one takes part in is the event, if it is one
        inner = object_phrase(low, obj.head_index + 1, hi)
        if inner.particle != "in" or inner.head_index is None:
            return "", False
        h = inner.head_index
        code = next((EVENT_NOUNS[k] for k in (" ".join(low[max(0, h - m) : h + 1]) for m in (2, 1, 0))
                     if k in EVENT_NOUNS), None)
        return (code, True) if code else ("", False)
    if (lemma == "call for" or (lemma == "call" and obj.particle == "for")) and head in APPEAL_HEADS and code[:2] == "10":
        return "020", False  # "called for calm": an appeal (02); "called for his resignation" stays a demand
    if lemma == "push" and obj.particle is None and code == "100" and "for" not in low[j : j + 3] and not _to_after(
            low, obj.head_index + 1, hi):
        return "", False  # "push the implementation of the agreements": an agenda promoted, no demand on anyone
    if lemma == "deny" and obj.particle is None and code == "016" and (head in REQUEST_HEADS or (
            head in ("him", "her", "them", "it", "us") and low[obj.head_index + 1 : obj.head_index + 2] in (
            ["bail"], ["parole"]))):
        return "120", False  # "denied a request", "denied him bail": a request refused, a rejection
    if lemma == "welcome" and obj.particle is None and head in MISFORTUNE_HEADS and code[:2] == "05":
        return "013", False  # "welcomed the collapse of the talks": good news to them (optimistic comment), no praise
    if lemma in DENIAL_VERBS and obj.particle is None and head in CLAIM_HEADS:
        return "016", False  # "countered the claim", "refuted the allegations": a denial, not a rejection
    if lemma == "release" and obj.particle is None and head in DOCUMENT_HEADS and code[:2] == "08":
        return "010", False  # "released a list of questions": a statement, no one set free
    if lemma in LAW_VERBS and obj.particle is None and head in LAW_HEADS:
        k = obj.head_index + 1
        while k < min(hi, obj.head_index + 4) and low[k] not in LAW_CONTENT and low[k] not in CLAUSE_BREAK:
            k += 1
        return (LAW_CONTENT[low[k]], True) if k < hi and low[k] in LAW_CONTENT else ("", False)
    return None


PLANNED_WORDS = frozenset({"scheduled", "planned", "due", "set", "slated", "expected"})


def first_in_clause(low: list[str], k: int, end: int, words, stops) -> int | None:
    """Where the first of ``words`` stands in ``low[k:end]`` before the clause ends at one of
    ``stops`` ("ordered the party to disband": the "to" after the object), or None."""
    for m in range(k, end):
        if low[m] in stops:
            return None
        if low[m] in words:
            return m
    return None


_PUNCT_STOPS = frozenset({",", ";", ":", "."})


def _planned_after(low: list[str], k: int, hi: int) -> bool:
    """An event noun ending at ``k`` told as to come: "talks were scheduled", "talks with Chile
    planned for May", "a summit due next week" (a short phrase of its own may stand between)."""
    return first_in_clause(low, k, min(hi, k + 6), PLANNED_WORDS, _PUNCT_STOPS | {
        "that", "which", "who", "and", "but", "will", "would", "had", "has", "have"}) is not None


def _to_task(low: list[str], j: int, hi: int) -> bool:
    """"to task" after a short object in the clause ("took Democrats to task", "took the minister to task")."""
    k = first_in_clause(low, j, min(hi - 1, j + 7), ("to",), _PUNCT_STOPS | {"that", "and"})
    return k is not None and low[k + 1] == "task"


def _to_after(low: list[str], k: int, hi: int) -> bool:
    """A "to" within four words after an object, in its clause ("pushed Iran to halt", "pushed the
    government of Iran to halt")."""
    return first_in_clause(low, k, min(hi, k + 4), ("to",), _PUNCT_STOPS) is not None


# pronouns whose "'s" is "is" or "has" ("he's clashed", "it's agreed"), not a possessive
CONTRACTING_PRONOUNS = frozenset({"he", "she", "it", "that", "there", "who", "what", "where", "here", "this"})
# auxiliaries and modals: a verb form right before one is the head of its subject, a noun
# ("fighting was raging", "the attacks are made", "the strike will go ahead"); a finite verb is
# never followed by one
AUX_AFTER_SUBJECT = frozenset({"is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can",
                               "may", "might", "must", "should", "shall"})
# finite reporting verbs: the word right before one is its subject's head, a noun ("command says")
SUBJECT_OF_REPORT = frozenset({"says", "said", "told", "stated", "claimed", "announced", "added"})
# what follows "strike" in its labour sense ("workers strike over pay", "will strike on Monday")
LABOUR_STRIKE_NEXT = frozenset({"over", "for", "until", "to", "in", "on", "from", "against", "demanding", "after",
                                "again", "today", "tomorrow", "next", "this", "and", "or", ".", ",", ";", ":",
                                "if", "unless", "because", "when"})
WEAPON_MODIFIERS = frozenset({"drone", "air", "missile", "military", "rocket", "artillery", "naval", "aerial",
                              "retaliatory", "surgical", "pre-emptive", "preemptive", "nuclear", "coalition",
                              "u.s.-led", "us-led", "russian-led", "saudi-led", "precision", "cruise"})
# "is to visit", "are due to sign", "was set to meet": the verb after "to" is the predicate, an act
# announced for later (an intent), not a complement of "to"
SCHEDULE_WORDS = frozenset({"due", "set", "scheduled", "slated", "expected", "poised"})
BE_FORMS = frozenset({"is", "are", "was", "were", "'s", "’s"})
# nouns whose "is to V" states a purpose, not a schedule ("the aim is to visit ...")
PURPOSE_NOUNS = frozenset({"aim", "goal", "plan", "idea", "purpose", "objective", "task", "mission", "intention",
                           "priority", "hope", "challenge", "step", "way", "solution", "answer", "point", "job",
                           "mandate", "role", "duty", "responsibility", "function", "intent", "target", "aspiration",
                           "ambition", "dream", "wish", "strategy", "policy", "option", "choice", "alternative"})


def _scheduled(low, lo: int, to: int) -> bool:
    """The "to" at ``to`` follows "is"/"are" (or "is due"/"is set") with a subject that is not a
    purpose noun: "The president is to visit Germany", "Talks are due to resume"."""
    if to + 1 < len(low) and low[to + 1] == "blame":
        return False  # "Iran is to blame": the idiom, a judgement of the subject
    k = to - 1
    if k >= lo and low[k] in SCHEDULE_WORDS:
        k -= 1
    if k < lo or low[k] not in BE_FORMS:
        return False
    return not (k - 1 >= lo and low[k - 1] in PURPOSE_NOUNS)


# idioms of effort before a verb ("spare no effort to help", "left no stone unturned to find", "made
# every effort to meet", "did its utmost to stop", "wasted no time in condemning"): the verb after one
# is the act, done or intended as the idiom's own verb group says; the "no" in them is litotes, no negation
EFFORT_IDIOMS: tuple[tuple[frozenset[str], ...], ...] = tuple(tuple(frozenset(slot.split()) for slot in idiom) for idiom in (
    ("spare spares spared sparing", "no", "effort efforts expense pains"),
    ("leave leaves left leaving", "no", "stone", "unturned"),
    ("make makes made making", "every", "effort attempt"),
    ("do does did doing", "its their his her our everything all", "utmost best possible"),
    ("waste wastes wasted wasting lose loses lost losing", "no", "time"),
))


def effort_idiom_at(low, k: int, hi: int) -> int | None:
    """The end (exclusive) of an idiom of effort starting at ``low[k]``, or None."""
    for idiom in EFFORT_IDIOMS:
        end = k + len(idiom)
        if end <= hi and all(low[k + m] in slot for m, slot in enumerate(idiom)):
            return end
    return None


def effort_idiom_before(low, lo: int, i: int) -> int | None:
    """The start of an idiom of effort that the verb at ``i`` completes ("spare no effort to help",
    "wasted no time in condemning"), or None."""
    if i - 1 >= lo and low[i - 1] == "to":
        end = i - 1
    elif low[i].endswith("ing"):
        end = i - 1 if i - 1 >= lo and low[i - 1] == "in" else i
    else:
        return None
    for idiom in EFFORT_IDIOMS:
        start = end - len(idiom)
        if start >= lo and all(low[start + m] in slot for m, slot in enumerate(idiom)):
            return start
    return None


# verbs of assertion that the verb lists code as an act ("reassure" 051, "think" 040, "recall" 161,
# "admit" 050): before a reported clause they assert it, a statement (010) or an
# admission (015); the act they name is the clause's own
# ("claim", "argue", "contend", coded 110, keep it: a claim about the other side is mostly a charge,
# "claimed there were Georgian artillery attacks")
ASSERTION_VERBS = {"reassure": "010", "think": "010", "reveal": "010", "recall": "010", "accept": "010",
                   "recognize": "010", "recognise": "010", "admit": "015", "concede": "015"}
HEARER_FIRST = frozenset({"reassure"})  # "reassured the officials that ..."
# verbs that report or confirm what happened: an event noun as their object is someone's act, told
# ("confirmed the attack", "reported a raid"), not the reporter's
REPORT_VERBS = frozenset({"confirm", "report", "recount", "document"})


# adjectives of refusal before "to V": the verb is negated ("unwilling to commit" is a refusal, 12)
UNWILLING = frozenset({"unwilling", "reluctant", "loath", "loth"})
WISH_WORDS = frozenset({"like", "love"})


def _wished(low, lo: int, to: int) -> bool:
    """"would like to V", "'d love to V": the verb after "to" is the predicate, an act wished for
    later (an intent, as with "wants to V")."""
    return to - 2 >= lo and low[to - 1] in WISH_WORDS and low[to - 2] == "would"


_NOT_A_NOUN = frozenset({"to", "by", "in", "on", "at", "for", "with", "from", "of", "and", "or", "the", "a", "an",
                         "that", "as", "into", "after", "before", "during", "since", "near", "over", "against"})


_BE_ADJ = frozenset({"is", "are", "was", "were", "be", "been", "being", "am"})
# verbs whose participle is their base ("were hurt", "was overrun"): after "be" a passive
BASE_PARTICIPLES = frozenset("""hurt cost burst split upset broadcast forecast shed thrust rid bet slit wed overrun
    overcome come become outrun undercut recast offset beset spread cast""".split())
STANCE_ROOTS = frozenset({"01", "02", "03", "04", "05"})


# what follows a past-tense verb that has no object of its own adjective-first ("exploded near", "killed at
# least nine", "hit a market"): the words that tell a predicate from a participle before a noun ("attack
# armed men")
_AFTER_PREDICATE = frozenset({",", ".", ";", "at", "near", "in", "on", "outside", "inside", "into", "across", "a",
                              "an", "the", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                              "dozens", "scores", "hundreds", "several", "more", "many", "up", "back", "out"})


# verbs that take "of" right after them ("warn of", "speak of", "approve of"): before "of" any other
# verb form is a noun, the head of an "of" phrase ("control of the islands", "the signing of")
OF_VERBS = frozenset("""warn speak think approve disapprove dispose consist complain boast beware despair tire die hear
    know learn ask demand expect require remind convince accuse rid repent talk dream tell write read""".split())


def _head_of_of_phrase(low, i: int, n: int, hi: int, entry: VerbEntry) -> bool:
    """A bare or plural verb form right before "of" ("its military control of the islands"): a noun,
    unless the verb takes "of" ("warns of a crisis")."""
    return (n == 1 and i + 1 < hi and low[i + 1] == "of" and not low[i].endswith(("ed", "ing"))
            and low[i] not in IRREGULAR_PAST and entry.lemma.split(" ", 1)[0] not in OF_VERBS)


def _after_possessive(d: Dictionaries, low, lo: int, i: int, n: int, actor_toks: set[int], entry: VerbEntry) -> bool:
    """A verb's bare form after a possessive and one or two modifiers that are no verbs, no actors
    and not plural ("last month's economic stimulus bill"): a noun. After a plural the bare form is
    the verb of that noun ("the Kremlin's investigators allege"); an -s form may be the verb of a
    singular one ("the party's leader warns"), so it is left as it is."""
    if n != 1 or low[i] != entry.lemma:
        return False
    for k in range(i - 1, max(lo, i - 3) - 1, -1):
        w = low[k]
        if w in ("'s", "’s"):
            return k < i - 1
        if not w.isalpha() or k in actor_toks or w in d.verbs.first or w in DETERMINERS or w in _NOT_A_NOUN \
                or w in _SUBJECT_OR_AUX or w in PASSIVE_AUX or plural_form(w):
            return False
    return False


def _subject_before_past(toks, low, i: int, n: int, hi: int) -> bool:
    """A bare or plural verb form right before a past-tense predicate ("a car bomb exploded near the
    market", "the attacks killed at least nine"): the head of its subject, a noun. A present-tense
    verb is never followed by a finite past one; a participle that modifies the object is told by
    what comes after it ("attack armed men"). A capitalised word is a name, not a past form
    ("troops detain Khaled at a checkpoint")."""
    k = i + n
    if n != 1 or low[i].endswith(("ed", "ing")) or low[i] in IRREGULAR_PAST or k + 1 >= hi:
        return False
    nxt = low[k]
    past = ((nxt.endswith("ed") and len(nxt) > 4) or nxt in IRREGULAR_PAST) and toks[k][0][:1].islower()
    return past and (low[k + 1] in _AFTER_PREDICATE or low[k + 1].isdigit())


def _adjective_after_be(low, lo: int, i: int, entry: VerbEntry) -> bool:
    """The verb's bare form after a form of "be" (an adverb may stand between): an adjective spelt
    as a verb ("was appropriate", "is entirely separate", "were present", "be free"), unless the
    verb lists code it as a stance (comment, appeal, intent, consultation, cooperation). A passive takes
    a participle, a progressive an -ing form; bases that are also participles ("was hit", "were
    cut") stay verbs."""
    w = low[i]
    if w != entry.lemma.split(" ", 1)[0] or w.endswith(("ed", "en", "ing")) or w in IRREGULAR_PARTICIPLES \
            or w in IRREGULAR_PAST or w in BASE_PARTICIPLES or entry.code[:2] in STANCE_ROOTS:
        return False  # the verb lists code a stance after "be" on purpose ("is ready to" 030, "was optimistic" 013)
    if i + 1 < len(low) and low[i + 1] == "by":
        return False  # "was overrun by", "were upset by": a passive with its agent
    k = i - 1
    if k >= lo and low[k].endswith("ly") and len(low[k]) > 4:
        k -= 1
    return k >= lo and low[k] in _BE_ADJ


def _attributive(low, lo: int, i: int, n: int, hi: int) -> bool:
    """A participle used as an adjective before a noun, after a number or after a determiner or
    possessive and an adverb ("31 jailed members", "Yemen's internationally recognised
    government", "the newly elected president"): not a predicate."""
    if n != 1 or not low[i].endswith("ed") or i + 1 >= hi or not low[i + 1].isalpha() or low[i + 1] in _NOT_A_NOUN:
        return False
    prev = low[i - 1] if i > lo else ""
    if prev.replace(",", "").isdigit():
        return True
    return prev.endswith("ly") and i - 2 >= lo and (low[i - 2] in DETERMINERS or low[i - 2] in ("'s", "’s")
                                                     or low[i - 2].replace(",", "").isdigit())


_SUBJECT_OR_AUX = frozenset({"to", "will", "would", "could", "should", "may", "might", "must", "can", "not", "n't",
                             "they", "we", "i", "you", "did", "do", "does"})


def _modifies_actor(d: Dictionaries, low, i: int, n: int, hi: int, entry: VerbEntry, prev: str) -> bool:
    """A bare verb form right before an actor noun is a modifier ("state agencies", "state
    television", "attack helicopters"), not a verb."""
    return (n == 1 and i + 1 < hi and low[i] == entry.lemma and prev not in _SUBJECT_OR_AUX
            and low[i + 1] in d.agents.entries)


def calls_it_names(low, j: int, hi: int) -> str | None:
    """The code of naming something ("called the decision a provocation", "called it regrettable":
    a denunciation, 111; "called the city "the key to peace"", a quoted name with no judging word:
    a statement, 010), or None: not naming ("called on", "called for", "called off", an appeal)."""
    if j >= hi or low[j] in ("on", "upon", "for", "off", "in", "up", "back", "out", "a", "an"):
        return None
    # the object, then "a"/"an" or a judging word before the clause ends
    for k in range(j + 1, min(hi, j + 8)):
        if low[k] in QUOTE_MARKS:
            # a quoted name right after the object: what its words judge (a long quote, cut off by
            # the window, by the words in it), else a plain statement
            end = next((m for m in range(k + 1, min(hi, k + 12)) if low[m] in QUOTE_MARKS), min(hi, k + 12))
            return "111" if any(_judging(w) for w in low[k + 1 : end]) else "010"
        if low[k] in (",", ".", ";", "and", "but", "that", "to", "for", "on"):
            return None
        if low[k] in ("a", "an") or _judging(low[k]):
            return "111"  # unquoted, "a"/"an" after the object names it: "called the decision a provocation"
    return None


QUOTE_MARKS = frozenset({'"', "“", "”", "``", "''"})


def _judging(w: str) -> bool:
    return w.endswith(("able", "ible")) or w in JUDGING_WORDS


# words that judge what is named: adjectives of blame and nouns of wrongdoing
JUDGING_WORDS = frozenset({"illegal", "unlawful", "provocative", "baseless", "absurd", "outrageous", "unjustified",
                           "irresponsible", "hostile", "interference", "aggression", "propaganda", "lies",
                           "provocation", "violation", "insult", "betrayal", "crime", "disgrace", "outrage",
                           "affront", "farce", "travesty", "lie", "attack", "threat"})


def _noun_after_name(toks, low, lo: int, i: int, actor_toks: set[int]) -> bool:
    """A word after an indefinite or possessive determiner and a country's name or adjective is a
    noun ("a key U.S. ally", "an Iranian offer", "its Russian supplier"), unless it is a past form;
    after "the" it may be the verb ("the Philippines agree")."""
    if low[i].endswith("ed") or i - 1 < lo or i - 1 not in actor_toks or not toks[i - 1][0][:1].isupper():
        return False
    k = i - 1
    while k >= lo and k in actor_toks:
        k -= 1
    if k >= lo and low[k].isalpha() and low[k] not in _NOUN_DETERMINERS and k - 1 >= lo \
            and low[k - 1] in _NOUN_DETERMINERS:
        k -= 1  # one adjective between: "a key U.S. ally"
    return k >= lo and low[k] in _NOUN_DETERMINERS


_NOUN_DETERMINERS = frozenset({"a", "an", "its", "their", "his", "her"})


def _clause_window(low: list[str], lo: int, i: int, width: int = 6) -> list[str]:
    """The words before a verb back to the start of its clause (at most ``width``)."""
    out = []
    for k in range(i - 1, max(lo, i - width) - 1, -1):
        if low[k] in (",", ";", ":", "that", "which", "who", "and", "but", "because", "after", "when", "while"):
            break
        out.append(low[k])
    out.reverse()
    return out


def _participle(h: VerbHit, low: list[str]) -> bool:
    """An -ing form without a form of "be" before it ("aircraft using missiles"): not a main verb."""
    w = low[h.i]
    return w.endswith("ing") and not (h.i > 0 and (contracted_aux(low, h.i - 1) or low[h.i - 1]) in PASSIVE_AUX | {
        "been", "'s", "am"})


def _subordinate(low: list[str], i: int) -> bool:
    """The verb sits in an opening adverbial or participial clause ("In a letter handed over to ...")."""
    return "," in low[:i] or (bool(low) and low[0] in ("in", "on", "after", "before", "under", "as", "while",
                                                       "following", "despite", "with", "when", "if", "to"))


def _base_form(word: str, entry: VerbEntry) -> bool:
    """``word`` is the bare form of the verb (what follows an infinitive "to")."""
    return word == entry.lemma.split(" ", 1)[0]


SUBORDINATORS = frozenset({"where", "who", "whom", "whose", "which", "when", "while", "because",
                           "although", "though", "if", "unless", "whereas"})


COMPLEMENT_TAKERS = frozenset("""said says say announced announces stated states declared declares told tells
    reported reports confirmed confirms added adds noted notes claimed claims insisted insists warned warns
    believed believes agreed agrees decided decides demanded demands argued argues acknowledged admitted denied
    denies alleged alleges feared fears hoped hopes knew know known so now such""".split())


def _in_subordinate_clause(low: list[str], i: int) -> bool:
    """The verb at ``i`` is in a relative or adverbial clause ("..., where 24 people were killed",
    "the body that oversees aid"); a "that" after a reporting verb opens a complement instead."""
    for k in range(i - 1, max(-1, i - 12), -1):
        w = low[k]
        if w in ("said", "says"):
            # "Zuma, who has always said he wanted ..., denies": what a relative clause reports is in it
            return _in_subordinate_clause(low, k)
        if w in (",", ";", ":", "(", ".", "!", "?"):
            return False
        if w == "that":
            return k > 0 and low[k - 1] not in COMPLEMENT_TAKERS
        if w in SUBORDINATORS:
            return not (w in RELATIVE_WORDS and _relative_closed(low, k, i))
    return False


PLACE_WORDS = frozenset({"by", "in", "on", "at", "with", "from", "for", "into", "near", "against", "over"})
RELATIVE_WORDS = frozenset({"who", "which"})  # "that" also opens a report ("announced Thursday that it has")
_RELATIVE_FINITE = frozenset({"is", "are", "was", "were", "has", "have", "had", "does", "did", "will", "would"})


def _relative_closed(low: list[str], k: int, i: int) -> bool:
    """The relative clause opened at ``low[k]`` ("a spokesman who was not authorized to give his
    name countered ...") has its own finite verb before ``i``, and the verb at ``i`` is not joined
    to it ("and", "or"): the verb at ``i`` is the main clause's, resumed after the clause."""
    m = i - 1
    while m > k and (low[m] in _RELATIVE_FINITE or low[m] in ("not", "n't", "also", "then", "later")):
        m -= 1
    if m <= k + 1 or low[m] in ("and", "or", "but", "to") or low[m] in DETERMINERS or low[m] in PLACE_WORDS:
        return False  # "who was killed by a buried bomb": the word is inside the clause's own phrase
    if not (low[i].endswith(("ed", "s")) or low[i] in IRREGULAR_PAST or m < i - 1):
        return False  # the main clause's verb is finite ("countered", "says", "has denied")
    # the clause's own verb: an auxiliary ("who was not authorized") or a plain past form right
    # after the relative word ("a witness who saw the raid said ...")
    own = any(w in _RELATIVE_FINITE for w in low[k + 1 : min(k + 3, m)]) or (
        k + 1 < m and (low[k + 1].endswith("ed") or low[k + 1] in IRREGULAR_PAST))
    return own and low[k - 1:k] != [","]


def _noun_subject(low: list[str], h: VerbHit) -> bool:
    """A past-tense verb right after a determiner-led noun phrase opening the sentence ("A roadside
    bombing killed ...", "The explosion wounded ..."): its subject is not an actor."""
    if not low[h.i].endswith("ed") and low[h.i] not in ("hit", "struck", "shot", "killed", "left"):
        return False
    k = h.i - 1
    words = 0
    while k >= 0 and low[k] not in DETERMINERS and low[k].isalpha() and words < 4:
        k -= 1
        words += 1
    return k >= 0 and low[k] in ("a", "an", "the") and 1 <= words and (k == 0 or low[k - 1] in (",", "--"))


# filling an office has no CAMEO root: a sentence whose main clause appoints or reshuffles yields
# no event from its other verbs ("named a new prime minister, plucking him from obscurity")
STAFFING_FORMS = frozenset({"appoint", "appoints", "appointed", "reshuffle", "reshuffles", "reshuffled", "nominate",
                            "nominates", "nominated", "named", "names"})
OFFICE_WORDS = frozenset({"minister", "prime", "president", "chief", "ambassador", "governor", "envoy", "head",
                          "secretary", "judge", "justice", "commander", "cabinet", "posts", "post", "successor",
                          "deputy", "chairman", "director", "spokesman", "adviser", "advisor", "general"})


SWORN_FORMS = frozenset({"sworn", "swear", "swears", "swore", "swearing"})
HELD_OFFICES = frozenset({"job", "jobs", "post", "posts", "office", "offices", "position", "positions"})
SWORN_BODIES = frozenset({"government", "ministers", "members", "lawmakers", "legislators", "judges", "term"})


def sworn_into_office(low: list[str], p: int) -> bool:
    """The "in"/"into" at ``p`` after a form of "swear" fills an office: "was sworn in as prime
    minister", "sworn in on Monday", "sworn into office", "swore in a new cabinet"; not "swore in a
    televised speech to retaliate", a vow made somewhere (an office or body must follow a determiner)."""
    if low[p] not in ("in", "into"):
        return False
    nxt = low[p + 1] if p + 1 < len(low) else "."
    if nxt not in DETERMINERS and nxt != "front":
        return True
    return any(w in OFFICE_WORDS or w in HELD_OFFICES or w in SWORN_BODIES for w in low[p + 1 : p + 5])


def kept_in_office(low: list[str], main: VerbHit, hi: int) -> bool:
    """An appeal, an order or a telling to stay in an office ("asked the ministers to remain in their
    posts", "told the governor to stay in office"): keeping an office is filling it, no CAMEO root."""
    if main.code[:2] not in ("02", "10") and main.lemma != "tell":
        return False
    k = first_in_clause(low, main.j, min(hi - 1, main.j + 8), ("to",), _PUNCT_STOPS | {"that", "and", "but"})
    return k is not None and low[k + 1] in ("remain", "stay") and _office_after(low, k + 2)


def _office_after(low: list[str], k: int) -> bool:
    """"in their posts", "in office" at ``k``: an office held."""
    if k >= len(low) or low[k] != "in":
        return False
    k += 1
    if k < len(low) and low[k] in ("their", "his", "her", "its", "the", "our"):
        k += 1
    return k < len(low) and low[k] in HELD_OFFICES


def staffing(low: list[str], lo: int, i: int) -> bool:
    """A verb of filling an office in the main clause up to ``i``: "The president appointed a new
    defence minister", "reshuffled his cabinet", "named a prime minister" (not "a man named X", "the
    newly appointed envoy", "who was appointed")."""
    for k in range(lo, i + 1):
        if low[k] in SWORN_FORMS and k + 1 < len(low) and sworn_into_office(low, k + 1) and not _in_subordinate_clause(
                low, k):
            return True  # "announced the chief justice would be sworn in on Monday"
        if low[k] not in STAFFING_FORMS or k == lo:
            continue
        prev = low[k - 1]
        if prev in DETERMINERS or prev in PASSIVE_AUX or prev.endswith("ly") or _in_subordinate_clause(low, k) \
                or _in_time_clause(low, lo, k):
            continue
        if low[k] in ("named", "names") and not any(w in OFFICE_WORDS for w in low[k + 1 : k + 5]):
            continue
        return True
    return False


TIME_OPENERS = frozenset({"after", "before", "since", "until", "once"})


def _in_time_clause(low: list[str], lo: int, k: int) -> bool:
    """The word at ``k`` is in a time clause inside the sentence ("said the talks were useful, a day
    after Mogadishu named a new prime minister"): it dates the main clause, it is not its act."""
    for m in range(k - 1, lo, -1):
        if low[m] in (",", ";", ":", "that"):
            return False
        if low[m] in TIME_OPENERS:
            return True
    return False


def choose_verb(hits: list[VerbHit], first_actor_tok: int | None, low: list[str] | None = None) -> VerbHit | None:
    # "told Mubarak that the agreements signed by Israel ...", "said it secured the exit of civilians
    # besieged by the militants", "to restore the judge ousted by the general": a reduced relative after
    # a verb describes a noun of its clause; it is no predicate ("a convoy hit by a mine", with no verb
    # before it, is a headline's)
    hits = [h for h in hits if not (h.reduced and any(
        g.i < h.i and not g.reduced and not (low is not None and _participle(g, low)) for g in hits))]
    hits = [h for h in hits if not h.infinitive]
    content = [h for h in hits if h.code not in SAY_CODES]
    if low is not None:
        finite = [h for h in content if not _participle(h, low)]
        if finite:
            content = finite
        main = [h for h in content if not _in_subordinate_clause(low, h.i)]
        if main:
            content = main
    if content:
        if first_actor_tok is not None and content[0].i < first_actor_tok and low is not None and (any(
                w in ("has", "have", "had", "will", "would", "was", "were", "is", "are", "said", "says")
                for w in low[max(0, content[0].i - 4) : content[0].i]) or _noun_subject(low, content[0])) \
                and not _subordinate(low, content[0].i):
            return content[0]  # an unrecognised subject: "The Umma party has said it will boycott ..."
        after = [h for h in content if first_actor_tok is None or h.i > first_actor_tok]
        return (after or content)[0]
    return hits[0] if hits else None


INTENT_OF_ROOT = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}
THREAT_OF_ROOT = {"14": "133", "15": "138", "16": "131", "17": "137", "18": "138", "19": "138", "20": "138"}
REJECT_OF_ROOT = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "1212", "08": "124"}


def _root(d: Dictionaries, code: str) -> str:
    return d.event_codes[code].root_code if code in d.event_codes else code[:2]


def complement(hits: list[VerbHit], main: VerbHit, low: list[str]) -> VerbHit | None:
    """The verb of a "to V" complement right after ``main`` ("vowed to fight")."""
    for h in hits:
        if h.i < main.j:
            continue
        gap = low[main.j : h.i]
        if len(gap) <= 3 and "to" in gap and not any(g in (",", "that", "which") for g in gap):
            return h
        break
    return None


def adjust_code(d: Dictionaries, hit: VerbHit, hits: list[VerbHit] | None = None, low: list[str] | None = None,
                conditional: bool = False) -> tuple[str | None, bool]:
    """The code after complement verbs, negation and modality, and whether the event is negated
    (None: no event). ``low`` as for ``find_verbs``, contractions read."""
    code = hit.code
    if hit.code in SAY_CODES and low is not None and not hit.negated and blames(low, hit.j):
        return "112", False  # "said Moscow bears the blame for the violence": an accusation
    if hit.lemma == "order" and low is not None and not hit.negated and ordered_closure(low, hit.j):
        return "172", False  # "ordered the party to disband": an administrative sanction, not a demand
    comp = complement(hits, hit, low) if hits and low is not None else None
    if comp is not None:
        croot = _root(d, comp.code)
        if hit.lemma in REFUSE_VERBS:
            if croot == "01" and comp.lemma in COMMENT_VERBS:
                return "011", False  # "declined to comment"; "refused to consider" is a rejection
            return (REJECT_OF_ROOT.get(croot, "120") if not hit.negated else comp.code), False
        if hit.lemma in THREAT_VERBS:
            return THREAT_OF_ROOT.get(croot, "130"), False
        if hit.lemma == "agree" and croot == "08" and comp.lemma not in PERMIT_VERBS and not (
                hit.negated or hit.future or hit.modal):
            return comp.code, False  # "agreed to reinstate the judges": acceding is yielding (08)
        if hit.lemma in INTENT_VERBS and not hit.negated:
            if conditional and croot not in ("01", "02"):
                # "promised to go after the firm if they do not pay": an act promised on a condition the
                # other side must meet is a threat
                return THREAT_OF_ROOT.get(croot, "130"), False
            return INTENT_OF_ROOT.get(croot, THREAT_OF_ROOT.get(croot, comp.code if croot <= "03" else code)), False
        if hit.lemma in TRANSPARENT_VERBS and not hit.negated:
            hit = comp
            code = comp.code
    root = _root(d, code)
    if root in ("18", "19", "20") and low is not None and verbal_sense(low, hit):
        code, root = "111", "11"  # "clashed with the minister over the budget": criticism, not force
    if hit.negated:
        if root in ("03", "04", "05", "06", "07", "08"):
            return "120", True
        if root in ("01", "02"):
            return code, True
        return None, True
    if hit.future or hit.modal:
        if conditional and hit.future and (root in INTENT_OF_ROOT or root in ("03", "10", "11", "12")):
            return "131" if root in INTENT_OF_ROOT else "130", False  # "will withdraw ... unless": a threat
        if root == "16" and not conditional and _decided(low, hit):
            return code, False  # "Russia will expel 60 diplomats": a reduction announced as decided is the act
        if root in THREAT_OF_ROOT:
            # "will/may attack" is a threat; "to avoid/prevent an attack", "if attacked" are no event
            return (THREAT_OF_ROOT[root] if hit.future else None), False
        if hit.future and root in INTENT_OF_ROOT:
            return INTENT_OF_ROOT[root], False
    return code, False


# verbs of force that also name a war of words, and what tells the words: the matter argued
# "over" or "about", or a remark right after the clause (", accusing him of ...")
VERBAL_FORCE = frozenset({"clash", "attack", "fight", "assail", "hit out", "lash out", "blast", "hammer"})
BACK_VERBS = frozenset({"shoot", "fire", "hit", "strike"})  # "shot back", "hit back": verbal with a remark
ARGUED_NOUNS = frozenset({"plan", "plans", "remarks", "remark", "comments", "comment", "statement", "statements",
                          "policy", "policies", "bill", "bills", "proposal", "proposals", "decision", "decisions",
                          "budget", "reform", "reforms", "law", "laws", "handling", "words", "speech", "tweet",
                          "tweets", "appointment", "views", "stance", "allegations", "claims", "report", "vote",
                          "legislation", "agenda", "record", "approach", "strategy", "response", "leadership"})
REMARK_ING = frozenset({"accusing", "saying", "calling", "describing", "branding", "dismissing", "denouncing",
                        "charging", "arguing", "claiming", "labelling", "labeling", "blaming"})


def verbal_sense(low: list[str], hit: VerbHit) -> bool:
    """A verb of force used for words: "clashed with the prime minister over the plan", "attacked
    the minister over his remarks", "shot back, accusing his rival of lying"."""
    back = hit.lemma in BACK_VERBS and hit.j < len(low) and low[hit.j] in ("back", "out")
    if hit.lemma not in VERBAL_FORCE and not back:
        return False
    for k in range(hit.j, min(len(low), hit.j + 14)):
        w = low[k]
        if w in (".", ";", "!", "?"):
            return False
        if w in ("over", "about") and any(x in ARGUED_NOUNS for x in low[k + 1 : k + 4]):
            return True
        if w == "," and k + 1 < len(low) and low[k + 1] in REMARK_ING:
            return True
    return False


def _decided(low: list[str] | None, hit: VerbHit) -> bool:
    """The verb's future is a plain "will" (no "would", "may", "if"): a decision announced."""
    if low is None:
        return False
    window = _clause_window(low, 0, hit.i)
    return any(w in ("will", "shall") for w in window) and not any(
        w in MODALS or w in ("would", "could", "might", "may", "if", "unless", "not", "n't") for w in window) and not any(
        w in ("if", "unless") for w in low[hit.j : hit.j + 15])


BEAR_VERBS = frozenset({"bears", "bear", "bore", "shoulders", "shoulder", "carries", "carry", "carried"})


def blames(low: list[str], j: int) -> bool:
    """The reported clause after a say verb lays blame: "X bears (much of) the blame", "Y is to
    blame", "Z shoulders the responsibility"."""
    for k in range(j, min(len(low), j + 15)):
        w = low[k]
        if w in (".", ";", "?", "!"):
            return False
        if w == "blame" and k >= 2 and (low[k - 1] == "to" and low[k - 2] in PASSIVE_AUX
                                        or any(x in BEAR_VERBS for x in low[max(j, k - 4) : k])):
            return True
        if w == "responsibility" and any(x in BEAR_VERBS for x in low[max(j, k - 4) : k]):
            return True
    return False


# what a body is ordered to stop being or doing: a state's order of it is an administrative sanction (172)
CLOSURE_VERBS = frozenset({"disband", "dissolve", "close", "shut", "suspend", "cease", "halt", "stop"})


def ordered_closure(low: list[str], j: int) -> bool:
    """"ordered the party to disband", "ordered two newspapers to close": the order's "to V" closes
    or dissolves its object. The object may be long, a possessor and a place phrase in it ("the
    banned group's remaining offices in Cairo"): the clause's end bounds it, up to 14 words."""
    k = first_in_clause(low, j, min(len(low) - 1, j + 14), ("to",), {",", ";", ".", "that", "and", "but"})
    if k is None:
        return False
    return low[k + 1] in CLOSURE_VERBS or (low[k + 1] == "temporarily" and k + 2 < len(low)
                                           and low[k + 2] in CLOSURE_VERBS)


def event_date(published: date | None, sentence: str) -> date | None:
    if published is None:
        return None
    low = sentence.lower()
    for name, wd in WEEKDAYS.items():
        if f"on {name}" in low or f" {name} " in low or low.endswith(name + "."):
            delta = (published.weekday() - wd) % 7
            return published - timedelta(days=delta)
    if "yesterday" in low:
        return published - timedelta(days=1)
    return published


# words that may stand between "and" and a coordinated verb ("and also killed", "and would pull back")
_COORD_AUX = frozenset({"has", "have", "had", "was", "were", "is", "are", "will", "would", "also", "then", "later",
                        "again", "subsequently", "briefly", "reportedly", "allegedly", "said", "it", "they"})
# words that end a coordinated verb phrase: a new clause with a subject of its own begins
_CHAIN_BREAK = frozenset({";", ":", "that", "which", "who", "whom", "whose", "where", "when", "while", "because",
                          "although", "if", "unless", "after", "before", "since", "until", "(", "said", "says",
                          "according"})


def _joined(low: list[str], first: VerbHit, second: VerbHit) -> bool:
    """``second`` is coordinated with ``first`` and shares its subject: "shelled the town and killed
    three civilians", "condemned the attack and called on ...", "opened fire, killing one person
    and arresting 12"."""
    gap = low[first.j : second.i]
    if any(w in _CHAIN_BREAK for w in gap) or len(gap) > 25:
        return False
    k = second.i - 1
    while k >= first.j and low[k] in _COORD_AUX:
        if low[k] in ("it", "they", "said"):
            return False  # "and said it had ...": a new subject or a report of its own
        k -= 1
    if k < first.j:
        return False
    if low[k] in ("and", "but"):
        # "the withdrawal, collection and monitoring of weapons": an -ing word joined to a finite
        # verb is a noun, unless an auxiliary carries it ("and was monitoring")
        return not (low[second.i].endswith("ing") and not low[first.i].endswith("ing") and k == second.i - 1)
    # ", killing one person": a participle clause of force after the main clause
    return (low[k] == "," and second.i == k + 1 and low[second.i].endswith("ing")
            and second.code[:2] in FORCE_ROOTS and low[second.i] not in NOT_VERB_ING)


FORCE_ROOTS = frozenset({"17", "18", "19", "20"})
# -ing words that introduce a phrase rather than an action
NOT_VERB_ING = frozenset({"including", "according", "following", "regarding", "concerning", "excluding", "pending",
                          "considering", "saying", "citing", "adding", "bringing", "leaving", "using"})


def predicate_chain(hits: list[VerbHit], main: VerbHit, low: list[str]) -> list[VerbHit]:
    """The main predicate and the verbs coordinated with it, in text order: one event each.
    The head of the chain may lie before ``main`` ("An explosion killed two youths and wounded
    five": ``main`` is "wounded" when "killed" had no actor before it)."""
    content = [h for h in hits if not h.infinitive and h.code not in SAY_CODES]
    if main not in content:
        return [main]
    # a verb after an infinitive complement coordinates with it ("urged Israel to halt its strikes
    # and respect the agreement"), not with the main verb
    infinitives = [h.i for h in hits if h.infinitive]
    content = [h for h in content if h is main or not any(main.i < k < h.i or h.i < k < main.i for k in infinitives)]
    k = content.index(main)
    start = k
    while start > 0 and _joined(low, content[start - 1], content[start]) and not _in_subordinate_clause(
            low, content[start - 1].i) and (not _participle(content[start - 1], low)
                                             or _participle(content[start], low)):
        start -= 1
    chain = content[start : k + 1]
    for h in content[k + 1 :]:
        # the next verb joined to the last predicate; verbs in between belong to its object
        # ("opened fire on the crowd, killing one")
        if _joined(low, chain[-1], h) and not _in_subordinate_clause(low, h.i):
            if h.code[:2] == "01":
                break  # a comment joined to an act ("and declared three days of mourning") is no event of its own
            chain.append(h)
    return chain


# verbs of sending or moving whose purpose clause says what the event is: "sent inspectors to
# Bosnia to investigate", "dispatched a delegation to Basra to meet tribal leaders"
MEANS_VERBS = frozenset({"send", "dispatch", "fly", "travel", "mobilize", "mobilise"})


def purpose_clause(hits: list[VerbHit], main: VerbHit, low: list[str], hi: int) -> VerbHit | None:
    """The verb of a purpose clause ("to investigate") after a verb of sending or moving."""
    if main.lemma not in MEANS_VERBS:
        return None
    for h in hits:
        if h.i <= main.j or h.i > main.j + 14:
            continue
        if not h.infinitive or h.code in SAY_CODES:
            continue
        if any(w in _CHAIN_BREAK or w == "," for w in low[main.j : h.i]):
            return None
        if h.lemma in TRANSPARENT_VERBS:
            # "to help support": the verb after "help", "try", "begin" says what the purpose is
            nxt = next((x for x in hits if x.i >= h.j), None)
            if nxt is not None and nxt.i <= h.j + 1 and nxt.code not in SAY_CODES:
                return nxt
        return h
    return None

"""Event coding per sentence: who did what to whom, with a CAMEO code.

The main verb is the first verb of the sentence found in the verb lexicon (own core list, then
PETRARCH-2 patterns) that is not a reporting verb ("said", "told"); a reporting verb is used only
when nothing else is found and it has a target. Patterns after/before the verb refine the code.
Negation ("did not", "never") and modality ("would", "plans to", "could") before the verb drop
material-conflict events and turn cooperation into rejection (12). Passive voice swaps source
and target ("X was attacked by Y"); coordinated actors ("Jordan and Britain agreed") give one
event per actor, and reciprocal events when there is no target.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from .dictionaries import Dictionaries, VerbEntry

NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without", "cannot"})
MODALS = frozenset({"would", "could", "might", "may", "should", "if", "unless", "plan", "plans", "planned",
                    "planning", "intend", "intends", "threatens", "threatened", "threatening", "want", "wants",
                    "seek", "seeks", "sought", "ready", "prepared", "possible", "likely", "avoid", "prevent"})
PASSIVE_AUX = frozenset({"was", "were", "been", "being", "is", "are", "be", "got", "get"})
SAY_CODES = frozenset({"010"})
RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06"})
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "our",
                         "any", "new", "of", "to"})
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}


@dataclass(slots=True)
class VerbHit:
    i: int
    j: int
    code: str
    negated: bool
    modal: bool
    passive: bool


def _pattern_code(entry: VerbEntry, low: list[str], i: int, j: int, stop: int) -> str:
    best_len, code = -1, entry.code
    after = low[j : min(stop, j + 8)]
    before = low[max(0, i - 5) : i]
    for pre, post, pcode in entry.patterns:
        if not post and not pre:
            continue
        if post and not _in_order(post, after):
            continue
        if pre and not _in_order(pre, before):
            continue
        n = len(pre) + len(post)
        if n > best_len:
            best_len, code = n, pcode
    return code


def _in_order(seq, words) -> bool:
    k = 0
    for w in words:
        if w in seq[k]:
            k += 1
            if k == len(seq):
                return True
    return False


def find_verbs(d: Dictionaries, toks, low, lo: int, hi: int, actor_toks: set[int]) -> list[VerbHit]:
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
        if prev in DETERMINERS or (toks[i][0][0].isupper() and i > lo):
            i += n
            continue
        code = _pattern_code(entry, low, i, i + n, hi)
        if code == "---" or not code:
            i += n
            continue
        window = low[max(lo, i - 4) : i]
        negated = any(w in NEGATORS for w in window)
        modal = any(w in MODALS for w in window)
        passive = prev in PASSIVE_AUX or (len(window) >= 2 and window[-2] in PASSIVE_AUX and window[-1].endswith("ly"))
        passive = passive and (low[i].endswith("ed") or low[i].endswith("en") or low[i] in {"hit", "shot", "struck", "held", "fought", "beaten"})
        out.append(VerbHit(i, i + n, code, negated, modal, passive))
        i += n
    return out


def choose_verb(hits: list[VerbHit], first_actor_tok: int | None) -> VerbHit | None:
    content = [h for h in hits if h.code not in SAY_CODES]
    if content:
        after = [h for h in content if first_actor_tok is None or h.i > first_actor_tok]
        return (after or content)[0]
    return hits[0] if hits else None


def adjust_code(d: Dictionaries, hit: VerbHit) -> tuple[str | None, bool]:
    """The code after negation/modality, and whether the event is negated (None: no event)."""
    code = hit.code
    root = d.event_codes[code].root_code if code in d.event_codes else code[:2]
    if hit.negated:
        if root in ("03", "04", "05", "06", "07", "08"):
            return "120", True
        if root in ("01", "02"):
            return code, True
        return None, True
    if hit.modal and int(root) >= 14:
        return None, False
    return code, False


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


def weekday_mentioned(sentence: str) -> bool:
    low = sentence.lower()
    return any(n in low for n in WEEKDAYS)

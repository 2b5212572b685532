"""Score an :class:`~wirehouse.enrich.Enricher` against the demo corpus answer keys.

    python -m wirehouse.demo.scoring            # prints the figures

Per article, everything is compared as *sets*, so a mention listed once or at each repeat counts
the same (the corpus writers differ on that):

- actors: the set of actor codes found in the body vs the key's codes;
- places: the set of (surface text, country) pairs found in the body vs the key's pairs;
- events: each key sentence is one unit, as in the shared event scorer: the set of root codes of
  the events coded in that sentence vs the key's roots, and the set of (source country, target
  country, root) triples, where the country is the first three letters of an actor code and
  agent-only codes (``GOV``, ``MIL`` ...) have none. Events in sentences the key does not list
  are not scored (the keys list the main events, not every one).

Counts are summed over articles (micro-average). Syndicated copies are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from wirehouse.demo.corpus import DemoArticle, load_articles

AGENT_ONLY = frozenset(
    "AGR BUS COP CRM CVL DEV EDU ELI ENV GOV HLH HRI INS JUD LAB LEG MED MIL MOD OPP PTY RAD REB REF SEP SPY UAF"
    .split()
)


def country_of(code: str | None) -> str | None:
    """The country part of an actor code, as the shared event scorer reads it."""
    if not code:
        return None
    c = code.strip().upper()
    if len(c) < 3 or not c[:3].isalpha() or c[:3] in AGENT_ONLY:
        return None
    return c[:3]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, pred: set, gold: set) -> None:
        hit = len(pred & gold)
        self.tp += hit
        self.fp += len(pred) - hit
        self.fn += len(gold) - hit

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DemoScores:
    articles: int = 0
    actors: Counts = field(default_factory=Counts)
    places: Counts = field(default_factory=Counts)
    roots: Counts = field(default_factory=Counts)
    triples: Counts = field(default_factory=Counts)

    def as_dict(self) -> dict[str, float]:
        return {
            "articles": self.articles,
            "actor_P": self.actors.precision, "actor_R": self.actors.recall, "actor_F1": self.actors.f1,
            "place_P": self.places.precision, "place_R": self.places.recall, "place_F1": self.places.f1,
            "root_P": self.roots.precision, "root_R": self.roots.recall, "root_F1": self.roots.f1,
            "triple_P": self.triples.precision, "triple_R": self.triples.recall, "triple_F1": self.triples.f1,
        }


def score_article(enricher, article: DemoArticle, scores: DemoScores) -> None:
    """Add one article's counts to ``scores``."""
    body = article.body
    published = article.published.date() if article.published else None
    res = enricher.enrich(body, published=published, dateline=article.dateline, language=article.language)
    scores.articles += 1
    scores.actors.add({a.code for a in res.actors if a.code}, {a.code for a in article.actors})
    scores.places.add({(p.text, p.country_code) for p in res.places}, {(p.text, p.country) for p in article.places})
    gold_by_sentence: dict[str, list] = {}
    for ev in article.events:
        gold_by_sentence.setdefault(ev.sentence, []).append(ev)
    for sentence, gold in gold_by_sentence.items():
        start = body.find(sentence)
        end = start + len(sentence)
        pred = [e for e in res.events if start >= 0 and e.sentence_start < end and e.sentence_end > start]
        scores.roots.add({e.root_code for e in pred}, {g.root_code for g in gold})
        scores.triples.add(
            {(country_of(e.source_actor), country_of(e.target_actor), e.root_code) for e in pred},
            {(country_of(g.source), country_of(g.target), g.root_code) for g in gold},
        )


def score_corpus(enricher, articles: Iterable[DemoArticle] | None = None) -> DemoScores:
    """Scores of ``enricher`` on the demo corpus originals (or on the given articles)."""
    scores = DemoScores()
    for article in articles if articles is not None else load_articles():
        if article.is_copy:
            continue
        score_article(enricher, article, scores)
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    from wirehouse.enrich import Enricher

    s = score_corpus(Enricher.load())
    figures = s.as_dict()
    print(f"demo corpus: {s.articles} articles")
    for part in ("actor", "place", "root", "triple"):
        print(f"{part:7s} P={figures[part + '_P']:.3f} R={figures[part + '_R']:.3f} F1={figures[part + '_F1']:.3f}")
    print("demo " + " ".join(f"{k}={figures[k]:.3f}" for k in ("actor_F1", "place_F1", "root_F1", "triple_F1")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

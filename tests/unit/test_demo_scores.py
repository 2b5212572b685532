"""Score floors of the enricher on the demo corpus answer keys (eval-gate style).

Floors sit a little under the figures measured when they were set (bench/RESULTS.md,
"Enrichment"); raise them when the scores improve, lower them only on purpose.
"""

import pytest

from wirehouse.demo.corpus import load_articles
from wirehouse.demo.scoring import Counts, country_of, score_corpus

# root_F1 was lowered on purpose (0.71 -> 0.66) when events without a target stopped being coded
# for statements, appeals, consultations and the like (bench/RESULTS.md, "Event triples"), and
# raised again (0.73, triple 0.54) with one event per predicate, targets and groups (bench/RESULTS.md,
# "Event triples: several events per sentence, targets, groups": root 0.749, triple 0.552); triple
# raised to the issue's 0.55 with the target and predicate classes of "Event evidence in the
# warehouse, triples" (triple 0.553).
FLOORS = {"actor_F1": 0.69, "place_F1": 0.62, "root_F1": 0.73, "triple_F1": 0.55}


@pytest.fixture(scope="module")
def demo_scores(enricher):
    return score_corpus(enricher).as_dict()


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_demo_floor(demo_scores, metric):
    assert demo_scores[metric] >= FLOORS[metric], (metric, demo_scores)


def test_scores_every_original_article(demo_scores):
    originals = [a for a in load_articles() if not a.is_copy]
    assert demo_scores["articles"] == len(originals) > 0


def test_counts_are_set_based():
    c = Counts()
    c.add({"IRQMIL", "IRQMIL", "USA"}, {"IRQMIL", "SYR"})
    assert (c.tp, c.fp, c.fn) == (1, 1, 1)
    assert c.f1 == pytest.approx(0.5)


def test_country_of_follows_the_event_scorer():
    assert country_of("IRQMIL") == "IRQ"
    assert country_of("GOV") is None and country_of(None) is None and country_of("---GOV") is None

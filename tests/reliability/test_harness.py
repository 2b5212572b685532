"""The soak's comparison sees every kind of difference (so a soak that passes has checked something)."""

from __future__ import annotations

import copy
from collections import Counter

from tests.reliability.harness import Contents, differences, partial_problems


def contents() -> Contents:
    return Contents(
        articles={"https://a.example/1": ("h1", None, "One"), "https://a.example/2": ("h2", "https://a.example/1", "Two")},
        events={"e1": ("190", "2026-03-01", "IRQMIL", "IRQREB")},
        event_mentions=Counter({("https://a.example/1", 0, 40, "e1"): 1}),
        actor_mentions=Counter({("https://a.example/1", 0, 5, "IRQMIL"): 1, ("https://a.example/2", 3, 9, "IRQ"): 1}),
        place_mentions=Counter({("https://a.example/1", 10, 16, "geonames:98182"): 1}),
        quarantine=Counter({("crawl", "https://a.example/404", "http_404"): 1}),
        frontier={"https://a.example/1": "fetched", "https://a.example/2": "fetched", "https://a.example/404": "failed"},
    )


def test_equal_contents_have_no_difference():
    assert differences(contents(), contents()) == {}
    assert partial_problems(contents(), contents()) == []


def test_each_lost_or_extra_row_is_counted():
    base = contents()
    got = copy.deepcopy(base)
    del got.articles["https://a.example/2"]
    got.events["e1"] = ("191", "2026-03-01", "IRQMIL", "IRQREB")  # held differently counts as lost
    got.event_mentions[("https://a.example/1", 0, 40, "e1")] += 1  # a doubled row
    got.actor_mentions.pop(("https://a.example/2", 3, 9, "IRQ"))
    got.place_mentions[("https://a.example/1", 20, 26, "geonames:1")] = 1
    got.quarantine[("crawl", "https://a.example/404", "http_404")] += 1
    got.frontier["https://a.example/2"] = "pending"
    assert differences(base, got) == {
        "articles": {"lost": 1, "extra": 0}, "events": {"lost": 1, "extra": 0},
        "event_mentions": {"lost": 0, "extra": 1}, "actor_mentions": {"lost": 1, "extra": 0},
        "place_mentions": {"lost": 0, "extra": 1}, "quarantine": {"lost": 0, "extra": 1},
        "frontier": {"lost": 1, "extra": 0},
    }
    assert "frontier" not in differences(base, got, frontier=False)


def test_after_a_kill_a_missing_article_is_fine_but_a_half_stored_one_is_not():
    base = contents()
    partial = copy.deepcopy(base)
    del partial.articles["https://a.example/2"]
    partial.actor_mentions.pop(("https://a.example/2", 3, 9, "IRQ"))
    assert partial_problems(base, partial) == []  # its batch was rolled back whole
    half = copy.deepcopy(base)
    half.actor_mentions.pop(("https://a.example/2", 3, 9, "IRQ"))
    assert partial_problems(base, half) == ["actor_mentions of the stored articles differ: 1 missing, 0 extra"]
    doubled = copy.deepcopy(base)
    doubled.duplicate_keys = {"dim_article": 1}
    doubled.articles["https://b.example/x"] = ("h", None, "X")
    assert partial_problems(base, doubled) == [
        "dim_article: 1 rows share a natural key",
        "1 articles the uninterrupted run does not hold, e.g. https://b.example/x",
    ]

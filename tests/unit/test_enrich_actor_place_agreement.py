"""Actors coded from a country's or capital's name agree with the place the article resolves it to,
counted on the LGL dev half and GeoWebNews by bench/actor_place_agreement.py (before this rule:
96 of 437 such actors on LGL, 6 of 918 on GWN, disagreed)."""

import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GEO = REPO.parent / "shared" / "eval" / "geo"
SCRIPT = REPO / "bench" / "actor_place_agreement.py"

pytestmark = pytest.mark.skipif(not GEO.exists(), reason="../shared/eval/geo is absent (the sets live there)")


def _bench():
    spec = importlib.util.spec_from_file_location("actor_place_agreement", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("data", ["lgl_dev", "gwn"])
def test_no_actor_country_against_its_resolved_place(enricher, data):
    rows = [json.loads(line) for line in (GEO / f"{data}.jsonl").open(encoding="utf-8")]
    tally, names = _bench().count(enricher, rows)
    assert tally["actors from a place name"] > 300  # the count has something to count
    assert tally["other country, bare"] + tally["other country, with role"] == 0, names.most_common(10)

"""Which stories, sentences and events are coded at all, and who the actors are (people, role
phrases, names after a first mention, organisations named after places)."""

import json
from datetime import date
from pathlib import Path

import pytest

from wirehouse.enrich import relevance

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _events(enricher, text, **kw):
    return [(e.source_actor, e.target_actor, e.root_code) for e in enricher.enrich(text, **kw).events]


def test_section_of_the_url_names_the_topic():
    assert relevance.section_topic("https://www.example.com/sport/football/report-1") == "sports"
    assert relevance.section_topic("https://money.example.com/markets/stocks-fall") == "business"
    assert relevance.section_topic("https://www.example.com/commentisfree/2024/x") == "opinion"
    assert relevance.section_topic("https://www.example.com/world/middle-east/strikes") is None
    assert relevance.section_topic(None) is None


def test_sports_story_codes_nothing(enricher):
    text = ("Russia beat Croatia 2-1 on Saturday to reach the World Cup semifinal. The striker scored "
            "twice and the coach praised his players after the match.")
    assert _events(enricher, text) == []
    # the same verb between the same states in a political story is an event
    assert _events(enricher, "Russian troops attacked Ukrainian positions near Kharkiv on Saturday.")


def test_sports_section_codes_nothing(enricher):
    text = "Germany defeated France in Paris on Tuesday."
    assert _events(enricher, text)  # read as news, a clash of two states
    assert _events(enricher, text, url="https://news.example.com/sports/germany-france") == []


def test_market_report_and_crime_code_nothing(enricher):
    assert _events(enricher, "The Dow fell 200 points as investors sold shares of banks.") == []
    assert _events(enricher, "A man shot his neighbour in Ohio on Sunday, police said.") == []


def test_quotation_and_earlier_year(enricher):
    assert _events(enricher, '"Israel will destroy Hamas," the minister told supporters.') == []
    assert _events(enricher, "In 1990, Iraq invaded Kuwait.", published=date(2012, 5, 1)) == []
    assert _events(enricher, "Iraq invaded Kuwait.", published=date(2012, 5, 1))


def test_actors_must_make_a_political_event(enricher):
    # a company and its customers: no state actor on either side
    assert _events(enricher, "Apple sued Samsung customers in California.") == []
    # a state actor on one side
    assert _events(enricher, "Egyptian police detained two journalists in Cairo.") == [("EGYCOP", "EGYMED", "17")]


def test_places_inside_names_are_not_countries(enricher):
    codes = {a.code for a in enricher.enrich("The Washington Post and the Jordan Times reported the visit. "
                                             "The teacher Robert Jordan, who lives in New Jersey, agreed.").actors}
    assert not codes & {"USA", "JOR", "JEY"}


def test_people_are_coded_for_the_office_they_held_on_the_date(enricher):
    text = "Putin met Erdogan in Sochi."
    later = enricher.enrich(text, published=date(2015, 6, 1)).actors
    earlier = enricher.enrich(text, published=date(1995, 6, 1)).actors
    assert [a.code for a in later][:1] == ["RUSGOV"]
    assert [a.code for a in earlier][:1] == ["RUSELI"]


def test_role_phrase_teaches_a_name(enricher):
    text = ("Iran's foreign minister Mohammad Javad Zarif met Iraqi officials in Baghdad on Monday. "
            "Later, Zarif criticized Israel.")
    res = enricher.enrich(text)
    zarif = [a for a in res.actors if a.text == "Zarif"]
    assert zarif and zarif[0].code == "IRNGOV"
    second = [e for e in res.events if e.sentence_start == text.index("Later")]
    assert [(e.source_actor, e.target_actor, e.root_code) for e in second] == [("IRNGOV", "ISR", "11")]


def test_apposition_name_and_pronoun_subject(enricher):
    text = ("Ahmed Saleh, the Yemeni defence minister, accused Saudi Arabia of bombing Sanaa. "
            "He also met the UN envoy for Yemen.")
    ev = _events(enricher, text)
    assert ("YEMGOV", "SAU", "11") in ev
    assert ("YEMGOV", "IGOUNO", "04") in ev


def test_war_of_words_is_criticism(enricher):
    assert _events(enricher, "The senator attacked the government over the budget.") == [("LEG", "GOV", "11")]
    # criticism needs a target: without one it is not coded
    assert _events(enricher, "The senator attacked fiercely over the budget.") == []


def test_judged_sample_is_complete_and_scores_from_its_rows():
    path = BENCH / "judged_events.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 100 and all(r["political"] is not None for r in rows)
    assert all(r["sentence"] and r["sentence_end"] > r["sentence_start"] for r in rows)
    import importlib.util

    spec = importlib.util.spec_from_file_location("judged_events", BENCH / "judged_events.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    got = mod.score(path)
    assert got["judged"] == len(rows)
    assert got["political_root_ok"] == sum(1 for r in rows if r["political"] and r["root_ok"])
    assert got["share_political"] == pytest.approx(round(sum(r["political"] for r in rows) / len(rows), 3))

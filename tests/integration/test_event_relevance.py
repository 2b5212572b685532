"""Flagged events (not political: a sports story, a quotation ...) are stored with their reason and
left out of v_event, the named queries and the GDELT export; v_event_all and the flagged_events
query show them. An event is political when any of its reports is."""

from __future__ import annotations

import dataclasses

from wirehouse.records import EnrichedArticle, Enrichment
from wirehouse.report.export import export_warehouse
from wirehouse.warehouse.load import build_batch, load_batch
from wirehouse.warehouse.queries import run_query

from tests.integration.test_warehouse import make_article, make_enrichment


def flagged(enrichment: Enrichment, reason: str) -> Enrichment:
    """The same enrichment with its events flagged (moved from ``events`` to ``flagged``)."""
    return dataclasses.replace(enrichment, events=(),
                               flagged=tuple(dataclasses.replace(e, flag=reason) for e in enrichment.events))


def test_flagged_event_is_stored_with_its_reason_and_left_out_of_the_analytics(con, tmp_path):
    sports = dataclasses.replace(make_article("http://sport.example/match"), domain="sport.example")
    other = make_enrichment()
    other = dataclasses.replace(other, events=tuple(dataclasses.replace(e, code="173", root_code="17", quad_class=4)
                                                    for e in other.events))
    load_batch(con, build_batch([EnrichedArticle(make_article(), other), EnrichedArticle(sports, flagged(make_enrichment(), "sports"))]),
               "run-1")

    stored = con.execute("select political, flag_reason from fact_event order by political").fetchall()
    assert stored == [(False, "sports"), (True, None)]
    assert con.execute("select political, flag_reason from fact_event_mention order by political").fetchall() == stored
    # analysts see the political event only; v_event_all shows both, with the reason
    assert [r[0] for r in con.execute("select cameo_code from v_event").fetchall()] == ["173"]
    assert sorted(con.execute("select cameo_code, political, flag_reason from v_event_all").fetchall()) == [
        ("173", True, None), ("190", False, "sports")]
    rows = run_query(con, "who_did_what", country="IRQ").to_pylist()
    assert [(r["source_actor"], r["target_actor"]) for r in rows] == [("IRQMIL", "IMGMUSISI")]
    assert sum(r["events"] for r in run_query(con, "events_by_country_quadclass").to_pylist()) == 1
    reasons = {r["reason"]: r["events"] for r in run_query(con, "flagged_events").to_pylist()}
    assert reasons == {"sports": 1, "(shown: political)": 1}
    result = export_warehouse(con, tmp_path / "gdelt", "gdelt")
    assert result.rows["gdelt_events"] == 1 and result.rows["gdelt_mentions"] == 1
    line = (tmp_path / "gdelt" / "wirehouse.export.CSV").read_text(encoding="utf-8").splitlines()[0]
    assert "\t173\t" in line and "\t190\t" not in line


def test_event_is_political_when_any_report_is(con):
    quoted = dataclasses.replace(make_article("http://quote.example/q"), domain="quote.example")
    # the same event (same date, actors, code, place) from a flagged report and a political one
    load_batch(con, build_batch([EnrichedArticle(quoted, flagged(make_enrichment(), "quotation"))]), "run-1")
    assert con.execute("select political, flag_reason from fact_event").fetchall() == [(False, "quotation")]
    assert con.execute("select count(*) from v_event").fetchall()[0][0] == 0

    load_batch(con, build_batch([EnrichedArticle(make_article(), make_enrichment())]), "run-2")
    assert con.execute("select political, flag_reason, num_mentions from fact_event").fetchall() == [(True, None, 2)]
    assert con.execute("select count(*) from v_event").fetchall()[0][0] == 1

    # the political report goes away again (its article no longer reports the event): flagged again
    load_batch(con, build_batch([EnrichedArticle(make_article(), Enrichment())]), "run-3")
    assert con.execute("select political, flag_reason, num_mentions from fact_event").fetchall() == [
        (False, "quotation", 1)]


def test_the_evidence_shown_is_a_political_report(con):
    a = dataclasses.replace(make_article("http://a.example/1"), domain="a.example")
    b = dataclasses.replace(make_article("http://b.example/2"), domain="b.example")
    first, second = sorted((a, b), key=lambda art: art.article_id)
    # one batch: the flagged report comes first by article id and offset, the political one is shown
    batch = build_batch([EnrichedArticle(first, flagged(make_enrichment(), "quotation")),
                         EnrichedArticle(second, make_enrichment())])
    load_batch(con, batch, "run-1")
    shown = con.execute("select article_url, political, num_mentions from v_event_all").fetchall()
    assert shown == [(second.canonical_url, True, 2)]


def test_a_flag_must_agree_with_political():
    from wirehouse.quality.validate import Validator, validate_batch

    article = make_article()
    enrichment = make_enrichment()
    good = build_batch([EnrichedArticle(article, flagged(enrichment, "sports"))])
    cleaned, _ = validate_batch(Validator(), good, "run-flags-1")
    assert cleaned.events.num_rows == 1 and not cleaned.rejected
    # a reason that is no known flag is quarantined
    bad = build_batch([EnrichedArticle(article, flagged(enrichment, "no such reason"))])
    cleaned, _ = validate_batch(Validator(), bad, "run-flags-2")
    assert cleaned.events.num_rows == 0 and any("flag_ok" in r.message for r in cleaned.rejected)


def test_a_shown_events_counts_include_its_flagged_reports_as_its_exported_mentions_do(con, tmp_path):
    """NumMentions counts every report of a shown event, a flagged one too (GDELT: every mention of
    the event, whatever its confidence), so it is the number of the event's rows in the mentions
    file; an event no report of which is political is left out of both."""
    from wirehouse.report.export import GDELT_EVENT_COLUMNS, GDELT_EVENTS_FILE, GDELT_MENTIONS_FILE

    quoted = dataclasses.replace(make_article("http://quote.example/q"), domain="quote.example")
    sports = dataclasses.replace(make_article("http://sport.example/match"), domain="sport.example")
    other = make_enrichment()
    other = dataclasses.replace(other, events=tuple(dataclasses.replace(e, code="173", root_code="17", quad_class=4)
                                                    for e in other.events))
    load_batch(con, build_batch([EnrichedArticle(quoted, flagged(make_enrichment(), "quotation")),
                                 EnrichedArticle(make_article(), make_enrichment()),
                                 EnrichedArticle(sports, flagged(other, "sports"))]), "run-1")
    counts = con.execute("select political, num_mentions, num_articles, num_sources from fact_event").fetchall()
    assert sorted(counts) == [(False, 1, 1, 1), (True, 2, 2, 2)]

    export_warehouse(con, tmp_path / "gdelt", "gdelt")
    events, mentions = ([line.split("\t") for line in (tmp_path / "gdelt" / name).read_text(encoding="utf-8").splitlines()]
                        for name in (GDELT_EVENTS_FILE, GDELT_MENTIONS_FILE))
    assert len(events) == 1
    event = dict(zip(GDELT_EVENT_COLUMNS, events[0]))
    assert int(event["NumMentions"]) == 2 == sum(1 for m in mentions if m[0] == event["GLOBALEVENTID"]) == len(mentions)
    assert sorted(m[4] for m in mentions) == ["news.example", "quote.example"]

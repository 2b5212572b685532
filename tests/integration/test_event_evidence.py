"""Every event keeps its evidence in the warehouse: the offsets of the predicate and of the mention
each actor was read from (an actor resolved from context keeps the earlier mention), in
dim_article.text. v_event spells out the words; the suite quarantines a row whose offsets do not
fit, not the batch."""

from __future__ import annotations

import dataclasses
from datetime import date

import pyarrow as pa
import pytest

from wirehouse.records import EnrichedArticle
from wirehouse.report.export import GDELT_MENTIONS_FILE, export_warehouse
from wirehouse.warehouse.load import build_batch, load_batch
from wirehouse.warehouse.queries import run_query

from tests.integration.test_warehouse import make_article

TEXT = ("Iraqi troops attacked Islamic State positions near Mosul on Tuesday. "
        "President Putin met Chancellor Merkel in Berlin. He also criticised the Ukrainian government.")


@pytest.fixture(scope="module")
def enricher():
    from wirehouse.enrich import Enricher

    return Enricher.load()


@pytest.fixture(scope="module")
def validator():
    from wirehouse.quality.validate import Validator

    return Validator()


def loaded(con, enricher, validator, text=TEXT):
    from wirehouse.quality.validate import validate_batch

    article = make_article("http://news.example/evidence", text=text)
    found = enricher.enrich(text, published=date(2017, 10, 20))
    batch, report = validate_batch(validator, build_batch([EnrichedArticle(article, found)]), "run-evidence")
    assert report.passed and not batch.rejected
    load_batch(con, batch, "run-evidence")
    return found


def test_stored_offsets_slice_out_the_verb_and_the_actors(con, enricher, validator):
    loaded(con, enricher, validator)
    rows = con.execute(
        "select e.source_actor, e.target_actor, e.root_code, e.sentence_start, e.sentence_end,"
        " e.verb_start, e.verb_end, e.source_start, e.source_end, e.target_start, e.target_end,"
        " e.verb_text, e.source_text, e.target_text"
        " from v_event_all as e").fetchall()
    by_root = {r[2]: r for r in rows}
    assert {"19", "11"} <= set(by_root)
    for row in rows:  # the view's words are the text at the stored offsets
        verb, source, target = row[5:7], row[7:9], row[9:11]
        assert row[3] <= verb[0] < verb[1] <= row[4]  # the verb inside its sentence
        assert row[11] == TEXT[verb[0]:verb[1]]
        assert row[12] == (TEXT[source[0]:source[1]] if source[0] is not None else None)
        assert row[13] == (TEXT[target[0]:target[1]] if target[0] is not None else None)

    attack = by_root["19"]
    assert attack[:2] == ("IRQMIL", "IMGMUSISI")
    assert attack[11:] == ("attacked", "Iraqi troops", "Islamic State")

    # "He" stands for President Putin: the stored source mention is in the sentence before
    criticism = by_root["11"]
    assert criticism[0] == "RUSGOV" and criticism[11] == "criticised"
    assert criticism[12] == "President Putin" and criticism[8] <= criticism[3]
    assert criticism[13] == "Ukrainian government"

    # each report keeps the same evidence
    assert con.execute(
        "select count(*) from fact_event_mention as m join fact_event as f using (event_key)"
        " where (m.verb_start, m.verb_end, m.source_start, m.target_start)"
        " is not distinct from (f.verb_start, f.verb_end, f.source_start, f.target_start)").fetchall()[0][0] == len(rows)


def test_named_query_and_gdelt_mentions_show_the_evidence(con, enricher, validator, tmp_path):
    loaded(con, enricher, validator)
    rows = {r["verb_text"]: r for r in run_query(con, "event_evidence", country="IRQ").to_pylist()}
    assert rows["attacked"]["source_text"] == "Iraqi troops" and rows["attacked"]["target_text"] == "Islamic State"
    assert rows["attacked"]["actor_outside_sentence"] is False
    political = con.execute("select count(*) from v_event").fetchall()[0][0]
    assert len(run_query(con, "event_evidence", limit=100)) == political

    export_warehouse(con, tmp_path / "gdelt", "gdelt")
    lines = (tmp_path / "gdelt" / GDELT_MENTIONS_FILE).read_text(encoding="utf-8").splitlines()
    offsets = {tuple(line.split("\t")[7:10]) for line in lines}
    stored = {tuple(str(v) for v in r) for r in con.execute(
        "select m.source_start, m.target_start, m.verb_start from fact_event_mention as m"
        " join fact_event as f using (event_key) where f.political").fetchall()}
    assert offsets == stored and lines


@pytest.mark.parametrize("column, change", [
    ("verb_span_ok", {"verb_end": 10 ** 6}),  # the verb runs out of its sentence
    ("verb_span_ok", {"verb_start": None}),  # half a span
    ("source_span_ok", {"source_start": 30, "source_end": 20}),  # start after end
    ("target_span_ok", {"target_end": 10 ** 6}),  # past the end of the text
    ("target_span_ok", {"target_actor": None}),  # a target mention with no target
])
def test_bad_offsets_quarantine_the_row_not_the_batch(enricher, validator, column, change):
    from wirehouse.quality.validate import validate_batch

    article = make_article("http://news.example/evidence", text=TEXT)
    batch = build_batch([EnrichedArticle(article, enricher.enrich(TEXT, published=date(2017, 10, 20)))])
    rows = batch.events.to_pylist()
    assert len(rows) >= 2 and all(r["target_actor"] for r in rows)
    rows[0].update(change)
    bad = dataclasses.replace(batch, events=pa.Table.from_pylist(rows, schema=batch.events.schema))
    cleaned, report = validate_batch(validator, bad, "run-bad-offsets")
    assert report.passed
    assert cleaned.events.to_pylist() == rows[1:]
    (rejected,) = cleaned.rejected
    assert column in rejected.message and rejected.payload["event_id"] == rows[0]["event_id"]

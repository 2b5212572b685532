"""The shipped suites and the helpers that make crawled values safe to show."""

from __future__ import annotations

from hypothesis import given, strategies as st

from wirehouse.quality.docs import safe_value
from wirehouse.quality.quarantine import display
from wirehouse.quality.suites import SEVERITIES, load_suites
from wirehouse.quality.validate import _known, _language_codes


def test_every_expectation_has_a_severity_and_a_note():
    suites = load_suites()
    assert set(suites) == {"pages", "articles", "actors", "places", "events"}
    for suite in suites.values():
        for exp in suite.expectations:
            assert exp["meta"]["severity"] in SEVERITIES, (suite.name, exp)
            assert exp["meta"].get("notes"), (suite.name, exp["type"])


def test_the_issue_checklist_is_covered():
    columns = {(s.name, e["type"], e["kwargs"].get("column")) for s in load_suites().values() for e in s.expectations}
    assert ("articles", "expect_column_values_to_be_in_set", "language") in columns
    assert ("articles", "expect_column_values_to_match_regex", "url") in columns
    assert ("articles", "expect_table_row_count_to_be_between", None) in columns
    assert ("events", "expect_column_values_to_be_between", "event_date_key") in columns
    for fk in ("source_actor_known", "target_actor_known", "place_known"):
        assert ("events", "expect_column_values_to_be_in_set", fk) in columns


def test_language_codes_are_iso_639_1():
    codes = set(_language_codes())
    assert {"en", "fr", "ar", "zh"} <= codes and "xx" not in codes and "eng" not in codes


def test_a_foreign_key_resolves_within_its_article():
    mentioned = {("a1", "IRQMIL")}
    assert _known(["a1", "a2", "a1"], ["IRQMIL", "IRQMIL", None], mentioned) == [True, False, True]


def test_safe_value_escapes_and_clips():
    assert safe_value("<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"
    assert len(safe_value("z" * 1000)) <= 80
    assert safe_value(["<i>", 3]) == ["&lt;i&gt;", 3]


@given(st.text(), st.integers(min_value=2, max_value=200))
def test_display_is_one_clipped_line_without_control_characters(value, width):
    shown = display(value, width)
    assert len(shown) <= width
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in shown)


def test_one_span_checker_serves_snippets_verbs_and_actors():
    import pyarrow as pa

    from wirehouse.quality.validate import _spans_ok

    texts = {"a": "Police arrested two men. Troops left."}
    rows = pa.Table.from_pylist([
        # start, end, snippet, actor, sentence
        dict(article_id="a", start=0, end=6, snippet="Police", actor="IRQCOP", sentence_start=0, sentence_end=24),
        dict(article_id="a", start=0, end=6, snippet="Troops", actor=None, sentence_start=25, sentence_end=37),
        dict(article_id="a", start=None, end=None, snippet=None, actor=None, sentence_start=0, sentence_end=24),
        dict(article_id="a", start=5, end=None, snippet=None, actor="IRQCOP", sentence_start=0, sentence_end=24),
        dict(article_id="gone", start=0, end=6, snippet="Police", actor="IRQCOP", sentence_start=0, sentence_end=24),
        dict(article_id="a", start=30, end=99, snippet="left.", actor="IRQMIL", sentence_start=25, sentence_end=37),
    ])
    assert _spans_ok(rows, texts, "start", "end", snippet="snippet") == [True, False, False, False, False, False]
    assert _spans_ok(rows, texts, "start", "end", in_sentence=True, optional=True) == [
        True, False, True, False, False, False]
    assert _spans_ok(rows, texts, "start", "end", optional=True, actor="actor") == [
        True, False, True, False, False, False]
    assert _spans_ok(rows, texts, "start", "end") == [True, True, False, False, False, False]

"""Hostile text in the report's building blocks and in the markdown of the Prefect artifacts: shown
as text, never as markup, links or script."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from wirehouse.errors import ConfigError
from wirehouse.pipeline import RunSummary
from wirehouse.quality.report import docs_link
from wirehouse.report.html import ReportFilter, ReportResult, evidence, json_block, report_markdown, safe_url
from wirehouse.report.summary import answers_markdown, markdown, md_cell

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[click me](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "</td></tr></table><b onmouseover=alert(1)>bold</b>",
    "`code` | cell | <!-- comment -->",
    "<javascript:alert(1)>",
    "[ref]: javascript:alert(1)",
]


def rendered(text: str) -> str:
    """Markdown as a lenient viewer would turn it into HTML: CommonMark with tables, raw HTML
    allowed and every link scheme accepted, so that only the escaping keeps hostile text inert."""
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.validateLink = lambda url: True
    return md.render(text)


def assert_inert(html: str) -> None:
    lowered = html.lower()
    assert "<script" not in lowered and "<img" not in lowered and "<b " not in lowered and "<!--" not in lowered
    assert 'href="javascript' not in lowered and 'src="javascript' not in lowered


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_cells_stay_text(text):
    cell = md_cell(text)
    html = rendered(f"| a |\n|---|\n| {cell} |\n")
    assert_inert(html)
    assert html.count("<td>") == 1  # no cell break smuggled in
    assert "href" not in html


def test_run_summary_artifact_is_inert():
    summary = RunSummary(run_id="run-1", status="succeeded", source=HOSTILE[1])
    table = pa.table({"sentence": HOSTILE, "actor": ["IRQ"] * len(HOSTILE)})
    html = rendered(markdown(summary, [("Who did what", table)]))
    assert_inert(html)
    assert "href" not in html and html.count("<tr>") == len(HOSTILE) + 1 + 10  # answers + header + summary rows


def test_answers_as_markdown_a_heading_and_a_table_each():
    """What the run's artifact and the daily rollup show of the named queries' answers."""
    answers = [(HOSTILE[0], pa.table({"sentence": HOSTILE})), ("Places", pa.table({"place": pa.array([], pa.string())}))]
    html = rendered("\n".join(answers_markdown(answers)))
    assert_inert(html)
    assert html.count("<h2>") == 2 and html.count("<table>") == 1 and "(no rows)" in html
    assert html.count("<tr>") == len(HOSTILE) + 1


def test_report_artifact_links_only_the_report(tmp_path):
    result = ReportResult(tmp_path / "report.html", 3, 2, 1, ReportFilter(country="IRQ"))
    html = rendered(report_markdown(result, {HOSTILE[2]: 1}))
    assert html.count("href=") == 1 and f'href="{(tmp_path / "report.html").as_uri()}"' in html
    assert_inert(html)
    assert "href" in rendered(docs_link(Path("/x/index.html")))


@pytest.mark.parametrize("url, link", [
    ("https://news.example/a?b=1", True),
    ("http://news.example/", True),
    ("javascript:alert(1)", False),
    ("JAVASCRIPT:alert(1)", False),
    (" javascript:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("vbscript:msgbox", False),
    ("//news.example/a", False),
    ("http://", False),
    ("", False),
    (None, False),
])
def test_only_web_addresses_become_links(url, link):
    assert (safe_url(url) is not None) is link


@given(st.text())
def test_json_blocks_cannot_end_their_script_element(text):
    block = json_block({"title": text, "values": [text]})
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block) == {"title": text, "values": [text]}


def test_evidence_keeps_words_whole():
    row = {"text_before": "tial cut. Before it ", "sentence": "Police  arrested\n14 men.",
           "text_after": " After that the parti", "article_url": "javascript:alert(1)"}
    shown = evidence(row)
    assert shown == {"before": "…cut. Before it", "sentence": "Police arrested 14 men.", "after": "After that the…",
                     "href": None}


def test_report_filter_parses_or_says_what_to_write():
    assert ReportFilter.parse("2026-03-01", "irq") == ReportFilter(date(2026, 3, 1), "IRQ")
    assert ReportFilter.parse(None, None).params() == {"since": None, "country": None}
    assert ReportFilter.parse("2026-03-01T10:00:00Z", None).since == date(2026, 3, 1)
    with pytest.raises(ConfigError, match="ISO date"):
        ReportFilter.parse("March", None)
    with pytest.raises(ConfigError, match="alpha-3"):
        ReportFilter.parse(None, "IQ")
    with pytest.raises(ConfigError, match="alpha-3"):
        ReportFilter.parse(None, "IRQ' or 1=1 --")

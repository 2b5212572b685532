"""What a run loaded, and a few analytics answers, as text for the terminal and markdown for the UI."""

from __future__ import annotations

import html

import duckdb
import pyarrow as pa

from wirehouse.pipeline import RunSummary
from wirehouse.warehouse.queries import run_query

# The questions `make run` answers on the demo warehouse: (title, query name, parameters).
DEMO_QUESTIONS = (
    ("Top actor pairs", "top_actor_pairs", {"limit": 5}),
    ("Places with most violent events", "violent_places", {"limit": 5}),
    ("Coverage by outlet", "coverage_by_outlet", {}),
    ("Who did what to whom: Iraq", "who_did_what", {"country": "IRQ", "limit": 5}),
)

_CLIP = 90


def clip(value, width: int = _CLIP) -> str:
    """Crawled text shortened to one line for display."""
    text = " ".join(str(value).split()) if value is not None else ""
    return text if len(text) <= width else text[: width - 1] + "…"


def summary_rows(summary: RunSummary) -> list[tuple[str, str]]:
    totals = summary.totals
    return [
        ("run", summary.run_id),
        ("status", summary.status),
        ("source", summary.source),
        ("pages fetched", str(summary.pages_fetched)
         + (f" ({summary.inputs_skipped} unchanged inputs skipped)" if summary.inputs_skipped else "")),
        ("articles loaded", f"{summary.articles_loaded} ({summary.duplicates} duplicates linked, not enriched)"
         + (f", {summary.aliases} pages kept as aliases" if summary.aliases else "")),
        ("event mentions loaded", str(summary.events)),
        ("rows quarantined", str(summary.quarantined)),
        ("time taken", f"{summary.seconds:.1f} s"),
        ("warehouse now holds",
         f"{totals.get('dim_article', 0)} articles, {totals.get('dim_actor', 0)} actors, "
         f"{totals.get('dim_place', 0)} places, {totals.get('fact_event', 0)} events "
         f"({totals.get('fact_event_mention', 0)} mentions; {totals.get('flagged_events', 0)} flagged as not political, "
         f"not shown), {totals.get('quarantine', 0)} quarantined"),
    ]


def answers(con: duckdb.DuckDBPyConnection) -> list[tuple[str, pa.Table]]:
    return [(title, run_query(con, name, **params)) for title, name, params in DEMO_QUESTIONS]


def md_cell(value, width: int = 60) -> str:
    """Crawled text as one markdown table cell: clipped, HTML-escaped, and the characters markdown
    reads as cell breaks, code spans, links or images neutralised (a title such as
    ``[x](javascript:…)`` stays text)."""
    return (html.escape(clip(value, width)).replace("|", "&#124;").replace("`", "&#96;")
            .replace("[", "&#91;").replace("]", "&#93;").replace("!", "&#33;"))



def markdown(summary: RunSummary, results: list[tuple[str, pa.Table]]) -> str:
    """The run as markdown for a Prefect artifact; crawled text is escaped and clipped."""
    lines = ["# wirehouse run", "", "| | |", "|---|---|"]
    lines += [f"| {md_cell(k)} | {md_cell(v)} |" for k, v in summary_rows(summary)]
    return "\n".join(lines + answers_markdown(results)) + "\n"


def answers_markdown(results: list[tuple[str, pa.Table]]) -> list[str]:
    """The markdown lines of named-query answers (``answers``): a heading and a table each, crawled
    text escaped and clipped."""
    lines = []
    for title, table in results:
        lines += ["", f"## {html.escape(title)}", ""]
        if table.num_rows == 0:
            lines.append("(no rows)")
            continue
        lines.append("| " + " | ".join(md_cell(c) for c in table.column_names) + " |")
        lines.append("|" + "---|" * table.num_columns)
        lines += ["| " + " | ".join(md_cell(v) for v in row.values()) + " |" for row in table.to_pylist()]
    return lines

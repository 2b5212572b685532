"""A run's data-quality results as markdown (the Prefect artifact): a link to Data Docs and a
short table of the expectations that failed. Values are clipped and escaped: ``observed`` may
hold crawled text."""

from __future__ import annotations

import html
from pathlib import Path

import duckdb

MAX_ROWS = 20

_FAILED = """
    select suite, expectation, coalesce(column_name, '') as column_name, dq_result.severity,
           count(distinct batch_id) as batches, sum(coalesce(unexpected_count, 0)) as unexpected_rows,
           max(element_count) as largest_batch, any_value(observed) as observed
    from dq_result
    where run_id = $run_id and not success
    group by suite, expectation, coalesce(column_name, ''), dq_result.severity
    order by case dq_result.severity when 'critical' then 0 when 'quarantine' then 1 else 2 end, unexpected_rows desc, suite
"""


def _cell(value, width: int = 60) -> str:
    text = " ".join(str(value).split()) if value is not None else ""
    if len(text) > width:
        text = text[: width - 1] + "…"
    # HTML-escaped, and the characters markdown would read as table cells, code or links neutralised.
    return html.escape(text).replace("|", "&#124;").replace("`", "&#96;").replace("[", "&#91;").replace("]", "&#93;")


def docs_link(index: Path | None) -> str:
    if index is None:
        return "Data Docs are off (`WIREHOUSE_DATA_DOCS=false`)."
    return f"[Data Docs]({Path(index).resolve().as_uri()}) (open `{_cell(index, 300)}` in a browser)"


def dq_markdown(con: duckdb.DuckDBPyConnection, run_id: str, docs_index: Path | None = None) -> str:
    """Markdown for one run: expectations evaluated, the failed ones, where the Data Docs are."""
    evaluated, failed_total = con.execute(
        "select count(*), count(*) filter (where not success) from dq_result where run_id = $run_id",
        {"run_id": run_id},
    ).fetchall()[0]
    quarantined = con.execute(
        "select count(*) from quarantine where run_id = $run_id and stage = 'validate'", {"run_id": run_id}
    ).fetchall()[0][0]
    rows = con.execute(_FAILED, {"run_id": run_id}).fetchall()
    lines = [
        f"# Data quality of run {_cell(run_id)}",
        "",
        docs_link(docs_index),
        "",
        f"{evaluated} expectation results, {failed_total} failed; {quarantined} rows quarantined by the gate "
        f"(`wirehouse quarantine --run {_cell(run_id)}`).",
        "",
    ]
    if not rows:
        lines.append("Every expectation passed.")
        return "\n".join(lines) + "\n"
    lines += [
        "| severity | suite | expectation | column | batches | unexpected rows | observed |",
        "|---|---|---|---|---|---|---|",
    ]
    for suite, expectation, column, severity, batches, unexpected, _largest, observed in rows[:MAX_ROWS]:
        lines.append(
            f"| {_cell(severity)} | {_cell(suite)} | {_cell(expectation)} | {_cell(column)} | {batches} | "
            f"{unexpected} | {_cell(observed, 40)} |"
        )
    if len(rows) > MAX_ROWS:
        lines.append(f"\n… and {len(rows) - MAX_ROWS} more in `dq_result`.")
    return "\n".join(lines) + "\n"

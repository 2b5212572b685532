"""Run the Great Expectations suites on a batch before it is loaded.

Severity (in each expectation's ``meta``):
- ``critical``: any failure fails the whole batch (nothing of it is loaded);
- ``quarantine``: failing rows are set aside in the quarantine table, the rest loads;
- ``warning``: recorded in dq_result only.
An article that is quarantined takes its mentions and events with it.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from wirehouse.cameo import event_codes, quad_class_for_root
from wirehouse.quality.suites import SuiteSpec, load_suites
from wirehouse.records import Rejected
from wirehouse.warehouse.load import Batch

log = logging.getLogger(__name__)

DQ_SCHEMA = pa.schema(
    [
        ("run_id", pa.string()),
        ("batch_id", pa.string()),
        ("suite", pa.string()),
        ("expectation", pa.string()),
        ("column_name", pa.string()),
        ("severity", pa.string()),
        ("success", pa.bool_()),
        ("element_count", pa.int64()),
        ("unexpected_count", pa.int64()),
        ("observed", pa.string()),
        ("validated_at", pa.timestamp("us")),
    ]
)


@dataclass(frozen=True)
class Outcome:
    suite: str
    expectation: str
    column: str | None
    severity: str
    success: bool
    element_count: int | None
    unexpected_count: int | None
    observed: str | None
    unexpected_rows: tuple[int, ...] = ()

    def describe(self) -> str:
        what = f"{self.expectation}({self.column})" if self.column else self.expectation
        if self.unexpected_count is not None:
            return f"{self.suite}: {what} failed on {self.unexpected_count} of {self.element_count} rows"
        return f"{self.suite}: {what} failed (observed {self.observed})"


@dataclass
class ValidationReport:
    batch_id: str
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def critical_failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.severity == "critical" and not o.success]

    @property
    def passed(self) -> bool:
        return not self.critical_failures

    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.success]

    def as_table(self, run_id: str) -> pa.Table:
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        rows = [
            {
                "run_id": run_id,
                "batch_id": self.batch_id,
                "suite": o.suite,
                "expectation": o.expectation,
                "column_name": o.column,
                "severity": o.severity,
                "success": o.success,
                "element_count": o.element_count,
                "unexpected_count": o.unexpected_count,
                "observed": o.observed,
                "validated_at": now,
            }
            for o in self.outcomes
        ]
        return pa.Table.from_pylist(rows, schema=DQ_SCHEMA)


class Validator:
    """Holds one ephemeral GX context with every suite registered; reuse it across batches."""

    def __init__(self, extra_dir: Path | None = None) -> None:
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        self._specs = load_suites(extra_dir)
        self._context = gx.get_context(mode="ephemeral")
        self._context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
        source = self._context.data_sources.add_pandas("wirehouse_batches")
        self._definitions = {}
        for spec in self._specs.values():
            suite = self._context.suites.add(
                gx.ExpectationSuite(name=spec.name, expectations=[dict(e) for e in spec.expectations])
            )
            batch = source.add_dataframe_asset(spec.table).add_batch_definition_whole_dataframe("batch")
            self._definitions[spec.name] = self._context.validation_definitions.add(
                gx.ValidationDefinition(name=f"validate_{spec.name}", data=batch, suite=suite)
            )
        self._parameters = {"cameo_codes": sorted(event_codes())}

    @property
    def suites(self) -> dict[str, SuiteSpec]:
        return self._specs

    def run_suite(self, name: str, frame: pd.DataFrame) -> list[Outcome]:
        today = date.today()
        params = {**self._parameters, "today_key": int(today.strftime("%Y%m%d"))}
        result = self._definitions[name].run(
            batch_parameters={"dataframe": frame},
            expectation_parameters=params,
            result_format={"result_format": "COMPLETE"},
        )
        outcomes = []
        for item in result.results:
            doc = item.to_json_dict()
            config = doc["expectation_config"]
            detail = doc.get("result") or {}
            observed = detail.get("observed_value")
            error = (doc.get("exception_info") or {}).get("exception_message")
            outcomes.append(
                Outcome(
                    suite=name,
                    expectation=config["type"],
                    column=config["kwargs"].get("column"),
                    severity=(config.get("meta") or {}).get("severity", "quarantine"),
                    success=bool(doc["success"]),
                    element_count=detail.get("element_count"),
                    unexpected_count=detail.get("unexpected_count"),
                    observed=error or (None if observed is None else json.dumps(observed, default=str)),
                    unexpected_rows=tuple(detail.get("unexpected_index_list") or ()),
                )
            )
        return outcomes


def _evidence_ok(texts: dict[str, str], table: pa.Table, span: tuple[str, str, str]) -> list[bool]:
    text_col, start_col, end_col = span
    ok = []
    for article_id, snippet, start, end in zip(
        table.column("article_id").to_pylist(),
        table.column(text_col).to_pylist(),
        table.column(start_col).to_pylist(),
        table.column(end_col).to_pylist(),
    ):
        text = texts.get(article_id)
        ok.append(text is not None and start is not None and end is not None and text[start:end] == snippet)
    return ok


def validation_frames(batch: Batch) -> dict[str, pd.DataFrame]:
    """The batch tables as DataFrames, with the derived columns the suites check."""
    articles = batch.articles
    texts = dict(zip(articles.column("article_id").to_pylist(), articles.column("text").to_pylist()))
    known = pa.array(list(texts))

    frame = articles.to_pandas()
    published = articles.column("published_at").to_pylist()
    frame["published_date_key"] = pd.array(
        [int(p.strftime("%Y%m%d")) if p is not None else None for p in published], dtype="Int64"
    )
    frames = {"articles": frame}

    for suite, table, span in (
        ("actors", batch.actor_mentions, ("mention_text", "start_char", "end_char")),
        ("places", batch.place_mentions, ("mention_text", "start_char", "end_char")),
        ("events", batch.events, ("sentence", "sentence_start", "sentence_end")),
    ):
        df = table.to_pandas()
        df["evidence_ok"] = _evidence_ok(texts, table, span)
        df["article_known"] = pc.is_in(table.column("article_id"), value_set=known).to_pylist()
        if suite == "events":
            df["code_matches_quad"] = [
                quad_class_for_root(root) == quad
                for root, quad in zip(table.column("root_code").to_pylist(), table.column("quad_class").to_pylist())
            ]
        frames[suite] = df
    return frames


def _rows_to_drop(outcomes: list[Outcome]) -> dict[int, list[Outcome]]:
    rows: dict[int, list[Outcome]] = {}
    for o in outcomes:
        if o.severity == "quarantine" and not o.success:
            for i in o.unexpected_rows:
                rows.setdefault(int(i), []).append(o)
    return rows


def _reason(outcomes: list[Outcome]) -> str:
    return "; ".join(sorted({f"{o.expectation}({o.column})" for o in outcomes}))


def validate_batch(
    validator: Validator, batch: Batch, batch_id: str, pages: pd.DataFrame | None = None
) -> tuple[Batch, ValidationReport]:
    """Validate a batch; returns the batch without its quarantined rows (which become
    ``Rejected`` items on it) and the report. Check ``report.passed`` before loading."""
    report = ValidationReport(batch_id)
    if pages is not None:
        report.outcomes += validator.run_suite("pages", pages)
    frames = validation_frames(batch)
    rejected = list(batch.rejected)

    article_outcomes = validator.run_suite("articles", frames["articles"])
    report.outcomes += article_outcomes
    bad_articles = _rows_to_drop(article_outcomes)
    bad_ids = set()
    article_rows = batch.articles.to_pylist()
    for i, outs in bad_articles.items():
        row = article_rows[i]
        bad_ids.add(row["article_id"])
        rejected.append(
            Rejected("validate", row["canonical_url"], "expectation_failed",
                     f"article failed {_reason(outs)}; its mentions and events were set aside with it",
                     {"_table": "dim_article", **row})
        )

    kept = {}
    for suite, attr, table_name in (
        ("actors", "actor_mentions", "fact_actor_mention"),
        ("places", "place_mentions", "fact_place_mention"),
        ("events", "events", "fact_event"),
    ):
        table: pa.Table = getattr(batch, attr)
        outcomes = validator.run_suite(suite, frames[suite])
        report.outcomes += outcomes
        drop = _rows_to_drop(outcomes)
        mask = []
        for i, row in enumerate(table.to_pylist()):
            if i in drop:
                rejected.append(
                    Rejected("validate", row["article_id"], "expectation_failed",
                             f"{suite} row failed {_reason(drop[i])}", {"_table": table_name, **row})
                )
                mask.append(False)
            else:
                mask.append(row["article_id"] not in bad_ids)
        kept[attr] = table.filter(pa.array(mask, type=pa.bool_())) if table.num_rows else table

    article_mask = pa.array([r["article_id"] not in bad_ids for r in article_rows], type=pa.bool_())
    cleaned = Batch(
        articles=batch.articles.filter(article_mask) if article_rows else batch.articles,
        actor_mentions=kept["actor_mentions"],
        place_mentions=kept["place_mentions"],
        events=kept["events"],
        rejected=rejected,
    )
    for failure in report.failures():
        level = logging.ERROR if failure.severity == "critical" else logging.WARNING
        log.log(level, "batch %s: %s [%s]", batch_id, failure.describe(), failure.severity)
    return cleaned, report

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
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from wirehouse.cameo import event_codes, quad_class_for_root
from wirehouse.enrich.relevance import FLAGS
from wirehouse.quality.docs import DataDocs
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
    docs: dict[str, Path] = field(default_factory=dict)  # suite -> its Data Docs page, when published
    docs_index: Path | None = None

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


def _language_codes() -> list[str]:
    import pycountry

    return sorted(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))


class Validator:
    """Holds one ephemeral GX context with every suite registered; reuse it across batches.

    With ``docs_dir`` set, every validated batch is also rendered as Data Docs in that folder;
    the site's index is rebuilt after each batch, or, with ``index_each_batch=False`` (a run of
    many batches), once by ``finish()`` at the end of the run.
    """

    def __init__(self, extra_dir: Path | None = None, docs_dir: Path | None = None, *,
                 index_each_batch: bool = True) -> None:
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        self._specs = load_suites(extra_dir)
        self._context = gx.get_context(mode="ephemeral")
        self._context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
        source = self._context.data_sources.add_pandas("wirehouse_batches")
        self._suites = {}
        self._batches = {}
        for spec in self._specs.values():
            self._suites[spec.name] = self._context.suites.add(
                gx.ExpectationSuite(name=spec.name, expectations=[dict(e) for e in spec.expectations])
            )
            asset = source.add_dataframe_asset(spec.table)
            self._batches[spec.name] = asset.add_batch_definition_whole_dataframe("batch")
        self._parameters = {"cameo_codes": sorted(event_codes()), "language_codes": _language_codes()}
        self.docs = None if docs_dir is None else DataDocs(self._context, docs_dir, index_each_batch=index_each_batch)

    @classmethod
    def from_settings(cls, settings) -> "Validator":
        """The validator of a run: its Data Docs index is built once, by ``finish()``."""
        return cls(settings.expectations_dir, settings.data_docs_dir if settings.data_docs else None,
                   index_each_batch=False)

    @property
    def suites(self) -> dict[str, SuiteSpec]:
        return self._specs

    def finish(self) -> Path | None:
        """At the end of a run: build the Data Docs index (when not rebuilt after each batch)."""
        return self.docs.finish() if self.docs is not None else None

    def run_suite(self, name: str, frame: pd.DataFrame) -> list[Outcome]:
        return self._run(name, frame)[0]

    def _run(self, name: str, frame: pd.DataFrame):
        # The suite run straight on the batch: what GX's ValidationDefinition.run does, without
        # storing each result in the context (where nothing reads it) and checking every time
        # that the definition is still the one stored.
        #
        # Every expectation is first run for its counts alone (GX's BASIC result format: success,
        # element and unexpected counts, observed value); only those that failed or found
        # unexpected rows (a pass within ``mostly`` may have some) are run again for those rows
        # and values (COMPLETE), whose results then replace the first ones. An expectation
        # without unexpected rows has none to list, and asking GX for them makes it plan, hash and
        # compute the metrics of every row list for every expectation: about a third of a suite
        # run's CPU. The outcomes, and the results the Data Docs pages show, are the same.
        from great_expectations.constants import DATAFRAME_REPLACEMENT_STR
        from great_expectations.core.run_identifier import RunIdentifier
        from great_expectations.validator.v1_validator import Validator as SuiteRunner

        tomorrow = datetime.now(timezone.utc).date() + timedelta(days=1)
        params = {**self._parameters, "latest_date_key": int(tomorrow.strftime("%Y%m%d"))}
        runner = SuiteRunner(batch_definition=self._batches[name], batch_parameters={"dataframe": frame},
                             result_format={"result_format": "BASIC"})
        suite = self._suites[name]
        with _configurations_built_once():
            result = runner.validate_expectation_suite(suite, params)
            rows = {item.expectation_config.id for item in result.results
                    if not item.success or (item.result or {}).get("unexpected_count")}
            if rows:
                runner.result_format = {"result_format": "COMPLETE"}
                again = {e.id: runner.validate_expectation(e, params) for e in suite.expectations if e.id in rows}
                result.results = [again.get(item.expectation_config.id, item) for item in result.results]
        run_id = RunIdentifier(run_time=datetime.now(timezone.utc))
        result.meta.update(run_id=run_id, validation_time=run_id.run_time,
                           batch_parameters={"dataframe": DATAFRAME_REPLACEMENT_STR})
        outcomes = []
        for item in result.results:
            config = item.expectation_config
            detail = item.result or {}
            observed = detail.get("observed_value")
            error = _exception_message(item.exception_info)
            outcomes.append(
                Outcome(
                    suite=name,
                    expectation=config.type,
                    column=_column_of(config.kwargs),
                    severity=(config.meta or {}).get("severity", "quarantine"),
                    success=bool(item.success),
                    element_count=detail.get("element_count"),
                    unexpected_count=detail.get("unexpected_count"),
                    observed=error or (None if observed is None else json.dumps(observed, default=str)),
                    unexpected_rows=tuple(detail.get("unexpected_index_list") or ()),
                )
            )
        return outcomes, result


# Expectation id -> (the expectation, its configuration), within the suite run in progress
_BUILT: ContextVar[dict | None] = ContextVar("wirehouse_built_configurations", default=None)


@lru_cache(maxsize=1)
def _build_configurations_once() -> None:
    """Let ``Expectation.configuration`` answer from ``_BUILT`` while a suite run has one.

    GX's ``Expectation.configuration`` is a property that serialises the expectation into a new
    ``ExpectationConfiguration`` on every access, and GX reads it once per keyword of the
    expectation while it plans and checks each metric: about 1,200 times per suite run. The
    expectations of a run are not changed while it runs (GX builds them anew from the suite for
    each run), so the first configuration built for an expectation object is the one every later
    access would build again. Outside ``_configurations_built_once`` (another thread, another
    caller) the property builds a new one each time, as before."""
    from great_expectations.expectations.expectation import Expectation

    original = Expectation.__dict__["configuration"]

    def configuration(self):
        built = _BUILT.get()
        if built is None:
            return original.fget(self)
        found = built.get(id(self))
        if found is None or found[0] is not self:
            found = built[id(self)] = (self, original.fget(self))
        return found[1]

    Expectation.configuration = property(configuration, doc=original.__doc__)


@contextmanager
def _configurations_built_once():
    """Within the block (one suite run), each expectation's configuration is built once."""
    _build_configurations_once()
    token = _BUILT.set({})
    try:
        yield
    finally:
        _BUILT.reset(token)


def _exception_message(info: dict | None) -> str | None:
    """GX reports an expectation that raised either flat or keyed by metric."""
    if not info:
        return None
    if "exception_message" in info:
        return info["exception_message"] if info.get("raised_exception") else None
    messages = [v.get("exception_message") for v in info.values() if isinstance(v, dict) and v.get("exception_message")]
    return "; ".join(messages) or None


def _column_of(kwargs: dict) -> str | None:
    if kwargs.get("column"):
        return kwargs["column"]
    if kwargs.get("column_list"):
        return ",".join(kwargs["column_list"])
    return None


def _spans_ok(table: pa.Table, texts: dict[str, str], start_col: str, end_col: str, *,
              snippet: str | None = None, in_sentence: bool = False, optional: bool = False,
              actor: str | None = None) -> list[bool]:
    """Whether each row's span (``start_col``..``end_col``, offsets into its article's text) lies
    inside the text with start < end. Options: ``snippet`` names a column the span's text must
    equal; ``in_sentence``, the span lies inside the row's sentence (``sentence_start``..
    ``sentence_end``) rather than anywhere in the text; ``optional``, a span with both offsets null
    is fine (one null offset never is); ``actor`` names a column that must be set where the span is."""

    def column(name: str | None) -> list:
        return table.column(name).to_pylist() if name else [None] * table.num_rows

    rows = zip(column("article_id"), column(start_col), column(end_col), column(snippet), column(actor),
               column("sentence_start" if in_sentence else None), column("sentence_end" if in_sentence else None))
    ok = []
    for article_id, start, end, text_of_span, code, s_start, s_end in rows:
        if start is None or end is None:
            ok.append(optional and start is None and end is None)
            continue
        text = texts.get(article_id)
        if text is None:
            ok.append(False)
            continue
        low, high = (s_start, s_end) if in_sentence else (0, len(text))
        ok.append(low is not None and high is not None and low <= start < end <= high
                  and (snippet is None or text[start:end] == text_of_span)
                  and (actor is None or code is not None))
    return ok


def _date_keys(values) -> pd.array:
    return pd.array([int(v.strftime("%Y%m%d")) if v is not None else None for v in values], dtype="Int64")


def _known(article_ids: list, codes: list, mentioned: set[tuple[str, str]]) -> list[bool]:
    """A foreign key resolves when it is empty or names something mentioned in the same article."""
    return [code is None or (aid, code) in mentioned for aid, code in zip(article_ids, codes)]


def validation_frames(batch: Batch) -> dict[str, pd.DataFrame]:
    """The batch tables as DataFrames, with the derived columns the suites check."""
    articles = batch.articles
    texts = dict(zip(articles.column("article_id").to_pylist(), articles.column("text").to_pylist()))
    known = pa.array(list(texts), type=pa.string())

    frame = articles.to_pandas()
    frame["published_date_key"] = _date_keys(articles.column("published_at").to_pylist())
    frame["fetched_date_key"] = _date_keys(articles.column("fetched_at").to_pylist())
    frames = {"articles": frame}

    for suite, table, (snippet, start, end) in (
        ("actors", batch.actor_mentions, ("mention_text", "start_char", "end_char")),
        ("places", batch.place_mentions, ("mention_text", "start_char", "end_char")),
        ("events", batch.events, ("sentence", "sentence_start", "sentence_end")),
    ):
        df = table.to_pandas()
        df["evidence_ok"] = _spans_ok(table, texts, start, end, snippet=snippet)
        df["article_known"] = pc.is_in(table.column("article_id"), value_set=known).to_pylist()
        frames[suite] = df

    events = batch.events
    article_ids = events.column("article_id").to_pylist()
    actors = set(zip(batch.actor_mentions.column("article_id").to_pylist(),
                     batch.actor_mentions.column("actor_code").to_pylist()))
    places = set(zip(batch.place_mentions.column("article_id").to_pylist(),
                     batch.place_mentions.column("gazetteer_id").to_pylist()))
    df = frames["events"]
    df["code_matches_quad"] = [
        quad_class_for_root(root) == quad
        for root, quad in zip(events.column("root_code").to_pylist(), events.column("quad_class").to_pylist())
    ]
    df["event_date_key"] = _date_keys(events.column("event_date").to_pylist())
    df["source_actor_known"] = _known(article_ids, events.column("source_actor").to_pylist(), actors)
    df["target_actor_known"] = _known(article_ids, events.column("target_actor").to_pylist(), actors)
    df["place_known"] = _known(article_ids, events.column("place_gazetteer_id").to_pylist(), places)
    # a verb lies inside its sentence, an actor's mention anywhere in the text (one resolved from
    # context may be in an earlier sentence); an event may have no span of either
    df["verb_span_ok"] = _spans_ok(events, texts, "verb_start", "verb_end", in_sentence=True, optional=True)
    for role in ("source", "target"):
        df[f"{role}_span_ok"] = _spans_ok(events, texts, f"{role}_start", f"{role}_end", optional=True,
                                          actor=f"{role}_actor")
    df["flag_ok"] = [
        (reason is None) if political else reason in FLAGS
        for political, reason in zip(events.column("political").to_pylist(), events.column("flag_reason").to_pylist())
    ]
    return frames


def _rows_to_drop(outcomes: list[Outcome]) -> dict[int, list[Outcome]]:
    rows: dict[int, list[Outcome]] = {}
    for o in outcomes:
        if o.severity == "quarantine" and not o.success:
            for i in o.unexpected_rows:
                rows.setdefault(int(i), []).append(o)
    return rows


def _reason(outcomes: list[Outcome]) -> str:
    return "; ".join(sorted({f"{o.expectation}({o.column})" if o.column else o.expectation for o in outcomes}))


def _row(table: pa.Table, i: int) -> dict:
    return table.slice(i, 1).to_pylist()[0]


def validate_batch(
    validator: Validator, batch: Batch, batch_id: str, pages: pd.DataFrame | None = None
) -> tuple[Batch, ValidationReport]:
    """Validate a batch; returns the batch without its quarantined rows (which become
    ``Rejected`` items on it) and the report. Check ``report.passed`` before loading."""
    report = ValidationReport(batch_id)
    results = {}
    if pages is not None:
        report.outcomes, results["pages"] = validator._run("pages", pages)
    frames = validation_frames(batch)
    rejected = list(batch.rejected)

    article_outcomes, results["articles"] = validator._run("articles", frames["articles"])
    report.outcomes += article_outcomes
    bad_articles = _rows_to_drop(article_outcomes)
    bad_ids = set()
    for i, outs in sorted(bad_articles.items()):
        row = _row(batch.articles, i)
        bad_ids.add(row["article_id"])
        rejected.append(
            Rejected("validate", row["canonical_url"] or row["article_id"], "expectation_failed",
                     f"article failed {_reason(outs)}; its mentions and events were set aside with it",
                     {"_table": "dim_article", **row})
        )
    bad_id_array = pa.array(sorted(bad_ids), type=pa.string())

    kept = {}
    for suite, attr, table_name in (
        ("actors", "actor_mentions", "fact_actor_mention"),
        ("places", "place_mentions", "fact_place_mention"),
        ("events", "events", "fact_event"),
    ):
        table: pa.Table = getattr(batch, attr)
        outcomes, results[suite] = validator._run(suite, frames[suite])
        report.outcomes += outcomes
        drop = _rows_to_drop(outcomes)
        for i, outs in sorted(drop.items()):
            row = _row(table, i)
            rejected.append(
                Rejected("validate", row["article_id"] or "", "expectation_failed",
                         f"{suite} row failed {_reason(outs)}", {"_table": table_name, **row})
            )
        mask = pc.invert(pc.fill_null(pc.is_in(table.column("article_id"), value_set=bad_id_array), False))
        if drop:
            dropped = pa.array([i not in drop for i in range(table.num_rows)], type=pa.bool_())
            mask = pc.and_(mask, dropped)
        kept[attr] = table.filter(mask)

    article_mask = pc.invert(pc.fill_null(pc.is_in(batch.articles.column("article_id"), value_set=bad_id_array), False))
    alias_mask = pc.invert(pc.fill_null(pc.is_in(batch.aliases.column("article_id"), value_set=bad_id_array), False))
    for row in batch.aliases.filter(pc.invert(alias_mask)).to_pylist():
        rejected.append(
            Rejected("validate", row["url"], "alias_of_rejected",
                     f"the page is a copy of article {row['article_id']}, which was set aside; it follows it",
                     {"_table": "dim_article_alias", **row})
        )
    cleaned = Batch(
        articles=batch.articles.filter(article_mask),
        actor_mentions=kept["actor_mentions"],
        place_mentions=kept["place_mentions"],
        events=kept["events"],
        rejected=rejected,
        aliases=batch.aliases.filter(alias_mask),
    )
    for failure in report.failures():
        level = logging.ERROR if failure.severity == "critical" else logging.WARNING
        log.log(level, "batch %s: %s [%s]", batch_id, failure.describe(), failure.severity)
    if validator.docs is not None:
        report.docs = validator.docs.publish(batch_id, results)
        report.docs_index = validator.docs.index
        log.info("batch %s: Data Docs at %s", batch_id, report.docs_index)
    return cleaned, report

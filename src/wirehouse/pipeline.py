"""One pipeline run without any orchestrator: discover -> fetch -> clean -> dedupe -> enrich ->
validate -> load, batch by batch. The Prefect flow in flows/ calls the same stage functions."""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

import duckdb

from wirehouse.clean.dedup import mark_duplicates
from wirehouse.crawl.archive import WarcRef, read_pages, scan
from wirehouse.crawl.fetch import Target
from wirehouse.crawl.frontier import add_targets, due, outcome_table, record_outcomes
from wirehouse.crawl.sources import SourceSpec, discover, fetch_pages, read_html_dir
from wirehouse.errors import SuiteFailed
from wirehouse.records import Article, EnrichedArticle, Page, Rejected
from wirehouse.settings import Settings
from wirehouse.warehouse.db import execute, connect, transaction
from wirehouse.warehouse.fingerprints import seen_fingerprints
from wirehouse.warehouse.load import build_batch, load_batch, write_dq_results, write_quarantine
from wirehouse.warehouse.schema import apply_schema

if TYPE_CHECKING:  # imported where a batch needs them: a run with nothing to do starts fast
    import pandas as pd

    from wirehouse.enrich import Enricher
    from wirehouse.quality.validate import ValidationReport, Validator

log = logging.getLogger(__name__)


def new_run_id() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:6]


def chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), max(1, size)):
        yield items[start : start + size]


# -- stages --------------------------------------------------------------------------------------


@dataclass
class Cleaned:
    articles: list[Article]
    rejected: list[Rejected]
    pages: pd.DataFrame  # one row per fetched page: url, status, text_chars (the "pages" suite)


def clean_pages(results: Iterable[Page | Rejected], settings: Settings) -> Cleaned:
    import pandas as pd

    from wirehouse.clean.extract import extract_all

    articles, rows = [], []
    results = list(results)
    # 304 Not Modified on a re-crawl: the stored article is current, nothing to process again
    pages = [r for r in results if isinstance(r, Page) and r.status != 304]
    rejected = [r for r in results if isinstance(r, Rejected)]
    for item, out in zip(pages, extract_all(pages, settings)):
        if isinstance(out, Article):
            articles.append(out)
            rows.append({"url": item.url, "status": item.status, "text_chars": len(out.text)})
        else:
            rejected.append(out)
            rows.append({"url": item.url, "status": item.status, "text_chars": 0})
    frame = pd.DataFrame(rows, columns=["url", "status", "text_chars"])
    return Cleaned(articles, rejected, frame)


def enrich_articles(
    articles: Iterable[Article], enricher: Enricher, settings: Settings
) -> tuple[list[EnrichedArticle], list[Article]]:
    """Canonical articles in a configured language are enriched; duplicates and other languages
    are loaded as they are (duplicates must not add events a second time)."""
    enriched, plain = [], []
    for art in articles:
        if art.duplicate_of is not None or (art.language and art.language not in settings.languages):
            plain.append(art)
            continue
        found = enricher.enrich(
            art.text,
            published=art.published_at.date() if art.published_at else None,
            dateline=art.dateline,
            language=art.language,
        )
        enriched.append(EnrichedArticle(art, found))
    return enriched, plain


@dataclass
class BatchOutcome:
    batch_id: str
    pages: int
    articles: int
    duplicates: int
    events: int
    quarantined: int
    report: ValidationReport
    loaded: bool


def validate_and_load(
    con: duckdb.DuckDBPyConnection,
    validator: Validator,
    run_id: str,
    batch_id: str,
    enriched: list[EnrichedArticle],
    plain: list[Article],
    rejected: list[Rejected],
    pages: pd.DataFrame | None,
    fetch_results: Sequence[Page | Rejected] = (),
) -> BatchOutcome:
    """Validate the batch; load it (with its frontier states) in one transaction, or, when a
    critical expectation fails, load nothing but the quality results and raise ``SuiteFailed``."""
    from wirehouse.quality.validate import validate_batch

    batch = build_batch(enriched, plain, rejected)
    cleaned, report = validate_batch(validator, batch, batch_id, pages)
    dq = report.as_table(run_id)
    duplicates = sum(1 for a in plain if a.duplicate_of is not None)
    if not report.passed:
        with transaction(con):
            write_dq_results(con, dq)
        problems = "; ".join(o.describe() for o in report.critical_failures)
        raise SuiteFailed(
            f"batch {batch_id} failed critical data-quality checks and was not loaded: {problems}. "
            "See the dq_result table; its URLs stay pending for the next run"
        )
    frontier = outcome_table(list(fetch_results))
    result = load_batch(con, cleaned, run_id, dq, extra=lambda c: record_outcomes(c, frontier))
    return BatchOutcome(
        batch_id=batch_id,
        pages=len(fetch_results),
        articles=result.articles,
        duplicates=duplicates,
        events=result.event_mentions,
        quarantined=result.quarantined,
        report=report,
        loaded=True,
    )


# -- a whole run ---------------------------------------------------------------------------------


@dataclass
class RunSummary:
    run_id: str
    status: str = "running"
    source: str = ""
    pages_fetched: int = 0
    articles_loaded: int = 0
    duplicates: int = 0
    events: int = 0
    quarantined: int = 0
    failed_batches: list[str] = field(default_factory=list)
    seconds: float = 0.0
    totals: dict[str, int] = field(default_factory=dict)  # rows in the warehouse after the run
    message: str = ""

    def add(self, outcome: BatchOutcome) -> None:
        self.pages_fetched += outcome.pages
        self.articles_loaded += outcome.articles
        self.duplicates += outcome.duplicates
        self.events += outcome.events
        self.quarantined += outcome.quarantined


TOTAL_TABLES = ("dim_source", "dim_article", "dim_actor", "dim_place", "fact_event", "fact_event_mention",
                "fact_actor_mention", "fact_place_mention", "quarantine")


def warehouse_totals(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {t: con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in TOTAL_TABLES}


def open_warehouse(settings: Settings) -> duckdb.DuckDBPyConnection:
    con = connect(settings.database)
    execute(con, f"set memory_limit = '{settings.db_memory_limit}'")  # a validated size, e.g. 512MB
    apply_schema(con)
    return con


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, source: str) -> None:
    with transaction(con):
        execute(
            con,
            "update pipeline_run set status = 'interrupted', finished_at = now()::timestamp,"
            " message = 'the process stopped before the run finished' where status = 'running'"
        )
        execute(
            con,
            "insert into pipeline_run (run_id, started_at, status, source_spec) values ($id, now()::timestamp, 'running', $src)",
            {"id": run_id, "src": source},
        )


def finish_run(con: duckdb.DuckDBPyConnection, summary: RunSummary) -> None:
    summary.totals = warehouse_totals(con)
    with transaction(con):
        execute(
            con,
            """update pipeline_run set finished_at = now()::timestamp, status = $status,
               pages_fetched = $pages, articles_loaded = $articles, duplicates = $dups,
               actors = $actors, places = $places, events = $events, quarantined = $quarantined,
               message = $message
               where run_id = $run_id""",
            {
                "status": summary.status,
                "pages": summary.pages_fetched,
                "articles": summary.articles_loaded,
                "dups": summary.duplicates,
                "actors": summary.totals["dim_actor"],
                "places": summary.totals["dim_place"],
                "events": summary.events,
                "quarantined": summary.quarantined,
                "message": summary.message,
                "run_id": summary.run_id,
            },
        )


def record_rejections(con: duckdb.DuckDBPyConnection, rejected: list[Rejected], run_id: str) -> int:
    with transaction(con):
        return write_quarantine(con, rejected, run_id)


@dataclass(frozen=True)
class PlannedBatch:
    """A batch to run: pages already in hand (local files), WARC records or URLs still to fetch."""

    batch_id: str
    pages: tuple[Page, ...] = ()
    targets: tuple[Target, ...] = ()
    warc: tuple[WarcRef, ...] = ()

    def fetch(self, settings: Settings) -> list[Page | Rejected]:
        if self.warc:
            return list(read_pages(self.warc, settings.max_page_bytes))
        return list(self.pages) if self.pages else fetch_pages(list(self.targets), settings, self.batch_id)


def plan_batches(
    con: duckdb.DuckDBPyConnection, spec: SourceSpec, settings: Settings, summary: RunSummary, *, recrawl: bool = False
) -> list[PlannedBatch]:
    """Discover URLs into the frontier (or read local files) and cut the work into batches."""
    if spec.warc:
        refs = scan(spec.warc)
        return [
            PlannedBatch(f"{summary.run_id}-{n:04d}", warc=tuple(c))
            for n, c in enumerate(chunks(refs, settings.batch_size), start=1)
        ]
    if spec.html_dir is not None:
        groups = [(tuple(c), ()) for c in chunks(read_html_dir(spec.html_dir), settings.batch_size)]
    else:
        found = discover(spec, settings, archive_name=f"{summary.run_id}-0000-discovery")
        summary.quarantined += record_rejections(con, found.rejected, summary.run_id)
        add_targets(con, found.targets)
        targets = due(con, limit=settings.max_articles, recrawl=recrawl)
        groups = [((), tuple(c)) for c in chunks(targets, settings.batch_size)]
    return [
        PlannedBatch(f"{summary.run_id}-{n:04d}", pages, targets) for n, (pages, targets) in enumerate(groups, start=1)
    ]


def run_pipeline(
    spec: SourceSpec,
    settings: Settings,
    *,
    run_id: str | None = None,
    recrawl: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> RunSummary:
    """Run every stage over the spec's sources and return what was loaded."""
    started = time.perf_counter()
    summary = RunSummary(run_id=run_id or new_run_id(), source=spec.describe())
    con = open_warehouse(settings)
    try:
        start_run(con, summary.run_id, summary.source)
        batches = plan_batches(con, spec, settings, summary, recrawl=recrawl)
        total = len(batches)
        enricher = validator = None  # a run with nothing to process loads neither
        for number, planned in enumerate(batches, start=1):
            if enricher is None or validator is None:
                from wirehouse.enrich import Enricher
                from wirehouse.quality.validate import Validator

                enricher, validator = Enricher.load(), Validator.from_settings(settings)
            batch_id = planned.batch_id
            results = planned.fetch(settings)
            if progress:
                progress("fetched", number, total)
            try:
                outcome = process_batch(con, results, enricher, validator, settings, summary.run_id, batch_id)
            except SuiteFailed as exc:
                log.error("%s", exc)
                summary.failed_batches.append(batch_id)
                summary.message = str(exc)
                continue
            summary.add(outcome)
            if progress:
                progress("loaded", number, total)
        summary.status = "failed" if summary.failed_batches else "succeeded"
    except BaseException as exc:
        summary.status = "failed"
        summary.message = f"{type(exc).__name__}: {exc}"
        raise
    finally:
        summary.seconds = time.perf_counter() - started
        try:
            finish_run(con, summary)
        finally:
            con.close()
    return summary


def process_batch(
    con: duckdb.DuckDBPyConnection,
    results: list[Page | Rejected],
    enricher: Enricher,
    validator: Validator,
    settings: Settings,
    run_id: str,
    batch_id: str,
) -> BatchOutcome:
    """Clean, de-duplicate, enrich, validate and load one batch of fetched pages."""
    cleaned = clean_pages(results, settings)
    distance = settings.near_duplicate_distance
    articles = mark_duplicates(
        cleaned.articles, seen_fingerprints(con, cleaned.articles, distance), max_distance=distance
    )
    enriched, plain = enrich_articles(articles, enricher, settings)
    fetched = [r for r in results if isinstance(r, Page) or r.stage == "crawl"]
    return validate_and_load(
        con, validator, run_id, batch_id, enriched, plain, cleaned.rejected, cleaned.pages, fetched
    )

"""A pipeline run: discover -> fetch -> clean -> dedupe -> enrich -> validate -> load, batch by
batch. The stage functions are here, and so is the one driver that moves batches through them
(``drive``): ``run_pipeline`` runs every stage inline; the Prefect flow in flows/ wraps each stage
as a task and may send clean and enrich to Dask workers."""

from __future__ import annotations

import gc
import itertools
import logging
import time
import uuid
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, Sequence

import duckdb
import pyarrow as pa

from wirehouse.clean.aliases import StoredArticle, lookup_ids, resolve_canonical
from wirehouse.clean.dedup import mark_duplicates
from wirehouse.crawl.archive import WarcRef, iter_scan, read_pages
from wirehouse.crawl.fetch import Target
from wirehouse.crawl.frontier import add_targets, due, outcome_table, record_outcomes
from wirehouse.crawl.sources import LocalFile, SourceSpec, discover, fetch_pages, iter_html_dir, read_html_files
from wirehouse.errors import SuiteFailed, WirehouseError
from wirehouse.records import Alias, Article, EnrichedArticle, OutletPrior, Page, Rejected
from wirehouse.settings import Settings
from wirehouse.warehouse.db import RUN_KEPT, connect, execute, memory_named, transaction, warehouse_fault
from wirehouse.warehouse.fingerprints import seen_fingerprints
from wirehouse.warehouse.load import (
    INPUT_SCHEMA,
    build_batch,
    load_batch,
    record_seen_inputs,
    run_sql_file,
    write_dq_results,
    write_quarantine,
)
from wirehouse.warehouse.priors import outlet_priors
from wirehouse.warehouse.schema import apply_schema, current_version, migrations
from wirehouse.warehouse.templates import add_templates, warehouse_templates

if TYPE_CHECKING:  # imported where a batch needs them: a run with nothing to do starts fast
    import pandas as pd

    from wirehouse.clean.template import TemplateStore
    from wirehouse.enrich import Enricher
    from wirehouse.quality.validate import ValidationReport, Validator

log = logging.getLogger(__name__)


def new_run_id() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:6]


def chunks(items: Iterable, size: int) -> Iterator[list]:
    """``items`` (any iterable, read as it goes) in lists of ``size``, the last one shorter."""
    iterator = iter(items)
    while group := list(itertools.islice(iterator, max(1, size))):
        yield group


# -- stages --------------------------------------------------------------------------------------


@dataclass
class Extracted:
    """A batch's pages after extraction: what a clean stage on any machine returns, before the
    warehouse's knowledge of the outlets (their templates) is applied (``prepare_batch``)."""

    outputs: list[Article | Rejected]  # one per page processed, in page order
    pages: list[tuple[str, int]]  # the url and status of each page processed
    rejected: list[Rejected]  # from the crawl


@dataclass
class Cleaned:
    articles: list[Article]  # one per article id
    rejected: list[Rejected]
    pages: pd.DataFrame  # one row per fetched page: url, status, text_chars (the "pages" suite)
    aliases: list[Alias] = field(default_factory=list)  # pages that are copies of one of the articles
    learned: dict[str, Counter] = field(default_factory=dict)  # template blocks seen, saved with the batch


def extract_pages(results: Iterable[Page | Rejected], settings: Settings) -> Extracted:
    """Extract the batch's pages (no warehouse needed: this may run on another machine)."""
    from wirehouse.clean.extract import ExtractionPool

    with ExtractionPool(settings) as pool:
        return start_extraction(results, pool).result()


@dataclass
class Extracting:
    """A batch handed to an extraction pool; ``result()`` waits for its ``Extracted``."""

    extraction: Any  # wirehouse.clean.extract.Extraction
    pages: list[tuple[str, int]]
    rejected: list[Rejected]

    def result(self) -> Extracted:
        return Extracted(self.extraction.result(), self.pages, self.rejected)


def start_extraction(results: Iterable[Page | Rejected], pool) -> Extracting:
    """Hand the batch's pages to ``pool`` (a ``wirehouse.clean.extract.ExtractionPool``) and return
    at once; pages answered 304 Not Modified on a re-crawl are not processed again (the stored
    article is current), crawl rejections pass through."""
    results = list(results)
    pages = [r for r in results if isinstance(r, Page) and r.status != 304]
    rejected = [r for r in results if isinstance(r, Rejected)]
    return Extracting(pool.submit(pages), [(p.url, p.status) for p in pages], rejected)


def finish_cleaning(extracted: Extracted, settings: Settings, templates: TemplateStore | None = None) -> Cleaned:
    """With ``settings.learn_templates``, learn the sites' templates from the extracted pages (into
    ``templates``, else within the batch alone) and drop template paragraphs. Pages naming one
    canonical URL become one article and its aliases. ``templates`` must be new for each batch: its
    ``added`` blocks are what the batch saves."""
    import pandas as pd

    from wirehouse.clean.template import TemplateStore, learn_and_strip

    outputs, learned = extracted.outputs, {}
    if settings.learn_templates:
        store = templates if templates is not None else TemplateStore()
        outputs = learn_and_strip(outputs, store)
        learned = {domain: Counter(blocks) for domain, blocks in store.added.items() if blocks}
    articles, rejected, rows = [], list(extracted.rejected), []
    for (url, status), out in zip(extracted.pages, outputs):
        if isinstance(out, Article):
            articles.append(out)
            rows.append({"url": url, "status": status, "text_chars": len(out.text)})
        else:
            rejected.append(out)
            rows.append({"url": url, "status": status, "text_chars": 0})
    frame = pd.DataFrame(rows, columns=["url", "status", "text_chars"])
    resolved = resolve_canonical(articles, max_distance=settings.near_duplicate_distance)
    return Cleaned(resolved.articles, rejected + resolved.rejected, frame, resolved.aliases, learned)


@dataclass
class Prepared:
    """A cleaned batch and its outlets' place priors: what the enricher needs."""

    cleaned: Cleaned
    priors: dict[str, OutletPrior]


def prepare_batch(con: duckdb.DuckDBPyConnection, extracted: Extracted, settings: Settings) -> Prepared:
    """Apply what the warehouse knows of the batch's outlets: their templates (learned over the
    crawl) are dropped from the articles, and their place priors are read for the enricher."""
    templates = warehouse_templates(con) if settings.learn_templates else None
    cleaned = finish_cleaning(extracted, settings, templates)
    return Prepared(cleaned, outlet_priors(con, (a.domain for a in cleaned.articles)))


def stored_articles(con: duckdb.DuckDBPyConnection, articles: Sequence[Article]) -> dict[str, StoredArticle]:
    """The warehouse's articles that ``articles`` may name (see ``lookup_ids``): the URL each was
    loaded from and its fingerprints."""
    if not articles:
        return {}
    con.register("stg_batch_id", pa.table({"article_id": pa.array(lookup_ids(articles), pa.string())}))
    try:
        rows = con.execute(
            "select d.article_id, d.url, d.text_hash, d.simhash from dim_article as d"
            " semi join stg_batch_id as b using (article_id)"
        ).fetchall()
    finally:
        con.unregister("stg_batch_id")
    return {aid: StoredArticle(url, text_hash, simhash & ((1 << 64) - 1)) for aid, url, text_hash, simhash in rows}


def enrich_articles(
    articles: Iterable[Article], enricher: Enricher, settings: Settings,
    priors: Mapping[str, OutletPrior] | None = None,
) -> tuple[list[EnrichedArticle], list[Article]]:
    """Canonical articles in a configured language are enriched; duplicates and other languages
    are loaded as they are (duplicates must not add events a second time). ``priors`` holds what
    the outlets usually report, by domain (``wirehouse.warehouse.priors.outlet_priors``)."""
    priors = priors or {}
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
            url=art.canonical_url,
            title=art.title,
            prior=priors.get(art.domain),
        )
        enriched.append(EnrichedArticle(art, found))
    return enriched, plain


def enrich_batch(
    prepared: Prepared, enricher: Enricher, settings: Settings
) -> tuple[list[EnrichedArticle], list[Article]]:
    """The enrich stage: a prepared batch's articles enriched with its outlets' place priors."""
    return enrich_articles(prepared.cleaned.articles, enricher, settings, prepared.priors)


@dataclass
class Settled:
    """A batch checked against the warehouse as it is now, ready to validate and load."""

    enriched: list[EnrichedArticle]  # canonical articles with what the enricher found
    plain: list[Article]  # duplicates and articles in other languages, loaded as they are
    aliases: list[Alias]
    rejected: list[Rejected]


def settle_batch(
    con: duckdb.DuckDBPyConnection, cleaned: Cleaned, enriched: Sequence[EnrichedArticle], settings: Settings
) -> Settled:
    """Check a cleaned (and enriched) batch against the warehouse: a page naming a stored article
    becomes its alias (or moves to its own URL when its text differs), exact and near duplicates
    are marked in page order. Duplicates keep no enrichment (they must not add events twice)."""
    distance = settings.near_duplicate_distance
    resolved = resolve_canonical(cleaned.articles, stored_articles(con, cleaned.articles), max_distance=distance)
    found = {e.article.article_id: e.enrichment for e in enriched}
    kept, plain = [], []
    seen = seen_fingerprints(con, resolved.articles, distance)
    for article in mark_duplicates(resolved.articles, seen, max_distance=distance):
        enrichment = found.get(resolved.rekeyed.get(article.article_id, article.article_id))
        if article.duplicate_of is None and enrichment is not None:
            kept.append(EnrichedArticle(article, enrichment))
        else:
            plain.append(article)
    return Settled(kept, plain, cleaned.aliases + resolved.aliases, cleaned.rejected + resolved.rejected)


@dataclass
class BatchOutcome:
    batch_id: str
    pages: int
    articles: int
    duplicates: int
    aliases: int
    events: int
    quarantined: int
    report: ValidationReport
    loaded: bool


def validate_and_load(
    con: duckdb.DuckDBPyConnection,
    validator: Validator,
    run_id: str,
    batch_id: str,
    settled: Settled,
    pages: pd.DataFrame | None,
    fetch_results: Sequence[Page | Rejected] = (),
    max_failures: int = 3,
    learned: Mapping[str, Counter] | None = None,
) -> BatchOutcome:
    """Validate the batch; load it (with its frontier states, the local inputs it read and the
    template blocks its pages showed, ``learned``) in one transaction. When a critical expectation fails, load nothing but the quality results, count
    the failure against each page and raise ``SuiteFailed``; a page whose batches failed
    ``max_failures`` times is quarantined instead of being tried again."""
    from wirehouse.quality.validate import validate_batch

    batch = build_batch(settled.enriched, settled.plain, settled.rejected, settled.aliases)
    cleaned, report = validate_batch(validator, batch, batch_id, pages)
    dq = report.as_table(run_id)
    fetched = [r for r in fetch_results if isinstance(r, Page)]
    if not report.passed:
        fail_batch(con, run_id, batch_id, report, dq, fetched, max_failures)
    frontier = outcome_table(list(fetch_results))

    def bookkeeping(c: duckdb.DuckDBPyConnection) -> None:
        record_outcomes(c, frontier)
        record_seen_inputs(c, fetched, run_id)
        add_templates(c, learned or {})

    result = load_batch(con, cleaned, run_id, dq, extra=bookkeeping)
    return BatchOutcome(
        batch_id=batch_id,
        pages=len(fetch_results),
        articles=result.articles,
        duplicates=sum(1 for a in settled.plain if a.duplicate_of is not None),
        aliases=result.aliases,
        events=result.event_mentions,
        quarantined=result.quarantined,
        report=report,
        loaded=True,
    )


def fail_batch(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    batch_id: str,
    report: ValidationReport,
    dq,
    pages: Sequence[Page],
    max_failures: int,
) -> None:
    """Record a critically failed batch (quality results, one more failure per page, the pages that
    failed too often quarantined with their frontier URLs) in one transaction; raise ``SuiteFailed``."""
    problems = "; ".join(o.describe() for o in report.critical_failures)
    inputs = pa.Table.from_pylist([{"ref": p.url, "content_sha1": p.digest} for p in pages], schema=INPUT_SCHEMA)
    with transaction(con):
        write_dq_results(con, dq)
        con.register("stg_failed_input", inputs)
        try:
            run_sql_file(con, "record_failed_inputs",
                         {"run_id": run_id, "error": problems[:500], "max_failures": max_failures})
            given_up = [r[0] for r in con.execute(
                "select ref from seen_input where state = 'quarantined' and failures >= $max"
                " and ref in (select ref from stg_failed_input) order by ref", {"max": max_failures}
            ).fetchall()]
        finally:
            con.unregister("stg_failed_input")
        write_quarantine(con, [
            Rejected("validate", ref, "batch_failed",
                     f"its batch failed critical data-quality checks {max_failures} times ({problems}); "
                     "fix the cause, then run `wirehouse quarantine --requeue --reason batch_failed`")
            for ref in given_up
        ], run_id)
    if given_up:
        what = (f"{len(given_up)} of its {len(pages)} pages failed {max_failures} times and were quarantined "
                "(reason batch_failed); the others are tried again on the next run")
    else:
        what = f"its pages are tried again on the next run (at most {max_failures} times in all)"
    raise SuiteFailed(f"batch {batch_id} failed critical data-quality checks and was not loaded: {problems}. "
                      f"See the dq_result table; {what}")


# -- a whole run ---------------------------------------------------------------------------------


@dataclass
class RunSummary:
    run_id: str
    status: str = "running"
    source: str = ""
    pages_fetched: int = 0
    inputs_skipped: int = 0  # local inputs (files, WARC records) already processed and unchanged
    articles_loaded: int = 0
    duplicates: int = 0
    aliases: int = 0
    events: int = 0
    quarantined: int = 0
    failed_batches: list[str] = field(default_factory=list)
    source_errors: list[str] = field(default_factory=list)  # set when every source failed
    seconds: float = 0.0
    totals: dict[str, int] = field(default_factory=dict)  # rows in the warehouse after the run
    message: str = ""

    def conclude(self) -> None:
        """The status once every batch ran: failed when a batch failed or when every source did."""
        if self.source_errors and not self.failed_batches:
            self.message = (f"every source failed, nothing was crawled: {self.source_errors[0]}"
                            + (f" (and {len(self.source_errors) - 1} more)" if len(self.source_errors) > 1 else ""))
        self.status = "failed" if self.failed_batches or self.source_errors else "succeeded"

    def add(self, outcome: BatchOutcome) -> None:
        self.pages_fetched += outcome.pages
        self.articles_loaded += outcome.articles
        self.duplicates += outcome.duplicates
        self.aliases += outcome.aliases
        self.events += outcome.events
        self.quarantined += outcome.quarantined


TOTAL_TABLES = ("dim_source", "dim_article", "dim_actor", "dim_place", "fact_event", "fact_event_mention",
                "fact_actor_mention", "fact_place_mention", "quarantine")


def warehouse_totals(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows per table, and the events flagged as not political (stored, not shown)."""
    totals = {t: con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in TOTAL_TABLES}
    totals["flagged_events"] = con.execute("select count(*) from fact_event where not political").fetchall()[0][0]
    return totals


def open_warehouse(settings: Settings) -> duckdb.DuckDBPyConnection:
    """A connection with the schema applied. Closed again when that fails or is interrupted (a
    cancel's signal arriving mid-query): a connection left open would keep the file locked for
    the next run, which takes the writer slot as soon as this one gives it back.

    On a warehouse already at the newest schema (every open but the first of a new file or a new
    version) applying the schema only replaces the views: they are replaced in one transaction,
    one commit instead of one per statement (about 0.03 s of wall instead of 0.3 s, most of it
    waiting for the disk; a flow opens the warehouse twice per batch)."""
    con = connect(settings.database)
    try:
        execute(con, f"set memory_limit = '{settings.db_memory_limit}'")  # a validated size, e.g. 512MB
        if _schema_current(con):
            with transaction(con):
                apply_schema(con)
        else:
            apply_schema(con)  # migrations, each in a transaction of its own
    except BaseException as exc:
        con.close()
        fault = warehouse_fault(exc, settings.db_memory_limit,
                                f"opening the warehouse {settings.database} (bringing its schema up to date)",
                                "the warehouse is as it was (each schema migration is one transaction)",
                                database=settings.database)
        if fault is not None and fault is not exc:
            raise fault from exc
        raise
    return con


def _schema_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether ``apply_schema`` has nothing to do on ``con`` but replace the views: every shipped
    migration recorded and the event types seeded (it opens a transaction of its own for either)."""
    known = migrations()
    if not known or current_version(con) != known[-1][0]:
        return False
    recorded = set(con.execute("select version, name from schema_version").fetchall())
    if any((number, name) not in recorded for number, name, _ in known):
        return False
    return bool(con.execute("select count(*) from dim_event_type").fetchall()[0][0])


def run_faults(settings: Settings) -> Callable[[BaseException, str], WirehouseError | None]:
    """How a run names a DuckDB fault behind an exception raised while doing a step (``Stages.faults``):
    out of memory with WIREHOUSE_DB_MEMORY_LIMIT's value, a damaged or refused database file, a full disk."""
    return lambda exc, step: warehouse_fault(exc, settings.db_memory_limit, step, RUN_KEPT,
                                             database=settings.database)


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
    """A batch to run: saved HTML files, WARC records or URLs, each a small reference; the pages are
    read (or fetched) by ``fetch``, batch by batch."""

    batch_id: str
    files: tuple[LocalFile, ...] = ()
    targets: tuple[Target, ...] = ()
    warc: tuple[WarcRef, ...] = ()

    def fetch(self, settings: Settings) -> list[Page | Rejected]:
        if self.warc:
            return list(read_pages(self.warc, settings.max_page_bytes))
        if self.files:
            return read_html_files(self.files, settings.max_page_bytes)
        return fetch_pages(list(self.targets), settings, self.batch_id)


SOURCE_FAILURES = ("bad_feed", "bad_sitemap", "bad_spider_start")


def unseen(con: duckdb.DuckDBPyConnection, items: Sequence, refs: Sequence[str], digests: Sequence[str | None]) -> list:
    """The ``items`` (local inputs, with their ref and content digest) not yet processed with this
    content: an input already loaded, aliased or quarantined is skipped while it is unchanged; one
    whose batch failed is tried again."""
    if not items:
        return []
    con.register("stg_input", pa.table({"ref": pa.array(refs, pa.string()), "content_sha1": pa.array(digests, pa.string())}))
    try:
        # by ref_key first, a number (sql/schema/015), then the URLs of the few rows it leaves
        done = {r[0] for r in con.execute(
            "with candidate as materialized (select s.ref, s.content_sha1 from seen_input as s"
            " semi join (select input_ref_key(ref) as ref_key from stg_input) as i using (ref_key)"
            " where s.state in ('done', 'quarantined'))"
            " select i.ref from stg_input as i join candidate as s on s.ref = i.ref and s.content_sha1 = i.content_sha1"
        ).fetchall()}
    finally:
        con.unregister("stg_input")
    return [item for item, ref in zip(items, refs) if ref not in done]


@dataclass(frozen=True)
class Plan:
    """What a run processes, its sources read: the URLs due (taken from the frontier when the run
    started), or the local inputs, listed and checked against ``seen_input`` only as the batches are
    taken (``batches``). Small and picklable: the due URLs' targets, and no local input's reference
    before its batch is taken."""

    run_id: str
    spec: SourceSpec
    targets: tuple[Target, ...] = ()
    recrawl: bool = False

    def batches(self, con: duckdb.DuckDBPyConnection, settings: Settings, summary: RunSummary) -> Iterator[PlannedBatch]:
        """The batches, one at a time: each holds at most ``settings.batch_size`` references, and only
        the next batch's inputs are read ahead (a WARC's are first hashed, see ``iter_scan``). Local
        inputs already processed and unchanged are skipped (counted in ``summary.inputs_skipped``),
        unless ``recrawl``; the batches are those of the whole list cut in order."""
        size = max(1, settings.batch_size)
        if self.spec.warc or self.spec.html_dir is not None:
            inputs = iter_scan(self.spec.warc) if self.spec.warc else iter_html_dir(self.spec.html_dir)
            groups = self._unseen(con, inputs, size, summary)
        else:
            groups = chunks(self.targets, size)
        for number, group in enumerate(groups, start=1):
            batch_id = f"{self.run_id}-{number:04d}"
            if self.spec.warc:
                yield PlannedBatch(batch_id, warc=tuple(group))
            elif self.spec.html_dir is not None:
                yield PlannedBatch(batch_id, files=tuple(group))
            else:
                yield PlannedBatch(batch_id, targets=tuple(group))

    def _unseen(self, con: duckdb.DuckDBPyConnection, inputs: Iterator, size: int,
                summary: RunSummary) -> Iterator[list]:
        pending: list = []
        for group in chunks(inputs, size):
            todo = group if self.recrawl else unseen(con, group, [i.url for i in group], [i.digest for i in group])
            summary.inputs_skipped += len(group) - len(todo)
            pending.extend(todo)
            while len(pending) >= size:
                yield pending[:size]
                del pending[:size]
        if pending:
            yield pending


def plan_sources(
    con: duckdb.DuckDBPyConnection, spec: SourceSpec, settings: Settings, summary: RunSummary, *, recrawl: bool = False
) -> Plan:
    """Read the sources: unusable source lines and sources that failed are quarantined (when every
    source failed, the run says so); discovered URLs go to the frontier and the due ones are taken.
    Local inputs are not listed here: ``Plan.batches`` lists them as the run takes its batches."""
    if spec.problems:
        summary.quarantined += record_rejections(con, list(spec.problems), summary.run_id)
    if spec.warc or spec.html_dir is not None:
        return Plan(summary.run_id, spec, recrawl=recrawl)
    found = discover(spec, settings, archive_name=f"{summary.run_id}-0000-discovery")
    summary.quarantined += record_rejections(con, found.rejected, summary.run_id)
    failed = [r for r in found.rejected if r.reason in SOURCE_FAILURES]
    if failed and not found.targets and not spec.urls and len(failed) >= spec.source_count():
        summary.source_errors = [r.message for r in failed]
    add_targets(con, found.targets)
    return Plan(summary.run_id, spec, tuple(due(con, limit=settings.max_articles, recrawl=recrawl)), recrawl)


def plan_batches(
    con: duckdb.DuckDBPyConnection, spec: SourceSpec, settings: Settings, summary: RunSummary, *, recrawl: bool = False
) -> Iterator[PlannedBatch]:
    """Read the sources now (``plan_sources``) and cut the work into batches as they are taken
    (``Plan.batches``, on ``con``)."""
    return plan_sources(con, spec, settings, summary, recrawl=recrawl).batches(con, settings, summary)


# -- the driver: how a run's batches move through the stages -------------------------------------


def never(exc: BaseException) -> bool:
    return False


def unnamed(exc: BaseException, step: str) -> WirehouseError | None:
    return None


@dataclass
class Stages:
    """Where each stage of a run runs: called inline here, or wrapped as orchestrator tasks (the
    Prefect flow), with clean and enrich perhaps on other machines (Dask).

    A stage takes what the stage before returned, as it returned it (a value, or a handle such as
    a future); the stages that use the warehouse (plan, priors, load, finish) take the handles of
    the stages before them and wait for their values. ``window`` is how many batches may wait in
    clean and in enrich before the driver takes the oldest on: 0 runs each batch through every
    stage before the next starts, so each batch is cleaned and enriched with what the batches
    before it stored. ``ahead`` is how many more batches are fetched and handed to clean before
    the oldest one's priors are read: with a clean stage that returns at once (a pool's handle),
    the next batch is extracted while this one is enriched, validated and loaded, and each batch
    still reads its priors after the batches before it are stored."""

    plan: Callable[[RunSummary], list[PlannedBatch]]  # start the run, cut the work into batches
    fetch: Callable[[PlannedBatch], Any]  # -> the batch's pages and crawl rejections
    clean: Callable[[Any], Any]  # fetched -> Extracted (no warehouse)
    priors: Callable[[Any], Any]  # Extracted -> Prepared: the outlets' templates dropped, their priors read
    enrich: Callable[[Any], Any]  # Prepared -> (enriched, plain) articles (no warehouse)
    load: Callable[[PlannedBatch, Any, Any, Any], BatchOutcome]  # settle, validate, load, in batch order
    finish: Callable[[RunSummary], None]  # record the run's end (also when it failed)
    window: int = 0
    ahead: int = 0
    stopped: Callable[[BaseException], bool] = never  # whether an exception is a cancel from outside
    # the error a user can act on for a DuckDB fault behind an exception raised while doing a step
    # (out of memory, a damaged file: see ``run_faults``), or None
    faults: Callable[[BaseException, str], WirehouseError | None] = unnamed


@dataclass
class InFlight:
    """A batch on its way through the stages: what each stage has returned so far."""

    number: int
    planned: PlannedBatch
    fetched: Any
    extracted: Any
    prepared: Any = None
    enriched: Any = None


def drive(
    stages: Stages,
    summary: RunSummary,
    *,
    progress: Callable[[str, int, int | None], None] | None = None,
    logger: logging.Logger | logging.LoggerAdapter = log,
) -> RunSummary:
    """Run every batch through the stages: fetch, clean, priors, enrich, then settle, validate and
    load, loads one at a time and in batch order. Batches are taken from the plan as they are
    needed, one ahead of the batch being fetched (so the last batch is known as the last): a run
    holds the references of at most ``2 * stages.window + stages.ahead + 2`` batches.
    ``progress(stage, number, total)`` is told the number of batches once the plan has none left,
    ``None`` before. A batch failing its critical checks is counted in ``summary.failed_batches``
    and the run goes on; any other exception ends the run (failed, or cancelled when
    ``stages.stopped`` says so) and is raised again, as the error ``stages.faults`` names for the
    step under way when it is a DuckDB fault (the run's record then says the same).
    ``stages.finish`` runs in every case."""
    started = time.perf_counter()
    batches: Iterator[PlannedBatch] = iter(())
    step = "planning the run (recording its start, reading its sources)"
    raised: BaseException | None = None  # what ends the run, when something does
    try:
        batches = iter(stages.plan(summary))
        logger.info("run %s: batches to process from %s, cut as the run takes them", summary.run_id,
                    summary.source)
        cleaning: deque[InFlight] = deque()
        enriching: deque[InFlight] = deque()
        total: int | None = None

        def enrich(batch: InFlight) -> None:
            nonlocal step
            step = f"reading the outlets' templates and place priors for batch {batch.planned.batch_id}"
            batch.prepared = stages.priors(batch.extracted)
            step = f"enriching batch {batch.planned.batch_id}"
            batch.enriched = stages.enrich(batch.prepared)
            enriching.append(batch)

        def load(batch: InFlight) -> None:
            nonlocal step
            step = f"batch {batch.planned.batch_id}"
            try:
                outcome = stages.load(batch.planned, batch.fetched, batch.prepared, batch.enriched)
            except SuiteFailed as exc:
                logger.error("%s", exc)
                summary.failed_batches.append(batch.planned.batch_id)
                summary.message = str(exc)
                return
            summary.add(outcome)
            logger.info("batch %s: %d articles, %d event mentions, %d quarantined",
                        batch.planned.batch_id, outcome.articles, outcome.events, outcome.quarantined)
            if progress:
                progress("loaded", batch.number, total)

        taking = "planning the run (taking its next batch: listing the inputs, checking them against seen_input)"
        step = taking
        number, upcoming = 0, next(batches, None)
        while upcoming is not None:
            planned, number = upcoming, number + 1
            step = taking
            upcoming = next(batches, None)
            if upcoming is None:
                total = number
            step = f"fetching batch {planned.batch_id}"
            fetched = stages.fetch(planned)
            if progress:
                progress("fetched", number, total)
            step = f"cleaning batch {planned.batch_id}"
            cleaning.append(InFlight(number, planned, fetched, stages.clean(fetched)))
            while len(cleaning) > stages.window + stages.ahead:
                enrich(cleaning.popleft())
            while len(enriching) > stages.window:
                load(enriching.popleft())
        while cleaning:
            enrich(cleaning.popleft())
        while enriching:
            load(enriching.popleft())
        logger.info("run %s: %d batches processed", summary.run_id, number)
        summary.conclude()
    except BaseException as exc:
        fault = None
        if stages.stopped(exc):
            summary.status = "cancelled"
            summary.message = (f"stopped by {type(exc).__name__} (a cancel, or its worker stopping): the batches "
                               "loaded before are kept, the next run fetches the rest")
        else:
            fault = stages.faults(exc, step)
            shown = fault if fault is not None else exc
            summary.status = "failed"
            summary.message = str(shown) if isinstance(shown, WirehouseError) else f"{type(exc).__name__}: {exc}"
        raised = fault if fault is not None else exc
        if fault is not None and fault is not exc:
            raise fault from exc
        raise
    finally:
        try:
            close = getattr(batches, "close", None)
            if close is not None:  # a plan's generator gives back what it holds (files, a connection)
                close()
        finally:  # the run's end is recorded even when giving them back fails
            summary.seconds = time.perf_counter() - started
            if summary.status == "running":
                summary.status = "failed"
            try:
                stages.finish(summary)
            except Exception as exc:
                if raised is not None:  # what ended the run is what the user must see
                    logger.warning("run %s: its end was not recorded (%s: %s)", summary.run_id, type(exc).__name__, exc)
                else:
                    fault = stages.faults(exc, "recording the run's end (pipeline_run, the Data Docs)")
                    if fault is not None and fault is not exc:
                        raise fault from exc
                    raise
    return summary


def settle_and_load(
    con: duckdb.DuckDBPyConnection,
    validator: Validator,
    settings: Settings,
    run_id: str,
    batch_id: str,
    results: Sequence[Page | Rejected],
    cleaned: Cleaned,
    enriched: Sequence[EnrichedArticle],
) -> BatchOutcome:
    """The load stage: settle a cleaned and enriched batch against the warehouse, validate and load
    it with the template blocks its pages showed (what later batches learn from), in one
    transaction. DuckDB running out of memory on the way stops the run with ``OutOfMemory``
    naming the batch and WIREHOUSE_DB_MEMORY_LIMIT; nothing of the batch is written."""
    with memory_named(settings.db_memory_limit, f"batch {batch_id}"):
        settled = settle_batch(con, cleaned, enriched, settings)
        fetched = [r for r in results if isinstance(r, Page) or r.stage == "crawl"]
        return validate_and_load(con, validator, run_id, batch_id, settled, cleaned.pages, fetched,
                                 settings.max_batch_failures, learned=cleaned.learned)


def inline_stages(con: duckdb.DuckDBPyConnection, spec: SourceSpec, settings: Settings, run_id: str, *,
                  recrawl: bool = False) -> Stages:
    """Every stage in this process, on one open warehouse connection, with one extraction pool for
    the run (``ExtractionPool``, stopped by ``finish``). With local inputs (saved pages, WARCs) the
    next batch is read and handed to the pool before this one is enriched, validated and loaded
    (``Stages.ahead``), so the pool's processes extract while this one works; crawled batches are
    fetched one at a time. The enricher and the validator are loaded when the first batch has been
    handed to the pool (whose processes are forked by then, without them, when that batch is large
    enough for the pool; a smaller first batch is extracted here, and the pool forked later carries
    them): a run with nothing to process loads neither, nor imports the extractor."""
    from functools import cache

    @cache
    def enricher() -> Enricher:
        from wirehouse.enrich import Enricher

        return Enricher.load()

    @cache
    def pool():  # the run's ExtractionPool, made for its first batch
        from wirehouse.clean.extract import ExtractionPool

        return ExtractionPool(settings)

    validator = RunValidator(settings)

    @cache
    def models() -> None:
        """The enricher and the validator (Great Expectations' import), loaded once with the
        garbage collector paused; then one full collection (the loads leave about 150,000 objects
        of garbage), and what remains is set aside from the collector's later collections
        (``gc.freeze``, which sets aside every object the process tracks at that moment: the models,
        alive for the whole run, and whatever else is alive then, such as the first batch; ``finish``
        gives them back with ``gc.unfreeze``). Loading them creates objects that live as long as
        the run, and the collector walked all of them again each time a full collection came due
        while they grew, and in every full collection after (about 0.7 s of a run's CPU)."""
        collecting = gc.isenabled()
        gc.disable()
        try:
            enricher(), validator.get()
        finally:
            if collecting:
                gc.enable()
        gc.collect()
        gc.freeze()

    def plan(summary: RunSummary) -> Iterator[PlannedBatch]:
        start_run(con, summary.run_id, summary.source)
        return plan_batches(con, spec, settings, summary, recrawl=recrawl)

    def clean(fetched) -> Extracting:
        extracting = start_extraction(fetched, pool())
        models()  # Great Expectations' import and the models, while the pool extracts
        return extracting

    def load(planned: PlannedBatch, fetched, prepared: Prepared, enriched) -> BatchOutcome:
        return settle_and_load(con, validator.get(), settings, run_id, planned.batch_id, fetched,
                               prepared.cleaned, enriched[0])

    def finish(summary: RunSummary) -> None:
        try:
            if pool.cache_info().currsize:
                pool().close()
        finally:
            if models.cache_info().currsize:
                gc.unfreeze()
            finish_validation(validator, lambda: finish_run(con, summary))

    return Stages(
        plan=plan,
        fetch=lambda planned: planned.fetch(settings),
        clean=clean,
        priors=lambda extracting: prepare_batch(con, extracting.result(), settings),
        enrich=lambda prepared: enrich_batch(prepared, enricher(), settings),
        load=load,
        finish=finish,
        ahead=1 if spec.warc or spec.html_dir is not None else 0,
        faults=run_faults(settings),
    )


class RunValidator:
    """The validator of a run, built when the first batch asks for it (a run with nothing to
    process never loads Great Expectations); at the run's end it builds the Data Docs index only
    when a batch was validated."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._validator: Validator | None = None

    def get(self) -> Validator:
        if self._validator is None:
            from wirehouse.quality.validate import Validator

            self._validator = Validator.from_settings(self._settings)
        return self._validator

    def finish(self) -> None:
        """Build the Data Docs index of the run's batches, when a batch was validated."""
        if self._validator is not None:
            self._validator.finish()


def finish_validation(validator: RunValidator, then: Callable[[], Any]) -> None:
    """At a run's end, also a failed one: ``then`` (the run's end recorded), then the Data Docs index
    of the batches validated, built once per run when a batch was validated. An index that cannot be
    built is a warning: the data is loaded."""
    try:
        then()
    finally:
        try:
            validator.finish()
        except Exception as exc:
            log.warning("the Data Docs index was not built (%s: %s); the next run builds it again",
                        type(exc).__name__, exc)


def run_pipeline(
    spec: SourceSpec,
    settings: Settings,
    *,
    run_id: str | None = None,
    recrawl: bool = False,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> RunSummary:
    """Run every stage over the spec's sources in this process and return what was loaded."""
    summary = RunSummary(run_id=run_id or new_run_id(), source=spec.describe())
    con = open_warehouse(settings)  # DuckDB's faults are named by the step they stopped: here and in drive
    try:
        return drive(inline_stages(con, spec, settings, summary.run_id, recrawl=recrawl), summary, progress=progress)
    finally:
        con.close()

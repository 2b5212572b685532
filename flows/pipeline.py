"""Prefect flow for a wirehouse run: one task per stage and per batch, over the plain library.

Deployment entrypoint: flows/pipeline.py:wirehouse_pipeline (see prefect.yaml).
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Iterator

import duckdb
os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "wirehouse")
os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")  # library lines outside a run
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client
from prefect.client.schemas.objects import ConcurrencyLeaseHolder
from prefect.concurrency.sync import concurrency
from prefect.context import FlowRunContext
from prefect.exceptions import ExternalSignal, ObjectNotFound
from prefect.states import Crashed
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.variables import Variable

from wirehouse.crawl.archive import warc_files
from wirehouse.crawl.sources import SourceSpec, checked_urls, with_opml_feeds
from wirehouse.enrich import Enricher
from wirehouse.errors import ConfigError, SuiteFailed
from wirehouse.pipeline import (
    BatchOutcome,
    Plan,
    PlannedBatch,
    RunSummary,
    RunValidator,
    Stages,
    drive,
    enrich_batch,
    extract_pages,
    finish_run,
    finish_validation,
    new_run_id,
    open_warehouse,
    plan_sources,
    prepare_batch,
    run_faults,
    settle_and_load,
    start_run,
)
from wirehouse.quality.report import dq_markdown
from wirehouse.quality.validate import Validator
from wirehouse.report.summary import answers, markdown
from wirehouse.settings import Settings

# Task results stay in memory: pages and articles are neither hashed for caching nor persisted.
STAGE = dict(cache_policy=NO_CACHE, persist_result=False)
# The global concurrency limit every flow run holds while it uses the DuckDB file. `make deploy`
# creates it with one slot, so two flow runs (an hourly crawl and the daily rollup) never hold the
# file at once; within a run the database tasks run one after the other in the flow's thread.
DB_WRITER = "wirehouse-db-writer"


# The Prefect variable naming the flow run that holds the writer slot: set once the slot is taken,
# removed before it is given back. A run that finds another run's id there when it takes the slot
# knows that run died holding it (its lease lapsed without a release).
WRITER_HOLDER = "wirehouse-db-writer-holder"
FINAL_STATES = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


@contextmanager
def database_writer(lease_seconds: float = 300):
    """Hold the single-writer slot for a whole flow run: one acquisition per run (a slot per task
    cost a round trip to the server per task, and a two-second client back-off whenever the
    server's own database was busy). The lease is renewed while the run lasts and lapses
    ``lease_seconds`` after its process dies; the next run to take the slot then shows the dead
    run as Crashed (``settle_dead_holder``). Without the limit (no `make deploy`, e.g.
    `wirehouse demo`) the run goes ahead."""
    logger = get_run_logger()
    with get_client(sync_client=True) as client:
        try:
            client.read_global_concurrency_limit_by_name(DB_WRITER)
        except ObjectNotFound:
            logger.debug("no concurrency limit %r (make deploy creates it): this run does not wait for "
                         "other runs to release the database", DB_WRITER)
            yield
            return
    context = FlowRunContext.get()
    run = context.flow_run if context else None
    holder = ConcurrencyLeaseHolder(type="flow_run", id=run.id) if run else None
    started = time.perf_counter()
    with concurrency(DB_WRITER, occupy=1, holder=holder, strict=True, lease_duration=lease_seconds):
        waited = time.perf_counter() - started
        if waited >= 1:
            logger.info("waited %.0f s for the database writer slot %r", waited, DB_WRITER)
        if run is None:
            yield
            return
        settle_dead_holder(run)
        Variable.set(WRITER_HOLDER, str(run.id), overwrite=True)
        try:
            yield
        finally:
            try:
                Variable.unset(WRITER_HOLDER)
            except Exception as exc:  # the server is away: the next holder checks this run's state
                logger.warning("could not clear %r (%s)", WRITER_HOLDER, exc)


def settle_dead_holder(run) -> None:
    """The flow run named in WRITER_HOLDER held the writer slot and never gave it back (its
    process was killed, its machine went down, or the server was away when it ended): its lease
    lapsed, which is how this run got the slot. If Prefect still shows it Running (no process is
    left to say otherwise), set it Crashed with a message saying what happened."""
    previous = Variable.get(WRITER_HOLDER)
    if not previous or previous == str(run.id):
        return
    with get_client(sync_client=True) as client:
        try:
            dead = client.read_flow_run(previous)
        except ObjectNotFound:
            return
        if dead.state is None or dead.state.type.value in FINAL_STATES:
            return
        message = (f"This flow run's process stopped and never reported the run's end while it held the warehouse: "
                   "it was killed, its worker or machine went down, or the Prefect server was away when it ended. "
                   f"Flow run {run.name!r} ({run.id}) found it when it took the database writer slot after this "
                   "run's lease lapsed. The batches this run committed are kept (its pipeline_run row says how "
                   "far it got); the next crawl fetches what it left.")
        client.set_flow_run_state(dead.id, Crashed(message=message), force=True)
    get_run_logger().warning("flow run %r (%s) held the database writer slot and stopped without reporting its "
                             "end: set to Crashed", dead.name, dead.id)


@task(name="plan", **STAGE)
def plan_task(spec: SourceSpec, settings: Settings, summary: RunSummary, recrawl: bool) -> Plan:
    """Start the run and read its sources; the batches are cut as the driver takes them (``planned_batches``)."""
    con = open_warehouse(settings)
    try:
        start_run(con, summary.run_id, summary.source)
        return plan_sources(con, spec, settings, summary, recrawl=recrawl)
    finally:
        con.close()


def planned_batches(spec: SourceSpec, settings: Settings, summary: RunSummary, recrawl: bool,
                    con: duckdb.DuckDBPyConnection) -> Iterator[PlannedBatch]:
    """The run's batches, cut in the flow's process as the driver takes them; local inputs (saved
    pages, WARC records) are checked against seen_input on ``con``, the run's hold on the warehouse
    (``warehouse_hold``)."""
    plan = plan_task(spec, settings, summary, recrawl)
    yield from plan.batches(con, settings, summary)


@contextmanager
def warehouse_hold(settings: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    """The flow run's own connection to the warehouse, open from before planning until the run's
    end is recorded. It must stay open the whole run, not only while planning: DuckDB locks the
    file for a process while any connection of it is open, and each task of this flow opens and
    closes its own (tasks take settings, not connections). Without this one the file is unlocked
    between two tasks, and a reader or a writer in another process (`wirehouse query` without
    --snapshot, a `wirehouse run` from cron, which holds no writer slot) that takes it there makes
    the run's next task fail with WarehouseLocked; with it, they are the ones told the file is
    busy. It also keeps DuckDB's cache of the file from one task to the next, and planning checks
    local inputs against seen_input on it."""
    con = open_warehouse(settings)
    try:
        yield con
    finally:
        con.close()


class Parcel:
    """A batch (pages, cleaned articles, enrichments) handed to or returned by a task as one value.
    Prefect walks task inputs and results element by element (lists and dataclasses included)
    looking for futures, which cost more than the work for batches of hundreds of pages; it does
    not look inside a plain object like this one, in the flow's process or on a Dask worker, and
    Dask pickles it as it is (Prefect's own ``quote`` is a tuple, which Dask's argument packing
    turns into a plain tuple)."""

    def __init__(self, value):
        self.value = value


def settled(item):
    """A task's result: a future's (on Dask) once it is done, or the value itself."""
    return item.result() if hasattr(item, "task_run_id") else item


def unpack(item):
    """What a task was given or returned, out of its Parcel."""
    item = settled(item)
    return item.value if isinstance(item, Parcel) else item


@task(name="fetch batch", retries=2, retry_delay_seconds=[2, 10], retry_jitter_factor=0.5, **STAGE)
def fetch_task(planned: Parcel, settings: Settings) -> Parcel:
    """Parcel of the batch's pages and crawl rejections (list[Page | Rejected])."""
    return Parcel(unpack(planned).fetch(settings))


@task(name="clean batch", **STAGE)
def clean_task(results: Parcel, settings: Settings) -> Parcel:
    """Parcel of the batch's ``Extracted`` pages (no database: runs on a Dask worker too)."""
    return Parcel(extract_pages(unpack(results), settings))


@functools.cache
def shared_enricher() -> Enricher:
    """The enricher, loaded once per process (a Dask worker loads it once, not once per batch)."""
    return Enricher.load()


@task(name="outlet priors", **STAGE)
def priors_task(extracted: Parcel, settings: Settings) -> Parcel:
    """Parcel of the batch's ``Prepared`` articles: what the warehouse knows of the batch's outlets
    applied (their templates dropped from the articles, their place priors read for the enricher)."""
    con = open_warehouse(settings)
    try:
        return Parcel(prepare_batch(con, unpack(extracted), settings))
    finally:
        con.close()


@task(name="enrich batch", **STAGE)
def enrich_task(prepared: Parcel, settings: Settings) -> Parcel:
    """Parcel of the enriched and plain articles. Pure compute, no database (the outlets' priors come
    with the batch): duplicates are marked at load time, against the warehouse as it is then, so
    batches may be enriched in parallel (on Dask) and still be de-duplicated in order."""
    return Parcel(enrich_batch(unpack(prepared), shared_enricher(), settings))


@task(name="validate and load batch", **STAGE)
def load_task(batch_id: str, run_id: str, enriched: Parcel, prepared: Parcel, results: Parcel,
              validator: Validator, settings: Settings) -> BatchOutcome:
    con = open_warehouse(settings)
    try:
        return settle_and_load(con, validator, settings, run_id, batch_id, unpack(results), unpack(prepared).cleaned,
                               unpack(enriched)[0])
    finally:
        con.close()


@task(name="finish", **STAGE)
def finish_task(summary: RunSummary, settings: Settings) -> str:
    con = open_warehouse(settings)
    try:
        finish_run(con, summary)
        text = markdown(summary, answers(con))
        docs_index = settings.data_docs_dir / "index.html" if settings.data_docs else None
        quality = dq_markdown(con, summary.run_id, docs_index)
    finally:
        con.close()
    create_markdown_artifact(markdown=text, key="wirehouse-run-summary", description=f"run {summary.run_id}")
    create_markdown_artifact(markdown=quality, key="wirehouse-data-quality",
                             description=f"data quality of run {summary.run_id}")
    if docs_index is not None:
        get_run_logger().info("run %s: Data Docs at %s", summary.run_id, docs_index)
    return text


@contextmanager
def compute_stages(settings: Settings):
    """Where clean and enrich run: inline in the flow (default), or on a DaskTaskRunner when
    ``settings.dask`` (a local cluster of ``settings.workers`` processes, or the scheduler at
    ``settings.dask_address``). Yields ``(submit, window)``: ``submit(task, **parameters)`` returns
    a value or a future, ``window`` is how many batches may wait in clean and in enrich before the
    driver takes the oldest on (``Stages.window``)."""
    if not settings.dask:
        yield (lambda stage, **parameters: stage(**parameters)), 0
        return
    import cloudpickle
    from prefect_dask import DaskTaskRunner

    # this file is loaded by path, not importable on a Dask worker: send its tasks by value
    cloudpickle.register_pickle_by_value(sys.modules[clean_task.fn.__module__])
    if settings.dask_address:
        runner = DaskTaskRunner(address=settings.dask_address)
    else:
        runner = DaskTaskRunner(cluster_kwargs={"n_workers": settings.workers, "threads_per_worker": 1,
                                                "processes": True, "dashboard_address": None})
    with runner:
        share_flow_file(runner.client)
        yield (lambda stage, **parameters: runner.submit(stage, parameters)), max(1, settings.workers)


def share_flow_file(client) -> None:
    """Send this file to the Dask scheduler and workers, which import it under the name it has here
    (``pipeline`` when Prefect loads the entrypoint): Dask pickles a task's graph by reference to
    this module where it can, and a scheduler or worker started on its own has no copy of it.
    Registered under one name, so each run replaces the last run's copy."""
    from distributed.diagnostics.plugin import SchedulerUploadFile, UploadFile

    module = clean_task.fn.__module__
    if module == "__main__" or "." in module:  # pickled by value, or imported from a package
        return
    with tempfile.TemporaryDirectory(prefix="wirehouse-flow-") as folder:
        copy = Path(folder) / f"{module}.py"
        shutil.copyfile(__file__, copy)
        client.register_plugin(SchedulerUploadFile(str(copy)), name="wirehouse-flow-file")
        client.register_plugin(UploadFile(str(copy)), name="wirehouse-flow-file")


def run_batches(spec: SourceSpec, settings: Settings, *, recrawl: bool = False) -> RunSummary:
    """The body of every crawl flow: the library's driver (``wirehouse.pipeline.drive``) over the
    tasks of this file. Loads run here, one at a time and in batch order, whatever runs clean and
    enrich; the run holds the database writer slot throughout."""
    with database_writer(settings.writer_lease_s):
        summary = RunSummary(run_id=new_run_id(), source=spec.describe())
        with compute_stages(settings) as (submit, window), warehouse_hold(settings) as held:
            drive(flow_stages(spec, settings, summary.run_id, submit, window, held, recrawl=recrawl), summary,
                  logger=get_run_logger())
    if summary.failed_batches:
        raise SuiteFailed(summary.message)
    if summary.source_errors:
        raise ConfigError(summary.message)
    return summary


def flow_stages(spec: SourceSpec, settings: Settings, run_id: str, submit, window: int,
                held: duckdb.DuckDBPyConnection, *, recrawl: bool = False) -> Stages:
    """Each stage as a task of this file: fetch, priors and the database stages in the flow's
    process, clean and enrich through ``submit`` (inline, or on Dask: see ``compute_stages``).
    ``held``: the run's hold on the warehouse (``warehouse_hold``), on which planning reads."""
    # a worker process must not start its own process pool
    remote = settings.model_copy(update={"workers": 1}) if settings.dask else settings

    validator = RunValidator(settings)

    def load(planned: PlannedBatch, results, prepared, enriched) -> BatchOutcome:
        enriched = settled(enriched)  # errors of remote stages surface here
        return load_task(planned.batch_id, run_id, enriched, prepared, results, validator.get(), settings)

    return Stages(
        plan=lambda summary: planned_batches(spec, settings, summary, recrawl, held),
        fetch=lambda planned: fetch_task(Parcel(planned), settings),
        clean=lambda results: submit(clean_task, results=results, settings=remote),
        priors=lambda extracted: priors_task(settled(extracted), settings),
        enrich=lambda prepared: submit(enrich_task, prepared=prepared, settings=remote),
        load=load,
        finish=lambda summary: finish_validation(validator, lambda: finish_task(summary, settings)),
        window=window,
        stopped=stopped_from_outside,
        faults=run_faults(settings),
    )


def flow_settings(db_path: str | None = None, **overrides) -> Settings:
    """Settings of a flow run: the environment (WIREHOUSE_*), then the run's parameters."""
    from pydantic import ValidationError

    if db_path:
        overrides["db_path"] = Path(db_path)
    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"invalid flow parameters or WIREHOUSE_* settings: {problems}") from None


def source_spec(feeds=None, sitemaps=None, urls=None, html_dir=None, opml=None, warc=None, spider=None,
                *, base: Path | None = None, where: str = "parameter") -> SourceSpec:
    """A SourceSpec from flow parameters (or a sources file, named in ``where``): feeds of OPML
    lists are added to the feeds, relative file paths (html_dir, opml, warc) are taken from
    ``base``; entries that are not http(s) URLs are skipped and reported."""

    def local(value) -> Path:
        path = Path(value).expanduser()
        return path if base is None or path.is_absolute() else (base / path).resolve()

    def check(key: str, values) -> tuple[tuple[str, ...], tuple]:
        return checked_urls([(f"{where} {key} item {n}", v) for n, v in enumerate(values or (), start=1)])

    feeds, bad_feeds = check("feeds", feeds)
    feeds, bad_outlines = with_opml_feeds(feeds, [local(path) for path in opml or ()])
    problems = bad_feeds + bad_outlines
    sitemaps, bad_sitemaps = check("sitemaps", sitemaps)
    urls, bad_urls = check("urls", urls)
    spider, bad_spider = check("spider", spider)
    warc_inputs = tuple(local(w) for w in warc or ())
    if warc_inputs and not warc_files(warc_inputs):
        raise ConfigError(f"no .warc or .warc.gz file in {', '.join(map(str, warc_inputs))}; check the warc list")
    folder = local(html_dir) if html_dir else None
    if folder is not None and not folder.is_dir():
        raise ConfigError(f"html_dir {folder} is not a folder")
    return SourceSpec(feeds=feeds, sitemaps=sitemaps, urls=urls, html_dir=folder, warc=warc_inputs, spider=spider,
                      problems=problems + bad_sitemaps + bad_urls + bad_spider)


@flow(name="wirehouse-pipeline", task_runner=ThreadPoolTaskRunner(max_workers=2))
def wirehouse_pipeline(
    feeds: list[str] | None = None,
    sitemaps: list[str] | None = None,
    urls: list[str] | None = None,
    html_dir: str | None = None,
    db_path: str | None = None,
    allow_loopback: bool = False,
    host_map: dict[str, str] | None = None,
    recrawl: bool = False,
    max_articles: int | None = None,
    dask: bool | None = None,
    opml: list[str] | None = None,
    warc: list[str] | None = None,
    spider: list[str] | None = None,
    spider_depth: int | None = None,
    spider_max_pages: int | None = None,
    spider_include: list[str] | None = None,
    spider_exclude: list[str] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> RunSummary:
    """Crawl the sources, then clean, enrich, validate and load them batch by batch.

    Sources: feeds, OPML files of feeds, sitemaps, article URLs, a folder of HTML files, WARC files
    or folders (no network), spider start pages (same-site links, ``spider_depth`` levels, at most
    ``spider_max_pages`` per start, ``spider_include``/``spider_exclude`` regexes). Feed and
    sitemap entries dated outside ``since``..``until`` are skipped."""
    settings = flow_settings(db_path, allow_loopback=allow_loopback, host_map=host_map or {},
                             max_articles=max_articles, dask=dask, spider_depth=spider_depth,
                             spider_max_pages=spider_max_pages, spider_include=spider_include,
                             spider_exclude=spider_exclude, since=since, until=until)
    spec = source_spec(feeds, sitemaps, urls, html_dir, opml, warc, spider)
    return run_batches(spec, settings, recrawl=recrawl)


def stopped_from_outside(exc: BaseException) -> bool:
    """Whether ``exc`` is, wraps or was raised while handling the signal a cancel or a stopping
    worker sends (it may surface from a task thread or an exception group as another exception),
    or the flow run is being cancelled."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, ExternalSignal):
            return True
        todo.extend(getattr(e, "exceptions", ()) or ())
        todo.extend((e.__cause__, e.__context__))
    try:
        from prefect import get_client
        from prefect.runtime import flow_run

        with get_client(sync_client=True) as client:
            state = client.read_flow_run(flow_run.id).state
        return state is not None and state.type.value in ("CANCELLING", "CANCELLED")
    except Exception:  # no server, or not inside a flow run: only the exception tells
        return False


if __name__ == "__main__":
    wirehouse_pipeline()

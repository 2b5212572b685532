"""Prefect flow for a wirehouse run: one task per stage and per batch, over the plain library.

Deployment entrypoint: flows/pipeline.py:wirehouse_pipeline (see prefect.yaml).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "wirehouse")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from wirehouse.crawl.sources import SourceSpec
from wirehouse.enrich import Enricher
from wirehouse.errors import SuiteFailed
from wirehouse.pipeline import (
    BatchOutcome,
    Cleaned,
    PlannedBatch,
    RunSummary,
    clean_pages,
    enrich_articles,
    finish_run,
    known_fingerprints,
    new_run_id,
    open_warehouse,
    plan_batches,
    start_run,
    validate_and_load,
)
from wirehouse.clean.dedup import mark_duplicates
from wirehouse.quality.validate import Validator
from wirehouse.records import Page, Rejected
from wirehouse.report.summary import answers, markdown
from wirehouse.settings import Settings

# Task results stay in memory: pages and articles are neither hashed for caching nor persisted.
STAGE = dict(cache_policy=NO_CACHE, persist_result=False)


@task(name="plan", **STAGE)
def plan_task(spec: SourceSpec, settings: Settings, summary: RunSummary, recrawl: bool) -> list[PlannedBatch]:
    con = open_warehouse(settings)
    try:
        start_run(con, summary.run_id, summary.source)
        return plan_batches(con, spec, settings, summary, recrawl=recrawl)
    finally:
        con.close()


@task(name="fetch batch", retries=2, retry_delay_seconds=[2, 10], **STAGE)
def fetch_task(planned: PlannedBatch, settings: Settings) -> list[Page | Rejected]:
    return planned.fetch(settings)


@task(name="clean batch", **STAGE)
def clean_task(results: list[Page | Rejected], settings: Settings) -> Cleaned:
    return clean_pages(results, settings)


@task(name="enrich batch", **STAGE)
def enrich_task(cleaned: Cleaned, enricher: Enricher, settings: Settings):
    con = open_warehouse(settings)
    try:
        seen = known_fingerprints(con)
    finally:
        con.close()
    articles = mark_duplicates(cleaned.articles, seen, max_distance=settings.near_duplicate_distance)
    return enrich_articles(articles, enricher, settings)


@task(name="validate and load batch", tags=["wirehouse-db-writer"], **STAGE)
def load_task(batch_id: str, run_id: str, enriched, cleaned: Cleaned, results, validator: Validator,
              settings: Settings) -> BatchOutcome:
    fetched = [r for r in results if isinstance(r, Page) or r.stage == "crawl"]
    con = open_warehouse(settings)
    try:
        return validate_and_load(con, validator, run_id, batch_id, enriched[0], enriched[1], cleaned.rejected,
                                 cleaned.pages, fetched)
    finally:
        con.close()


@task(name="finish", **STAGE)
def finish_task(summary: RunSummary, settings: Settings) -> str:
    con = open_warehouse(settings)
    try:
        finish_run(con, summary)
        text = markdown(summary, answers(con))
    finally:
        con.close()
    create_markdown_artifact(markdown=text, key="wirehouse-run-summary", description=f"run {summary.run_id}")
    return text


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
) -> RunSummary:
    """Crawl the sources, then clean, enrich, validate and load them batch by batch."""
    logger = get_run_logger()
    started = time.perf_counter()
    overrides = {"allow_loopback": allow_loopback, "host_map": host_map or {}, "max_articles": max_articles}
    if db_path:
        overrides["db_path"] = Path(db_path)
    settings = Settings(**overrides)
    spec = SourceSpec(
        feeds=tuple(feeds or ()), sitemaps=tuple(sitemaps or ()), urls=tuple(urls or ()),
        html_dir=Path(html_dir) if html_dir else None,
    )
    summary = RunSummary(run_id=new_run_id(), source=spec.describe())
    enricher = Enricher.load()
    validator = Validator(settings.expectations_dir)
    batches = plan_task(spec, settings, summary, recrawl)
    logger.info("run %s: %d batches to process from %s", summary.run_id, len(batches), summary.source)
    try:
        for planned in batches:
            results = fetch_task(planned, settings)
            cleaned = clean_task(results, settings)
            enriched = enrich_task(cleaned, enricher, settings)
            try:
                outcome = load_task(planned.batch_id, summary.run_id, enriched, cleaned, results, validator, settings)
            except SuiteFailed as exc:
                logger.error("%s", exc)
                summary.failed_batches.append(planned.batch_id)
                summary.message = str(exc)
                continue
            summary.add(outcome)
            logger.info("batch %s: %d articles, %d event mentions, %d quarantined",
                        planned.batch_id, outcome.articles, outcome.events, outcome.quarantined)
        summary.status = "failed" if summary.failed_batches else "succeeded"
    finally:
        summary.seconds = time.perf_counter() - started
        if summary.status == "running":
            summary.status = "failed"
        finish_task(summary, settings)
    if summary.failed_batches:
        raise SuiteFailed(summary.message)
    return summary


if __name__ == "__main__":
    wirehouse_pipeline()

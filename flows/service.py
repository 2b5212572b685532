"""Flows for running wirehouse as a service (deployments in prefect.yaml):

- ``wirehouse-crawl``: the hourly incremental crawl-and-load of the sources in a sources file;
- ``wirehouse-rollup``: the daily rollup: views refreshed, the Parquet export rewritten, the HTML
  report rewritten, warehouse totals, data quality of the last day and the analytics answers, as
  artifacts;
- ``wirehouse-reprocess``: clean, enrich, validate and load again the pages of the WARC archive;
- ``wirehouse-demo``: serves the bundled demo sites inside the flow run and crawls them.

Each crawl flow runs the same batches as flows/pipeline.py (``run_batches``).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Iterator

os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "wirehouse")
os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")  # library lines outside a run
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

import duckdb
import yaml
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact

from wirehouse.crawl.sources import SourceSpec
from wirehouse.errors import ConfigError
from wirehouse.pipeline import RunSummary, open_warehouse, warehouse_totals
from wirehouse.quality.report import docs_link
from wirehouse.report.export import export_warehouse
from wirehouse.report.html import default_report_path, report_markdown, write_report
from wirehouse.report.summary import answers, answers_markdown, clip, md_cell
from wirehouse.settings import Settings
from wirehouse.warehouse.db import faults_named, reader



def _sibling(name: str):
    """A module of this folder, imported once under a name of its own (the folder is no package)."""
    module_name = f"wirehouse_flows_{name}"
    if module_name not in sys.modules:
        spec = importlib.util.spec_from_file_location(module_name, Path(__file__).with_name(f"{name}.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
    return sys.modules[module_name]


# the batch tasks and their driver live next to this file
_pipeline = _sibling("pipeline")
run_batches = _pipeline.run_batches
flow_settings = _pipeline.flow_settings
source_spec = _pipeline.source_spec
STAGE, database_writer = _pipeline.STAGE, _pipeline.database_writer

SOURCE_LISTS = ("feeds", "opml", "sitemaps", "urls", "warc", "spider")  # lists of URLs or paths
SETTING_KEYS = ("spider_depth", "spider_max_pages", "spider_include", "spider_exclude", "since", "until")
SOURCE_KEYS = SOURCE_LISTS + ("html_dir",) + SETTING_KEYS


def _when(value, key: str, path: Path) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError(f"sources file {path}: {key} {value!r} is not an ISO date or time; "
                          "write e.g. 2026-03-01 or 2026-03-01T12:00") from None


# The commented example a new sources file is made from (shipped at the top of the project).
EXAMPLE_SOURCES = Path(__file__).resolve().parent.parent / "sources.example.yaml"


def read_sources(path: Path) -> tuple[SourceSpec, dict]:
    """A sources file: YAML with lists ``feeds``, ``opml``, ``sitemaps``, ``urls``, ``warc``,
    ``spider``, an optional ``html_dir`` (paths relative to the file), and the crawl options
    ``spider_depth``, ``spider_max_pages``, ``spider_include``, ``spider_exclude``, ``since``,
    ``until``. Returns the spec and the options as Settings overrides."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(
            f"cannot read the sources file {path}: {exc.strerror or exc}; create it from the commented example "
            f"(cp {EXAMPLE_SOURCES.name} {path}, then list your feeds and sitemaps), or set "
            "WIREHOUSE_SOURCES_FILE (the flow parameter sources_file) to another file"
        ) from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"sources file {path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or set(data) - set(SOURCE_KEYS):
        raise ConfigError(
            f"sources file {path} should be a mapping with the keys {', '.join(SOURCE_KEYS)}"
            + (f"; unknown: {', '.join(sorted(map(str, set(data) - set(SOURCE_KEYS))))}" if isinstance(data, dict) else "")
        )
    lists = {}
    for key in SOURCE_LISTS + ("spider_include", "spider_exclude"):
        value = data.get(key) or []
        if isinstance(value, str) or not all(isinstance(v, str) for v in value):
            what = "regular expressions" if key.startswith("spider_") else "paths" if key in ("opml", "warc") else "URLs"
            raise ConfigError(f"sources file {path}: {key} should be a list of {what}")
        lists[key] = tuple(v.strip() for v in value if v.strip())
    options: dict = {}
    for key in ("spider_depth", "spider_max_pages"):
        value = data.get(key)
        if value is not None:
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ConfigError(f"sources file {path}: {key} should be a whole number, not {value!r}")
            options[key] = value
    for key in ("spider_include", "spider_exclude"):
        if lists[key]:
            options[key] = lists.pop(key)
        else:
            lists.pop(key)
    for key in ("since", "until"):
        if data.get(key) is not None:
            options[key] = _when(data[key], key, path)
    try:
        spec = source_spec(html_dir=data.get("html_dir"), base=Path(path).parent.resolve(), where=str(path), **lists)
    except ConfigError as exc:
        raise ConfigError(f"sources file {path}: {exc}") from None
    if spec.is_empty():
        unusable = f"; {spec.problems[0].message}" if spec.problems else ""
        raise ConfigError(f"sources file {path} lists nothing to crawl: add feeds, opml, sitemaps, urls, "
                          f"spider, warc or html_dir{unusable}")
    return spec, options


def read_sources_file(path: Path) -> SourceSpec:
    """The sources of a sources file (see ``read_sources``)."""
    return read_sources(path)[0]


@flow(name="wirehouse-crawl")
def wirehouse_crawl(sources_file: str | None = None, db_path: str | None = None, recrawl: bool = False,
                    max_articles: int | None = None, since: datetime | None = None,
                    until: datetime | None = None) -> RunSummary:
    """Incremental crawl-and-load of the configured sources: new and due URLs only (the frontier in
    the warehouse remembers what was fetched), unless ``recrawl``. The sources file may set the
    spider options and a ``since``/``until`` window; the run's ``since``/``until`` override it."""
    path = Path(sources_file) if sources_file else flow_settings(db_path).sources_file
    spec, options = read_sources(path)
    options.update({k: v for k, v in (("since", since), ("until", until)) if v is not None})
    settings = flow_settings(db_path, max_articles=max_articles, **options)
    get_run_logger().info("crawling %s from %s into %s", spec.describe(), path, settings.database)
    return run_batches(spec, settings, recrawl=recrawl)


@flow(name="wirehouse-demo")
def wirehouse_demo(db_path: str | None = None, dask: bool | None = None,
                   max_articles: int | None = None) -> RunSummary:
    """Serve the bundled demo news sites on 127.0.0.1 for the length of the run and crawl them."""
    from wirehouse.demo.server import DemoSites
    from wirehouse.demo_run import demo_settings, demo_spec

    settings = flow_settings(db_path, dask=dask, max_articles=max_articles)
    with DemoSites(public_hosts=True) as sites:
        get_run_logger().info("demo sites serving %s", ", ".join(sorted(sites.host_map.values())))
        return run_batches(demo_spec(sites), demo_settings(sites, settings))


@flow(name="wirehouse-reprocess")
def wirehouse_reprocess(archive: str | None = None, db_path: str | None = None) -> RunSummary:
    """Clean, enrich, validate and load again every page of the WARC archive (default
    ``<data_dir>/archive``), without the network: after an upgrade of the cleaner, the enricher or
    the expectations. Loads are idempotent, so articles are updated, not doubled."""
    settings = flow_settings(db_path)
    folder = Path(archive) if archive else settings.warc_dir
    if not folder.is_dir():
        raise ConfigError(f"no WARC archive at {folder}; crawl first or give the archive parameter "
                          "(or set WIREHOUSE_ARCHIVE_DIR)")
    spec = source_spec(warc=[folder])
    get_run_logger().info("reprocessing %s into %s", spec.describe(), settings.database)
    return run_batches(spec, settings)


# -- daily rollup --------------------------------------------------------------------------------

DQ_LAST_DAY = """
select suite, expectation, coalesce(column_name, '') as column_name, severity,
       count(*) as batches, count(*) filter (where not success) as failed_batches,
       cast(coalesce(sum(unexpected_count), 0) as bigint) as unexpected_rows
from dq_result where validated_at >= now()::timestamp - interval 1 day
group by all order by failed_batches desc, suite, expectation
"""
RUNS_LAST_DAY = """
select count(*) as runs, count(*) filter (where status = 'succeeded') as succeeded,
       coalesce(sum(pages_fetched), 0) as pages, coalesce(sum(articles_loaded), 0) as articles,
       coalesce(sum(events), 0) as events, coalesce(sum(quarantined), 0) as quarantined
from pipeline_run where started_at >= now()::timestamp - interval 1 day
"""


def _cell(value):
    """A JSON-safe table artifact cell: numbers and flags as they are, anything else clipped text."""
    return value if value is None or isinstance(value, (bool, int, float)) else clip(value, 60)


@contextmanager
def rollup_reader(settings: Settings, step: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection under WIREHOUSE_DB_MEMORY_LIMIT for a step of the rollup; a DuckDB
    fault in the step (out of memory, a damaged file) is raised as the one line naming it."""
    with faults_named(settings.db_memory_limit, step, database=settings.database), \
            reader(settings.database, memory_limit=settings.db_memory_limit) as con:
        yield con


@task(name="refresh views", **STAGE)
def refresh_task(settings: Settings) -> dict[str, int]:
    """Bring the schema and views up to date; the warehouse totals."""
    con = open_warehouse(settings)
    try:
        with faults_named(settings.db_memory_limit, "the daily rollup's refresh of the views", database=settings.database):
            return warehouse_totals(con)
    finally:
        con.close()


@task(name="report", **STAGE)
def report_task(settings: Settings, totals: dict[str, int], files: str = "") -> str:
    """The day in numbers, the data-quality outcomes and the analytics answers, as artifacts."""
    with rollup_reader(settings, "the daily rollup's report") as con:
        runs = dict(zip(("runs", "succeeded", "pages", "articles", "events", "quarantined"),
                        con.execute(RUNS_LAST_DAY).fetchall()[0]))
        dq = con.sql(DQ_LAST_DAY).to_arrow_table().to_pylist()
        results = answers(con)
    lines = ["# wirehouse daily rollup", "", f"Warehouse `{md_cell(settings.database)}`", "",
             "| last 24 hours | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in runs.items()]
    lines += ["", "| table | rows |", "|---|---|"] + [f"| {k} | {v} |" for k, v in totals.items()]
    if files:
        lines += ["", files.rstrip("\n")]
    text = "\n".join(lines + answers_markdown(results)) + "\n"
    create_markdown_artifact(markdown=text, key="wirehouse-daily-report", description="daily rollup")
    create_table_artifact(table=[{k: _cell(v) for k, v in row.items()} for row in dq]
                          or [{"suite": "(no validations in the last 24 hours)"}],
                          key="wirehouse-data-quality", description="expectation outcomes, last 24 hours")
    return text


@task(name="export", **STAGE)
def export_task(settings: Settings) -> dict[str, int]:
    """Rewrite the Parquet export (partitioned by date) in ``<data_dir>/exports/parquet``."""
    with rollup_reader(settings, "the daily rollup's Parquet export") as con:
        result = export_warehouse(con, export_dir(settings), "parquet")
    get_run_logger().info("exported %s to %s", result.rows, result.out)
    return result.rows


@task(name="html report", **STAGE)
def html_report_task(settings: Settings) -> str:
    """Rewrite the HTML report (``report.html`` next to the database); artifacts: a link to it and
    a markdown summary. Returns the file's path."""
    with rollup_reader(settings, "the daily rollup's HTML report") as con:
        result = write_report(con, default_report_path(settings.database), database=str(settings.database))
    create_link_artifact(link=result.path.resolve().as_uri(), link_text="wirehouse report", key="wirehouse-report",
                         description="the HTML report: charts, map, top actors and outlets, events with evidence")
    create_markdown_artifact(markdown=report_markdown(result), key="wirehouse-report-summary",
                             description="what the HTML report covers")
    get_run_logger().info("report of %s written to %s", settings.database, result.path)
    return str(result.path)


def export_dir(settings: Settings) -> Path:
    return settings.data_dir / "exports" / "parquet"


def files_markdown(settings: Settings, exported: dict[str, int], report: Path | None = None) -> str:
    """Where the rollup's files are: the export folder, the HTML report and the Data Docs, as file links."""
    folder = export_dir(settings).resolve()
    docs = settings.data_docs_dir / "index.html" if settings.data_docs else None
    lines = ["## Files", "",
             f"- [Parquet export]({folder.as_uri()}) (`{md_cell(folder)}`, partitioned by date): "
             + ", ".join(f"{md_cell(k)} {v} rows" for k, v in exported.items()),
             *([f"- [HTML report]({report.resolve().as_uri()}) (`{md_cell(report)}`, one file, works offline)"]
               if report is not None else []),
             "- " + (docs_link(docs) if docs is None or docs.is_file()
                     else f"no Data Docs yet at `{md_cell(docs)}` (a crawl run writes them)")]
    return "\n".join(lines) + "\n"


@flow(name="wirehouse-rollup")
def wirehouse_rollup(db_path: str | None = None) -> dict[str, int]:
    """Daily: refresh the views, rewrite the Parquet export and the HTML report, then report the
    day's runs, data quality and analytics answers with links to the export, the report and the
    Data Docs."""
    settings = flow_settings(db_path)
    if not settings.database.is_file():
        raise ConfigError(f"no warehouse at {settings.database}: run a crawl first or set WIREHOUSE_DB_PATH")
    with database_writer(settings.writer_lease_s):
        totals = refresh_task(settings)
        exported = export_task(settings)
        page = html_report_task(settings)
        report_task(settings, totals, files_markdown(settings, exported, Path(page)))
    create_link_artifact(link=export_dir(settings).resolve().as_uri(), link_text="Parquet export",
                         key="wirehouse-export", description="the daily Parquet export, partitioned by date")
    docs = settings.data_docs_dir / "index.html"
    if settings.data_docs and docs.is_file():
        create_link_artifact(link=docs.resolve().as_uri(), link_text="Data Docs", key="wirehouse-data-docs",
                             description="Great Expectations Data Docs of the validated batches")
    get_run_logger().info("rollup of %s: %s", settings.database, totals)
    return totals

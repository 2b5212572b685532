"""Flows for running wirehouse as a service (deployments in prefect.yaml):

- ``wirehouse-crawl``: the hourly incremental crawl-and-load of the sources in a sources file;
- ``wirehouse-rollup``: the daily rollup: views refreshed, warehouse totals, data quality of the
  last day and the analytics answers, as artifacts;
- ``wirehouse-demo``: serves the bundled demo sites inside the flow run and crawls them.

Each crawl flow runs the same batches as flows/pipeline.py (``run_batches``).
"""

from __future__ import annotations

import html
import importlib.util
import os
import sys
from pathlib import Path

os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "wirehouse")
os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")  # library lines outside a run
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

import yaml
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from wirehouse.crawl.sources import SourceSpec
from wirehouse.errors import ConfigError
from wirehouse.pipeline import RunSummary, open_warehouse, warehouse_totals
from wirehouse.report.summary import answers, clip
from wirehouse.settings import Settings
from wirehouse.warehouse.db import connect



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
STAGE, DB_WRITER = _pipeline.STAGE, _pipeline.DB_WRITER

SOURCE_KEYS = ("feeds", "sitemaps", "urls", "html_dir")


def read_sources_file(path: Path) -> SourceSpec:
    """A sources file: YAML with lists ``feeds``, ``sitemaps``, ``urls`` and an optional ``html_dir``."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(
            f"cannot read the sources file {path}: {exc}; create it or set WIREHOUSE_SOURCES_FILE "
            "(the flow parameter sources_file) to another file"
        ) from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"sources file {path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or set(data) - set(SOURCE_KEYS):
        raise ConfigError(
            f"sources file {path} should be a mapping with the keys {', '.join(SOURCE_KEYS)}"
            + (f"; unknown: {', '.join(sorted(map(str, set(data) - set(SOURCE_KEYS))))}" if isinstance(data, dict) else "")
        )
    lists = {}
    for key in ("feeds", "sitemaps", "urls"):
        value = data.get(key) or []
        if isinstance(value, str) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"sources file {path}: {key} should be a list of URLs")
        lists[key] = tuple(v.strip() for v in value if v.strip())
    html_dir = data.get("html_dir")
    if html_dir is not None:
        html_dir = (Path(path).parent / str(html_dir)).resolve()
        if not html_dir.is_dir():
            raise ConfigError(f"sources file {path}: html_dir {html_dir} is not a folder")
    spec = SourceSpec(html_dir=html_dir, **lists)
    if spec.is_empty():
        raise ConfigError(f"sources file {path} lists nothing to crawl: add feeds, sitemaps, urls or html_dir")
    return spec


@flow(name="wirehouse-crawl")
def wirehouse_crawl(sources_file: str | None = None, db_path: str | None = None, recrawl: bool = False,
                    max_articles: int | None = None) -> RunSummary:
    """Incremental crawl-and-load of the configured sources: new and due URLs only (the frontier in
    the warehouse remembers what was fetched), unless ``recrawl``."""
    settings = flow_settings(db_path, max_articles=max_articles)
    path = Path(sources_file) if sources_file else settings.sources_file
    spec = read_sources_file(path)
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


# -- daily rollup --------------------------------------------------------------------------------

DQ_LAST_DAY = """
select suite, expectation, coalesce(column_name, '') as column_name, severity,
       count(*) as batches, count(*) filter (where not success) as failed_batches,
       coalesce(sum(unexpected_count), 0) as unexpected_rows
from dq_result where validated_at >= now()::timestamp - interval 1 day
group by all order by failed_batches desc, suite, expectation
"""
RUNS_LAST_DAY = """
select count(*) as runs, count(*) filter (where status = 'succeeded') as succeeded,
       coalesce(sum(pages_fetched), 0) as pages, coalesce(sum(articles_loaded), 0) as articles,
       coalesce(sum(events), 0) as events, coalesce(sum(quarantined), 0) as quarantined
from pipeline_run where started_at >= now()::timestamp - interval 1 day
"""


def _md(value) -> str:
    return html.escape(clip(value, 60)).replace("|", "&#124;")


@task(name="refresh views", tags=[DB_WRITER], **STAGE)
def refresh_task(settings: Settings) -> dict[str, int]:
    """Bring the schema and views up to date; the warehouse totals."""
    con = open_warehouse(settings)
    try:
        return warehouse_totals(con)
    finally:
        con.close()


@task(name="report", tags=[DB_WRITER], **STAGE)
def report_task(settings: Settings, totals: dict[str, int]) -> str:
    """The day in numbers, the data-quality outcomes and the analytics answers, as artifacts."""
    con = connect(settings.database, read_only=True)
    try:
        runs = dict(zip(("runs", "succeeded", "pages", "articles", "events", "quarantined"),
                        con.execute(RUNS_LAST_DAY).fetchall()[0]))
        dq = con.execute(DQ_LAST_DAY).fetch_arrow_table().to_pylist()
        results = answers(con)
    finally:
        con.close()
    lines = ["# wirehouse daily rollup", "", f"Warehouse `{_md(settings.database)}`", "",
             "| last 24 hours | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in runs.items()]
    lines += ["", "| table | rows |", "|---|---|"] + [f"| {k} | {v} |" for k, v in totals.items()]
    for title, table in results:
        lines += ["", f"## {html.escape(title)}", ""]
        if table.num_rows == 0:
            lines.append("(no rows)")
            continue
        lines.append("| " + " | ".join(_md(c) for c in table.column_names) + " |")
        lines.append("|" + "---|" * table.num_columns)
        lines += ["| " + " | ".join(_md(v) for v in row.values()) + " |" for row in table.to_pylist()]
    text = "\n".join(lines) + "\n"
    create_markdown_artifact(markdown=text, key="wirehouse-daily-report", description="daily rollup")
    create_table_artifact(table=[{k: (clip(v, 60) if isinstance(v, str) else v) for k, v in row.items()} for row in dq]
                          or [{"suite": "(no validations in the last 24 hours)"}],
                          key="wirehouse-data-quality", description="expectation outcomes, last 24 hours")
    return text


@flow(name="wirehouse-rollup")
def wirehouse_rollup(db_path: str | None = None) -> dict[str, int]:
    """Daily: refresh the views, then report the day's runs, data quality and analytics answers."""
    settings = flow_settings(db_path)
    if not settings.database.is_file():
        raise ConfigError(f"no warehouse at {settings.database}: run a crawl first or set WIREHOUSE_DB_PATH")
    totals = refresh_task(settings)
    report_task(settings, totals)
    get_run_logger().info("rollup of %s: %s", settings.database, totals)
    return totals

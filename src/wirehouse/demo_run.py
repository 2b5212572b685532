"""Run the pipeline on the bundled demo sites: through the Prefect flow when the checkout has it,
else straight through the library."""

from __future__ import annotations

import logging
from typing import Callable

from wirehouse.crawl.sources import SourceSpec
from wirehouse.pipeline import RunSummary, run_pipeline
from wirehouse.report.html import ReportResult, default_report_path, write_report
from wirehouse.resources import flows_dir
from wirehouse.settings import Settings

log = logging.getLogger(__name__)


def demo_settings(sites, settings: Settings) -> Settings:
    """The demo sites are reached on loopback under their own host names."""
    return settings.model_copy(update={"allow_loopback": True, "host_map": dict(sites.host_map)})


def demo_spec(sites) -> SourceSpec:
    return SourceSpec(feeds=tuple(sites.feed_urls().values()), sitemaps=tuple(sites.sitemap_urls().values()))


def run_demo(sites, settings: Settings, *, use_prefect: bool = True,
             progress: Callable[[str, int, int | None], None] | None = None) -> RunSummary:
    settings = demo_settings(sites, settings)
    spec = demo_spec(sites)
    folder = flows_dir() if use_prefect else None
    if folder is None:
        if use_prefect:
            log.warning("no flows/ folder next to this installation; running without Prefect")
        return run_pipeline(spec, settings, progress=progress)
    from prefect.flows import load_flow_from_entrypoint

    flow = load_flow_from_entrypoint(f"{folder / 'pipeline.py'}:wirehouse_pipeline")
    return flow(
        feeds=list(spec.feeds),
        sitemaps=list(spec.sitemaps),
        db_path=str(settings.database),
        allow_loopback=True,
        host_map=settings.host_map,
    )


def demo_report(settings: Settings) -> ReportResult:
    """The HTML report of the demo warehouse, next to the database file."""
    from wirehouse.warehouse.db import reader

    with reader(settings.database) as con:
        return write_report(con, default_report_path(settings.database), database=str(settings.database))

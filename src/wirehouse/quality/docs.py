"""Data Docs: one static HTML page per suite and batch, rendered by Great Expectations' site
builder into a folder (``<data_dir>/data_docs/index.html`` lists them all).

The validation results the pages are built from are kept as JSON next to the site
(``data_docs/_results/``), so that the index still lists earlier runs after a restart.
Crawled values are clipped and HTML-escaped before GX sees them: its validation page inserts
unexpected values into the HTML as they are.
"""

from __future__ import annotations

import html
import logging
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urlsplit

log = logging.getLogger(__name__)

SITE = "wirehouse"
RESULTS_STORE = "wirehouse_docs_results"
INDEX_LIMIT = 500  # validation pages listed on the index (newest first)
VALUE_CHARS = 80  # crawled values are clipped to this many characters on the pages
SHOWN_VALUES = 20

# Result keys that carry every failing row (or its index): not needed on a page, and large.
_DROPPED_KEYS = ("unexpected_list", "unexpected_index_list", "unexpected_index_query",
                 "partial_unexpected_index_list", "unexpected_rows")


def safe_value(value):
    """A crawled value as it may appear on a page: clipped, one line, HTML-escaped."""
    if isinstance(value, str):
        text = " ".join(value.split())
        if len(text) > VALUE_CHARS:
            text = text[: VALUE_CHARS - 1] + "…"
        return html.escape(text)
    if isinstance(value, (list, tuple)):
        return [safe_value(v) for v in value]
    if isinstance(value, dict):
        return {k: safe_value(v) for k, v in value.items()}
    return value


def sanitize(suite_result) -> None:
    """Clip and escape the crawled values in a GX suite result, in place, and drop row lists."""
    for item in suite_result.results:
        detail = item.result
        if not detail:
            continue
        for key in _DROPPED_KEYS:
            detail.pop(key, None)
        if "partial_unexpected_list" in detail:
            detail["partial_unexpected_list"] = safe_value(detail["partial_unexpected_list"][:SHOWN_VALUES])
        if "partial_unexpected_counts" in detail:
            detail["partial_unexpected_counts"] = [
                {**c, "value": safe_value(c.get("value"))} for c in detail["partial_unexpected_counts"][:SHOWN_VALUES]
            ]
        if "observed_value" in detail:
            detail["observed_value"] = safe_value(detail["observed_value"])
        if "details" in detail:
            detail["details"] = safe_value(detail["details"])


def _path_of(url: str | None) -> Path | None:
    if not url:
        return None
    parts = urlsplit(url)
    return Path(unquote(parts.path)) if parts.scheme == "file" else None


class DataDocs:
    """The Data Docs site of one GX context. ``publish`` renders a batch's suite results."""

    def __init__(self, context, folder: Path) -> None:
        self.folder = Path(folder).resolve()
        self._context = context
        context.add_store(
            RESULTS_STORE,
            {
                "class_name": "ValidationResultsStore",
                "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                                  "base_directory": str(self.folder / "_results")},
            },
        )
        context.add_data_docs_site(
            SITE,
            {
                "class_name": "SiteBuilder",
                "show_how_to_buttons": False,
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(self.folder)},
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder", "validation_results_limit": INDEX_LIMIT},
                "site_section_builders": {
                    "validations": {"source_store_name": RESULTS_STORE},
                    "profiling": "None",
                },
            },
        )

    @property
    def index(self) -> Path:
        return self.folder / "index.html"

    def publish(self, batch_id: str, results: dict) -> dict[str, Path]:
        """Render ``{suite: GX suite result}`` of one batch; returns each suite's page."""
        from great_expectations.core.run_identifier import RunIdentifier
        from great_expectations.data_context.types.resource_identifiers import (
            ExpectationSuiteIdentifier,
            ValidationResultIdentifier,
        )

        run_id = RunIdentifier(run_name=batch_id, run_time=datetime.now(timezone.utc))
        store = self._context.stores[RESULTS_STORE]
        keys = {}
        for suite, result in results.items():
            sanitize(result)
            asset = (result.meta.get("active_batch_definition") or {}).get("data_asset_name") or suite
            key = ValidationResultIdentifier(ExpectationSuiteIdentifier(suite), run_id, asset)
            store.set(key, result)
            keys[suite] = key
        self._context.build_data_docs(site_names=[SITE], resource_identifiers=list(keys.values()))
        pages = {}
        for suite, key in keys.items():
            urls = self._context.get_docs_sites_urls(resource_identifier=key, site_name=SITE)
            path = _path_of(urls[0]["site_url"]) if urls else None
            if path is not None:
                pages[suite] = path
        log.info("batch %s: Data Docs written, index %s", batch_id, self.index)
        return pages

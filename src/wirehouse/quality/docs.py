"""Data Docs: one static HTML page per suite and batch, rendered by Great Expectations' site
builder into a folder (``<data_dir>/data_docs/index.html`` lists them all).

The validation results the pages are built from are kept as JSON next to the site
(``data_docs/_results/``), so that the index still lists earlier runs after a restart.
Crawled values are clipped and HTML-escaped before GX sees them: its validation page inserts
unexpected values into the HTML as they are.

GX's pages link their stylesheets, scripts and fonts from public CDNs. The project ships copies
(``docs_assets/``, vendored from the npm registry by ``scripts/vendor_assets.py``, licences
beside them): each publish copies them to ``static/vendor/`` in the site and points the pages it
wrote at them, so the pages render without the internet.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import shutil
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urlsplit

from wirehouse.resources import package_file

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


ASSETS = package_file("quality", "docs_assets")
VENDOR = Path("static") / "vendor"
# GX's logo comes from a web host; the site's own static/images/ holds the same file
_LOGO = re.compile(r"https://great-expectations-web-assets\.s3\.[a-z0-9-]+\.amazonaws\.com/([\w.-]+\.png)[^\"']*")
# the site's own static/ folder as a page refers to it (GX counts one level too few on validation pages)
_STATIC = re.compile(r'(href|src)="(?:\./|(?:\.\./)+)static/')
# subresource-integrity and CORS attributes make a browser refuse a script read from a file
_SRI = re.compile(r"""\s+(?:integrity="[^"]*"|crossorigin="[^"]*")""")


def copy_assets(folder: Path) -> bool:
    """Put the shipped assets under ``<folder>/static/vendor`` unless the same are there; returns
    whether they were copied."""
    target = folder / VENDOR
    manifest = ASSETS / "manifest.json"
    if (target / "manifest.json").is_file() and (target / "manifest.json").read_bytes() == manifest.read_bytes():
        return False
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(ASSETS, target)
    return True


def localize_page(page: Path, folder: Path, urls: dict[str, str]) -> bool:
    """Point one page's CDN links at the copies in ``static/vendor`` (relative paths, so the site
    can move). Returns whether the page changed."""
    text = page.read_text(encoding="utf-8")
    up = Path(os.path.relpath(folder, page.parent)).as_posix()
    prefix = "" if up == "." else up + "/"
    new = text
    for url in urls:
        new = new.replace(f'"{url}"', f'"{prefix}{(VENDOR / urls[url]).as_posix()}"')
    new = _STATIC.sub(lambda m: f'{m.group(1)}="{prefix}static/', new)
    new = _LOGO.sub(lambda m: f"{prefix}static/images/{m.group(1)}", new)
    new = _SRI.sub("", new)
    if new == text:
        return False
    page.write_text(new, encoding="utf-8")
    return True


def localize(folder: Path, pages) -> int:
    """Copy the assets into the site and rewrite the given pages (the index included), or every
    page of the site when the assets were new to it (a site published by an earlier version);
    returns how many pages changed."""
    if copy_assets(folder):
        pages = folder.rglob("*.html")
    urls = json.loads((ASSETS / "manifest.json").read_text(encoding="utf-8"))
    return sum(localize_page(p, folder, urls) for p in pages if p.is_file())


def _path_of(url: str | None) -> Path | None:
    if not url:
        return None
    parts = urlsplit(url)
    return Path(unquote(parts.path)) if parts.scheme == "file" else None


class DataDocs:
    """The Data Docs site of one GX context. ``publish`` renders a batch's suite results and,
    with ``index_each_batch``, the site's index; otherwise ``finish`` builds the index once
    (it lists every stored result, so building it after each batch costs more the more
    batches the site holds)."""

    def __init__(self, context, folder: Path, *, index_each_batch: bool = True) -> None:
        self.folder = Path(folder).resolve()
        self._context = context
        self._index_each_batch = index_each_batch
        self._unindexed = None  # the last page published since the index was built
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
        self._context.build_data_docs(site_names=[SITE], resource_identifiers=list(keys.values()),
                                      build_index=self._index_each_batch)
        pages = {}
        for suite, key in keys.items():
            urls = self._context.get_docs_sites_urls(resource_identifier=key, site_name=SITE)
            path = _path_of(urls[0]["site_url"]) if urls else None
            if path is not None:
                pages[suite] = path
        if self._index_each_batch:
            localize(self.folder, [self.index, *pages.values()])
            log.info("batch %s: Data Docs written, index %s", batch_id, self.index)
        else:
            localize(self.folder, pages.values())
            self._unindexed = next(iter(keys.values()), self._unindexed)
            log.info("batch %s: Data Docs written", batch_id)
        return pages

    def finish(self) -> Path | None:
        """Build the index when pages were published since it was last built (GX builds pages
        for the identifiers given, all of them when none are, so the last page is rebuilt with
        it); returns the index, or None when nothing was published."""
        if self._unindexed is None:
            return self.index if self.index.is_file() else None
        self._context.build_data_docs(site_names=[SITE], resource_identifiers=[self._unindexed])
        page = self._context.get_docs_sites_urls(resource_identifier=self._unindexed, site_name=SITE)
        path = _path_of(page[0]["site_url"]) if page else None
        localize(self.folder, [self.index, *([path] if path is not None else [])])
        self._unindexed = None
        log.info("Data Docs index %s", self.index)
        return self.index

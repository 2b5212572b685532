"""One Settings object, built at the edge (CLI, flow entry) and passed down."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """All knobs, with defaults that work offline on the demo corpus.

    Every field can be set from the environment with the ``WIREHOUSE_`` prefix,
    e.g. ``WIREHOUSE_DB_PATH=/data/news.duckdb``.
    """

    model_config = SettingsConfigDict(env_prefix="WIREHOUSE_", extra="ignore")

    data_dir: Path = Field(Path("data"), description="Where the database, archive and reports live.")
    db_path: Path | None = Field(None, description="DuckDB file; default <data_dir>/wirehouse.duckdb.")

    # crawl
    user_agent: str = "wirehouse/0.1 (+https://example.invalid/wirehouse; research crawler)"
    timeout_s: float = 10.0
    max_fetch_s: float = Field(120.0, description="Longest one response may take in all, body and redirects included.")
    retries: int = 2
    backoff_s: float = 0.2
    max_page_bytes: int = 5_000_000
    max_redirects: int = 5
    concurrency: int = 16
    per_host_concurrency: int = 4
    per_host_delay_s: float = 0.0
    max_articles: int | None = None
    allow_loopback: bool = Field(False, description="Allow fetching 127.0.0.0/8 (demo and tests).")
    host_map: dict[str, str] = Field(
        default_factory=dict,
        description='Reach these host names at another address, e.g. {"news.example": "127.0.0.1:8080"}.',
    )
    obey_crawl_delay: bool = Field(True, description="Honour robots.txt Crawl-delay (fractions too).")
    max_crawl_delay_s: float = Field(60.0, description="Cap on a site's Crawl-delay, in seconds.")
    since: datetime | None = Field(None, description="Skip feed/sitemap entries dated before this (UTC).")
    until: datetime | None = Field(None, description="Skip feed/sitemap entries dated after this (UTC).")
    archive: bool = Field(True, description="Write every fetched response (pages, robots.txt, feeds, sitemaps) to gzip WARC files.")
    archive_dir: Path | None = Field(None, description="Folder of the WARC archive; default <data_dir>/archive.")
    spider_depth: int = Field(2, description="Link levels the spider follows from a start page.")
    spider_max_pages: int = Field(200, description="Pages the spider fetches per start page.")
    spider_include: tuple[str, ...] = Field((), description="Regexes; the spider keeps only article URLs matching one.")
    spider_exclude: tuple[str, ...] = Field((), description="Regexes; URLs matching one are neither fetched nor kept.")

    # clean / enrich
    languages: tuple[str, ...] = ("en",)
    min_text_chars: int = 200
    near_duplicate_distance: int = 6  # max differing simhash bits
    learn_templates: bool = Field(True, description="Learn each site's template blocks over the crawl (stored in the"
                                  " warehouse) and drop them from later articles of that site.")

    # quality
    expectations_dir: Path | None = Field(
        None, description="Folder of <suite>.json files whose expectations are added to the shipped suites."
    )
    data_docs: bool = Field(True, description="Render every batch's validation as Data Docs (static HTML).")
    data_docs_path: Path | None = Field(None, description="Data Docs folder; default data_docs/ beside the database.")

    # pipeline
    batch_size: int = 200
    max_batch_failures: int = Field(
        3, ge=1, description="Runs in which a page's batch may fail its critical checks before the page is quarantined."
    )
    workers: int = 2
    db_memory_limit: str = Field(
        "512MB", pattern=r"^\d+(\.\d+)?\s*[KMGT]i?B$",
        description="DuckDB's memory during a run and in the reading commands, its cache of the file included "
                    "(it keeps the blocks it read up to this): the run's memory stays flat as the warehouse grows.",
    )

    # orchestration (flows/)
    sources_file: Path = Field(
        Path("sources.yaml"), description="YAML file with the feeds, sitemaps and urls the scheduled crawl reads."
    )
    writer_lease_s: float = Field(
        300.0, ge=60, description="Lease of a flow run's database writer slot: renewed while the run lives, given"
        " back this long after its process died."
    )
    dask: bool = Field(False, description="Run the clean and enrich stages of a flow run on Dask (prefect-dask).")
    dask_address: str | None = Field(
        None, description="Existing Dask scheduler, e.g. tcp://10.0.0.5:8786; default: a local cluster of `workers`."
    )

    @property
    def database(self) -> Path:
        return self.db_path if self.db_path is not None else self.data_dir / "wirehouse.duckdb"

    @property
    def data_docs_dir(self) -> Path:
        """Next to the database file (so ``--db`` keeps a run's files together)."""
        return self.data_docs_path if self.data_docs_path is not None else self.database.parent / "data_docs"

    @property
    def warc_dir(self) -> Path:
        return self.archive_dir if self.archive_dir is not None else self.data_dir / "archive"

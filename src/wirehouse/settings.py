"""One Settings object, built at the edge (CLI, flow entry) and passed down."""

from __future__ import annotations

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

    # clean / enrich
    languages: tuple[str, ...] = ("en",)
    min_text_chars: int = 200
    near_duplicate_distance: int = 6  # max differing simhash bits

    # quality
    expectations_dir: Path | None = Field(
        None, description="Folder of <suite>.json files whose expectations are added to the shipped suites."
    )

    # pipeline
    batch_size: int = 200
    workers: int = 2

    @property
    def database(self) -> Path:
        return self.db_path if self.db_path is not None else self.data_dir / "wirehouse.duckdb"

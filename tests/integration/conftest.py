"""Fixtures shared by the integration tests."""

from __future__ import annotations

import pytest

from wirehouse.settings import Settings
from wirehouse.warehouse.db import connect
from wirehouse.warehouse.schema import apply_schema


@pytest.fixture
def con(tmp_path):
    """A connection to a new, empty warehouse file (every migration applied); closed after the test.
    Test files that need another warehouse define their own ``con``."""
    connection = connect(tmp_path / "warehouse.duckdb")
    apply_schema(connection)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory) -> Settings:
    """The demo sites crawled over loopback and loaded by the library pipeline (no Prefect), once
    per test session: the settings of its data folder (database, Data Docs, archive). Tests only
    read it."""
    from wirehouse.demo.server import DemoSites
    from wirehouse.demo_run import run_demo

    folder = tmp_path_factory.mktemp("demo-warehouse")
    settings = Settings(data_dir=folder, backoff_s=0.01, timeout_s=5.0)
    with DemoSites(public_hosts=True) as sites:
        summary = run_demo(sites, settings, use_prefect=False)
    assert summary.status == "succeeded", summary
    return settings

"""Fixtures shared by the integration tests."""

from __future__ import annotations

import pytest

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

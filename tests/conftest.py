"""Shared fixtures: settings pointing at a temporary data folder, the shared/ evaluation folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture
def settings(tmp_path):
    from wirehouse.settings import Settings

    return Settings(data_dir=tmp_path / "data", allow_loopback=True, backoff_s=0.01, timeout_s=3.0)

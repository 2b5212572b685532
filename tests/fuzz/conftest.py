"""One sandbox worker for the fuzz slice (see sandbox.py); it checks no input reached the loopback port."""

from __future__ import annotations

import pytest

from tests.fuzz.sandbox import Sandbox, warm_up

TIMEOUT_S = 15.0  # per input; a hang is a failure


@pytest.fixture(scope="session")
def sandbox():
    warm_up()
    with Sandbox(timeout_s=TIMEOUT_S, memory_mb=2048) as box:
        yield box
        assert box.loopback_hits == 0, f"{box.loopback_hits} requests reached the loopback URL of an external entity"

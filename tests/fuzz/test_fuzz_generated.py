"""A small, reproducible slice of generated inputs per target (the full run: bench/fuzz.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from tests.fuzz.conftest import TIMEOUT_S
from tests.fuzz.sandbox import OK_KINDS
from tests.fuzz.strategies import STRATEGIES

SLICE = settings(max_examples=25, derandomize=True, database=None, deadline=timedelta(seconds=4 * TIMEOUT_S + 20),
                 phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck), print_blob=True)


@pytest.mark.parametrize("target", sorted(STRATEGIES))
def test_generated_inputs(sandbox, target):
    @SLICE
    @given(STRATEGIES[target])
    def one(data):
        outcome = sandbox.run(target, data)
        assert outcome.kind in OK_KINDS, f"{target}: {outcome.kind} ({outcome.detail}) on {data!r:.300}"

    one()

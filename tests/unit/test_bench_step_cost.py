"""bench/step_cost.py: the one CPU-cost loop of the D1 bench scripts. Both scripts use it; it times
the texts with the step and with its stand-in, and always puts the step back."""

import importlib.util
import sys
import types
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Enricher:
    """Enriches a text by calling the step under test, as the real enricher calls actors.*."""

    def __init__(self, module, fail_after: int | None = None):
        self.module, self.calls, self.fail_after = module, [], fail_after

    def enrich(self, text):
        if self.fail_after is not None and len(self.calls) >= self.fail_after:
            raise RuntimeError("stop")
        self.calls.append(self.module.step(text))


def test_each_round_times_the_step_and_its_stand_in_then_puts_it_back(capsys):
    helper = _load("step_cost")
    module = types.SimpleNamespace(step=lambda text: f"step:{text}")
    original = module.step
    enricher = Enricher(module)
    best = helper.step_cost(enricher, ["a", "b"], module, "step", lambda text: "skipped", rounds=2)
    assert module.step is original
    assert enricher.calls == ["skipped", "skipped", "step:a", "step:b"] * 2  # without, then with, per round
    assert set(best) == {"with", "without"} and all(v >= 0 for v in best.values())
    assert "best of 2 rounds" in capsys.readouterr().out


def test_the_step_is_put_back_when_enriching_fails():
    helper = _load("step_cost")
    module = types.SimpleNamespace(step=lambda text: text)
    original = module.step
    with pytest.raises(RuntimeError):
        helper.step_cost(Enricher(module, fail_after=1), ["a", "b"], module, "step", lambda text: None)
    assert module.step is original


@pytest.mark.parametrize("script", ["actor_place_agreement", "subnational_institutions"])
def test_the_d1_scripts_share_the_loop(script):
    loaded = _load(script)
    assert not hasattr(loaded, "cost")
    assert loaded.step_cost.__module__ == "step_cost" and loaded.step_cost is sys.modules["step_cost"].step_cost

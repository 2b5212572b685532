"""The CPU cost of one enrichment step, shared by the D1 bench scripts (actor_place_agreement.py,
subnational_institutions.py): the texts are enriched with the step and with it replaced by a
stand-in that returns its input, in alternate rounds in one process, and the best round of each
is printed with their ratio."""

from __future__ import annotations

import time
from types import ModuleType
from typing import Callable, Sequence


def step_cost(enricher, texts: Sequence[str], module: ModuleType, name: str, skip: Callable,
              rounds: int = 3) -> dict[str, float]:
    """CPU seconds (best of ``rounds``) to enrich ``texts`` with ``module.<name>`` and with ``skip``
    in its place; the step is put back in every case. Prints and returns both."""
    step = getattr(module, name)
    times: dict[str, list[float]] = {"with": [], "without": []}
    try:
        for _ in range(rounds):
            for label in ("without", "with"):
                setattr(module, name, step if label == "with" else skip)
                t0 = time.process_time()
                for text in texts:
                    enricher.enrich(text)
                times[label].append(time.process_time() - t0)
    finally:
        setattr(module, name, step)
    best = {k: min(v) for k, v in times.items()}
    print(f"cost: {len(texts)} texts, best of {rounds} rounds: CPU without {best['without']:.2f} s, "
          f"with {best['with']:.2f} s, ratio {best['with'] / best['without']:.3f}")
    return best

"""The full fuzz run: the nasty corpus plus N generated inputs per target, each in a sandbox.

    nice .venv/bin/python bench/fuzz.py [--per-target 10000] [--timeout 15] [--memory-mb 2048] [--target T]...

Targets: extract (what ``wirehouse extract`` runs on a file), clean (``extract_all`` on a
``Page``), enrich (``Enricher.enrich``), feed, sitemap, opml (the crawl parsers) and warc
(``archive.scan`` + ``read_pages`` on a file). Every input runs in a forked worker under a
deadline (``--timeout`` CPU seconds; later counts as a hang, and so does a worker that has not
answered in four times that in wall time) and an address-space cap
(``--memory-mb`` above the worker's start). An input ends as a result, a rejection (a
quarantine row, or an ``extract`` row saying why), a clear error (a ``WirehouseError`` naming
the input) or a failure: a crash (any other exception, a failed check, a dead worker, over the
memory cap) or a hang. External entities in the inputs point at a loopback port that counts
connections. Generation is Hypothesis with ``derandomize=True``: the same inputs on every run.

Prints one row per target and writes each failing input, and the slowest of each target, to
``--failures`` (default ``bench/fuzz-failures/``) for replay. Results: ``RELIABILITY.md``, section "Fuzzing".
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.fuzz from a checkout

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402

from tests.fuzz.nasty import cases  # noqa: E402
from tests.fuzz.sandbox import FAILURES, TARGETS, Sandbox, warm_up  # noqa: E402
from tests.fuzz.strategies import STRATEGIES  # noqa: E402
from tests.fuzz.test_fuzz_corpus import TARGETS as BY_KIND  # noqa: E402
from tests.fuzz.test_fuzz_corpus import as_input  # noqa: E402


class Tally:
    def __init__(self, target: str, failures: Path) -> None:
        self.target, self.failures = target, failures
        self.kinds: Counter[str] = Counter()
        self.slowest = (0.0, "")
        self.corpus = 0
        self.details: list[str] = []

    def add(self, outcome, data, label: str) -> None:
        self.kinds[outcome.kind] += 1
        if outcome.seconds > self.slowest[0]:
            self.slowest = (outcome.seconds, label)
            self.failures.mkdir(parents=True, exist_ok=True)
            (self.failures / f"{self.target}-slowest.pickle").write_bytes(pickle.dumps(data))
        if outcome.kind in FAILURES:
            self.failures.mkdir(parents=True, exist_ok=True)
            path = self.failures / f"{self.target}-{sum(self.kinds.values()):05d}.pickle"
            path.write_bytes(pickle.dumps(data))
            self.details.append(f"{self.target} {outcome.kind}: {outcome.detail} (input: {path})")

    @property
    def inputs(self) -> int:
        return sum(self.kinds.values())


def run_target(box: Sandbox, target: str, per_target: int, failures: Path) -> Tally:
    tally = Tally(target, failures)
    for case in cases():
        if target in BY_KIND[case.kind]:
            tally.add(box.run(target, as_input(target, case.make())), case.make(), f"corpus {case.kind}/{case.name}")
            tally.corpus += 1

    @settings(max_examples=per_target, derandomize=True, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(STRATEGIES[target])
    def generated(data):
        tally.add(box.run(target, data), data, f"generated #{tally.inputs - tally.corpus + 1}")

    generated()
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-target", type=int, default=10_000, help="generated inputs per target")
    parser.add_argument("--timeout", type=float, default=15.0, help="CPU seconds per input before it counts as a hang")
    parser.add_argument("--memory-mb", type=int, default=2048, help="address space a worker may add")
    parser.add_argument("--target", action="append", choices=sorted(TARGETS), help="only these targets")
    parser.add_argument("--failures", type=Path, default=Path(__file__).resolve().parent / "fuzz-failures")
    args = parser.parse_args()

    warm_up()
    tallies = []
    started = time.perf_counter()
    with Sandbox(timeout_s=args.timeout, memory_mb=args.memory_mb) as box:
        for target in args.target or list(TARGETS):
            t0 = time.perf_counter()
            tally = run_target(box, target, args.per_target, args.failures)
            tallies.append(tally)
            print(f"{target}: {tally.inputs} inputs in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
        hits = box.loopback_hits

    head = ("target", "inputs", "corpus", "generated", "results", "rejected", "clear errors", "crashes", "hangs",
            "slowest (CPU s)", "slowest input")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for t in tallies:
        k = t.kinds
        print(f"| {t.target} | {t.inputs} | {t.corpus} | {t.inputs - t.corpus} | {k['result']} | {k['rejected']} | "
              f"{k['error']} | {k['crash']} | {k['hang']} | {t.slowest[0]:.2f} | {t.slowest[1]} |")
    total = sum(t.inputs for t in tallies)
    failed = sum(t.kinds[f] for t in tallies for f in FAILURES)
    print(f"\n{total} inputs, {failed} failures, {hits} connections to the loopback port of the external entities, "
          f"{time.perf_counter() - started:.0f} s; deadline {args.timeout:g} CPU s and +{args.memory_mb} MB address space "
          f"per input; {os.cpu_count()} cores, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for t in tallies:
        for line in t.details:
            print(line)
    return 1 if failed or hits else 0


if __name__ == "__main__":
    sys.exit(main())

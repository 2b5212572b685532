"""What a run that finds nothing to process costs beyond Python's own start.

    .venv/bin/python bench/startup.py [--rounds 7]

Times, alternately and in child processes of this one, ``python -c pass`` and ``wirehouse run
--html-dir EMPTY`` on a warehouse made by a first run (so the schema is in place: what an hourly
run meets). Prints the median wall and CPU time of each and their difference; the goal is a
difference under 1.5 s of wall time. Also lists the slowest imports of the run
(``python -X importtime``).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYTHON = sys.executable
WIREHOUSE = str(Path(PYTHON).with_name("wirehouse"))


def timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def slowest_imports(command: list[str], count: int = 8) -> list[tuple[float, str]]:
    done = subprocess.run([PYTHON, "-X", "importtime", *command], capture_output=True, text=True, check=True)
    found = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = line.split("|")
            if cumulative.strip().isdigit() and len(name) - len(name.lstrip()) <= 2:  # top level only
                found.append((int(cumulative) / 1e6, name.strip()))
    return sorted(found, reverse=True)[:count]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    env_note = f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    with tempfile.TemporaryDirectory(prefix="wirehouse-startup-") as folder:
        empty = Path(folder) / "empty"
        empty.mkdir()
        db = Path(folder) / "w.duckdb"
        run = [WIREHOUSE, "run", "--html-dir", str(empty), "--db", str(db)]
        timed(run)  # the first run creates the warehouse
        plain, wirehouse = [], []
        for _ in range(args.rounds):
            plain.append(timed([PYTHON, "-c", "pass"]))
            wirehouse.append(timed(run))
        imports = slowest_imports([WIREHOUSE, *run[1:]])
    print(f"startup of a run with nothing to process ({args.rounds} rounds, median; {env_note})")
    print(f"{'':>26} {'wall s':>8} {'cpu s':>8}")
    rows = {"python -c pass": plain, "wirehouse run (nothing new)": wirehouse}
    medians = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in rows.items()}
    for name, (wall, cpu) in medians.items():
        print(f"{name:>26} {wall:8.2f} {cpu:8.2f}")
    extra_wall = medians["wirehouse run (nothing new)"][0] - medians["python -c pass"][0]
    extra_cpu = medians["wirehouse run (nothing new)"][1] - medians["python -c pass"][1]
    print(f"{'beyond python':>26} {extra_wall:8.2f} {extra_cpu:8.2f}   (goal: under 1.5 s wall)")
    print("slowest top-level imports of the run (s, cumulative, one run with -X importtime):")
    for seconds, name in imports:
        print(f"  {seconds:6.3f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

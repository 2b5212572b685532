"""A whole `wirehouse run --html-dir` against the extraction ceiling, on the same pages and cores.

    .venv/bin/python bench/ceiling.py [FOLDER ...] [--rounds 3] [--workers 2] [--limit N] [--also BIN]

FOLDER: folders of saved pages (``.html`` or ``.html.gz``, read recursively); default the 990
pages of ../shared/eval/extraction/pages and the 326 of ../shared/eval/extraction_news/pages
(1,316 pages). The pages are first gunzipped into one temporary folder, one subfolder per input.
Then, alternating for --rounds rounds (the best of each side is kept: other jobs on the machine
slow both alike):

  ceiling: trafilatura.extract(html, include_comments=False) over every page on a pool of
           --workers forked processes, in this (warm) process, as bench/clean_speed.py's pool
           baseline: reading the files, the pool's start and the texts sent back included;
  run:     `wirehouse run --html-dir TMP --db NEW.duckdb` in a child process with a new
           warehouse (and Data Docs folder), with WIREHOUSE_WORKERS=--workers: Python's start,
           the imports and the models' loading included, as a user runs it.

With ``--also BIN`` (another checkout's ``wirehouse``, e.g. the code before a change), that run
is timed too in each round, the same way, and compared.

Printed: pages/s of each, the ratio run/ceiling (the goal: 0.7 or more), the CPU seconds of
both (each side's processes and their pools, ``wait4``/``getrusage``) and the load average.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import multiprocessing
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
DEFAULT = [SHARED / "extraction" / "pages", SHARED / "extraction_news" / "pages"]
WIREHOUSE = str(Path(sys.executable).with_name("wirehouse"))


def gather(folders: list[Path], into: Path, limit: int) -> list[Path]:
    """Copy (gunzipping) the pages of ``folders`` into ``into``/<n>-<folder name>/; their paths.
    With ``limit``, the first ``limit`` pages in name order of each folder."""
    out = []
    for n, folder in enumerate(folders):
        target = into / f"{n}-{folder.parent.name if folder.name == 'pages' else folder.name}"
        target.mkdir(parents=True)
        files = sorted(p for p in folder.rglob("*") if p.is_file() and re.search(r"\.html?(\.gz)?$", p.name, re.I))
        for path in files[:limit] if limit else files:
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            name = path.name[:-3] if path.suffix == ".gz" else path.name
            (target / name).write_bytes(data)
            out.append(target / name)
    return out


_HTMLS: list[bytes] = []  # the ceiling's pages, inherited by its forked workers


def _extract_chunk(indices: list[int]) -> list[str | None]:
    from trafilatura import extract  # noqa: PLC0415

    return [extract(_HTMLS[i], include_comments=False) for i in indices]


def ceiling(files: list[Path], workers: int, chunk_size: int = 4) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of this process and its pool, texts found): trafilatura alone."""
    before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    _HTMLS[:] = [f.read_bytes() for f in files]
    by_size = sorted(range(len(_HTMLS)), key=lambda i: -len(_HTMLS[i]))
    chunks = [by_size[i : i + chunk_size] for i in range(0, len(by_size), chunk_size)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=gc.freeze) as pool:
        texts = [t for out in pool.map(_extract_chunk, chunks) for t in out]
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum(a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime for a, b in zip(after, before))
    _HTMLS.clear()
    return wall, cpu, sum(t is not None for t in texts)


def whole_run(pages: Path, folder: Path, workers: int, program: str = WIREHOUSE) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of the run and its pool, the run's output): a new warehouse."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    env = {**os.environ, "WIREHOUSE_WORKERS": str(workers)}
    started = time.perf_counter()
    child = subprocess.Popen([program, "run", "--html-dir", str(pages), "--db", str(folder / "w.duckdb")],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"wirehouse run failed:\n{output[-3000:]}")
    return wall, usage.ru_utime + usage.ru_stime, output


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", type=Path, nargs="*", default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="pages of each folder (0 = all)")
    parser.add_argument("--also", help="another wirehouse executable to time the same way in each round")
    args = parser.parse_args()
    missing = [str(f) for f in args.folders if not f.is_dir()]
    if missing:
        raise SystemExit(f"no page folder at {', '.join(missing)} (../shared is absent?)")

    from trafilatura import extract

    with tempfile.TemporaryDirectory(prefix="wirehouse-ceiling-") as tmp:
        tmp = Path(tmp)
        files = gather(args.folders, tmp / "pages", args.limit)
        n = len(files)
        extract(files[0].read_bytes(), include_comments=False)  # warm: imports, lazy tables
        loads = [os.getloadavg()[0]]
        base, ours, other, output = [], [], [], ""
        for round_ in range(args.rounds):
            base.append(ceiling(files, args.workers))
            ours.append(whole_run(tmp / "pages", tmp / "run", args.workers))
            output = ours[-1][2]
            if args.also:
                other.append(whole_run(tmp / "pages", tmp / "run", args.workers, args.also))
            loads.append(os.getloadavg()[0])
            print(f"round {round_ + 1}: ceiling {n / base[-1][0]:.1f} pages/s ({base[-1][1]:.1f} s CPU), "
                  f"run {n / ours[-1][0]:.1f} pages/s ({ours[-1][1]:.1f} s CPU)"
                  + (f", --also {n / other[-1][0]:.1f} pages/s ({other[-1][1]:.1f} s CPU)" if other else "")
                  + f" (load {loads[-1]:.1f})", file=sys.stderr, flush=True)
    b = min(base)
    o = min(ours, key=lambda r: r[0])
    loaded = re.search(r"articles loaded\s+(\d+)", output)
    print(f"pages={n} workers={args.workers} rounds={args.rounds} (best of the rounds) "
          f"load average {min(loads):.1f}-{max(loads):.1f}")
    print(f"ceiling: trafilatura, pool of {args.workers}     {n / b[0]:7.1f} pages/s  {b[0]:6.1f} s wall  "
          f"{b[1]:6.1f} s CPU  ({b[2]} texts)")
    print(f"run: wirehouse run --html-dir  {n / o[0]:7.1f} pages/s  {o[0]:6.1f} s wall  {o[1]:6.1f} s CPU  "
          f"({loaded.group(1) if loaded else '?'} articles loaded)")
    print(f"ratio run/ceiling: {b[0] / o[0]:.2f} (goal 0.70); CPU ratio ceiling/run {b[1] / o[1]:.2f}")
    if other:
        a = min(other, key=lambda r: r[0])
        print(f"--also {args.also}: {n / a[0]:.1f} pages/s, {a[0]:.1f} s wall, {a[1]:.1f} s CPU, ratio to the ceiling "
              f"{b[0] / a[0]:.2f}; run/--also: wall {a[0] / o[0]:.2f}x faster, CPU {a[1] / o[1]:.2f}x less")
    return 0


if __name__ == "__main__":
    sys.exit(main())

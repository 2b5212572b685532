"""Cost per article and peak memory of `wirehouse run --warc` as the corpus grows.

    .venv/bin/python bench/scale.py [--sizes 5000 20000] [--dir /tmp/wirehouse-scale] [--jobs 2]

For each size, bench/corpus.py writes a generated WARC of that many pages (kept in --dir and
reused when it is there), then `wirehouse run --warc FILE --db NEW.duckdb` runs in a child
process. Printed per size: wall time, CPU time (the run and its cleaning pool), both per article,
the largest resident set of one process (``wait4``: the run or one pool worker) and the peak of
the whole process tree (proportional set sizes, sampled every second), and the ratio of each figure to the
smallest size's. Flat means ratios near 1.00.

The million-page figure is one command (about 7 minutes to write the WARC with 2 processes, then
the run; at 30-40 articles/s on two cores the run takes 7-9 hours):

    .venv/bin/python bench/scale.py --sizes 10000 100000 1000000 --dir /data/wirehouse-scale
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
WIREHOUSE = str(Path(sys.executable).with_name("wirehouse"))


def corpus(size: int, folder: Path, jobs: int) -> Path:
    path = folder / f"corpus-{size}.warc.gz"
    if not path.exists():
        partial = path.with_suffix(".partial")
        subprocess.run([sys.executable, str(HERE / "corpus.py"), "--articles", str(size), "--warc", str(partial),
                        "--jobs", str(jobs)], check=True)
        partial.rename(path)
    return path


def tree_pss(process: psutil.Process) -> int:
    total = 0
    for p in [process, *process.children(recursive=True)]:
        try:
            total += p.memory_full_info().pss  # shared pages (a forked pool's) counted once
        except psutil.NoSuchProcess:
            pass
    return total


def run(warc: Path, db: Path, *, fresh: bool = True) -> dict:
    """`wirehouse run --warc` into ``db`` (a new warehouse unless ``fresh`` is false) in a child."""
    if fresh:
        for p in (db, Path(f"{db}.wal")):
            p.unlink(missing_ok=True)
    started = time.perf_counter()
    child = subprocess.Popen([WIREHOUSE, "run", "--warc", str(warc), "--db", str(db)],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    watched = psutil.Process(child.pid)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                peak = max(peak, tree_pss(watched))
            except psutil.NoSuchProcess:
                return
            done.wait(1.0)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    done.set()
    sampler.join()
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"wirehouse run failed on {warc}:\n{output[-3000:]}")
    loaded = re.search(r"articles loaded\s+(\d+)", output)
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss": usage.ru_maxrss * 1024,
        "tree": peak,
        "articles": int(loaded.group(1)) if loaded else 0,
        "output": output,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/wirehouse-scale"))
    parser.add_argument("--jobs", type=int, default=2, help="processes writing each corpus")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in args.sizes:
        warc = corpus(size, args.dir, args.jobs)
        load = os.getloadavg()[0]
        folder = args.dir / f"run-{size}"  # the warehouse and its Data Docs, new for each run
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        result = run(warc, folder / "wirehouse.duckdb")
        result.update(size=size, load=(load + os.getloadavg()[0]) / 2)
        rows.append(result)
        print(f"{size} pages: {result['articles']} articles in {result['wall']:.0f} s, cpu {result['cpu']:.0f} s, "
              f"max RSS {result['rss'] / 2**20:.0f} MB, tree PSS {result['tree'] / 2**20:.0f} MB "
              f"(load average {result['load']:.1f})", file=sys.stderr, flush=True)
    base = rows[0]
    print(f"{'pages':>9} {'articles':>9} {'wall s':>8} {'ms/art':>7} {'cpu ms/art':>10} {'max RSS MB':>10} "
          f"{'tree PSS MB':>11} {'ms/art x':>8} {'cpu x':>6} {'RSS x':>6} {'tree x':>6} {'load':>5}")
    for r in rows:
        per = lambda x, n=r["articles"]: 1000 * x / max(1, n)  # noqa: E731
        print(f"{r['size']:>9} {r['articles']:>9} {r['wall']:>8.0f} {per(r['wall']):>7.1f} {per(r['cpu']):>10.1f} "
              f"{r['rss'] / 2**20:>10.0f} {r['tree'] / 2**20:>11.0f} "
              f"{per(r['wall']) / per(base['wall'], base['articles']):>8.2f} "
              f"{per(r['cpu']) / per(base['cpu'], base['articles']):>6.2f} "
              f"{r['rss'] / base['rss']:>6.2f} {r['tree'] / base['tree']:>6.2f} {r['load']:>5.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Enrichment throughput on a synthetic corpus: articles/s on one core and on 2 processes.

    python bench/enrich_speed.py [--articles 400]

Prints the load time, articles/s on one core (wall and per CPU-second), and articles/s with 2
worker processes. To compare with an earlier commit, export its ``src`` and put it first on the
path: ``git archive COMMIT src | tar -x -C /tmp/base && PYTHONPATH=/tmp/base/src python bench/enrich_speed.py``.
"""

from __future__ import annotations

import argparse
import random
import time
from concurrent.futures import ProcessPoolExecutor

SENTENCES = [
    "Iraqi troops attacked Islamic State positions near Mosul on Tuesday, officials said.",
    "The Kenyan police arrested dozens of protesters in Nairobi after clashes with demonstrators.",
    "Russia and China agreed to expand trade ties during talks in Beijing.",
    "Ukraine's foreign minister condemned the shelling of Kharkiv and urged NATO to act.",
    "The United Nations said aid convoys reached Aleppo despite fighting between rebels and government forces.",
    "Hamas fighters fired rockets at Israel, and the Israeli army responded with air strikes on Gaza.",
    "Protesters rallied in Caracas to demand the release of opposition leaders, the newspaper reported.",
    "The European Union threatened new sanctions against Iran over its nuclear programme.",
    "Officials in Lagos said Boko Haram militants had kidnapped villagers in Borno state.",
    "The president met his French counterpart in Paris on Monday to discuss the crisis in Mali.",
]


def make_corpus(n: int, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    docs = []
    for _ in range(n):
        parts, size = [], 0
        while size < 2500:
            s = rnd.choice(SENTENCES)
            parts.append(s)
            size += len(s) + 1
        docs.append(" ".join(parts))
    return docs


_E = None


def _init():
    global _E
    from wirehouse.enrich import Enricher

    _E = Enricher.load()


def _work(doc: str) -> int:
    return len(_E.enrich(doc).events)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=400)
    args = ap.parse_args()
    docs = make_corpus(args.articles)
    t = time.perf_counter()
    _init()
    load_s = time.perf_counter() - t
    t, c = time.perf_counter(), time.process_time()
    for d in docs:
        _work(d)
    one = len(docs) / (time.perf_counter() - t)
    one_cpu = len(docs) / (time.process_time() - c)
    with ProcessPoolExecutor(2, initializer=_init) as ex:
        list(ex.map(_work, docs[:4], chunksize=1))  # start both workers and load dictionaries
        t = time.perf_counter()
        list(ex.map(_work, docs, chunksize=20))
        two = len(docs) / (time.perf_counter() - t)
    print(f"load_s={load_s:.2f} articles={len(docs)} mean_chars={sum(map(len, docs)) / len(docs):.0f}")
    print(f"one_core_articles_per_s={one:.1f} two_procs_articles_per_s={two:.1f} (workers warmed up)")
    print(f"one_core_articles_per_cpu_s={one_cpu:.1f} (CPU time of this process: steadier on a loaded machine)")


if __name__ == "__main__":
    main()

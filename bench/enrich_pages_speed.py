"""Enrichment cost on real pages: articles per CPU-second over the stored texts of a warehouse.

    python bench/enrich_pages_speed.py --db /tmp/news.duckdb [--rounds 3]

Reads every article's text, URL, title and date from ``dim_article`` (a warehouse loaded with
``wirehouse run --html-dir PAGES``), enriches them all ``--rounds`` times in one process and prints
the best round's articles per CPU-second with the shown and flagged event counts. To compare with
an earlier commit: ``git archive COMMIT src | tar -x -C /tmp/base`` and run with
``PYTHONPATH=/tmp/base/src``, alternating the two.
"""

from __future__ import annotations

import argparse
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    import duckdb

    from wirehouse.enrich import Enricher

    con = duckdb.connect(args.db, read_only=True)
    rows = con.execute("select text, canonical_url, title, published_at, dateline from dim_article "
                       "where text is not null and duplicate_of_key is null order by article_key").fetchall()
    con.close()
    enricher = Enricher.load()
    best = None
    for _ in range(args.rounds):
        shown = flagged = 0
        start = time.process_time()
        for text, url, title, published, dateline in rows:
            res = enricher.enrich(text, url=url, title=title, dateline=dateline,
                                  published=published.date() if published else None)
            shown += len(res.events)
            flagged += len(getattr(res, "flagged", ()))
        cpu = time.process_time() - start
        best = cpu if best is None else min(best, cpu)
    print(f"articles={len(rows)} cpu_s={best:.2f} articles_per_cpu_s={len(rows) / best:.1f} "
          f"events_shown={shown} events_flagged={flagged}")


if __name__ == "__main__":
    main()

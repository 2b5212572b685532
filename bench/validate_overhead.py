"""What the Great Expectations gate costs on a 10k-article batch, next to loading it and next to
the pipeline that produced it.

    .venv/bin/python bench/validate_overhead.py [--articles 10000] [--docs]

The demo pages are rendered and cleaned, and the articles enriched, for real (this gives the
per-article cost of the clean and enrich stages, in this process); the enriched articles are then
repeated under new URLs up to ``--articles``, so mentions, events and offsets are real. On that one
batch it times, in the same process: building the Arrow batch, validating it (all five suites,
quarantine split included), rendering Data Docs (``--docs``), and loading it into a new DuckDB file.
Crawling (network-bound) is left out of the pipeline figure, which makes the ratio conservative.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

import pandas as pd

from wirehouse.crawl.urls import article_id
from wirehouse.demo import corpus, render
from wirehouse.enrich import Enricher
from wirehouse.pipeline import enrich_articles, extract_pages, finish_cleaning
from wirehouse.quality.validate import Validator, validate_batch
from wirehouse.records import EnrichedArticle, Page
from wirehouse.settings import Settings
from wirehouse.warehouse.db import connect
from wirehouse.warehouse.load import build_batch, load_batch
from wirehouse.warehouse.schema import apply_schema


def demo_pages() -> list[Page]:
    outlets = corpus.load_outlets()
    sites = render.build_sites({o.id: f"http://{o.id}.example" for o in outlets})
    now = datetime.now(timezone.utc)
    pages = []
    for site in sites.values():
        for path, res in site.resources.items():
            if res.status == 200 and res.content_type.startswith("text/html") and path.count("/") >= 3:
                url = site.url(path)
                pages.append(Page(url, url, 200, res.body, now, res.content_type, source=site.outlet.id))
    return pages


def timed(fn):
    started = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--docs", action="store_true", help="also time Data Docs rendering")
    args = parser.parse_args()
    settings = Settings()

    pages = demo_pages()
    finish_cleaning(extract_pages(pages, settings), settings)  # warm-up: worker processes started, models loaded
    cleaned, t_clean = timed(lambda: finish_cleaning(extract_pages(pages, settings), settings))
    enricher = Enricher.load()
    (enriched, _plain), t_enrich = timed(lambda: enrich_articles(cleaned.articles, enricher, settings))
    per_article = (t_clean + t_enrich) / max(1, len(enriched))
    enrich_per_article = t_enrich / max(1, len(enriched))
    print(f"demo: {len(pages)} pages cleaned in {t_clean:.2f}s, {len(enriched)} articles enriched in {t_enrich:.2f}s "
          f"({per_article * 1000:.1f} ms per article for clean + enrich)")

    batch_items = []
    for i in range(args.articles):
        item = enriched[i % len(enriched)]
        url = f"{item.article.canonical_url}?copy={i}"
        art = dataclasses.replace(item.article, url=url, canonical_url=url, article_id=article_id(url), duplicate_of=None)
        batch_items.append(EnrichedArticle(art, item.enrichment))
    page_frame = pd.DataFrame({"url": [e.article.url for e in batch_items], "status": 200,
                               "text_chars": [len(e.article.text) for e in batch_items]})

    batch, t_build = timed(lambda: build_batch(batch_items))
    print(f"batch: {batch.articles.num_rows} articles, {batch.actor_mentions.num_rows} actor mentions, "
          f"{batch.place_mentions.num_rows} place mentions, {batch.events.num_rows} events")

    validator, t_ctx = timed(Validator)
    # one warm-up on a small batch, as a long-running pipeline would have done already
    validate_batch(validator, build_batch(batch_items[:50]), "warmup", page_frame.head(50))
    (valid, report), t_validate = timed(lambda: validate_batch(validator, batch, "bench-0001", page_frame))
    assert report.passed and valid.articles.num_rows == args.articles, "the synthetic batch should pass"

    with tempfile.TemporaryDirectory() as tmp:
        t_docs = None
        if args.docs:
            with_docs = Validator(docs_dir=Path(tmp) / "data_docs")
            validate_batch(with_docs, build_batch(batch_items[:50]), "warmup", page_frame.head(50))
            publish, spent = with_docs.docs.publish, []

            def timed_publish(*a, **kw):  # the rendering alone, inside the gate
                value, seconds = timed(lambda: publish(*a, **kw))
                spent.append(seconds)
                return value

            with_docs.docs.publish = timed_publish
            validate_batch(with_docs, batch, "bench-docs-0001", page_frame)
            t_docs = spent[0]
        con = connect(Path(tmp) / "bench.duckdb")
        apply_schema(con)
        _, t_load = timed(lambda: load_batch(con, valid, "bench", report.as_table("bench")))
        con.close()

    pipeline = per_article * args.articles + t_build + t_validate + t_load
    print()
    print(f"| figure ({args.articles} articles) | seconds | share |")
    print("|---|---|---|")
    print(f"| clean + enrich (measured per article on the demo, x{args.articles}) | {per_article * args.articles:.2f} | "
          f"{per_article * args.articles / pipeline:.1%} |")
    print(f"| build Arrow batch | {t_build:.2f} | {t_build / pipeline:.1%} |")
    print(f"| validate (5 suites + quarantine split) | {t_validate:.2f} | {t_validate / pipeline:.1%} |")
    print(f"| load into DuckDB | {t_load:.2f} | {t_load / pipeline:.1%} |")
    print(f"| pipeline without crawl (sum) | {pipeline:.2f} | 100% |")
    if t_docs is not None:
        print(f"| Data Docs rendering (extra) | {t_docs:.2f} | {t_docs / pipeline:.1%} |")
    print()
    without_clean = enrich_per_article * args.articles + t_build + t_validate + t_load
    print(f"validation / load: {t_validate / t_load:.2f}x; validation / pipeline: {t_validate / pipeline:.1%}; "
          f"validation / pipeline without the clean stage: {t_validate / without_clean:.1%}; "
          f"GX context set-up once per run: {t_ctx:.2f}s")
    sys.stdout.flush()


if __name__ == "__main__":
    main()

"""A crawl of the demo sites learns each outlet's template (table template_block), and the learned
blocks are dropped from pages where plain trafilatura keeps them, without losing a sentence."""

from __future__ import annotations

import pytest
from trafilatura import extract

from wirehouse.clean.extract import extract_article
from wirehouse.clean.goldset import gold_pages
from wirehouse.clean.template import MIN_PAGES, strip_template, text_key
from wirehouse.demo.server import DemoSites
from wirehouse.demo_run import run_demo
from wirehouse.records import Article
from wirehouse.settings import Settings
from wirehouse.warehouse.db import connect
from wirehouse.warehouse.templates import warehouse_templates


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    folder = tmp_path_factory.mktemp("template-warehouse")
    # small batches: later batches are cleaned with what earlier ones stored
    settings = Settings(data_dir=folder, backoff_s=0.01, timeout_s=5.0, batch_size=40)
    with DemoSites(public_hosts=True) as sites:
        summary = run_demo(sites, settings, use_prefect=False)
    assert summary.status == "succeeded", summary
    return settings


def test_the_crawl_learns_each_outlets_template(crawled):
    outlets = {g.page.url.split("/")[2] for g in gold_pages()}
    with connect(crawled.database, read_only=True) as con:
        rows = dict(con.execute(
            "select domain, count(*) from template_block where pages >= ? group by domain", [MIN_PAGES]
        ).fetchall())
    assert set(rows) == outlets
    assert all(n >= 10 for n in rows.values()), rows


def test_template_blocks_trafilatura_keeps_are_dropped_and_no_sentence_is_lost(crawled):
    settings = Settings(languages=("en",))
    con = connect(crawled.database, read_only=True)
    try:
        store = warehouse_templates(con)
        outputs = [(g, extract_article(g.page, settings)) for g in gold_pages() if g.has_article]
        store.read({(a.domain, b) for _, a in outputs if isinstance(a, Article) for b, _ in a.blocks})
    finally:
        con.close()
    removed_on = set()
    for g, article in outputs:
        assert isinstance(article, Article), g.url
        template = store.template_texts(article.domain, article.blocks)
        plain = extract(g.page.body, include_comments=False) or ""
        kept_by_trafilatura = [p for p in plain.split("\n") if p.strip() and text_key(p) in template]
        # the store alone removes them from trafilatura's own text ...
        alone = strip_template(plain.replace("\n", "\n\n"), template)
        assert not [p for p in kept_by_trafilatura if p in alone.split("\n\n")], g.url
        # ... and every sentence of the story survives
        for sentence in g.present:
            assert sentence in " ".join(alone.split()), (g.url, sentence)
        if kept_by_trafilatura:
            removed_on.add(article.domain)
            text = strip_template(article.text, template)
            assert not [p for p in kept_by_trafilatura if p in text.split("\n\n")], g.url
    # several outlets have template blocks (teaser labels, desk sign-offs) that trafilatura keeps
    assert len(removed_on) >= 2, removed_on

"""The same-site link spider on the demo outlets: every article found, no listing page kept."""

from __future__ import annotations

import asyncio

import pytest

from wirehouse.crawl.fetch import Fetcher
from wirehouse.crawl.sources import SourceSpec, discover
from wirehouse.crawl.spider import SpiderOptions, spider
from wirehouse.crawl.urls import canonical_url
from wirehouse.demo.server import DemoSites
from wirehouse.demo_run import demo_settings


@pytest.fixture(scope="module")
def sites():
    with DemoSites(public_hosts=True) as running:
        yield running


def _spider(sites, settings, outlet, options):
    async def go():
        async with Fetcher(demo_settings(sites, settings)) as fetcher:
            return await spider(fetcher, sites.base_urls[outlet] + "/", options)

    return asyncio.run(go())


def test_every_article_and_no_listing(sites, settings):
    key = {canonical_url(u): a for u, a in sites.answer_key().items()}
    broken = {canonical_url(u) for u in sites.broken_pages()}
    private = {canonical_url(u) for u in sites.private_pages()}
    for outlet in sites.base_urls:
        result = _spider(sites, settings, outlet, SpiderOptions(depth=2))
        own = {u for u, a in key.items() if a.outlet == outlet}
        found = set(result.articles)
        assert own <= found, (outlet, sorted(own - found)[:3])
        assert not found - own - broken, (outlet, sorted(found - own - broken)[:3])  # no section/tag page kept
        assert not found & private
        assert len(result.listings) >= 2 and sites.base_urls[outlet] + "/" in result.listings


def test_limits_and_patterns(sites, settings):
    outlet = "harbor-wire"  # home page -> /sections/*.html -> /news/*.html
    shallow = _spider(sites, settings, outlet, SpiderOptions(depth=0))
    assert shallow.articles == [] and shallow.fetched == 1
    one_level = _spider(sites, settings, outlet, SpiderOptions(depth=1))
    full = _spider(sites, settings, outlet, SpiderOptions(depth=2))
    assert 0 < len(one_level.articles) < len(full.articles)  # the home page lists only the newest
    capped = _spider(sites, settings, outlet, SpiderOptions(depth=2, max_pages=2))
    assert capped.fetched == 2 and len(capped.listings) == 2
    no_balkans = _spider(sites, settings, outlet, SpiderOptions(depth=2, exclude=(r"/sections/balkans",)))
    assert not any("balkans" in u for u in no_balkans.listings) and len(no_balkans.listings) == len(full.listings) - 1
    only = _spider(sites, settings, outlet, SpiderOptions(depth=2, include=(r"ukrain",)))
    assert only.articles and all("ukrain" in u for u in only.articles)
    assert len(only.articles) < len(full.articles)


def test_spider_as_a_source(sites, settings):
    base = demo_settings(sites, settings).model_copy(update={"spider_include": ("/news/",)})
    spec = SourceSpec.from_options(spider=[sites.base_urls["sahel-daily"] + "/"])
    found = discover(spec, base)
    urls = [t.url for t in found.targets]
    assert len(urls) >= 30 and all("/news/" in u and u.startswith("http://sahel-daily.example/") for u in urls)
    assert {t.source for t in found.targets} == {"sahel-daily.example"}
    nowhere = discover(SourceSpec(spider=(sites.base_urls["sahel-daily"] + "/no-such-page",)), base)
    assert [r.reason for r in nowhere.rejected] == ["bad_spider_start"]

"""The demo news sites over real loopback HTTP: feeds, sitemaps, robots.txt, pages, broken pages."""

from __future__ import annotations

import gzip
import html
import re
import urllib.robotparser
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree as ET

import feedparser
import httpx
import pytest

from wirehouse.demo import corpus, render
from wirehouse.demo.server import DemoSites

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SEED_SLUG = "iraqi-forces-begin-western-anbar-offensive"
SEED_BOILERPLATE = [
    "Share this article:",
    "ALSO READ",
    "RELATED ARTICLES",
    "MORE FROM AUTHOR",
    "Notice:",
    "Discuss",
    "Be the First to Comment!",
    "Notify of",
    "wpDiscuz",
]


@pytest.fixture(scope="module")
def sites():
    with DemoSites() as running:
        yield running


@pytest.fixture(scope="module")
def client():
    with httpx.Client(timeout=5.0) as c:
        yield c


def page_text(body: bytes, encoding: str = "utf-8") -> str:
    """Raw HTML with entities resolved and tags dropped, whitespace collapsed."""
    text = re.sub(r"<[^>]+>", " ", body.decode(encoding))
    return " ".join(html.unescape(text).split())


def sitemap_locs(client: httpx.Client, url: str) -> tuple[list[str], list[ET.Element]]:
    """Every <loc> of a sitemap, following a sitemap index and gunzipping .gz children."""
    r = client.get(url)
    assert r.status_code == 200, url
    data = gzip.decompress(r.content) if url.endswith(".gz") else r.content
    root = ET.fromstring(data)
    if root.tag == f"{SM}sitemapindex":
        locs, urls = [], []
        for loc in root.iter(f"{SM}loc"):
            child_locs, child_urls = sitemap_locs(client, loc.text)
            locs += child_locs
            urls += child_urls
        return locs, urls
    assert root.tag == f"{SM}urlset"
    urls = root.findall(f"{SM}url")
    return [u.find(f"{SM}loc").text for u in urls], urls


def test_one_outlet_and_clean_shutdown(tmp_path):
    with httpx.Client(timeout=2.0) as c:
        with DemoSites(outlets=["harbor-wire"], corpus_dir=tmp_path) as one:  # no articles: fast
            base = one.base_urls["harbor-wire"]
            assert list(one.base_urls) == ["harbor-wire"]
            assert c.get(base + "/robots.txt").status_code == 200
            assert one.answer_key() == {}
            assert c.get(base + "/").status_code == 200
        with pytest.raises(httpx.ConnectError):
            c.get(base + "/robots.txt")


def test_base_urls(sites):
    bases = sites.base_urls
    assert list(bases) == [o.id for o in corpus.load_outlets()]
    ports = {urlsplit(b).port for b in bases.values()}
    assert len(ports) == 5
    assert all(b.startswith("http://127.0.0.1:") for b in bases.values())


def test_feeds_parse_and_list_every_article(sites, client):
    key = sites.answer_key()
    broken = sites.broken_pages()
    for oid, url in sites.feed_urls().items():
        r = client.get(url)
        assert r.status_code == 200
        outlet = next(o for o in sites.outlets if o.id == oid)
        assert r.headers["content-type"].startswith(f"application/{outlet.feed_kind}+xml")
        feed = feedparser.parse(r.content)
        assert not feed.bozo, (oid, feed.get("bozo_exception"))
        assert feed.version == ("rss20" if outlet.feed_kind == "rss" else "atom10")
        links = [e.link for e in feed.entries]
        tracked = [link for link in links if "utm_source" in link]
        if outlet.feed_link_params:
            assert len(tracked) == len(links)
            assert parse_qs(urlsplit(links[0]).query) == {"utm_source": ["rss"], "utm_medium": ["feed"]}
        else:
            assert not tracked
        clean = {link.split("?")[0] for link in links}
        expected = {u for u, a in key.items() if a.outlet == oid} | {u for u in broken if u.startswith(sites.base_urls[oid] + "/")}
        assert clean == expected, oid
        assert all(e.get("published_parsed") for e in feed.entries)


def test_sitemaps_list_every_article(sites, client):
    key = sites.answer_key()
    broken = sites.broken_pages()
    private = sites.private_pages()
    everything = set()
    for oid, url in sites.sitemap_urls().items():
        locs, _ = sitemap_locs(client, url)
        base = sites.base_urls[oid] + "/"
        expected = {u for u, a in key.items() if a.outlet == oid}
        expected |= {u for u in (*broken, *private) if u.startswith(base)}
        assert len(locs) == len(set(locs))
        assert set(locs) == expected, oid
        everything |= set(locs)
    assert len(everything) == corpus.expected_figures().listed_urls


def test_sitemap_index_with_news_and_gzip_children(sites, client):
    outlet = next(o for o in sites.outlets if o.sitemap_style == "index")
    base = sites.base_urls[outlet.id]
    r = client.get(base + outlet.sitemap_path)
    children = [loc.text for loc in ET.fromstring(r.content).iter(f"{SM}loc")]
    assert children == [base + "/sitemap-news.xml", base + "/sitemap-archive.xml.gz"]
    gz = client.get(children[1])
    assert gz.headers["content-type"] == "application/gzip"
    assert gz.content[:2] == b"\x1f\x8b"
    _, news_urls = sitemap_locs(client, children[0])
    assert news_urls
    for u in news_urls:
        date = u.find(f"{NEWS}news/{NEWS}publication_date").text
        assert parsedate_ok(date)


def parsedate_ok(text: str) -> bool:
    from datetime import datetime

    return datetime.fromisoformat(text).tzinfo is not None


def test_robots(sites, client):
    private = sites.private_pages()
    assert len(private) == 1
    private_url, private_outlet = next(iter(private.items()))
    delays = {}
    for oid, url in sites.robots_urls().items():
        r = client.get(url)
        assert r.headers["content-type"] == "text/plain; charset=utf-8"
        parser = urllib.robotparser.RobotFileParser(url)
        parser.parse(r.text.splitlines())
        assert parser.site_maps() == [sites.sitemap_urls()[oid]]
        some_article = next(u for u, a in sites.answer_key().items() if a.outlet == oid)
        assert parser.can_fetch("wirehouse", some_article)
        assert not parser.can_fetch("ArchiveSweeper", some_article)
        if oid == private_outlet:
            assert not parser.can_fetch("wirehouse", private_url)
        m = re.search(r"^Crawl-delay:\s*(\S+)", r.text, re.M)
        delays[oid] = float(m.group(1)) if m else None
    # urllib.robotparser ignores fractional delays, so the crawler has to read this line itself
    assert sorted(v for v in delays.values() if v is not None) == [0.05]
    # the private page is linked from nowhere but the sitemap
    for oid, base in sites.base_urls.items():
        assert private_url not in client.get(base + "/").text
        assert private_url not in client.get(sites.feed_urls()[oid]).text


def test_private_page_looks_like_an_article(sites, client):
    url = next(iter(sites.private_pages()))
    r = client.get(url)
    assert r.status_code == 200
    assert "<article" in r.text and "EMBARGOED DRAFT" in r.text


def test_broken_pages_answer_as_promised(sites, client):
    broken = sites.broken_pages()
    assert sorted(broken.values()) == sorted(corpus.BROKEN_KINDS)
    assert len({urlsplit(u).port for u in broken}) == 5  # spread over the outlets
    key = sites.answer_key()
    by_kind = {kind: url for url, kind in broken.items()}

    assert client.get(by_kind["http_404"]).status_code == 404
    assert [client.get(by_kind["http_500"]).status_code for _ in range(3)] == [500, 500, 500]

    r = client.get(by_kind["empty_body"])
    assert r.status_code == 200
    assert re.search(r"<body>\s*</body>", r.text)

    r = client.get(by_kind["comments_only"])
    assert r.status_code == 200
    outlet = next(o for o in sites.outlets if by_kind["comments_only"].startswith(sites.base_urls[o.id]))
    text = page_text(r.content)
    assert sum(c.text in text for c in outlet.comments) >= 3
    assert not any(a.first_sentence in text for a in key.values())

    url = by_kind["cp1252_as_utf8"]
    article = key[url]  # a real article of the corpus, at its own URL
    r = client.get(url)
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert b'<meta charset="utf-8">' in r.content
    with pytest.raises(UnicodeDecodeError):
        r.content.decode("utf-8")
    text = page_text(r.content, "cp1252")
    assert article.title in text and article.first_sentence in text
    assert not (article.title + article.body).isascii()


def test_article_pages_contain_title_and_first_sentence(sites, client):
    key = sites.answer_key()
    broken = sites.broken_pages()
    for url, article in key.items():
        r = client.get(url)
        assert r.status_code == 200, url
        text = page_text(r.content, "cp1252" if broken.get(url) == "cp1252_as_utf8" else "utf-8")
        assert article.title in text, url
        assert article.first_sentence in text, url
        if article.caption:
            assert article.caption in text, url


def test_conditional_requests(sites, client):
    url, article = next(iter(sites.answer_key().items()))
    r = client.get(url)
    etag, last_modified = r.headers["etag"], r.headers["last-modified"]
    assert parsedate_to_datetime(last_modified) == article.published
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
    assert client.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304
    assert client.head(url).headers["content-length"] == r.headers["content-length"]


def test_tracking_parameters_and_missing_slash(sites, client):
    outlet = next(o for o in sites.outlets if o.article_path.endswith("/"))
    url = next(u for u, a in sites.answer_key().items() if a.outlet == outlet.id)
    assert client.get(url + "?utm_source=rss&utm_medium=feed").status_code == 200
    r = client.get(url.rstrip("/"))
    assert r.status_code == 301 and r.headers["location"] == url


def test_canonical_and_metadata_per_outlet(sites, client):
    key = sites.answer_key()
    for outlet in sites.outlets:
        url = next(u for u, a in key.items() if a.outlet == outlet.id and not a.is_copy)
        page = client.get(url).content.decode("utf-8", errors="replace")
        canon = re.search(r'<link rel="canonical" href="([^"]+)"', page)
        assert (canon.group(1) if canon else None) == (url if outlet.canonical else None), outlet.id
        assert ('property="og:title"' in page) == outlet.opengraph, outlet.id
        assert ('"@type": "NewsArticle"' in page) == outlet.json_ld, outlet.id
        assert "<figcaption" in page or not key[url].caption


def test_syndicated_copies_are_served_as_near_duplicates(sites, client):
    key = sites.answer_key()
    copies = {u: a for u, a in key.items() if a.is_copy}
    assert copies
    originals = {a.ref: u for u, a in key.items() if not a.is_copy}
    for url, copy in copies.items():
        text = page_text(client.get(url).content)
        assert "By Harbor Wire" in text
        assert "This story was first published by Harbor Wire." in text
        original_text = page_text(client.get(originals[copy.copy_of]).content)
        assert "This story was first published by Harbor Wire." not in original_text
        assert copy.paragraphs[1] in original_text


def test_listing_pages_link_articles(sites, client):
    key = sites.answer_key()
    for oid, base in sites.base_urls.items():
        site = sites.sites[oid]
        sections = {a.section for a in key.values() if a.outlet == oid}
        linked = set()
        for section in sections:
            r = client.get(base + site.outlet.section_url_path(section))
            assert r.status_code == 200
            linked |= set(re.findall(r'href="([^"]+)"', r.text))
        own = {u for u, a in key.items() if a.outlet == oid}
        assert own <= linked, oid
        home = client.get(base + "/").text
        assert sum(u in home for u in own) >= min(10, len(own))


def test_seed_page_has_the_seed_boilerplate(sites, client):
    url = next((u for u, a in sites.answer_key().items() if a.slug == SEED_SLUG), None)
    assert url is not None, "frontline-dispatch has no seed article yet"
    page = client.get(url)
    text = page_text(page.content)
    for needle in SEED_BOILERPLATE:
        assert needle in text, needle
    assert "BEIRUT, LEBANON (12:50 P.M.) – Moments ago," in text
    assert text.index("Share this article:") > text.index("in the country’s northwest.")
    assert len(re.findall(r"<li[^>]*><a[^>]*><span[^>]*></span></a></li>", page.text)) >= 10  # empty bullets
    assert "Frontline Dispatch" in text[text.index("Notice:"):]


def test_requests_are_logged_quietly(sites, client, capsys):
    sites.clear_requests()
    client.get(sites.base_urls["sahel-daily"] + "/no-such-page")
    records = sites.requests()
    assert [(r.outlet, r.path, r.status) for r in records] == [("sahel-daily", "/no-such-page", 404)]
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_render_is_pure():
    base = {"harbor-wire": "http://127.0.0.1:1"}
    one = render.build_sites(base)["harbor-wire"]
    two = render.build_sites(base)["harbor-wire"]
    assert one.resources.keys() == two.resources.keys()
    assert all(one.resources[p].body == two.resources[p].body for p in one.resources)

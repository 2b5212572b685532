from datetime import datetime, timezone

from wirehouse.clean.aliases import StoredArticle, resolve_canonical
from wirehouse.clean.dedup import fingerprints
from wirehouse.crawl.urls import article_id, canonical_url
from wirehouse.records import Article

TEXT = ("The council approved the budget on Tuesday after a long debate, the mayor said. "
        "Opposition members walked out before the vote and promised to appeal.")
OTHER = ("Flooding closed the coastal road for a third day as rescue teams searched for two "
         "fishermen missing since the storm, the coast guard said on Wednesday.")


def article(url, canonical, text=TEXT, fetched=None):
    text_hash, simhash = fingerprints(text)
    canon = canonical_url(canonical)
    return Article(url=url, canonical_url=canon, article_id=article_id(canon), domain="example.org", title="t",
                    text=text, text_hash=text_hash, simhash=simhash,
                    fetched_at=fetched or datetime(2026, 1, 1, tzinfo=timezone.utc))


def test_same_canonical_same_text_in_one_batch_becomes_an_alias():
    canon = "https://example.org/news/budget"
    pages = [article("https://example.org/amp/budget", canon), article(canon, canon),
             article("https://example.org/print/budget?p=1", canon)]
    out = resolve_canonical(pages)
    assert [a.url for a in out.articles] == [canon]  # the page at the canonical URL represents it
    assert sorted(a.url for a in out.aliases) == ["https://example.org/amp/budget",
                                                  "https://example.org/print/budget?p=1"]
    assert {a.article_id for a in out.aliases} == {article_id(canonical_url(canon))}
    assert not out.rejected


def test_canonical_link_to_a_section_page_keeps_each_article():
    section = "https://example.org/news/"
    pages = [article("https://example.org/news/a", section), article("https://example.org/news/b", section, OTHER)]
    pages.append(article("https://example.org/news/c", section, TEXT + " And one more sentence was added."))
    out = resolve_canonical(pages)
    assert len(out.articles) == 3 and not out.aliases and not out.rejected
    # none of them is at the section URL: each keeps its own URL
    assert [a.canonical_url for a in out.articles] == [a.url for a in pages]
    assert set(out.rekeyed) == {a.article_id for a in out.articles}
    assert set(out.rekeyed.values()) == {article_id(canonical_url(section))}


def test_the_page_at_the_canonical_url_keeps_it():
    canon = "https://example.org/news/budget"
    out = resolve_canonical([article("https://example.org/news/budget?page=2", canon, OTHER), article(canon, canon)])
    assert {(a.url, a.canonical_url) for a in out.articles} == {
        ("https://example.org/news/budget?page=2", "https://example.org/news/budget?page=2"), (canon, canon)}


def test_page_naming_a_stored_article():
    canon = "https://example.org/news/budget"
    key = article_id(canonical_url(canon))
    stored = {key: StoredArticle(canon, *fingerprints(TEXT))}
    copy = article("https://mirror.example.net/budget", canon)
    out = resolve_canonical([copy], stored)
    assert not out.articles and [(a.url, a.article_id) for a in out.aliases] == [(copy.url, key)]
    # the stored page itself, read again, is updated in place
    again = resolve_canonical([article(canon, canon, OTHER)], stored)
    assert [a.article_id for a in again.articles] == [key] and not again.aliases
    # another page with other text claiming it is loaded under its own URL
    claim = resolve_canonical([article("https://example.org/other", canon, OTHER)], stored)
    assert [a.url for a in claim.articles] == ["https://example.org/other"]
    assert claim.articles[0].article_id != key


def test_same_url_twice_with_other_text_keeps_the_newest():
    url = "https://example.org/news/budget"
    old = article(url, url, TEXT, datetime(2026, 1, 1, tzinfo=timezone.utc))
    new = article(url, url, OTHER, datetime(2026, 1, 2, tzinfo=timezone.utc))
    out = resolve_canonical([old, new])
    assert [a.text for a in out.articles] == [OTHER]
    assert [(r.ref, r.reason) for r in out.rejected] == [(url, "superseded")]


def test_every_page_is_accounted_for():
    section = "https://example.org/"
    pages = [article(f"https://example.org/p{i}", section, TEXT if i % 2 else f"{OTHER} {i} " * (i + 1))
             for i in range(8)]
    out = resolve_canonical(pages)
    assert len(out.articles) + len(out.aliases) + len(out.rejected) == len(pages)
    assert len({a.article_id for a in out.articles}) == len(out.articles)


def test_a_page_stored_under_its_own_url_stays_there():
    section = "https://example.org/news/"
    page = article("https://example.org/news/b", section, OTHER)
    own = canonical_url(page.url)
    stored = {article_id(own): StoredArticle(page.url, *fingerprints(TEXT))}  # loaded before, other text
    out = resolve_canonical([page], stored)
    assert [(a.canonical_url, a.text) for a in out.articles] == [(own, OTHER)]  # updated in place


def test_a_page_whose_own_url_is_no_url_keeps_the_canonical_url_it_names():
    canon = "https://example.org/news/budget"
    odd = article("http://[::1/x", canon, OTHER)
    out = resolve_canonical([article(canon, canon), odd])
    # it cannot move to its own URL: the same canonical URL with other text, the page at it wins
    assert [a.url for a in out.articles] == [canon] and [r.reason for r in out.rejected] == ["superseded"]
    alone = resolve_canonical([odd])
    assert [a.canonical_url for a in alone.articles] == [canon]

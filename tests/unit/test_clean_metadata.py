"""Title, author(s), site name; the publication time from a <time> element; wire sign-offs and
headlines repeated in the text; the no-prose check."""

import pytest
from trafilatura.metadata import extract_author
from trafilatura.utils import load_html

from wirehouse.clean.boilerplate import clean_text, remove_boilerplate
from wirehouse.clean.dateline import find_dateline
from wirehouse.clean.dates import time_on_day
from wirehouse.clean.extract import _has_prose, extract_html
from wirehouse.clean.metadata import byline_element_author, byline_text_author, page_metadata, site_from_title

BODY = "".join(
    f"<p>The army said on {day} that the road to the northern towns was open again after the floods receded, "
    "and aid convoys were moving.</p>" for day in ("Monday", "Tuesday", "Wednesday")
)


def tree(head: str = "", body: str = "", title: str = "Site: Big story"):
    return load_html(f"<html><head><title>{title}</title>{head}</head><body><h1>Big story</h1>{body}"
                     f"<article>{BODY}</article></body></html>")


@pytest.mark.parametrize(
    "head,byline",
    [
        ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
         '"author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Smith"}]}</script>', ""),
        ('<meta name="author" content="Jane Doe, John Smith">', ""),
        ("", '<div class="infos">By <span>Jane Doe</span> and <span>John Smith</span> | Published '
             '<time datetime="2026-01-02T10:00:00Z">2 Jan</time></div>'),
        ("", '<p class="byline">By Jane Doe &amp; John Smith</p>'),
    ],
)
def test_multiple_authors_are_joined(head, byline):
    assert page_metadata(tree(head, byline)).author == "Jane Doe; John Smith"


def test_byline_text_needs_a_name_not_a_sentence():
    assert byline_text_author(tree(body="<p>By Monday, the army had withdrawn from the town.</p>")) is None
    assert byline_text_author(tree(body='<div>By <b>Aïssata Coulibaly</b> | Published 3 May</div>')) == "Aïssata Coulibaly"
    # a byline inside the comment section is a commenter, not the author
    assert byline_text_author(tree(body='<div id="comments"><p>By Jane Doe</p></div>')) is None


@pytest.mark.parametrize(
    "body",
    [
        '<span class="author-name">Jane Doe</span>',
        '<a rel="author" href="/jane">Jane Doe</a>',
        '<div class="byline">Jane Doe</div>',
        '<div class="post-meta"><span itemprop="author">Jane Doe</span><time>May 3</time></div>',
        '<div class="comments"><span class="author">Reader One</span></div><p class="byline">Jane Doe</p>',
    ],
)
def test_byline_element_agrees_with_trafilatura(body):
    t = tree(body=body)
    assert byline_element_author(t) == extract_author(t) == "Jane Doe"


def test_site_name_from_title():
    assert site_from_title(tree(title="The Daily Monitor: Big story"), "Big story") == "The Daily Monitor"
    assert site_from_title(tree(title="Big story | Harbor Wire"), "Big story") == "Harbor Wire"
    assert site_from_title(tree(title="Big story"), "Big story") is None
    assert site_from_title(tree(title="Another page"), "Big story") is None


def test_time_of_day_added_from_the_story_time_element_not_a_caption_or_comment():
    t = load_html(
        "<html><body><figure><figcaption>Smoke on <time datetime='2026-03-04T05:00:00Z'>4 March</time>"
        "</figcaption></figure><div class='infos'>Published <time datetime='2026-03-04T16:30:00+00:00'>4 March 2026"
        "</time></div><div class='comment'><time datetime='2026-03-04T18:00:00Z'>later</time></div></body></html>")
    from datetime import date, datetime, timezone

    assert time_on_day(t, date(2026, 3, 4)) == datetime(2026, 3, 4, 16, 30, tzinfo=timezone.utc)
    assert time_on_day(t, date(2026, 3, 5)) is None


def test_publication_date_without_metadata_skips_caption_date():
    html = ("<html><head><title>Sahel: Raid</title></head><body><h1>Raid</h1><div class='infos'>By A B | Published "
            "<time datetime='2026-07-21T14:45:00+00:00'>21 July 2026, 14:45</time></div><figure><figcaption>Smoke "
            "rises over the market on June 30, 2026. (Photo: X)</figcaption></figure>" + f"<div>{BODY}</div>"
            "<div id='reactions'><p><b>Reader</b> wrote on 22/07/2026 at 09:10:</p><p>Terrible news from the "
            "region today, again and again.</p></div></body></html>")
    r = extract_html(html)
    assert r.published == "2026-07-21T14:45:00+00:00"
    assert "Terrible news" not in r.text and "Reader" not in r.text
    assert r.site_name == "Sahel" and r.author == "A B"


def test_signoff_and_repeated_headline_removed():
    text = ("World ·\n\nPort reopens after strike\n\nThe port reopened on Monday after a week-long strike by "
            "dockworkers, the operator said.\n\n(Reporting by Jane Doe; Editing by John Smith)")
    cleaned, removed = remove_boilerplate(text, title="Port reopens after strike")
    assert cleaned == "The port reopened on Monday after a week-long strike by dockworkers, the operator said."
    assert {r.rule for r in removed} == {"kicker", "headline", "signoff"}
    # a sentence that starts like the headline is kept; so is the headline deep in the text
    kept = "Port reopens after strike, the operator said on Monday, as ships queued outside."
    assert clean_text(kept, title="Port reopens after strike") == kept
    deep = "A.\n\nB is long enough to be a sentence.\n\nC.\n\nD.\n\nPort reopens after strike"
    assert clean_text(deep, title="Port reopens after strike").endswith("Port reopens after strike")
    # a parenthesis that is part of the story stays
    aside = "(The ministry said the figures were provisional and would be revised by Friday.)"
    assert clean_text(aside) == aside


def test_dateline_with_lowercase_words_in_the_country():
    assert find_dateline("SARAJEVO, Bosnia and Herzegovina (HW) — The court ...") == "SARAJEVO, Bosnia and Herzegovina"
    assert find_dateline("PORT OF SPAIN, Trinidad and Tobago — Police ...") == "PORT OF SPAIN, Trinidad and Tobago"


def test_has_prose():
    assert _has_prose("Home\n\nAbout us\n\nJoin the discussion\n\nPost Comment") is False
    assert _has_prose("x " * 10 + "\n\n" + "The army said on Monday that the road to the northern towns was open "
                      "again after the floods. Convoys moved.")
    assert _has_prose("一个约定，信守15年，感人至深；一段真情，延续15年，催人泪下。6月3日上午，话剧全省各市巡演活动来到张家口。"
                      "话剧结尾，全场响起经久不息的掌声，许多观众流下感动的泪水。这样的掌声、这样的感动，如今已经传遍河北大地。为深入学习")

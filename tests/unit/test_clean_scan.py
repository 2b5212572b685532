"""The cheap source checks and the one-walk node collection agree with the tree searches they
stand in for; the parser gives trafilatura's tree."""

import pytest
from lxml import etree
from lxml.html import FormElement, HtmlElement, InputElement
from trafilatura.utils import load_html

from wirehouse.clean.dates import _ITEMPROP_PUBLISHED, structured_date
from wirehouse.clean.extract import _drop_comment_sections, load_tree
from wirehouse.clean.metadata import _BY_XPATH, byline_text_author
from wirehouse.clean.scan import ascii_source, has_itemprop, has_text_starting_by, page_nodes

PAGES = [
    "<html><body><p>By Jane Doe</p><p>Text.</p></body></html>",
    "<html><body><div>\n  By <b>Jane Doe</b> | Published 3 May</div></body></html>",
    "<html><body><span>BY JANE DOE</span></body></html>",
    "<html><body><p><b>x</b>By Jane Doe</p></body></html>",  # the first text node follows a child
    "<html><body><p>By</p></body></html>",
    "<html><body><p>Bystanders said</p><p>Byline</p></body></html>",
    "<html><body><p>Stand by me</p></body></html>",
    "<html><body><p>&nbsp;By Jane</p></body></html>",
    "<html><body><span itemprop='datePublished' content='2026-01-02'>2 Jan</span></body></html>",
    '<html><body><time ITEMPROP = "datePublished" datetime="2026-01-02T10:00:00Z">2 Jan</time></body></html>',
    "<html><body><div itemprop=datePublished>2026-01-02</div></body></html>",
    '<html><body><div data-itemprop="datePublished">2026-01-02</div>'
    '<script>var x = {"datePublished": "2026-01-02"};</script></body></html>',
]


@pytest.mark.parametrize("html", PAGES)
def test_source_checks_never_miss_what_the_tree_has(html):
    tree = load_tree(html)
    source = ascii_source(html)
    if _BY_XPATH(tree):
        assert has_text_starting_by(source)
    assert byline_text_author(tree, source) == byline_text_author(tree)
    if _ITEMPROP_PUBLISHED(tree):
        assert has_itemprop(source, b"datePublished")
    assert structured_date(tree, source=source) == structured_date(tree)


def test_source_checks_say_no_when_absent():
    assert not has_text_starting_by(b"<html><body><p>Stand by me. Bystanders.</p></body></html>")
    assert not has_itemprop(b'<p data-itemprop="datePublished">{"datePublished": 1}</p>', b"datePublished")


def test_ascii_source_keeps_ascii_markup():
    html = "<p id='a'>Genève</p>"
    assert ascii_source(html, html.encode("cp1252"), "cp1252") == html.encode("cp1252")
    assert ascii_source(html, html.encode("utf-8"), "utf-8") == html.encode("utf-8")
    assert ascii_source(html, html.encode("utf-16"), "utf-16-le") == html.encode("utf-8")
    assert ascii_source(html, html.encode("cp037"), "cp037") == html.encode("utf-8")  # EBCDIC
    assert ascii_source(html) == html.encode("utf-8")


def test_page_nodes_is_what_the_xpaths_find():
    html = ("<html><head><meta name='a' content='1'><link rel='canonical' href='/x'>"
            "<script type='application/ld+json'>{}</script><script>var a;</script></head>"
            "<body><time datetime='2026-01-01'>x</time><p>text</p></body></html><html><body>"
            "<link rel='stylesheet' href='/after-the-end.css'><meta property='og:type' content='article'></body></html>")
    tree = load_tree(html)
    nodes = page_nodes(tree)
    assert nodes.metas == tree.xpath("//meta")
    assert nodes.links == tree.xpath("//link")  # including those of a second top-level element
    assert nodes.ld_json == tree.xpath("//script[@type='application/ld+json']")
    assert nodes.times == tree.xpath("//time")


@pytest.mark.parametrize("html", [
    "<!DOCTYPE html><html><head><title>t</title></head><body><form><input name='q'></form><p>x</p></body></html>",
    "<?xml version='1.0' encoding='utf-8'?><html><body><p>x</p></body></html>",
    "<html/><body><p>a</p></body>",
    "<div><p>a fragment</p></div>",
    "<p>a</p><p>b</p>",
    "plain text, no markup",
    "\x01\x02<html><body>control characters</body></html>",
])
def test_load_tree_builds_trafilaturas_tree(html):
    ours, theirs = load_tree(html), load_html(html)
    if theirs is None:
        assert ours is None
        return
    assert etree.tostring(ours.getroottree()) == etree.tostring(theirs.getroottree())
    assert [type(el) for el in ours.iter()] == [type(el) for el in theirs.iter()]
    assert isinstance(ours, HtmlElement)


def test_load_tree_keeps_lxml_html_element_classes():
    tree = load_tree("<html><body><form action='/s'><input name='q' value='v'></form></body></html>")
    form = tree.find(".//form")
    assert isinstance(form, FormElement) and isinstance(tree.find(".//input"), InputElement)
    assert dict(form.form_values()) == {"q": "v"}


def test_drop_comment_sections_counts_what_it_removes():
    tree = load_tree("<html><body><article><p>Story.</p></article><div id='comments'><p>Reader: ok</p></div>"
                     "<section id='respond'>Leave a reply</section></body></html>")
    assert len(_drop_comment_sections(tree)) == 2
    assert _drop_comment_sections(tree) == []
    assert "Reader" not in tree.text_content()

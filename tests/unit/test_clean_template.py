"""Site templates: blocks repeating across pages of one domain (wirehouse.clean.template)."""

import dataclasses
from datetime import datetime, timezone

from lxml.html import fromstring

from wirehouse.clean.template import (
    MIN_PAGES,
    TemplateStore,
    learn_and_strip,
    page_blocks,
    strip_template,
    text_key,
)
from wirehouse.records import Article, Rejected

PROMPT = "Sign up for the Morning Brief, our daily digest of the news."


def story(n: int) -> list[str]:
    return [f"Story {n} paragraph {i}: the council met on day {n} and voted on measure {i} after a long debate."
            for i in range(3)]


def page(n: int, post_class: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in story(n))
    return (f"<html><body class='{post_class}'><div class='content'><article id='post-{n}'>{paragraphs}"
            f"<p class='promo'>{PROMPT}</p></article></div><footer><p>About us</p></footer></body></html>")


def article(n: int, text: str, blocks) -> Article:
    return Article(article_id=str(n), url=f"https://news.example/{n}", canonical_url=f"https://news.example/{n}",
                   domain="news.example", title=None, text=text, text_hash=f"h{n}", blocks=blocks,
                   fetched_at=datetime(2026, 1, 1, tzinfo=timezone.utc))


def test_blocks_are_keyed_by_path_and_text_and_ignore_per_page_names():
    a = dict(page_blocks(fromstring(page(1, "postid-1"))))
    b = dict(page_blocks(fromstring(page(2, "postid-2"))))
    assert set(a) & set(b)  # the prompt and the footer: same path, same text
    assert text_key(PROMPT) in set(a.values()) & set(b.values())
    assert text_key(story(1)[0]) in a.values() and text_key(story(1)[0]) not in b.values()
    c = dict(page_blocks(fromstring(page(3).replace("class='content'", "class='sidebar'"))))
    assert {a[k] for k in set(c) & set(a)} == {text_key("About us")}  # the prompt under another path differs


def test_a_block_is_template_only_after_min_pages_pages():
    store = TemplateStore()
    blocks = page_blocks(fromstring(page(1)))
    for n in range(MIN_PAGES - 1):
        store.observe("news.example", blocks)
    assert not store.template_texts("news.example", blocks)  # never on fewer pages' evidence
    store.observe("news.example", blocks)
    assert text_key(PROMPT) in store.template_texts("news.example", blocks)
    assert not store.template_texts("other.example", blocks)


def test_learn_and_strip_drops_template_paragraphs_and_keeps_the_story():
    outputs = []
    for n in range(MIN_PAGES + 1):
        text = "\n\n".join(story(n) + [PROMPT])
        outputs.append(article(n, text, page_blocks(fromstring(page(n)))))
    outputs.append(Rejected(stage="clean", ref="x", reason="too_short", message="m"))
    out = learn_and_strip(outputs, TemplateStore())
    assert isinstance(out[-1], Rejected)
    for n, a in enumerate(out[:-1]):
        assert PROMPT not in a.text
        assert a.text == "\n\n".join(story(n))
        assert a.blocks == () and a.text_hash != f"h{n}"  # fingerprints renewed


def test_copies_of_one_story_are_one_page_of_evidence():
    text = "\n\n".join(story(1) + [PROMPT])
    blocks = page_blocks(fromstring(page(1)))
    copies = [article(1, text, blocks) for _ in range(MIN_PAGES + 2)]  # same text hash
    out = learn_and_strip(copies, TemplateStore())
    assert all(a.text == text for a in out)


def test_pages_of_no_known_site_teach_no_template_and_lose_nothing():
    store = TemplateStore()
    outputs = []
    for n in range(MIN_PAGES + 1):  # saved pages of unrelated outlets that name no URL of their own
        text = "\n\n".join(story(n) + [PROMPT])
        outputs.append(dataclasses.replace(article(n, text, page_blocks(fromstring(page(n)))), domain=""))
    out = learn_and_strip(outputs, store)
    assert [a.text for a in out] == [a.text for a in outputs]  # the shared paragraph is kept
    assert all(a.blocks == () for a in out)
    assert not store.added  # nothing to save as any site's template


def test_strip_template_never_takes_most_of_a_text():
    text = "\n\n".join(story(1))
    assert strip_template(text, {text_key(p) for p in story(1)[:2]}) == text
    assert strip_template(text + "\n\n" + PROMPT, {text_key(PROMPT)}) == text



def test_deep_and_odd_markup_is_read_without_error():
    deep = "<html><body>" + "<div>" * 2000 + "<p>Deep text</p>" + "</div>" * 2000 + "</body></html>"
    blocks = page_blocks(fromstring(deep))
    assert text_key("Deep text") in {t for _, t in blocks} or blocks == ()
    odd = "<html><body><script><p>code</p></script><!-- c --><p> </p><p>Ünïcode  Text</p></body></html>"
    assert {t for _, t in page_blocks(fromstring(odd))} == {text_key("ünïcode text")}

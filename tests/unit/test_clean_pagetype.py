"""Live blogs, galleries, video pages and paywalled teasers are recognised and not passed on as
articles (wirehouse.clean.pagetype, extract_article)."""

from datetime import datetime, timezone

from lxml.html import fromstring

from wirehouse.clean.extract import extract_article
from wirehouse.clean.pagetype import GALLERY, LIVE_BLOG, PAYWALLED, VIDEO, page_kind, rejection
from wirehouse.records import Article, Page, Rejected
from wirehouse.settings import Settings

SENTENCES = [
    "Government troops launched a broad offensive on Tuesday against rebel positions around the northern city, "
    "the army spokesman told reporters in the capital after a night of heavy shelling.",
    "According to officials, the fighting forced more than two thousand families to leave their homes, and aid "
    "agencies said their convoys could not reach the area for a third consecutive day.",
    "The rebel leader rejected the offer of talks and accused the army of shelling residential districts, a "
    "charge the defence ministry denied in a statement released on Wednesday morning.",
    "Diplomats in the capital said a ceasefire proposal drafted by neighbouring states would be discussed at a "
    "regional summit next week, though neither side has committed to attend the meeting.",
]


def scripts(*jsonld: str):
    return fromstring("<html><head>" + "".join(f'<script type="application/ld+json">{j}</script>' for j in jsonld)
                      + "</head><body></body></html>").findall(".//script")


def html(head: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>Offensive in the north</title>{head}</head><body><article><h1>Offensive</h1>"
            f"{body}</article></body></html>").encode()


def extract(url: str, head: str, paragraphs: list[str]):
    page = Page(url=url, final_url=url, status=200, body=html(head, paragraphs),
                fetched_at=datetime(2026, 1, 1, tzinfo=timezone.utc), content_type="text/html")
    return extract_article(page, Settings(languages=("en",), learn_templates=False))


def test_kinds_from_jsonld_og_type_and_url():
    assert page_kind(scripts('{"@type": "LiveBlogPosting"}'), None, None) == LIVE_BLOG
    assert page_kind([], None, "https://n.example/world/live/2026/jan/01/war-updates") == LIVE_BLOG
    assert page_kind(scripts('{"@type": ["ImageGallery"]}'), None, None) == GALLERY
    assert page_kind([], None, "https://n.example/in-pictures/floods") == GALLERY
    assert page_kind([], "video.other", None) == VIDEO
    assert page_kind(scripts('{"@type": "VideoObject"}'), None, None) == VIDEO
    # an article with a video in it is an article
    assert page_kind(scripts('{"@type": "NewsArticle", "video": {"@type": "VideoObject"}}'), "article", None) is None
    assert page_kind(scripts('{"@type": "NewsArticle", "isAccessibleForFree": false}'), None, None) == PAYWALLED
    assert page_kind(scripts('{"@type": "NewsArticle", "isAccessibleForFree": "True"}'), "article",
                     "https://n.example/2026/01/01/offensive") is None


def test_rules_keep_media_pages_with_an_article_and_full_paywalled_text():
    story = "\n\n".join(SENTENCES * 2)
    assert rejection(GALLERY, story) is None and rejection(VIDEO, story) is None
    assert rejection(GALLERY, "Flooded streets.\n\nA rescue boat.")[0] == GALLERY
    assert rejection(PAYWALLED, story * 2) is None
    assert rejection(PAYWALLED, SENTENCES[0])[0] == PAYWALLED
    assert rejection(LIVE_BLOG, story)[0] == LIVE_BLOG
    assert rejection(None, "x") is None


def test_extract_article_rejects_each_kind_with_its_reason():
    live = extract("https://n.example/news/live/offensive", "", SENTENCES)
    assert isinstance(live, Rejected) and live.reason == LIVE_BLOG and "live blog" in live.message
    teaser = extract("https://n.example/2026/01/01/offensive",
                     '<script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree":false}</script>',
                     SENTENCES[:2])
    assert isinstance(teaser, Rejected) and teaser.reason == PAYWALLED
    video = extract("https://n.example/video/offensive", '<meta property="og:type" content="video.other">',
                    ["Watch: troops advance on the northern city."] + SENTENCES[:1])
    assert isinstance(video, Rejected) and video.reason == VIDEO
    article = extract("https://n.example/2026/01/01/offensive", '<meta property="og:type" content="article">',
                      SENTENCES)
    assert isinstance(article, Article)

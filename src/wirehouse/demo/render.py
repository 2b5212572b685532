"""Render the demo outlets: article and index pages, feeds, sitemaps and robots.txt.

Everything here is a pure function of the corpus records and a base URL. :func:`build_site`
assembles every resource one outlet serves (path -> :class:`Resource`); the server only looks
paths up. Each outlet has its own page templates under ``templates/<outlet.template>/`` with
the boilerplate real news sites carry around an article (cookie banners, share bars, teasers,
related links, newsletter prompts, comment threads), so the cleaning stage has work to do.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from functools import lru_cache
from typing import Mapping, Sequence

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from wirehouse.demo.corpus import (
    DEMO_DIR,
    CorpusError,
    DemoArticle,
    Outlet,
    ReaderComment,
    load_articles,
    load_outlets,
    mis_encoded_article,
    served_articles,
)

TEMPLATES_DIR = DEMO_DIR / "templates"
#: The article rebuilt from the project's seed page: its page keeps the seed's empty thread.
SEED_SLUG = "iraqi-forces-begin-western-anbar-offensive"
#: Entries of these kinds have a readable article page.
ARTICLE_KINDS = frozenset({"article", "copy", "cp1252_as_utf8", "private"})
NEWS_SITEMAP_SIZE = 12  # newest listed entries in the Google News sitemap of an "index" outlet

AVATAR_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="56" height="56" viewBox="0 0 56 56">'
    b'<rect width="56" height="56" fill="#ccc"/><circle cx="28" cy="22" r="10" fill="#999"/>'
    b'<rect x="12" y="36" width="32" height="16" rx="8" fill="#999"/></svg>'
)
HTML = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"
CONTENT_TYPES = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One URL an outlet lists: an article, a syndicated copy, a broken or a private page."""

    kind: str  # "article", "copy", "private" or a broken kind (corpus.BROKEN_KINDS)
    outlet: str
    slug: str
    title: str
    section: str
    published: datetime
    path: str
    article: DemoArticle | None = None
    body: str | None = None  # text of a private page

    @property
    def listed(self) -> bool:
        """Shown on index pages and in the feed (private pages only appear in a sitemap)."""
        return self.kind != "private"

    @property
    def author(self) -> str | None:
        return self.article.author if self.article else None

    @property
    def summary(self) -> str:
        if self.article is not None:
            return self.article.first_sentence
        return self.title


@dataclass(frozen=True, slots=True)
class Resource:
    status: int
    content_type: str
    body: bytes
    last_modified: datetime | None = None
    etag: str | None = None


@dataclass(frozen=True, slots=True)
class Site:
    """Everything one outlet serves at one base URL."""

    outlet: Outlet
    base_url: str
    entries: tuple[Entry, ...]
    resources: Mapping[str, Resource] = field(default_factory=dict)
    not_found: Resource | None = None

    def url(self, path: str) -> str:
        return self.base_url + path


# --------------------------------------------------------------------------------------------
# site plan


def site_entries(outlet: Outlet, served: Sequence[DemoArticle]) -> list[Entry]:
    """Every URL the outlet lists, newest first. ``served`` = articles + syndicated copies."""
    own = [a for a in served if a.outlet == outlet.id]
    mis_encoded = mis_encoded_article(outlet, own)
    entries = []
    for a in own:
        kind = "copy" if a.is_copy else "article"
        if mis_encoded is not None and a.ref == mis_encoded.ref:
            kind = "cp1252_as_utf8"
        entries.append(Entry(kind, outlet.id, a.slug, a.title, a.section, a.published, outlet.path_of(a), a))
    for sp in outlet.special_pages:
        if sp.kind == "cp1252_as_utf8":
            continue
        path = outlet.path_for(sp.slug, sp.section, sp.published, sp.path)
        entries.append(Entry(sp.kind, outlet.id, sp.slug, sp.title, sp.section, sp.published, path, body=sp.body))
    seen: dict[str, Entry] = {}
    for e in entries:
        if e.path in seen:
            raise CorpusError(
                f"{outlet.id}: {e.slug!r} and {seen[e.path].slug!r} would both be served at {e.path}"
            )
        seen[e.path] = e
    entries.sort(key=lambda e: (e.published, e.slug), reverse=True)
    return entries


def section_label(section: str) -> str:
    return " ".join(w.upper() if len(w) <= 2 else w.capitalize() for w in section.split("-"))


def feed_url(outlet: Outlet, base_url: str) -> str:
    return base_url.rstrip("/") + outlet.feed_path


def sitemap_url(outlet: Outlet, base_url: str) -> str:
    return base_url.rstrip("/") + outlet.sitemap_path


def _feed_link(outlet: Outlet, url: str) -> str:
    return f"{url}?{outlet.feed_link_params}" if outlet.feed_link_params else url


def _outlets_by_id(outlets: Sequence[Outlet] | None) -> dict[str, Outlet]:
    return {o.id: o for o in (load_outlets() if outlets is None else outlets)}


def broken_pages(
    base_urls: Mapping[str, str],
    *,
    articles: Sequence[DemoArticle] | None = None,
    outlets: Sequence[Outlet] | None = None,
) -> dict[str, str]:
    """URL -> kind of every broken page, for the outlets in ``base_urls``.

    Kinds: ``empty_body`` (200, empty <body>), ``http_404``, ``http_500`` (every time),
    ``cp1252_as_utf8`` (a real article encoded in windows-1252, served as utf-8; the only kind
    that still carries a loadable article), ``comments_only`` (a comment thread, no article).
    """
    by_id = _outlets_by_id(outlets)
    served = served_articles(articles, list(by_id.values()))
    result = {}
    for oid, base in base_urls.items():
        for e in site_entries(by_id[oid], served):
            if e.kind not in ARTICLE_KINDS or e.kind == "cp1252_as_utf8":
                result[base.rstrip("/") + e.path] = e.kind
    return result


def private_pages(
    base_urls: Mapping[str, str],
    *,
    articles: Sequence[DemoArticle] | None = None,
    outlets: Sequence[Outlet] | None = None,
) -> dict[str, str]:
    """URL -> outlet id of pages under a robots.txt Disallow rule, linked only from a sitemap."""
    by_id = _outlets_by_id(outlets)
    served = served_articles(articles, list(by_id.values()))
    return {
        base.rstrip("/") + e.path: oid
        for oid, base in base_urls.items()
        for e in site_entries(by_id[oid], served)
        if e.kind == "private"
    }


# --------------------------------------------------------------------------------------------
# templates and view models


@lru_cache(maxsize=4)
def template_env(directory: str = str(TEMPLATES_DIR)) -> Environment:
    """The jinja2 environment (autoescape on for HTML and XML)."""
    return Environment(
        loader=FileSystemLoader(directory),
        autoescape=select_autoescape(enabled_extensions=("html", "xml"), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _stable(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def _site_view(outlet: Outlet, base_url: str, entries: Sequence[Entry]) -> dict:
    counts: dict[str, int] = {}
    for e in entries:
        if e.listed:
            counts[e.section] = counts.get(e.section, 0) + 1
    sections = sorted(counts, key=lambda s: (-counts[s], s))
    latest = [e for e in entries if e.listed and e.kind in ARTICLE_KINDS][:6]
    return {
        "id": outlet.id,
        "name": outlet.name,
        "tagline": outlet.tagline,
        "language": outlet.language,
        "base": base_url,
        "home_url": base_url + "/",
        "feed_url": feed_url(outlet, base_url),
        "feed_kind": outlet.feed_kind,
        "nav": [
            {"section": s, "label": section_label(s), "url": base_url + outlet.section_url_path(s)}
            for s in sections
        ],
        "latest": [{"title": e.title, "url": base_url + e.path} for e in latest],
        "year": 2026,
    }


def _link(base_url: str, e: Entry) -> dict:
    return {"title": e.title, "url": base_url + e.path, "published": e.published, "author": e.author}


def _neighbours(entry: Entry, entries: Sequence[Entry], base_url: str) -> tuple[list[dict], dict | None]:
    """Three related articles (same section first, nearest in time) and one "also read" teaser."""
    others = [e for e in entries if e.path != entry.path and e.listed and e.kind in ARTICLE_KINDS]
    others.sort(key=lambda e: (e.section != entry.section, abs((e.published - entry.published).total_seconds()), e.slug))
    related = [_link(base_url, e) for e in others[:3]]
    also = _link(base_url, others[3]) if len(others) > 3 else (related[-1] if related else None)
    return related, also


def _comments(outlet: Outlet, entry: Entry, count: int | None = None) -> list[dict]:
    pool: Sequence[ReaderComment] = outlet.comments
    if not pool:
        return []
    seed = _stable(entry.path)
    if count is None:
        count = 0 if entry.slug == SEED_SLUG or entry.kind == "private" else seed % 4
    start = seed % len(pool)
    picked = [pool[(start + i) % len(pool)] for i in range(min(count, len(pool)))]
    return [
        {"name": c.name, "text": c.text, "when": entry.published + timedelta(minutes=41 * (i + 1) + seed % 30)}
        for i, c in enumerate(picked)
    ]


def _json_ld(outlet: Outlet, entry: Entry, url: str, image_url: str | None) -> Markup:
    a = entry.article
    author = (
        {"@type": "Person", "name": a.author}
        if a is not None and a.author and not a.is_copy
        else {"@type": "Organization", "name": (a.author if a and a.author else outlet.name)}
    )
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": entry.title,
        "datePublished": entry.published.isoformat(),
        "dateModified": entry.published.isoformat(),
        "author": author,
        "publisher": {"@type": "Organization", "name": outlet.name},
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "articleSection": section_label(entry.section),
        "inLanguage": a.language if a else outlet.language,
    }
    if image_url:
        data["image"] = [image_url]
    text = json.dumps(data, ensure_ascii=False, indent=2).replace("</", "<\\/")
    return Markup(text)


def _image_path(entry: Entry) -> str:
    return f"/static/img/{entry.slug}.svg"


def _page_view(outlet: Outlet, entry: Entry, base_url: str, entries: Sequence[Entry]) -> dict:
    a = entry.article
    url = base_url + entry.path
    related, also = _neighbours(entry, entries, base_url)
    caption = a.caption if a is not None else None
    image_url = base_url + _image_path(entry) if caption else None
    if a is not None:
        paragraphs = list(a.paragraphs)
    elif entry.body:
        paragraphs = [" ".join(p.split()) for p in entry.body.split("\n\n") if p.strip()]
    else:
        paragraphs = []
    return {
        "kind": entry.kind,
        "title": entry.title,
        "url": url,
        "slug": entry.slug,
        "post_id": 1000 + _stable(entry.path) % 90000,
        "author": a.author if a is not None else None,
        "is_copy": bool(a is not None and a.is_copy),
        "published": entry.published,
        "section": entry.section,
        "section_label": section_label(entry.section),
        "section_url": base_url + outlet.section_url_path(entry.section),
        "language": a.language if a is not None else outlet.language,
        "dateline": a.dateline if a is not None else None,
        "paragraphs": paragraphs,
        "caption": caption,
        "image_url": image_url,
        "related": related,
        "also_read": also,
        "comments": _comments(outlet, entry),
        "json_ld": _json_ld(outlet, entry, url, image_url) if outlet.json_ld else None,
        "canonical": url if outlet.canonical else None,
        "opengraph": outlet.opengraph,
        "description": entry.summary,
    }


# --------------------------------------------------------------------------------------------
# renderers


def render_article(outlet: Outlet, entry: Entry, base_url: str, entries: Sequence[Entry]) -> str:
    """The HTML page of an article (or copy, or private page) in the outlet's layout."""
    env = template_env()
    return env.get_template(f"{outlet.template}/article.html").render(
        site=_site_view(outlet, base_url, entries), page=_page_view(outlet, entry, base_url, entries)
    )


def render_comments_only(outlet: Outlet, entry: Entry, base_url: str, entries: Sequence[Entry]) -> str:
    """A page holding only a reader comment thread under a headline: no article text."""
    page = _page_view(outlet, entry, base_url, entries)
    page["comments"] = _comments(outlet, entry, count=len(outlet.comments))
    template = template_env().select_template([f"{outlet.template}/comments.html", f"{outlet.template}/article.html"])
    page["paragraphs"] = []
    return template.render(
        site=_site_view(outlet, base_url, entries), page=page
    )


def render_empty_body(outlet: Outlet, entry: Entry) -> str:
    """A 200 page whose <body> is empty (a broken CMS render)."""
    return template_env().get_template("shared/empty.html").render(title=entry.title, site={"name": outlet.name})


def render_listing(outlet: Outlet, base_url: str, entries: Sequence[Entry], section: str | None = None) -> str:
    """The home page (``section`` None: newest stories) or a section index (all its stories)."""
    listed = [e for e in entries if e.listed and (section is None or e.section == section)]
    if section is None:
        listed = listed[:15]
    items = [
        {**_link(base_url, e), "summary": e.summary, "section_label": section_label(e.section),
         "section_url": base_url + outlet.section_url_path(e.section)}
        for e in listed
    ]
    return template_env().get_template(f"{outlet.template}/listing.html").render(
        site=_site_view(outlet, base_url, entries),
        listing={
            "section": section,
            "label": section_label(section) if section else None,
            "url": base_url + (outlet.section_url_path(section) if section else "/"),
            "items": items,
        },
    )


def render_not_found(outlet: Outlet, base_url: str, entries: Sequence[Entry]) -> str:
    return template_env().get_template(f"{outlet.template}/error.html").render(
        site=_site_view(outlet, base_url, entries),
        error={"status": 404, "title": "Page not found"},
    )


def render_feed(outlet: Outlet, base_url: str, entries: Sequence[Entry]) -> str:
    """RSS 2.0 or Atom 1.0 with every listed entry (tracking parameters on links if configured)."""
    listed = [e for e in entries if e.listed]
    items = []
    for e in listed:
        url = base_url + e.path
        items.append(
            {
                "title": e.title,
                "url": url,
                "link": _feed_link(outlet, url),
                "guid": url,
                "id": f"tag:{outlet.id}.demo,{e.published:%Y-%m-%d}:{e.slug}",
                "author": e.author,
                "section": e.section,
                "section_label": section_label(e.section),
                "summary": e.summary,
                "published": e.published,
                "pub_date": format_datetime(e.published),
            }
        )
    updated = max((e.published for e in listed), default=datetime(2026, 1, 1, tzinfo=timezone.utc))
    return template_env().get_template(f"shared/{outlet.feed_kind}.xml").render(
        site=_site_view(outlet, base_url, entries),
        items=items,
        updated=updated,
        build_date=format_datetime(updated),
    )


def render_sitemaps(outlet: Outlet, base_url: str, entries: Sequence[Entry]) -> dict[str, bytes]:
    """Path -> bytes of the outlet's sitemap(s).

    ``urlset``: one plain sitemap. ``index``: a sitemap index pointing at a Google News sitemap
    (newest stories, news:publication_date) and a gzip-compressed archive sitemap (the rest).
    Private pages are listed too: only robots.txt keeps a crawler away from them.
    """
    env = template_env()
    urls = [{"loc": base_url + e.path, "lastmod": e.published.isoformat(), "entry": e} for e in entries]
    if outlet.sitemap_style == "urlset":
        return {outlet.sitemap_path: env.get_template("shared/urlset.xml").render(urls=urls).encode("utf-8")}
    listed = [u for u in urls if u["entry"].listed]
    news = listed[:NEWS_SITEMAP_SIZE]
    archive = [u for u in urls if u not in news]
    news_xml = env.get_template("shared/news_sitemap.xml").render(
        urls=[{**u, "title": u["entry"].title, "date": u["entry"].published.isoformat()} for u in news],
        site={"name": outlet.name, "language": outlet.language},
    )
    archive_xml = env.get_template("shared/urlset.xml").render(urls=archive)
    children = [
        {"path": "/sitemap-news.xml", "lastmod": news[0]["lastmod"] if news else None},
        {"path": "/sitemap-archive.xml.gz", "lastmod": archive[0]["lastmod"] if archive else None},
    ]
    index_xml = env.get_template("shared/sitemap_index.xml").render(
        sitemaps=[{"loc": base_url + c["path"], "lastmod": c["lastmod"]} for c in children]
    )
    return {
        outlet.sitemap_path: index_xml.encode("utf-8"),
        "/sitemap-news.xml": news_xml.encode("utf-8"),
        "/sitemap-archive.xml.gz": gzip.compress(archive_xml.encode("utf-8"), mtime=0),
    }


def render_robots(outlet: Outlet, base_url: str) -> str:
    return template_env().get_template("shared/robots.txt").render(
        site={"name": outlet.name}, robots=outlet.robots, sitemap=sitemap_url(outlet, base_url)
    )


def render_image(outlet: Outlet, entry: Entry) -> str:
    """A placeholder photo (SVG) for an article with a caption."""
    hue = _stable(outlet.id) % 360
    return template_env().get_template("shared/photo.svg").render(hue=hue, label=outlet.name)


# --------------------------------------------------------------------------------------------
# assembly


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest()[:20] + '"'


def _resource(status: int, content_type: str, body: bytes, last_modified: datetime | None = None) -> Resource:
    return Resource(status, content_type, body, last_modified, _etag(body) if status == 200 else None)


def build_site(
    outlet: Outlet,
    base_url: str,
    served: Sequence[DemoArticle] | None = None,
) -> Site:
    """Every resource the outlet serves at ``base_url``: path (no query) -> Resource."""
    base_url = base_url.rstrip("/")
    served = served_articles() if served is None else served
    entries = site_entries(outlet, served)
    res: dict[str, Resource] = {}
    latest = entries[0].published if entries else None
    for e in entries:
        if e.kind in ("article", "copy", "private"):
            html = render_article(outlet, e, base_url, entries)
            res[e.path] = _resource(200, HTML, html.encode("utf-8"), e.published)
        elif e.kind == "cp1252_as_utf8":
            html = render_article(outlet, e, base_url, entries)
            # the page says utf-8 (header and <meta>) but the bytes are windows-1252
            res[e.path] = _resource(200, HTML, html.encode("cp1252", errors="xmlcharrefreplace"), e.published)
        elif e.kind == "empty_body":
            res[e.path] = _resource(200, HTML, render_empty_body(outlet, e).encode("utf-8"), e.published)
        elif e.kind == "comments_only":
            html = render_comments_only(outlet, e, base_url, entries)
            res[e.path] = _resource(200, HTML, html.encode("utf-8"), e.published)
        elif e.kind == "http_404":
            res[e.path] = _resource(404, HTML, render_not_found(outlet, base_url, entries).encode("utf-8"))
        elif e.kind == "http_500":
            body = b"<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1><p>The server encountered an error and could not complete your request.</p></body></html>"
            res[e.path] = _resource(500, HTML, body)
        if e.article is not None and e.article.caption:
            res[_image_path(e)] = _resource(200, "image/svg+xml", render_image(outlet, e).encode("utf-8"), e.published)
    res["/"] = _resource(200, HTML, render_listing(outlet, base_url, entries).encode("utf-8"), latest)
    for section in sorted({e.section for e in entries if e.listed}):
        path = outlet.section_url_path(section)
        res[path] = _resource(200, HTML, render_listing(outlet, base_url, entries, section).encode("utf-8"), latest)
    res[outlet.feed_path] = _resource(
        200, CONTENT_TYPES[outlet.feed_kind], render_feed(outlet, base_url, entries).encode("utf-8"), latest
    )
    for path, body in render_sitemaps(outlet, base_url, entries).items():
        ctype = "application/gzip" if path.endswith(".gz") else XML
        res[path] = _resource(200, ctype, body, latest)
    res["/static/avatar.svg"] = _resource(200, "image/svg+xml", AVATAR_SVG)
    res["/robots.txt"] = _resource(200, "text/plain; charset=utf-8", render_robots(outlet, base_url).encode("utf-8"))
    not_found = _resource(404, HTML, render_not_found(outlet, base_url, entries).encode("utf-8"))
    return Site(outlet, base_url, tuple(entries), res, not_found)


def build_sites(
    base_urls: Mapping[str, str],
    *,
    articles: Sequence[DemoArticle] | None = None,
    outlets: Sequence[Outlet] | None = None,
) -> dict[str, Site]:
    """:func:`build_site` for every outlet in ``base_urls`` (syndicated copies included)."""
    by_id = _outlets_by_id(outlets)
    articles = load_articles() if articles is None else articles
    served = served_articles(articles, list(by_id.values()))
    return {oid: build_site(by_id[oid], base, served) for oid, base in base_urls.items()}

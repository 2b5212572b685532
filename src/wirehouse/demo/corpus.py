"""The demo corpus: fictional outlets and their articles, with an answer key per article.

``outlets.yaml`` describes the five outlets (templates, URL layout, feeds, sitemaps, robots
rules, special pages); ``corpus/<outlet>.yaml`` holds each outlet's articles with the actors,
places and events a coder should find in them. This module loads both, validates them, derives
the syndicated copies and states the figures a run over the demo sites should produce.

Loading is cached per process on the files' paths, sizes and modification times; every public
function returns fresh lists of frozen records, so callers cannot change what others see.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import yaml

from wirehouse.errors import WirehouseError

DEMO_DIR = Path(__file__).resolve().parent
CORPUS_DIR = DEMO_DIR / "corpus"
OUTLETS_FILE = DEMO_DIR / "outlets.yaml"

#: Kinds of special pages an outlet can declare (see outlets.yaml).
BROKEN_KINDS = ("empty_body", "http_404", "http_500", "cp1252_as_utf8", "comments_only")
#: Broken kinds whose page still carries a real article that a robust pipeline loads.
LOADABLE_BROKEN_KINDS = frozenset({"cp1252_as_utf8"})
SPECIAL_KINDS = frozenset(BROKEN_KINDS) | {"private"}

# libyaml's loader when PyYAML was built with it (about 15x faster), else the pure-Python one
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ACTOR_CODE = re.compile(r"^[A-Z]{3}[A-Z0-9]*$")
_COUNTRY = re.compile(r"^[A-Z]{3}$")
_EVENT_CODE = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]{0,2}$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?(?=\s+[\"“‘'(A-Z0-9]|\s*$)")
_WORD_BEFORE_STOP = re.compile(r"([\w.]+)\.[\"'”’)]?$")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen lt col maj sgt capt gov sen rep no jan feb aug sept oct nov dec "
    "u.s u.n u.k e.u".split()
)
_ARTICLE_FIELDS = {
    "slug", "title", "author", "published", "section", "dateline", "caption", "language", "body",
    "key", "syndicated_by",
}
_REQUIRED_FIELDS = ("slug", "title", "published", "section", "body", "key")


class CorpusError(WirehouseError):
    """The demo corpus or outlet file is invalid; the message lists every problem found."""


# --------------------------------------------------------------------------------------------
# records


@dataclass(frozen=True, slots=True)
class KeyActor:
    """An actor mention a coder should find: ``text`` occurs verbatim in the body."""

    text: str
    code: str


@dataclass(frozen=True, slots=True)
class KeyPlace:
    """A toponym in the body and the ISO 3166-1 alpha-3 code of its country (None for seas,
    rivers and regions that span countries)."""

    text: str
    country: str | None


@dataclass(frozen=True, slots=True)
class KeyEvent:
    """Who did what to whom: ``sentence`` is an exact substring of the body."""

    sentence: str
    source: str | None  # None when the perpetrator is unknown ("a drone struck ...")
    target: str | None
    code: str  # CAMEO event code with leading zeros, e.g. "0251", "190"

    @property
    def root_code(self) -> str:
        return self.code[:2]


@dataclass(frozen=True, slots=True)
class DemoArticle:
    """One article of the demo corpus, or a syndicated copy of one (``copy_of`` set)."""

    outlet: str
    slug: str
    title: str
    author: str | None
    published: datetime  # UTC
    section: str
    dateline: str | None
    body: str  # paragraphs separated by one blank line, no markup
    caption: str | None = None
    language: str = "en"
    actors: tuple[KeyActor, ...] = ()
    places: tuple[KeyPlace, ...] = ()
    events: tuple[KeyEvent, ...] = ()
    syndicated_by: tuple[str, ...] = ()
    copy_of: str | None = None  # ref ("outlet/slug") of the original, for syndicated copies
    source_file: str = ""

    @property
    def ref(self) -> str:
        """Stable identifier inside the corpus: ``outlet/slug``."""
        return f"{self.outlet}/{self.slug}"

    @property
    def is_copy(self) -> bool:
        return self.copy_of is not None

    @property
    def paragraphs(self) -> tuple[str, ...]:
        parts = (" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(self.body))
        return tuple(p for p in parts if p)

    @property
    def first_sentence(self) -> str:
        first = self.paragraphs[0] if self.paragraphs else ""
        for end in _SENTENCE_END.finditer(first):
            head = first[: end.end()]
            word = _WORD_BEFORE_STOP.search(head)
            if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
                continue  # "Mr. Smith", "the U.S. Army", "J. Doe"
            return head
        return first


@dataclass(frozen=True, slots=True)
class RobotsRules:
    disallow: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    crawl_delay: float | None = None


@dataclass(frozen=True, slots=True)
class ReaderComment:
    name: str
    text: str


@dataclass(frozen=True, slots=True)
class SpecialPage:
    """A page listed like an article that is not a usable article (or must not be crawled).

    ``cp1252_as_utf8`` names no page of its own: it marks one real article of the outlet to be
    served mis-encoded (see :func:`mis_encoded_article`).
    """

    kind: str
    slug: str | None = None
    title: str | None = None
    section: str | None = None
    published: datetime | None = None
    body: str | None = None
    path: str | None = None  # pattern overriding the outlet's article path (private pages)


@dataclass(frozen=True, slots=True)
class Outlet:
    id: str
    name: str
    tagline: str
    language: str
    template: str
    feed_kind: str  # "rss" or "atom"
    feed_path: str
    feed_link_params: str | None  # query string added to feed links (tracking), or None
    article_path: str  # pattern with {section} {yyyy} {mm} {dd} {slug}
    section_path: str  # pattern with {section}
    canonical: bool  # <link rel=canonical>
    opengraph: bool  # og:* and article:published_time
    json_ld: bool  # NewsArticle JSON-LD
    sitemap_style: str  # "urlset" or "index"
    sitemap_path: str
    robots: RobotsRules
    syndication_prefix: str
    syndication_section: str
    syndication_delay_minutes: int
    special_pages: tuple[SpecialPage, ...] = ()
    comments: tuple[ReaderComment, ...] = ()

    def path_for(self, slug: str, section: str, published: datetime, pattern: str | None = None) -> str:
        return (pattern or self.article_path).format(
            section=section,
            yyyy=f"{published.year:04d}",
            mm=f"{published.month:02d}",
            dd=f"{published.day:02d}",
            slug=slug,
        )

    def path_of(self, article: DemoArticle) -> str:
        """Tracking-free path of an article page on this outlet."""
        return self.path_for(article.slug, article.section, article.published)

    def section_url_path(self, section: str) -> str:
        return self.section_path.format(section=section)


@dataclass(frozen=True, slots=True)
class DemoFigures:
    """What a complete run over the demo sites should find."""

    articles: int  # real articles in the corpus files
    articles_by_outlet: Mapping[str, int]
    syndicated_copies: int  # near-duplicate pages (a copy per republishing outlet)
    article_pages: int  # articles + syndicated copies: pages with article text
    broken_pages: Mapping[str, int]  # kind -> count
    private_pages: int  # disallowed by robots.txt, only in a sitemap
    listed_urls: int  # distinct URLs in feeds and sitemaps together (private ones included)
    loadable: int  # canonical article rows expected in the warehouse
    languages: Mapping[str, int]
    events: int  # key events over loadable articles
    events_by_root: Mapping[str, int]
    actor_mentions: int
    place_mentions: int


# --------------------------------------------------------------------------------------------
# loading


def _signature(paths: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    sig = []
    for p in sorted(paths):
        st = p.stat()
        sig.append((str(p), st.st_mtime_ns, st.st_size))
    return tuple(sig)


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path}: not valid YAML: {exc}") from exc
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read: {exc}") from exc


def _parse_datetime(value: Any) -> datetime:
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, str):
        dt = datetime.fromisoformat(value.strip())  # raises ValueError
    else:
        raise ValueError(f"expected an ISO 8601 timestamp string, got {type(value).__name__}")
    if dt.tzinfo is None:
        raise ValueError(f"timestamp {value!r} has no UTC offset")
    return dt.astimezone(timezone.utc)


def load_outlets(path: Path | None = None) -> list[Outlet]:
    """The outlets of ``outlets.yaml`` (or ``path``), in file order."""
    path = Path(path) if path is not None else OUTLETS_FILE
    return list(_load_outlets(_signature([path])))


@lru_cache(maxsize=8)
def _load_outlets(signature: tuple) -> tuple[Outlet, ...]:
    path = Path(signature[0][0])
    data = _read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("outlets"), list):
        raise CorpusError(f"{path}: expected a mapping with an 'outlets' list")
    outlets: list[Outlet] = []
    problems: list[str] = []
    for i, raw in enumerate(data["outlets"]):
        where = f"{path}: outlet #{i + 1}"
        try:
            outlet = _outlet_from(raw)
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(f"{where} ({raw.get('id') if isinstance(raw, dict) else '?'}): {exc}")
            continue
        if any(o.id == outlet.id for o in outlets):
            problems.append(f"{where}: outlet id {outlet.id!r} repeats")
        outlets.append(outlet)
    if problems:
        raise CorpusError("invalid outlet file:\n  " + "\n  ".join(problems))
    return tuple(outlets)


def _outlet_from(raw: Mapping[str, Any]) -> Outlet:
    if not isinstance(raw, dict):
        raise TypeError("expected a mapping")
    oid = str(raw["id"])
    if not _SLUG.match(oid):
        raise ValueError(f"id {oid!r} must be lowercase words joined by hyphens")
    feed, paths, head, sitemap = raw["feed"], raw["paths"], raw.get("head") or {}, raw["sitemap"]
    robots = raw.get("robots") or {}
    synd = raw.get("syndication") or {}
    if feed["kind"] not in ("rss", "atom"):
        raise ValueError(f"feed kind {feed['kind']!r} must be rss or atom")
    if sitemap["style"] not in ("urlset", "index"):
        raise ValueError(f"sitemap style {sitemap['style']!r} must be urlset or index")
    if "{slug}" not in paths["article"] or "{section}" not in paths["section"]:
        raise ValueError("paths.article needs {slug} and paths.section needs {section}")
    specials = []
    for sp in raw.get("special_pages") or ():
        kind = sp["kind"]
        if kind not in SPECIAL_KINDS:
            raise ValueError(f"special page kind {kind!r} is not one of {sorted(SPECIAL_KINDS)}")
        if kind != "cp1252_as_utf8":
            for key in ("slug", "title", "section", "published"):
                if not sp.get(key):
                    raise ValueError(f"special page {kind} needs {key!r}")
            if not _SLUG.match(sp["slug"]):
                raise ValueError(f"special page slug {sp['slug']!r} is not a slug")
        specials.append(
            SpecialPage(
                kind=kind,
                slug=sp.get("slug"),
                title=sp.get("title"),
                section=sp.get("section"),
                published=_parse_datetime(sp["published"]) if sp.get("published") else None,
                body=(sp.get("body") or "").strip() or None,
                path=sp.get("path"),
            )
        )
    delay = robots.get("crawl_delay")
    return Outlet(
        id=oid,
        name=str(raw["name"]),
        tagline=str(raw.get("tagline") or ""),
        language=str(raw.get("language") or "en"),
        template=str(raw["template"]),
        feed_kind=feed["kind"],
        feed_path=feed["path"],
        feed_link_params=feed.get("link_params") or None,
        article_path=paths["article"],
        section_path=paths["section"],
        canonical=bool(head.get("canonical")),
        opengraph=bool(head.get("opengraph")),
        json_ld=bool(head.get("json_ld")),
        sitemap_style=sitemap["style"],
        sitemap_path=sitemap["path"],
        robots=RobotsRules(
            disallow=tuple(robots.get("disallow") or ()),
            allow=tuple(robots.get("allow") or ()),
            crawl_delay=float(delay) if delay is not None else None,
        ),
        syndication_prefix=str(synd.get("title_prefix") or ""),
        syndication_section=str(synd.get("section") or "world"),
        syndication_delay_minutes=int(synd.get("delay_minutes") or 60),
        special_pages=tuple(specials),
        comments=tuple(ReaderComment(str(c["name"]), str(c["text"])) for c in raw.get("comments") or ()),
    )


def load_articles(corpus_dir: Path | None = None, outlets_path: Path | None = None) -> list[DemoArticle]:
    """Every article of ``corpus/*.yaml`` (outlets in outlets.yaml order, articles in file order).

    Raises :class:`CorpusError` listing every problem (file and slug named) when a file is
    invalid: a key text or sentence that is not in the body, a repeated slug, a bad date or code.
    """
    corpus_dir = Path(corpus_dir) if corpus_dir is not None else CORPUS_DIR
    outlets_path = Path(outlets_path) if outlets_path is not None else OUTLETS_FILE
    files = sorted(corpus_dir.glob("*.yaml"))
    return list(_load_articles(_signature(files), _signature([outlets_path])))


@lru_cache(maxsize=8)
def _load_articles(files_sig: tuple, outlets_sig: tuple) -> tuple[DemoArticle, ...]:
    outlets = {o.id: o for o in _load_outlets(outlets_sig)}
    order = {oid: i for i, oid in enumerate(outlets)}
    problems: list[str] = []
    per_file: list[tuple[int, list[DemoArticle]]] = []
    for path_str, _, _ in files_sig:
        path = Path(path_str)
        articles = _articles_from_file(path, outlets, problems)
        per_file.append((order.get(path.stem, len(order)), articles))
    if problems:
        shown = problems[:60]
        more = f"\n  ... and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
        raise CorpusError(
            f"invalid demo corpus ({len(problems)} problem(s)):\n  " + "\n  ".join(shown) + more
        )
    per_file.sort(key=lambda item: item[0])
    return tuple(a for _, arts in per_file for a in arts)


def _articles_from_file(path: Path, outlets: Mapping[str, Outlet], problems: list[str]) -> list[DemoArticle]:
    data = _read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        problems.append(f"{path.name}: expected a mapping with 'outlet' and an 'articles' list")
        return []
    outlet = data.get("outlet")
    if outlet != path.stem:
        problems.append(f"{path.name}: 'outlet: {outlet}' does not match the file name")
        return []
    if outlet not in outlets:
        problems.append(f"{path.name}: outlet {outlet!r} is not in the outlet file")
        return []
    seen: set[str] = set()
    articles = []
    for i, raw in enumerate(data["articles"]):
        slug = raw.get("slug") if isinstance(raw, dict) else None
        where = f"{path.name}: article {slug!r}" if slug else f"{path.name}: article #{i + 1}"
        before = len(problems)
        article = _article_from(raw, outlet, outlets, where, problems, path.name)
        if article is None or len(problems) > before:
            continue
        if article.slug in seen:
            problems.append(f"{where}: slug repeats in this file")
            continue
        seen.add(article.slug)
        articles.append(article)
    return articles


def _article_from(
    raw: Any, outlet: str, outlets: Mapping[str, Outlet], where: str, problems: list[str], source: str
) -> DemoArticle | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: expected a mapping")
        return None
    missing = [k for k in _REQUIRED_FIELDS if raw.get(k) in (None, "")]
    if missing:
        problems.append(f"{where}: missing {', '.join(missing)}")
        return None
    unknown = sorted(set(raw) - _ARTICLE_FIELDS)
    if unknown:
        problems.append(f"{where}: unknown field(s) {', '.join(unknown)}")
    slug, body = str(raw["slug"]), str(raw["body"]).strip()
    if not _SLUG.match(slug):
        problems.append(f"{where}: slug must be lowercase words joined by hyphens")
    section = str(raw["section"])
    if not _SLUG.match(section):
        problems.append(f"{where}: section {section!r} must be lowercase words joined by hyphens")
    try:
        published = _parse_datetime(raw["published"])
    except ValueError as exc:
        problems.append(f"{where}: bad published date {raw['published']!r}: {exc}")
        published = datetime(1970, 1, 1, tzinfo=timezone.utc)
    language = str(raw.get("language") or "en")
    if not _LANGUAGE.match(language):
        problems.append(f"{where}: language {language!r} is not an ISO 639-1 code")
    syndicated_by = raw.get("syndicated_by") or []
    if not isinstance(syndicated_by, list):
        problems.append(f"{where}: syndicated_by must be a list of outlet ids")
        syndicated_by = []
    for other in syndicated_by:
        if other not in outlets or other == outlet:
            problems.append(f"{where}: syndicated_by names {other!r}, not another known outlet")
    key = raw.get("key")
    if not isinstance(key, dict):
        problems.append(f"{where}: key must be a mapping with actors, places, events")
        return None
    actors = _key_items(key.get("actors"), "actors", where, problems)
    places = _key_items(key.get("places"), "places", where, problems)
    events = _key_items(key.get("events"), "events", where, problems)

    key_actors = []
    for a in actors:
        text, code = a.get("text"), a.get("code")
        if not isinstance(text, str) or text not in body:
            problems.append(f"{where}: actor text {text!r} is not in the body")
        if not isinstance(code, str) or not _ACTOR_CODE.match(code):
            problems.append(f"{where}: actor {text!r} has a malformed code {code!r}")
        key_actors.append(KeyActor(str(text), str(code)))
    key_places = []
    for p in places:
        text, country = p.get("text"), p.get("country")
        if not isinstance(text, str) or text not in body:
            problems.append(f"{where}: place text {text!r} is not in the body")
        if country is not None and (not isinstance(country, str) or not _COUNTRY.match(country)):
            problems.append(f"{where}: place {text!r} has a malformed country {country!r}")
        key_places.append(KeyPlace(str(text), country))
    key_events = []
    for e in events:
        sentence, code = e.get("sentence"), e.get("code")
        short = (sentence[:60] + "...") if isinstance(sentence, str) and len(sentence) > 60 else sentence
        if not isinstance(sentence, str) or sentence not in body:
            problems.append(f"{where}: event sentence {short!r} is not an exact substring of the body")
        elif "\n" in sentence:
            problems.append(f"{where}: event sentence {short!r} spans a line break")
        if not isinstance(code, str):
            problems.append(f"{where}: event code {code!r} must be a quoted string (leading zeros)")
        elif not _EVENT_CODE.match(code):
            problems.append(f"{where}: event code {code!r} is not a CAMEO code (2-4 digits, root 01-20)")
        for role in ("source", "target"):
            value = e.get(role)
            if value is not None and (not isinstance(value, str) or not _ACTOR_CODE.match(value)):
                problems.append(f"{where}: event {role} {value!r} is not an actor code")
        key_events.append(KeyEvent(str(sentence), e.get("source"), e.get("target"), str(code)))

    return DemoArticle(
        outlet=outlet,
        slug=slug,
        title=" ".join(str(raw["title"]).split()),
        author=str(raw["author"]).strip() if raw.get("author") else None,
        published=published,
        section=section,
        dateline=str(raw["dateline"]).strip() if raw.get("dateline") else None,
        body=body,
        caption=str(raw["caption"]).strip() if raw.get("caption") else None,
        language=language,
        actors=tuple(key_actors),
        places=tuple(key_places),
        events=tuple(key_events),
        syndicated_by=tuple(str(o) for o in syndicated_by),
        source_file=source,
    )


def _key_items(value: Any, name: str, where: str, problems: list[str]) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        problems.append(f"{where}: key.{name} must be a list of mappings")
        return []
    return value


# --------------------------------------------------------------------------------------------
# derived pages


def syndicated_copies(
    articles: Sequence[DemoArticle] | None = None, outlets: Sequence[Outlet] | None = None
) -> list[DemoArticle]:
    """The copies other outlets publish of syndicated articles: their own title prefix, section,
    URL and later time, byline "<original outlet>", and a closing credit line (near duplicates)."""
    articles = load_articles() if articles is None else articles
    by_id = {o.id: o for o in (load_outlets() if outlets is None else outlets)}
    copies = []
    for a in articles:
        if a.is_copy:
            continue
        origin = by_id[a.outlet]
        for target_id in a.syndicated_by:
            target = by_id[target_id]
            copies.append(
                replace(
                    a,
                    outlet=target.id,
                    title=f"{target.syndication_prefix}{a.title}",
                    author=origin.name,
                    published=a.published + timedelta(minutes=target.syndication_delay_minutes),
                    section=target.syndication_section,
                    body=f"{a.body}\n\nThis story was first published by {origin.name}.",
                    syndicated_by=(),
                    copy_of=a.ref,
                )
            )
    return copies


def served_articles(
    articles: Sequence[DemoArticle] | None = None, outlets: Sequence[Outlet] | None = None
) -> list[DemoArticle]:
    """Every page with article text: the corpus articles, then the syndicated copies."""
    articles = list(load_articles() if articles is None else articles)
    return articles + syndicated_copies(articles, outlets)


def mis_encoded_article(outlet: Outlet, articles: Sequence[DemoArticle]) -> DemoArticle | None:
    """The article an outlet with a ``cp1252_as_utf8`` special page serves mis-encoded.

    Prefers an English original whose text has characters that windows-1252 encodes differently
    from UTF-8 (curly quotes, dashes, accents), then any such original, then any original.
    """
    if not any(sp.kind == "cp1252_as_utf8" for sp in outlet.special_pages):
        return None
    own = [a for a in articles if a.outlet == outlet.id and not a.is_copy]

    def cp1252_only(a: DemoArticle) -> bool:
        text = a.title + a.body
        if text.isascii():
            return False
        try:
            text.encode("cp1252")
        except UnicodeEncodeError:
            return False
        return True

    for candidates in (
        [a for a in own if a.language == "en" and cp1252_only(a)],
        [a for a in own if cp1252_only(a)],
        [a for a in own if not (a.title + a.body).isascii()],
        [a for a in own if a.language == "en"],
        own,
    ):
        if candidates:
            return candidates[0]
    return None


def public_base_urls(outlets: Sequence[Outlet] | None = None) -> dict[str, str]:
    """The stable address of each outlet (``http://<id>.example``), whatever port serves it."""
    return {o.id: f"http://{o.id}.example" for o in (load_outlets() if outlets is None else outlets)}


def article_url(base_urls: Mapping[str, str], article: DemoArticle, outlets: Sequence[Outlet] | None = None) -> str:
    """The tracking-free URL an article (or copy) is served at."""
    by_id = {o.id: o for o in (load_outlets() if outlets is None else outlets)}
    return base_urls[article.outlet].rstrip("/") + by_id[article.outlet].path_of(article)


def answer_key(
    base_urls: Mapping[str, str],
    *,
    include_copies: bool = True,
    articles: Sequence[DemoArticle] | None = None,
    outlets: Sequence[Outlet] | None = None,
) -> dict[str, DemoArticle]:
    """Article URL as served (tracking-free) -> the article behind it, for outlets in ``base_urls``.

    Syndicated copies are included (``copy_of`` set) unless ``include_copies`` is false; broken
    pages other than the mis-encoded real article have no entry (see render.broken_pages).
    """
    outlets = load_outlets() if outlets is None else list(outlets)
    pages = served_articles(articles, outlets) if include_copies else list(load_articles() if articles is None else articles)
    return {
        article_url(base_urls, a, outlets): a for a in pages if a.outlet in base_urls
    }


def broken_articles(
    articles: Sequence[DemoArticle] | None = None, outlets: Sequence[Outlet] | None = None
) -> dict[str, str]:
    """ref -> broken kind, for the real articles served in a broken way (the mis-encoded one)."""
    articles = load_articles() if articles is None else articles
    result = {}
    for outlet in load_outlets() if outlets is None else outlets:
        chosen = mis_encoded_article(outlet, articles)
        if chosen is not None:
            result[chosen.ref] = "cp1252_as_utf8"
    return result


def expected_loadable(
    languages: Iterable[str] | None = None,
    *,
    articles: Sequence[DemoArticle] | None = None,
    outlets: Sequence[Outlet] | None = None,
) -> list[DemoArticle]:
    """Articles that should end up as canonical rows in the warehouse.

    All corpus articles, minus syndicated copies (near duplicates of their original), minus
    articles served broken beyond repair; the mis-encoded page still counts, since a robust
    decoder recovers it. With ``languages``, only articles in those languages.
    """
    articles = load_articles() if articles is None else list(articles)
    broken = broken_articles(articles, outlets)
    wanted = set(languages) if languages is not None else None
    return [
        a
        for a in articles
        if not a.is_copy
        and broken.get(a.ref, "ok") in ({"ok"} | LOADABLE_BROKEN_KINDS)
        and (wanted is None or a.language in wanted)
    ]


def expected_figures(
    *, articles: Sequence[DemoArticle] | None = None, outlets: Sequence[Outlet] | None = None
) -> DemoFigures:
    """Counts a complete crawl + load of the demo sites should reproduce."""
    outlets = load_outlets() if outlets is None else list(outlets)
    articles = load_articles() if articles is None else list(articles)
    copies = syndicated_copies(articles, outlets)
    loadable = expected_loadable(articles=articles, outlets=outlets)
    broken = Counter(sp.kind for o in outlets for sp in o.special_pages if sp.kind != "private")
    private = sum(1 for o in outlets for sp in o.special_pages if sp.kind == "private")
    # the mis-encoded page is a real article's own URL, not an extra one
    extra_broken = sum(n for kind, n in broken.items() if kind != "cp1252_as_utf8")
    events = [e for a in loadable for e in a.events]
    return DemoFigures(
        articles=len(articles),
        articles_by_outlet=dict(Counter(a.outlet for a in articles)),
        syndicated_copies=len(copies),
        article_pages=len(articles) + len(copies),
        broken_pages=dict(broken),
        private_pages=private,
        listed_urls=len(articles) + len(copies) + extra_broken + private,
        loadable=len(loadable),
        languages=dict(Counter(a.language for a in articles)),
        events=len(events),
        events_by_root=dict(sorted(Counter(e.root_code for e in events).items())),
        actor_mentions=sum(len(a.actors) for a in loadable),
        place_mentions=sum(len(a.places) for a in loadable),
    )

"""Typed records passed between pipeline stages.

Each stage takes an iterable of records and returns records plus ``Rejected`` items for the
quarantine. Nothing richer (parse trees, connections, validation objects) crosses a stage
boundary.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class Page:
    """One fetched (or locally read) HTML document."""

    url: str  # the URL as discovered
    final_url: str  # after redirects
    status: int  # HTTP status; 200 for local files
    body: bytes
    fetched_at: datetime  # UTC
    content_type: str | None = None
    charset: str | None = None  # from the Content-Type header, if any
    etag: str | None = None
    last_modified: str | None = None
    source: str | None = None  # outlet / host the URL was discovered under
    digest: str | None = None  # sha1 of the input as read (saved files, WARC records): unchanged inputs are skipped


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: main text and metadata."""

    article_id: str  # stable hash of canonical_url
    url: str
    canonical_url: str
    domain: str
    title: str | None
    text: str
    author: str | None = None
    published_at: datetime | None = None  # UTC; None when the page does not say
    language: str | None = None  # ISO 639-1
    site_name: str | None = None
    dateline: str | None = None  # e.g. "BEIRUT, LEBANON"
    text_hash: str = ""  # sha1 of the normalised text (exact duplicates)
    simhash: int = 0  # 64-bit fingerprint (near duplicates), stored signed in the warehouse
    duplicate_of: str | None = None  # article_id of the canonical copy, if a duplicate
    fetched_at: datetime | None = None
    # (block key, text key) of the page's text blocks, the evidence for learning the site's
    # template (wirehouse.clean.template); used by the clean stage, not stored
    blocks: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Alias:
    """A page loaded as another article (an AMP, print or syndicated copy, a URL variant): its URL
    points at that article instead of being stored again."""

    url: str  # the page's own URL
    article_id: str  # the article it is a copy of
    reason: str  # e.g. "same_canonical_url"


@dataclass(frozen=True, slots=True)
class ActorMention:
    text: str  # exactly text[start:end]
    start: int
    end: int
    code: str  # CAMEO-style, e.g. IRQMIL, IGOUNO
    name: str  # canonical name of the actor, e.g. "Iraq military"
    country_code: str | None = None  # ISO-3 / CAMEO country part, None for IGOs without one
    role: str | None = None  # GOV, MIL, REB, ... or None
    # a short name coded from an earlier full mention ("Zarif" after "Mohammad Javad Zarif"): that mention
    refers_start: int | None = None
    refers_end: int | None = None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    text: str  # exactly text[start:end]
    start: int
    end: int
    name: str  # gazetteer name
    geonameid: int | None
    country_code: str | None  # ISO-3
    feature_kind: str  # "country", "admin1", "city", "region" ...
    lat: float | None
    lon: float | None
    admin1: str | None = None  # GeoNames first-level division code ("KY", "01")
    admin2: str | None = None  # GeoNames second-level division code ("125")
    feature_class: str | None = None  # GeoNames feature class: A (country, division), P (town), L (region)
    admin1_name: str | None = None  # the first-level division's name ("Kentucky", "Al Anbar")
    in_name: bool = False  # inside an organisation's or a building's name ("Washington Post"): not an event place


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, in one sentence of one article."""

    sentence: str
    sentence_start: int
    sentence_end: int
    source_actor: str | None  # actor code
    target_actor: str | None
    code: str  # CAMEO event code, e.g. "190"
    root_code: str  # "19"
    quad_class: int
    goldstein: float
    confidence: float  # 0..1
    event_date: date | None = None
    place: PlaceMention | None = None
    tone: float = 0.0  # sentence tone, -100..100 like GDELT
    is_negated: bool = False
    # evidence inside the article text: the predicate, and the mention each actor was read from (for
    # an actor taken from context, "He said ..." or "urged both sides", the earlier mention it
    # stands for, which may lie outside the sentence); None when there is none
    verb_start: int | None = None
    verb_end: int | None = None
    source_start: int | None = None
    source_end: int | None = None
    target_start: int | None = None
    target_end: int | None = None
    # why the event is left out of the analytics views (a reason code of enrich.relevance:
    # "sports", "commentary", "non-political-actor" ...); None for a political event, shown
    flag: str | None = None


@dataclass(frozen=True, slots=True)
class Enrichment:
    """Everything the enrich stage finds in one text."""

    actors: tuple[ActorMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    events: tuple[Event, ...] = ()  # political events: what analysts see
    tone: float = 0.0  # article tone, -100..100
    flagged: tuple[Event, ...] = ()  # coded events that are not political events, each with its flag


@dataclass(frozen=True, slots=True)
class OutletPrior:
    """What an outlet usually reports, learned in the warehouse (table source_place_prior): the
    share of its articles that name a place in each country and in each first-level division,
    and how many articles (naming any place) the shares rest on."""

    articles: int
    countries: dict[str, float] = field(default_factory=dict)  # ISO-3 code -> share of articles
    admin1: dict[tuple[str, str], float] = field(default_factory=dict)  # (ISO-3, admin1 code) -> share


# The shares at which a prior names an outlet's home: a country holding PRIOR_COUNTRY_SHARE of its
# articles, and a first-level division of it from PRIOR_ADMIN1_SHARE (the enricher's geoparser acts
# on these; the warehouse reads no smaller share).
PRIOR_COUNTRY_SHARE = 0.6
PRIOR_ADMIN1_SHARE = 0.3


@dataclass(frozen=True, slots=True)
class EnrichedArticle:
    article: Article
    enrichment: Enrichment


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input a stage could not use; it goes to the quarantine, with the reason."""

    stage: str  # crawl, clean, enrich, validate, load
    ref: str  # URL, path or article id
    reason: str  # short machine-readable reason, e.g. "http_404", "empty_text"
    message: str  # what happened, in words a user can act on
    payload: dict = field(default_factory=dict)  # the offending row, when there is one


def as_dict(record) -> dict:
    """A record as a plain dict (nested records included)."""
    return dataclasses.asdict(record)

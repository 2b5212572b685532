"""Generate a news corpus of any size as one gzip WARC (and optionally as HTML files).

    python bench/corpus.py --articles 20000 --warc /tmp/news-20k.warc.gz [--html-dir DIR] [--seed 7] [--jobs 2] [--first 0]

Every page is a realistic article page of one of many fictional outlets (``*.example`` domains),
each outlet with its own template family (classic, magazine with JSON-LD, old table layout, wire,
portal with a paywall prompt, regional microdata), URL layout and boilerplate (navigation, cookie
banners, share bars, teasers, newsletter prompts, reader comments). Article texts vary in length
from a few paragraphs to long features and name actors, places and events: country names and
adjectives, cities and actor words come from the dictionaries and gazetteer wirehouse ships
(src/wirehouse/enrich/data, see SOURCES.md there); verbs, sentence frames and people's names are
this script's own vocabulary.

About 4 % of the pages copy an earlier article on another outlet (syndicated copies with a credit
line, some verbatim), about 2 % are broken (HTTP 404, an empty article body, a truncated page,
binary garbage, a stub too short to be an article, Windows-1252 bytes declared as UTF-8).
Canonical URLs are all distinct (copies live on their own outlet's URL).

Page ``i`` is a function of ``(seed, i)`` only, so the output is byte-for-byte the same for the
same arguments, and pages can be built in parallel (``--jobs``). ``--first N`` writes pages ``N`` to
``N + articles - 1`` of the same sequence: the news that follows a corpus of ``N`` pages (same
outlets, later dates, copies of earlier articles included). Dates advance by a year's worth
of news per million pages, starting 2025-01-01.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import html
import io
import multiprocessing
import random
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wirehouse.enrich.dictionaries import Gazetteer

DATA = Path(__file__).resolve().parent.parent / "src" / "wirehouse" / "enrich" / "data"
START = datetime(2025, 1, 1, tzinfo=timezone.utc)
PAGES_PER_DAY = 2740  # a million pages is a year of news
OUTLETS = 120
COPY_SHARE = 0.04
BROKEN_SHARE = 0.02
BROKEN_KINDS = ("http_404", "empty_body", "truncated", "garbage", "stub", "cp1252_as_utf8")
TEMPLATES = ("classic", "magazine", "table", "wire", "portal", "regional")
SECTIONS = ("world", "politics", "africa", "middle-east", "asia", "europe", "americas", "security",
            "economy", "national", "region", "diplomacy")

# -- vocabulary of this script --------------------------------------------------------------------

FIRST = ("Amina Omar Lucia Daniel Farid Nadia Pedro Ana Yusuf Mariam Ivan Olena Kenji Mei Carlos Sofia "
         "Ahmed Leila Tomas Ewa Samuel Grace Rahul Priya Hassan Fatima Jonas Ingrid Kwame Abena Diego "
         "Marta Ali Zainab Pavel Irina Chen Li Tariq Noor Jean Claire Musa Halima Oscar Elena").split()
LAST = ("Haddad Mensah Okafor Rossi Silva Novak Kowalski Tanaka Wang Rahman Khan Petrov Shevchenko "
        "Garcia Lopez Dubois Martin Ibrahim Nasser Yilmaz Demir Osei Boateng Mwangi Otieno Sato Kim "
        "Park Singh Sharma Cohen Levi Moreau Bauer Schmidt Andersson Larsen Costa Pereira Diallo Traore").split()
TITLES = ("spokesman for", "spokeswoman for", "senior official in", "adviser to", "commander in",
          "deputy head of", "analyst who follows", "researcher who studies")

# (past tense, headline present tense, noun phrase for follow-ups)
EVENTS = (
    ("attacked", "attacks", "the attack"), ("shelled", "shells", "the shelling"),
    ("met", "meets", "the meeting"), ("accused", "accuses", "the accusation"),
    ("condemned", "condemns", "the condemnation"), ("arrested", "arrests", "the arrests"),
    ("criticised", "criticises", "the criticism"), ("praised", "praises", "the praise"),
    ("threatened", "threatens", "the threat"), ("signed an agreement with", "signs deal with", "the agreement"),
    ("pledged aid to", "pledges aid to", "the pledge"), ("protested against", "protests against", "the protests"),
    ("negotiated with", "holds talks with", "the talks"), ("expelled diplomats of", "expels diplomats of", "the expulsions"),
    ("clashed with", "clashes with", "the clashes"), ("detained members of", "detains members of", "the detentions"),
    ("urged", "urges", "the appeal"), ("rejected a proposal by", "rejects proposal by", "the rejection"),
    ("imposed sanctions on", "imposes sanctions on", "the sanctions"), ("released prisoners held by", "frees prisoners of", "the release"),
    ("raided offices of", "raids offices of", "the raid"), ("called for talks with", "calls for talks with", "the call"),
    ("blamed", "blames", "the accusations"), ("hosted", "hosts", "the visit"),
)
TIMES = ("on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday",
         "overnight", "late on Sunday", "early on Friday", "this week", "on Tuesday evening")
FILLER = (
    "Officials said the situation in {city} remained tense and that more troops had been sent to the area.",
    "At least {n} people were killed and dozens wounded, according to hospital staff in {city}.",
    "Residents of {city} described hearing explosions for more than an hour before dawn.",
    "The {agent} did not respond to requests for comment on {noun}.",
    "{person}, a {title} the {agent}, said the government would announce further measures within days.",
    "Aid groups warned that {n} thousand families had fled their homes since the fighting began.",
    "The talks in {city} were the first of their kind since the ceasefire collapsed last year.",
    "Prices of bread and fuel have risen sharply in {country} over the past months, fuelling anger.",
    "Analysts said {noun} could deepen divisions within the ruling coalition.",
    "\u201cWe have lost everything,\u201d said {person}, who fled with her children to {city}.",
    "The United Nations said it was following the situation closely and urged restraint.",
    "Police in {city} said {n} suspects had been detained in connection with the violence.",
    "The opposition called for an independent investigation into {noun}.",
    "Satellite images reviewed by researchers showed damage to several buildings near {city}.",
    "The ministry said the operation would continue until its objectives were met.",
    "Markets in {city} reopened on {weekday} after a three-day closure, traders said.",
    "The {agent} said in a statement that it had acted in self-defence.",
    "Diplomats said a draft resolution could be put to a vote as early as next week.",
    "Elections are due next year, and the government faces pressure over security and the economy.",
    "{person} said the decision reflected \u201ca profound loss of trust\u201d between the two sides.",
    "Roads between {city} and {city2} were closed for a second day",
    "the {agent} deployed {n} armoured vehicles to the outskirts of {city}",
    "a convoy carrying food and medicine reached {city2} after weeks of delays",
    "{n} schools in {city} remained shut because of the unrest",
    "the curfew in {city2} would be extended until the end of the month",
    "lawmakers in {country} voted {n} to {n2} to extend the state of emergency",
    "the {agent} accused foreign media of exaggerating the scale of the violence",
    "a court in {city} sentenced {n} people to prison terms over the riots",
    "electricity was cut to large parts of {city2} after a substation was damaged",
    "the border crossing near {city} was reopened to trucks but not to civilians",
    "the governor of the province resigned after weeks of pressure over {noun}",
    "thousands marched through the centre of {city} demanding the release of detainees",
    "the {agent} offered to mediate between the two sides",
    "a journalist covering {noun} was briefly detained by security forces in {city2}",
    "the cost of rebuilding damaged homes in {city} was estimated at {n} million dollars",
    "the health ministry reported {n} new cases of cholera in camps near {city2}",
    "farmers around {city} said they had been unable to reach their fields for weeks",
    "{person} denied that the {agent} had been involved in {noun}",
    "the airport in {city} suspended flights for several hours as a precaution",
    "a previous round of talks in {city2} ended without an agreement in {month}",
)
OPENERS = ("", "", "", "Earlier {when}, ", "Meanwhile, ", "Separately, ", "In {month}, ", "On {weekday}, ",
           "According to {person}, ", "Since then, ", "By the evening, ", "At the same time, ")
CLOSERS = ("", "", "", ", officials said", ", {person} told reporters", ", according to local media",
           ", the {agent} said", ", witnesses said", ", a statement said", ", {person} said by telephone")
MONTHS = ("January February March April May June July August September October November December").split()
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
OUTLET_WORDS = ("Herald Courier Tribune Chronicle Dispatch Observer Ledger Post Gazette Monitor Wire "
                "Times Journal Sentinel Review Bulletin Record Express Voice Mirror").split()
OUTLET_PREFIX = ("Northern Eastern Western Southern Coastal Highland Valley Capital Harbour River Frontier "
                 "Continental Daily Evening Morning Weekly Global Regional Independent National").split()
COMMENTS = ("This is exactly what everyone expected.", "Who is paying for all of this?",
            "Great reporting, thank you.", "The government has failed its people again.",
            "Let's wait for the facts before jumping to conclusions.", "First!", "Typical.")
TEASERS = ("Ten things to know before the summit", "Opinion: the region needs a new approach",
           "Weather: storms expected over the weekend", "Sport: league leaders held to a draw",
           "Markets close higher on trade hopes", "Watch: scenes from the capital",
           "Podcast: the week in review", "How the new rules affect travellers")


@dataclass(frozen=True)
class Outlet:
    number: int
    name: str
    domain: str
    template: str
    layout: int  # URL layout, see _path
    sections: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    countries: tuple[tuple[str, str, str], ...]  # (code, name, adjective)
    cities: dict[str, tuple[str, ...]]  # country code -> city names, most populous first
    agents: tuple[str, ...]  # actor words: police, government, army...
    groups: tuple[str, ...]  # named organisations


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    with open(DATA / "countries.csv", encoding="utf-8") as fh:
        names = {row["code"]: row["name"] for row in csv.DictReader(fh)}
    adjectives: dict[str, str] = {}
    with open(DATA / "country_aliases.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["kind"] == "adj":
                adjectives.setdefault(row["code"], " ".join(w.capitalize() for w in row["alias"].split()))
    cities: dict[str, list[tuple[int, str]]] = {}
    columns = Gazetteer.load(DATA / "gazetteer.tsv.gz")._cols  # the shipped gazetteer's columns
    for name, country, kind, population in zip(columns["name"], columns["country"], columns["kind"],
                                               columns["population"]):
        if kind == "city" and population.isdigit() and int(population) >= 150_000:
            cities.setdefault(country, []).append((-int(population), name))
    countries = tuple(
        (code, names[code], adjectives[code]) for code in sorted(names)
        if code in adjectives and len(cities.get(code, ())) >= 2
    )
    with open(DATA / "agents_core.csv", encoding="utf-8") as fh:
        # singular actor words of state and armed roles ("government", "army", "police")
        agents = tuple(sorted({r["phrase"] for r in csv.DictReader(fh)
                               if r["role"] in ("GOV", "MIL", "COP", "REB", "OPP", "JUD", "LEG")
                               and (not r["phrase"].endswith("s") or r["phrase"] == "security forces")}))
    with open(DATA / "groups.csv", encoding="utf-8") as fh:
        groups = tuple(sorted({r["name"] for r in csv.DictReader(fh) if len(r["name"]) > 6}))
    return Vocabulary(
        countries=countries,
        cities={code: tuple(n for _, n in sorted(v)[:25]) for code, v in cities.items()},
        agents=agents,
        groups=groups,
    )


def outlets(seed: int) -> tuple[Outlet, ...]:
    rng = random.Random(f"outlets-{seed}")
    found, names = [], set()
    while len(found) < OUTLETS:
        name = f"The {rng.choice(OUTLET_PREFIX)} {rng.choice(OUTLET_WORDS)}"
        if name in names:
            name = f"{name} {rng.choice(('Online', 'Today', 'International', 'Network'))}"
            if name in names:
                continue
        names.add(name)
        slug = name.lower().removeprefix("the ").replace(" ", "")
        tld = rng.choice(("example", "example", "example.com", "example.org", "example.net"))
        found.append(Outlet(len(found), name, f"{slug}.{tld}", TEMPLATES[len(found) % len(TEMPLATES)],
                            rng.randrange(4), tuple(rng.sample(SECTIONS, rng.randint(3, 7)))))
    return tuple(found)


# -- one article ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Story:
    """The text of one article, independent of where it is published."""

    title: str
    dateline: str
    paragraphs: tuple[str, ...]
    author: str


def _person(pick) -> str:
    return f"{pick(FIRST)} {pick(LAST)}"


def _actor(pick, roll, voc: Vocabulary, country) -> str:
    draw = roll()
    if draw < 0.45:
        return f"the {country[2]} {pick(voc.agents)}"
    if draw < 0.7:
        return f"the {pick(voc.agents)} in {country[1]}"
    if draw < 0.85:
        return f"the {pick(voc.groups)}"
    return country[1]


def story(seed: int, number: int) -> Story:
    """Article ``number``'s text: a function of (seed, number) only."""
    rng = random.Random(f"story-{seed}-{number}")
    roll = rng.random

    def pick(items):  # rng.choice, at half its cost
        return items[int(roll() * len(items))]

    voc = vocabulary()
    home = pick(voc.countries)
    other = pick(voc.countries)
    cities = voc.cities[home[0]]
    city = pick(cities[: max(2, len(cities) // 2)])
    past, present, noun = pick(EVENTS)
    actor, target = _actor(pick, rng.random, voc, home), _actor(pick, rng.random, voc, other)
    when = pick(TIMES)
    title_actor = actor.removeprefix("the ")
    title = f"{title_actor[0].upper()}{title_actor[1:]} {present} {target.removeprefix('the ')} in {city}"
    lead = f"{actor[0].upper()}{actor[1:]} {past} {target} in {city} {when}, {pick(('officials said', 'witnesses said', 'according to a statement', 'the ministry said', 'state media reported'))}."
    paragraphs = [lead]
    # long-tailed lengths: most articles have 4-12 paragraphs, a few have 40
    count = min(40, 2 + int(rng.lognormvariate(2.0, 0.6)))
    for _ in range(count):
        sentences = []
        for _ in range(pick((1, 2, 2, 3, 3, 4))):
            if rng.random() < 0.25:
                p2, _, _ = pick(EVENTS)
                a2 = _actor(pick, rng.random, voc, pick((home, other)))
                sentences.append(f"{a2[0].upper()}{a2[1:]} later {p2} {_actor(pick, rng.random, voc, home)} near {pick(cities)}.")
            else:
                frame = pick(FILLER)
                if not frame.endswith("."):  # a clause: wrapped in an opener and a closer
                    frame = pick(OPENERS) + frame + pick(CLOSERS) + "."
                    frame = frame[0].upper() + frame[1:]
                sentences.append(frame.format(
                    city=pick(cities), city2=pick(cities), n=rng.randint(2, 90), n2=rng.randint(2, 90),
                    agent=pick(voc.agents), noun=noun, person=_person(pick), title=pick(TITLES),
                    country=home[1], weekday=pick(WEEKDAYS), month=pick(MONTHS),
                    when=pick(TIMES),
                ))
        paragraphs.append(" ".join(sentences))
    return Story(title=title, dateline=city.upper(), paragraphs=tuple(paragraphs), author=_person(pick))


def kind_of(seed: int, number: int) -> str:
    """"article", "copy", "verbatim" (an exact copy) or one of BROKEN_KINDS."""
    draw = random.Random(f"kind-{seed}-{number}").random()
    if number < 50 or draw >= COPY_SHARE + BROKEN_SHARE:
        return "article"
    if draw < COPY_SHARE:
        return "verbatim" if draw < COPY_SHARE / 4 else "copy"
    return BROKEN_KINDS[int((draw - COPY_SHARE) / BROKEN_SHARE * len(BROKEN_KINDS))]


def original_of(seed: int, number: int) -> int:
    """The earlier plain article a copy reproduces."""
    rng = random.Random(f"original-{seed}-{number}")
    candidate = max(0, number - rng.randint(1, 3000))
    while kind_of(seed, candidate) != "article":
        candidate -= 1
    return candidate


# -- pages ---------------------------------------------------------------------------------------


def _slug(title: str, number: int) -> str:
    words = "".join(c if c.isalnum() else " " for c in title.lower()).split()
    return "-".join(words[:9]) + f"-{number:x}"


def _path(outlet: Outlet, section: str, published: datetime, slug: str, number: int) -> str:
    if outlet.layout == 0:
        return f"/{section}/{published:%Y/%m/%d}/{slug}/"
    if outlet.layout == 1:
        return f"/news/{number}-{slug}.html"
    if outlet.layout == 2:
        return f"/article/{section}/{slug}"
    return f"/{published:%Y%m%d}/{slug}.ece"


def _nav(rng: random.Random, outlet: Outlet, links: int) -> str:
    items = "".join(
        f'<li><a href="/{s}/">{s.replace("-", " ").title()}</a></li>' for s in outlet.sections
    ) + "".join(f'<li><a href="/topic/{t}/">{t.title()}</a></li>'
                for t in rng.sample(("climate", "elections", "health", "tech", "culture", "travel", "opinion",
                                     "video", "podcasts", "weather", "sport", "business"), min(links, 12)))
    return f'<nav class="site-nav"><ul>{items}</ul></nav>'


def _teasers(rng: random.Random, count: int) -> str:
    return "".join(f'<li><a href="/more/{rng.randrange(10**6)}/">{t}</a></li>'
                   for t in rng.sample(TEASERS, count))


def _comments(rng: random.Random) -> str:
    return "".join(
        f'<div class="comment"><span class="who">{rng.choice(FIRST).lower()}{rng.randint(1, 99)}</span>'
        f"<p>{rng.choice(COMMENTS)}</p></div>" for _ in range(rng.randint(0, 6))
    )


def _head(outlet: Outlet, title: str, canonical: str, published: datetime, author: str, style: int) -> str:
    t = html.escape(title)
    meta = [f"<title>{t} | {outlet.name}</title>", f'<link rel="canonical" href="{canonical}">']
    iso = published.isoformat(timespec="seconds")
    if style in (0, 4):
        meta += [f'<meta property="og:title" content="{t}">', f'<meta property="og:site_name" content="{outlet.name}">',
                 f'<meta property="article:published_time" content="{iso}">',
                 f'<meta name="author" content="{html.escape(author)}">']
    elif style == 1:
        meta.append(
            '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",'
            f'"headline":"{t}","datePublished":"{iso}","author":{{"@type":"Person","name":"{author}"}},'
            f'"publisher":{{"@type":"Organization","name":"{outlet.name}"}}}}</script>'
        )
    elif style == 2:
        meta.append(f'<meta name="date" content="{published:%Y-%m-%d}">')
    elif style == 3:
        meta.append(f'<meta name="pubdate" content="{published:%Y%m%dT%H%M%SZ}">')
    else:
        meta.append(f'<meta itemprop="datePublished" content="{iso}">')
    return "".join(meta)


def render(outlet: Outlet, text: Story, canonical: str, published: datetime, number: int,
           credit: str | None = None, paragraphs: tuple[str, ...] | None = None) -> str:
    rng = random.Random(f"page-{canonical}")
    paras = text.paragraphs if paragraphs is None else paragraphs
    body = [html.escape(p) for p in paras]
    if credit:
        body.append(html.escape(credit))
    title, author = html.escape(text.title), html.escape(text.author)
    style = TEMPLATES.index(outlet.template)
    head = _head(outlet, text.title, canonical, published, text.author, style)
    stamp = f"{published:%d %B %Y, %H:%M} UTC"
    cookie = ('<div class="cookie-banner">We use cookies to improve your experience. '
              '<button>Accept all</button> <a href="/privacy/">Manage preferences</a></div>')
    footer = (f'<footer><p>&copy; {published.year} {outlet.name}. All rights reserved.</p>'
              '<ul><li><a href="/about/">About us</a></li><li><a href="/contact/">Contact</a></li>'
              '<li><a href="/privacy/">Privacy</a></li></ul></footer>')
    if outlet.template == "classic":
        inner = "".join(f"<p>{p}</p>" for p in body)
        page = (f'<header><a class="logo" href="/">{outlet.name}</a>{_nav(rng, outlet, 4)}</header>{cookie}'
                f'<div id="content"><article><h1>{title}</h1><p class="byline">By {author}</p>'
                f'<time datetime="{published.isoformat()}">{stamp}</time><div class="article-body">{inner}</div>'
                f'<div class="share">Share: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Email</a></div>'
                f'</article><aside><h3>Related</h3><ul>{_teasers(rng, 3)}</ul></aside></div>{footer}')
    elif outlet.template == "magazine":
        chunks = []
        for n, p in enumerate(body):
            chunks.append(f"<p>{p}</p>")
            if n % 4 == 2:
                chunks.append('<div class="ad-slot">Advertisement</div>')
            if n == 3:
                chunks.append(f'<p class="read-more">Read more: <a href="/more/{rng.randrange(10**6)}/">'
                              f'{rng.choice(TEASERS)}</a></p>')
        page = (f'{cookie}<header>{_nav(rng, outlet, 8)}</header><main><div class="story">'
                f'<header><h1 class="headline">{title}</h1><div class="meta">{author} &middot; {stamp}</div></header>'
                f'<div class="story__body">{"".join(chunks)}</div>'
                '<div class="newsletter">Sign up for our daily briefing. <input type="email"> <button>Subscribe</button></div>'
                f'<section class="comments"><h3>Comments</h3>{_comments(rng)}</section></div></main>{footer}')
    elif outlet.template == "table":
        inner = "<br><br>".join(body)
        page = (f'<table width="100%"><tr><td class="top"><font size="5">{outlet.name}</font></td></tr>'
                f'<tr><td class="menu">{_nav(rng, outlet, 2)}</td></tr>'
                f'<tr><td class="text"><b>{title}</b><br>{stamp}<br><br>{inner}</td></tr>'
                f'<tr><td class="links"><ul>{_teasers(rng, 4)}</ul></td></tr></table>{footer}')
    elif outlet.template == "wire":
        if body:
            body[0] = f"{html.escape(text.dateline)}, {published:%B %d} ({outlet.name}) &mdash; {body[0]}"
        inner = "".join(f"<p>{p}</p>" for p in body)
        page = (f'<div id="masthead">{outlet.name}</div><div id="story"><h1>{title}</h1>'
                f'<div class="by">By {author}</div>{inner}<p class="edit">Editing by {_person(rng.choice)}</p></div>{footer}')
    elif outlet.template == "portal":
        ticker = "".join(f"<span>{t}</span>" for t in rng.sample(TEASERS, 4))
        chunks = [f"<p>{p}</p>" for p in body]
        chunks.insert(min(3, len(chunks)), '<div class="paywall">Subscribe to keep reading. '
                                           '<a href="/subscribe/">First month free</a></div>')
        tags = "".join(f'<a href="/tag/{s}/">{s}</a>' for s in outlet.sections[:3])
        page = (f'<div class="ticker">Breaking: {ticker}</div><header>{_nav(rng, outlet, 12)}</header>'
                f'<div class="content-text"><h1>{title}</h1><span class="date">{stamp}</span>'
                f'{"".join(chunks)}<div class="tags">{tags}</div></div>'
                f'<div class="most-read"><h3>Most read</h3><ol>{_teasers(rng, 5)}</ol></div>{footer}')
    else:  # regional
        inner = "".join(f'<div class="para">{p}</div>' for p in body)
        page = (f'{cookie}<div class="share-bar">Share this story</div>{_nav(rng, outlet, 6)}'
                f'<div itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">{title}</h1>'
                f'<span itemprop="author">{author}</span><section itemprop="articleBody">{inner}</section></div>'
                f'<div class="related"><ul>{_teasers(rng, 2)}</ul></div>{footer}')
    return f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{head}</head><body>{page}</body></html>'


@dataclass(frozen=True)
class GeneratedPage:
    number: int
    kind: str
    url: str
    status: int
    body: bytes
    fetched_at: datetime


def page(seed: int, number: int, sites: tuple[Outlet, ...]) -> GeneratedPage:
    kind = kind_of(seed, number)
    rng = random.Random(f"placement-{seed}-{number}")
    outlet = sites[rng.randrange(len(sites))]
    published = START + timedelta(seconds=number * 86400 / PAGES_PER_DAY - rng.randrange(3 * 3600))
    fetched = published + timedelta(minutes=rng.randint(5, 600))
    credit = paragraphs = None
    if kind in ("copy", "verbatim"):
        source = original_of(seed, number)
        text = story(seed, source)
        home = sites[random.Random(f"placement-{seed}-{source}").randrange(len(sites))]
        if home == outlet:
            outlet = sites[(outlet.number + 1) % len(sites)]
        if kind == "copy":
            credit = f"This story was first published by {home.name}."
            paragraphs = text.paragraphs if len(text.paragraphs) < 6 else text.paragraphs[:-1]
    else:
        text = story(seed, number)
    section = rng.choice(outlet.sections)
    slug = _slug(text.title, number)
    url = f"https://www.{outlet.domain}{_path(outlet, section, published, slug, number)}"
    canonical = url
    if rng.random() < 0.3:  # the fetched URL carries tracking parameters; the page names the clean one
        url = f"{url}?utm_source=rss&utm_medium=feed"
    status = 200
    if kind == "http_404":
        status = 404
        body = (f"<html><head><title>Page not found | {outlet.name}</title></head><body>"
                f"{_nav(rng, outlet, 3)}<h1>Sorry, we couldn't find that page.</h1></body></html>").encode()
    elif kind == "empty_body":
        body = render(outlet, text, canonical, published, number, paragraphs=()).encode()
    elif kind == "stub":
        body = render(outlet, text, canonical, published, number, paragraphs=text.paragraphs[:1]).encode()
    elif kind == "garbage":
        body = random.Random(f"garbage-{seed}-{number}").randbytes(rng.randint(200, 4000))
    elif kind == "truncated":
        full = render(outlet, text, canonical, published, number).encode()
        body = full[: rng.randint(len(full) // 5, len(full) // 2)]
    elif kind == "cp1252_as_utf8":
        body = render(outlet, text, canonical, published, number).replace("\u201c", "\u201e").encode(
            "cp1252", errors="replace")
    else:
        body = render(outlet, text, canonical, published, number, credit, paragraphs).encode()
    return GeneratedPage(number, kind, url, status, body, fetched)


# -- output --------------------------------------------------------------------------------------


def warc_record(out: WARCWriter, seed: int, item: GeneratedPage) -> None:
    reason = "OK" if item.status == 200 else "Not Found"
    http_headers = StatusAndHeaders(
        f"{item.status} {reason}",
        [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(item.body)))],
        protocol="HTTP/1.1",
    )
    record_id = hashlib.sha1(f"{seed}-{item.number}".encode()).hexdigest()
    record = out.create_warc_record(
        item.url, "response", payload=io.BytesIO(item.body), length=len(item.body), http_headers=http_headers,
        warc_headers_dict={
            "WARC-Record-ID": f"<urn:uuid:{record_id[:8]}-{record_id[8:12]}-{record_id[12:16]}-{record_id[16:20]}-{record_id[20:32]}>",
            "WARC-Date": item.fetched_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        },
    )
    out.write_record(record)


def _chunk(args: tuple[int, int, int, bool]) -> tuple[bytes, list[GeneratedPage] | None, dict[str, int]]:
    """Pages ``start..stop`` as gzip WARC bytes (one gzip member per record), plus the pages
    themselves when HTML files are wanted, plus a count per kind."""
    seed, start, stop, keep = args
    sites = outlets(seed)
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    kept, kinds = [], {}
    for number in range(start, stop):
        item = page(seed, number, sites)
        warc_record(writer, seed, item)
        kinds[item.kind] = kinds.get(item.kind, 0) + 1
        if keep:
            kept.append(item)
    return buffer.getvalue(), kept if keep else None, kinds


def generate(articles: int, warc: Path, html_dir: Path | None = None, seed: int = 1, jobs: int = 1,
             chunk: int = 500, first: int = 0) -> dict[str, int]:
    """Write pages ``first`` to ``first + articles - 1``; returns the number of pages of each kind."""
    vocabulary()  # load once before forking
    stop = first + articles
    tasks = [(seed, start, min(stop, start + chunk), html_dir is not None)
             for start in range(first, stop, chunk)]
    warc.parent.mkdir(parents=True, exist_ok=True)
    kinds: dict[str, int] = {}
    pool = multiprocessing.get_context("fork").Pool(jobs) if jobs > 1 else None
    try:
        results = pool.imap(_chunk, tasks) if pool else map(_chunk, tasks)
        with open(warc, "wb") as out:
            for data, kept, counts in results:
                out.write(data)
                for key, value in counts.items():
                    kinds[key] = kinds.get(key, 0) + value
                for item in kept or ():
                    _write_html(html_dir, item)
    finally:
        if pool:
            pool.close()
            pool.join()
    return kinds


def _write_html(folder: Path, item: GeneratedPage) -> None:
    if item.status != 200:
        return
    host = item.url.split("/")[2]
    path = folder / host / f"{item.number:07d}.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(item.body)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="pages to write")
    parser.add_argument("--warc", type=Path, required=True, help="gzip WARC file to write")
    parser.add_argument("--html-dir", type=Path, help="also write the pages as files <dir>/<host>/<n>.html")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=1, help="processes building pages (output is the same)")
    parser.add_argument("--first", type=int, default=0, help="number of the first page (default 0)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    kinds = generate(args.articles, args.warc, args.html_dir, args.seed, args.jobs, first=args.first)
    seconds = time.perf_counter() - started
    size = args.warc.stat().st_size
    print(f"{args.articles} pages -> {args.warc} ({size / 1e6:.1f} MB) in {seconds:.1f} s, "
          f"{args.articles / seconds:.0f} pages/s with {args.jobs} process(es)")
    print("kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The demo corpus: loader validation on tiny files, then integrity of the real corpus files."""

from __future__ import annotations

import csv
import re
import textwrap
from datetime import datetime, timezone
from pathlib import Path

import pytest

from wirehouse.demo import corpus
from wirehouse.demo.corpus import CorpusError, DemoArticle

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
OUTLET_IDS = ["meridian-post", "frontline-dispatch", "harbor-wire", "sahel-daily", "eastern-ledger"]
SEED_SLUG = "iraqi-forces-begin-western-anbar-offensive"

HARBOR = """\
outlet: harbor-wire
articles:
  - slug: serbian-police-detain-protesters-belgrade
    title: "Serbian police detain dozens of protesters in Belgrade"
    author: null
    published: "2026-04-02T18:20:00+00:00"
    section: "europe"
    dateline: "BELGRADE, Serbia"
    caption: "Riot police in central Belgrade. (Photo: Harbor Wire)"
    syndicated_by: [meridian-post, eastern-ledger]
    body: |
      Serbian police detained 41 protesters in Belgrade on Thursday after a march against a new media law turned violent.

      The interior ministry said officers had been pelted with stones. Opposition parties accused the government of using “excessive force”.
    key:
      actors:
        - {text: "Serbian police", code: SRBCOP}
        - {text: "protesters", code: SRBCVL}
      places:
        - {text: "Belgrade", country: SRB}
      events:
        - sentence: "Serbian police detained 41 protesters in Belgrade on Thursday after a march against a new media law turned violent."
          source: SRBCOP
          target: SRBCVL
          code: "173"
  - slug: eu-pledges-aid-moldova
    title: "EU pledges aid to Moldova"
    author: "Ana Petrescu"
    published: "2026-05-10T09:00:00+00:00"
    section: "europe"
    dateline: null
    body: |
      The European Union pledged 60 million euros in energy aid to Moldova on Sunday.
    key:
      actors:
        - {text: "European Union", code: IGOEUREEC}
      places:
        - {text: "Moldova", country: MDA}
      events:
        - sentence: "The European Union pledged 60 million euros in energy aid to Moldova on Sunday."
          source: IGOEUREEC
          target: MDA
          code: "0731"
"""

SAHEL = """\
outlet: sahel-daily
articles:
  - slug: chad-army-repels-attack
    title: "Chad army repels attack near Lake Chad"
    author: "Moussa Idriss"
    published: "2026-02-01T07:00:00+00:00"
    section: "central-africa"
    dateline: "N'DJAMENA"
    body: |
      Chad's army repelled an attack by Boko Haram fighters near Lake Chad on Saturday, the ministry said.
    key:
      actors: []
      places: []
      events: []
  - slug: soldats-maliens-attaques
    title: "Des soldats maliens attaqués près de Mopti"
    author: null
    published: "2026-02-03T07:00:00+00:00"
    section: "west-africa"
    dateline: "BAMAKO"
    language: fr
    body: |
      Des soldats maliens ont été attaqués près de Mopti, a indiqué l’armée.
    key:
      actors: []
      places:
        - {text: "Mopti", country: MLI}
      events: []
"""


def write_corpus(tmp_path: Path, **files: str) -> Path:
    d = tmp_path / "corpus"
    d.mkdir(exist_ok=True)
    for name, text in files.items():
        (d / f"{name.replace('_', '-')}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return d


def load(tmp_path: Path, **files: str) -> list[DemoArticle]:
    return corpus.load_articles(write_corpus(tmp_path, **files))


# -------------------------------------------------------------------------------------------
# loader on tiny files


def test_loads_typed_frozen_records(tmp_path):
    articles = load(tmp_path, harbor_wire=HARBOR)
    assert [a.slug for a in articles] == ["serbian-police-detain-protesters-belgrade", "eu-pledges-aid-moldova"]
    a = articles[0]
    assert a.outlet == "harbor-wire" and a.ref == "harbor-wire/serbian-police-detain-protesters-belgrade"
    assert a.published == datetime(2026, 4, 2, 18, 20, tzinfo=timezone.utc)
    assert a.author is None and a.dateline == "BELGRADE, Serbia" and a.language == "en"
    assert a.syndicated_by == ("meridian-post", "eastern-ledger")
    assert a.events[0].code == "173" and a.events[0].root_code == "17"
    assert a.actors[0] == corpus.KeyActor("Serbian police", "SRBCOP")
    assert a.places == (corpus.KeyPlace("Belgrade", "SRB"),)
    assert len(a.paragraphs) == 2 and a.first_sentence.startswith("Serbian police detained 41")
    with pytest.raises(AttributeError):
        a.title = "changed"  # frozen


def test_returned_lists_are_fresh_copies(tmp_path):
    d = write_corpus(tmp_path, harbor_wire=HARBOR)
    first = corpus.load_articles(d)
    first.clear()
    assert len(corpus.load_articles(d)) == 2
    outlets = corpus.load_outlets()
    outlets.pop()
    assert len(corpus.load_outlets()) == 5


def test_edited_file_is_reloaded(tmp_path):
    d = write_corpus(tmp_path, harbor_wire=HARBOR)
    assert len(corpus.load_articles(d)) == 2
    text = HARBOR.split("  - slug: eu-pledges-aid-moldova")[0]
    (d / "harbor-wire.yaml").write_text(text + "\n", encoding="utf-8")
    assert len(corpus.load_articles(d)) == 1


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("          code: \"0731\"", "          code: 0731", "must be a quoted string"),
        ("        - sentence: \"The European Union pledged 60 million", "        - sentence: \"The EU pledged 60 million", "not an exact substring"),
        ("        - {text: \"Moldova\", country: MDA}", "        - {text: \"Chisinau\", country: MDA}", "place text 'Chisinau' is not in the body"),
        ("        - {text: \"European Union\", code: IGOEUREEC}", "        - {text: \"European Union\", code: eu}", "malformed code"),
        ("    published: \"2026-05-10T09:00:00+00:00\"", "    published: \"2026-05-32T09:00:00+00:00\"", "bad published date"),
        ("    published: \"2026-05-10T09:00:00+00:00\"", "    published: \"2026-05-10T09:00:00\"", "no UTC offset"),
        ("          code: \"0731\"", "          code: \"2101\"", "not a CAMEO code"),
        ("  - slug: eu-pledges-aid-moldova", "  - slug: serbian-police-detain-protesters-belgrade", "slug repeats"),
        ("    syndicated_by: [meridian-post, eastern-ledger]", "    syndicated_by: [harbor-wire]", "not another known outlet"),
        ("    dateline: null\n", "    dateline: null\n    datline: X\n", "unknown field(s) datline"),
    ],
)
def test_invalid_article_names_file_and_slug(tmp_path, old, new, message):
    assert old in HARBOR
    with pytest.raises(CorpusError) as err:
        load(tmp_path, harbor_wire=HARBOR.replace(old, new, 1))
    text = str(err.value)
    assert "harbor-wire.yaml" in text
    assert message in text
    first = ("slug repeats", "not another known outlet")
    slug = "serbian-police-detain-protesters-belgrade" if message in first else "eu-pledges-aid-moldova"
    assert slug in text


def test_outlet_must_match_file_name(tmp_path):
    d = write_corpus(tmp_path, harbor_wire=HARBOR)
    (d / "harbor-wire.yaml").rename(d / "sahel-daily.yaml")
    with pytest.raises(CorpusError, match="does not match the file name"):
        corpus.load_articles(d)


def test_not_yaml_is_a_clear_error(tmp_path):
    d = write_corpus(tmp_path, harbor_wire="outlet: harbor-wire\narticles: [\n")
    with pytest.raises(CorpusError, match="harbor-wire.yaml: not valid YAML"):
        corpus.load_articles(d)


def test_syndicated_copies_are_near_duplicates(tmp_path):
    articles = load(tmp_path, harbor_wire=HARBOR)
    copies = corpus.syndicated_copies(articles)
    assert [(c.outlet, c.copy_of) for c in copies] == [
        ("meridian-post", "harbor-wire/serbian-police-detain-protesters-belgrade"),
        ("eastern-ledger", "harbor-wire/serbian-police-detain-protesters-belgrade"),
    ]
    original = articles[0]
    for c in copies:
        assert c.author == "Harbor Wire"
        assert c.title.endswith(original.title) and c.title != original.title
        assert c.body.startswith(original.body) and c.body != original.body
        assert c.paragraphs[-1] == "This story was first published by Harbor Wire."
        assert c.published > original.published
        assert c.events == original.events
    base = {"harbor-wire": "http://h", "meridian-post": "http://m", "eastern-ledger": "http://e"}
    key = corpus.answer_key(base, articles=articles)
    assert "http://h/news/serbian-police-detain-protesters-belgrade.html" in key
    assert "http://m/world/2026/04/serbian-police-detain-protesters-belgrade/" in key
    assert "http://e/world/2026/04/serbian-police-detain-protesters-belgrade/" in key
    assert len(key) == 4
    assert len(corpus.answer_key(base, articles=articles, include_copies=False)) == 2


def test_expected_loadable_and_figures(tmp_path):
    articles = load(tmp_path, harbor_wire=HARBOR, sahel_daily=SAHEL)
    loadable = corpus.expected_loadable(articles=articles)
    assert [a.slug for a in loadable] == [a.slug for a in articles]  # copies are not in there
    assert {a.slug for a in corpus.expected_loadable(["en"], articles=articles)} == {
        "serbian-police-detain-protesters-belgrade", "eu-pledges-aid-moldova", "chad-army-repels-attack"
    }
    fig = corpus.expected_figures(articles=articles)
    assert fig.articles == 4 and fig.syndicated_copies == 2 and fig.article_pages == 6
    assert fig.languages == {"en": 3, "fr": 1}
    assert fig.events == 2 and fig.events_by_root == {"07": 1, "17": 1}
    # 4 articles + 2 copies + 4 extra broken URLs (the mis-encoded page is an article's own) + 1 private
    assert fig.listed_urls == 11


def test_mis_encoded_article_prefers_english_with_cp1252_characters(tmp_path):
    articles = load(tmp_path, sahel_daily=SAHEL.replace("the ministry said", "the ministry said – “we held”"))
    sahel = next(o for o in corpus.load_outlets() if o.id == "sahel-daily")
    assert corpus.mis_encoded_article(sahel, articles).slug == "chad-army-repels-attack"
    plain = load(tmp_path, sahel_daily=SAHEL)  # only the French article has non-ASCII text
    assert corpus.mis_encoded_article(sahel, plain).slug == "soldats-maliens-attaques"
    assert corpus.broken_articles(plain) == {"sahel-daily/soldats-maliens-attaques": "cp1252_as_utf8"}


def test_outlets_file():
    outlets = corpus.load_outlets()
    assert [o.id for o in outlets] == OUTLET_IDS
    assert {o.feed_kind for o in outlets} == {"rss", "atom"}
    kinds = {o.id: o.feed_kind for o in outlets}
    assert kinds == {"meridian-post": "rss", "sahel-daily": "rss", "frontline-dispatch": "rss",
                     "harbor-wire": "atom", "eastern-ledger": "atom"}
    assert len({o.template for o in outlets}) == 5
    assert sum(o.feed_link_params is not None for o in outlets) == 1
    assert sum(not o.canonical for o in outlets) == 1
    assert [o.sitemap_style for o in outlets].count("index") == 1
    assert [o.robots.crawl_delay for o in outlets].count(0.05) == 1
    specials = [sp.kind for o in outlets for sp in o.special_pages]
    assert sorted(specials) == sorted(list(corpus.BROKEN_KINDS) + ["private"])
    # broken pages are spread over the outlets
    assert all(len([sp for sp in o.special_pages if sp.kind != "private"]) == 1 for o in outlets)


# -------------------------------------------------------------------------------------------
# the real corpus files


@pytest.fixture(scope="module")
def real() -> list[DemoArticle]:
    return corpus.load_articles()


def _cameo_codes() -> set[str]:
    path = SHARED / "reference" / "cameo_event_codes.csv"
    if not path.is_file():
        pytest.skip(f"reference table not found at {path} (needs the ../shared checkout)")
    with path.open(encoding="utf-8") as fh:
        return {row["code"] for row in csv.DictReader(fh)}


def test_corpus_size_and_outlets(real):
    counts = {oid: sum(a.outlet == oid for a in real) for oid in OUTLET_IDS}
    missing = [oid for oid, n in counts.items() if n == 0]
    assert not missing, f"no articles yet for {missing}; counts: {counts}"
    assert len(real) >= 150, f"only {len(real)} articles: {counts}"
    assert all(n >= 25 for n in counts.values()), counts


def test_key_texts_are_substrings(real):
    # the loader checks this too; this test keeps the promise visible and independent of it
    for a in real:
        for item in (*a.actors, *a.places):
            assert item.text in a.body, (a.ref, item)
        for e in a.events:
            assert e.sentence in a.body, (a.ref, e.sentence)
            start = a.body.index(e.sentence)
            before = a.body[:start].rstrip(" ")
            assert before == "" or before[-1] in ".!?\"”’)\n", (a.ref, "sentence does not start a sentence", e.sentence)


def test_codes_are_well_formed_and_known(real):
    codes = _cameo_codes()
    for a in real:
        for actor in a.actors:
            assert re.fullmatch(r"[A-Z]{3}[A-Z0-9]*", actor.code), (a.ref, actor)
        for place in a.places:
            assert place.country is None or re.fullmatch(r"[A-Z]{3}", place.country), (a.ref, place)
        for e in a.events:
            assert e.code in codes, (a.ref, e.code, e.sentence)
            for code in (e.source, e.target):
                assert code is None or re.fullmatch(r"[A-Z]{3}[A-Z0-9]*", code), (a.ref, code)


def test_all_root_codes_present(real):
    roots = {e.root_code for a in real for e in a.events}
    assert roots == {f"{i:02d}" for i in range(1, 21)}, sorted(roots)


def test_slugs_dates_languages(real):
    refs = [a.ref for a in real]
    assert len(refs) == len(set(refs))
    for a in real:
        if a.slug == SEED_SLUG:
            assert a.published.year == 2017
            continue
        lo, hi = datetime(2026, 1, 5, tzinfo=timezone.utc), datetime(2026, 11, 21, tzinfo=timezone.utc)
        assert lo <= a.published < hi, (a.ref, a.published)
        assert 3 <= len(a.paragraphs) <= 7, (a.ref, len(a.paragraphs))
        if a.language != "en":
            assert a.events == (), (a.ref, "non-English articles carry no events")
    for oid in OUTLET_IDS:
        stamps = [a.published for a in real if a.outlet == oid]
        assert len(stamps) == len(set(stamps)), f"{oid}: two articles share a publication time"


def test_seed_article(real):
    seed = [a for a in real if a.slug == SEED_SLUG]
    assert seed, "frontline-dispatch has no seed article yet"
    a = seed[0]
    assert a.outlet == "frontline-dispatch" and a.author is None
    assert a.dateline == "BEIRUT, LEBANON (12:50 P.M.)"
    assert a.body.startswith("Moments ago, Iraqi pro-government forces")
    assert "Eurphrates" in a.body and "Share this article" not in a.body
    assert a.caption and a.caption.endswith("MOADH AL-DULAIMI")
    assert any(e.root_code in ("18", "19") for e in a.events)


def test_syndication(real):
    synd = [a for a in real if a.syndicated_by]
    assert synd, "no syndicated articles"
    assert all(a.outlet == "harbor-wire" for a in synd)
    assert all(set(a.syndicated_by) <= {"meridian-post", "eastern-ledger"} for a in synd)
    copies = corpus.syndicated_copies(real)
    assert len(copies) == sum(len(a.syndicated_by) for a in synd)


def test_expected_figures_are_consistent(real):
    fig = corpus.expected_figures()
    assert fig.articles == len(real)
    assert fig.loadable == len(corpus.expected_loadable())
    assert fig.loadable == fig.articles  # broken pages are extra URLs, except the mis-encoded one
    assert sum(fig.events_by_root.values()) == fig.events
    assert fig.article_pages == fig.articles + fig.syndicated_copies

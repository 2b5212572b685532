"""The outlets' place priors on a real DuckDB file: source_place_prior follows the stored place
mentions through loads, reloads, reprocessing, duplicates and failed loads; the pipeline reads a
batch's priors and the enricher settles ambiguous names with them."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from wirehouse.crawl.urls import article_id
from wirehouse.pipeline import enrich_articles
from wirehouse.records import Article, EnrichedArticle
from wirehouse.settings import Settings
from wirehouse.warehouse.db import connect
from wirehouse.warehouse.load import build_batch, load_batch

from tests.older_release import BEFORE_012, use_older_release
from wirehouse.warehouse.priors import outlet_priors
from wirehouse.warehouse.queries import run_query
from wirehouse.warehouse.schema import apply_schema, migrations

KENTUCKY = ["Lexington", "Frankfort", "Bowling Green", "Owensboro", "Covington", "Richmond", "Georgetown"]
TEXAS = ["Dallas", "Austin", "Houston", "Lubbock", "Amarillo", "Waco", "Tyler"]
LOCAL = "The county board in {town}, {state}, approved the new budget on Tuesday after a long debate."
AMBIGUOUS = "The city council met in Paris on Tuesday to discuss the new road and the budget."


@pytest.fixture(scope="module")
def enricher():
    from wirehouse.enrich import Enricher

    return Enricher.load()


def article(domain: str, n: int, text: str, duplicate_of: str | None = None) -> Article:
    url = f"https://{domain}/news/{n}"
    return Article(article_id=article_id(url), url=url, canonical_url=url, domain=domain, title=f"Story {n}",
                   text=text, language="en", text_hash=f"{domain}-{n}-{len(text)}", simhash=n + 1,
                   duplicate_of=duplicate_of)


def history(domain: str, towns: list[str], state: str, count: int) -> list[Article]:
    return [article(domain, n, LOCAL.format(town=towns[n % len(towns)], state=state)) for n in range(count)]


def enriched(enricher, articles, priors=None) -> list[EnrichedArticle]:
    found, plain = enrich_articles(articles, enricher, Settings(), priors)
    assert not plain
    return found


def stored(con) -> dict[tuple, tuple[int, int]]:
    rows = con.execute("select domain, level, country_code, admin1, articles, mentions from source_place_prior").fetchall()
    return {tuple(r[:4]): (r[4], r[5]) for r in rows}


def recount(con) -> dict[tuple, tuple[int, int]]:
    """The counts derived afresh, in Python, from the stored place mentions."""
    rows = con.execute(
        "select s.domain, a.article_key, p.country_code, p.admin1, p.feature_kind from fact_place_mention as m"
        " join dim_article as a using (article_key) join dim_source as s using (source_key)"
        " join dim_place as p using (place_key)").fetchall()
    articles: dict[tuple, set] = {}
    mentions: Counter = Counter()
    for domain, key, country, admin1, kind in rows:
        levels = [(domain, "outlet", "", "")]
        if country:
            levels.append((domain, "country", country, ""))
            if admin1 and kind != "country":
                levels.append((domain, "admin1", country, admin1))
        for level in levels:
            articles.setdefault(level, set()).add(key)
            mentions[level] += 1
    return {level: (len(keys), mentions[level]) for level, keys in articles.items()}


@pytest.fixture(scope="module")
def batches(enricher):
    """Enriched batches: a Kentucky paper's and a Texas paper's histories, and a paper with little."""
    return {
        "ky": enriched(enricher, history("ky.example", KENTUCKY, "Ky.", 24)),
        "tx": enriched(enricher, history("tx.example", TEXAS, "Texas", 24)),
        "few": enriched(enricher, history("few.example", TEXAS, "Texas", 5)),
    }


def test_counts_after_a_load_a_reload_and_a_reprocess(con, batches, enricher):
    ky = batches["ky"]
    load_batch(con, build_batch(ky + batches["tx"]), "run-1")
    first = stored(con)
    assert first == recount(con)
    assert first[("ky.example", "outlet", "", "")] == (24, 48)  # every article names its town and state
    assert first[("ky.example", "admin1", "USA", "KY")] == (24, 48)
    assert first[("tx.example", "country", "USA", "")][0] == 24

    load_batch(con, build_batch(ky), "run-2")  # the same batch again
    assert stored(con) == first

    # reprocessed: five Kentucky articles now name a place in Ohio instead
    changed = [dataclasses.replace(e.article, text=LOCAL.format(town="Dayton", state="Ohio"))
               for e in ky[:5]]
    load_batch(con, build_batch(enriched(enricher, changed)), "run-3")
    after = stored(con)
    assert after == recount(con)
    assert after[("ky.example", "outlet", "", "")] == (24, 48)
    assert after[("ky.example", "admin1", "USA", "KY")] == (19, 38)
    assert after[("ky.example", "admin1", "USA", "OH")] == (5, 10)
    assert after[("tx.example", "country", "USA", "")] == first[("tx.example", "country", "USA", "")]

    # an article that turns out to be a duplicate names nothing any more; an article left with no
    # place leaves its outlet's count
    copy = dataclasses.replace(ky[5].article, duplicate_of=ky[6].article.article_id)
    bare = dataclasses.replace(ky[7].article, text="Nothing happened at the meeting on Tuesday.")
    load_batch(con, build_batch(enriched(enricher, [bare]), [copy]), "run-4")
    after = stored(con)
    assert after == recount(con)
    assert after[("ky.example", "outlet", "", "")] == (22, 44)


def test_a_failed_load_changes_no_count(con, batches, enricher):
    load_batch(con, build_batch(batches["ky"]), "run-1")
    before = stored(con)
    moved = [dataclasses.replace(e.article, text=LOCAL.format(town="Dayton", state="Ohio")) for e in batches["ky"]]

    def crash(_con):
        raise RuntimeError("killed inside the load")

    with pytest.raises(RuntimeError):
        load_batch(con, build_batch(enriched(enricher, moved)), "run-2", extra=crash)
    assert stored(con) == before
    load_batch(con, build_batch(enriched(enricher, moved)), "run-3")  # the retried load counts once
    assert stored(con)[("ky.example", "admin1", "USA", "OH")] == (24, 48)
    assert ("ky.example", "admin1", "USA", "KY") not in stored(con)
    assert stored(con) == recount(con)


def test_priors_settle_an_ambiguous_name_by_outlet(con, batches, enricher):
    load_batch(con, build_batch(batches["ky"] + batches["tx"] + batches["few"]), "run-1")
    domains = ["ky.example", "tx.example", "few.example", "new.example"]
    priors = outlet_priors(con, domains)
    assert set(priors) == {"ky.example", "tx.example", "few.example"}  # a new outlet has none
    assert priors["ky.example"].articles == 24 and priors["ky.example"].admin1[("USA", "KY")] == 1.0
    assert priors["few.example"].articles == 5

    today = enricher.enrich(AMBIGUOUS).places
    news = [article(d, 100, AMBIGUOUS) for d in domains]
    paris = {e.article.domain: e.enrichment.places for e in enriched(enricher, news, priors)}
    assert [(p.country_code, p.admin1) for p in paris["ky.example"]] == [("USA", "KY")]
    assert [(p.country_code, p.admin1) for p in paris["tx.example"]] == [("USA", "TX")]
    assert paris["few.example"] == today  # too little history: as without a prior
    assert paris["new.example"] == today
    assert today[0].country_code != "USA"


def test_a_batch_reads_only_the_shares_the_enricher_acts_on(con, enricher):
    """An outlet's rows grow with every division it ever named; the read keeps those holding at
    least MIN_SHARE of its articles (a share exactly at the line included, as the enricher counts
    it), and the home the enricher takes from it is that of the whole prior."""
    from wirehouse.enrich.places import home_region
    from wirehouse.warehouse.priors import MIN_SHARE

    towns = [KENTUCKY] * 27 + [TEXAS] * 12 + [["Dayton"]]
    states = ["Ky."] * 27 + ["Texas"] * 12 + ["Ohio"]
    news = [article("mix.example", n, LOCAL.format(town=t[n % len(t)], state=s)) for n, (t, s) in enumerate(zip(towns, states))]
    load_batch(con, build_batch(enriched(enricher, news)), "run-1")
    whole = outlet_priors(con, ["mix.example"], min_share=0)["mix.example"]
    read = outlet_priors(con, ["mix.example"])["mix.example"]
    assert whole.articles == read.articles == 40
    assert whole.admin1 == {("USA", "KY"): 27 / 40, ("USA", "TX"): 12 / 40, ("USA", "OH"): 1 / 40}
    assert read.admin1 == {k: v for k, v in whole.admin1.items() if v >= MIN_SHARE} == {
        ("USA", "KY"): 27 / 40, ("USA", "TX"): 12 / 40}
    assert read.countries == whole.countries == {"USA": 1.0}
    assert home_region(read) == home_region(whole) and home_region(read).admin1 == {("USA", "KY"), ("USA", "TX")}


def test_the_prior_never_overrules_the_article(con, batches, enricher):
    load_batch(con, build_batch(batches["ky"]), "run-1")
    prior = outlet_priors(con, ["ky.example"])["ky.example"]
    for text, where in [
        ("The mayor of Paris, France, visited the plant on Monday.", ("FRA", None)),
        ("Officials from Paris, Texas, said the road would reopen next week.", ("USA", "TX")),
        ("The band played in Paris on Friday. Later they toured Texas and Oklahoma.", ("USA", "TX")),
        ("PARIS, Texas - The city council met on Tuesday to discuss the road.", ("USA", "TX")),
    ]:
        paris = next(p for p in enricher.enrich(text, prior=prior).places if p.text.lower() == "paris")
        assert (paris.country_code, paris.admin1 if where[1] else None) == where, text
        assert enricher.enrich(text, prior=prior).places == enricher.enrich(text).places, text


def test_the_named_query_shows_an_outlets_region(con, batches):
    load_batch(con, build_batch(batches["ky"] + batches["tx"]), "run-1")
    rows = run_query(con, "outlet_region", domain="ky.example").to_pylist()
    assert rows[0]["country_code"] == "USA" and rows[0]["admin1"] is None and rows[0]["share"] == 1.0
    kentucky = next(r for r in rows if r["admin1"] == "KY")
    assert kentucky["admin1_name"] == "Kentucky" and kentucky["articles"] == 24 and kentucky["outlet_articles"] == 24
    assert {r["domain"] for r in rows} == {"ky.example"}
    every = run_query(con, "outlet_region").to_pylist()
    assert {r["domain"] for r in every} == {"ky.example", "tx.example"}


def test_the_migration_learns_from_an_older_warehouse(tmp_path, batches, monkeypatch):
    """011 fills the table from what a warehouse loaded before it holds: the same counts as loading
    with it."""
    older = tmp_path / "schema-010"
    older.mkdir()
    for number, _name, path in migrations():
        if number < 11:
            (older / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    old = connect(tmp_path / "old.duckdb")
    new = connect(tmp_path / "new.duckdb")
    try:
        # an older release's loader knew no priors, nor event relevance (012)
        back_to_today = use_older_release(monkeypatch, BEFORE_012, drop=lambda stem: "source_place_prior" in stem)
        apply_schema(old, older)
        load_batch(old, build_batch(batches["ky"] + batches["tx"]), "run-1")
        back_to_today()
        apply_schema(old)
        apply_schema(new)
        load_batch(new, build_batch(batches["ky"] + batches["tx"]), "run-1")
        assert stored(old) == stored(new) == recount(new)
        load_batch(old, build_batch(batches["tx"]), "run-2")  # and the loads after it keep them
        assert stored(old) == stored(new)
    finally:
        old.close()
        new.close()


def test_enrich_command_takes_a_prior_file(tmp_path):
    import json

    from typer.testing import CliRunner

    from wirehouse.cli import app

    text = tmp_path / "a.txt"
    text.write_text(AMBIGUOUS, encoding="utf-8")
    prior = tmp_path / "ky.json"
    prior.write_text(json.dumps({"articles": 40, "countries": {"USA": 0.95}, "admin1": {"USA.KY": 0.7}}))
    runner = CliRunner()
    plain = runner.invoke(app, ["enrich", "--jsonl", str(text)])
    learned = runner.invoke(app, ["enrich", "--jsonl", str(text), "--prior", str(prior)])
    assert plain.exit_code == learned.exit_code == 0
    (row,), (row_ky,) = [[json.loads(line) for line in r.stdout.splitlines()] for r in (plain, learned)]
    assert row["places"][0]["country_code"] != "USA"
    assert row_ky["places"][0]["country_code"] == "USA" and 37 < row_ky["places"][0]["lat"] < 39.2
    prior.write_text('{"countries": {"USA": 0.95}}')
    broken = runner.invoke(app, ["enrich", "--jsonl", str(text), "--prior", str(prior)])
    assert broken.exit_code == 1 and "cannot read the outlet prior" in broken.output


def test_the_flow_reads_a_batchs_priors_before_enriching(tmp_path, batches):
    """flows/pipeline.py: the priors of the outlets a batch's articles come from reach its
    enrichment, also for a saved file (a file:// page whose article names its outlet)."""
    import importlib.util
    import sys
    from pathlib import Path

    from wirehouse.pipeline import Extracted

    name = "wirehouse_flows_pipeline"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            name, Path(__file__).resolve().parents[2] / "flows" / "pipeline.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    flow = sys.modules[name]
    settings = Settings(db_path=tmp_path / "w.duckdb")
    con = connect(settings.database)
    try:
        apply_schema(con)
        load_batch(con, build_batch(batches["ky"]), "run-1")
    finally:
        con.close()
    saved = dataclasses.replace(article("ky.example", 200, AMBIGUOUS), url=f"{tmp_path.as_uri()}/saved.html")
    fresh = article("new.example", 1, AMBIGUOUS)
    extracted = Extracted([saved, fresh], [(saved.url, 200), (fresh.url, 200)], [])
    prepared = flow.priors_task.fn(flow.Parcel(extracted), settings)
    assert set(flow.unpack(prepared).priors) == {"ky.example"}
    found, plain = flow.unpack(flow.enrich_task.fn(prepared, settings))
    paris = {e.article.domain: e.enrichment.places[0] for e in found}
    assert paris["ky.example"].admin1 == "KY" and paris["new.example"].country_code != "USA"

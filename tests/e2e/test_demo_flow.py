"""End to end: a real Prefect server, `wirehouse demo` crawling the demo sites over loopback
through the flow, the warehouse checked against the corpus answer key, then a second run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import httpx
import pytest

from wirehouse.demo import corpus

pytestmark = pytest.mark.e2e

BIN = Path(sys.executable).parent
BOILERPLATE = ["Share this article", "ALSO READ", "RELATED ARTICLES", "MORE FROM AUTHOR", "wpDiscuz",
               "Be the First to Comment", "Notify of", "comments represent the view"]


def run_demo(api_url: str, home: Path, db: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PREFECT_API_URL": api_url, "PREFECT_HOME": str(home),
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "GX_ANALYTICS_ENABLED": "false"}
    return subprocess.run([str(BIN / "wirehouse"), "demo", "--db", str(db)], env=env, capture_output=True,
                          text=True, timeout=600)


def counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = ["dim_article", "dim_source", "dim_actor", "dim_place", "fact_event", "fact_event_mention",
                  "fact_actor_mention", "fact_place_mention", "quarantine"]
        return {t: con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in tables}
    finally:
        con.close()


@pytest.fixture(scope="module")
def demo_runs(prefect_api, tmp_path_factory):
    api_url, home = prefect_api
    db = tmp_path_factory.mktemp("warehouse") / "demo.duckdb"
    first = run_demo(api_url, home, db)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    after_first = counts(db)
    second = run_demo(api_url, home, db)
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    return db, first, second, after_first, api_url


def test_summary_printed(demo_runs):
    _, first, _, _, _ = demo_runs
    for line in ("pages fetched", "articles loaded", "rows quarantined", "time taken", "Top actor pairs"):
        assert line in first.stdout


def test_warehouse_matches_answer_key(demo_runs):
    db, _, _, after_first, _ = demo_runs
    figures = corpus.expected_figures()
    key = corpus.answer_key(corpus.public_base_urls())
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "select canonical_url, duplicate_of_key is not null, language from dim_article"
        ).fetchall()
        urls = {url: (is_dup, lang) for url, is_dup, lang in rows}
        canonical = {u for u, (dup, _) in urls.items() if not dup}
        expected = {corpus.article_url(corpus.public_base_urls(), a) for a in corpus.expected_loadable()}
        missing = expected - canonical
        assert not missing, f"{len(missing)} expected articles missing, e.g. {sorted(missing)[:3]}"
        assert canonical <= set(key), "an article was loaded that the answer key does not know"
        copies = {u for u, (dup, _) in urls.items() if dup}
        assert len(copies) == figures.syndicated_copies
        assert all(key[u].is_copy for u in copies)
        assert after_first["dim_source"] == len(corpus.load_outlets())

        # the seed page: clean text, its events, no boilerplate
        seed_url = next(u for u, a in key.items() if a.slug == "iraqi-forces-begin-western-anbar-offensive")
        text, published = con.execute(
            "select text, cast(published_at as date) from dim_article where canonical_url = $u", {"u": seed_url}
        ).fetchall()[0]
        assert "Popular Mobilization Forces" in text and str(published) == "2017-10-20"
        fights = con.execute(
            """select count(*) from fact_event_mention m join fact_event f using (event_key)
               join dim_article a on a.article_key = m.article_key
               join dim_actor s on s.actor_key = f.source_actor_key join dim_actor t on t.actor_key = f.target_actor_key
               join dim_event_type e on e.event_type_key = f.event_type_key
               where a.canonical_url = $u and s.actor_code = 'IRQMIL' and t.actor_code = 'IMGMUSISI'
                 and e.root_code in ('18', '19')""",
            {"u": seed_url},
        ).fetchall()[0][0]
        assert fights >= 1
        for phrase in BOILERPLATE:
            hits = con.execute("select count(*) from dim_article where contains(text, $p)", {"p": phrase}).fetchall()
            assert hits[0][0] == 0, f"boilerplate {phrase!r} reached the warehouse"

        # every event points at its sentence
        bad = con.execute(
            """select count(*) from fact_event_mention m join dim_article a using (article_key)
               where substring(a.text, m.sentence_start + 1, m.sentence_end - m.sentence_start) <> m.sentence"""
        ).fetchall()[0][0]
        assert bad == 0
        # broken pages were quarantined with a reason, not lost
        reasons = {r for (r,) in con.execute("select distinct reason from quarantine").fetchall()}
        assert {"http_404", "robots_disallowed"} <= reasons
    finally:
        con.close()


def test_second_run_duplicates_nothing(demo_runs):
    db, _, _, after_first, _ = demo_runs
    after_second = counts(db)
    for table in ("dim_article", "fact_event", "fact_event_mention", "fact_actor_mention", "fact_place_mention"):
        assert after_second[table] == after_first[table], table
    con = duckdb.connect(str(db), read_only=True)
    try:
        runs = con.execute("select status, pages_fetched from pipeline_run order by started_at").fetchall()
    finally:
        con.close()
    assert [r[0] for r in runs] == ["succeeded", "succeeded"]
    assert runs[1][1] == 0  # nothing fetched again


def test_flow_runs_and_artifact_in_prefect(demo_runs):
    _, _, _, _, api_url = demo_runs
    runs = httpx.post(f"{api_url}/flow_runs/filter", json={"limit": 10}, timeout=10).json()
    states = [r["state_type"] for r in runs]
    assert states.count("COMPLETED") >= 2, states
    tasks = httpx.post(f"{api_url}/task_runs/filter", json={"limit": 200}, timeout=10).json()
    names = {t["name"].rsplit("-", 1)[0] for t in tasks}
    assert {"fetch batch", "clean batch", "enrich batch", "validate and load batch"} <= names
    artifacts = httpx.post(f"{api_url}/artifacts/filter", json={"artifacts": {"key": {"any_": ["wirehouse-run-summary"]}}},
                           timeout=10).json()
    assert artifacts and "articles loaded" in artifacts[0]["data"]

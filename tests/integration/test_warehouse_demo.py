"""The named queries on the demo warehouse (the demo sites crawled over loopback and loaded by the
library pipeline, no Prefect) give the corpus answer-key figures, and every one returns rows."""

from __future__ import annotations

from collections import Counter

import pytest

from wirehouse.demo import corpus
from wirehouse.report.export import GDELT_EVENTS_FILE, export_warehouse
from wirehouse.warehouse.db import connect
from wirehouse.warehouse.queries import named_queries, run_query

PARAMS = {"who_did_what": {"country": "IRQ"}, "conflict_intensity": {"country": "IRQ"},
          "events_by_admin1": {"country": "IRQ"}}


@pytest.fixture(scope="module")
def demo_db(demo_warehouse):
    return demo_warehouse.database


@pytest.fixture
def con(demo_db):
    connection = connect(demo_db, read_only=True)
    yield connection
    connection.close()


def scalar(con, sql):
    return con.execute(sql).fetchall()[0][0]


def test_coverage_by_outlet_matches_the_corpus(con):
    figures = corpus.expected_figures()
    copies = Counter(c.outlet for c in corpus.syndicated_copies())
    hosts = {outlet: url.split("//", 1)[1] for outlet, url in corpus.public_base_urls().items()}
    rows = {r["domain"]: r for r in run_query(con, "coverage_by_outlet").to_pylist()}
    assert set(rows) == set(hosts.values())
    for outlet, host in hosts.items():
        assert rows[host]["articles"] == figures.articles_by_outlet[outlet] + copies[outlet], host
        assert rows[host]["duplicates"] == copies[outlet], host
        assert rows[host]["event_mentions"] > 0, host
    assert sum(r["articles"] for r in rows.values()) == figures.loadable + figures.syndicated_copies
    assert sum(r["event_mentions"] for r in rows.values()) == scalar(con, "select count(*) from fact_event_mention where political")


def test_every_named_query_returns_rows_that_add_up(con):
    events = scalar(con, "select count(*) from fact_event where political")  # the analytics show political events
    assert events > 0
    for name in named_queries():
        table = run_query(con, name, **PARAMS.get(name, {}))
        assert table.num_rows > 0, name
    per_day = run_query(con, "events_by_country_quadclass").to_pylist()
    assert sum(r["events"] for r in per_day) == scalar(con, "select count(*) from fact_event where political and event_date is not null")
    assert {r["quad_class"] for r in per_day} <= {1, 2, 3, 4}
    assert sum(r["events"] for r in run_query(con, "articles_per_event").to_pylist()) == events
    pairs = run_query(con, "top_actor_pairs", limit=5).to_pylist()
    assert len(pairs) == 5 and [p["events"] for p in pairs] == sorted((p["events"] for p in pairs), reverse=True)
    iraq = run_query(con, "who_did_what", country="IRQ").to_pylist()
    assert iraq and all(r["sentence"] for r in iraq)
    by_admin1 = run_query(con, "events_by_admin1", country="irq").to_pylist()
    assert sum(r["events"] for r in by_admin1) == scalar(
        con, "select count(*) from fact_event join dim_place using (place_key) "
             "where political and country_code = 'IRQ' and admin1 is not null")
    assert "Al Anbar" in {r["admin1_name"] for r in by_admin1}  # the seed article's province
    violent = run_query(con, "violent_places").to_pylist()
    assert violent[0]["violent_events"] == scalar(
        con, "select max(n) from (select count(*) as n from v_event where root_code in ('18','19','20') "
             "and place_name is not null group by place_name, place_country)")


def test_gdelt_export_of_the_demo(con, tmp_path):
    result = export_warehouse(con, tmp_path / "gdelt", "gdelt")
    lines = (tmp_path / "gdelt" / GDELT_EVENTS_FILE).read_text(encoding="utf-8").splitlines()
    assert len(lines) == result.rows["gdelt_events"] == scalar(con, "select count(*) from fact_event where political")
    assert all(line.count("\t") == 60 for line in lines)

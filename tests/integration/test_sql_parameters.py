"""Values from outside (CLI parameters, crawled strings) reach SQL only as bound parameters: a
parameter written as an injection matches nothing, breaks nothing, and drops nothing."""

from __future__ import annotations

import pytest

from wirehouse.errors import QueryError
from wirehouse.quality.quarantine import count_quarantine, list_quarantine
from wirehouse.warehouse.load import load_batch
from wirehouse.warehouse.queries import named_queries, run_query
from wirehouse.warehouse.synthetic import synthetic_batch

HOSTILE = [
    "IRQ' or '1'='1",
    "IRQ'); drop table dim_article; --",
    "x\" or \"\"=\"",
    "1; delete from fact_event",
    "$country",
]


@pytest.fixture
def loaded(con):
    load_batch(con, synthetic_batch(300, tag="sql", seed=3), "run-sql")
    return con


def counts(con) -> tuple[int, int]:
    return tuple(con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in ("dim_article", "fact_event"))


def test_the_warehouse_has_rows_a_real_value_finds(loaded):
    assert run_query(loaded, "who_did_what", country="IRQ").num_rows > 0  # the next test could see a leak


@pytest.mark.parametrize("value", HOSTILE)
def test_every_named_query_binds_its_parameters(loaded, value):
    before = counts(loaded)
    for query in named_queries().values():
        params = {name: value for name in query.parameter_names}
        try:
            table = run_query(loaded, query.name, **params)
        except QueryError as exc:  # a value of the wrong kind is refused before it reaches SQL,
            message = str(exc).lower()  # or, cast in SQL, refused as a value
            assert "should be" in message or "conversion" in message or "could not" in message, exc
            continue
        if "country" in params:
            assert table.num_rows == 0, query.name  # the string matched as a whole, never as SQL
    assert counts(loaded) == before


@pytest.mark.parametrize("value", HOSTILE)
def test_quarantine_filters_bind_their_values(loaded, value):
    before = counts(loaded)
    assert count_quarantine(loaded, reason=value, stage=value, run_id=value) == 0
    assert list_quarantine(loaded, reason=value).num_rows == 0
    assert counts(loaded) == before

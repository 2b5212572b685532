"""Named queries check their parameters against the header of their SQL file."""

import duckdb
import pytest

from wirehouse.errors import QueryError
from wirehouse.warehouse.queries import named_queries, parse_parameters, run_query


def test_every_parameter_a_query_uses_is_documented_in_its_header():
    for query in named_queries().values():
        assert sorted(query.documented) == query.parameter_names, query.name


def test_header_kinds():
    found = parse_parameters("$country (ISO-3 code, required), $limit (integer, default 20), $since (date, default x)")
    assert {n: (p.kind, p.required) for n, p in found.items()} == {
        "country": ("country", True), "limit": ("integer", False), "since": ("date", False)}


@pytest.mark.parametrize("params,message", [
    ({}, r"needs --param country=\.\.\. \(ISO-3 code, required\)"),
    ({"country": ""}, "is empty, but it is required"),
    ({"country": "Iraq"}, "three-letter country code"),
    ({"country": "IRQ", "limit": "ten"}, "whole number"),
    ({"country": "IRQ", "limit": "-1"}, "whole number"),
    ({"country": "IRQ", "county": "x"}, "takes country, limit, not county"),
])
def test_bad_parameters_say_what_is_wrong(params, message):
    with pytest.raises(QueryError, match=message):
        run_query(duckdb.connect(), "who_did_what", **params)


def test_date_parameter_is_checked():
    with pytest.raises(QueryError, match="date like 2026-01-31"):
        run_query(duckdb.connect(), "events_by_country_quadclass", since="last week")


def test_good_values_reach_the_query():
    # no warehouse tables: the query itself fails, after the parameters were accepted
    with pytest.raises(QueryError, match="failed: Catalog Error"):
        run_query(duckdb.connect(), "who_did_what", country="irq", limit="5")

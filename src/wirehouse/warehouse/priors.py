"""The outlets' place priors, read from the warehouse for the enricher.

Table ``source_place_prior`` (sql/schema/011_source_place_prior.sql) counts, per outlet, the
articles that name a place in each country and first-level division; every load keeps it in step
with the stored place mentions (sql/load/05_source_place_prior_retract.sql and
07_source_place_prior.sql). A batch reads the rows of its own outlets only, with one query
(sql/enrich/outlet_priors.sql), and of those only the shares the enricher can act on.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

import duckdb
import pyarrow as pa

from wirehouse.errors import ConfigError
from wirehouse.records import PRIOR_ADMIN1_SHARE, PRIOR_COUNTRY_SHARE, OutletPrior
from wirehouse.resources import data_dir


# The lowest share the enricher reads (a home country, a home division): smaller shares are left in
# the warehouse.
MIN_SHARE = min(PRIOR_COUNTRY_SHARE, PRIOR_ADMIN1_SHARE)


def outlet_priors(
    con: duckdb.DuckDBPyConnection, domains: Iterable[str | None], min_share: float = MIN_SHARE
) -> dict[str, OutletPrior]:
    """The prior of each of ``domains`` that the warehouse has one for (dim_source.domain), with the
    countries and divisions that hold at least ``min_share`` of the outlet's articles."""
    wanted = sorted({d for d in domains if d})
    if not wanted:
        return {}
    sql = (data_dir("sql") / "enrich" / "outlet_priors.sql").read_text(encoding="utf-8")
    con.register("stg_prior_domain", pa.table({"domain": pa.array(wanted, pa.string())}))
    try:
        rows = con.execute(sql, {"min_share": min_share}).fetchall()
    finally:
        con.unregister("stg_prior_domain")
    totals = {domain: articles for domain, level, _c, _a, articles in rows if level == "outlet" and articles > 0}
    countries: dict[str, dict[str, float]] = {domain: {} for domain in totals}
    divisions: dict[str, dict[tuple[str, str], float]] = {domain: {} for domain in totals}
    for domain, level, country, admin1, articles in rows:
        if domain not in totals:
            continue
        if level == "country":
            countries[domain][country] = articles / totals[domain]
        elif level == "admin1":
            divisions[domain][(country, admin1)] = articles / totals[domain]
    return {domain: OutletPrior(total, countries[domain], divisions[domain]) for domain, total in totals.items()}


def read_prior(path: Path) -> OutletPrior:
    """An outlet's prior from a JSON file, for ``wirehouse enrich --prior``:
    ``{"articles": 120, "countries": {"USA": 0.93}, "admin1": {"USA.KY": 0.71}}`` (shares of the
    outlet's articles that name a place in each country and first-level division, and the number
    of articles they rest on)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        articles = int(data["articles"])
        countries = {str(k).upper(): float(v) for k, v in (data.get("countries") or {}).items()}
        admin1 = {}
        for key, share in (data.get("admin1") or {}).items():
            country, code = str(key).split(".", 1)
            admin1[(country.upper(), code)] = float(share)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, AttributeError, KeyError, TypeError,
            ValueError) as exc:
        raise ConfigError(
            f"cannot read the outlet prior {path}: {type(exc).__name__}: {exc}; write JSON like "
            '{"articles": 120, "countries": {"USA": 0.93}, "admin1": {"USA.KY": 0.71}}'
        ) from None
    return OutletPrior(articles=articles, countries=countries, admin1=admin1)

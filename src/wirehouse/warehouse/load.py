"""Load one batch into the star schema: stage it as Arrow tables, then run sql/load/*.sql in one
transaction. Either the whole batch lands or none of it."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Callable, Iterable, Sequence

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from wirehouse.records import Alias, Article, EnrichedArticle, Event, Page, Rejected
from wirehouse.resources import data_dir
from wirehouse.warehouse.db import checkpoint, execute, transaction

log = logging.getLogger(__name__)

ARTICLE_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("canonical_url", pa.string()),
        ("url", pa.string()),
        ("domain", pa.string()),
        ("site_name", pa.string()),
        ("title", pa.string()),
        ("author", pa.string()),
        ("published_at", pa.timestamp("us")),
        ("language", pa.string()),
        ("dateline", pa.string()),
        ("text", pa.string()),
        ("text_hash", pa.string()),
        ("simhash", pa.int64()),
        ("duplicate_of", pa.string()),
        ("tone", pa.float64()),
        ("fetched_at", pa.timestamp("us")),
    ]
)

ACTOR_MENTION_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("actor_code", pa.string()),
        ("name", pa.string()),
        ("country_code", pa.string()),
        ("role_code", pa.string()),
        ("mention_text", pa.string()),
        ("start_char", pa.int32()),
        ("end_char", pa.int32()),
    ]
)

_PLACE_FIELDS = [
    ("gazetteer_id", pa.string()),
    ("geonames_id", pa.int64()),
    ("name", pa.string()),
    ("feature_kind", pa.string()),
    ("country_code", pa.string()),
    ("admin1", pa.string()),
    ("lat", pa.float64()),
    ("lon", pa.float64()),
    ("feature_class", pa.string()),
    ("admin2", pa.string()),
    ("admin1_name", pa.string()),
]

PLACE_MENTION_SCHEMA = pa.schema(
    [("article_id", pa.string())]
    + _PLACE_FIELDS
    + [("mention_text", pa.string()), ("start_char", pa.int32()), ("end_char", pa.int32())]
)

EVENT_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("event_id", pa.string()),
        ("event_date", pa.date32()),
        ("source_actor", pa.string()),
        ("target_actor", pa.string()),
        ("cameo_code", pa.string()),
        ("root_code", pa.string()),
        ("quad_class", pa.int8()),
        ("goldstein", pa.float64()),
        ("sentence", pa.string()),
        ("sentence_start", pa.int32()),
        ("sentence_end", pa.int32()),
        ("confidence", pa.float64()),
        ("tone", pa.float64()),
        ("is_negated", pa.bool_()),
        ("political", pa.bool_()),
        ("flag_reason", pa.string()),
    ]
    + [("place_" + name, kind) for name, kind in _PLACE_FIELDS]
    # evidence inside the article text: the predicate and the mention each actor was read from
    + [(f"{part}_{end}", pa.int32()) for part in ("verb", "source", "target") for end in ("start", "end")]
)

QUARANTINE_SCHEMA = pa.schema(
    [
        ("stage", pa.string()),
        ("table_name", pa.string()),
        ("ref", pa.string()),
        ("reason", pa.string()),
        ("message", pa.string()),
        ("payload", pa.string()),
        ("fingerprint", pa.string()),
    ]
)

ALIAS_SCHEMA = pa.schema([("url", pa.string()), ("article_id", pa.string()), ("reason", pa.string())])

INPUT_SCHEMA = pa.schema([("ref", pa.string()), ("content_sha1", pa.string())])

# payload fields that differ between two readings of the same input (not part of its identity)
_VOLATILE = frozenset({"fetched_at"})


@dataclass
class Batch:
    """One batch as Arrow tables, ready to validate and load."""

    articles: pa.Table
    actor_mentions: pa.Table
    place_mentions: pa.Table
    events: pa.Table
    rejected: list[Rejected] = field(default_factory=list)
    aliases: pa.Table = field(default_factory=ALIAS_SCHEMA.empty_table)

    def tables(self) -> dict[str, pa.Table]:
        return {
            "stg_article": self.articles,
            "stg_actor_mention": self.actor_mentions,
            "stg_place_mention": self.place_mentions,
            "stg_event": self.events,
            "stg_article_alias": self.aliases,
        }


def _naive_utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


def _signed64(value: int) -> int:
    value &= (1 << 64) - 1
    return value - (1 << 64) if value >= 1 << 63 else value


def gazetteer_id(place) -> str:
    if place.geonameid is not None:
        return f"geonames:{place.geonameid}"
    return f"{place.feature_kind}:{place.country_code or ''}:{place.admin1 or place.name}"


def event_id(event: Event, fallback_date: date | None) -> str:
    """The identity of an event across articles: date, actors, code, place."""
    day = event.event_date or fallback_date
    place = gazetteer_id(event.place) if event.place is not None else ""
    key = "|".join([str(day or ""), event.source_actor or "", event.target_actor or "", event.code, place])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:24]


def _place_columns(place, prefix: str = "") -> dict:
    if place is None:
        return {prefix + name: None for name, _ in _PLACE_FIELDS}
    return {
        prefix + "gazetteer_id": gazetteer_id(place),
        prefix + "geonames_id": place.geonameid,
        prefix + "name": place.name,
        prefix + "feature_kind": place.feature_kind,
        prefix + "country_code": place.country_code,
        prefix + "admin1": place.admin1,
        prefix + "lat": place.lat,
        prefix + "lon": place.lon,
        prefix + "feature_class": place.feature_class,
        prefix + "admin2": place.admin2,
        prefix + "admin1_name": place.admin1_name,
    }


def article_row(article: Article, tone: float | None) -> dict:
    return {
        "article_id": article.article_id,
        "canonical_url": article.canonical_url,
        "url": article.url,
        "domain": article.domain,
        "site_name": article.site_name,
        "title": article.title,
        "author": article.author,
        "published_at": _naive_utc(article.published_at),
        "language": article.language,
        "dateline": article.dateline,
        "text": article.text,
        "text_hash": article.text_hash,
        "simhash": _signed64(article.simhash),
        "duplicate_of": article.duplicate_of,
        "tone": tone,
        "fetched_at": _naive_utc(article.fetched_at),
    }


def build_batch(
    enriched: Iterable[EnrichedArticle],
    plain: Iterable[Article] = (),
    rejected: Sequence[Rejected] = (),
    aliases: Sequence[Alias] = (),
) -> Batch:
    """Arrow tables for a batch: enriched articles with their mentions, plus articles loaded
    without enrichment (duplicates, other languages) and pages loaded as aliases of an article."""
    articles, actors, places, events = [], [], [], []
    for item in enriched:
        art, found = item.article, item.enrichment
        articles.append(article_row(art, found.tone))
        published = art.published_at.date() if art.published_at else None
        for m in found.actors:
            actors.append(
                {
                    "article_id": art.article_id,
                    "actor_code": m.code,
                    "name": m.name,
                    "country_code": m.country_code,
                    "role_code": m.role,
                    "mention_text": m.text,
                    "start_char": m.start,
                    "end_char": m.end,
                }
            )
        for p in found.places:
            row = {"article_id": art.article_id, **_place_columns(p)}
            row.update(mention_text=p.text, start_char=p.start, end_char=p.end)
            places.append(row)
        for e in sorted((*found.events, *found.flagged), key=lambda e: e.sentence_start):
            row = {
                "article_id": art.article_id,
                "event_id": event_id(e, published),
                "event_date": e.event_date or published,
                "source_actor": e.source_actor,
                "target_actor": e.target_actor,
                "cameo_code": e.code,
                "root_code": e.root_code,
                "quad_class": e.quad_class,
                "goldstein": e.goldstein,
                "sentence": e.sentence,
                "sentence_start": e.sentence_start,
                "sentence_end": e.sentence_end,
                "confidence": e.confidence,
                "tone": e.tone,
                "is_negated": e.is_negated,
                "political": e.flag is None,
                "flag_reason": e.flag,
                "verb_start": e.verb_start,
                "verb_end": e.verb_end,
                "source_start": e.source_start,
                "source_end": e.source_end,
                "target_start": e.target_start,
                "target_end": e.target_end,
            }
            row.update(_place_columns(e.place, "place_"))
            events.append(row)
    for art in plain:
        articles.append(article_row(art, None))
    return Batch(
        articles=pa.Table.from_pylist(articles, schema=ARTICLE_SCHEMA),
        actor_mentions=pa.Table.from_pylist(actors, schema=ACTOR_MENTION_SCHEMA),
        place_mentions=pa.Table.from_pylist(places, schema=PLACE_MENTION_SCHEMA),
        events=pa.Table.from_pylist(events, schema=EVENT_SCHEMA),
        rejected=list(rejected),
        aliases=pa.Table.from_pylist([dataclasses.asdict(a) for a in aliases], schema=ALIAS_SCHEMA),
    )


# The natural key of each staged mention table and, where the stage reported one key twice, which
# row is loaded (the first in this order). The mention tables and fact_event have no unique index:
# one row per key is kept by loading one staged row per key (below), after 06 has removed the rows
# of the batch's articles.
STAGED_KEYS: dict[str, tuple[tuple[str, ...], tuple[tuple[str, str], ...]]] = {
    "stg_actor_mention": (("article_id", "start_char", "actor_code"), (("end_char", "ascending"),)),
    "stg_place_mention": (("article_id", "start_char", "gazetteer_id"), (("end_char", "ascending"),)),
    "stg_event": (
        ("article_id", "sentence_start", "event_id"),
        (("political", "descending"), ("confidence", "descending"), ("sentence_end", "ascending")),
    ),
}


def _pairs(column: pa.ChunkedArray | pa.Array) -> tuple[pa.Array, pa.Array]:
    """Rows 0..n-2 and rows 1..n-1 of a column: compared element-wise, row i against row i + 1."""
    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    return array.slice(0, len(array) - 1), array.slice(1)


def _leading_true(flags: pa.Array) -> pa.Array:
    return pa.concat_arrays([pa.array([True]), flags])


def _grouped_and_increasing(table: pa.Table, key: Sequence[str]) -> bool:
    """Whether the rows come grouped by ``key[0]`` (each value in one run of rows) with the rest of
    the key strictly increasing inside each run: then no two rows share a key. One vectorised pass
    over neighbouring rows, without hashing every row; batches list mentions article by article in
    text order, so this holds for them unless the stage reported a mention twice."""
    if any(table.column(name).null_count for name in key):
        return False
    if len(key) == 1:
        return pc.count_distinct(table.column(key[0])).as_py() == table.num_rows
    first, following = _pairs(table.column(key[0]))
    same_run = pc.equal(first, following)
    increasing = tied = None
    for name in key[1:]:
        a, b = _pairs(table.column(name))
        less, equal = pc.less(a, b), pc.equal(a, b)
        if increasing is None:
            increasing, tied = less, equal
        else:
            increasing = pc.or_(increasing, pc.and_(tied, less))
            tied = pc.and_(tied, equal)
    if not pc.all(pc.or_(pc.invert(same_run), increasing)).as_py():
        return False
    heads = pc.filter(table.column(key[0]).combine_chunks(), _leading_true(pc.invert(same_run)))
    return pc.count_distinct(heads).as_py() == len(heads)


def one_row_per_key(table: pa.Table, key: Sequence[str], prefer: Sequence[tuple[str, str]] = ()) -> pa.Table:
    """``table`` with one row per value of ``key`` (two nulls count as equal, as in GROUP BY): where
    several rows share a key, the first when ordered by ``prefer`` ((column, "ascending" or
    "descending") pairs). Rows already unique in the order batches come in are returned as they are;
    otherwise the result is sorted by the key."""
    if table.num_rows < 2 or _grouped_and_increasing(table, key):
        return table
    order = [(name, "ascending", "at_end") for name in key] + [(name, way, "at_end") for name, way in prefer]
    ordered = table.take(pc.sort_indices(table, sort_keys=order))
    repeat = None
    for name in key:
        a, b = _pairs(ordered.column(name))
        same = pc.coalesce(pc.equal(a, b), pc.and_(pc.is_null(a), pc.is_null(b)))
        repeat = same if repeat is None else pc.and_(repeat, same)
    return ordered.filter(_leading_true(pc.invert(repeat)))


def numbered(table: pa.Table) -> pa.Table:
    """``table`` with ``stg_row``, its row number from 0: the load SQL turns it into surrogate keys
    (a block of keys drawn from the table's sequence, sql/load/00_key_blocks.sql)."""
    return table.append_column("stg_row", pa.array(np.arange(table.num_rows, dtype=np.int64)))


def staged_tables(batch: Batch) -> dict[str, pa.Table]:
    """The batch's tables as the load SQL reads them: one row per natural key in each mention table,
    every row numbered."""
    return {
        name: numbered(one_row_per_key(table, *STAGED_KEYS[name]) if name in STAGED_KEYS else table)
        for name, table in batch.tables().items()
    }


def split_statements(sql: str) -> list[str]:
    """The statements of a SQL file (they end with ';' at the end of a line)."""
    parts = re.split(r";[ \t]*(?:\n|$)", sql)
    return [p.strip() for p in parts if re.sub(r"--[^\n]*", "", p).strip()]


def _load_statements() -> list[tuple[str, str]]:
    folder = data_dir("sql") / "load"
    return [
        (path.stem, statement)
        for path in sorted(folder.glob("*.sql"))
        for statement in split_statements(path.read_text(encoding="utf-8"))
    ]


def run_sql_file(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> None:
    """The statements of ``sql/operations/<name>.sql``, each with the parameters it names."""
    for statement in split_statements((data_dir("sql") / "operations" / f"{name}.sql").read_text(encoding="utf-8")):
        code = re.sub(r"--[^\n]*", "", statement)  # a $name in a comment is no parameter
        named = {k: v for k, v in (params or {}).items() if re.search(rf"\${k}\b", code)}
        execute(con, statement, named or None)


def rejection_fingerprint(r: Rejected) -> str:
    """The identity of a rejection: the same input, stage, reason and offending row."""
    payload = {k: v for k, v in (r.payload or {}).items() if k not in _VOLATILE}
    key = json.dumps([r.stage, r.ref, r.reason, payload], default=str, sort_keys=True)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def quarantine_table(rejected: Sequence[Rejected]) -> pa.Table:
    rows = [
        {
            "stage": r.stage,
            "table_name": r.payload.get("_table") if r.payload else None,
            "ref": r.ref,
            "reason": r.reason,
            "message": r.message,
            "payload": json.dumps({k: v for k, v in r.payload.items() if k != "_table"}, default=str)
            if r.payload
            else None,
            "fingerprint": rejection_fingerprint(r),
        }
        for r in rejected
    ]
    return pa.Table.from_pylist(rows, schema=QUARANTINE_SCHEMA)


def write_quarantine(con: duckdb.DuckDBPyConnection, rejected: Sequence[Rejected], run_id: str) -> int:
    """Record the rejections (inside the caller's transaction); the same rejection seen again is
    counted on its row, not added. Returns how many rejections were recorded."""
    if not rejected:
        return 0
    con.register("stg_quarantine", quarantine_table(rejected))
    try:
        run_sql_file(con, "write_quarantine", {"run_id": run_id})
    finally:
        con.unregister("stg_quarantine")
    return len(rejected)


def input_table(pages: Iterable[Page]) -> pa.Table:
    """(ref, content_sha1) of the local inputs among ``pages`` (those read with a digest)."""
    rows = [{"ref": p.url, "content_sha1": p.digest} for p in pages if p.digest]
    return pa.Table.from_pylist(rows, schema=INPUT_SCHEMA)


def record_seen_inputs(con: duckdb.DuckDBPyConnection, pages: Iterable[Page], run_id: str) -> None:
    """Mark the batch's local inputs as processed (inside the load transaction)."""
    table = input_table(pages)
    if table.num_rows == 0:
        return
    con.register("stg_seen_input", table)
    try:
        run_sql_file(con, "record_seen_inputs", {"run_id": run_id})
    finally:
        con.unregister("stg_seen_input")


def write_dq_results(con: duckdb.DuckDBPyConnection, results: pa.Table | None) -> None:
    if results is None or results.num_rows == 0:
        return
    con.register("stg_dq_result", results)
    execute(con, "insert into dq_result by name select * from stg_dq_result")
    con.unregister("stg_dq_result")


@dataclass(frozen=True)
class LoadResult:
    articles: int
    aliases: int
    actor_mentions: int
    place_mentions: int
    event_mentions: int
    quarantined: int


def load_batch(
    con: duckdb.DuckDBPyConnection,
    batch: Batch,
    run_id: str,
    dq_results: pa.Table | None = None,
    extra: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
) -> LoadResult:
    """Load a validated batch, its quarantine rows and its quality results in one transaction;
    ``extra`` runs inside the same transaction (the crawl frontier's states)."""
    statements = _load_statements()
    tables = staged_tables(batch)
    for name, table in tables.items():
        con.register(name, table)
    try:
        with transaction(con):
            for name, sql in statements:
                params = {"run_id": run_id} if "$run_id" in sql else None
                execute(con, sql, params)
            quarantined = write_quarantine(con, batch.rejected, run_id)
            write_dq_results(con, dq_results)
            if extra is not None:
                extra(con)
    finally:
        for name in tables:
            try:
                con.unregister(name)
            except duckdb.Error:  # the connection is in a failed state; the view is replaced next time
                pass
    checkpoint(con)  # snapshots and file-copy backups see every finished batch
    log.info(
        "batch loaded: run %s, %d articles, %d events", run_id, batch.articles.num_rows, batch.events.num_rows
    )
    return LoadResult(
        articles=batch.articles.num_rows,
        aliases=batch.aliases.num_rows,
        actor_mentions=tables["stg_actor_mention"].num_rows,
        place_mentions=tables["stg_place_mention"].num_rows,
        event_mentions=tables["stg_event"].num_rows,
        quarantined=quarantined,
    )

"""The fingerprints de-duplication compares a batch with, looked up in the warehouse.

The stored articles' SimHashes are kept cut into bands (``article_band``, see
sql/schema/010_simhash_bands.sql; every load adds the batch's, sql/load/05_dim_article_band.sql), so a
batch reads only the stored articles it may duplicate, with one join from the batch's
fingerprints (sql/dedup/seen_family.sql, then seen_fingerprints.sql reads their rows): memory per
batch does not grow with the number of stored fingerprints as reading all of them did (the time of
the band join, a scan of article_band, does).
"""

from __future__ import annotations

import logging
from datetime import timezone
from typing import Sequence

import duckdb
import pyarrow as pa

from wirehouse.clean.dedup import Fingerprint, band_cuts, simhash, text_sha1, to_signed
from wirehouse.records import Article
from wirehouse.resources import data_dir
from wirehouse.warehouse.db import execute, transaction
from wirehouse.warehouse.load import split_statements

log = logging.getLogger(__name__)

_MASK64 = (1 << 64) - 1
_BAND_COLUMNS = ("band", "max_distance", "low_shift", "low_mask", "high_shift", "high_mask", "key_offset")


def _sql(name: str) -> str:
    return (data_dir("sql") / "dedup" / f"{name}.sql").read_text(encoding="utf-8")


def cut_bands(con: duckdb.DuckDBPyConnection, max_distance: int) -> bool:
    """Make the stored bands those of ``max_distance`` (cutting every stored fingerprint again when
    the warehouse holds another distance's); returns whether it had to."""
    wanted = [(band, max_distance, *cut) for band, cut in enumerate(band_cuts(max_distance))]
    stored = con.execute(f"select {', '.join(_BAND_COLUMNS)} from simhash_band order by band").fetchall()
    if stored == wanted:
        return False
    log.info("cutting the stored SimHashes into the bands of distance %d (were %s)", max_distance,
             stored[0][1] if stored else "none")
    types = [pa.uint8(), pa.uint8(), pa.uint8(), pa.int64(), pa.uint8(), pa.int64(), pa.int64()]
    table = pa.table({name: pa.array([row[i] for row in wanted], kind)
                      for i, (name, kind) in enumerate(zip(_BAND_COLUMNS, types))})
    with transaction(con):
        execute(con, "delete from simhash_band")
        con.register("stg_simhash_band", table)
        try:
            execute(con, "insert into simhash_band by name select * from stg_simhash_band")
        finally:
            con.unregister("stg_simhash_band")
        for statement in split_statements(_sql("cut_bands")):
            execute(con, statement)
    return True


def seen_fingerprints(
    con: duckdb.DuckDBPyConnection, articles: Sequence[Article], max_distance: int
) -> dict[str, Fingerprint]:
    """The stored articles that ``articles`` may duplicate, as ``mark_duplicates`` takes them
    (``seen``): within ``max_distance`` bits, the same text hash, the same article id (re-crawls),
    and the groups these belong to. ``mark_duplicates`` marks a batch against these exactly as
    against every stored fingerprint."""
    cut_bands(con, max_distance)
    probe = pa.table(
        {
            "article_id": pa.array([a.article_id for a in articles], pa.string()),
            "text_hash": pa.array([a.text_hash or text_sha1(a.text) for a in articles], pa.string()),
            "simhash": pa.array([to_signed(a.simhash or simhash(a.text)) for a in articles], pa.int64()),
        }
    )
    con.register("stg_dedup_probe", probe)
    try:
        family = con.sql(_sql("seen_family"), params={"max_distance": max_distance}).to_arrow_table()
    finally:
        con.unregister("stg_dedup_probe")
    con.register("stg_dedup_family", family)
    try:
        rows = con.execute(_sql("seen_fingerprints")).fetchall()
    finally:
        con.unregister("stg_dedup_family")
    return {
        article_id: Fingerprint(text_hash, value & _MASK64,
                                published.replace(tzinfo=timezone.utc) if published else None, duplicate_of)
        for article_id, text_hash, value, published, duplicate_of in rows
    }

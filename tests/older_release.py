"""Load and view files of earlier releases, for migration tests: a warehouse made by an older
release is built with the files that release shipped (kept under tests/fixtures/warehouse/)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from wirehouse.warehouse import load, schema
from wirehouse.warehouse.db import execute
from wirehouse.warehouse.load import split_statements

OLDER_FILES = Path(__file__).resolve().parent / "fixtures" / "warehouse"
# band keys as xor(simhash & mask, salt), as 010 cut them (015 made them small)
BEFORE_015 = {"05_dim_article_band": "05_dim_article_band_before_015.sql"}
BEFORE_012 = {"08_fact_event": "08_fact_event_before_012.sql", "09_event_counts": "09_event_counts_before_012.sql",
              **BEFORE_015}
# 08 before 013 with the 09 of its time (today's 09 reads the new events' rows that 08 keeps, stg_event_row)
BEFORE_013 = {"08_fact_event": "08_fact_event_before_013.sql",
              "09_event_counts": "09_event_counts_before_stg_event_row.sql", **BEFORE_015}


def use_older_release(monkeypatch, loads: dict[str, str], *, drop: Callable[[str], bool] = lambda stem: False,
                      views: str | None = "001_event_detail_before_012.sql") -> Callable[[], None]:
    """Load with the older ``loads`` (load step stem -> file under fixtures/warehouse) in place of
    today's steps, without the load steps ``drop`` names (by stem), and with the older ``views``; returns a
    function that brings today's loader and views back."""
    current = load._load_statements()
    statements = [s for s in current if not drop(s[0])]
    for stem, older_file in loads.items():
        older = split_statements((OLDER_FILES / older_file).read_text(encoding="utf-8"))
        at = next(i for i, s in enumerate(statements) if s[0] == stem)
        statements = [s for s in statements if s[0] != stem]
        statements[at:at] = [(stem, sql) for sql in older]
    monkeypatch.setattr(load, "_load_statements", lambda: statements)
    current_views = schema._apply_views
    if views is not None:
        monkeypatch.setattr(schema, "_apply_views", lambda con: execute(
            con, (OLDER_FILES / views).read_text(encoding="utf-8")))

    def today() -> None:
        monkeypatch.setattr(load, "_load_statements", lambda: current)
        monkeypatch.setattr(schema, "_apply_views", current_views)

    return today

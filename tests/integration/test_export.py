"""Exports of a real warehouse: Parquet partitioned by date (read back with DuckDB) and the GDELT
2.0 events and mentions files (header and field counts checked against the published list)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from tests.conftest import SHARED
from wirehouse.cli import app
from wirehouse.report.export import (
    GDELT_EVENT_COLUMNS,
    GDELT_EVENTS_FILE,
    GDELT_MENTION_COLUMNS,
    GDELT_MENTIONS_FILE,
    ExportError,
    export_warehouse,
)
from wirehouse.warehouse.db import connect
from wirehouse.warehouse.load import load_batch
from wirehouse.warehouse.schema import apply_schema
from wirehouse.warehouse.synthetic import synthetic_batch

REFERENCE = SHARED / "reference" / "gdelt2_columns.md"
# the published column lists, shipped with the tests (a clone without ../shared still checks them)
COLUMNS = json.loads((Path(__file__).resolve().parents[1] / "fixtures" / "reference" / "gdelt2_columns.json")
                     .read_text(encoding="utf-8"))
EVENTS = 3_000
SINCE = "2024-02-01"


def published_columns(section: str) -> list[str]:
    """Column names, in order, of one table of the published list."""
    return COLUMNS[section]


def reference_columns(section: str) -> list[str]:
    """Column names, in order, of one table of the shared reference file."""
    text = REFERENCE.read_text(encoding="utf-8")
    part = text.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (\d+) \| (\w+) \|", part, re.MULTILINE)
    assert [int(n) for n, _ in rows] == list(range(1, len(rows) + 1))
    return [name for _, name in rows]


@pytest.mark.skipif(not REFERENCE.exists(), reason=f"../shared is absent: no reference file at {REFERENCE}")
def test_test_fixture_matches_the_shared_reference():
    for section in ("Events table", "Mentions table"):
        assert published_columns(section) == reference_columns(section)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "w.duckdb"
    con = connect(path)
    apply_schema(con)
    load_batch(con, synthetic_batch(EVENTS, tag="x", days=60), "run-x")
    con.close()
    return path


@pytest.fixture
def con(db):
    connection = connect(db, read_only=True)
    yield connection
    connection.close()


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_product_column_lists_are_the_published_ones():
    assert list(GDELT_EVENT_COLUMNS) == published_columns("Events table") and len(GDELT_EVENT_COLUMNS) == 61
    assert list(GDELT_MENTION_COLUMNS) == published_columns("Mentions table") and len(GDELT_MENTION_COLUMNS) == 16


def test_gdelt_export_header_and_rows(con, tmp_path):
    result = export_warehouse(con, tmp_path / "g", "gdelt", header=True)
    events = read_tsv(tmp_path / "g" / GDELT_EVENTS_FILE)
    mentions = read_tsv(tmp_path / "g" / GDELT_MENTIONS_FILE)
    assert events[0] == published_columns("Events table")
    assert mentions[0] == published_columns("Mentions table")
    assert {len(r) for r in events} == {61} and {len(r) for r in mentions} == {16}
    assert len(events) - 1 == EVENTS == result.rows["gdelt_events"]
    rows = [dict(zip(events[0], r)) for r in events[1:]]
    key, date_key, code, url, actor = con.execute(
        """select f.event_key, f.event_date_key, t.cameo_code, a.canonical_url, s.actor_code from fact_event f
           join dim_event_type t using (event_type_key) join dim_article a using (article_key)
           join dim_actor s on s.actor_key = f.source_actor_key order by f.event_key limit 1""").fetchall()[0]
    first = rows[0]
    assert (first["GLOBALEVENTID"], first["SQLDATE"], first["EventCode"], first["SOURCEURL"], first["Actor1Code"]) == (
        str(key), str(date_key), code, url, actor)
    assert any(r["EventCode"].startswith("0") for r in rows), "CAMEO codes must keep their leading zero"
    assert {r["QuadClass"] for r in rows} <= {"1", "2", "3", "4"}
    assert all(r["Actor1KnownGroupCode"] == "" and r["Actor1Geo_Type"] == "" for r in rows)  # documented gaps
    assert all(r["ActionGeo_CountryCode"] and r["ActionGeo_Lat"] for r in rows)
    # mentions carry the actor offsets found inside their sentence
    m = dict(zip(mentions[0], mentions[1]))
    assert m["MentionType"] == "1" and m["InRawText"] == "1" and m["Actor1CharOffset"] != ""
    assert 0 <= int(m["Confidence"]) <= 100


def test_gdelt_export_without_header_is_gdelt_shaped(con, tmp_path):
    export_warehouse(con, tmp_path / "g", "gdelt", since=SINCE)
    events = read_tsv(tmp_path / "g" / GDELT_EVENTS_FILE)
    assert events[0][0].isdigit()  # no header row, as GDELT's own files
    expected = con.execute("select count(*) from fact_event where event_date >= $d", {"d": SINCE}).fetchall()[0][0]
    assert 0 < len(events) == expected < EVENTS
    assert min(int(r[1]) for r in events) >= int(SINCE.replace("-", ""))


def test_parquet_export_is_partitioned_by_date_and_reads_back(con, tmp_path):
    out = tmp_path / "p"
    result = export_warehouse(con, out, "parquet")
    partitions = sorted(p.name for p in (out / "events").iterdir())
    assert partitions and all(re.fullmatch(r"event_date=\d{4}-\d{2}-\d{2}", p) for p in partitions)
    reader = duckdb.connect()
    events = f"read_parquet('{out}/events/*/*.parquet', hive_partitioning = true)"
    mentions = f"read_parquet('{out}/event_mentions/*/*.parquet', hive_partitioning = true)"
    dims = out / "dims"
    assert reader.execute(f"select count(*) from {events}").fetchall()[0][0] == EVENTS == result.rows["events"]
    assert reader.execute(f"select count(*) from {mentions}").fetchall()[0][0] == EVENTS
    # the dimensions in the export are enough to read the facts
    joined = reader.execute(
        f"""select count(*), count(distinct t.root_code) from {events} e
            join read_parquet('{dims}/dim_event_type.parquet') t using (event_type_key)
            join read_parquet('{dims}/dim_article.parquet') a using (article_key)
            join read_parquet('{dims}/dim_actor.parquet') s on s.actor_key = e.source_actor_key
            join read_parquet('{dims}/dim_place.parquet') p using (place_key)""").fetchall()[0]
    assert joined[0] == EVENTS and joined[1] > 10
    original = con.execute("select sum(goldstein), count(distinct event_date) from fact_event").fetchall()[0]
    back = reader.execute(f"select sum(goldstein), count(distinct event_date) from {events}").fetchall()[0]
    assert back[0] == pytest.approx(original[0]) and back[1] == original[1] == len(partitions)


def test_parquet_export_since_and_replacing_an_earlier_export(con, tmp_path):
    out = tmp_path / "p"
    export_warehouse(con, out, "parquet")
    export_warehouse(con, out, "parquet", since=SINCE)  # an earlier export is replaced, not added to
    days = [p.name.split("=")[1] for p in (out / "events").iterdir()]
    assert days and min(days) >= SINCE
    reader = duckdb.connect()
    count = reader.execute(f"select count(*) from read_parquet('{out}/events/*/*.parquet')").fetchall()[0][0]
    assert count == con.execute("select count(*) from fact_event where event_date >= $d", {"d": SINCE}).fetchall()[0][0]


def test_export_refuses_a_folder_of_other_files(con, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.tex").write_text("keep me", encoding="utf-8")
    with pytest.raises(ExportError, match="not empty"):
        export_warehouse(con, out, "gdelt")
    assert (out / "thesis.tex").read_text(encoding="utf-8") == "keep me"


def test_cli_export_and_its_errors(db, tmp_path):
    runner = CliRunner()
    ok = runner.invoke(app, ["export", "--format", "gdelt", "--out", str(tmp_path / "g"), "--db", str(db),
                             "--header"])
    assert ok.exit_code == 0, ok.output
    assert "gdelt_events" in ok.output and (tmp_path / "g" / GDELT_EVENTS_FILE).is_file()
    bad = runner.invoke(app, ["export", "--format", "gdelt", "--out", str(tmp_path / "h"), "--db", str(db),
                              "--since", "last tuesday"])
    assert bad.exit_code == 1 and "is not a date; use YYYY-MM-DD" in bad.output
    wrong = runner.invoke(app, ["export", "--format", "xml", "--out", str(tmp_path / "h"), "--db", str(db)])
    assert wrong.exit_code == 1 and "use parquet or gdelt" in wrong.output

"""Schema migrations on a real DuckDB file: a new NNN_*.sql applies once on an existing database,
the database remembers it, and a database newer than the code is refused with a clear message."""

from __future__ import annotations

import shutil
from collections import Counter

import pyarrow as pa
import pytest

from wirehouse.errors import SchemaMismatch
from wirehouse.resources import data_dir
from wirehouse.records import Page
from wirehouse.warehouse.db import connect, execute, transaction
from wirehouse.warehouse.load import INPUT_SCHEMA, load_batch, record_seen_inputs, split_statements
from wirehouse.warehouse.schema import apply_schema, migrations
from wirehouse.warehouse.synthetic import synthetic_batch
from wirehouse.warehouse.templates import save_templates

from tests.older_release import BEFORE_012, BEFORE_013, OLDER_FILES, use_older_release

SHIPPED = data_dir("sql") / "schema"
NEWEST = migrations()[-1][0]
NUMBERS = [number for number, _, _ in migrations()]


@pytest.fixture
def older_loader(monkeypatch):
    """Load as a release before 007 did: its sql/load/04_dim_place.sql knew no place levels, its
    08 and 09 and its v_event no event relevance (012)."""
    return use_older_release(monkeypatch, {"04_dim_place": "04_dim_place_before_007.sql", **BEFORE_012})


@pytest.fixture
def later_schema(tmp_path):
    """The shipped migrations plus one written later."""
    folder = tmp_path / "schema"
    shutil.copytree(SHIPPED, folder)
    (folder / f"{NEWEST + 1:03d}_source_country.sql").write_text(
        "alter table dim_source add column country_code varchar;\n"
        "comment on column dim_source.country_code is 'ISO-3 country of the outlet, when known.';\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def con(tmp_path):
    connection = connect(tmp_path / "m.duckdb")
    apply_schema(connection)
    load_batch(connection, synthetic_batch(500, tag="m"), "run-m")
    yield connection
    connection.close()


def versions(con):
    return con.execute("select version, name from schema_version order by version").fetchall()


def test_new_migration_applies_once_and_is_recorded(con, later_schema):
    sources = con.execute("select count(*) from dim_source").fetchall()[0][0]
    assert apply_schema(con, later_schema) == NEWEST + 1
    assert versions(con)[-1] == (NEWEST + 1, f"{NEWEST + 1:03d}_source_country")
    columns = {r[0] for r in con.execute(
        "select column_name from duckdb_columns() where table_name = 'dim_source'").fetchall()}
    assert "country_code" in columns
    assert con.execute("select count(*) from dim_source").fetchall()[0][0] == sources
    # again: nothing to do, nothing recorded twice
    assert apply_schema(con, later_schema) == NEWEST + 1
    assert [v for v, _ in versions(con)] == [n for n, _, _ in migrations(later_schema)]  # numbers may skip
    # and loading still works on the migrated database
    load_batch(con, synthetic_batch(500, tag="m2"), "run-m2")


def test_database_newer_than_the_code_is_refused(con, later_schema):
    apply_schema(con, later_schema)
    with pytest.raises(SchemaMismatch) as info:
        apply_schema(con)  # the shipped migrations stop one short
    message = str(info.value)
    assert f"schema version {NEWEST + 1}" in message and f"up to {NEWEST}" in message
    assert "m.duckdb" in message and "upgrade wirehouse" in message


def test_a_migration_numbered_below_the_database_is_refused(con, tmp_path):
    folder = tmp_path / "schema"
    shutil.copytree(SHIPPED, folder)
    (folder / "002_late_addition.sql").write_text("select 1;\n", encoding="utf-8")
    shutil.move(folder / "002_facts.sql", tmp_path / "002_facts.sql")
    with pytest.raises(SchemaMismatch, match="never applied.*renumber it"):
        apply_schema(con, folder)


def test_two_migrations_with_one_number_are_refused(tmp_path):
    folder = tmp_path / "schema"
    shutil.copytree(SHIPPED, folder)
    (folder / "001_again.sql").write_text("select 1;\n", encoding="utf-8")
    with pytest.raises(SchemaMismatch, match="two migrations are numbered 001"):
        migrations(folder)


def shipped_up_to(tmp_path, newest: int):
    """A folder with the shipped migrations numbered up to ``newest``: the schema of an older release."""
    folder = tmp_path / f"schema-{newest:03d}"
    folder.mkdir()
    for number, _, path in migrations():
        if number <= newest:
            shutil.copy(path, folder / path.name)
    return folder


def tables_for_todays_loader(con) -> None:
    """Today's loader also writes the alias table (006), the SimHash band tables (010) and the
    outlets' place priors (011): an older release's database gets them empty, as their migrations
    find them (they create them if absent; 010 fills the bands from dim_article, 011 the priors from
    the stored place mentions)."""
    con.execute("create table dim_article_alias (url varchar primary key, article_key bigint not null,"
                " reason varchar not null, first_seen_at timestamp not null, run_id varchar not null)")
    con.execute("create table simhash_band (band utinyint primary key, mask bigint not null,"
                " salt bigint not null, max_distance utinyint not null)")
    con.execute("create table article_band (article_key bigint not null, band_key bigint not null)")
    con.execute("create table source_place_prior (domain varchar, level varchar, country_code varchar,"
                " admin1 varchar, articles integer, mentions integer, updated_at timestamp,"
                " primary key (domain, level, country_code, admin1))")


def test_mention_tables_migrate_with_their_rows(tmp_path, older_loader):
    """004 rebuilds the mention tables of a database made with 001-003, keeping every row."""
    old = shipped_up_to(tmp_path, 3)
    con = connect(tmp_path / "old.duckdb")
    try:
        apply_schema(con, old)
        tables_for_todays_loader(con)
        load_batch(con, synthetic_batch(1_000, tag="old"), "run-old")
        tables = ("fact_event_mention", "fact_actor_mention", "fact_place_mention")
        before = {t: con.execute(f"select count(*), sum(start_char) from {t}" if t != "fact_event_mention"
                                 else f"select count(*), sum(sentence_start) from {t}").fetchall()[0] for t in tables}
        assert apply_schema(con) == NEWEST
        older_loader()  # from here on, this release's loader
        after = {t: con.execute(f"select count(*), sum(start_char) from {t}" if t != "fact_event_mention"
                                else f"select count(*), sum(sentence_start) from {t}").fetchall()[0] for t in tables}
        assert after == before and before["fact_actor_mention"][0] == 2_000
        kinds = {r[0] for r in con.execute(
            "select constraint_type from duckdb_constraints() where table_name = 'fact_actor_mention'").fetchall()}
        assert "UNIQUE" not in kinds and "PRIMARY KEY" not in kinds
        # reloading the same batch on the migrated tables replaces mentions, never duplicates them
        load_batch(con, synthetic_batch(1_000, tag="old"), "run-old-2")
        assert con.execute("select count(*) from fact_actor_mention").fetchall()[0][0] == 2_000
    finally:
        con.close()


def test_events_table_migrates_with_its_rows(tmp_path, older_loader):
    """005 rebuilds fact_event of a database made with 001-004 without its key indexes, keeping
    every row, key and count; the key sequence goes on and reloads still duplicate nothing."""
    old = shipped_up_to(tmp_path, 4)
    con = connect(tmp_path / "v4.duckdb")
    try:
        apply_schema(con, old)
        tables_for_todays_loader(con)
        batch = synthetic_batch(1_000, tag="v4")
        load_batch(con, batch, "run-v4")
        query = ("select count(*), sum(event_key), max(event_key), count(distinct event_id), sum(num_mentions),"
                 " sum(sentence_start) from fact_event")
        before = con.execute(query).fetchall()[0]
        assert apply_schema(con) == NEWEST
        older_loader()  # from here on, this release's loader
        assert con.execute(query).fetchall()[0] == before
        kinds = {r[0] for r in con.execute(
            "select constraint_type from duckdb_constraints() where table_name = 'fact_event'").fetchall()}
        assert "UNIQUE" not in kinds and "PRIMARY KEY" not in kinds
        comments = dict(con.execute(
            "select column_name, comment from duckdb_columns() where table_name = 'fact_event'").fetchall())
        assert "Unique" in comments["event_id"] and comments["sentence_start"]

        load_batch(con, batch, "run-v5")
        assert con.execute(query).fetchall()[0][:4] == before[:4]
        load_batch(con, synthetic_batch(500, tag="v5"), "run-v5b")
        total, keys, smallest_new = con.execute(
            "select count(*), count(distinct event_key), min(event_key) filter (where event_id like 'v5-%')"
            " from fact_event").fetchall()[0]
        assert total == keys == 1_500 and smallest_new > before[2]
        assert con.execute("select count(*) from v_event").fetchall()[0][0] == 1_500
    finally:
        con.close()


def test_band_table_is_filled_from_stored_articles(tmp_path, older_loader):
    """010 cuts the SimHash of every article of an older warehouse into its bands, so the lookup of
    the next batch finds the stored near duplicates."""
    from wirehouse.clean.dedup import band_masks, mark_duplicates
    from wirehouse.records import Article
    from wirehouse.warehouse.fingerprints import seen_fingerprints
    from wirehouse.warehouse.load import build_batch

    import random

    def text(seed):
        rng = random.Random(seed)
        return " ".join(rng.choice(("army", "talks", "border", "city", "court", "aid", "vote", "river", "fuel",
                                    "camp", "envoy", "treaty", "storm", "raid", "trial", "market")) for _ in range(80))

    articles = [Article(article_id=f"old{i}", url=f"https://o.example/{i}", canonical_url=f"https://o.example/{i}",
                        domain="o.example", title=None, text=text(i)) for i in range(5)]
    con = connect(tmp_path / "v5.duckdb")
    try:
        apply_schema(con, shipped_up_to(tmp_path, 5))
        tables_for_todays_loader(con)
        load_batch(con, build_batch([], mark_duplicates(articles)), "run-v5")
        assert con.execute("select count(*) from article_band").fetchall()[0][0] == 0  # no bands to cut with yet
        apply_schema(con)
        older_loader()  # from here on, this release's loader
        rows = con.execute("select count(*), count(distinct article_key) from article_band").fetchall()[0]
        assert rows == (5 * len(band_masks(6)), 5)
        copy = Article(article_id="new", url="https://n.example/1", canonical_url="https://n.example/1",
                       domain="n.example", title=None, text=articles[3].text + " Reporting by Harbor Wire.")
        seen = seen_fingerprints(con, [copy], 6)
        assert set(seen) == {"old3"}
        assert mark_duplicates([copy], seen)[0].duplicate_of == "old3"
    finally:
        con.close()


def test_event_evidence_columns_migrate(tmp_path, monkeypatch):
    """013 adds the evidence offsets to the events of a database made with 001-012: its events keep
    every row, with no offsets (their evidence stays the sentence); events loaded after it carry
    them, and v_event and the GDELT export read both."""
    from wirehouse.report.export import GDELT_MENTIONS_FILE, export_warehouse

    before_013 = use_older_release(monkeypatch, BEFORE_013,
                                   views="001_event_detail_before_013.sql")
    con = connect(tmp_path / "v12.duckdb")
    try:
        apply_schema(con, shipped_up_to(tmp_path, 12))
        load_batch(con, synthetic_batch(500, tag="v12"), "run-v12")
        query = "select count(*), sum(event_key), sum(num_mentions), sum(sentence_start) from fact_event"
        before = con.execute(query).fetchall()[0]
        before_013()  # from here on, this release's loader and views
        assert apply_schema(con) == NEWEST
        assert con.execute(query).fetchall()[0] == before
        assert con.execute("select count(*) from v_event where verb_text is null and verb_start is null"
                           ).fetchall()[0][0] == 500

        load_batch(con, synthetic_batch(500, tag="v13"), "run-v13")
        words = con.execute("select distinct source_text, verb_text, target_text from v_event"
                            " where event_id like 'v13-%'").fetchall()
        assert words == [("Synthetic actor", "did", "another actor")]
        assert con.execute("select count(*) from fact_event_mention where verb_start is not null"
                           ).fetchall()[0][0] == 500

        export_warehouse(con, tmp_path / "gdelt", "gdelt")
        lines = (tmp_path / "gdelt" / GDELT_MENTIONS_FILE).read_text(encoding="utf-8").splitlines()
        assert len(lines) == 1_000
        # actor offsets for every report (older ones from the actor mentions in the sentence), the
        # action offset only where it was stored
        assert all(line.split("\t")[7] != "" for line in lines)
        assert sum(line.split("\t")[9] != "" for line in lines) == 500
    finally:
        con.close()


def test_template_blocks_and_seen_inputs_migrate_with_their_rows(tmp_path, monkeypatch):
    """014 rebuilds template_block and seen_input of a database made with 001-013 without their
    primary keys and dim_article without canonical_url's unique index, keeping every row; saving
    afterwards counts up the stored blocks and inputs and duplicates none, and new articles get
    keys after the stored ones."""
    before_014 = use_older_release(monkeypatch, BEFORE_013,
                                   views="001_event_detail_before_013.sql")
    con = connect(tmp_path / "v13.duckdb")
    try:
        apply_schema(con, shipped_up_to(tmp_path, 13))
        load_batch(con, synthetic_batch(200, tag="v13"), "run-v13")
        older = split_statements((OLDER_FILES / "template_block_seen_input_before_014.sql").read_text(encoding="utf-8"))
        blocks = pa.Table.from_pylist(
            [{"domain": f"d{i % 7}.example", "block_key": i * 7919 - 10**12, "pages": 1 + i % 4} for i in range(2_000)],
            schema=pa.schema([("domain", pa.string()), ("block_key", pa.int64()), ("pages", pa.int32())]))
        inputs = pa.Table.from_pylist([{"ref": f"file:///p/{i}.html", "content_sha1": f"s{i}"} for i in range(300)],
                                      schema=INPUT_SCHEMA)
        con.register("stg_template_counts", blocks)
        con.register("stg_seen_input", inputs)
        with transaction(con):
            for sql in older * 2:  # the older release saved these blocks and inputs twice
                execute(con, sql)
        con.unregister("stg_template_counts")
        con.unregister("stg_seen_input")
        block_query = "select count(*), count(distinct (domain, block_key)), sum(pages), sum(block_key) from template_block"
        input_query = ("select count(*), count(distinct ref), string_agg(ref || content_sha1 || state, ',' order by ref)"
                       " from seen_input")
        article_query = ("select count(*), sum(article_key), string_agg(article_id || canonical_url || text, ','"
                         " order by article_key), max(article_key) from dim_article")
        blocks_before, inputs_before = con.execute(block_query).fetchall()[0], con.execute(input_query).fetchall()[0]
        articles_before = con.execute(article_query).fetchall()[0]
        assert blocks_before[:3] == (2_000, 2_000, 2 * sum(1 + i % 4 for i in range(2_000)))
        assert inputs_before[:2] == (300, 300)

        assert apply_schema(con) == NEWEST
        before_014()  # from here on, this release's loader and views
        assert con.execute(block_query).fetchall()[0] == blocks_before
        assert con.execute(input_query).fetchall()[0] == inputs_before
        assert con.execute(article_query).fetchall()[0] == articles_before and articles_before[0] > 0
        assert sorted(r[0] for r in con.execute(
            "select constraint_type from duckdb_constraints() where table_name = 'dim_article'"
            " and constraint_type in ('PRIMARY KEY', 'UNIQUE')").fetchall()) == ["PRIMARY KEY", "UNIQUE"]
        for table in ("template_block", "seen_input"):
            kinds = {r[0] for r in con.execute(
                "select constraint_type from duckdb_constraints() where table_name = $t", {"t": table}).fetchall()}
            assert not kinds & {"UNIQUE", "PRIMARY KEY"}, table

        # this release's saving on the migrated tables: stored keys counted up, new ones added once
        save_templates(con, {"d0.example": Counter({0 * 7919 - 10**12: 5, 42: 1})})
        assert con.execute(block_query).fetchall()[0][:3] == (2_001, 2_001, blocks_before[2] + 6)
        with transaction(con):
            record_seen_inputs(con, [Page(url=f"file:///p/{i}.html", final_url="", status=200, body=b"",
                                          fetched_at=None, digest="new") for i in (0, 1, 300)], "run-v14")
        assert con.execute("select count(*), count(distinct ref), count(*) filter (where content_sha1 = 'new')"
                           " from seen_input").fetchall()[0] == (301, 301, 3)
        later = synthetic_batch(100, tag="v14")
        load_batch(con, later, "run-v14")  # new articles: keys go on after the stored ones
        total, distinct, smallest_new = con.execute(
            "select count(*), count(distinct canonical_url), min(article_key) filter (where run_id = 'run-v14')"
            " from dim_article").fetchall()[0]
        assert total == distinct == articles_before[0] + later.articles.num_rows
        assert smallest_new > articles_before[3]
    finally:
        con.close()


def test_band_keys_migrate_to_small_numbers(tmp_path, monkeypatch):
    """015 keys each band by its two blocks side by side: a database made with 001-014 keeps every
    article and gets every band key again in the new form (the key band_key computes, one per
    article and band); the lookup finds a stored near duplicate through them, and a new load adds its
    articles' keys in the same form."""
    from wirehouse.clean.dedup import band_cuts, band_key, mark_duplicates
    from wirehouse.records import Article
    from wirehouse.warehouse.fingerprints import seen_fingerprints
    from wirehouse.warehouse.load import build_batch

    before_015 = use_older_release(monkeypatch, BEFORE_013, views="001_event_detail_before_013.sql")
    con = connect(tmp_path / "v14.duckdb")
    try:
        apply_schema(con, shipped_up_to(tmp_path, 14))
        load_batch(con, synthetic_batch(300, tag="v14"), "run-v14")
        words = ("army", "talks", "border", "city", "court", "aid", "vote", "river", "fuel", "camp", "envoy", "treaty")
        texts = [" ".join(words[(i * 7 + k * k) % len(words)] + str(k % (5 + i)) for k in range(90)) for i in range(4)]
        old = [Article(article_id=f"old{i}", url=f"https://o.example/{i}", canonical_url=f"https://o.example/{i}",
                       domain="o.example", title=None, text=t) for i, t in enumerate(texts)]
        load_batch(con, build_batch([], mark_duplicates(old)), "run-v14b")
        article_query = ("select count(*), sum(article_key), sum(simhash), string_agg(article_id || text_hash, ','"
                         " order by article_key) from dim_article")
        articles_before = con.execute(article_query).fetchall()[0]
        old_keys = con.execute("select count(*), count(distinct article_key) from article_band").fetchall()[0]
        assert old_keys[0] == 28 * old_keys[1] and old_keys[1] > 4

        assert apply_schema(con) == NEWEST
        before_015()  # from here on, this release's loader and views
        assert con.execute(article_query).fetchall()[0] == articles_before
        stored = con.execute("select article_key, band_key from article_band").fetchall()
        simhashes = dict(con.execute("select article_key, simhash from dim_article where simhash <> 0").fetchall())
        expected = sorted((key, band_key(h, cut)) for key, h in simhashes.items() for cut in band_cuts(6))
        assert sorted(stored) == expected and len(stored) == old_keys[0]
        assert max(k for _, k in stored) < 28 << 16  # small: 21 bits

        copy = Article(article_id="new", url="https://n.example/1", canonical_url="https://n.example/1",
                       domain="n.example", title=None, text=texts[2] + " Reporting by Harbor Wire.")
        seen = seen_fingerprints(con, [copy], 6)
        assert "old2" in seen and mark_duplicates([copy], seen)[0].duplicate_of == "old2"
        load_batch(con, synthetic_batch(50, tag="v15"), "run-v15")
        added = con.execute("select b.band_key, a.simhash from article_band as b join dim_article as a"
                            " using (article_key) where a.run_id = 'run-v15'").fetchall()
        new_simhashes = [r[0] for r in con.execute("select simhash from dim_article where run_id = 'run-v15'").fetchall()]
        assert len(new_simhashes) > 0
        assert sorted(k for k, _ in added) == sorted(band_key(h, cut) for h in new_simhashes for cut in band_cuts(6))
    finally:
        con.close()


def test_seen_inputs_migrate_with_a_number_for_their_url(tmp_path, monkeypatch):
    """015 gives every stored input of a database made with 001-014 its ref_key (the first 60 bits
    of the MD5 of its URL), keeping every row; planning then skips the stored unchanged inputs and
    recording counts up the stored ones and adds the others once."""
    import hashlib

    from wirehouse.pipeline import unseen

    before_015 = use_older_release(monkeypatch, BEFORE_013, views="001_event_detail_before_013.sql")
    con = connect(tmp_path / "v14.duckdb")
    try:
        apply_schema(con, shipped_up_to(tmp_path, 14))
        older = split_statements((OLDER_FILES / "record_seen_inputs_before_015.sql").read_text(encoding="utf-8"))
        inputs = pa.Table.from_pylist([{"ref": f"file:///p/{i}.html", "content_sha1": f"s{i}"} for i in range(300)],
                                      schema=INPUT_SCHEMA)
        con.register("stg_seen_input", inputs)
        with transaction(con):
            for sql in older:
                execute(con, sql, {"run_id": "run-v14"} if "$run_id" in sql else None)
        con.unregister("stg_seen_input")
        input_query = ("select count(*), count(distinct ref), string_agg(ref || content_sha1 || state || failures, ','"
                       " order by ref) from seen_input")
        inputs_before = con.execute(input_query).fetchall()[0]
        assert inputs_before[:2] == (300, 300)

        assert apply_schema(con) == NEWEST
        before_015()
        assert con.execute(input_query).fetchall()[0] == inputs_before
        keys = dict(con.execute("select ref, ref_key from seen_input").fetchall())
        assert all(key == int(hashlib.md5(ref.encode()).hexdigest()[:15], 16) for ref, key in keys.items())
        assert len(set(keys.values())) == 300

        refs = [f"file:///p/{i}.html" for i in (0, 1, 2, 300)]
        assert unseen(con, refs, refs, ["s0", "changed", "s2", "s300"]) == refs[1::2]  # changed and new ones
        with transaction(con):
            record_seen_inputs(con, [Page(url=ref, final_url="", status=200, body=b"", fetched_at=None, digest="new")
                                     for ref in refs], "run-v15")
        assert con.execute("select count(*), count(distinct ref), count(*) filter (where content_sha1 = 'new'),"
                           " count(*) filter (where ref_key = input_ref_key(ref)) from seen_input").fetchall()[0] == (
                               301, 301, 4, 301)
    finally:
        con.close()

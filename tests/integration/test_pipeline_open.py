"""Opening the warehouse for a run or a flow task: a new file gets every migration; a file already
at the newest schema has its views replaced in one transaction; a file of a newer schema is refused."""

from __future__ import annotations

import duckdb
import pytest

import wirehouse.pipeline as pipeline
from wirehouse.errors import SchemaMismatch
from wirehouse.settings import Settings
from wirehouse.warehouse.schema import migrations


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(db_path=tmp_path / "w.duckdb", data_docs=False)


def views(con) -> set[str]:
    return {r[0] for r in con.execute("select view_name from duckdb_views() where not internal").fetchall()}


def test_a_current_warehouse_has_its_views_replaced_in_one_transaction(settings, monkeypatch):
    con = pipeline.open_warehouse(settings)  # a new file: every migration
    assert con.execute("select max(version) from schema_version").fetchall()[0][0] == migrations()[-1][0]
    shipped = views(con)
    assert "v_event" in shipped
    con.execute("drop view v_event")
    con.close()

    transactions = []
    real = pipeline.apply_schema

    def watched(c, *args, **kwargs):
        before = c.execute("select txid_current()").fetchall()[0][0]
        done = real(c, *args, **kwargs)
        transactions.append((before, c.execute("select txid_current()").fetchall()[0][0]))
        return done

    monkeypatch.setattr(pipeline, "apply_schema", watched)
    con = pipeline.open_warehouse(settings)
    try:
        assert views(con) == shipped  # the dropped view is back
        (before, after), = transactions
        assert before == after  # one transaction around the views
        assert con.execute("select count(*) from dim_event_type").fetchall()[0][0] > 0
    finally:
        con.close()


def test_a_warehouse_missing_its_event_types_is_seeded_again(settings):
    pipeline.open_warehouse(settings).close()
    con = duckdb.connect(str(settings.database))
    con.execute("delete from dim_event_type")
    con.close()
    con = pipeline.open_warehouse(settings)
    try:
        assert con.execute("select count(*) from dim_event_type").fetchall()[0][0] > 0
    finally:
        con.close()


def test_a_warehouse_of_a_newer_schema_is_refused(settings):
    pipeline.open_warehouse(settings).close()
    con = duckdb.connect(str(settings.database))
    con.execute("insert into schema_version values (999, '999_from_the_future', now()::timestamp)")
    con.close()
    with pytest.raises(SchemaMismatch, match="schema version 999"):
        pipeline.open_warehouse(settings)


def test_a_run_sets_its_models_aside_from_the_collector_until_its_end(tmp_path, settings, monkeypatch):
    """The enricher and the validator are loaded with the collector paused, then frozen (after one
    collection) until the run's end, which gives them back; the collector is on again after."""
    import gc

    from wirehouse.crawl.sources import SourceSpec
    from wirehouse.demo import corpus, render

    outlet = corpus.load_outlets()[0]
    site = render.build_site(outlet, "http://" + outlet.id + ".example")
    folder = tmp_path / "pages"
    folder.mkdir()
    for i, entry in enumerate([e for e in site.entries if e.kind == "article"][:3]):
        (folder / f"a{i}.html").write_bytes(site.resources[entry.path].body)

    seen = []
    freeze, unfreeze = gc.freeze, gc.unfreeze
    loaded = pipeline.enrich_batch

    def frozen():
        seen.append(("freeze", gc.isenabled()))
        freeze()

    def given_back():
        seen.append(("unfreeze", gc.get_freeze_count() > 0))
        unfreeze()

    def enriching(*args, **kwargs):
        seen.append(("enrich", gc.get_freeze_count() > 0))
        return loaded(*args, **kwargs)

    monkeypatch.setattr(gc, "freeze", frozen)
    monkeypatch.setattr(gc, "unfreeze", given_back)
    monkeypatch.setattr(pipeline, "enrich_batch", enriching)
    summary = pipeline.run_pipeline(SourceSpec.from_options(html_dir=folder), settings)
    assert summary.status == "succeeded" and summary.articles_loaded == 3
    assert seen == [("freeze", True), ("enrich", True), ("unfreeze", True)]
    assert gc.isenabled() and gc.get_freeze_count() == 0

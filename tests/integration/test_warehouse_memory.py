"""DuckDB running out of memory (WIREHOUSE_DB_MEMORY_LIMIT) during a batch: the run stops with a
message naming the batch, the limit and what to set, nothing of the batch is written, and a run
with more memory loads it. Provoked for real, with a limit too small for a batch's load."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from wirehouse.crawl.sources import SourceSpec
from wirehouse.demo import corpus, render
from wirehouse.errors import OutOfMemory
from wirehouse.pipeline import run_pipeline
from wirehouse.warehouse.db import connect, memory_named

TABLES = ("dim_article", "seen_input", "template_block", "fact_event_mention")


@pytest.fixture(scope="module")
def pages() -> list[bytes]:
    outlet = corpus.load_outlets()[0]
    site = render.build_site(outlet, "http://" + outlet.id + ".example")
    return [site.resources[e.path].body for e in site.entries if e.kind == "article"][:6]


def counts(db: Path) -> dict[str, int]:
    con = connect(db, read_only=True)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in TABLES}
    finally:
        con.close()


def loaded(folder: Path, pages: list[bytes], settings) -> SourceSpec:
    """The pages saved in ``folder`` and loaded by a run; the spec of the folder."""
    folder.mkdir()
    for i, page in enumerate(pages):
        (folder / f"a{i}.html").write_bytes(page)
    spec = SourceSpec.from_options(html_dir=folder)
    assert run_pipeline(spec, settings).articles_loaded == len(pages)
    return spec


def test_a_batch_out_of_memory_says_what_to_raise_and_loads_with_more(tmp_path, settings, pages):
    folder = tmp_path / "pages"
    spec = loaded(folder, pages[:3], settings)
    before = counts(settings.database)

    for i, page in enumerate(pages[3:]):
        (folder / f"b{i}.html").write_bytes(page)
    # 16MB: enough to open the warehouse and plan the run (below about 10MB the run stops there,
    # named as the run), too little for a batch's load (which needs about 40MB here)
    tight = settings.model_copy(update={"db_memory_limit": "16MB"})
    with pytest.raises(OutOfMemory) as stopped:
        run_pipeline(spec, tight)
    message = str(stopped.value)
    assert re.search(r"^batch \S+ was stopped: DuckDB needs more memory", message), message
    assert "WIREHOUSE_DB_MEMORY_LIMIT allows (16MB)" in message and "WIREHOUSE_DB_MEMORY_LIMIT=32MB" in message
    assert isinstance(stopped.value.__cause__, duckdb.OutOfMemoryException)
    assert counts(settings.database) == before  # nothing of the batch: its pages are not marked seen

    again = run_pipeline(spec, settings)
    assert (again.status, again.inputs_skipped, again.articles_loaded) == ("succeeded", 3, 3)
    after = counts(settings.database)
    assert after["dim_article"] == 6 and after["seen_input"] == 6 and after["template_block"] > before["template_block"]


def test_the_message_comes_from_duckdb_running_out_of_memory_itself(caplog):
    con = duckdb.connect()
    try:
        con.execute("set memory_limit = '1MB'")
        with caplog.at_level("INFO", logger="wirehouse.warehouse.db"), pytest.raises(OutOfMemory) as stopped, \
                memory_named("1MB", "batch run-x-0002"):
            con.execute("select md5(range::varchar) as s, count(*) from range(300000) group by s order by s").fetchall()
        message = str(stopped.value)
        assert message.startswith("batch run-x-0002 was stopped: DuckDB needs more memory")
        # ours is the last word: DuckDB's own text is in the log and on the cause, not in the message
        assert message.endswith("the next run processes its pages again") and "Out of Memory Error" not in message
        assert "Out of Memory Error" in str(stopped.value.__cause__)
        assert any(r.getMessage().startswith("batch run-x-0002: DuckDB ran out of memory: Out of Memory Error")
                   for r in caplog.records)
        # another failure is not mistaken for it
        with pytest.raises(duckdb.CatalogException), memory_named("1MB", "batch run-x-0003"):
            con.execute("select * from no_such_table")
    finally:
        con.close()


HEAVY = "select md5(range::varchar) as s, count(*) from range(3000000) group by s order by s"


def run_record(db: Path) -> tuple[str, str]:
    con = connect(db, read_only=True)
    try:
        return con.execute("select status, message from pipeline_run order by started_at desc limit 1").fetchone()
    finally:
        con.close()


@pytest.mark.parametrize("where,step", [
    ("unseen", r"^planning the run \(taking its next batch: listing the inputs, checking them against seen_input\)"),
    ("outlet_priors", r"^reading the outlets' templates and place priors for batch \S+-0001"),
])
def test_out_of_memory_outside_a_batch_names_its_step_in_the_error_and_the_run_record(
        tmp_path, settings, pages, monkeypatch, where, step):
    """DuckDB runs out of memory for real at the run's limit in planning's seen_input check or in the
    outlet priors read: the error and the run's record name that step, not a batch under way."""
    import wirehouse.pipeline as pipeline

    folder = tmp_path / "pages"
    spec = loaded(folder, pages[:2], settings)
    (folder / "b0.html").write_bytes(pages[2])
    before = counts(settings.database)

    real = getattr(pipeline, where)

    def hungry(con, *args, **kwargs):  # the step's own connection, at the run's limit
        con.execute(HEAVY).fetchall()
        return real(con, *args, **kwargs)

    monkeypatch.setattr(pipeline, where, hungry)
    tight = settings.model_copy(update={"db_memory_limit": "16MB"})
    with pytest.raises(OutOfMemory) as stopped:
        run_pipeline(spec, tight)
    message = str(stopped.value)
    assert re.search(step + " was stopped: DuckDB needs more memory", message), message
    assert "allows (16MB)" in message and "WIREHOUSE_DB_MEMORY_LIMIT=32MB" in message
    assert "batch under way" not in message and "the batches committed before are kept" in message
    assert isinstance(stopped.value.__cause__, duckdb.OutOfMemoryException)
    assert run_record(settings.database) == ("failed", message)
    assert counts(settings.database) == before

    monkeypatch.setattr(pipeline, where, real)
    again = run_pipeline(spec, settings)
    assert (again.status, again.inputs_skipped, again.articles_loaded) == ("succeeded", 2, 1)

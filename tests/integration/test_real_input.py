"""What real input throws at a run: pages sharing a canonical URL, inputs read twice, a batch that
keeps failing. Every page ends as an article, an alias or a quarantined row, a second run adds
nothing, and a failing batch is retried a bounded number of times."""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import pickle
import re
from pathlib import Path

import pytest

from wirehouse.crawl.sources import SourceSpec
from wirehouse.demo import corpus, render
from wirehouse.pipeline import (
    TOTAL_TABLES,
    RunSummary,
    drive,
    inline_stages,
    new_run_id,
    open_warehouse,
    plan_batches,
    run_pipeline,
)
from wirehouse.quality.quarantine import requeue
from wirehouse.warehouse.db import connect

_CANONICAL = re.compile(rb'(<link rel="canonical" href="|<meta property="og:url" content=")[^"]*"')
EMPTY = b"<html><head><title>Nothing here</title></head><body><nav><a href='/'>Home</a></nav></body></html>"


@pytest.fixture(scope="module")
def articles() -> list[bytes]:
    """Real demo article pages (text, actors, events), as an outlet serves them."""
    outlet = corpus.load_outlets()[0]
    site = render.build_site(outlet, "http://" + outlet.id + ".example")
    return [site.resources[e.path].body for e in site.entries if e.kind == "article"][:6]


def canonical(page: bytes, url: str) -> bytes:
    return _CANONICAL.sub(lambda m: m.group(1) + url.encode() + b'"', page)


def counts(db: Path) -> dict[str, int]:
    con = connect(db, read_only=True)
    try:
        tables = TOTAL_TABLES + ("dim_article_alias", "seen_input")
        return {t: con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in tables}
    finally:
        con.close()


def run(folder: Path, settings):
    return run_pipeline(SourceSpec.from_options(html_dir=folder), settings)


def test_shared_canonical_urls_load_every_page_once(tmp_path, settings, articles):
    folder = tmp_path / "pages"
    folder.mkdir()
    story = "http://meridian-post.example/2026/11/one-story/"
    section = "http://meridian-post.example/middle-east/"
    (folder / "a-story.html").write_bytes(canonical(articles[0], story))
    (folder / "b-story-amp.html").write_bytes(canonical(articles[0], story))  # the same article again
    (folder / "c-first.html").write_bytes(canonical(articles[1], section))  # canonical link to a section
    (folder / "d-second.html").write_bytes(canonical(articles[2], section))
    (folder / "e-empty.html").write_bytes(EMPTY)

    first = run(folder, settings)
    assert first.status == "succeeded" and not first.failed_batches
    assert (first.articles_loaded, first.aliases, first.quarantined) == (3, 1, 1)
    db = settings.database
    con = connect(db, read_only=True)
    try:
        urls = dict(con.execute(
            "select s.url, a.canonical_url from dim_article_alias as s join dim_article as a using (article_key)"
        ).fetchall())
        assert urls == {(folder / "b-story-amp.html").resolve().as_uri(): story}
        stored = {u for (u,) in con.execute("select canonical_url from dim_article").fetchall()}
        # the two section-claiming pages keep their own URLs: two articles, not one
        assert stored == {story, (folder / "c-first.html").resolve().as_uri(), (folder / "d-second.html").resolve().as_uri()}
        assert con.execute("select count(*) from fact_event_mention").fetchall()[0][0] > 0
    finally:
        con.close()
    before = counts(db)
    assert before["seen_input"] == 5

    # the same folder again: nothing read again, nothing added, no second quarantine row
    second = run(folder, settings)
    assert second.status == "succeeded"
    assert (second.inputs_skipped, second.pages_fetched, second.articles_loaded) == (5, 0, 0)
    assert counts(db) == before

    # one page changed, one page new (a copy of the stored story under another name): only they are read
    (folder / "d-second.html").write_bytes(canonical(articles[3], section))
    (folder / "f-story-print.html").write_bytes(canonical(articles[0], story))
    third = run(folder, settings)
    assert (third.inputs_skipped, third.pages_fetched) == (4, 2)
    after = counts(db)
    assert after["dim_article"] == before["dim_article"]  # d updated in place; f is an alias
    assert after["dim_article_alias"] == before["dim_article_alias"] + 1
    assert after["quarantine"] == before["quarantine"]


def test_forced_rerun_counts_the_same_rejection_once(tmp_path, settings, articles):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_bytes(articles[0])
    (folder / "b.html").write_bytes(articles[1])
    (folder / "empty.html").write_bytes(EMPTY)
    run(folder, settings)
    before = counts(settings.database)
    again = run_pipeline(SourceSpec.from_options(html_dir=folder), settings, recrawl=True)
    assert again.pages_fetched == 3 and again.inputs_skipped == 0
    assert counts(settings.database) == before
    con = connect(settings.database, read_only=True)
    try:
        assert con.execute("select ref, times_seen from quarantine").fetchall() == [
            ((folder / "empty.html").resolve().as_uri(), 2)]
    finally:
        con.close()


def test_a_failing_batch_is_retried_then_quarantined_then_requeued(tmp_path, settings, articles):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_bytes(articles[0])
    for n in range(3):  # most pages of the batch give no text: the extractor or the site changed
        (folder / f"empty-{n}.html").write_bytes(EMPTY)
    settings = settings.model_copy(update={"max_batch_failures": 3})
    db = settings.database
    for attempt in (1, 2):
        summary = run(folder, settings)
        assert summary.status == "failed" and len(summary.failed_batches) == 1
        assert "tried again on the next run" in summary.message
        assert counts(db)["quarantine"] == 0 and counts(db)["dim_article"] == 0
    third = run(folder, settings)
    assert third.status == "failed" and "4 of its 4 pages failed 3 times and were quarantined" in third.message
    con = connect(db, read_only=True)
    try:
        rows = con.execute("select reason, count(*) from quarantine group by reason").fetchall()
        assert rows == [("batch_failed", 4)]
        message = con.execute("select any_value(message) from quarantine").fetchall()[0][0]
        assert "text_chars" in message and "wirehouse quarantine --requeue --reason batch_failed" in message
    finally:
        con.close()
    # the frontier moves on: the next run skips them and succeeds
    fourth = run(folder, settings)
    assert fourth.status == "succeeded" and fourth.inputs_skipped == 4 and fourth.pages_fetched == 0
    # after a fix (here: the empty pages are gone) the requeued pages load
    for n in range(3):
        (folder / f"empty-{n}.html").unlink()
    con = connect(db)
    try:
        assert requeue(con, reason="batch_failed").rows == 4
    finally:
        con.close()
    fifth = run(folder, settings)
    assert fifth.status == "succeeded" and fifth.articles_loaded == 1


def test_warc_records_already_read_are_skipped(tmp_path, settings, articles):
    import httpx

    from wirehouse.crawl.archive import WarcWriter
    from wirehouse.crawl.fetch import Fetched

    def write(path, bodies):
        with WarcWriter(path) as writer:
            for n, body in enumerate(bodies):
                url = f"http://meridian-post.example/story-{n}/"
                writer.write_response(Fetched(url, 200, httpx.Headers({"Content-Type": "text/html"}),
                                              canonical(body, url)), source="meridian-post.example")

    archive = tmp_path / "warc"
    archive.mkdir()
    write(archive / "a.warc.gz", articles[:3])
    spec = SourceSpec.from_options(warc=[archive])
    first = run_pipeline(spec, settings)
    assert first.status == "succeeded" and first.articles_loaded == 3
    before = counts(settings.database)
    second = run_pipeline(spec, settings)
    assert (second.inputs_skipped, second.pages_fetched) == (3, 0) and counts(settings.database) == before
    # a later archive with one record changed: only that one is read, its article updated in place
    write(archive / "b.warc.gz", [articles[0], articles[4], articles[2]])
    third = run_pipeline(spec, settings)
    assert (third.inputs_skipped, third.pages_fetched, third.articles_loaded) == (2, 1, 1)
    assert counts(settings.database)["dim_article"] == before["dim_article"]


def test_planning_a_folder_holds_references_not_bodies(tmp_path, settings, articles):
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    paths = [folder / "b.html", folder / "a.htm", folder / "sub" / "c.html"]
    for path, body in zip(paths, articles):
        path.write_bytes(body)
    (folder / "notes.txt").write_text("not a page")
    summary = RunSummary(run_id="test-plan")
    con = open_warehouse(settings)
    try:
        batches = list(plan_batches(con, SourceSpec.from_options(html_dir=folder),
                                    settings.model_copy(update={"batch_size": 2}), summary))
    finally:
        con.close()
    files = [f for b in batches for f in b.files]
    assert [len(b.files) for b in batches] == [2, 1]
    assert [f.url for f in files] == [p.resolve().as_uri() for p in sorted(paths)]  # name order
    for file in files:
        body = Path(file.path).read_bytes()
        assert (file.size, file.digest) == (len(body), hashlib.sha1(body).hexdigest())
    planned = pickle.dumps(batches)  # what the flow hands its fetch tasks
    assert not any(body[len(body) // 2:][:64] in planned for body in articles[:3])
    pages = [p for b in batches for p in b.fetch(settings)]  # the bodies are read batch by batch
    assert [p.body for p in pages] == [p.read_bytes() for p in sorted(paths)]
    assert [p.digest for p in pages] == [f.digest for f in files]


def test_a_file_gone_after_planning_is_quarantined_and_the_rest_loads(tmp_path, settings, articles):
    folder = tmp_path / "pages"
    folder.mkdir()
    for name, body in zip("abc", articles):
        (folder / f"{name}.html").write_bytes(body)
    gone = folder / "b.html"
    summary = RunSummary(run_id=new_run_id(), source="test")
    con = open_warehouse(settings)
    try:
        stages = inline_stages(con, SourceSpec.from_options(html_dir=folder), settings, summary.run_id)

        def plan_then_remove(summary: RunSummary):
            batches = iter(stages.plan(summary))
            first = next(batches)  # the batch naming the file is cut
            gone.unlink()  # between planning and reading
            return itertools.chain([first], batches)

        drive(dataclasses.replace(stages, plan=plan_then_remove), summary)
    finally:
        con.close()
    assert summary.status == "succeeded" and (summary.articles_loaded, summary.quarantined) == (2, 1)
    con = connect(settings.database, read_only=True)
    try:
        rows = con.execute("select stage, ref, reason, message from quarantine").fetchall()
        seen = {r for (r,) in con.execute("select ref from seen_input").fetchall()}
    finally:
        con.close()
    [(stage, ref, reason, message)] = rows
    assert (stage, ref, reason) == ("crawl", gone.resolve().as_uri(), "unreadable_file")
    assert str(gone.resolve()) in message and "No such file" in message
    assert seen == {(folder / n).resolve().as_uri() for n in ("a.html", "c.html")}  # the gone one is not marked read


def test_a_saved_file_over_the_page_limit_is_quarantined_and_never_read_whole(tmp_path, settings, articles):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_bytes(articles[0])
    huge = folder / "b.html"
    huge.write_bytes(articles[1] + b"<p>padding</p>" * 100_000)  # about 1.4 MB
    limited = settings.model_copy(update={"max_page_bytes": 1_000_000})
    summary = run(folder, limited)
    assert summary.status == "succeeded" and (summary.articles_loaded, summary.quarantined) == (1, 1)
    con = connect(settings.database, read_only=True)
    try:
        [(stage, ref, reason, message)] = con.execute("select stage, ref, reason, message from quarantine").fetchall()
    finally:
        con.close()
    assert (stage, ref, reason) == ("crawl", huge.resolve().as_uri(), "too_large")
    assert str(huge.resolve()) in message and "WIREHOUSE_MAX_PAGE_BYTES" in message


def test_gzipped_saved_pages_load_and_broken_ones_are_quarantined(tmp_path, settings, articles, caplog):
    import gzip

    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html.gz").write_bytes(gzip.compress(articles[0]))
    (folder / "b.HTM.GZ").write_bytes(gzip.compress(articles[1]))
    (folder / "cut.html.gz").write_bytes(gzip.compress(articles[2])[:-200])  # the gzip data ends early
    (folder / "bomb.html.gz").write_bytes(gzip.compress(b"<p>" + b" " * 3_000_000))  # 3 MB from a few KB
    (folder / "notes.txt").write_bytes(articles[3])  # not a saved page: not read
    limited = settings.model_copy(update={"max_page_bytes": 1_000_000})
    summary = run(folder, limited)
    assert summary.status == "succeeded" and (summary.articles_loaded, summary.quarantined) == (2, 2)
    con = connect(settings.database, read_only=True)
    try:
        rejected = dict(con.execute("select ref, reason from quarantine").fetchall())
        seen = dict(con.execute("select ref, content_sha1 from seen_input").fetchall())
    finally:
        con.close()
    assert rejected == {(folder / "cut.html.gz").resolve().as_uri(): "unreadable_file",
                        (folder / "bomb.html.gz").resolve().as_uri(): "too_large"}
    first = (folder / "a.html.gz").resolve()
    assert seen[first.as_uri()] == hashlib.sha1(first.read_bytes()).hexdigest()  # the bytes as stored
    again = run(folder, limited)  # read and unchanged: skipped, the broken ones counted once
    assert (again.articles_loaded, again.inputs_skipped) == (0, 2)

    empty = tmp_path / "texts"
    empty.mkdir()
    (empty / "story.txt").write_bytes(articles[0])
    with caplog.at_level("WARNING"):
        nothing = run(empty, limited)
    assert nothing.pages_fetched == 0
    assert any("no saved pages in" in r.getMessage() and "1 files" in r.getMessage() for r in caplog.records)

"""A run's plan is a stream: batches are cut as the driver takes them, and the driver holds at most
a bounded lookahead of them; a WARC's latest record per URL is kept without holding its references."""

from __future__ import annotations

import httpx
import pytest

import wirehouse.pipeline as pipeline
from wirehouse.crawl.archive import WarcWriter, iter_scan, scan
from wirehouse.crawl.fetch import Fetched
from wirehouse.crawl.sources import LocalFile, SourceSpec
from wirehouse.pipeline import BatchOutcome, Plan, PlannedBatch, RunSummary, Stages, drive
from wirehouse.settings import Settings


class Source:
    """A plan of ``count`` batches that records how many were taken, and whether it was closed."""

    def __init__(self, count: int) -> None:
        self.count, self.taken, self.closed = count, 0, False

    def __call__(self, summary: RunSummary):
        try:
            for n in range(1, self.count + 1):
                self.taken = n
                yield PlannedBatch(f"{summary.run_id}-{n:04d}")
        finally:
            self.closed = True


def stages(source: Source, window: int, events: list, fail_at: int | None = None) -> Stages:
    def fetch(planned: PlannedBatch):
        events.append(("fetch", planned.batch_id, source.taken))
        return planned

    def load(planned, fetched, prepared, enriched) -> BatchOutcome:
        number = int(planned.batch_id.rsplit("-", 1)[1])
        if number == fail_at:
            raise RuntimeError("load failed")
        events.append(("load", planned.batch_id, source.taken))
        return BatchOutcome(planned.batch_id, 1, 1, 0, 0, 0, 0, report=None, loaded=True)

    return Stages(plan=source, fetch=fetch, clean=lambda f: f, priors=lambda e: e, enrich=lambda p: p,
                  load=load, finish=lambda summary: None, window=window)


@pytest.mark.parametrize("window", [0, 2])
def test_the_driver_takes_batches_as_it_needs_them(window):
    source, events, told = Source(7), [], []
    summary = drive(stages(source, window, events), RunSummary(run_id="r"),
                    progress=lambda stage, number, total: told.append((stage, number, total)))
    assert summary.status == "succeeded" and summary.articles_loaded == 7 and source.closed
    loaded = 0
    for kind, batch_id, taken in events:
        fetched = int(batch_id.rsplit("-", 1)[1])
        if kind == "fetch":
            assert taken <= fetched + 1  # one batch ahead of the one fetched, never the whole plan
        else:
            loaded += 1
        assert taken - loaded <= 2 * window + 2  # batches taken and not yet loaded
    assert [e[1] for e in events if e[0] == "load"] == [f"r-{n:04d}" for n in range(1, 8)]
    # the number of batches is told once the plan has none left: with the last batch fetched
    assert told[-1] == ("loaded", 7, 7) and ("fetched", 7, 7) in told
    assert all(total is None for stage, number, total in told if stage == "fetched" and number < 7)


def test_with_ahead_the_next_batch_is_cleaned_before_this_one_is_loaded_and_priors_follow_loads():
    import dataclasses

    source, events = Source(5), []
    base = stages(source, 0, events)

    def step(name):
        def record(value):
            events.append((name, value.batch_id, source.taken))
            return value
        return record

    summary = drive(dataclasses.replace(base, clean=step("clean"), priors=step("priors"), ahead=1),
                    RunSummary(run_id="r"))
    assert summary.status == "succeeded" and summary.articles_loaded == 5
    order = [(kind, int(batch_id.rsplit("-", 1)[1])) for kind, batch_id, _ in events]
    at = {event: i for i, event in enumerate(order)}
    for n in range(1, 6):
        assert at[("clean", n)] < at[("priors", n)] < at[("load", n)]
        if n > 1:  # the batch before is loaded before this one's priors are read ...
            assert at[("load", n - 1)] < at[("priors", n)]
        if n < 5:  # ... and the next one is handed to clean before this one's priors
            assert at[("clean", n + 1)] < at[("priors", n)]
    assert all(taken - sum(1 for e in events[:i] if e[0] == "load") <= 3
               for i, (_, _, taken) in enumerate(events))  # 2 * window + ahead + 2 batches held at most


def test_a_failed_run_closes_its_plan():
    source, events = Source(1000), []
    summary = RunSummary(run_id="r")
    with pytest.raises(RuntimeError):
        drive(stages(source, 0, events, fail_at=3), summary)
    assert summary.status == "failed" and source.closed and source.taken == 4


def test_local_inputs_are_listed_as_the_batches_are_taken(monkeypatch, tmp_path):
    listed = []

    def files(folder):
        for n in range(10_000):
            listed.append(n)
            yield LocalFile(str(tmp_path / f"{n:05d}.html"), 10, f"{n:040x}", str(folder))

    monkeypatch.setattr(pipeline, "iter_html_dir", files)
    plan = Plan("r", SourceSpec(html_dir=tmp_path), recrawl=True)  # recrawl: no warehouse to ask
    summary = RunSummary(run_id="r")
    batches = plan.batches(None, Settings(batch_size=50), summary)
    first = next(batches)
    assert len(first.files) == 50 and len(listed) == 50  # nothing listed beyond the batch taken
    second = next(batches)
    assert second.batch_id == "r-0002" and second.files[0].path.endswith("00050.html") and len(listed) == 100
    assert sum(1 for _ in batches) == 10_000 // 50 - 2


def test_unseen_inputs_fill_whole_batches(monkeypatch, tmp_path):
    done = {f"file://{tmp_path}/{n:05d}.html" for n in range(0, 100, 3)}  # already processed

    def unseen(con, items, refs, digests):
        return [i for i, r in zip(items, refs) if r not in done]

    monkeypatch.setattr(pipeline, "unseen", unseen)
    monkeypatch.setattr(pipeline, "iter_html_dir", lambda folder: (
        LocalFile(f"{tmp_path}/{n:05d}.html", 1, "x", str(folder)) for n in range(100)))
    summary = RunSummary(run_id="r")
    batches = list(Plan("r", SourceSpec(html_dir=tmp_path)).batches(None, Settings(batch_size=20), summary))
    kept = [f.url for b in batches for f in b.files]
    assert [len(b.files) for b in batches] == [20, 20, 20, 6] and summary.inputs_skipped == len(done)
    assert kept == [f"file://{tmp_path}/{n:05d}.html" for n in range(100) if n % 3]


def write_warc(path, urls):
    with WarcWriter(path) as writer:
        for n, url in enumerate(urls):
            writer.write_response(Fetched(url, 200, httpx.Headers({"Content-Type": "text/html"}),
                                          f"<html><body><p>page {n}</p></body></html>".encode()))


def test_a_url_archived_again_keeps_its_last_record_in_its_place(tmp_path):
    write_warc(tmp_path / "a.warc.gz", ["http://a.example/1", "http://a.example/2", "http://a.example/1"])
    write_warc(tmp_path / "b.warc.gz", ["http://a.example/3", "http://a.example/2"])
    refs = list(iter_scan([tmp_path]))
    assert [(r.path.rsplit("/", 1)[1], r.url) for r in refs] == [
        ("a.warc.gz", "http://a.example/1"), ("b.warc.gz", "http://a.example/3"), ("b.warc.gz", "http://a.example/2")]
    assert len(scan([tmp_path], latest_only=False)) == 5 and scan([tmp_path]) == refs


class Fault(Exception):
    pass


@pytest.mark.parametrize("where,step", [
    ("plan", "planning the run (taking its next batch: listing the inputs, checking them against seen_input)"),
    ("priors", "reading the outlets' templates and place priors for batch r-0002"),
    ("enrich", "enriching batch r-0002"),
])
def test_a_fault_is_named_by_the_step_under_way_and_the_run_record_says_so(where, step):
    from wirehouse.errors import OutOfMemory

    source, events, seen = Source(3), [], []

    def breaks(name, value, batch):
        if name == where and batch == 2:
            raise Fault("DuckDB's own words")
        return value

    def faults(exc, doing):
        seen.append(doing)
        return OutOfMemory(f"{doing} was stopped") if isinstance(exc, Fault) else None

    recorded = []

    def finish(summary):
        recorded.append(summary.message)
        raise RuntimeError("the run's end could not be written either")

    def plan(summary):
        for planned in source(summary):
            yield breaks("plan", planned, int(planned.batch_id[-1]))

    base = stages(source, 0, events)
    base.plan = plan
    base.priors = lambda e: breaks("priors", e, int(e.batch_id[-1]))
    base.enrich = lambda p: breaks("enrich", p, int(p.batch_id[-1]))
    base.finish, base.faults = finish, faults
    summary = RunSummary(run_id="r")
    with pytest.raises(OutOfMemory) as stopped:  # the fault, not the failure to record the run's end
        drive(base, summary)
    assert str(stopped.value) == f"{step} was stopped" and isinstance(stopped.value.__cause__, Fault)
    assert seen == [step] and summary.status == "failed" and recorded == [f"{step} was stopped"]

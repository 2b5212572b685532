"""Kill soak: run `wirehouse run` as a subprocess, SIGKILL it at random moments, run it to the end,
and check that the warehouse holds exactly what one uninterrupted run holds.

Used by tests/reliability/ (a short slice on the demo sites) and bench/kill_soak.py (the long run,
any --html-dir or the demo sites). The pieces:

- ``Workload``: what `wirehouse run` is given (arguments and environment), and, for the demo
  sites, the server's request log (to check that no URL is fetched again once stored).
- ``Contents``: the warehouse by natural keys (surrogate keys differ from run to run):
  articles by canonical URL, events by event_id, mentions by (article URL, offset, code),
  quarantine rows by (stage, ref, reason), frontier URLs with their state, and the number of
  rows that share a natural key (must be 0).
- ``run_once``: one subprocess, killed with SIGKILL (its whole process group: the clean stage's
  worker processes die with it) when a ``KillPoint`` fires, or left to finish.
- ``soak``: rounds of kills from an empty data folder until a run finishes, each round checked
  against the uninterrupted baseline.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[2]

# lines of `wirehouse run -v` (stderr) that mark where a run is
BATCH_LINE = re.compile(r"^batch (\d+)/(\d+) (fetched|loaded)\b")
DISCOVERY_LINE = re.compile(r"HTTP Request: GET \S+/(sitemap[^ ]*|feed[^ ]*|rss[^ ]*|atom[^ ]*)")
VALIDATED_LINE = re.compile(r"batch \S+: Data Docs at ")  # validation done: the load transaction starts
LOADED_LINE = re.compile(r"batch loaded: run ")  # committed and checkpointed
PAGE_LINE = re.compile(r"HTTP Request: GET (?!\S*/robots\.txt )\S+ ")  # a page's answer arrived; archived next


# -- what the warehouse holds ---------------------------------------------------------------------

@dataclass
class Contents:
    articles: dict[str, tuple]  # canonical_url -> (text_hash, canonical copy's URL or None, title)
    events: dict[str, tuple]  # event_id -> (event code, date, source actor, target actor)
    event_mentions: Counter
    actor_mentions: Counter
    place_mentions: Counter
    quarantine: Counter  # (stage, ref, reason)
    frontier: dict[str, str]  # url -> state
    duplicate_keys: dict[str, int] = field(default_factory=dict)  # table -> rows beyond one per natural key

    def rows(self) -> dict[str, int]:
        return {"articles": len(self.articles), "events": len(self.events),
                "event_mentions": sum(self.event_mentions.values()),
                "actor_mentions": sum(self.actor_mentions.values()),
                "place_mentions": sum(self.place_mentions.values()),
                "quarantine": sum(self.quarantine.values()), "frontier": len(self.frontier)}


_DUPLICATES = {
    "dim_article": "select count(*) - count(distinct canonical_url) from dim_article",
    "fact_event": "select count(*) - count(distinct event_id) from fact_event",
    "fact_event_mention": "select count(*) - count(distinct (article_key, sentence_start, event_key)) from fact_event_mention",
    "fact_actor_mention": "select count(*) - count(distinct (article_key, start_char, actor_key)) from fact_actor_mention",
    "fact_place_mention": "select count(*) - count(distinct (article_key, start_char, place_key)) from fact_place_mention",
    "dim_actor": "select count(*) - count(distinct actor_code) from dim_actor",
    "dim_place": "select count(*) - count(distinct gazetteer_id) from dim_place",
    "dim_source": "select count(*) - count(distinct domain) from dim_source",
    "crawl_frontier": "select count(*) - count(distinct url) from crawl_frontier",
}


def read_contents(db: Path) -> Contents:
    """The warehouse file by natural keys (opened read-only; the writer must be gone)."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        def rows(sql: str) -> list[tuple]:
            return con.execute(sql).fetchall()

        articles = {url: (h, dup, title) for url, h, dup, title in rows(
            "select a.canonical_url, a.text_hash, c.canonical_url, a.title from dim_article as a"
            " left join dim_article as c on c.article_key = a.duplicate_of_key")}
        events = {eid: rest for eid, *rest in rows(
            "select e.event_id, t.cameo_code, e.event_date, s.actor_code, g.actor_code from fact_event as e"
            " left join dim_event_type as t on t.event_type_key = e.event_type_key"
            " left join dim_actor as s on s.actor_key = e.source_actor_key"
            " left join dim_actor as g on g.actor_key = e.target_actor_key")}
        events = {k: tuple(v) for k, v in events.items()}
        event_mentions = Counter(rows(
            "select a.canonical_url, m.sentence_start, m.sentence_end, e.event_id from fact_event_mention as m"
            " join dim_article as a using (article_key) join fact_event as e using (event_key)"))
        actor_mentions = Counter(rows(
            "select a.canonical_url, m.start_char, m.end_char, d.actor_code from fact_actor_mention as m"
            " join dim_article as a using (article_key) join dim_actor as d using (actor_key)"))
        place_mentions = Counter(rows(
            "select a.canonical_url, m.start_char, m.end_char, p.gazetteer_id from fact_place_mention as m"
            " join dim_article as a using (article_key) join dim_place as p using (place_key)"))
        quarantine = Counter(rows("select stage, ref, reason from quarantine"))
        frontier = dict(rows("select url, state from crawl_frontier"))
        duplicates = {table: rows(sql)[0][0] for table, sql in _DUPLICATES.items()}
    finally:
        con.close()
    return Contents(articles, events, event_mentions, actor_mentions, place_mentions, quarantine, frontier,
                    {t: n for t, n in duplicates.items() if n})


def differences(expected: Contents, got: Contents, *, frontier: bool = True) -> dict[str, dict[str, int]]:
    """Per kind of row: how many the baseline has that ``got`` lacks (lost) or holds differently,
    and how many ``got`` has beyond the baseline (extra). Empty when they hold the same."""
    out: dict[str, dict[str, int]] = {}

    def add(kind: str, lost: int, extra: int) -> None:
        if lost or extra:
            out[kind] = {"lost": lost, "extra": extra}

    for kind in ("articles", "events"):
        want, have = getattr(expected, kind), getattr(got, kind)
        changed = sum(1 for k in want.keys() & have.keys() if want[k] != have[k])
        add(kind, len(want.keys() - have.keys()) + changed, len(have.keys() - want.keys()))
    for kind in ("event_mentions", "actor_mentions", "place_mentions", "quarantine"):
        want, have = getattr(expected, kind), getattr(got, kind)
        add(kind, sum((want - have).values()), sum((have - want).values()))
    if frontier:
        want, have = expected.frontier, got.frontier
        changed = sum(1 for k in want.keys() & have.keys() if want[k] != have[k])
        add("frontier", len(want.keys() - have.keys()) + changed, len(have.keys() - want.keys()))
    return out


def partial_problems(expected: Contents, got: Contents) -> list[str]:
    """What must hold after any kill: no natural key twice, nothing the baseline lacks, and every
    stored article complete (its mentions exactly the baseline's) or absent."""
    problems = [f"{table}: {n} rows share a natural key" for table, n in got.duplicate_keys.items()]
    extra = got.articles.keys() - expected.articles.keys()
    if extra:
        problems.append(f"{len(extra)} articles the uninterrupted run does not hold, e.g. {sorted(extra)[0]}")
    stored = got.articles.keys() & expected.articles.keys()
    for kind in ("event_mentions", "actor_mentions", "place_mentions"):
        want = Counter({k: n for k, n in getattr(expected, kind).items() if k[0] in stored})
        have = getattr(got, kind)
        if want != have:
            problems.append(f"{kind} of the stored articles differ: {sum((want - have).values())} missing, "
                            f"{sum((have - want).values())} extra")
    return problems


# -- the archive -----------------------------------------------------------------------------------

def archive_state(folder: Path) -> dict:
    """WARC files in the folder, how many end in a cut record (a kill while writing), and the pages
    a reader finds (``scan``: must not raise)."""
    import logging

    from wirehouse.crawl.archive import scan, warc_files

    if not folder.is_dir():
        return {"files": 0, "truncated": 0, "pages": set()}
    cut: list[str] = []

    class Catch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if "damaged or truncated" in record.getMessage():
                cut.append(record.getMessage())

    logger = logging.getLogger("wirehouse.crawl.archive")
    handler = Catch()
    logger.addHandler(handler)
    try:
        pages = {ref.url for ref in scan([folder])}
    finally:
        logger.removeHandler(handler)
    return {"files": len(warc_files([folder])), "truncated": len(cut), "pages": pages}


# -- running and killing ------------------------------------------------------------------------

@dataclass
class Workload:
    """What `wirehouse run` is given; ``requests`` (demo sites only) returns the server's request
    log so far as (path, query) pairs."""

    name: str
    args: list[str]
    env: dict[str, str]
    requests: Callable[[], list[tuple[str, str]]] | None = None
    url_of_path: Callable[[str], str | None] | None = None  # request path -> frontier URL


@dataclass
class KillPoint:
    """When to kill: ``after`` seconds after the start, or ``after`` seconds after the ``nth`` line
    matching ``pattern`` (``nth`` 0: a random one of the run's batches)."""

    label: str
    after: float
    pattern: re.Pattern | None = None
    nth: int = 1


@dataclass
class RunResult:
    killed: bool
    returncode: int
    seconds: float
    lines: list[tuple[float, str]]
    fired_at: float | None = None

    def tail(self, n: int = 15) -> str:
        return "\n".join(line for _, line in self.lines[-n:])


def command(workload: Workload, db: Path) -> list[str]:
    return [sys.executable, "-m", "wirehouse.cli", "run", *workload.args, "--db", str(db), "-v"]


def environment(workload: Workload, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREHOUSE_")}
    env.update({"GX_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1", "PYTHONUNBUFFERED": "1",
                "WIREHOUSE_DATA_DIR": str(data_dir)})
    env.update(workload.env)
    return env


def run_once(workload: Workload, data_dir: Path, kill: KillPoint | None = None, timeout: float = 1800) -> RunResult:
    """One `wirehouse run`; with ``kill``, SIGKILL its process group when the kill point fires."""
    data_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    proc = subprocess.Popen(command(workload, data_dir / "wirehouse.duckdb"), env=environment(workload, data_dir),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True, cwd=REPO)
    lines: list[tuple[float, str]] = []
    fire = threading.Event()
    state = {"seen": 0, "target": kill.nth if kill else 1}

    def read() -> None:
        assert proc.stderr is not None
        for raw in proc.stderr:
            line = raw.decode("utf-8", errors="replace").rstrip()
            lines.append((time.monotonic() - started, line))
            if kill is None or kill.pattern is None or fire.is_set():
                continue
            if state["target"] == 0:  # pick one of this run's batches once the total is known
                total = BATCH_LINE.search(line)
                if total:
                    state["target"] = random.randint(1, max(1, int(total.group(2))))
            if state["target"] and kill.pattern.search(line):
                state["seen"] += 1
                if state["seen"] == state["target"]:
                    threading.Timer(kill.after, fire.set).start()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if kill is not None and kill.pattern is None:
        threading.Timer(kill.after, fire.set).start()
    fired_at = None
    while proc.poll() is None:
        if fire.wait(0.02):
            fired_at = time.monotonic() - started
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # the run and the clean stage's worker processes
            except ProcessLookupError:
                pass
            break
        if time.monotonic() - started > timeout:
            os.killpg(proc.pid, signal.SIGKILL)
            raise TimeoutError(f"wirehouse run took more than {timeout:.0f} s:\n" + "\n".join(l for _, l in lines[-20:]))
    proc.wait()
    _reap_group(proc.pid)
    reader.join(timeout=10)
    killed = proc.returncode == -signal.SIGKILL
    return RunResult(killed, proc.returncode, time.monotonic() - started, lines, fired_at if killed else None)


def _reap_group(pgid: int) -> None:
    """Wait until no process of the killed run's group is left (its pool workers die with it)."""
    for _ in range(200):
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        except PermissionError:
            return
        time.sleep(0.05)


@dataclass
class Phases:
    """Durations seen in the baseline run, to aim kills inside each phase."""

    total: float
    to_first_batch: float  # start-up, schema, discovery
    processing: float  # from "batch n fetched" to "Data Docs at" (clean, dedupe, enrich, validate)
    loading: float  # from "Data Docs at" to "batch loaded" (load transaction + checkpoint)

    @classmethod
    def of(cls, result: RunResult) -> "Phases":
        first = next((t for t, l in result.lines if BATCH_LINE.search(l)), result.seconds / 2)
        fetched = [t for t, l in result.lines if (m := BATCH_LINE.search(l)) and m.group(3) == "fetched"]
        validated = [t for t, l in result.lines if VALIDATED_LINE.search(l)]
        loaded = [t for t, l in result.lines if LOADED_LINE.search(l)]
        processing = [v - f for f, v in zip(fetched, validated) if v > f]
        loading = [d - v for v, d in zip(validated, loaded) if d > v]
        mean = lambda xs, default: sum(xs) / len(xs) if xs else default  # noqa: E731
        return cls(result.seconds, first, mean(processing, 1.0), mean(loading, 0.3))


def kill_points(phases: Phases, rng: random.Random, http: bool) -> KillPoint:
    """A random kill point: at a random moment of the run, or aimed at one phase of a random batch."""
    kinds = ["any moment", "processing", "load transaction", "after commit"]
    if http:
        kinds += ["discovery", "fetch + archive"]
    kind = rng.choice(kinds)
    if kind == "any moment":
        return KillPoint(kind, rng.uniform(0.2, phases.total))
    if kind == "discovery":
        return KillPoint(kind, rng.uniform(0, 0.3), DISCOVERY_LINE, 1)
    if kind == "fetch + archive":  # the next batch's fetch starts right after a batch is loaded
        return KillPoint(kind, rng.uniform(0, 0.15), BATCH_LINE_LOADED, 0)
    if kind == "processing":
        return KillPoint(kind, rng.uniform(0, phases.processing), BATCH_LINE_FETCHED, 0)
    if kind == "load transaction":
        return KillPoint(kind, rng.uniform(0, phases.loading), VALIDATED_LINE, 0)
    return KillPoint(kind, 0.0, LOADED_LINE, 0)


BATCH_LINE_FETCHED = re.compile(r"^batch \d+/\d+ fetched\b")
BATCH_LINE_LOADED = re.compile(r"^batch \d+/\d+ loaded\b")


# -- one round: kills until a run finishes, then the checks ----------------------------------------

@dataclass
class Round:
    kills: list[str] = field(default_factory=list)  # kill point labels
    problems: list[str] = field(default_factory=list)
    differences: dict = field(default_factory=dict)
    refetched: int = 0  # URLs fetched again after they were stored
    truncated_warcs: int = 0
    reprocess_ok: bool | None = None
    seconds: float = 0.0
    rows: dict = field(default_factory=dict)


def stored_urls(contents: Contents) -> set[str]:
    return {url for url, state in contents.frontier.items() if state == "fetched"}


def soak_round(workload: Workload, folder: Path, baseline: Contents, phases: Phases, rng: random.Random,
               *, max_kills: int, log: Callable[[str], None] = print, reprocessed: Contents | None = None,
               first: KillPoint | None = None) -> Round:
    """Kill runs at random points (at most ``max_kills``), then run once more to the end; check
    after every kill and at the end. With ``reprocessed`` (the baseline's archive reprocessed),
    the round's archive is reprocessed too and must give the same rows. ``first``: the first kill
    point, instead of a random one."""
    if folder.exists():
        shutil.rmtree(folder)
    db = folder / "wirehouse.duckdb"
    result = Round()
    started = time.monotonic()
    http = workload.requests is not None
    finished = False
    while len(result.kills) < max_kills:
        point = first if first is not None and not result.kills else kill_points(phases, rng, http)
        mark = len(workload.requests()) if http else 0
        before = stored_urls(read_contents(db)) if db.exists() else set()
        run = run_once(workload, folder, point)
        if http:
            result.refetched += _refetched(workload, before, mark)
        if not run.killed:
            if run.returncode != 0:
                result.problems.append(f"a run exited {run.returncode} without a kill:\n{run.tail()}")
            finished = True
            break
        result.kills.append(point.label)
        got = read_contents(db) if db.exists() else None
        if got is not None:
            for problem in partial_problems(baseline, got):
                result.problems.append(f"after kill {len(result.kills)} ({point.label}): {problem}")
        log(f"  kill {len(result.kills):3d} {point.label:17s} at {run.fired_at:6.2f} s: "
            f"{len(got.articles) if got else 0} articles stored")
    if not finished:  # the last run goes to the end
        mark = len(workload.requests()) if http else 0
        before = stored_urls(read_contents(db)) if db.exists() else set()
        run = run_once(workload, folder)
        if http:
            result.refetched += _refetched(workload, before, mark)
        if run.returncode != 0:
            result.problems.append(f"the final run exited {run.returncode}:\n{run.tail()}")
    got = read_contents(db)
    result.rows = got.rows()
    result.problems += [f"{t}: {n} rows share a natural key" for t, n in got.duplicate_keys.items()]
    result.differences = differences(baseline, got, frontier=http)
    warcs = archive_state(folder / "archive")
    result.truncated_warcs = warcs["truncated"]
    if reprocessed is not None and http:  # the archive the kills left is read whole by reprocess
        code, tail = reprocess(folder / "reprocess", folder / "archive")
        result.reprocess_ok = code == 0
        if code != 0:
            result.problems.append(f"reprocess of the round's archive exited {code}:\n{tail}")
        else:
            again = read_contents(folder / "reprocess" / "wirehouse.duckdb")
            lost = differences(reprocessed, again, frontier=False)
            if lost:
                result.problems.append(f"reprocess of the round's archive differs from the baseline's: {lost}")
    result.seconds = time.monotonic() - started
    return result


def _refetched(workload: Workload, stored_before: set[str], mark: int) -> int:
    """Article URLs stored before a run and requested again during it."""
    assert workload.requests is not None and workload.url_of_path is not None
    again = 0
    for path, _query in workload.requests()[mark:]:
        url = workload.url_of_path(path)
        if url is not None and url in stored_before:
            again += 1
    return again


def reprocess(folder: Path, archive: Path, timeout: float = 1800) -> tuple[int, str]:
    """`wirehouse reprocess` of ``archive`` into a new database in ``folder``; (exit code, output tail)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    env = environment(Workload("reprocess", [], {}), folder)
    done = subprocess.run([sys.executable, "-m", "wirehouse.cli", "reprocess", "--archive", str(archive),
                           "--db", str(folder / "wirehouse.duckdb")], env=env, capture_output=True, timeout=timeout,
                          cwd=REPO)
    output = (done.stdout + done.stderr).decode("utf-8", errors="replace")
    return done.returncode, "\n".join(output.splitlines()[-15:])


# -- workloads ----------------------------------------------------------------------------------

class DemoWorkload:
    """The demo outlets served on loopback (in this process) under their stable host names."""

    def __init__(self, outlets: list[str] | None = None, batch_size: int = 10) -> None:
        from wirehouse.demo.server import DemoSites

        self.sites = DemoSites(public_hosts=True, outlets=outlets, log_requests=False)
        self.batch_size = batch_size

    def __enter__(self) -> Workload:
        import json

        sites = self.sites.start()
        args: list[str] = []
        for url in sites.sitemap_urls().values():
            args += ["--sitemap", url]
        feeds = sites.feed_urls().values()
        feeds_file = Path(os.environ.get("TMPDIR", "/tmp")) / f"wirehouse-soak-feeds-{os.getpid()}.txt"
        feeds_file.write_text("".join(f + "\n" for f in feeds))
        args += ["--feeds", str(feeds_file)]
        env = {"WIREHOUSE_ALLOW_LOOPBACK": "true", "WIREHOUSE_HOST_MAP": json.dumps(dict(sites.host_map)),
               "WIREHOUSE_BATCH_SIZE": str(self.batch_size), "WIREHOUSE_BACKOFF_S": "0.01",
               "WIREHOUSE_OBEY_CRAWL_DELAY": "false"}
        by_host = {o: base for o, base in sites.base_urls.items()}

        def requests() -> list[tuple[str, str]]:
            return [(f"{by_host[r.outlet]}{r.path}", r.query) for r in sites.requests() if r.method == "GET"]

        def url_of_path(url: str) -> str | None:
            from wirehouse.crawl.urls import canonical_url

            return canonical_url(url)

        self.feeds_file = feeds_file
        return Workload(f"demo sites ({len(by_host)} outlets)", args, env, requests, url_of_path)

    def __exit__(self, *exc) -> None:
        self.sites.close()
        self.feeds_file.unlink(missing_ok=True)


class PagesWorkload:
    """``count`` demo article pages on one loopback server, given as a URL list (no discovery),
    plus one URL the server does not have (a 404 for the quarantine): the quickest HTTP workload."""

    def __init__(self, count: int = 15, batch_size: int = 5) -> None:
        from tests.loopback import PageServer, demo_article_pages

        self.server = PageServer(demo_article_pages(count))
        self.batch_size = batch_size

    def __enter__(self) -> Workload:
        from wirehouse.crawl.urls import canonical_url

        srv = self.server.__enter__()
        self.urls_file = Path(os.environ.get("TMPDIR", "/tmp")) / f"wirehouse-soak-urls-{os.getpid()}.txt"
        self.urls_file.write_text("".join(u + "\n" for u in [*srv.urls, srv.base + "/gone/missing-story"]))
        env = {"WIREHOUSE_ALLOW_LOOPBACK": "true", "WIREHOUSE_BATCH_SIZE": str(self.batch_size),
               "WIREHOUSE_BACKOFF_S": "0.01"}

        def requests() -> list[tuple[str, str]]:
            with srv.lock:
                return [(srv.base + path, "") for path in srv.log]

        return Workload(f"{len(srv.pages)} demo pages by URL", ["--urls", str(self.urls_file)], env, requests,
                        canonical_url)

    def __exit__(self, *exc) -> None:
        self.server.__exit__(*exc)
        self.urls_file.unlink(missing_ok=True)


def html_dir_workload(folder: Path, batch_size: int = 50) -> Workload:
    return Workload(f"--html-dir {folder}", ["--html-dir", str(folder)],
                    {"WIREHOUSE_BATCH_SIZE": str(batch_size)})

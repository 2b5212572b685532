"""Prefect's overhead: the same corpus through the plain library (``run_pipeline``) and through the
flow ``wirehouse-pipeline`` (flows/pipeline.py), each into a fresh warehouse, in this process.

    .venv/bin/python bench/prefect_overhead.py [--articles 1000] [--batch-size 200] [--rounds 2]

The corpus is generated: N distinct articles, each the paragraphs of two demo articles, written as
saved HTML files (``html_dir`` source: no network, so only the stages and the orchestration are
timed). The flow runs against the server at PREFECT_API_URL, or else a `prefect server start` this
script starts on a free loopback port (and stops) with the single-writer limit `make deploy`
creates; a small warm-up flow run comes first, so the figure is the per-run overhead, not start-up.
The two runs alternate for ``--rounds`` rounds and the best time of each is compared, so a burst
of load from other jobs on the machine does not land on one side only.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")  # busy machines

REPO = Path(__file__).resolve().parents[1]


def write_corpus(folder: Path, count: int) -> Path:
    """``count`` distinct article pages made of demo article paragraphs, as .html files."""
    from wirehouse.demo.corpus import load_articles

    articles = [a for a in load_articles() if a.copy_of is None and a.language == "en" and a.body.strip()]
    n = len(articles)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        first, second = articles[i % n], articles[(i + i // n + 1) % n]
        paragraphs = first.body.split("\n\n") + second.body.split("\n\n")
        title = f"{first.title} ({i})"
        body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
        page = (
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta name="author" content="{html.escape(first.author or "Staff")}">'
            f'<meta property="article:published_time" content="{first.published.isoformat()}">'
            f'<link rel="canonical" href="https://bench.example/{i:05d}/"></head>'
            f"<body><article><h1>{html.escape(title)}</h1>\n{body}</article></body></html>"
        )
        (folder / f"{i:05d}.html").write_text(page, encoding="utf-8")
    return folder


@contextlib.contextmanager
def prefect_server(folder: Path):
    """PREFECT_API_URL pointing at a running server: the user's, or one started here until exit."""
    if os.environ.get("PREFECT_API_URL"):
        yield os.environ["PREFECT_API_URL"]
        return
    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PREFECT_HOME": str(folder / "prefect")}
    server = subprocess.Popen([str(Path(sys.executable).parent / "prefect"), "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    url = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(url + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the Prefect server did not start")
            time.sleep(0.5)
        os.environ["PREFECT_API_URL"] = url
        os.environ["PREFECT_HOME"] = env["PREFECT_HOME"]
        from prefect.client.orchestration import get_client

        with get_client(sync_client=True) as client:  # as `make deploy` does
            client.upsert_global_concurrency_limit_by_name("wirehouse-db-writer", 1)
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def load_flow(name: str = "wirehouse_pipeline"):
    from prefect.flows import load_flow_from_entrypoint

    return load_flow_from_entrypoint(f"{REPO / 'flows' / 'pipeline.py'}:{name}")


def run_library(pages: Path, db: Path, batch_size: int):
    from wirehouse.crawl.sources import SourceSpec
    from wirehouse.pipeline import run_pipeline
    from wirehouse.settings import Settings

    settings = Settings(db_path=db, batch_size=batch_size)
    started = time.perf_counter()
    summary = run_pipeline(SourceSpec(html_dir=pages), settings)
    return time.perf_counter() - started, summary


def run_flow(flow, pages: Path, db: Path, **parameters):
    started = time.perf_counter()
    summary = flow(html_dir=str(pages), db_path=str(db), **parameters)
    return time.perf_counter() - started, summary


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    os.environ["WIREHOUSE_BATCH_SIZE"] = str(args.batch_size)
    times = {"library": [], "flow": []}
    with tempfile.TemporaryDirectory(prefix="wirehouse-bench-") as tmp, prefect_server(Path(tmp)):
        tmp = Path(tmp)
        pages = write_corpus(tmp / "pages", args.articles)
        flow = load_flow()
        run_flow(flow, write_corpus(tmp / "warmup", 10), tmp / "warmup.duckdb")
        for n in range(args.rounds):
            for name, (seconds, summary) in (
                ("library", run_library(pages, tmp / f"library-{n}.duckdb", args.batch_size)),
                ("flow", run_flow(flow, pages, tmp / f"flow-{n}.duckdb")),
            ):
                if summary.status != "succeeded" or summary.articles_loaded != args.articles:
                    print(f"{name} run did not load every article: {summary}", file=sys.stderr)
                times[name].append(seconds)
                print(f"round {n + 1}: {name:7} {seconds:7.2f} s, {summary.articles_loaded} articles loaded",
                      file=sys.stderr)
    base, orchestrated = min(times["library"]), min(times["flow"])
    print(f"articles: {args.articles} (batch size {args.batch_size}), best of {args.rounds} alternating rounds")
    print(f"library run_pipeline : {base:7.2f} s  ({args.articles / base:6.1f} articles/s)  "
          f"runs: {', '.join(f'{t:.2f}' for t in times['library'])}")
    print(f"Prefect flow         : {orchestrated:7.2f} s  ({args.articles / orchestrated:6.1f} articles/s)  "
          f"runs: {', '.join(f'{t:.2f}' for t in times['flow'])}")
    print(f"overhead             : {100 * (orchestrated - base) / base:+6.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A crawl killed with SIGKILL in the middle resumes: no URL lost, none fetched again once stored."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import duckdb
import pytest

from wirehouse.crawl.archive import scan
from wirehouse.demo import corpus, render

BATCH = 2
ARTICLES = 6
HOLD_AFTER = 2 * BATCH  # requests of the third batch wait until the crawler has been killed


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.pages: dict[str, bytes] = {}
        self.hits: dict[str, int] = {}
        self.article_hits = 0
        self.lock = threading.Lock()
        self.held = threading.Event()  # a request is waiting at the gate
        self.gate = threading.Event()  # open: requests pass


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, *args):
        pass

    def do_GET(self):
        srv = self.server
        with srv.lock:
            srv.hits[self.path] = srv.hits.get(self.path, 0) + 1
            if self.path in srv.pages:
                srv.article_hits += 1
                hold = srv.article_hits > HOLD_AFTER
            else:
                hold = False
        if hold and not srv.gate.is_set():
            srv.held.set()
            srv.gate.wait(timeout=30)
        if self.path == "/robots.txt":
            body, kind = b"User-agent: *\nAllow: /\n", "text/plain"
        elif self.path in srv.pages:
            body, kind = srv.pages[self.path], "text/html; charset=utf-8"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server():
    srv = Server()
    base = f"http://127.0.0.1:{srv.server_address[1]}"
    outlet = corpus.load_outlets()[0]
    site = render.build_site(outlet, base)
    for entry in site.entries:
        if entry.kind == "article" and len(srv.pages) < ARTICLES:
            srv.pages[entry.path] = site.resources[entry.path].body
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv, base
    srv.gate.set()
    srv.shutdown()
    srv.server_close()


def _run(args, env, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "wirehouse.cli", "run", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kwargs)


def test_kill_9_then_resume(server, tmp_path):
    srv, base = server
    assert len(srv.pages) == ARTICLES
    urls = tmp_path / "urls.txt"
    urls.write_text("".join(f"{base}{path}\n" for path in srv.pages))
    db = tmp_path / "w.duckdb"
    env = {**os.environ, "WIREHOUSE_DATA_DIR": str(tmp_path / "data"), "WIREHOUSE_ALLOW_LOOPBACK": "true",
           "WIREHOUSE_BATCH_SIZE": str(BATCH), "WIREHOUSE_BACKOFF_S": "0.01", "GX_ANALYTICS_ENABLED": "false"}
    args = ["--urls", str(urls), "--db", str(db)]

    first = _run(args, env)
    try:
        assert srv.held.wait(timeout=90), first.communicate(timeout=5)[0].decode(errors="replace")
        time.sleep(0.3)  # let the rest of the third batch reach the gate too
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == -signal.SIGKILL

    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = {u for (u,) in con.execute("select url from crawl_frontier where state = 'fetched'").fetchall()}
        articles = con.execute("select count(*) from dim_article").fetchall()[0][0]
    finally:
        con.close()
    assert len(stored) == articles == HOLD_AFTER  # two whole batches made it, the third left nothing behind
    hits_before = {p: srv.hits.get(p, 0) for p in srv.pages}

    srv.gate.set()
    second = _run(args, env)
    output = second.communicate(timeout=120)[0].decode(errors="replace")
    assert second.returncode == 0, output

    con = duckdb.connect(str(db), read_only=True)
    try:
        states = con.execute("select state, count(*) from crawl_frontier group by 1").fetchall()
        articles = con.execute("select count(*) from dim_article").fetchall()[0][0]
        runs = [s for (s,) in con.execute("select status from pipeline_run order by started_at").fetchall()]
    finally:
        con.close()
    assert states == [("fetched", ARTICLES)] and articles == ARTICLES  # nothing lost
    assert runs == ["interrupted", "succeeded"]
    for path in srv.pages:
        if f"{base}{path}" in stored:
            assert srv.hits[path] == 1, path  # stored before the kill: never fetched again
        else:
            assert srv.hits[path] == hits_before[path] + 1, path  # fetched again once, after the kill
    # the archive holds every page once (latest copy) and survived the kill
    assert sorted(r.url for r in scan([tmp_path / "data" / "archive"])) == sorted(f"{base}{p}" for p in srv.pages)

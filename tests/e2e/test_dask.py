"""Scale-out: the flow `wirehouse-pipeline` with clean and enrich on a local Dask cluster loads the
same warehouse as with the stages inline, against the real Prefect server."""

from __future__ import annotations

import html
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import prefect_env
from wirehouse.demo.corpus import load_articles

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
RUN = """
import json, sys
from prefect.flows import load_flow_from_entrypoint

if __name__ == "__main__":
    flow = load_flow_from_entrypoint(sys.argv[1])
    summary = flow(html_dir=sys.argv[2], db_path=sys.argv[3], dask=sys.argv[4] == "dask")
    print(json.dumps({"status": summary.status, "articles": summary.articles_loaded,
                      "events": summary.events, "totals": summary.totals}))
"""


def write_pages(folder: Path, count: int) -> Path:
    """``count`` saved article pages, each the text of one demo article."""
    folder.mkdir()
    articles = [a for a in load_articles() if a.copy_of is None and a.language == "en"][:count]
    for i, article in enumerate(articles):
        body = "".join(f"<p>{html.escape(p)}</p>" for p in article.body.split("\n\n"))
        (folder / f"{i:03d}.html").write_text(
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(article.title)}</title>'
            f'<link rel="canonical" href="https://dask.example/{i}/"></head>'
            f"<body><article><h1>{html.escape(article.title)}</h1>{body}</article></body></html>",
            encoding="utf-8")
    return folder


def test_dask_runner_loads_what_the_inline_run_loads(prefect_api, tmp_path):
    api_url, home = prefect_api
    pages = write_pages(tmp_path / "pages", 24)
    script = tmp_path / "run_flow.py"
    script.write_text(RUN)
    env = prefect_env(api_url, home, WIREHOUSE_BATCH_SIZE="8", WIREHOUSE_WORKERS="2",
                      WIREHOUSE_DATA_DIR=str(tmp_path / "data"), PREFECT_LOGGING_LEVEL="WARNING")
    results = {}
    for mode in ("inline", "dask"):
        done = subprocess.run(
            [sys.executable, str(script), f"{REPO / 'flows' / 'pipeline.py'}:wirehouse_pipeline", str(pages),
             str(tmp_path / f"{mode}.duckdb"), mode],
            cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"{mode}: {done.stdout[-2000:]}\n{done.stderr[-3000:]}"
        results[mode] = json.loads(done.stdout.strip().splitlines()[-1])
    inline, dask = results["inline"], results["dask"]
    assert inline["status"] == dask["status"] == "succeeded"
    assert inline["articles"] == 24 and inline["events"] > 0
    assert dask == inline

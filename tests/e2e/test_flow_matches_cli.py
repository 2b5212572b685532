"""One driver: the flow `wirehouse-pipeline` (stages as Prefect tasks, against the real server) and
`wirehouse run` load the same warehouse from the same saved pages, row for row. The pages are the
demo outlets' own (their templates, syndicated copies), in small batches, so later batches are
cleaned with the templates earlier ones stored and settled against what they loaded."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.e2e.conftest import prefect_env
from wirehouse.demo.corpus import public_base_urls
from wirehouse.demo.render import build_sites

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
RUN = """
import json, sys
from prefect.flows import load_flow_from_entrypoint

if __name__ == "__main__":
    flow = load_flow_from_entrypoint(sys.argv[1])
    summary = flow(html_dir=sys.argv[2], db_path=sys.argv[3])
    print(json.dumps({"status": summary.status, "articles": summary.articles_loaded, "events": summary.events,
                      "duplicates": summary.duplicates, "quarantined": summary.quarantined}))
"""
PAGES_PER_OUTLET = 7


def compare_module():
    """bench/compare_warehouses.py: the tables compared and their rows without run-specific columns."""
    spec = importlib.util.spec_from_file_location("compare_warehouses", REPO / "bench" / "compare_warehouses.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_pages(folder: Path) -> Path:
    """The first article pages of each demo outlet, their syndicated copies and the copies'
    originals, as saved files."""
    folder.mkdir()
    sites = build_sites(public_base_urls())
    entries = {oid: [e for e in site.entries if e.kind in ("article", "copy")] for oid, site in sites.items()}
    originals = {e.article.copy_of for listed in entries.values() for e in listed if e.kind == "copy"}
    for oid, listed in sorted(entries.items()):
        chosen = [e for n, e in enumerate(listed)
                  if n < PAGES_PER_OUTLET or e.kind == "copy" or e.article.ref in originals]
        for n, entry in enumerate(chosen):
            (folder / f"{oid}-{n:02d}.html").write_bytes(sites[oid].resources[entry.path].body)
    return folder


def test_the_flow_loads_what_wirehouse_run_loads(prefect_api, tmp_path):
    api_url, home = prefect_api
    pages = write_pages(tmp_path / "pages")
    env = prefect_env(api_url, home, WIREHOUSE_BATCH_SIZE="6", WIREHOUSE_DATA_DIR=str(tmp_path / "data"),
                      WIREHOUSE_DATA_DOCS="false", PREFECT_LOGGING_LEVEL="WARNING")
    script = tmp_path / "run_flow.py"
    script.write_text(RUN)
    flow_db, cli_db = tmp_path / "flow.duckdb", tmp_path / "cli.duckdb"
    flow = subprocess.run(
        [sys.executable, str(script), f"{REPO / 'flows' / 'pipeline.py'}:wirehouse_pipeline", str(pages), str(flow_db)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert flow.returncode == 0, f"{flow.stdout[-2000:]}\n{flow.stderr[-3000:]}"
    cli = subprocess.run([str(BIN / "wirehouse"), "run", "--html-dir", str(pages), "--db", str(cli_db)],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert cli.returncode == 0, f"{cli.stdout[-2000:]}\n{cli.stderr[-3000:]}"
    summary = json.loads(flow.stdout.strip().splitlines()[-1])
    assert summary["status"] == "succeeded" and summary["articles"] > 0 and summary["events"] > 0
    assert summary["duplicates"] > 0  # syndicated copies were settled against earlier batches or their own

    compare = compare_module()
    first, second = duckdb.connect(str(flow_db), read_only=True), duckdb.connect(str(cli_db), read_only=True)
    try:
        # later batches were cleaned with the templates earlier ones stored: the outlets' template
        # blocks count pages of more than one batch
        most = first.execute("select max(pages) from template_block").fetchall()[0][0]
        assert most > 6
        differing = [t for t in compare.TABLES if compare.rows(first, t) != compare.rows(second, t)]
        run_counts = [c.execute("select articles_loaded, events, duplicates, quarantined from pipeline_run").fetchall()
                      for c in (first, second)]
    finally:
        first.close()
        second.close()
    assert not differing, f"the flow and `wirehouse run` loaded different rows in {differing}"
    assert run_counts[0] == run_counts[1]

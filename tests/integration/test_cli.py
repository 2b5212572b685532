"""The command line on a real warehouse: run from saved HTML, sql, query, extract, enrich, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wirehouse.cli import app
from wirehouse.demo import corpus, render

runner = CliRunner()


@pytest.fixture(scope="module")
def html_dir(tmp_path_factory):
    """Six demo article pages saved to disk, as a user's folder of HTML would be."""
    folder = tmp_path_factory.mktemp("html")
    outlet = corpus.load_outlets()[0]
    site = render.build_site(outlet, "http://" + outlet.id + ".example")
    written = 0
    for entry in site.entries:
        if entry.kind == "article" and written < 6:
            (folder / f"{entry.article.slug}.html").write_bytes(site.resources[entry.path].body)
            written += 1
    return folder


@pytest.fixture(scope="module")
def loaded(html_dir, tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "w.duckdb"
    result = runner.invoke(app, ["run", "--html-dir", str(html_dir), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db, result.output


def test_run_from_html_dir(loaded):
    db, output = loaded
    assert "articles loaded" in output and "6 (0 duplicates" in output
    # stderr is not a terminal here: plain progress lines, before the summary
    assert "batch 1/1 loaded" in output and output.index("batch 1/1 loaded") < output.index("articles loaded")


def test_sql_and_query(loaded):
    db, _ = loaded
    result = runner.invoke(app, ["sql", "select count(*) as n from dim_article", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.output.strip()) == {"n": 6}
    result = runner.invoke(app, ["query", "coverage_by_outlet", "--db", str(db), "--format", "csv"])
    assert result.exit_code == 0 and "meridian-post.example" in result.output
    listing = runner.invoke(app, ["query", "--list"])
    assert "top_actor_pairs" in listing.output and "grain:" in listing.output
    bad = runner.invoke(app, ["query", "top_actor_pairs", "--param", "colour=red", "--db", str(db)])
    assert bad.exit_code == 1 and "takes" in bad.output


def test_crawled_text_is_printed_as_text(loaded):
    db, _ = loaded
    result = runner.invoke(app, ["sql", "select '[/] [bold]x[/bold] [link=javascript:alert(1)]y[/link]' as t",
                                 "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "[/] [bold]x[/bold]" in result.output and "[link=javascript:alert(1)]y[/link]" in result.output


def test_errors_are_one_line(tmp_path, loaded):
    result = runner.invoke(app, ["run", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1 and "nothing to crawl" in result.output
    result = runner.invoke(app, ["sql", "select 1", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "does not exist" in result.output and "Traceback" not in result.output
    db, _ = loaded
    result = runner.invoke(app, ["sql", "select * from no_such_table", "--db", str(db)])
    assert result.exit_code == 1 and "SQL failed" in result.output and "Traceback" not in result.output


def test_extract_and_enrich_contracts(html_dir, tmp_path):
    pages = sorted(html_dir.glob("*.html"))[:3]
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body></body></html>")
    bin_dir = Path(sys.executable).parent
    out = subprocess.run([str(bin_dir / "wirehouse"), "extract", "--jsonl", *map(str, pages), str(empty)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["source"] for r in rows] == [*map(str, pages), str(empty)]
    assert all({"title", "text", "author", "published", "language"} <= set(r) for r in rows)
    assert rows[-1]["text"] is None and all(r["text"] for r in rows[:-1])

    text_file = tmp_path / "seed.txt"
    text_file.write_text("The Iraqi Army attacked Islamic State fighters near Rawa in Anbar province on Sunday.",
                         encoding="utf-8")
    out = subprocess.run([str(bin_dir / "wirehouse"), "enrich", "--jsonl", str(text_file)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    (row,) = [json.loads(line) for line in out.stdout.splitlines()]
    text = text_file.read_text(encoding="utf-8")
    assert set(row) == {"source", "actors", "places", "events"}
    assert {"IRQMIL", "IMGMUSISI"} <= {a["code"] for a in row["actors"]}
    assert all(text[a["start"]:a["end"]] == a["text"] for a in row["actors"] + row["places"])
    assert any(e["root_code"] in ("18", "19") for e in row["events"])
    assert set(row["events"][0]) == {"sentence_start", "sentence_end", "source_actor", "target_actor", "code",
                                     "root_code", "quad_class", "goldstein", "verb_start", "verb_end",
                                     "source_start", "source_end", "target_start", "target_end"}


def test_every_command_has_help_and_docs():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output, name
        assert f"wirehouse {name}" in readme, f"README does not document `wirehouse {name}`"

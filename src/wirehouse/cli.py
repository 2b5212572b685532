"""Command line: thin over the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(help="wirehouse: news websites in, an event-data warehouse out.", no_args_is_help=True)


def _print_jsonl(rows) -> None:
    out = sys.stdout
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False))
        out.write("\n")
    out.flush()


@app.command()
def extract(
    files: List[Path] = typer.Argument(..., help="HTML files (.html or .html.gz)."),
    jsonl: bool = typer.Option(True, "--jsonl/--no-jsonl", help="One JSON object per input on stdout."),
) -> None:
    """Extract main text and metadata from HTML files, one JSON line per file, in input order."""
    from wirehouse.clean.jsonl import extract_files

    _print_jsonl(extract_files([str(f) for f in files]))


@app.command()
def enrich(
    files: List[Path] = typer.Argument(..., help="UTF-8 text files."),
    jsonl: bool = typer.Option(True, "--jsonl/--no-jsonl", help="One JSON object per input on stdout."),
    dictionary: Optional[List[Path]] = typer.Option(None, "--dictionary", help="Extra actor dictionary file(s)."),
) -> None:
    """Find actors, places and events in text files, one JSON line per file, in input order."""
    from wirehouse.enrich import Enricher

    enricher = Enricher.load(extra_dictionaries=dictionary or ())

    def rows():
        for f in files:
            try:
                text = f.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                print(f"wirehouse: cannot read {f}: {exc}", file=sys.stderr)
                text = ""
            yield enricher.contract(str(f), text)

    _print_jsonl(rows())

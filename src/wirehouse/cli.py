"""Command line: parses options, calls the library, turns WirehouseError into one line + exit 1."""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from wirehouse.errors import WirehouseError

app = typer.Typer(
    help="wirehouse: news websites in, an event-data warehouse out.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

# Prefect without a server of its own starts a temporary one; a fresh machine needs time for its
# database, and nothing may phone home.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    "PREFECT_LOGGING_EXTRA_LOGGERS": "wirehouse",
    "GX_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
}

DB_OPTION = typer.Option(None, "--db", help="DuckDB file (default: data/wirehouse.duckdb, or WIREHOUSE_DB_PATH).")


def _errors(func):
    """Map the library's errors, and DuckDB's faults (out of memory, a damaged or refused database
    file, a full disk) wherever they surface, to one readable line and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except Exception as exc:
            named = _named(exc, func.__name__, kwargs.get("db"))
            if named is None:
                raise
            _fail(named)

    return wrapper


# the commands that write batches; the others only read (or, `quarantine --requeue`, write one transaction)
RUN_COMMANDS = ("run", "demo", "reprocess")


def _named(exc: Exception, command: str, db: Optional[Path]) -> WirehouseError | None:
    """The error to show for ``exc`` raised by ``wirehouse <command>``: a DuckDB fault behind it
    named with the command (out of memory with WIREHOUSE_DB_MEMORY_LIMIT's value), else the
    library's own error, else a full disk; ``None`` for anything else (it keeps its traceback)."""
    from wirehouse.warehouse.db import READ_KEPT, RUN_KEPT, warehouse_fault

    try:
        settings = _settings(db)
        limit, database = settings.db_memory_limit, settings.database
    except Exception:  # the settings themselves are wrong: that error is the one shown
        limit, database = os.environ.get("WIREHOUSE_DB_MEMORY_LIMIT", "512MB"), db
    kept = RUN_KEPT if command in RUN_COMMANDS else READ_KEPT
    fault = warehouse_fault(exc, limit, f"wirehouse {command}", kept, database=database)
    if fault is not None:
        return fault
    return exc if isinstance(exc, WirehouseError) else _disk_full(exc)


def _fail(exc: Exception) -> None:
    from wirehouse.redact import redact_text

    typer.secho(f"wirehouse: {redact_text(str(exc))}", err=True, fg=typer.colors.RED)
    raise typer.Exit(1) from None


def _disk_full(exc: BaseException):
    """The ``DiskFull`` behind an error (a write that failed after the disk filled up, while the run
    was being closed), or one made from a bare no-space ``OSError`` of a folder the library does not
    watch itself (Data Docs, temporary files); ``None`` when space was not the trouble."""
    import errno

    from wirehouse.errors import DiskFull

    seen = exc
    while seen is not None:
        if isinstance(seen, DiskFull):
            return seen
        if isinstance(seen, OSError) and seen.errno in (errno.ENOSPC, errno.EDQUOT):
            where = f" while writing {seen.filename}" if seen.filename else ""
            folder = f"the folder {Path(seen.filename).parent}" if seen.filename else "a folder the run writes to"
            return DiskFull(f"{folder} is full (no space left on device{where}); free space there and run again: "
                            "every batch committed before is kept and the run resumes")
        seen = seen.__cause__ or seen.__context__
    return None


def _settings(db: Optional[Path] = None, **overrides):
    from wirehouse.settings import Settings

    if db is not None:
        overrides["db_path"] = db
    return Settings(**overrides)


def _logging(verbose: bool) -> None:
    from wirehouse.redact import RedactingFilter

    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    for handler in logging.getLogger().handlers:  # URL passwords and tokens masked in every line
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
    if not verbose:  # third-party chatter; wirehouse's own warnings still show
        for name in QUIET_LOGGERS:
            logging.getLogger(name).setLevel(logging.ERROR)
        for handler in logging.getLogger().handlers:  # a module may set its own logger's level when imported
            if not any(isinstance(f, _QuietThirdParty) for f in handler.filters):
                handler.addFilter(_QuietThirdParty())


# libraries whose lines below ERROR are left out unless --verbose
QUIET_LOGGERS = ("great_expectations", "trafilatura", "htmldate", "courlan")


class _QuietThirdParty(logging.Filter):
    """Drop the quiet libraries' lines below ERROR, whatever level their loggers set themselves."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR:
            return True
        return not any(record.name == name or record.name.startswith(name + ".") for name in QUIET_LOGGERS)


def _print_jsonl(rows) -> None:
    out = sys.stdout
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False))
        out.write("\n")
    out.flush()


def _print_table(table, title: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from wirehouse.report.summary import clip

    view = Table(title=title, title_justify="left", show_lines=False)
    for name in table.column_names:
        view.add_column(name, overflow="fold")
    for row in table.to_pylist():  # cells as plain Text: crawled "[/]" is no rich markup
        view.add_row(*(Text(clip(v)) if v is not None else "" for v in row.values()))
    Console(width=160).print(view)


def _print_summary(summary, con=None) -> None:
    from rich.console import Console
    from rich.text import Text

    from wirehouse.report.summary import answers, summary_rows

    console = Console(width=160)
    for key, value in summary_rows(summary):
        console.print(Text.assemble((f"{key:>22}", "bold"), "  ", value), highlight=False)
    if summary.failed_batches:
        console.print(f"[red]failed batches:[/red] {', '.join(summary.failed_batches)}")
    if summary.source_errors:
        console.print(Text.assemble(("every source failed: ", "red"), summary.message))  # no markup in crawled text
    if con is not None:
        for title, table in answers(con):
            console.print()
            _print_table(table, title)


@app.command()
@_errors
def run(
    feeds: Optional[Path] = typer.Option(None, "--feeds", help="File with one RSS/Atom feed URL per line."),
    sitemap: Optional[List[str]] = typer.Option(None, "--sitemap", help="Sitemap URL (repeatable)."),
    urls: Optional[Path] = typer.Option(None, "--urls", help="File with one article URL per line."),
    html_dir: Optional[Path] = typer.Option(None, "--html-dir", help="Folder of saved HTML pages."),
    opml: Optional[List[Path]] = typer.Option(None, "--opml", help="OPML file of feeds (repeatable)."),
    warc: Optional[List[Path]] = typer.Option(None, "--warc", help="WARC file or folder of them (repeatable); no network."),
    spider: Optional[List[str]] = typer.Option(None, "--spider", help="Start page of a same-site link spider (repeatable)."),
    depth: Optional[int] = typer.Option(None, "--depth", help="Spider: link levels to follow (default 2)."),
    max_pages: Optional[int] = typer.Option(None, "--max-pages", help="Spider: pages to fetch per start page (default 200)."),
    include: Optional[List[str]] = typer.Option(None, "--include", help="Spider: keep only article URLs matching this regex."),
    exclude: Optional[List[str]] = typer.Option(None, "--exclude", help="Spider: never fetch or keep URLs matching this regex."),
    since: Optional[str] = typer.Option(None, "--since", help="Skip feed/sitemap entries dated before this (ISO date)."),
    until: Optional[str] = typer.Option(None, "--until", help="Skip feed/sitemap entries dated after this (ISO date)."),
    db: Optional[Path] = DB_OPTION,
    recrawl: bool = typer.Option(False, "--recrawl", help="Fetch again URLs that were already fetched (conditional GET)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log each stage."),
) -> None:
    """Crawl, clean, enrich, validate and load the given sources into the warehouse."""
    from wirehouse.crawl.sources import SourceSpec
    from wirehouse.pipeline import run_pipeline
    from wirehouse.warehouse.db import connect

    _logging(verbose)
    overrides = {k: _iso_time(v, f"--{k}") for k, v in (("since", since), ("until", until)) if v}
    spider_options = {"spider_depth": depth, "spider_max_pages": max_pages,
                      "spider_include": tuple(include or ()) or None, "spider_exclude": tuple(exclude or ()) or None}
    overrides.update({k: v for k, v in spider_options.items() if v is not None})
    settings = _settings(db, **overrides)
    spec = SourceSpec.from_options(feeds, sitemap, urls, html_dir, opml=opml, warc=warc, spider=spider)
    if spec.spider:
        from wirehouse.crawl.spider import SpiderOptions

        SpiderOptions(include=settings.spider_include, exclude=settings.spider_exclude).compiled()  # bad regex: say so now
    with _progress() as progress:
        summary = run_pipeline(spec, settings, recrawl=recrawl, progress=progress)
    _print_summary(summary)
    if summary.status != "succeeded":
        raise typer.Exit(1)


def _iso_time(value: str, option: str):
    from datetime import datetime

    from wirehouse.errors import ConfigError

    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError(f"{option} {value!r} is not an ISO date or time; write e.g. 2026-03-01 or 2026-03-01T12:00") from None


@contextlib.contextmanager
def _progress(console=None):
    """A ``progress(stage, number, total)`` callback for run_pipeline: a rich progress bar on a
    terminal (stderr by default), plain ``batch n/total stage`` lines otherwise (``batch n stage``
    while the number of batches is not known: the plan is cut as the run goes). The bar is gone
    when the block ends, before the summary is printed."""
    from rich.console import Console

    console = console or Console(stderr=True)
    if not console.is_terminal:
        def report(stage: str, number: int, total: int | None) -> None:
            of = f"/{total}" if total is not None else ""
            console.print(f"batch {number}{of} {stage}", style="dim", highlight=False)

        yield report
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("batches"),
                   TimeElapsedColumn(), TimeRemainingColumn(), console=console, transient=False)
    task = bar.add_task("planning the batches", total=None)

    def report(stage: str, number: int, total: int | None) -> None:
        done = number if stage == "loaded" else number - 1
        of = f"/{total}" if total is not None else ""
        bar.update(task, total=total, completed=done, description=f"batch {number}{of} {stage}")

    with bar:
        yield report


@app.command()
@_errors
def demo(
    db: Optional[Path] = DB_OPTION,
    prefect: bool = typer.Option(True, "--prefect/--no-prefect", help="Run through the Prefect flow."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log each stage."),
) -> None:
    """Serve the bundled demo news sites on 127.0.0.1 and run the whole pipeline on them."""
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)
    from wirehouse.demo.server import DemoSites
    from wirehouse.demo_run import demo_report, run_demo
    from wirehouse.warehouse.db import connect

    _logging(verbose)
    settings = _settings(db)
    # a flow run reports its progress in its logs and in the Prefect UI
    bar = contextlib.nullcontext() if prefect else _progress()
    with DemoSites(public_hosts=True) as sites, bar as progress:
        summary = run_demo(sites, settings, use_prefect=prefect, progress=progress)
    con = connect(settings.database, read_only=True)
    try:
        _print_summary(summary, con)
    finally:
        con.close()
    if summary.status != "succeeded":
        raise typer.Exit(1)
    page = demo_report(settings)
    typer.echo(f"\nreport: {page.path} (open it in a browser: {page.path.resolve().as_uri()})")


@app.command()
@_errors
def sql(
    statement: str = typer.Argument(..., help="A SQL statement, e.g. \"select count(*) from fact_event\"."),
    db: Optional[Path] = DB_OPTION,
    format: str = typer.Option("table", "--format", "-f", help="table, csv, json or parquet (to stdout)."),
    snapshot: bool = typer.Option(False, "--snapshot", help="Read a private copy (works while a load runs)."),
) -> None:
    """Run one SQL statement on the warehouse (read-only) and print the result."""
    from wirehouse.warehouse.db import reader
    from wirehouse.warehouse.queries import run_sql

    settings = _settings(db)
    # the user's own SQL: a warehouse of a newer schema is read as it is
    with reader(settings.database, snapshot=snapshot, memory_limit=settings.db_memory_limit, check_schema=False) as con:
        _emit(run_sql(con, statement), format)


@app.command()
@_errors
def query(
    name: Optional[str] = typer.Argument(None, help="Query name (see --list)."),
    param: Optional[List[str]] = typer.Option(None, "--param", "-p", help="Parameter as key=value (repeatable)."),
    db: Optional[Path] = DB_OPTION,
    format: str = typer.Option("table", "--format", "-f", help="table, csv, json or parquet (to stdout)."),
    list_: bool = typer.Option(False, "--list", help="List the named queries and their parameters."),
    snapshot: bool = typer.Option(False, "--snapshot", help="Read a private copy (works while a load runs)."),
) -> None:
    """Run a named analytics query from sql/queries/."""
    from wirehouse.errors import QueryError
    from wirehouse.warehouse.db import reader
    from wirehouse.warehouse.queries import named_queries, run_query

    if list_ or name is None:
        for q in named_queries().values():
            typer.echo(f"{q.name}\n    {q.question}\n    grain: {q.grain}\n    parameters: {q.parameters}")
        return
    params = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise QueryError(f"--param {item!r} should look like key=value")
        params[key.strip()] = value
    settings = _settings(db)
    with reader(settings.database, snapshot=snapshot, memory_limit=settings.db_memory_limit) as con:
        _emit(run_query(con, name, **params), format)


def _emit(table, format: str) -> None:
    from wirehouse.errors import QueryError

    if format == "table":
        _print_table(table)
    elif format == "csv":
        import pyarrow.csv as pacsv

        pacsv.write_csv(table, sys.stdout.buffer)
    elif format == "json":
        _print_jsonl(json.loads(json.dumps(row, default=str)) for row in table.to_pylist())
    elif format == "parquet":
        import pyarrow.parquet as pq

        if sys.stdout.isatty():
            raise QueryError("--format parquet writes binary data; redirect it to a file (> result.parquet)")
        pq.write_table(table, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        raise QueryError(f"unknown --format {format!r}; use table, csv, json or parquet")


@app.command()
@_errors
def extract(
    files: List[Path] = typer.Argument(..., help="HTML files (.html or .html.gz)."),
    jsonl: bool = typer.Option(True, "--jsonl/--no-jsonl", help="One JSON object per input on stdout."),
) -> None:
    """Extract main text and metadata from HTML files, one JSON line per file, in input order."""
    from wirehouse.clean.jsonl import extract_files

    _print_jsonl(extract_files([str(f) for f in files]))


@app.command()
@_errors
def enrich(
    files: List[Path] = typer.Argument(..., help="UTF-8 text files."),
    jsonl: bool = typer.Option(True, "--jsonl/--no-jsonl", help="One JSON object per input on stdout."),
    dictionary: Optional[List[Path]] = typer.Option(None, "--dictionary", help="Extra actor dictionary file(s)."),
    prior: Optional[Path] = typer.Option(
        None, "--prior", help="JSON file with the place prior of the outlet the texts come from (see README)."),
) -> None:
    """Find actors, places and events in text files, one JSON line per file, in input order."""
    from wirehouse.enrich import Enricher
    from wirehouse.warehouse.priors import read_prior

    outlet = read_prior(prior) if prior is not None else None
    enricher = Enricher.load(extra_dictionaries=dictionary or ())

    def rows():
        for f in files:
            try:
                text = f.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                print(f"wirehouse: cannot read {f}: {exc}", file=sys.stderr)
                text = ""
            yield enricher.contract(str(f), text, outlet)

    _print_jsonl(rows())


@app.command()
@_errors
def reprocess(
    db: Optional[Path] = DB_OPTION,
    archive: Optional[Path] = typer.Option(None, "--archive", help="WARC folder (default: <data_dir>/archive)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log each stage."),
) -> None:
    """Clean, enrich, validate and load again every archived page, without touching the network."""
    from wirehouse.crawl.sources import SourceSpec
    from wirehouse.errors import ConfigError
    from wirehouse.pipeline import run_pipeline

    _logging(verbose)
    settings = _settings(db)
    folder = archive if archive is not None else settings.warc_dir
    if not folder.is_dir():
        raise ConfigError(f"no WARC archive at {folder}; crawl first (wirehouse run) or give --archive DIR")
    spec = SourceSpec.from_options(warc=[folder])
    with _progress() as progress:
        summary = run_pipeline(spec, settings, progress=progress)
    _print_summary(summary)
    if summary.status != "succeeded":
        raise typer.Exit(1)


@app.command()
@_errors
def quarantine(
    run: Optional[str] = typer.Option(None, "--run", help="Only rows of this run id."),
    reason: Optional[str] = typer.Option(
        None, "--reason", help="Reason code (http_404, expectation_failed, …) or part of the message (an expectation, a column)."
    ),
    stage: Optional[str] = typer.Option(None, "--stage", help="crawl, clean, validate, …"),
    requeue: bool = typer.Option(False, "--requeue", help="Put the URLs of the matching rows back to pending for the next run."),
    limit: int = typer.Option(50, "--limit", help="Rows to list."),
    db: Optional[Path] = DB_OPTION,
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """List the rows set aside by the crawler, the cleaner and the quality gate; --requeue retries them."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from wirehouse.errors import QueryError
    from wirehouse.quality.quarantine import count_quarantine, display, list_quarantine
    from wirehouse.quality.quarantine import requeue as requeue_rows
    from wirehouse.warehouse.db import connect, execute

    if format not in ("table", "json"):
        raise QueryError(f"unknown --format {format!r}; use table or json")
    settings = _settings(db)
    con = connect(settings.database, read_only=not requeue)
    try:
        execute(con, f"set memory_limit = '{settings.db_memory_limit}'")  # a validated size, e.g. 512MB
        if requeue:
            done = requeue_rows(con, run_id=run, reason=reason, stage=stage)
            typer.echo(f"requeued {done.rows} rows: {len(done.urls)} URLs are pending for the next run "
                       f"(`wirehouse run` fetches them again)")
            if done.not_requeueable:
                typer.echo(f"{done.not_requeueable} matching rows have no URL in the crawl frontier and stay as they are")
            return
        total = count_quarantine(con, run_id=run, reason=reason, stage=stage)
        table = list_quarantine(con, run_id=run, reason=reason, stage=stage, limit=limit)
    finally:
        con.close()
    if format == "json":
        _print_jsonl({k: display(v, 500) if isinstance(v, str) else (None if v is None else str(v))
                      for k, v in row.items()} for row in table.to_pylist())
        return
    view = Table(title=f"quarantine: {table.num_rows} of {total} rows", title_justify="left")
    widths = {"ref": 50, "message": 70}
    for name in table.column_names:
        view.add_column(name, overflow="fold")
    for row in table.to_pylist():
        view.add_row(*(Text(display(v, widths.get(k, 30))) for k, v in row.items()))
    Console(width=200).print(view)


@app.command()
@_errors
def export(
    format: str = typer.Option(..., "--format", "-f", help="parquet (partitioned by date) or gdelt (GDELT 2.0 TSV)."),
    out: Path = typer.Option(..., "--out", help="Folder to write: new, empty, or an earlier export (replaced)."),
    since: Optional[str] = typer.Option(None, "--since", help="Only events on or after this date (YYYY-MM-DD)."),
    header: bool = typer.Option(False, "--header/--no-header", help="gdelt: a header row (GDELT's files have none)."),
    db: Optional[Path] = DB_OPTION,
    snapshot: bool = typer.Option(False, "--snapshot", help="Read a private copy (works while a load runs)."),
) -> None:
    """Export the warehouse as Parquet partitioned by date, or as GDELT 2.0 events and mentions."""
    from wirehouse.report.export import export_warehouse
    from wirehouse.warehouse.db import reader

    settings = _settings(db)
    with reader(settings.database, snapshot=snapshot, memory_limit=settings.db_memory_limit) as con:
        result = export_warehouse(con, out, format, since, header=header)
    for name, rows in result.rows.items():
        typer.echo(f"{name:>16}  {rows} rows")
    typer.echo(f"written to {out} (manifest: {out / 'wirehouse-export.json'})")


@app.command()
@_errors
def report(
    db: Optional[Path] = DB_OPTION,
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="HTML file to write (default: report.html next to the database)."),
    since: Optional[str] = typer.Option(None, "--since", help="Only events on or after this date (YYYY-MM-DD)."),
    country: Optional[str] = typer.Option(None, "--country", help="Only events placed in this country or with an actor of it (ISO-3, e.g. IRQ)."),
    events: int = typer.Option(100, "--events", help="How many of the latest events to list with their evidence."),
    snapshot: bool = typer.Option(False, "--snapshot", help="Read a private copy (works while a load runs)."),
) -> None:
    """Write the HTML report: charts, a map, top actors and outlets, data quality, events with evidence."""
    from wirehouse.report.html import ReportFilter, default_report_path, write_report
    from wirehouse.warehouse.db import reader

    from wirehouse.errors import ConfigError

    where = ReportFilter.parse(since, country)
    settings = _settings(db)
    if not settings.database.is_file():
        raise ConfigError(f"no warehouse at {settings.database}; load one first (wirehouse run, wirehouse demo) "
                          "or give --db")
    target = out if out is not None else default_report_path(settings.database)
    with reader(settings.database, snapshot=snapshot, memory_limit=settings.db_memory_limit) as con:
        result = write_report(con, target, where, database=str(settings.database), events=events)
    typer.echo(f"{result.events} events ({where.describe()}), {result.places} places, "
               f"{result.listed} events listed with their evidence")
    typer.echo(f"report written to {result.path} (open it in a browser: {result.path.resolve().as_uri()})")


if __name__ == "__main__":  # pragma: no cover
    app()

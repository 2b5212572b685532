"""The archive folder, then the database folder, fills up in the middle of a run: the run stops
with one line naming the full folder and what to do, every committed batch is kept, and the run
after space is freed resumes and ends with every page once.

A real size-limited filesystem (a 4 MB tmpfs) is used where the machine allows mounting one
(Linux, root); otherwise the archive test injects ENOSPC at the archive's write boundary and the
database test is skipped (DuckDB writes its files itself, out of reach of an injection)."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from wirehouse.cli import app
from wirehouse.crawl import archive as archive_module
from wirehouse.crawl.archive import scan
from wirehouse.crawl.sources import SourceSpec
from wirehouse.errors import DiskFull
from wirehouse.pipeline import run_pipeline

from tests.loopback import PageServer, demo_article_pages

PAGES = 12
BATCH = 3


@contextmanager
def small_disk(path: Path, size: str = "4m"):
    """A tmpfs of ``size`` mounted at ``path``; ``None`` when this machine does not allow it."""
    path.mkdir(parents=True, exist_ok=True)
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or not shutil.which("mount"):
        yield None
        return
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        yield None
        return
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def fill(folder: Path, leave: int) -> Path:
    """Take all the free space of ``folder``'s filesystem but about ``leave`` bytes."""
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    filler = folder / "filler.bin"
    with open(filler, "wb") as fh:
        remaining = max(0, free - leave)
        block = b"\0" * (1 << 20)
        while remaining > 0:
            try:
                remaining -= fh.write(block[: min(len(block), remaining)])
                fh.flush()
            except OSError as exc:  # tmpfs counts in pages: close enough
                assert exc.errno == errno.ENOSPC
                break
    return filler


@pytest.fixture(scope="module")
def site():
    with PageServer(demo_article_pages(PAGES)) as srv:
        yield srv


def url_file(tmp_path: Path, urls: list[str], name: str) -> Path:
    path = tmp_path / name
    path.write_text("".join(u + "\n" for u in urls))
    return path


def state(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "articles": sorted(u for (u,) in con.execute("select url from dim_article").fetchall()),
            "fetched": sorted(u for (u,) in con.execute(
                "select url from crawl_frontier where state = 'fetched'").fetchall()),
            "known": con.execute("select count(*) from crawl_frontier").fetchall()[0][0],
            "duplicate_urls": con.execute(
                "select count(*) - count(distinct canonical_url) from dim_article").fetchall()[0][0],
        }
    finally:
        con.close()


def run_cli(monkeypatch, settings, urls: Path, db: Path):
    for key, value in {"WIREHOUSE_DATA_DIR": settings.data_dir, "WIREHOUSE_ALLOW_LOOPBACK": "true",
                       "WIREHOUSE_BATCH_SIZE": BATCH, "WIREHOUSE_BACKOFF_S": "0.01", "WIREHOUSE_DATA_DOCS": "false",
                       "WIREHOUSE_ARCHIVE_DIR": settings.warc_dir}.items():
        monkeypatch.setenv(key, str(value))
    return CliRunner().invoke(app, ["run", "--urls", str(urls), "--db", str(db)])


def check_stopped_and_resumed(site, tmp_path, monkeypatch, settings, db: Path, folder: Path, kind: str, free):
    first = url_file(tmp_path, site.urls[:6], "first.txt")
    everything = url_file(tmp_path, site.urls, "all.txt")
    summary = run_pipeline(SourceSpec(urls=tuple(site.urls[:6])), settings)
    assert summary.status == "succeeded" and state(db)["articles"] == sorted(site.urls[:6])
    assert first.exists()

    free()  # the disk fills up
    result = run_cli(monkeypatch, settings, everything, db)
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    stop = [line for line in lines if line.startswith("wirehouse: ")]
    assert len(stop) == 1, result.output  # one line, no traceback
    assert f"the {kind} folder {folder}" in stop[0] and "is full" in stop[0] and "run again" in stop[0]
    assert "Traceback" not in result.output

    after = state(db)  # nothing committed is lost, the batch in flight left nothing behind
    assert set(site.urls[:6]) <= set(after["articles"]) and after["articles"] == after["fetched"]
    assert len(after["articles"]) < PAGES and after["known"] == PAGES and after["duplicate_urls"] == 0
    return everything


def test_the_archive_folder_fills_up(site, tmp_path, monkeypatch, settings):
    with small_disk(tmp_path / "archive-disk") as disk:
        folder = disk if disk is not None else tmp_path / "archive"
        settings = settings.model_copy(update={"archive_dir": folder, "batch_size": BATCH, "data_docs": False})
        db = settings.database
        filler = None

        def free():
            nonlocal filler
            if disk is not None:
                filler = fill(disk, leave=6_000)  # room for a record or two of the next batch
            else:  # no mount here: the archive's file writes fail once 6 KB more were written
                monkeypatch.setattr(archive_module, "open", running_out(6_000), raising=False)

        everything = check_stopped_and_resumed(site, tmp_path, monkeypatch, settings, db, folder, "archive", free)

        if filler is not None:
            filler.unlink()
        monkeypatch.undo()
        settings = settings.model_copy(update={"archive_dir": folder})
        summary = run_pipeline(SourceSpec(urls=tuple(everything.read_text().split())), settings)
        assert summary.status == "succeeded", summary.message
        final = state(db)
        assert final["articles"] == final["fetched"] == sorted(site.urls) and final["duplicate_urls"] == 0
        # the archive is readable, cut record and all, and holds every page
        assert sorted({ref.url for ref in scan([folder])}) == sorted(site.urls)


def test_the_database_folder_fills_up(site, tmp_path, monkeypatch, settings):
    with small_disk(tmp_path / "db-disk", "64m") as disk:
        if disk is None:
            pytest.skip("this machine does not allow mounting a small tmpfs, and DuckDB's own writes cannot be "
                        "made to fail from Python; run as root on Linux to test a full database folder")
        settings = settings.model_copy(update={"db_path": disk / "wirehouse.duckdb", "batch_size": BATCH,
                                               "data_docs": False, "archive_dir": tmp_path / "archive"})
        db = settings.database
        filler = None

        def free():
            nonlocal filler
            filler = fill(disk, leave=64_000)

        everything = check_stopped_and_resumed(site, tmp_path, monkeypatch, settings, db, disk, "database", free)
        filler.unlink()
        summary = run_pipeline(SourceSpec(urls=tuple(everything.read_text().split())), settings)
        assert summary.status == "succeeded", summary.message
        final = state(db)
        assert final["articles"] == final["fetched"] == sorted(site.urls) and final["duplicate_urls"] == 0


def running_out(budget: int):
    """An ``open`` whose binary files for appending fail with ENOSPC once ``budget`` bytes were written."""
    import builtins

    left = [budget]

    class Full:
        def __init__(self, handle):
            self.handle = handle

        def write(self, data):
            if len(data) > left[0]:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            left[0] -= len(data)
            return self.handle.write(data)

        def __getattr__(self, name):
            return getattr(self.handle, name)

    def fake_open(path, mode="r", *args, **kwargs):
        handle = builtins.open(path, mode, *args, **kwargs)
        return Full(handle) if "a" in mode and "b" in mode else handle

    return fake_open

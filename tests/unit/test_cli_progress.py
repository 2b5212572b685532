"""The CLI's progress display: a rich bar on a terminal, plain lines when stderr is not one."""

from __future__ import annotations

import io

from rich.console import Console

from wirehouse.cli import _progress

STEPS = [("fetched", 1, 3), ("loaded", 1, 3), ("fetched", 2, 3), ("loaded", 2, 3), ("fetched", 3, 3), ("loaded", 3, 3)]


def test_plain_lines_when_not_a_terminal():
    out = io.StringIO()
    with _progress(Console(file=out, force_terminal=False)) as report:
        for step in STEPS:
            report(*step)
    assert out.getvalue().splitlines() == [f"batch {n}/{t} {stage}" for stage, n, t in STEPS]


def test_progress_bar_on_a_terminal():
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100, color_system=None)
    with _progress(console) as report:
        report("fetched", 1, 3)
        report("loaded", 1, 3)
        report("fetched", 2, 3)
        report("loaded", 3, 3)
    text = out.getvalue()
    assert "\x1b[" in text  # cursor control: a live display, not lines
    assert "batch 3/3 loaded" in text and "3/3 batches" in text
    assert "batch 1/3 fetched" not in text.splitlines()  # no plain line was printed


def test_plain_lines_before_the_number_of_batches_is_known():
    out = io.StringIO()
    with _progress(Console(file=out, force_terminal=False)) as report:
        report("fetched", 1, None)
        report("loaded", 1, None)
        report("fetched", 2, 2)
        report("loaded", 2, 2)
    assert out.getvalue().splitlines() == ["batch 1 fetched", "batch 1 loaded", "batch 2/2 fetched", "batch 2/2 loaded"]

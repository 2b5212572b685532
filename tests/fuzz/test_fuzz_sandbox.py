"""The sandbox itself: a hang, a crash, a dead worker and a memory hog are each reported as failures."""

from __future__ import annotations

import os

import pytest

from tests.fuzz import sandbox as sb
from wirehouse.errors import ConfigError


def _spin(data, work):
    while True:
        pass


def _die(data, work):
    os._exit(3)


def _boom(data, work):
    raise KeyError(data)


def _hog(data, work):
    return len(bytearray(8 << 30))


def _unclear(data, work):
    raise ConfigError("something failed")  # names no input


@pytest.fixture(scope="module")
def box():
    added = {"_spin": _spin, "_die": _die, "_boom": _boom, "_hog": _hog, "_unclear": _unclear}
    sb.TARGETS.update(added)
    sb._NAMES["_unclear"] = "input.warc"
    try:
        with sb.Sandbox(timeout_s=1.0, memory_mb=512) as box:
            yield box
    finally:
        for name in added:
            del sb.TARGETS[name]
        del sb._NAMES["_unclear"]


@pytest.mark.parametrize("target, kind, detail", [
    ("_spin", "hang", "CPU seconds"),
    ("_die", "crash", "worker died"),
    ("_boom", "crash", "KeyError"),
    ("_hog", "crash", "MemoryError"),
    ("_unclear", "crash", "does not name the input"),
])
def test_failures_are_reported(box, target, kind, detail):
    outcome = box.run(target, b"x")
    assert outcome.kind == kind and detail in outcome.detail


def test_worker_goes_on_after_a_failure(box):
    box.run("_die", b"x")
    assert box.run("opml", b"<opml/>").kind == "error"
    assert box.run("opml", b'<opml><outline xmlUrl="http://a.example/f"/></opml>').kind == "result"

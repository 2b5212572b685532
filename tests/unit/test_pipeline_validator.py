"""A run's validator: built when a batch asks for it, its Data Docs index built only then."""

from __future__ import annotations

import logging

from wirehouse.pipeline import RunValidator, finish_validation
from wirehouse.quality.validate import Validator
from wirehouse.settings import Settings


class FakeValidator:
    def __init__(self, fails: bool = False) -> None:
        self.finished = 0
        self.fails = fails

    def finish(self) -> None:
        self.finished += 1
        if self.fails:
            raise OSError("index not writable")


def test_a_run_that_validated_nothing_builds_no_validator_and_no_index(monkeypatch):
    built = []
    monkeypatch.setattr(Validator, "from_settings", classmethod(lambda cls, s: built.append(s) or FakeValidator()))
    ended = []
    finish_validation(RunValidator(Settings()), lambda: ended.append(True))
    assert ended == [True] and built == []


def test_the_validator_is_built_once_and_its_index_at_the_end(monkeypatch, caplog):
    made = []
    monkeypatch.setattr(Validator, "from_settings", classmethod(lambda cls, s: made.append(FakeValidator()) or made[-1]))
    holder = RunValidator(Settings())
    assert holder.get() is holder.get() and len(made) == 1
    finish_validation(holder, lambda: None)
    assert made[0].finished == 1

    failing = RunValidator(Settings())
    monkeypatch.setattr(Validator, "from_settings", classmethod(lambda cls, s: FakeValidator(fails=True)))
    failing.get()
    with caplog.at_level(logging.WARNING, logger="wirehouse.pipeline"):
        finish_validation(failing, lambda: None)  # a failed index is a warning, not an error
    assert "Data Docs index was not built" in caplog.text

"""Without --verbose, the libraries' own chatter stays out of the run's output."""

import logging

from wirehouse import cli


def _emitted(name: str, level: int) -> bool:
    seen: list[logging.LogRecord] = []
    root = logging.getLogger()
    handler = logging.Handler()
    handler.emit = seen.append
    root.addHandler(handler)
    try:
        cli._logging(verbose=False)
        logger = logging.getLogger(name)
        logger.setLevel(logging.INFO)  # as a library module may do when it is imported
        logger.log(level, "a line")
    finally:
        root.removeHandler(handler)
    return bool(seen)


def test_a_library_logger_that_sets_its_own_level_is_kept_quiet():
    assert not _emitted("great_expectations.data_context.types.base", logging.INFO)
    assert not _emitted("trafilatura.core", logging.WARNING)


def test_errors_and_wirehouse_lines_still_show():
    assert _emitted("great_expectations.data_context.types.base", logging.ERROR)
    assert _emitted("wirehouse.pipeline", logging.WARNING)
    assert _emitted("great_expectations_like", logging.WARNING)

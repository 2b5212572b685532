"""Find the project's data folders (sql/, expectations/) in a checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """``sql`` or ``expectations``: inside the wheel (``wirehouse/_data``) or at the checkout root."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"wirehouse data folder {name!r} not found next to {_PACKAGE}")


def package_file(*parts: str) -> Path:
    """A data file shipped inside the package, e.g. ``package_file("enrich", "data", "x.csv")``."""
    return _PACKAGE.joinpath(*parts)


def flows_dir() -> Path | None:
    """The checkout's flows/ folder (Prefect deployment entrypoints), if this is a checkout."""
    candidate = _PACKAGE.parent.parent / "flows"
    return candidate if (candidate / "pipeline.py").is_file() else None

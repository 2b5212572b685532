"""Load the Great Expectations suites (expectations/<suite>.json) and a user's additions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from wirehouse.errors import ConfigError
from wirehouse.resources import data_dir

SEVERITIES = ("critical", "quarantine", "warning")


@dataclass(frozen=True)
class SuiteSpec:
    name: str
    table: str
    expectations: tuple[dict, ...]


def _read(path: Path) -> dict:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read expectation suite {path}: {exc}") from exc
    for i, exp in enumerate(doc.get("expectations", [])):
        if "type" not in exp or "kwargs" not in exp:
            raise ConfigError(f"{path}: expectation #{i} needs 'type' and 'kwargs'")
        severity = exp.get("meta", {}).get("severity", "quarantine")
        if severity not in SEVERITIES:
            raise ConfigError(f"{path}: expectation #{i} has severity {severity!r}; use one of {SEVERITIES}")
    return doc


def load_suites(extra_dir: Path | None = None) -> dict[str, SuiteSpec]:
    """The shipped suites, each extended by ``<extra_dir>/<suite>.json`` when the user has one."""
    suites = {}
    for path in sorted(data_dir("expectations").glob("*.json")):
        doc = _read(path)
        expectations = list(doc["expectations"])
        if extra_dir is not None and (extra_dir / path.name).is_file():
            expectations += _read(extra_dir / path.name)["expectations"]
        suites[doc["name"]] = SuiteSpec(doc["name"], doc["meta"]["table"], tuple(expectations))
    if extra_dir is not None:
        unknown = {p.stem for p in extra_dir.glob("*.json")} - set(suites)
        if unknown:
            raise ConfigError(
                f"{extra_dir}: no shipped suite named {', '.join(sorted(unknown))}; "
                f"add expectations to one of {', '.join(suites)}"
            )
    return suites

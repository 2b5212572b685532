"""The CAMEO event code table shipped with the package (enrich/data/event_codes.csv)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from wirehouse.resources import package_file


@dataclass(frozen=True, slots=True)
class EventType:
    code: str
    label: str
    root_code: str
    quad_class: int
    goldstein: float


def quad_class_for_root(root_code: str | None) -> int | None:
    """GDELT convention: 01-05 verbal cooperation, 06-08 material cooperation,
    09-13 verbal conflict, 14-20 material conflict."""
    if not root_code or not root_code.isdigit():
        return None
    root = int(root_code)
    if 1 <= root <= 5:
        return 1
    if 6 <= root <= 8:
        return 2
    if 9 <= root <= 13:
        return 3
    if 14 <= root <= 20:
        return 4
    return None


@lru_cache(maxsize=1)
def event_codes() -> dict[str, EventType]:
    path = package_file("enrich", "data", "event_codes.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        return {
            row["code"]: EventType(
                row["code"], row["label"], row["root_code"], int(row["quad_class"]), float(row["goldstein"])
            )
            for row in csv.DictReader(fh)
        }

"""Geoparsing score floors on the shared sets, GeoWebNews and the LGL dev half (eval-gate style).

Floors sit a little under the figures measured when they were set (bench/RESULTS.md,
"Geoparsing"); raise them when the scores improve, lower them only on purpose.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GEO = REPO.parent / "shared" / "eval" / "geo"
CMD = f"{sys.executable} -m wirehouse.cli enrich"

FLOORS = {
    "gwn": {"Acc@161_resolved": 0.91, "Acc@161": 0.75, "F1": 0.88},
    "lgl_dev": {"Acc@161_resolved": 0.89, "Acc@161": 0.78, "F1": 0.87},
}

pytestmark = pytest.mark.skipif(not GEO.exists(), reason="../shared/eval/geo is absent (scorer and sets live there)")


def _metric(out: str, name: str) -> float:
    m = re.findall(r"(?<![\w@])" + re.escape(name) + r"=([0-9.]+)", out)
    assert m, f"{name} not in scorer output:\n{out[-1500:]}"
    return float(m[-1])


@pytest.mark.parametrize("data", sorted(FLOORS))
def test_geo_floor(data):
    proc = subprocess.run([sys.executable, str(GEO / "score.py"), "--data", str(GEO / f"{data}.jsonl"), "--cmd", CMD],
                          capture_output=True, text=True, cwd=REPO, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    for k, floor in FLOORS[data].items():
        assert _metric(proc.stdout, k) >= floor, (data, k, proc.stdout[-600:])

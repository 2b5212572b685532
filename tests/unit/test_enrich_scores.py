"""Score floors on the shared evaluation sets (eval-gate style): fail on regression.

Floors sit a little under the figures measured when they were set (see the enrich report);
raise them when the scores improve, lower them only on purpose.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "eval"
CMD = f"{sys.executable} -m wirehouse.cli enrich"

FLOORS = {
    "plover": {"root_F1": 0.83, "triple_F1": 0.70},
    "petr": {"root_F1": 0.35, "triple_F1": 0.31},
    "geo": {"Acc@161_resolved": 0.86, "F1": 0.79},
}

pytestmark = pytest.mark.skipif(not SHARED.exists(), reason="../shared/eval is absent (scorers and sets live there)")


def _run(args):
    proc = subprocess.run([sys.executable, *args, "--cmd", CMD], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return proc.stdout


def _metric(out: str, name: str) -> float:
    m = re.findall(re.escape(name) + r"=([0-9.]+)", out)
    assert m, f"{name} not in scorer output:\n{out[-1500:]}"
    return float(m[-1])


def test_events_plover_floor():
    out = _run([str(SHARED / "events" / "score.py"), "--data", str(SHARED / "events" / "plover_dev.jsonl")])
    for k, floor in FLOORS["plover"].items():
        assert _metric(out, k) >= floor, (k, out[-600:])


def test_events_petr_real_subset_floor():
    out = _run([str(SHARED / "events" / "score.py"), "--data", str(SHARED / "events" / "petr_unit.jsonl"),
                "--where", "fictional_actors=false", "--where", "non_cameo_codes=false"])
    for k, floor in FLOORS["petr"].items():
        assert _metric(out, k) >= floor, (k, out[-600:])


def test_geo_floor():
    out = _run([str(SHARED / "geo" / "score.py")])
    for k, floor in FLOORS["geo"].items():
        assert _metric(out, k) >= floor, (k, out[-600:])

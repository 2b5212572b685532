"""Extraction score gate: our extractor against plain trafilatura on the first 200 dev cases.

Runs ../shared/eval/extraction/score.py (the shared dev set) with the real CLI. The floors sit a
little under the measured figures (bench/RESULTS.md); lowering one needs a reason in the commit.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCORER = ROOT.parent / "shared" / "eval" / "extraction" / "score.py"
LIMIT = 200
MIN_RATIO = 0.995  # measured 1.0000 on --limit 200 (F1 ours / F1 trafilatura, same run)
MIN_F1 = 0.91  # measured 0.9151 on --limit 200


@pytest.mark.skipif(not SCORER.exists(), reason=f"../shared is absent: no scorer at {SCORER}")
def test_extraction_scores_at_least_trafilatura():
    exe = Path(sys.executable).with_name("wirehouse")
    proc = subprocess.run(
        [sys.executable, str(SCORER), "--cmd", f"{exe} extract", "--limit", str(LIMIT), "--baseline-trafilatura"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    assert proc.returncode == 0, f"scorer failed ({proc.returncode}): {summary}\n{proc.stderr[-2000:]}"
    m = re.search(r"F1=([\d.]+) .* ratio=([\d.]+)", summary)
    assert m, f"no F1/ratio in scorer summary: {summary!r}"
    f1, ratio = float(m.group(1)), float(m.group(2))
    assert ratio >= MIN_RATIO, f"extraction ratio {ratio} < floor {MIN_RATIO}: {summary}"
    assert f1 >= MIN_F1, f"extraction F1 {f1} < floor {MIN_F1}: {summary}"

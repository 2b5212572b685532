"""Main text against plain trafilatura on the shared dev sets (../shared/eval), in the same run.

Evenly spaced samples keep the test to seconds; the figures on the whole sets are in
bench/RESULTS.md ("Main text: candidates and choice"). Floors sit a little under the measured
sample figures; lowering one needs a reason. Skipped when ../shared is absent (a clone without it).
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared" / "eval"
# (folder, every k-th case, floor of our F1 / trafilatura's F1, floor of our F1)
SETS = {
    "news": ("extraction_news", 4, 1.005, 0.93),  # the sample: 1.0120 (the whole set: 1.0211)
    "dev": ("extraction", 10, 0.985, 0.90),  # the sample: 0.9924 (the whole set: 1.0004)
}


def _scorer(folder: Path):
    spec = importlib.util.spec_from_file_location(f"scorer_{folder.name}", folder / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _f1(scorer, cases, texts) -> float:
    result = scorer.score(cases, texts)
    if isinstance(result[1], dict):  # extraction_news: (per-page details, aggregate)
        return result[1]["f1"]
    return result[0].scores()["f1"]  # extraction: (confusion, details)


@pytest.mark.parametrize("name", sorted(SETS))
def test_main_text_beats_plain_trafilatura(name):
    folder_name, step, min_ratio, min_f1 = SETS[name]
    folder = SHARED / folder_name
    if not (folder / "cases.jsonl").exists():
        pytest.skip(f"no dev set at {folder} (../shared is absent)")
    from trafilatura import extract

    from wirehouse.clean.extract import extract_html

    scorer = _scorer(folder)
    cases = [json.loads(line) for line in (folder / "cases.jsonl").read_text(encoding="utf-8").splitlines() if line]
    cases = cases[::step]
    ours, base = {}, {}
    for case in cases:
        html = gzip.decompress((folder / case["html"]).read_bytes())
        ours[case["id"]] = extract_html(html, url=case.get("url")).text or ""
        base[case["id"]] = extract(html, include_comments=False) or ""
    ours_f1, base_f1 = _f1(scorer, cases, ours), _f1(scorer, cases, base)
    detail = (f"{name}: {len(cases)} pages, ours F1 {ours_f1:.4f}, trafilatura {base_f1:.4f}, "
              f"ratio {ours_f1 / base_f1:.4f}")
    print(detail)
    assert ours_f1 >= min_f1, detail
    assert ours_f1 / base_f1 >= min_ratio, detail

"""Where the remaining main-text error is: the final choice against the best candidate, per page.

    .venv/bin/python bench/extract_losses.py [--set news|dev|both] [--limit N] [--top 25]

For every page of the dev sets in ../shared/eval (extraction_news: full ground truth, shingle
metric; extraction: with/without snippets), every candidate is computed and cleaned by our
boilerplate pass: trafilatura's main extractor (``main``), its full cascade (``cascade``), its
precision and recall modes, our density block, readability, jusText and the JSON-LD
``articleBody``. Each is
scored with the set's own scorer. Printed:

- each candidate's score over the set, the final choice's (``wirehouse extract``'s text), and
  the oracle (the best candidate on every page): the most a better choice could still gain;
- the pages where the final choice loses most against the best candidate, with which
  candidate was chosen, which one was best and the texts' lengths;
- pages where every candidate is poor (the error no choice can fix).

Per page, the news score is the shingle F1 of the page; the dev score is with-snippets found
minus without-snippets found. Slow (eight candidates a page): run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
from copy import deepcopy
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
SETS = {"news": SHARED / "extraction_news", "dev": SHARED / "extraction"}


def load_scorer(folder: Path):
    spec = importlib.util.spec_from_file_location(f"scorer_{folder.name}", folder / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def jsonld_body(tree) -> str | None:
    bodies = []
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        try:
            stack = [json.loads(script.text or "")]
        except ValueError:
            continue
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                body = item.get("articleBody")
                if isinstance(body, str) and body.strip():
                    bodies.append(body)
                stack.extend(v for v in item.values() if isinstance(v, (list, dict)))
    return max(bodies, key=len) if bodies else None


def candidates(html: bytes, url: str | None) -> tuple[dict[str, str], str, str]:
    """(cleaned text of every candidate, the final text, the name of the final choice)."""
    import unicodedata

    from trafilatura import bare_extraction
    from trafilatura.external import try_justext
    from trafilatura.xml import xmltotxt

    from wirehouse.clean.boilerplate import clean_text
    from wirehouse.clean.candidates import choose_main_text, density_text, readability_text, trafilatura_text
    from wirehouse.clean.extract import _drop_comment_sections, _parse, extract_html
    from wirehouse.clean.metadata import Meta, page_metadata

    final = extract_html(html, url=url)
    tree, _, _, source = _parse(html, None)
    if tree is None:
        return {}, final.text or "", final.extractor or ""
    try:
        meta = page_metadata(tree, source)
    except (ValueError, TypeError, AttributeError, IndexError):
        meta = Meta(None, None, None)
    _drop_comment_sections(tree)
    raw: dict[str, str | None] = dict(choose_main_text(tree, url).candidates)
    raw.setdefault("main", trafilatura_text(tree, url, fast=True))
    raw.setdefault("cascade", trafilatura_text(tree, url, fast=False))
    raw.setdefault("density", density_text(tree))
    raw.setdefault("readability", readability_text(tree))
    for name, options in (("precision", {"favor_precision": True}), ("recall", {"favor_recall": True})):
        try:
            doc = bare_extraction(tree, url=url, include_comments=False, **options)
            raw[name] = doc.text if doc is not None else None
        except (ValueError, TypeError, AttributeError, IndexError):
            raw[name] = None
    try:
        raw["justext"] = xmltotxt(try_justext(deepcopy(tree), url, None), False)
    except Exception:  # noqa: BLE001
        raw["justext"] = None
    raw["jsonld"] = jsonld_body(tree)
    cleaned = {name: clean_text(unicodedata.normalize("NFC", text), author=meta.author, title=meta.title) or ""
               for name, text in raw.items() if text}
    return cleaned, final.text or "", final.extractor or ""


def page_value(kind: str, scorer, case: dict, text: str) -> tuple[float, tuple]:
    if kind == "news":
        counts = scorer.shingle_counts(case["text"], text)
        p = scorer.page_precision(*counts) if counts[0] + counts[1] > 0 else 0.0
        r = scorer.page_recall(*counts)
        return (2 * p * r / (p + r) if p + r else 0.0), counts
    counts = scorer.count_case(case, text)[0]
    return float(counts[0] - counts[1]), counts


def set_score(kind: str, scorer, counts: list[tuple]) -> float:
    if kind == "news":
        return scorer.shingle_scores(counts)["f1"]
    total = scorer.Confusion()
    for c in counts:
        total.add(c)
    return total.scores()["f1"]


def _work(args):
    kind, folder, case = args
    html = gzip.decompress((Path(folder) / case["html"]).read_bytes())
    return case, candidates(html, case.get("url"))


def report(kind: str, limit: int | None, top: int, workers: int) -> None:
    import multiprocessing

    folder = SETS[kind]
    scorer = load_scorer(folder)
    cases = [json.loads(line) for line in (folder / "cases.jsonl").read_text(encoding="utf-8").splitlines() if line]
    if limit:
        step = max(1, len(cases) // limit)
        cases = cases[::step][:limit]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        results = pool.map(_work, [(kind, str(folder), c) for c in cases], chunksize=2)
    names = sorted({n for _, (cands, _, _) in results for n in cands})
    per_name = {n: [] for n in names}
    final_counts, oracle_counts, rows = [], [], []
    for case, (cands, final, chosen) in results:
        value, counts = page_value(kind, scorer, case, final)
        final_counts.append(counts)
        scored = {n: page_value(kind, scorer, case, cands.get(n, "")) for n in names}
        for n in names:
            per_name[n].append(scored[n][1])
        best = max(names, key=lambda n: scored[n][0]) if names else ""
        best_value, best_counts = scored[best] if best else (value, counts)
        oracle_counts.append(best_counts if best_value > value else counts)
        rows.append((best_value - value, case["id"], chosen, best, value, best_value, len(final),
                     len(cands.get(best, ""))))
    unit = "page F1" if kind == "news" else "snippets right"
    print(f"== {kind}: {len(cases)} pages ({folder})")
    for n in names:
        print(f"  candidate {n:12s} F1 {set_score(kind, scorer, per_name[n]):.4f}")
    print(f"  final choice           F1 {set_score(kind, scorer, final_counts):.4f}")
    print(f"  oracle (best per page) F1 {set_score(kind, scorer, oracle_counts):.4f}")
    losses = sorted((r for r in rows if r[0] > 1e-9), reverse=True)
    print(f"  pages where a candidate beats the final choice: {len(losses)} of {len(rows)}; "
          f"sum of the loss: {sum(r[0] for r in losses):.2f} {unit}")
    print(f"  largest losses ({unit}: final -> best; chosen / best candidate; chars final / best):")
    for loss, pid, chosen, best, value, best_value, n_final, n_best in losses[:top]:
        print(f"    {loss:6.3f}  {pid[:60]:60s} {value:6.3f} -> {best_value:6.3f}  {chosen:8s}/ {best:12s}"
              f" {n_final:6d} / {n_best:6d}")
    floor = 0.5 if kind == "news" else 0
    poor = [r for r in rows if r[5] <= floor]
    print(f"  pages no candidate gets right (best {unit} <= {floor}): {len(poor)}: "
          + ", ".join(r[1][:40] for r in poor[:top]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", choices=("news", "dev", "both"), default="both")
    ap.add_argument("--limit", type=int, default=None, help="pages per set, evenly spaced")
    ap.add_argument("--top", type=int, default=25, help="losses to list per set")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    if not SHARED.exists():
        sys.exit(f"no dev sets at {SHARED} (../shared is absent)")
    for kind in ("news", "dev") if args.set == "both" else (args.set,):
        report(kind, args.limit, args.top, args.workers)


if __name__ == "__main__":
    main()

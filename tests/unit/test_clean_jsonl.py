import gzip
import json
import subprocess
import sys
from pathlib import Path

from wirehouse.clean.jsonl import extract_files

SEED_PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "clean" / "seed-anbar.html"
KEYS = {"source", "title", "text", "author", "published", "language"}


def test_extract_files_order_gzip_and_unreadable(tmp_path):
    plain = tmp_path / "a.html"
    plain.write_bytes(SEED_PAGE.read_bytes())
    gz = tmp_path / "b.html.gz"
    gz.write_bytes(gzip.compress(SEED_PAGE.read_bytes()))
    empty = tmp_path / "c.html"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.html"
    broken_gz = tmp_path / "d.html.gz"
    broken_gz.write_bytes(b"not gzip at all")
    paths = [str(gz), str(missing), str(plain), str(empty), str(broken_gz)]
    rows = list(extract_files(paths))
    assert [r["source"] for r in rows] == paths
    assert all(KEYS <= set(r) for r in rows)
    assert rows[0]["text"] == rows[2]["text"] and "Moments ago" in rows[0]["text"]
    assert rows[0]["published"] == "2017-10-20T09:50:00+00:00"
    assert rows[0]["language"] in ("en", None)  # None only without py3langid
    assert rows[1]["text"] is None and "cannot read" in rows[1]["error"]
    assert rows[3]["text"] is None and rows[4]["text"] is None


def test_pool_keeps_input_order(tmp_path):
    paths = []
    for i in range(30):
        p = tmp_path / f"p{i:02d}.html"
        p.write_text(f"<html><body><article><p>Story number {i}: the army and the rebels agreed a ceasefire "
                     f"in the northern province on day {i}, officials said.</p></article></body></html>")
        paths.append(str(p))
    rows = list(extract_files(paths, workers=2))
    assert [r["source"] for r in rows] == paths
    assert all(f"Story number {i}:" in (r["text"] or "") for i, r in enumerate(rows))


def test_cli_exits_zero_with_null_text(tmp_path):
    good = tmp_path / "good.html"
    good.write_bytes(SEED_PAGE.read_bytes())
    bad = tmp_path / "bad.html"
    bad.write_bytes(b"\x00\x01")
    exe = Path(sys.executable).with_name("wirehouse")
    proc = subprocess.run([str(exe), "extract", "--jsonl", str(good), str(bad), str(tmp_path / "none.html")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["text"] is None for r in rows] == [False, True, True]

#!/usr/bin/env python
"""Vendor the browser assets wirehouse ships, from the npm registry, at pinned versions (dev-only).

- ``src/wirehouse/quality/docs_assets/``: the stylesheets, scripts and fonts that Great
  Expectations' Data Docs pages link from public CDNs (bootstrap, jQuery, popper, bootstrap-table,
  bootstrap-datepicker, Font Awesome, vega), each under ``<package>@<version>/`` with its licence,
  and ``manifest.json`` mapping each CDN address the pages use to the local file.
  ``wirehouse.quality.docs`` copies them next to the published pages and points the pages at them.
- ``src/wirehouse/report/data/countries-110m.json``: country outlines (Natural Earth 1:110m,
  public domain) as TopoJSON from the ``world-atlas`` package, the report's base map.

Needs ``npm`` (``npm pack`` downloads each package tarball). Usage: python scripts/vendor_assets.py
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCS_OUT = REPO / "src" / "wirehouse" / "quality" / "docs_assets"
REPORT_OUT = REPO / "src" / "wirehouse" / "report" / "data"

# package, version, licence, files to keep (paths inside the package), and the CDN addresses
# that Great Expectations 1.24's page templates use for each file.
DOCS_PACKAGES = [
    ("jquery", "3.7.1", "MIT", {"dist/jquery.min.js": ["https://code.jquery.com/jquery-3.7.1.min.js"]}),
    ("popper.js", "1.12.9", "MIT", {
        "dist/umd/popper.min.js": ["https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js"]}),
    ("bootstrap", "4.3.1", "MIT", {
        "dist/css/bootstrap.min.css": ["https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css"],
        "dist/js/bootstrap.min.js": ["https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js"]}),
    ("bootstrap-table", "1.19.1", "MIT", {
        "dist/bootstrap-table.min.css": ["https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css"],
        "dist/bootstrap-table.min.js": ["https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js"],
        "dist/extensions/filter-control/bootstrap-table-filter-control.min.css": [
            "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.min.css",
            "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css"],
        "dist/extensions/filter-control/bootstrap-table-filter-control.min.js": [
            "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js"]}),
    ("bootstrap-datepicker", "1.9.0", "Apache-2.0", {
        "dist/css/bootstrap-datepicker.min.css": [
            "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css"],
        "dist/js/bootstrap-datepicker.min.js": [
            "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js"]}),
    ("@forevolve/bootstrap-dark", "1.1.0", "MIT", {
        "dist/css/bootstrap-prefers-dark.css": [
            "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css"]}),
    # the stylesheet loads its fonts from ../webfonts/; browsers take the woff2 files
    ("@fortawesome/fontawesome-free", "6.6.0", "CC-BY-4.0 (icons), OFL-1.1 (fonts), MIT (code)", {
        "css/all.min.css": ["https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css"],
        "webfonts/*.woff2": []}),
    # the pages ask for the newest vega 5, vega-lite 5 and vega-embed 6: pinned here
    ("vega", "5.33.1", "BSD-3-Clause", {"build/vega.min.js": ["https://cdn.jsdelivr.net/npm/vega@5"]}),
    ("vega-lite", "5.23.0", "BSD-3-Clause", {"build/vega-lite.min.js": ["https://cdn.jsdelivr.net/npm/vega-lite@5"]}),
    ("vega-embed", "6.29.0", "BSD-3-Clause", {"build/vega-embed.min.js": ["https://cdn.jsdelivr.net/npm/vega-embed@6"]}),
]
WORLD_ATLAS = ("world-atlas", "2.0.2", "ISC (data: Natural Earth, public domain)", "countries-110m.json")
LICENCE_NAMES = ("LICENSE", "LICENSE.txt", "LICENSE.md", "LICENCE", "license", "LICENSE-MIT")


def npm_pack(name: str, version: str, into: Path) -> tarfile.TarFile:
    out = subprocess.run(["npm", "pack", f"{name}@{version}", "--silent", "--pack-destination", str(into)],
                         check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    return tarfile.open(into / out)


def members(tar: tarfile.TarFile, pattern: str) -> list[tarfile.TarInfo]:
    from fnmatch import fnmatch

    found = [m for m in tar.getmembers() if m.isfile() and fnmatch(m.name, f"package/{pattern}")]
    if not found:
        raise SystemExit(f"{tar.name}: nothing matches {pattern}")
    return found


def extract(tar: tarfile.TarFile, member: tarfile.TarInfo, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with tar.extractfile(member) as src, target.open("wb") as dst:
        shutil.copyfileobj(src, dst)


def licence(tar: tarfile.TarFile, folder: Path) -> str:
    for m in tar.getmembers():
        if m.isfile() and m.name.removeprefix("package/") in LICENCE_NAMES:
            extract(tar, m, folder / "LICENSE")
            return "LICENSE"
    # a package without a licence file (popper.js 1.12.9): its package.json names the licence and
    # the copyright notice heads the minified file itself
    meta = json.load(tar.extractfile("package/package.json"))
    if not meta.get("license"):
        raise SystemExit(f"{tar.name}: no licence file and no licence in package.json")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "LICENSE").write_text(
        f"{meta['name']} {meta['version']} ships no licence file. Its package.json states the licence "
        f"{meta['license']!r}; the copyright notice is at the top of each file.\n", encoding="utf-8")
    return "LICENSE"


def vendor_docs(tmp: Path) -> None:
    if DOCS_OUT.exists():
        shutil.rmtree(DOCS_OUT)
    urls: dict[str, str] = {}
    rows = []
    for name, version, spdx, files in DOCS_PACKAGES:
        tar = npm_pack(name, version, tmp)
        folder = DOCS_OUT / f"{name.replace('/', '__')}@{version}"
        licence(tar, folder)
        for pattern, cdn in files.items():
            for m in members(tar, pattern):
                # dist/ and build/ dropped from the path: the checkout ignores folders of those names
                rel = re.sub(r"^(dist|build)/", "", m.name.removeprefix("package/"))
                extract(tar, m, folder / rel)
                for url in cdn:
                    urls[url] = f"{folder.name}/{rel}"
        rows.append(f"| {name} | {version} | {spdx} | `{folder.name}/LICENSE` |")
    (DOCS_OUT / "manifest.json").write_text(json.dumps(urls, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    (DOCS_OUT / "SOURCES.md").write_text(
        "# Data Docs assets\n\nCopied unchanged from the npm registry packages below by "
        "`scripts/vendor_assets.py`; `manifest.json` maps the CDN address each Great Expectations page "
        "links to the local copy. Each folder keeps its package's licence.\n\n"
        "| package | version | licence | file |\n|---|---|---|---|\n" + "\n".join(rows) + "\n",
        encoding="utf-8")


def vendor_world(tmp: Path) -> None:
    name, version, spdx, path = WORLD_ATLAS
    tar = npm_pack(name, version, tmp)
    REPORT_OUT.mkdir(parents=True, exist_ok=True)
    (m,) = members(tar, path)
    extract(tar, m, REPORT_OUT / path)
    licence(tar, REPORT_OUT / "world-atlas")
    (REPORT_OUT / "SOURCES.md").write_text(
        f"# Report data\n\n`{path}`: country outlines at 1:110 million scale from Natural Earth "
        f"(https://www.naturalearthdata.com/, public domain), as TopoJSON from the npm package "
        f"`{name}` {version} ({spdx}; licence in `world-atlas/LICENSE`), copied unchanged by "
        "`scripts/vendor_assets.py`.\n",
        encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        vendor_docs(Path(tmp))
        vendor_world(Path(tmp))
    print(f"wrote {DOCS_OUT} and {REPORT_OUT}")


if __name__ == "__main__":
    main()

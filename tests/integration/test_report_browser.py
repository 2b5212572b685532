"""The report and the Data Docs of the demo warehouse, opened in headless Chromium with the
network off: the charts and the map draw, the validation table renders, nothing is requested from
outside, and the hostile page's scripts stay text. Screenshots are saved beside the test's files."""

from __future__ import annotations

import struct

import pytest

from tests import browser
from wirehouse.demo_run import demo_report

pytestmark = pytest.mark.skipif(browser.executable() is None, reason=browser.SKIP_REASON)

HOSTILE_SLUG = "iraqi-police-arrest-basra-fuel-smugglers"
CHARTS = ("chart-timeline", "chart-goldstein", "chart-map", "chart-actors")


@pytest.fixture(scope="module")
def chromium():
    with browser.Browser(width=1280, height=1000) as b:
        yield b


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    return tmp_path_factory.mktemp("screenshots")


def png_size(path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def count(b, selector: str) -> int:
    return b.evaluate(f"document.querySelectorAll({selector!r}).length")


def test_report_draws_offline_and_runs_no_crawled_script(chromium, demo_warehouse, shots):
    result = demo_report(demo_warehouse)
    chromium.events.clear()
    chromium.open(result.path, ready=f"document.querySelectorAll('[data-drawn]').length == {len(CHARTS)}")
    assert {c: chromium.evaluate(f"document.getElementById({c!r}).getAttribute('data-drawn')") for c in CHARTS} == \
        dict.fromkeys(CHARTS, "true")
    # the map: country outlines and one circle per place; the timeline has bars, the line points
    assert count(chromium, "#chart-map g.mark-shape.role-mark path") > 150
    assert count(chromium, "#chart-map g.mark-symbol.role-mark path") == result.places > 100
    assert count(chromium, "#chart-timeline g.mark-rect.role-mark path") > 20
    assert count(chromium, "#chart-goldstein g.mark-line.role-mark path") == 1
    assert count(chromium, "#chart-actors g.mark-rect.role-mark path") == 10

    # hovering a place shows its figures (Vega's expressions run without eval, as the policy asks)
    x, y = chromium.evaluate("(() => { const p = document.querySelector('#chart-map g.mark-symbol.role-mark path');"
                             " p.scrollIntoView({block: 'center'}); const r = p.getBoundingClientRect();"
                             " return [r.x + r.width / 2, r.y + r.height / 2]; })()")
    chromium.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
    chromium.wait_for("(document.getElementById('vg-tooltip-element') || {}).className?.includes('visible') ?? false")
    assert "events" in chromium.evaluate("document.getElementById('vg-tooltip-element').textContent")
    chromium.evaluate("window.scrollTo(0, 0)")

    # the hostile article's events are listed, its markup shown as text, none of it ran
    shown = chromium.evaluate(
        "Array.from(document.querySelectorAll('tr.evidence')).map(r => r.textContent).join(' ')")
    assert HOSTILE_SLUG in shown
    assert "<script>" in shown and "setAttribute('data-pwned', " in shown  # its markup, as text
    assert "javascript:document.documentElement.setAttribute('data-pwned','url')" in shown
    assert chromium.evaluate("document.documentElement.hasAttribute('data-pwned')") is False
    assert count(chromium, "[data-pwned], [onerror], [onmouseover], tr.evidence b, tr.evidence img") == 0
    assert count(chromium, "script") == 5 and count(chromium, "a[href^='javascript:' i]") == 0

    assert chromium.network_requests() == []
    assert chromium.errors() == []
    shot = chromium.screenshot(shots / "report.png", height=4000)
    width, height = png_size(shot)
    assert width == 1280 and height > 3000
    print(f"report screenshot: {shot}")


def test_data_docs_render_offline(chromium, demo_warehouse, shots):
    index = demo_warehouse.data_docs_dir / "index.html"
    chromium.events.clear()
    chromium.open(index, ready="document.querySelectorAll('.bootstrap-table tbody tr').length > 0")
    rows = count(chromium, ".bootstrap-table tbody tr")
    suites = chromium.evaluate("Array.from(document.querySelectorAll('.bootstrap-table tbody tr td:last-child'))"
                               ".map(td => td.textContent.trim())")
    assert rows == len(suites) and {"pages", "articles", "actors", "places", "events"} <= set(suites)
    # bootstrap's stylesheet applied (the table is laid out, not a bare list) and the icons' font loaded
    assert chromium.evaluate("getComputedStyle(document.querySelector('.navbar')).display") == "flex"
    assert chromium.evaluate("Array.from(document.fonts).some(f => f.family.includes('Font Awesome') "
                             "&& f.status === 'loaded')") is True
    assert chromium.network_requests() == [] and chromium.errors() == []
    chromium.screenshot(shots / "data-docs.png", height=900)

    # one validation page: its results table renders too
    (page,) = (demo_warehouse.data_docs_dir / "validations" / "articles").rglob("*.html")
    chromium.events.clear()
    chromium.open(page, ready="document.querySelectorAll('table tbody tr').length > 0")
    assert count(chromium, "table tbody tr") > 3
    assert "expect_column_values_to_not_be_null" in chromium.dom() or "values must never be null" in chromium.dom()
    assert chromium.network_requests() == [] and chromium.errors() == []
    chromium.screenshot(shots / "data-docs-suite.png", height=1200)

"""The HTML report of the demo warehouse: one file that needs nothing from outside, figures that
agree with the warehouse, filters that filter, and the hostile page's text shown as text."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import lxml.html
import pytest
from typer.testing import CliRunner

from wirehouse.cli import app
from wirehouse.demo import corpus
from wirehouse.demo_run import demo_report
from wirehouse.report.html import ReportFilter, charts, collect, render
from wirehouse.warehouse.db import connect

runner = CliRunner()
HOSTILE_SLUG = "iraqi-police-arrest-basra-fuel-smugglers"


@pytest.fixture(scope="module")
def hostile():
    (article,) = [a for a in corpus.load_articles() if a.slug == HOSTILE_SLUG]
    return article


@pytest.fixture
def con(demo_warehouse):
    connection = connect(demo_warehouse.database, read_only=True)
    yield connection
    connection.close()


def scalar(con, sql, params=None):
    return con.execute(sql, params).fetchall()[0][0]


@pytest.fixture(scope="module")
def page(demo_warehouse, tmp_path_factory):
    """The demo warehouse's report as `wirehouse demo` writes it: (path, parsed document, source)."""
    result = demo_report(demo_warehouse)
    assert result.path == demo_warehouse.database.with_name("report.html")
    source = result.path.read_text(encoding="utf-8")
    return result, lxml.html.document_fromstring(source), source


def test_report_needs_nothing_from_outside(page):
    _, doc, _ = page
    assert doc.xpath("//*[@src]") == [] and doc.xpath("//link") == [] and doc.xpath("//iframe") == []
    scripts = doc.xpath("//script")
    code = [s for s in scripts if s.get("type") != "application/json"]
    assert len(code) == 1 and len(scripts) == 5  # the Vega bundle with the drawing code, four chart specs
    # the page's policy lets exactly that script run and forbids every request
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    digest = base64.b64encode(hashlib.sha256(code[0].text.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}';" in csp and "default-src 'none'" in csp
    # the base map's country outlines are inside the map's spec
    assert '"feature":"countries"' in doc.xpath("//script[@data-chart='chart-map']")[0].text
    assert all(a.get("href").startswith(("http://", "https://")) for a in doc.xpath("//a[@href]"))


def test_report_figures_match_the_warehouse(page, con):
    result, doc, _ = page
    events = scalar(con, "select count(*) from fact_event where political")  # flagged events are not shown
    assert result.events == events > 0
    assert doc.get_element_by_id("events-covered").text_content().replace(",", "") == str(events)
    assert result.places == scalar(con, "select count(*) from (select distinct place_name, place_country, lat, lon "
                                        "from v_event where lat is not null)")
    assert result.listed == len(doc.xpath("//tr[@class='event']")) == min(100, events)
    dyads = [[td.text_content() for td in tr.xpath("td")[:3]] for tr in doc.get_element_by_id("dyads").xpath("tr[td]")]
    top = con.execute("select source_actor, target_actor, count(*) from v_event where source_actor is not null "
                      "and target_actor is not null group by all order by 3 desc, 1, 2 limit 10").fetchall()
    assert dyads == [[s, t, str(n)] for s, t, n in top]
    runs = doc.get_element_by_id("runs").xpath("tr[td]")
    assert len(runs) == scalar(con, "select count(*) from pipeline_run")
    assert "succeeded" in runs[0].text_content()


def test_the_hostile_page_is_listed_as_text(page, hostile, con):
    _, doc, source = page
    rows = [tr for tr in doc.xpath("//tr[@class='evidence']") if HOSTILE_SLUG in tr.text_content()]
    assert rows, "the hostile article's events are among the latest listed"
    shown = " ".join(tr.text_content() for tr in rows)
    marked = " ".join(m.text_content() for tr in rows for m in tr.xpath(".//mark"))
    coded = [s for (s,) in con.execute(
        "select f.sentence from fact_event as f join dim_article as a using (article_key) "
        "where a.url like $slug and f.political",
        {"slug": f"%{HOSTILE_SLUG}%"}).fetchall()]
    hostile_sentences = [s for s in coded if "<" in s or "javascript:" in s]
    assert hostile_sentences, "the hostile page's crawled markup reaches an event's evidence"
    for sentence in hostile_sentences:
        assert sentence in marked
    assert "<script>" in shown and "javascript:" in shown
    assert hostile.title in shown  # the headline with its <script>, as text
    # no markup of the page came through as markup
    assert "data-pwned" not in "".join(lxml.html.tostring(e, encoding="unicode").split(">", 1)[0]
                                       for e in doc.iter() if isinstance(e.tag, str))
    assert not doc.xpath("//*[@onerror or @onmouseover]") and not doc.xpath("//tr[@class='evidence']//b")
    assert "<script>document" not in source and "&lt;script&gt;document" in source


def test_filters_select_the_events(con, demo_warehouse):
    where = ReportFilter.parse(since="2026-06-01", country="irq")
    data = collect(con, where)
    expected = scalar(con, "select count(*) from v_event where event_date >= date '2026-06-01' and "
                           "'IRQ' in (place_country, source_country, target_country)")
    assert data.event_count == expected > 0
    assert sum(r["events"] for r in data.events_by_week) == expected - scalar(
        con, "select count(*) from v_event where event_date is null and 'IRQ' in (place_country, source_country, target_country)")
    assert data.events and all(e["event_date"].isoformat() >= "2026-06-01" for e in data.events)
    involved = {r[0] for r in con.execute(
        "select event_id from v_event where 'IRQ' in (place_country, source_country, target_country)").fetchall()}
    assert {e["event_id"] for e in data.events} <= involved
    assert data.charted_from is None  # --since given: the charts show all of it
    everything = collect(con)
    assert everything.event_count > data.event_count


def test_time_charts_show_the_latest_year(con):
    data = collect(con)
    old = scalar(con, "select count(*) from v_event where event_date < (select max(date_trunc('week', event_date)) "
                      "from v_event) - interval 52 week")
    assert data.uncharted_events == old > 0  # the demo's 2017 page
    assert sum(r["events"] for r in data.events_by_week) == scalar(
        con, "select count(*) from v_event where event_date is not null") - old
    specs = charts(data, validate=True)  # valid Vega-Lite, or altair raises
    assert specs["chart-map"]["datasets"]["countries"]["type"] == "Topology"


def test_empty_warehouse_renders(con):
    """A warehouse without events still gives a page (empty charts and tables say so)."""
    from wirehouse.warehouse.schema import apply_schema

    empty = connect(":memory:")
    apply_schema(empty)
    html = render(collect(empty))
    assert html.count("no events") >= 2 and "no runs recorded" in html


def test_hostile_fields_render_as_text():
    """Every crawled field at once, with markup, handlers, a javascript: address and closing tags."""
    from datetime import date, datetime

    from wirehouse.report.html import ReportData

    evil = "</mark></td></tr></table></script><script>document.title='pwned'</script><img src=x onerror=alert(1)>"
    event = {"event_id": "e1", "event_date": date(2026, 3, 1), "source_actor": "IRQCOP", "target_actor": None,
             "cameo_code": "173", "event_label": "Arrest", "quad_class": 4, "goldstein": -5.0,
             "place_name": evil, "place_country": "IRQ", "num_mentions": 1, "source_domain": "news.example",
             "article_url": "javascript:alert(document.cookie)", "title": evil, "author": evil,
             "sentence": "Police arrested " + evil, "text_before": evil + " before ", "text_after": " after " + evil}
    place = {"place_name": evil, "place_country": "IRQ", "lat": 33.3, "lon": 44.4, "events": 1, "quad_class": 4,
             "avg_goldstein": -5.0}
    data = ReportData(filter=ReportFilter(), generated_at=datetime(2026, 3, 2), database=evil,
                      totals={"events": 1}, places=[place], events=[event],
                      dyads=[{"source_actor": evil, "target_actor": "IRQ", "events": 1, "avg_goldstein": -5.0,
                              "material_conflict_events": 1}],
                      sources=[{"domain": evil, "events": 1, "articles": 1, "avg_goldstein": -5.0}])
    source = render(data)
    doc = lxml.html.document_fromstring(source)
    assert len(doc.xpath("//script")) == 5 and not doc.xpath("//img") and not doc.xpath("//*[@onerror]")
    assert doc.xpath("//a") == [] and "javascript:alert(document.cookie)" in doc.text_content()
    assert doc.text_content().count(evil) >= 6  # title, byline, place, dyad, outlet, database, evidence
    assert doc.xpath("//tr[@class='evidence']//mark")[0].text_content() == "Police arrested " + evil
    spec = doc.xpath("//script[@data-chart='chart-map']")[0].text
    assert "</" not in spec and json.loads(spec)["datasets"]["places"][0]["place_name"] == evil


def test_report_command(demo_warehouse, tmp_path):
    out = tmp_path / "iraq" / "report.html"
    result = runner.invoke(app, ["report", "--db", str(demo_warehouse.database), "--out", str(out),
                                 "--country", "IRQ", "--since", "2026-01-01", "--events", "5"])
    assert result.exit_code == 0, result.output
    assert out.is_file() and out.as_uri() in result.output
    doc = lxml.html.document_fromstring(out.read_text(encoding="utf-8"))
    assert len(doc.xpath("//tr[@class='event']")) == 5
    assert re.search(r"since 2026-01-01, country IRQ", doc.findtext(".//title"))

    bad = runner.invoke(app, ["report", "--db", str(demo_warehouse.database), "--country", "Iraq"])
    assert bad.exit_code == 1 and "ISO 3166 alpha-3" in bad.output and "Traceback" not in bad.output
    bad = runner.invoke(app, ["report", "--db", str(demo_warehouse.database), "--since", "yesterday"])
    assert bad.exit_code == 1 and "ISO date" in bad.output
    missing = runner.invoke(app, ["report", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "no warehouse at" in missing.output and not (tmp_path / "report.html").exists()

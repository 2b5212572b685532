"""The HTML report: one self-contained file that shows what happened, where and who did it.

Events over time by QuadClass, Goldstein over time, a map of event places over country outlines,
top actors, dyads and outlets, the data-quality status of the latest runs, and the latest events,
each with its evidence (the sentence highlighted in its article text, and the article's address).

Everything the page needs is inside it: the charts are Vega-Lite specifications (written with
altair) drawn by the Vega libraries that ``vl-convert-python`` ships, inlined once; the base map
is Natural Earth's country outlines (``report/data/countries-110m.json``). A Content-Security-Policy
lets only that one script run and forbids every request, so opening the file touches no network.
Crawled text (titles, bylines, sentences, URLs) is hostile: jinja2 escapes it, chart data sits in
JSON blocks that cannot close their element, and only http(s) addresses become links.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import jinja2
from markupsafe import Markup

from wirehouse.errors import ConfigError, QueryError
from wirehouse.resources import data_dir, package_file
from wirehouse.warehouse.queries import run_query

log = logging.getLogger(__name__)

QUAD_CLASSES = {1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict"}
QUAD_COLOURS = {1: "#74add1", 2: "#4575b4", 3: "#f4a040", 4: "#d73027"}
WORLD = package_file("report", "data", "countries-110m.json")
TEMPLATES = package_file("report", "templates")

_COUNTRY = re.compile(r"^[A-Z]{3}$")
# characters that would let JSON end the <script> block it sits in, or confuse an HTML parser
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}

# Draws every chart: each <script type="application/json" data-chart="ID"> holds a Vega-Lite
# spec for the element ID; a drawn chart gets data-drawn="true" (an error message otherwise).
_DRAW = """
document.querySelectorAll('script[type="application/json"][data-chart]').forEach(function (node) {
  var target = document.getElementById(node.getAttribute("data-chart"));
  vegaEmbed(target, JSON.parse(node.textContent), {actions: false, renderer: "svg", ast: true})
    .then(function () { target.setAttribute("data-drawn", "true"); })
    .catch(function (err) { target.setAttribute("data-drawn", "error"); target.textContent = "chart failed: " + err; });
});
"""


@dataclass(frozen=True)
class ReportFilter:
    """Which events the report covers: on or after ``since``, and placed in or with an actor of
    ``country`` (ISO-3)."""

    since: date | None = None
    country: str | None = None

    @classmethod
    def parse(cls, since: str | None = None, country: str | None = None) -> "ReportFilter":
        day = None
        if since:
            try:
                day = date.fromisoformat(since.strip()[:10])
            except ValueError:
                raise ConfigError(f"--since {since!r} is not an ISO date; write e.g. 2026-03-01") from None
        code = country.strip().upper() if country else None
        if code is not None and not _COUNTRY.match(code):
            raise ConfigError(f"--country {country!r} is not an ISO 3166 alpha-3 code; write e.g. IRQ or UKR")
        return cls(day, code)

    def params(self) -> dict[str, str | None]:
        return {"since": self.since.isoformat() if self.since else None, "country": self.country}

    def describe(self) -> str:
        parts = [f"since {self.since.isoformat()}" if self.since else "", f"country {self.country}" if self.country else ""]
        return ", ".join(p for p in parts if p) or "all events"


@dataclass
class ReportData:
    """What the report shows, as plain rows (dicts) per section."""

    filter: ReportFilter
    generated_at: datetime
    database: str
    totals: dict[str, int]
    events_by_week: list[dict] = field(default_factory=list)
    goldstein_by_week: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    actors: list[dict] = field(default_factory=list)
    dyads: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    runs: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    event_count: int = 0
    charted_from: date | None = None  # the time charts start here (see chart_window)
    uncharted_events: int = 0  # dated events before charted_from


CHART_WEEKS = 53


def chart_window(data: ReportData) -> None:
    """Without ``--since`` the time charts show the latest year of weeks with events, so that a
    few old articles do not squeeze the rest into a corner; the page says how many are left out."""
    if data.filter.since is not None or not data.goldstein_by_week:
        return
    start = max(r["week"] for r in data.goldstein_by_week) - timedelta(weeks=CHART_WEEKS - 1)
    if min(r["week"] for r in data.goldstein_by_week) >= start:
        return
    data.charted_from = start
    data.uncharted_events = sum(r["events"] for r in data.goldstein_by_week if r["week"] < start)
    data.events_by_week = [r for r in data.events_by_week if r["week"] >= start]
    data.goldstein_by_week = [r for r in data.goldstein_by_week if r["week"] >= start]


def report_query(con: duckdb.DuckDBPyConnection, name: str, **params) -> list[dict]:
    """Rows of ``sql/report/<name>.sql``; every ``$name`` it uses must be given (None is null)."""
    path = data_dir("sql") / "report" / f"{name}.sql"
    sql = path.read_text(encoding="utf-8")
    names = set(re.findall(r"\$([a-z_]+)", sql))
    missing = names - set(params)
    if missing:
        raise QueryError(f"report query {name!r} needs {', '.join(sorted(missing))}")
    values = {k: (None if params[k] is None else str(params[k])) for k in names}
    try:
        return con.sql(sql, params=values or None).to_arrow_table().to_pylist()
    except duckdb.Error as exc:
        raise QueryError(f"report query {name!r} failed: {exc}; is this a wirehouse warehouse?") from exc


def collect(con: duckdb.DuckDBPyConnection, where: ReportFilter = ReportFilter(), *, top: int = 10,
            events: int = 100, context: int = 160, database: str = "") -> ReportData:
    """Everything the report shows, from a (read-only) warehouse connection."""
    p = where.params()
    totals = dict(zip(
        ("articles", "events", "flagged events", "actors", "places", "outlets",
         "quarantined"),
        con.execute("select (select count(*) from dim_article), (select count(*) from fact_event where political), "
                    "(select count(*) from fact_event where not political), "
                    "(select count(*) from dim_actor), (select count(*) from dim_place), "
                    "(select count(*) from dim_source), (select count(*) from quarantine)").fetchall()[0],
    ))
    data = ReportData(
        filter=where,
        generated_at=datetime.now(timezone.utc).replace(microsecond=0),
        database=database,
        totals=totals,
        events_by_week=report_query(con, "events_by_week", **p),
        goldstein_by_week=report_query(con, "goldstein_by_week", **p),
        places=report_query(con, "event_places", **p),
        actors=report_query(con, "top_actors", **p, limit=top),
        dyads=run_query(con, "top_actor_pairs", **p, limit=top).to_pylist(),  # the named query
        sources=report_query(con, "top_sources", **p, limit=top),
        runs=report_query(con, "latest_runs", limit=top),
        events=report_query(con, "listed_events", **p, limit=events, context=context),
    )
    data.event_count = report_query(con, "event_count", **p)[0]["events"]
    chart_window(data)
    return data


# -- charts (Vega-Lite via altair) -----------------------------------------------------------------

def _quad_scale():
    import altair as alt

    return alt.Scale(domain=list(QUAD_CLASSES.values()), range=list(QUAD_COLOURS.values()))


def _rows(rows: list[dict], **extra) -> list[dict]:
    """JSON-ready copies of rows: dates as ISO strings, QuadClass labels added."""
    out = []
    for row in rows:
        item = {k: (v.isoformat() if isinstance(v, (date, datetime)) else v) for k, v in row.items()}
        if "quad_class" in item:
            item["quad_label"] = QUAD_CLASSES.get(item["quad_class"], str(item["quad_class"]))
        item.update(extra)
        out.append(item)
    return out


def charts(data: ReportData, *, validate: bool = False) -> dict[str, dict]:
    """The Vega-Lite specifications of the report's charts, by element id; ``validate`` checks them
    against the Vega-Lite schema (the tests do)."""
    import altair as alt

    quad = alt.Color("quad_label:N", title="QuadClass", scale=_quad_scale(), legend=alt.Legend(orient="bottom"))
    # Each chart names its data; the rows go into the spec's "datasets" after altair has built it
    # (altair copies inline data many times over, which costs seconds for the map's outlines).
    datasets = {"weeks_by_quad": _rows(data.events_by_week), "weeks": _rows(data.goldstein_by_week),
                "zero": [{"y": 0}], "places": _rows(data.places), "actors": _rows(data.actors),
                "countries": json.loads(WORLD.read_text(encoding="utf-8"))}
    uses = {"chart-timeline": ("weeks_by_quad",), "chart-goldstein": ("zero", "weeks"),
            "chart-map": ("countries", "places"), "chart-actors": ("actors",)}

    timeline = alt.Chart(alt.NamedData(name="weeks_by_quad")).mark_bar().encode(
        x=alt.X("week:T", title="week"),
        y=alt.Y("events:Q", title="events", stack="zero"),
        color=quad,
        order=alt.Order("quad_class:O"),
        tooltip=[alt.Tooltip("week:T", title="week of"), alt.Tooltip("quad_label:N", title="QuadClass"),
                 alt.Tooltip("events:Q")],
    ).properties(width="container", height=220)

    weeks = alt.Chart(alt.NamedData(name="weeks"))
    goldstein = alt.layer(
        alt.Chart(alt.NamedData(name="zero")).mark_rule(color="#888", strokeDash=[4, 3]).encode(y="y:Q"),
        weeks.mark_line(point=True, color="#6a3d9a").encode(
            x=alt.X("week:T", title="week"),
            y=alt.Y("avg_goldstein:Q", title="mean Goldstein",
                    scale=alt.Scale(domain=[-10, 10])),
            tooltip=[alt.Tooltip("week:T", title="week of"), "avg_goldstein:Q", "events:Q", "conflict_intensity:Q"],
        ),
    ).properties(width="container", height=220)

    world = alt.NamedData(name="countries", format=alt.DataFormat(type="topojson", feature="countries"))
    base = alt.Chart(world).mark_geoshape(fill="#eceae4", stroke="#b8b4a8", strokeWidth=0.5)
    points = alt.Chart(alt.NamedData(name="places")).mark_circle(opacity=0.75, stroke="#333", strokeWidth=0.4).encode(
        longitude="lon:Q",
        latitude="lat:Q",
        size=alt.Size("events:Q", title="events", scale=alt.Scale(range=[20, 900])),
        color=quad,
        tooltip=[alt.Tooltip("place_name:N", title="place"), alt.Tooltip("place_country:N", title="country"),
                 "events:Q", alt.Tooltip("quad_label:N", title="mostly"), "avg_goldstein:Q"],
    )
    places_map = alt.layer(base, points).project(type="equalEarth").properties(width="container", height=430)

    actors = alt.Chart(alt.NamedData(name="actors")).mark_bar(color="#4575b4").encode(
        x=alt.X("events:Q", title="events (as source or target)"),
        y=alt.Y("actor_code:N", title=None, sort="-x"),
        tooltip=["actor_code:N", "name:N", "events:Q", "avg_goldstein:Q"],
    ).properties(width="container", height=alt.Step(18))

    fit = alt.AutoSizeParams(type="fit", contains="padding")
    timeline, goldstein, places_map, actors = (c.properties(autosize=fit) for c in (timeline, goldstein, places_map, actors))
    specs = {"chart-timeline": timeline, "chart-goldstein": goldstein, "chart-map": places_map,
             "chart-actors": actors}
    out = {}
    for key, chart in specs.items():
        spec = chart.to_dict(validate=validate)
        spec["datasets"] = {name: datasets[name] for name in uses[key]}
        out[key] = spec
    return out


def json_block(value) -> Markup:
    """JSON that can sit inside <script type="application/json"> whatever strings it holds."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _JSON_ESCAPES.items():
        text = text.replace(char, escaped)
    return Markup(text)


@lru_cache(maxsize=1)
def _vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script (from vl-convert-python, no network)."""
    import vl_convert

    bundle = vl_convert.javascript_bundle()
    if "</script" in bundle.lower() or "<!--" in bundle:  # would end or confuse the <script> element
        raise RuntimeError("the Vega bundle holds '</script' or '<!--' and cannot be inlined")
    return bundle


# -- evidence and links ----------------------------------------------------------------------------

def safe_url(url: str | None) -> str | None:
    """The address when it may be a link (http or https with a host), else None: shown as text."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def evidence(row: dict) -> dict:
    """An event's evidence for the page: text before, the sentence, text after (one line each,
    starting and ending at word boundaries), the link when it may be one."""
    before = _one_line(row.get("text_before"))
    after = _one_line(row.get("text_after"))
    if row.get("text_before") and not row["text_before"][:1].isspace() and " " in before:
        before = "…" + before.split(" ", 1)[1]
    if row.get("text_after") and " " in after:
        after = after.rsplit(" ", 1)[0] + "…"
    return {"before": before, "sentence": _one_line(row.get("sentence")), "after": after,
            "href": safe_url(row.get("article_url"))}


# -- the page --------------------------------------------------------------------------------------

def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["quad_label"] = lambda q: QUAD_CLASSES.get(q, str(q))
    env.filters["quad_colour"] = lambda q: QUAD_COLOURS.get(q, "#999")
    env.filters["num"] = lambda v: "" if v is None else (f"{v:,.2f}" if isinstance(v, float) else f"{v:,}")
    return env


def render(data: ReportData) -> str:
    """The report as one HTML document."""
    script = _vega_bundle() + "\n" + _DRAW
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = (f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; "
           "img-src data:; font-src data:; base-uri 'none'; form-action 'none'")
    return _environment().get_template("report.html").render(
        data=data,
        specs={key: json_block(spec) for key, spec in charts(data).items()},
        script=Markup(script),
        csp=csp,
        events=[{**row, "evidence": evidence(row)} for row in data.events],
        quad_classes=QUAD_CLASSES,
    )


def default_report_path(database: Path) -> Path:
    """Where the report goes unless told: ``report.html`` next to the database file."""
    return Path(database).with_name("report.html")


@dataclass(frozen=True)
class ReportResult:
    path: Path
    events: int
    places: int
    listed: int
    filter: ReportFilter
    uncharted: int = 0


def write_report(con: duckdb.DuckDBPyConnection, out: Path, where: ReportFilter = ReportFilter(), *,
                 database: str = "", events: int = 100) -> ReportResult:
    """Collect, render and write the report to ``out`` (its folder is created); atomically."""
    data = collect(con, where, database=database, events=events)
    page = render(data)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    partial.write_text(page, encoding="utf-8")
    partial.replace(out)
    log.info("report of %s (%s) written to %s", database or "the warehouse", where.describe(), out)
    return ReportResult(out, data.event_count, len(data.places), len(data.events), where, data.uncharted_events)


def report_markdown(result: ReportResult, data_totals: dict[str, int] | None = None) -> str:
    """A short markdown summary of a written report, for a Prefect artifact."""
    from wirehouse.report.summary import md_cell

    lines = [
        "# wirehouse report",
        "",
        f"[Open the report]({result.path.resolve().as_uri()}) (`{md_cell(result.path, 300)}`, one HTML file that "
        "works offline)",
        "",
        "| | |",
        "|---|---|",
        f"| events covered | {result.events} ({md_cell(result.filter.describe())}) |",
        f"| places on the map | {result.places} |",
        f"| events listed with their evidence | {result.listed} |",
    ]
    for key, value in (data_totals or {}).items():
        lines.append(f"| {md_cell(key)} | {value} |")
    return "\n".join(lines) + "\n"

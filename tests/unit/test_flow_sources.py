"""The sources file the scheduled crawl reads (flows/service.py), and prefect.yaml's deployments."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.flow_files import load_flow_file
from wirehouse.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def service():
    return load_flow_file("service")


def test_sources_file_lists(service, tmp_path):
    (tmp_path / "saved").mkdir()
    path = tmp_path / "sources.yaml"
    path.write_text("feeds: [' https://a.example/rss ']\nsitemaps:\n  - https://b.example/sitemap.xml\n"
                    "urls: []\nhtml_dir: saved\n", encoding="utf-8")
    spec = service.read_sources_file(path)
    assert spec.feeds == ("https://a.example/rss",)
    assert spec.sitemaps == ("https://b.example/sitemap.xml",)
    assert spec.urls == () and spec.html_dir == (tmp_path / "saved").resolve()


@pytest.mark.parametrize("text, words", [
    ("feeds: https://a.example/rss\n", "list of URLs"),
    ("feed: [https://a.example/rss]\n", "unknown: feed"),
    ("feeds: []\n", "nothing to crawl"),
    ("- just a list\n", "mapping"),
    ("feeds: [unclosed\n", "not valid YAML"),
    ("html_dir: missing\n", "not a folder"),
])
def test_bad_sources_file_says_what_to_fix(service, tmp_path, text, words):
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=words) as info:
        service.read_sources_file(path)
    assert str(path) in str(info.value)


def test_missing_sources_file_names_the_setting_and_the_example(service, tmp_path):
    with pytest.raises(ConfigError, match="WIREHOUSE_SOURCES_FILE") as info:
        service.read_sources_file(tmp_path / "nope.yaml")
    assert "cp sources.example.yaml" in str(info.value)
    assert service.EXAMPLE_SOURCES.is_file()


def test_the_example_sources_file_becomes_a_working_one(service, tmp_path):
    # as shipped it is all comments: the error says what to add
    with pytest.raises(ConfigError, match="nothing to crawl"):
        service.read_sources_file(service.EXAMPLE_SOURCES)
    # uncommenting its example lines gives a valid file with every kind of source
    text = service.EXAMPLE_SOURCES.read_text(encoding="utf-8")
    lines = [line.replace("  # - ", "  - ") for line in text.splitlines() if "opml" not in line and "my-feeds" not in line]
    path = tmp_path / "sources.yaml"
    path.write_text("\n".join(lines).replace("warc:\n  - archive/", "warc: []"), encoding="utf-8")
    spec = service.read_sources_file(path)
    assert spec.feeds and spec.sitemaps and spec.urls and spec.spider and not spec.problems


def test_unusable_entries_are_reported_and_skipped(service, tmp_path, caplog):
    path = tmp_path / "sources.yaml"
    path.write_text("feeds: [https://a.example/rss, ftp://b.example/rss, 'www.c.example/feed']\n"
                    "urls: ['https://d.example/a b']\n", encoding="utf-8")
    with caplog.at_level("WARNING"):
        spec = service.read_sources_file(path)
    assert spec.feeds == ("https://a.example/rss",) and spec.urls == ()
    messages = [r.message for r in spec.problems]
    assert messages == [
        f"{path} feeds item 2: 'ftp://b.example/rss' is not an http(s) URL (scheme ftp:); skipped, the other "
        "sources are crawled",
        f"{path} feeds item 3: 'www.c.example/feed' is not an http(s) URL (no scheme: add https://); skipped, the "
        "other sources are crawled",
        f"{path} urls item 1: 'https://d.example/a b' contains spaces or control characters; skipped, the other "
        "sources are crawled",
    ]
    assert [r.message for r in caplog.records if r.levelname == "WARNING"] == messages


def test_prefect_yaml_entrypoints_exist(service):
    config = yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))
    names = {d["name"]: d for d in config["deployments"]}
    assert {"hourly", "daily", "demo"} <= set(names)
    for deployment in config["deployments"]:
        path, func = deployment["entrypoint"].split(":")
        assert (REPO / path).is_file()
        flow = getattr(service, func)
        assert flow.name == deployment["flow_name"]
        assert set(deployment["parameters"]) <= set(flow.parameters.properties)
        assert deployment["work_pool"]["name"] == "process"
    assert names["hourly"]["schedules"][0]["cron"].endswith("* * * *")


def test_sources_file_new_kinds_and_crawl_options(service, tmp_path):
    (tmp_path / "feeds.opml").write_text(
        '<?xml version="1.0"?><opml version="2.0"><head/><body>'
        '<outline text="A" type="rss" xmlUrl="https://a.example/rss"/>'
        '<outline text="C" type="rss" xmlUrl="https://c.example/feed.xml"/></body></opml>', encoding="utf-8")
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "batch-0001.warc.gz").write_bytes(b"")
    path = tmp_path / "sources.yaml"
    path.write_text("feeds: [https://a.example/rss]\nopml: [feeds.opml]\nwarc: [archive]\n"
                    "spider: [https://d.example/]\nspider_depth: 1\nspider_max_pages: 30\n"
                    "spider_include: ['/news/']\nsince: 2026-03-01\nuntil: '2026-03-31T12:00'\n", encoding="utf-8")
    spec, options = service.read_sources(path)
    assert spec.feeds == ("https://a.example/rss", "https://c.example/feed.xml")  # the OPML's, once each
    assert spec.warc == ((tmp_path / "archive").resolve(),)
    assert spec.spider == ("https://d.example/",)
    settings = service.flow_settings(None, **options)
    assert (settings.spider_depth, settings.spider_max_pages, settings.spider_include) == (1, 30, ("/news/",))
    assert settings.since.isoformat() == "2026-03-01T00:00:00" and settings.until.isoformat() == "2026-03-31T12:00:00"


@pytest.mark.parametrize("text, words", [
    ("spider: [https://d.example/]\nspider_depth: two\n", "whole number"),
    ("feeds: [https://a.example/rss]\nsince: last week\n", "not an ISO date"),
    ("spider: [https://d.example/]\nspider_include: '/news/'\n", "list of regular expressions"),
    ("opml: [missing.opml]\n", "cannot read OPML"),
    ("warc: [nowhere]\n", "does not exist"),
])
def test_bad_crawl_options_say_what_to_fix(service, tmp_path, text, words):
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=words) as info:
        service.read_sources(path)
    assert str(path) in str(info.value)


def test_flow_parameters_reach_the_spec_and_settings(service, tmp_path):
    (tmp_path / "one.warc").write_bytes(b"")
    spec = service.source_spec(feeds=["https://a.example/rss"], spider=["https://d.example/"],
                               warc=[str(tmp_path / "one.warc")])
    assert spec.spider == ("https://d.example/",) and spec.warc == (tmp_path / "one.warc",)
    with pytest.raises(ConfigError, match="spider_max_pages"):
        service.flow_settings(None, spider_max_pages="many")


def test_reprocess_deployment_and_flow(service, tmp_path):
    config = yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))
    names = {d["name"]: d for d in config["deployments"]}
    assert names["reprocess"]["entrypoint"] == "flows/service.py:wirehouse_reprocess"
    assert "schedules" not in names["reprocess"]
    flow = service._pipeline.wirehouse_pipeline
    assert {"opml", "warc", "spider", "spider_depth", "spider_max_pages", "since", "until"} <= set(flow.parameters.properties)
    with pytest.raises(ConfigError, match="no WARC archive"):
        service.wirehouse_reprocess.fn(archive=str(tmp_path / "none"))

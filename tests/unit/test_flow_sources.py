"""The sources file the scheduled crawl reads (flows/service.py), and prefect.yaml's deployments."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

from wirehouse.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def service():
    name = "wirehouse_flows_service"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "flows" / "service.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


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


def test_missing_sources_file_names_the_setting(service, tmp_path):
    with pytest.raises(ConfigError, match="WIREHOUSE_SOURCES_FILE"):
        service.read_sources_file(tmp_path / "nope.yaml")


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

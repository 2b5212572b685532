"""Every case of the nasty corpus through the targets that read its kind, in the sandbox."""

from __future__ import annotations

import pytest

from tests.fuzz.nasty import CORPUS_DIR, cases, small_cases
from tests.fuzz.sandbox import OK_KINDS

TARGETS = {"html": ("extract", "clean"), "feed": ("feed",), "sitemap": ("sitemap",), "opml": ("opml",),
           "warc": ("warc",)}


def as_input(target: str, data: bytes):
    if target == "clean":
        return {"url": "http://fuzz.example/2026/03/a", "status": 200, "content_type": "text/html", "charset": None,
                "body": data}
    return data


@pytest.mark.parametrize("case", cases(), ids=lambda c: f"{c.kind}/{c.name}")
def test_nasty_case(sandbox, case):
    data = case.make()
    for target in TARGETS[case.kind]:
        outcome = sandbox.run(target, as_input(target, data))
        assert outcome.kind in OK_KINDS, f"{target} on {case.kind}/{case.name}: {outcome.kind} ({outcome.detail})"


def test_external_entities_are_not_resolved(sandbox):
    for case in cases():
        if "xxe" in case.name or "external-dtd" in case.name or "xinclude" in case.name:
            for target in TARGETS[case.kind]:
                sandbox.run(target, as_input(target, case.make()))
    assert sandbox.loopback_hits == 0


def test_corpus_files_are_what_the_generator_writes():
    written = {p.relative_to(CORPUS_DIR).as_posix(): p.read_bytes() for p in CORPUS_DIR.rglob("*") if p.is_file()}
    made = {f"{c.kind}/{c.name}": c.make() for c in small_cases()}
    assert written == made, "run `python -m tests.fuzz.nasty` to write tests/fixtures/nasty/ again"

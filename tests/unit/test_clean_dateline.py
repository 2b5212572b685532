import pytest

from wirehouse.clean.dateline import find_dateline


@pytest.mark.parametrize(
    "text,place",
    [
        ("BEIRUT, LEBANON (12:50 P.M.) – Moments ago, Iraqi forces advanced.", "BEIRUT, LEBANON"),
        ("KYIV, Ukraine (HW) — Ukrainian forces said on Monday.", "KYIV, Ukraine"),
        ("BAGHDAD — The Iraqi army retook the town.", "BAGHDAD"),
        ("WASHINGTON (Reuters) - The State Department said.", "WASHINGTON"),
        ("NEW DELHI: India and Pakistan exchanged fire.", "NEW DELHI"),
        ("Caption of a photo\n\nBOGOTA, COLOMBIA (9:15 A.M.) – Rebels attacked.", "BOGOTA, COLOMBIA"),
    ],
)
def test_dateline_found(text, place):
    assert find_dateline(text) == place


@pytest.mark.parametrize(
    "text",
    [
        "The army — backed by militias — advanced.",
        "US officials said the talks would resume.",
        "UPDATE: the ministry corrected its figures.",
        "EDITOR'S NOTE: this story was updated.",
        "",
        None,
    ],
)
def test_no_dateline(text):
    assert find_dateline(text) is None


def test_dateline_stays_in_text():
    from wirehouse.clean.boilerplate import clean_text

    text = "BAGHDAD — The Iraqi army retook the town on Sunday after a three-day assault."
    assert clean_text(text).startswith("BAGHDAD — ")

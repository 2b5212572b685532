"""The boilerplate pass: the seed page's residue goes, its article sentences stay."""

from pathlib import Path

import pytest

from wirehouse.clean.boilerplate import clean_text, remove_boilerplate

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "amn-2017-10-20-anbar.txt"

ARTICLE_SENTENCES = [
    "BEIRUT, LEBANON (12:50 P.M.) – Moments ago, Iraqi pro-government forces commenced their long awaited "
    "operation to completely destroy the Islamic State’s caliphate in Iraq.",
    "According to reports from military-affiliated sources, the Iraqi Army and the Popular Mobilization Forces "
    "have kicked-off their campaign to liberate western Anbar province from ISIS militants.",
    "Most of the jihadist faction’s fighters are most likely stationed throughout the middle Eurphrates valley.",
    "Two key strongholds held by ISIS in western Anbar are the towns of Rawa and Al-Qa’im (Iraqi-Syrian border).",
    "in the country’s northwest.",
]
RESIDUE = [
    "Share this article", "•", "ALSO READ", "Kurdish strongholds amid broad front", "RELATED ARTICLES",
    "MORE FROM AUTHOR", "Notice: All comments", "not spam", "held for moderation", "Discuss",
    "Be the First to Comment", "Notify of", "avatar", "wpDiscuz", "AFP PHOTO", "MOADH AL-DULAIMI",
]


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed text not found at {SEED} (../shared is absent)")
    return SEED.read_text(encoding="utf-8")


def test_seed_residue_removed_and_sentences_kept(seed_text):
    cleaned = clean_text(seed_text)
    for sentence in ARTICLE_SENTENCES:
        assert sentence in cleaned
    for residue in RESIDUE:
        assert residue not in cleaned, residue


def test_seed_keeps_five_paragraphs_blank_line_separated(seed_text):
    cleaned = clean_text(seed_text)
    paragraphs = cleaned.split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("BEIRUT, LEBANON")


def test_removals_are_reported_with_rules(seed_text):
    _, removed = remove_boilerplate(seed_text)
    rules = {r.rule for r in removed}
    assert {"share_bar", "empty_bullets", "teaser", "comments", "comment_notice", "photo_caption"} <= rules


@pytest.mark.parametrize(
    "line",
    [
        "READ MORE: Turkish jets strike PKK positions in northern Iraq",
        "Read more: Turkish jets strike PKK positions",
        "Related Articles",
        "Sign up for our daily newsletter to get the latest headlines.",
        "We use cookies to improve your experience. By continuing you accept our cookie policy.",
        "Leave a Reply",
        "12 Comments",
        "Photo: Sami Adel",
        "This story was first published by Harbor Wire.",
        "Share on Facebook",
    ],
)
def test_general_news_boilerplate_lines(line):
    text = f"The army said it had retaken the town after three days of fighting.\n{line}\nOfficials said twelve people died."
    cleaned = clean_text(text)
    assert line not in cleaned
    assert "retaken the town" in cleaned and "twelve people died" in cleaned


@pytest.mark.parametrize(
    "line",
    [
        "The ministry declined to comment on the report.",
        "Read more about the agreement was not possible, the spokesman said, because the text was secret.",
        "Protesters shared photos of the march on social media.",
        "By Tuesday, the militants had withdrawn from the town.",
        "Related talks will resume in Geneva next week, the UN said.",
    ],
)
def test_article_sentences_survive(line):
    text = f"First paragraph of the story, long enough to count.\n{line}"
    assert line in clean_text(text)


def test_inline_photo_credit_cut_out_of_sentence():
    text = "Soldiers patrol the old city (Photo: Sami Adel) as residents return home after the fighting ended."
    assert clean_text(text) == "Soldiers patrol the old city as residents return home after the fighting ended."


def test_byline_repeated_in_body_removed():
    text = "By Harbor Wire\nThe port reopened on Monday after a week-long strike by dockworkers."
    assert clean_text(text, author="Harbor Wire") == "The port reopened on Monday after a week-long strike by dockworkers."
    text = "Dana Keller\nThe port reopened on Monday."
    assert clean_text(text, author="Dana Keller") == "The port reopened on Monday."


def test_nothing_left_is_none():
    assert clean_text("Share this article:\n•\n•") is None
    assert clean_text("") is None


@pytest.mark.parametrize(
    "line",
    [
        "SIGN UP FOR OUR NEWSLETTER",
        "Sign up for our newſletter",  # "ſ" matches "s" when case is ignored, though lower() keeps it
        "Get the best stories delivered straight to your İNBOX",
        "WE USE COOKİES TO IMPROVE YOUR EXPERIENCE. BY CONTINUING YOU ACCEPT OUR POLICY.",
        "Soldiers patrol the old city (PHOTO: Sami Adel)",
        "Smoke rises over the market / AFP PHOTO / MOADH AL-DULAIMI",
    ],
)
def test_word_prefilter_keeps_every_match(line):
    """The substring tests that skip the slow searches never skip a line they would match."""
    text = f"The army said it had retaken the town after three days of fighting.\n{line}"
    assert clean_text(text) == "The army said it had retaken the town after three days of fighting."

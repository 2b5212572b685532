"""Main-text candidates and the choice between them (wirehouse.clean.candidates)."""

from lxml.html import fromstring

from wirehouse.clean.candidates import (
    CASCADE,
    DENSITY,
    MAIN,
    agreement,
    choose_main_text,
    density_text,
    shingles,
)

STORY = [
    "Government troops launched a broad offensive on Tuesday against rebel positions around the northern "
    "city, the army spokesman told reporters in the capital after a night of heavy shelling.",
    "According to officials, the fighting forced more than two thousand families to leave their homes, and "
    "aid agencies said their convoys could not reach the area for a third consecutive day.",
    "The rebel leader rejected the offer of talks and accused the army of shelling residential districts, a "
    "charge the defence ministry denied in a statement released on Wednesday morning.",
]


def page(body: str) -> str:
    return ("<html><head><title>Offensive</title></head><body><nav><a href='/'>Home</a> <a href='/w'>World</a>"
            f"</nav>{body}<footer>Copyright 2026 Example News</footer></body></html>")


def test_agreement_is_a_dice_coefficient_of_word_4grams():
    text = " ".join(STORY)
    assert agreement(text, text) == 1.0
    assert agreement(text, "") == 0.0 and agreement(None, text) == 0.0
    assert agreement(STORY[0], STORY[1]) == 0.0
    half = agreement(STORY[0] + " " + STORY[1], STORY[0])
    assert 0.5 < half < 0.8
    assert shingles("one two three") == {("one", "two", "three")}  # a short text is one shingle


def test_a_plain_article_page_takes_the_main_extractor_without_the_cascade():
    tree = fromstring(page("<article>" + "".join(f"<p>{p}</p>" for p in STORY) + "</article>"))
    choice = choose_main_text(tree)
    assert choice.chosen == MAIN
    assert set(choice.candidates) == {MAIN, DENSITY}  # the cheapest witness agreed: nothing else ran
    assert choice.agreement >= 0.6
    assert all(p in choice.text for p in STORY)
    assert "Copyright" not in choice.text


def test_the_cascade_decides_when_the_candidates_disagree():
    tree = fromstring(page("<div><span>Menu</span></div>"))  # nothing for a witness to agree on
    choice = choose_main_text(tree)
    assert choice.chosen == CASCADE
    assert CASCADE in choice.candidates


def test_density_finds_the_block_of_prose_paragraphs_not_the_link_list():
    links = "".join(f"<p><a href='/s{i}'>Another story headline number {i} in the list</a></p>" for i in range(12))
    html = page(f"<div class='links'>{links}</div><div class='story'>" + "".join(f"<p>{p}</p>" for p in STORY)
                + "</div>")
    text = density_text(fromstring(html))
    assert all(" ".join(p.split()) in text for p in STORY)
    assert "Another story" not in text
    assert density_text(fromstring(page("<div>short</div>"))) is None


def test_the_tree_is_not_changed():
    html = page("<article>" + "".join(f"<p>{p}</p>" for p in STORY) + "</article>")
    tree = fromstring(html)
    before = len(list(tree.iter()))
    choose_main_text(tree)
    assert len(list(tree.iter())) == before

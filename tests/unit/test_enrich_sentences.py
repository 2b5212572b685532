from hypothesis import given, settings, strategies as st

from wirehouse.enrich.sentences import find_dateline, split_sentences, tokenize


def test_abbreviations_and_initials_do_not_split():
    text = "Gen. Smith met Mr. Jones in the U.S. on Monday. J. R. Doe said no! Then \"Quotes.\" End."
    spans = [text[s.start:s.end] for s in split_sentences(text)]
    assert spans[0] == "Gen. Smith met Mr. Jones in the U.S. on Monday."
    assert spans[1] == "J. R. Doe said no!"
    assert len(spans) == 4


def test_blank_lines_split_paragraphs():
    text = "Headline without stop\n\nBody starts here. Second one."
    spans = [text[s.start:s.end] for s in split_sentences(text)]
    assert spans == ["Headline without stop", "Body starts here.", "Second one."]


def test_dateline():
    assert find_dateline("BEIRUT, LEBANON (12:50 P.M.) – Moments ago") == "BEIRUT, LEBANON"
    assert find_dateline("Nothing here at all.") is None


def test_tokenize_possessive_and_negation():
    toks = [t for t, _, _ in tokenize("Ukraine's army didn't go.")]
    assert toks == ["Ukraine", "'s", "army", "did", "n't", "go", "."]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\"'AZ9’”U.S")), max_size=200))
def test_sentence_offsets_are_exact(text):
    prev_end = 0
    for s in split_sentences(text):
        piece = text[s.start:s.end]
        assert piece and piece == piece.strip()
        assert s.start >= prev_end
        prev_end = s.end


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_sentence_and_token_offsets_arbitrary_text(text):
    for s in split_sentences(text):
        assert text[s.start:s.end].strip() == text[s.start:s.end] != ""
    for tok, a, b in tokenize(text):
        assert text[a:b] == tok

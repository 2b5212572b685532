import pytest

from wirehouse.clean.language import detect_language

pytest.importorskip("py3langid", reason="py3langid is not installed: add py3langid to pyproject/requirements.lock")


def test_languages():
    assert detect_language("The Iraqi army launched an offensive against Islamic State militants in western Anbar.") == "en"
    assert detect_language("Die Bundesregierung hat am Dienstag neue Sanktionen gegen Russland beschlossen.") == "de"
    assert detect_language("Le gouvernement malien a annoncé mardi la suspension des pourparlers avec les rebelles.") == "fr"


def test_too_little_text_gives_none():
    assert detect_language("OK 42") is None
    assert detect_language("") is None
    assert detect_language(None) is None


def test_vectorised_ngram_counts_are_py3langid_counts():
    import numpy as np
    from py3langid.langid import MODEL_FILE, LanguageIdentifier, visit_counts

    from wirehouse.clean.language import _NGRAM_MAX_BYTES, _identifier, ngram_counts

    stock = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    moves = np.frombuffer(stock.tk_nextmove, dtype=np.dtype(stock.tk_nextmove.typecode))
    bases, outputs = np.asarray(stock._rowbase), np.asarray(stock.tk_output)
    texts = ["", "a", "ab", "The army said on Monday that the road was open again.", "Genève, Zürich, Besançon",
             "Příliš žluťoučký kůň úpěl ďábelské ódy.", "Привет, мир", "日本語のテキストです。", "x" * 40]
    for text in texts:
        data = text.encode("utf-8")
        expected = visit_counts(stock.tk_nextmove, stock._rowbase, stock.tk_output, data) or {}
        got = ngram_counts(moves, bases, outputs, data, _NGRAM_MAX_BYTES)
        assert list(got.items()) == list(expected.items()), text  # same counts, same order
        if len(text) > 3:
            assert _identifier().classify(text) == stock.classify(text)


def test_automaton_depth_fits_the_vectorised_walk():
    """ngram_counts is exact only if no state of the model's automaton is deeper than
    _NGRAM_MAX_BYTES bytes from the start state (its longest n-gram)."""
    import numpy as np
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from wirehouse.clean.language import _NGRAM_MAX_BYTES

    model = LanguageIdentifier.from_model_file(MODEL_FILE)
    moves = np.frombuffer(model.tk_nextmove, dtype=np.dtype(model.tk_nextmove.typecode))
    bases = np.asarray(model._rowbase, dtype=np.int64)
    seen = np.zeros(len(bases), dtype=bool)
    seen[0] = True
    frontier, depth = np.array([0]), 0
    while len(frontier):
        following = np.unique(moves[(bases[frontier][:, None] + np.arange(256)).ravel()])
        frontier = following[~seen[following]]
        seen[frontier] = True
        depth += bool(len(frontier))
    assert seen.all()
    assert depth <= _NGRAM_MAX_BYTES

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

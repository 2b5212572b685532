"""An ALL-CAPS dateline names the reporter's town, also after a byline's date and when the town is
small or its name is several words."""


def _places(enricher, text):
    return {p.text: p for p in enricher.enrich(text).places}


def test_a_dateline_after_a_bylines_date_is_the_town(enricher):
    ps = _places(enricher, "By Ann Lee Staff Writer April 2, 2010 PATASKALA -- Council members met on Monday.")
    assert ps["PATASKALA"].country_code == "USA" and ps["PATASKALA"].admin1 == "OH"


def test_a_dateline_of_several_words_or_without_a_mark_at_the_head(enricher):
    ps = _places(enricher, "Vote set. ISLE OF PALMS — Two members of the planning board will run for council.")
    assert ps["ISLE OF PALMS"].admin1 == "SC"
    ps = _places(enricher, "LONDON The latest on the inquiry into the poisoning.")
    assert ps["LONDON"].country_code == "GBR"


def test_capitals_inside_a_sentence_are_no_dateline(enricher):
    # a heading or an acronym in the middle of a text stays no place
    ps = _places(enricher, "Officials said the NEWARK - based firm would close; the MOBILE (phone) unit too.")
    assert "NEWARK" not in ps and "MOBILE" not in ps

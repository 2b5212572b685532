"""A large city's name before another capitalised word is the city ("Seattle Seahawks", "Oakland
Athletics"); a small town's, or a first name's, is still read as a person's name ("Dyer Kowalski")."""


def _places(enricher, text):
    return {p.text: p for p in enricher.enrich(text).places}


def test_a_large_citys_team_or_body_is_the_city(enricher):
    ps = _places(enricher, "The Rangers beat the Oakland Athletics 6-3, and Buffalo Bisons fans cheered.")
    assert ps["Oakland"].admin1 == "CA" and ps["Buffalo"].country_code == "USA"
    ps = _places(enricher, "He worked with Seattle Fire crews at every home game.")
    assert ps["Seattle"].admin1 == "WA"


def test_a_small_town_or_a_first_name_before_a_surname_is_a_person(enricher):
    ps = _places(enricher, "Reporters met Dyer Kowalski and Madison Keys on Friday.")
    assert "Dyer" not in ps and "Madison" not in ps


def test_an_acronym_after_a_persons_name_is_no_surname(enricher):
    # "US" read as Henry Lazenby's surname had taken every "US" of the text with it
    text = "China filed a dispute over US tariffs. By: Henry Lazenby US-based Alcoa signed a deal."
    assert "US" in _places(enricher, text)


def test_a_large_citys_name_before_a_surname_the_text_repeats_is_a_first_name(enricher):
    # a city's name is a first name too ("Memphis Depay"): the surname used again on its own tells
    text = "Memphis Vandermeer scored twice in Lagos on Sunday. Vandermeer joined the club in 2019."
    ps = _places(enricher, text)
    assert "Memphis" not in ps and "Lagos" in ps
    # a team named again on its own is a plural: the city's
    assert "Oakland" in _places(enricher, "The Oakland Athletics won again. The Athletics lead the league.")

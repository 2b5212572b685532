"""A people's name that only small towns bear is the people, unless the text says it is the town."""


def _places(enricher, text):
    return {p.text: p for p in enricher.enrich(text).places}


def test_a_peoples_name_is_no_small_town(enricher):
    ps = _places(enricher, "Leaders of the Igbo met in Enugu, Nigeria, where an Igbo elder spoke.")
    assert "Igbo" not in ps and ps["Nigeria"].country_code == "NGA"
    ps = _places(enricher, "Farid Arab, a 30-year-old from Homs, waited in Athens for a ferry to Greece.")
    assert "Arab" not in ps


def test_without_the_people_the_capital_keeps_its_namesakes_away(enricher):
    # a people read as Arab, Alabama had carried Athens to Athens, Alabama (both in one state)
    text = ("Zein Arab, a 31-year-old from Aleppo, has waited on Lesbos for a year. "
            "He dreams of Athens. Greece has taken in thousands like him.")
    ps = _places(enricher, text)
    assert ps["Athens"].country_code == "GRC"


def test_the_town_of_a_peoples_name_where_the_text_says_so(enricher):
    ps = _places(enricher, "A tornado struck Arab, Ala., and Guntersville on Tuesday.")
    assert ps["Arab"].country_code == "USA" and ps["Arab"].admin1 == "AL"
    ps = _places(enricher, "Arab police closed the road near Guntersville, Alabama.")
    assert ps["Arab"].country_code == "USA"


def test_a_peoples_name_that_a_large_place_bears_stays_that_place(enricher):
    # "Roma" is also Rome's name
    ps = _places(enricher, "The summit was held in Roma, the Italian capital.")
    assert ps["Roma"].country_code == "ITA"

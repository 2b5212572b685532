"""Longer names read as the place inside them: features named after a state or a country, country
names in other languages inside another name, and the demonyms of regions."""


def _places(enricher, text):
    return {p.text: p for p in enricher.enrich(text).places}


def test_a_water_body_or_landform_named_after_a_state_or_country_is_not_there(enricher):
    ps = _places(enricher, "Barges stalled on the Ohio River while shrimpers in the Gulf of Mexico waited.")
    assert "Ohio" not in ps and "Mexico" not in ps and "Gulf" not in ps
    r = enricher.enrich("Shrimpers in the Gulf of Mexico waited for the storm.")
    assert all(a.country_code != "MEX" for a in r.actors)
    ps = _places(enricher, "Talks on the Korean Peninsula and oil in the Niger Delta worried Nigeria.")
    assert set(ps) == {"Nigeria"}
    # the state or country named alone is still a place
    ps = _places(enricher, "Barges stalled in Ohio; the ship later sailed to Mexico.")
    assert ps["Ohio"].feature_kind == "admin1" and ps["Mexico"].country_code == "MEX"


def test_a_feature_named_after_a_town_keeps_the_town(enricher):
    ps = _places(enricher, "A body was found in the Sacramento River near Sacramento, California.")
    assert ps["Sacramento"].admin1 == "CA" and ps["Sacramento"].feature_kind == "city"


def test_a_street_named_after_a_state_is_not_in_it(enricher):
    ps = _places(enricher, "Marchers walked down Pennsylvania Avenue in Washington, D.C., on Monday.")
    assert "Pennsylvania" not in ps and ps["Washington"].admin1 == "DC"
    # nor is a country's: a street of Lebanon Street codes no Lebanese actor
    r = enricher.enrich("Work on Lebanon Street begins Monday, the superintendent said.")
    assert all(a.country_code != "LBN" for a in r.actors) and not r.places


def test_a_countrys_embassy_is_the_countrys_but_not_where_things_happen(enricher):
    r = enricher.enrich("Protesters threw stones at the Russian Embassy in Kabul on Monday.")
    ps = {p.text: p for p in r.places}
    assert ps["Russian"].country_code == "RUS" and ps["Russian"].in_name
    assert not ps["Kabul"].in_name
    assert any(a.country_code == "RUS" for a in r.actors)
    assert all(e.place is None or e.place.text != "Russian" for e in r.events)


def test_a_feature_named_after_a_state_is_no_event_place(enricher):
    r = enricher.enrich("Rebels attacked a barge on the Mississippi River, police said.")
    assert all(e.place is None or e.place.name != "Mississippi" for e in r.events)
    assert "Mississippi" not in {p.text for p in r.places}


def test_a_country_name_in_another_language_inside_a_name_is_no_country(enricher):
    # "Island" is Iceland's name in Icelandic
    ps = _places(enricher, "He runs a ferry to Fire Island and to Hamilton Island from New York.")
    assert all(p.country_code != "ISL" for p in ps.values())
    r = enricher.enrich("He runs a ferry to Fire Island every summer.")
    assert all(a.country_code != "ISL" for a in r.actors)
    # a common word the text also writes in lower case, inside another name
    ps = _places(enricher, "Cooks can call the Butterball Turkey Talk Line about the turkey.")
    assert "Turkey" not in ps
    # a country's English name after "The" is the country ("Korea" is English as in "South Korea")
    r = enricher.enrich("The Korea Baseball Organization postponed games in Seoul.")
    assert "KOR" in {a.country_code for a in r.actors}
    # a country's English name inside another name stays the country, marked as part of a name
    ps = _places(enricher, "The plane of Air Zimbabwe landed in Harare.")
    assert ps["Zimbabwe"].country_code == "ZWE" and ps["Zimbabwe"].in_name


def test_a_region_demonym_is_no_country(enricher):
    r = enricher.enrich("Central American migrants crossed into Mexico, Latin American leaders said.")
    assert all(p.country_code != "USA" for p in r.places)
    assert all(a.country_code != "USA" for a in r.actors)
    # the country's own adjective is still the country
    r = enricher.enrich("American officials met Mexican officials in Mexico City.")
    assert "USA" in {a.country_code for a in r.actors}
    assert "USA" in {p.country_code for p in r.places}

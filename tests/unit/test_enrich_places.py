def test_city_and_country(enricher):
    text = "Fighting was reported in Kabul, Afghanistan, and in Paris."
    ps = {p.text: p for p in enricher.enrich(text).places}
    assert ps["Kabul"].country_code == "AFG" and ps["Kabul"].feature_kind == "city"
    assert ps["Afghanistan"].feature_kind == "country"
    assert ps["Paris"].country_code == "FRA"
    for p in ps.values():
        assert text[p.start:p.end] == p.text and p.lat is not None


def test_context_disambiguation(enricher):
    ps = {p.text: p for p in enricher.enrich("Officials in Texas said Paris residents were safe.").places}
    assert ps["Paris"].country_code == "USA"


def test_common_words_are_not_places(enricher):
    ps = {p.text for p in enricher.enrich("Police said Of the 12 people, most ran a Marathon in Mobile homes.").places}
    assert not ps & {"Police", "Of", "Marathon", "Mobile"}


def test_province_cue(enricher):
    ps = {p.text: p for p in enricher.enrich("Troops entered Anbar province in Iraq.").places}
    assert ps["Anbar"].feature_kind == "admin1" and ps["Anbar"].country_code == "IRQ"


def test_capital_before_same_named_state(enricher):
    ps = {p.text: p for p in enricher.enrich("Officials in Washington said the talks would go on.").places}
    assert ps["Washington"].feature_kind == "city" and abs(ps["Washington"].lat - 38.9) < 0.5
    ps = {p.text: p for p in enricher.enrich("Fires spread across Washington state on Monday.").places}
    assert ps["Washington"].feature_kind == "admin1"


def test_region_coordinates_from_its_towns(enricher):
    ps = {p.text: p for p in enricher.enrich("Floods hit Tamil Nadu state in India.").places}
    assert ps["Tamil Nadu"].feature_kind == "admin1" and 8 < ps["Tamil Nadu"].lat < 14


def test_surname_after_full_name_is_not_a_place(enricher):
    ps = {p.text for p in enricher.enrich("On Monday Paul Allen spoke first. Later, Allen left the room.").places}
    assert "Allen" not in ps


def test_all_caps_dateline_city(enricher):
    ps = {p.text: p for p in enricher.enrich("NAIROBI, Kenya - Police said the road was closed.").places}
    assert ps["NAIROBI"].country_code == "KEN"

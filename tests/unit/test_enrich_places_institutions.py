"""A place inside an institution's name is reported as that place (both geoparsing dev sets annotate
it so: "Ohio" of "Ohio State University", "America" of "Bank of America") but marked as part of a
name, so it is never where an event happens; its country still names the institution's actors."""


def _places(enricher, text):
    return {p.text: p for p in enricher.enrich(text).places}


def test_an_institution_of_a_place_marks_the_place_as_part_of_a_name(enricher):
    ps = _places(enricher, "Shares of the Bank of America rose while the Church of England met in York.")
    assert ps["America"].country_code == "USA" and ps["America"].in_name
    assert ps["England"].in_name and not ps["York"].in_name


def test_a_universitys_place_still_names_its_actors(enricher):
    r = enricher.enrich("The University of Alberta sued the province on Monday.")
    ps = {p.text: p for p in r.places}
    assert ps["Alberta"].in_name and ps["Alberta"].country_code == "CAN"
    assert "CANEDU" in {a.code for a in r.actors}


def test_a_states_university_or_team_is_part_of_a_name(enricher):
    r = enricher.enrich("Mississippi State beat Oregon in overtime in Tampa, Florida.")
    ps = {p.text: p for p in r.places}
    assert ps["Mississippi"].in_name and not ps["Tampa"].in_name
    # the school's state is not where its students' act happens (an event there to be placed)
    ev = enricher.enrich("Mississippi State students protested against the Chinese ambassador on Monday.").events
    assert ev and all(e.place is None or e.place.text != "Mississippi" for e in ev)
    assert _places(enricher, "A Texas A&M study found rising seas.")["Texas"].in_name


def test_a_states_own_bodies_and_states_named_state_are_no_school(enricher):
    assert not _places(enricher, "Iowa State Patrol troopers stopped the car near Ames.")["Iowa"].in_name
    ps = _places(enricher, "Gunmen killed 12 villagers in Enugu State, Nigeria.")
    assert all(not p.in_name for p in ps.values())

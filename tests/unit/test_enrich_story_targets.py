"""Targets an event takes from the story rather than its sentence, and the source named again."""

FILLER = " ".join(f"Rain fell on the town for the {n} day." for n in ("first", "second", "third", "fourth", "fifth"))


def triples(enricher, text):
    return {(e.source_actor, e.code[:2], e.target_actor) for e in enricher.enrich(text).events}


def test_the_storys_pair_supplies_the_unnamed_target_of_the_next_sentences(enricher):
    text = "Russia accused Ukraine of shelling the plant. The Russian foreign ministry demanded an investigation."
    assert ("RUSGOV", "10", "UKR") in triples(enricher, text)


def test_the_storys_pair_is_not_carried_far_down_the_story(enricher):
    text = ("Russia accused Ukraine of shelling the plant. " + FILLER
            + " The Russian foreign ministry demanded an investigation.")
    assert not any(s == "RUSGOV" for s, _r, _t in triples(enricher, text))


def test_another_entity_with_the_sources_code_is_a_target(enricher):
    # one code for two bodies of a state: the minister is not the officials named again
    text = "Indian officials demanded the resignation of Haryana's home minister over the police action."
    assert ("INDGOV", "10", "INDGOV") in triples(enricher, text)


def test_the_source_named_again_is_no_target(enricher):
    text = "President Barack Obama said Obama would not meet the rebels."
    assert all(t != "USAGOV" for _s, _r, t in triples(enricher, text))


def test_a_death_from_illness_is_no_event(enricher):
    # "a long battle with lung cancer" is no act of force, whoever died
    result = enricher.enrich("Former Dayton councilman John Days died Wednesday after a long battle with lung cancer.")
    assert not result.events
    assert [e.flag for e in result.flagged] == ["accident"]


def test_an_investigation_targets_the_storys_latest_use_of_force(enricher):
    text = ("Police in Basra fired live rounds at protesters on Monday. "
            "Basra's governor ordered an investigation into the use of live ammunition.")
    assert any(s == "IRQGOV" and r == "09" and t == "IRQCOP" for s, r, t in triples(enricher, text))

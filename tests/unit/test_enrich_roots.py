"""Wrong roots of shown political events, fixed as classes: a noun read as the predicate, a reduced
relative taken for the main verb, a request denied, a vow to stage a sit-in, a swearing-in, an
order to disband a body. Sentences written for these tests."""


def codes(enricher, text):
    return [(e.source_actor, e.code, e.target_actor) for e in enricher.enrich(text).events]


def roots(enricher, text):
    return {e.root_code for e in enricher.enrich(text).events}


def coded_roots(enricher, text):
    """The roots coded, shown or flagged: what the grammar made of the sentence."""
    res = enricher.enrich(text)
    return {e.root_code for e in (*res.events, *res.flagged)}


def test_a_verb_form_before_an_auxiliary_is_the_subjects_noun(enricher):
    # "fighting was raging": no one fought anyone in the trader's statement; "attacks are made" is
    # the ministry's statement, not an attack by it
    assert not roots(enricher, "A Chilean trader said fighting was raging near the port of Arica.") & {"11", "19"}
    ev = enricher.enrich("Peru's foreign ministry said the rebels' attacks are carried out to provoke Chile.").events
    assert not [e for e in ev if e.root_code in ("18", "19")]
    # the verb itself before an object stays a verb
    assert "19" in roots(enricher, "Chilean troops attacked the rebels near the border.")


def test_a_noun_before_a_past_tense_predicate_is_its_subject(enricher):
    # "a truck bomb exploded near the market": the bomb is the subject; the predicate is the blast
    text = "A truck bomb exploded near a busy bus station in Lima on Friday, killing 12 people."
    ev = enricher.enrich(text).events
    assert ev and all(text[e.verb_start:e.verb_end] != "bomb" for e in ev)
    # a present-tense verb before a participle that modifies its object is still the verb
    assert "17" in coded_roots(enricher, "Peruvian police arrest armed rebels near the Chilean border.")


def test_a_reduced_relative_is_no_predicate(enricher):
    # the treaties "signed by Chile" describe a noun of the reported clause: the act reported is the
    # statement to its hearer
    text = ("In a call on Monday, the Peruvian president told the Chilean president that the treaties "
            "signed by Chile oblige both to share the river.")
    found = codes(enricher, text)
    assert found and not [c for _s, c, _t in found if c.startswith("05")]
    assert ("PERGOV", "010", "CHLGOV") in found
    # the rebels' siege of the villagers is no act of the ministry that reports an evacuation
    text = "The ministry stated that Bolivia secured the exit of 300 villagers besieged by rebels."
    assert not roots(enricher, text) & {"18", "19"}
    # a passive with its auxiliary is the predicate, agent first
    assert codes(enricher, "Chilean police were attacked by rebels near the border.")[0][1][:2] in ("18", "19")


def test_denying_a_request_is_a_rejection(enricher):
    assert roots(enricher, "A Chilean judge denied a request by the Peruvian government to extradite the banker.") == {"12"}
    assert roots(enricher, "The court in Santiago denied bail to the former Peruvian minister on Monday.") == {"12"}
    # denying a charge stays a denial (016)
    found = codes(enricher, "Peru's defence minister denied the allegations made by Chile.")
    assert found and all(c == "016" for _s, c, _t in found)


def test_a_vow_to_stage_a_sit_in_is_a_threat_to_protest(enricher):
    text = "Opposition lawmakers in Peru vowed to sit-in at the congress until the minister resigns."
    assert coded_roots(enricher, text) == {"13"}
    assert "14" in roots(enricher, "Chilean students staged a sit-in at the education ministry.")


def test_a_swearing_in_has_no_root(enricher):
    assert not enricher.enrich("Peru's new president was sworn in on Friday in Lima.").events
    assert not enricher.enrich("Chile's president announced the new judge would be sworn in on Monday.").events
    # a swearing-in in a relative clause leaves the main act
    text = "Peru's president, who was sworn in last week, met the Chilean foreign minister in Lima."
    assert "04" in roots(enricher, text)


def test_an_order_to_disband_a_body_named_at_length_is_a_sanction(enricher):
    text = ("Bolivian authorities ordered the former Peruvian president's small opposition party to "
            "temporarily disband on Friday.")
    found = codes(enricher, text)
    assert found and all(c == "172" for _s, c, _t in found)
    # an object with a possessor and a place phrase in it: the "to" after it is still the order's
    text = "Egyptian authorities ordered the banned Muslim Brotherhood group's remaining offices in Cairo to close."
    found = codes(enricher, text)
    assert found and all(c == "172" for _s, c, _t in found)


def test_a_verb_form_heading_a_noun_phrase_is_a_noun(enricher):
    # "its military control of the islands", "last month's spending bill": nouns, no act of their own
    text = "The talks failed a day after Chile tightened its political and military control of the disputed islets."
    assert not {c for _s, c, _t in codes(enricher, text)} & {"060", "061"}
    text = "Peruvian senators said the ruling party stripped from last month's economic stimulus bill a clause on bonuses."
    ev = enricher.enrich(text).events
    assert all(text[e.verb_start:e.verb_end] != "bill" for e in ev)
    # after a plural the bare form is that noun's verb
    assert "11" in coded_roots(enricher, "Facilities were sold illegally, the Chilean ministry's auditors allege.")
    # a verb that takes "of" keeps it
    assert "13" in coded_roots(enricher, "Chile's foreign minister warned of reprisals against Peru.")


def test_taking_someone_to_task_is_criticism(enricher):
    assert coded_roots(enricher, "Chilean senators took the Peruvian ambassador to task for his remarks.") == {"11"}


def test_asking_ministers_to_stay_in_their_posts_has_no_root(enricher):
    text = "Peru's president asked his ministers to remain in their posts until a new cabinet is formed."
    assert not enricher.enrich(text).events
    # a regime "desperate to stay in office" is no appeal to keep an office
    assert "01" in coded_roots(enricher, "A Peruvian senator told Chile's ambassador that the move was an abuse by "
                                         "a government desperate to stay in office.")
    # an appeal to stay in talks is still an appeal
    assert "02" in roots(enricher, "Peru's president urged Chile's foreign minister to stay in the talks.")


def test_what_a_relative_clause_reports_is_in_it(enricher):
    # "who has said he wants ...": the wish is inside the relative clause; the main verb is the act
    text = "Peru's president, who has often said he wants closer ties, met Chile's foreign minister on Monday."
    found = codes(enricher, text)
    assert found and {c[:2] for _s, c, _t in found} == {"04"}


def test_a_reduced_relative_after_an_infinitive_is_no_predicate(enricher):
    # a headline's "to restore the judge ousted by the general": the ousting is no act of the subject
    assert "17" not in coded_roots(enricher, "Bolivia to restore chief justice ousted by the junta.")
    assert not coded_roots(enricher, "Chile to protect villagers attacked by rebels.") & {"18", "19"}


def test_welcoming_a_failure_is_no_praise(enricher):
    text = "Some Peruvian officials have welcomed the collapse of the border talks between Chile and Bolivia."
    found = codes(enricher, text)
    assert found and all(c == "013" for _s, c, _t in found)
    # welcoming an agreement is still praise
    assert "05" in roots(enricher, "Peru welcomed the agreement between Chile and Bolivia.")


def test_a_quoted_name_is_a_statement_unless_it_judges(enricher):
    text = 'The Peruvian president on Saturday called Lima "the key for peace" in a speech to Chilean lawmakers.'
    assert coded_roots(enricher, text) == {"01"}
    assert coded_roots(enricher, 'Chile called the Peruvian decision "a provocation".') == {"11"}
    assert coded_roots(enricher, 'Chile called the Peruvian decision "unacceptable".') == {"11"}


def test_announcing_talks_that_are_scheduled_is_an_intent_to_meet(enricher):
    text = "Lima announced that direct talks with Chile were scheduled, but Bolivia said it would not take part."
    assert "036" in {c for _s, c, _t in codes(enricher, text)}
    assert "036" in {c for _s, c, _t in codes(enricher, "Peru announced talks with Chile planned for May.")}
    # an act launched stays the act; talks announced with no time to come stay talks
    assert "19" in roots(enricher, "Chile launched an offensive that will last weeks against the rebels.")
    assert {c for _s, c, _t in codes(enricher, "Peru announced talks with Chile.")} == {"046"}


def test_calling_for_talks_is_an_appeal_to_negotiate(enricher):
    assert {c for _s, c, _t in codes(enricher, "Peru's president last night called for direct talks with Chile.")} == {"026"}
    assert {c for _s, c, _t in codes(enricher, "Peru called for mediation by the African Union.")} == {"028"}
    # holding talks is the talks
    assert roots(enricher, "Peru and Chile held talks in Lima.") == {"04"}


def test_a_name_ending_in_ed_is_no_past_tense_predicate(enricher):
    # "Waleed", "Rashed" after a bare verb are its object, not a past verb making it a noun
    assert "17" in roots(enricher, "Turkish troops detain Majed near Aleppo on Tuesday.")
    assert "17" in roots(enricher, "Indian police arrest Rashed near Lahore on Friday.")
    # a lower-case past form after a bare form still makes it the subject's head
    text = "A Chilean official said a car bomb exploded near the port of Arica on Friday, killing two guards."
    assert all(text[e.verb_start:e.verb_end] != "bomb" for e in enricher.enrich(text).events)


def test_a_quoted_name_is_judged_by_its_words_not_its_article():
    from wirehouse.enrich.events import calls_it_names

    low = 'called the city " a key to peace " .'.split()
    assert calls_it_names(low, 1, len(low)) == "010"
    low = 'called the move " a provocation and an act of aggression " .'.split()
    assert calls_it_names(low, 1, len(low)) == "111"
    # unquoted, the article still names: "called the decision a provocation"
    low = "called the decision a provocation .".split()
    assert calls_it_names(low, 1, len(low)) == "111"


def test_a_long_quoted_name_is_still_naming(enricher):
    text = ('Sudan called the Egyptian move "an insult to the memory of every martyr who fell defending '
            'our land and our people".')
    assert codes(enricher, text) == [("SDN", "111", "EGY")]


def test_a_reporter_in_a_plain_past_relative_clause_leaves_the_report_main(enricher):
    text = "A farmer who watched the clash said Indian troops detained three Pakistanis and beat two others near Jammu."
    assert {"17", "18"} <= roots(enricher, text)
    # a report inside a relative clause is still in it
    text = "Peru's president, who has long said Chile stole the islets, met Chile's foreign minister in Lima."
    assert "04" in roots(enricher, text)


def test_swearing_in_a_speech_is_no_swearing_in(enricher):
    # a vow made in a speech, coded as "vowed in a speech" is
    assert roots(enricher, "Turkey's prime minister swore in a speech on Tuesday to punish Syria.") == roots(
        enricher, "Turkey's prime minister vowed in a speech on Tuesday to punish Syria.") == {"03"}
    assert not enricher.enrich("Turkey's president swore in a new cabinet on Tuesday.").events
    assert not enricher.enrich("Turkey's president was sworn into office on Tuesday.").events


def test_telling_someone_to_stay_in_office_has_no_root(enricher):
    text = "Iraq's prime minister told the Kurdish regional president to stay in his post until the vote."
    assert not enricher.enrich(text).events
    # telling someone to stay in talks is a statement still
    assert "01" in coded_roots(enricher, "Iraq's prime minister told the Kurdish regional president to stay calm.")


def test_an_office_filled_in_a_time_clause_leaves_the_statement(enricher):
    text = ("Kenya's president said the talks with Somalia were useful, a day after Mogadishu named a new "
            "prime minister.")
    assert "01" in coded_roots(enricher, text)
    text = "Kenya's president said Somalia had named a new prime minister."
    assert not enricher.enrich(text).events

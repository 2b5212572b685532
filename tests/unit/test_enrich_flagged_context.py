"""What a sentence not shown as news still tells the sentences after it: whom "he" names, which act
"the attack" is, but not the pair the story goes on with (``relevance.CONTEXT_FLAGS``)."""

from datetime import date

from wirehouse.enrich import relevance

JUNE = date(2018, 6, 1)


def _events(enricher, text):
    res = enricher.enrich(text, published=JUNE)
    return {text[e.sentence_start:e.sentence_end]: (e.flag, e.source_actor, e.target_actor)
            for e in (*res.events, *res.flagged)}


def test_a_pronoun_names_the_subject_of_a_background_sentence(enricher):
    got = _events(enricher, "In March 2015, the Kenyan president signed a trade pact with Ethiopia. "
                            "He accused Somalia of arming rebels on Tuesday.")
    assert got["In March 2015, the Kenyan president signed a trade pact with Ethiopia."][0] == "background"
    assert got["He accused Somalia of arming rebels on Tuesday."] == (None, "KENGOV", "SOM")


def test_an_act_told_as_background_is_the_act_a_later_noun_names(enricher):
    got = _events(enricher, "In 2014, Russian troops attacked Ukrainian positions in Crimea. "
                            "The European Union condemned the attack on Monday.")
    assert got["The European Union condemned the attack on Monday."] == (None, "IGOEUREEC", "RUSMIL")


def test_a_pair_told_as_background_is_not_the_pair_the_story_goes_on_with(enricher):
    got = _events(enricher, "In 2003, Slovenia backed the invasion of Iraq. "
                            "Slovenia endorsed the statement on Monday.")
    flag, source, target = got["Slovenia endorsed the statement on Monday."]
    assert (source, target) == ("SVN", None) and flag == "no-target"


def test_an_act_of_the_story_s_days_stays_the_one_a_later_noun_names(enricher):
    got = _events(enricher, "Ethiopian troops shelled a market in Gondar on Sunday. "
                            "In 2016, Eritrean forces attacked a border post. "
                            "The African Union condemned the attack on Monday.")
    assert got["In 2016, Eritrean forces attacked a border post."][0] == "background"
    assert got["The African Union condemned the attack on Monday."] == (None, "IGOAFRAFU", "ETHMIL")


def test_context_flags_are_reasons_of_time_and_voice_not_of_topic():
    assert relevance.CONTEXT_FLAGS <= set(relevance.FLAGS)
    assert not relevance.CONTEXT_FLAGS & {"sports", "business", "crime", "headline", "caption", "non-political-actor"}


def test_a_headline_s_present_in_the_story_s_first_sentence_is_news(enricher):
    text = "Kenya expels Ugandan diplomats over border row. Officials gave no further details."
    res = enricher.enrich(text, published=JUNE, title="Kenya expels Ugandan diplomats over border row")
    assert {(e.flag, e.source_actor, e.target_actor) for e in res.events if e.sentence_start == 0} == {
        (None, "KEN", "UGAGOV")}
    # the same words further down the story, an adverb of habit, or a noun read as the verb: no act
    got = _events(enricher, "Officials in Nairobi gave no details on Monday. The talks went on. "
                            "Kenya expels Ugandan diplomats over border row.")
    assert got["Kenya expels Ugandan diplomats over border row."][0] == "not-news"
    got = _events(enricher, "Algeria traditionally opposes any French military presence in Mali. The talks went on.")
    assert got["Algeria traditionally opposes any French military presence in Mali."][0] == "not-news"
    got = _events(enricher, "Nairobi, Kampala to weigh police, fire station. The talks went on.")
    assert got["Nairobi, Kampala to weigh police, fire station."][0] == "not-news"
    # a verb of a stance, or a sentence with no story after it (no headline)
    got = _events(enricher, "Kenya opposes any deal with Uganda. The talks went on.")
    assert got["Kenya opposes any deal with Uganda."][0] == "not-news"
    got = _events(enricher, "Kenya expels Ugandan diplomats over border row.")
    assert got["Kenya expels Ugandan diplomats over border row."][0] == "not-news"


def test_headline_present_reads_the_verb_form():
    low = "kenya expels ugandan diplomats".split()
    assert relevance.headline_present(low, 1)
    assert not relevance.headline_present("officials weigh the plan".split(), 1)
    assert not relevance.headline_present("kenya usually expels ugandan diplomats".split(), 2)
    assert not relevance.headline_present("the row is over".split(), 2)


def test_a_seizure_or_a_sanction_aimed_at_no_one_named_is_administration(enricher):
    text = "The Kenyan army confiscated four trucks and a load of charcoal on Monday."
    assert _events(enricher, text)[text] == ("no-target", "KENMIL", None)
    # whose goods are named, people arrested, houses destroyed: acts on someone, shown without a target too
    text = "The Kenyan army confiscated four trucks and a load of charcoal from Somali smugglers on Monday."
    assert _events(enricher, text)[text][0] is None
    for text in ("Kenyan police arrested 30 people on Monday.", "Kenyan troops destroyed several houses on Monday."):
        assert _events(enricher, text)[text][0] is None, text


def test_unaimed_coercion_codes_stand_apart_from_acts_on_people():
    for code in ("170", "171", "172"):
        assert relevance.event_flag("KENMIL", None, {"KEN"}, code[:2], (), code) == "no-target"
    for code in ("1712", "173", "175", "1723"):
        assert relevance.event_flag("KENMIL", None, {"KEN"}, code[:2], (), code) is None


def test_what_is_hoped_for_or_expected_is_no_act(enricher):
    text = "Shares in Nairobi rose on Monday on hopes that Kenya and Uganda would settle the border row."
    assert _events(enricher, text)[text][0] == "speculation"
    low = "the red cross expects permission from uganda to clear mines along the border .".split()
    assert relevance._expected(low, low.index("mines"))
    low = "markets fell amid fears that uganda could attack the island .".split()
    assert relevance._expected(low, low.index("attack"))
    # a reported intent, a state's hope (an appeal), an act with no expectation before it
    low = "kenya said on monday it would close the border .".split()
    assert not relevance._expected(low, low.index("close"))
    low = "kenya and uganda hope that the sides will talk .".split()
    assert not relevance._expected(low, low.index("hope"))
    low = "as expected , kenya closed the border .".split()
    assert not relevance._expected(low, low.index("closed"))


def test_a_time_before_the_article_named_without_a_year_is_background():
    assert relevance.told_before("When the Kenyan president visited Kampala last year he signed a pact.")
    assert relevance.told_before("The following year the Kenyan foreign minister visited Addis Ababa.")
    assert relevance.told_before("Last year, Kenya closed its border with Somalia.")
    # the story's own days, or a clause of its own that the time dates
    assert not relevance.told_before("Kenya closed the border on Tuesday, a year after the raid on the mall.")
    assert not relevance.told_before("Uganda accused Kenya of violating the border accord signed last year.")
    assert not relevance.told_before("Kenya's ministry said its exports complied with a deal agreed with Uganda "
                                     "last year.")
    assert not relevance.told_before("Kenyan police arrested a man who fled Uganda years ago.")


def test_an_act_of_last_year_is_not_shown(enricher):
    text = "When the Kenyan president visited Kampala last year he praised Uganda's army."
    got = _events(enricher, text)
    assert got and all(v[0] == "background" for v in got.values())


def test_an_evaluation_or_a_view_put_in_a_paper_is_analysis(enricher):
    rel = enricher.relevance
    for text in ("Kenyan troops can be said to have defeated the rebels long before Uganda joined them.",
                 "A former Kenyan envoy urged in a recent column that Nairobi and Kampala should settle the row.",
                 "Officials said the Kenyan parliament's vote is a welcome sign for ties with Uganda."):
        assert rel.sentence_flag([], 0, 0, text, JUNE) == "analysis", text
    got = _events(enricher, "A former Kenyan envoy urged in a recent column that Nairobi and Kampala should "
                            "settle the row.")
    assert got and all(v[0] == "analysis" for v in got.values())
    # a statement and a report stay news
    assert rel.sentence_flag(
        [], 0, 0, "Kenya urged Uganda in a statement on Monday to withdraw its troops.", JUNE) is None


def test_a_comma_inside_a_number_does_not_close_a_leading_clause():
    assert relevance._first_comma("when the 12 , 000-man force attacked the town , the army fled".split()) == 9
    assert relevance._first_comma("when 5 , 6 and 7 fell , it rained".split()) == 2
    assert relevance._first_comma("no comma here".split()) is None


def test_a_lead_in_to_a_quotation_is_the_quotation_s_words(enricher):
    text = "Kenya's army commander said: “Captain Otieno was a brave man who loved Uganda and its people.”"
    got = _events(enricher, text)
    assert got and all(v[0] == "quotation" for v in got.values())
    assert relevance._SAID_COLON.search(text)
    assert not relevance._SAID_COLON.search("Kenya said on Monday it had expelled two Ugandan diplomats.")


def test_officials_and_their_own_people_over_a_crime_are_an_ordinary_crime():
    low = "officials say the video showed the boy was a victim of sexual assault".split()
    assert relevance.event_flag("KENGOV", "KENCVL", {"KEN"}, "11", low) == "crime"
    # another country's victims, force, or political violence: not an ordinary crime
    assert relevance.event_flag("KENGOV", "UGACVL", {"KEN", "UGA"}, "01", low) is None
    assert relevance.event_flag("KENGOV", "KENCVL", {"KEN"}, "19", "the government killed the victim".split()) is None
    assert relevance.event_flag("KENGOV", "KENCVL", {"KEN"}, "11",
                                "officials said the bombing killed the victim".split()) is None

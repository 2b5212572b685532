"""How far a cue that a sentence tells no act of the story's days reaches: a passive after a modal
is no evaluation, a lead-in to a quotation covers what follows it, "as expected" governs no
clause, a story's first sentence is a headline only when it is the page's title, a flagged
sentence's ordinary crime is no attack for later sentences, and a reported clause of last year
is background (``relevance``)."""

from datetime import date

from wirehouse.enrich import relevance

JUNE = date(2018, 6, 1)


def _events(enricher, text, **kw):
    res = enricher.enrich(text, published=JUNE, **kw)
    return {(text[e.sentence_start:e.sentence_end], e.code): (e.flag, e.source_actor, e.target_actor)
            for e in (*res.events, *res.flagged)}


def _flags(enricher, text, **kw):
    return {k[1]: v[0] for k, v in _events(enricher, text, **kw).items()}


def test_a_passive_after_a_modal_is_no_evaluation(enricher):
    rel = enricher.relevance
    for text in ("Ugandan police detained 14 students on Monday, and the union said the bill must be "
                 "considered by parliament.",
                 "Ugandan police detained 14 students on Monday, and the union said the strike could be called off.",
                 "Ugandan police detained 14 students on Monday before elections that may be called early."):
        assert rel.sentence_flag([], 0, 0, text, JUNE) is None, text
    # an evaluation frame stays a reading of events
    for text in ("The raid on Kampala can be said to have ended the talks.",
                 "The vote could be seen as a blow to Museveni's government.",
                 "The deal may be regarded as a victory for Uganda."):
        assert rel.sentence_flag([], 0, 0, text, JUNE) == "analysis", text


def test_a_lead_in_to_a_quotation_covers_only_what_follows_it(enricher):
    flags = _flags(enricher, 'Ethiopian jets bombed Eritrean positions near Badme on Monday and an Eritrean '
                             'official said: "We will answer."')
    assert flags["195"] is None
    got = _flags(enricher, 'Kenya\'s army commander said: "Captain Otieno was a brave man who loved Uganda."')
    assert got and set(got.values()) == {"quotation"}


def test_as_expected_governs_no_clause(enricher):
    low = "as expected uganda expelled two kenyan diplomats on monday .".split()
    assert not relevance._expected(low, low.index("expelled"))
    low = "more troops than expected crossed into uganda on monday .".split()
    assert not relevance._expected(low, low.index("crossed"))
    low = "kenya expects uganda to expel two diplomats .".split()
    assert relevance._expected(low, low.index("expel"))
    flags = _flags(enricher, "As expected Uganda expelled two Kenyan diplomats on Monday.")
    assert flags["131"] is None


def test_a_flagged_sentence_s_ordinary_crime_is_no_attack_for_later_sentences(enricher):
    got = _events(enricher, "In 2015, Ugandan police killed a robbery suspect in a shootout. "
                            "The Kenyan government condemned the attack on Monday.")
    shown = {k: v for k, v in got.items() if v[0] is None}
    assert not any(v[2] == "UGACOP" for v in shown.values()), shown


def test_a_reported_clause_of_last_year_is_background():
    assert relevance.told_before("Ugandan officials said Kenyan troops shelled villages there last year.")
    assert relevance.told_before("Officials said the rebels seized the town in a raid last year.")
    # a participle on a noun: the time dates its own clause
    assert not relevance.told_before("Uganda accused Kenya of violating the border accord signed last year.")
    assert not relevance.told_before("Ugandan officials said the weapons seized last year were sent to Kenya.")
    assert not relevance.told_before("Kenya's ministry said its exports complied with a deal agreed with Uganda "
                                     "last year.")


def test_a_first_sentence_is_a_headline_only_when_it_is_the_title(enricher):
    got = _flags(enricher, "Ethiopia supplies most of Djibouti's weapons. Officials declined to comment.")
    assert got and all(f is not None for f in got.values())
    got = _flags(enricher, "Kenya expels Ugandan diplomats over border row . Officials gave no further details.",
                 title="Kenya expels Ugandan diplomats over border row")
    assert got["161"] is None
    assert relevance.is_title("Kenya expels Ugandan diplomats over border row .",
                              "Kenya expels Ugandan diplomats over border row")
    assert not relevance.is_title("Ethiopia supplies most of Djibouti's weapons.", "Arms and power in the Horn")
    assert not relevance.is_title("Ethiopia supplies most of Djibouti's weapons.", None)


def test_findings_told_in_a_study_are_a_report_not_a_view(enricher):
    rel = enricher.relevance
    assert rel.sentence_flag([], 0, 0, "Amnesty said in a new study that Ugandan police killed 30 protesters "
                                       "on Monday.", JUNE) is None
    assert rel.sentence_flag([], 0, 0, "A former Kenyan envoy argued in a recent essay that Kampala should "
                                       "settle the row.", JUNE) == "analysis"

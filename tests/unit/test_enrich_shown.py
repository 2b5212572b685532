"""Shown events that report no political act: dated background, expectations, credit lines and
link text, standing claims, police and a resident coded as the country."""

from datetime import date

from wirehouse.enrich import relevance

JUNE = date(2017, 6, 1)


def _shown(enricher, text, published=JUNE):
    return [(e.source_actor, e.target_actor, e.root_code) for e in enricher.enrich(text, published=published).events]


def _flags(enricher, text, published=JUNE):
    return {e.flag for e in enricher.enrich(text, published=published).flagged}


def test_an_act_dated_months_before_the_article_is_background(enricher):
    for text in ("In March 2016, Chile signed an accord with Peru on fishing rights.",
                 "Police in Lima arrested the Chilean consul in January 2017.",
                 "On September 3, 1994, the Chilean army shelled a Peruvian border post.",
                 "Chile's president resigned on February 14, forced out by his own party.",
                 "Chile first sent troops into Peru in the 1970s while it was at war."):
        assert _shown(enricher, text) == [], text
        assert "background" in _flags(enricher, text), text
    # the story's own days, or a date of the last weeks, keep the act news
    assert _shown(enricher, "Chile's army attacked Peruvian rebels on May 20, officials said.") != []
    assert _shown(enricher, "Chile's foreign minister met Peru's foreign minister on Tuesday to discuss the "
                            "accord signed in March 2016.") != []


def test_dated_before_measures_months():
    assert relevance.dated_before("In December 2016, the court ruled.", date(2017, 6, 1))
    assert not relevance.dated_before("In December 2016, the court ruled.", date(2017, 2, 1))
    assert not relevance.dated_before("In 2016, the court ruled.", date(2017, 1, 15))  # a year alone: its December
    assert not relevance.dated_before("In May 2016, the court ruled.", None)
    assert not relevance.dated_before("On Monday the court upheld the ruling of May 2016.", date(2017, 6, 1))
    # a date of a clause of its own dates that clause, not the act
    assert not relevance.dated_before("Chile said it remained committed to the accord signed in June 2016.",
                                      date(2017, 6, 1))
    assert not relevance.dated_before("Chile has sought better ties with Peru since the two fought in 2015.",
                                      date(2017, 6, 1))
    assert not relevance.dated_before("Chilean and Peruvian troops held drills in May under an accord that took "
                                      "effect in 2016.", date(2017, 6, 1))
    # an undated article: measured against the latest year it names, by years only
    assert relevance.dated_before("The court ruled in May 2016.", date(2017, 12, 31), exact=False)
    assert not relevance.dated_before("The minister will be sworn in on March 21.", date(2017, 12, 31), exact=False)


def test_an_undated_article_names_no_months(enricher):
    text = ("Chile's army attacked rebels near the border in 2015, officials said. "
            "Chile's president said the new army commander would meet Peru's defence minister on March 21.")
    shown = [e.sentence for e in enricher.enrich(text).events]
    assert any("March 21" in s for s in shown)


def test_an_expectation_is_no_act(enricher):
    for text in ("Chile's foreign minister said on Monday that he expected Peru to sign the treaty.",
                 "The mayor of Lima says he expects Chile's president to attend the fair."):
        assert _shown(enricher, text) == [], text
        assert "speculation" in _flags(enricher, text), text
    assert _shown(enricher, "Chile's foreign minister urged Peru on Monday to sign the treaty.") != []


def test_credit_lines_and_link_text_are_not_sentences_of_the_story(enricher):
    assert _shown(enricher, "Protesters rallied against Peru's government in Lima, Peru, May 30, 2017. "
                            "© 2017 Example Photo Agency.") == []
    assert _shown(enricher, "Chilean soldiers patrol near the border in Arica. Photo: Example Agency.") == []
    text = "Read more: Chile condemns Peru over the seizure of its fishing boats."
    assert _shown(enricher, text) == [] and "headline" in _flags(enricher, text)
    assert _shown(enricher, "Chile condemned Peru on Monday over the seizure of its fishing boats.") != []


def test_a_denial_in_a_relative_clause_does_not_report_a_standing_claim(enricher):
    # a present-tense charge is a state of affairs; the relative clause's "denies" is its own verb
    text = "Chile accuses Peru of sinking its patrol boat, which Peru denies."
    assert _shown(enricher, text) == [] and "not-news" in _flags(enricher, text)
    assert relevance.report_of("chile accused peru , officials said".split(), 1)
    assert not relevance.report_of("chile accuses peru , which peru denies".split(), 1)
    assert _shown(enricher, "Chile accused Peru on Monday of sinking its patrol boat.") != []


def test_police_and_a_resident_coded_as_their_country_is_crime(enricher):
    text = "Police in Denver arrested John Smith, 35, of Denver, on felony charges of vandalism on Monday."
    assert _shown(enricher, text) == [] and "crime" in _flags(enricher, text)
    text = "Police in Denver arrested two men on Tuesday for selling stolen bicycles."
    assert _shown(enricher, text) == [] and "crime" in _flags(enricher, text)
    # police acting against a protest stay political
    assert _shown(enricher, "Police in Denver arrested 40 protesters outside the state capitol on Monday.") != []


def test_an_act_in_a_trailing_since_or_when_clause_is_background(enricher):
    for text in ("Relations between Chile and Peru cooled when Chile's army invaded the disputed valley.",
                 "The town has seen less violence since Peru's government declared a cease-fire with the rebels."):
        assert _shown(enricher, text) == [], text
        assert "background" in _flags(enricher, text), text
    # a time named, or the clause closed before the main verb: the act is the story's
    assert _shown(enricher, "Police fired tear gas when protesters stormed the Peruvian embassy on Monday.") != []
    assert "background" not in _flags(enricher, "Chile's president said that when Peru's navy seized the boats, "
                                                "Chile protested.")
    assert _shown(enricher, "The talks open on the day when Chile's army shelled the Peruvian border post.") != []

from wirehouse.enrich.clauses import contracted_had, object_phrase, read_contractions, verb_group
from wirehouse.enrich.sentences import TOKEN_RE


def _tokens(text):
    toks = [(m.group(0), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
    return toks, [t[0].lower() for t in toks]


def _group(text, verb):
    toks, low = _tokens(text)
    return verb_group(low, 0, low.index(verb), toks)


def _object(text, verb):
    _toks, low = _tokens(text)
    return object_phrase(low, low.index(verb) + 1, len(low))


def test_tense_and_aspect_of_the_verb_group():
    assert _group("The rebels had attacked the village.", "attacked").aspect == "past-perfect"
    assert _group("The rebels had already been driven out.", "driven").past_perfect
    assert _group("Iran has signed the deal.", "signed").aspect == "perfect"
    assert _group("Russia will expel the diplomats.", "expel").aspect == "future"
    assert _group("Russia is going to expel the diplomats.", "expel").future
    assert _group("Iran could sign a deal.", "sign").aspect == "hypothetical"
    assert _group("Algeria could have opposed the bases.", "opposed").aspect == "counterfactual"
    assert _group("Israel vowed to attack Hamas.", "attack").aspect == "infinitive"
    assert _group("Protesters are marching on the palace.", "marching").progressive
    assert _group("The embassy was attacked on Monday.", "attacked").passive
    assert _group("Troops attacked the town.", "attacked").aspect == "simple"


def test_tense_as_news_reads_it():
    # news reports acts in the past, the perfect or the progressive; a modal or an infinitive is no act yet
    for text, verb, want in (("Iran rejected the offer.", "rejected", "past"),
                             ("Iran has rejected the offer.", "rejected", "perfect"),
                             ("He's clashed with the army before.", "clashed", "past"),
                             ("Protesters are demanding reforms.", "demanding", "progressive"),
                             ("Iran will reject the offer.", "reject", "future"),
                             ("Iran won't reject the offer.", "reject", "future"),
                             ("Israel vowed to reject the offer.", "reject", "future"),
                             ("Iran rejects every offer.", "rejects", "present"),
                             ("Iran does not reject the offer.", "reject", "present"),
                             ("The army fought the rebels.", "fought", "past"),
                             ("The army had twice fought the rebels.", "fought", "past"),
                             ("The town was shelled on Monday.", "shelled", "past"),
                             ("Theresa May rejects the offer.", "rejects", "present")):
        assert _group(text, verb).tense == want, text


def test_negation_in_the_verb_group():
    assert _group("Russia did not attack Ukraine.", "attack").negated
    assert _group("Russia won't attack Ukraine.", "attack").negated
    assert _group("Iran has never signed the treaty.", "signed").negated
    assert not _group("Russia attacked Ukraine, not Georgia.", "attacked").negated


def test_no_negates_a_verb_group_only_in_no_longer():
    assert _group("Iran will no longer cooperate with the inspectors.", "cooperate").negated
    assert _group("The militia could no longer hold the bridge.", "hold").words == ("could", "no", "longer")
    # a determiner "no" before a noun: the noun has no verb group, and a verb after it is not negated
    assert _group("Russia has no plans to attack Ukraine.", "plans").words == ()
    assert not _group("Officials said no deadline had been set.", "deadline").negated
    assert not _group("No soldiers were wounded in the raid.", "wounded").negated
    assert _group("No soldiers were wounded in the raid.", "wounded").words == ("were",)


def test_a_denial_of_intent_stays_a_negated_rejection(enricher):
    # "no" before a noun negates no verb group, but the coded verb's negation window still reads it:
    # "has no plans to strike" is a refusal (12), negated, as "will no longer cooperate" is
    events = enricher.enrich("Israel said on Monday it has no plans to strike Iran.").events
    assert [(e.source_actor, e.target_actor, e.root_code, e.is_negated) for e in events] == [
        ("ISR", "IRN", "12", True)]
    events = enricher.enrich("Iran said it would no longer cooperate with the inspectors.").events
    assert [e.root_code for e in events] == ["12"]


def test_contracted_d_is_had_or_would_by_the_next_verb():
    # the tokeniser keeps "he'd" as one token: the group opens with it
    assert _group("He'd attack the depot if asked.", "attack").aspect == "hypothetical"
    assert _group("He'd attacked the depot twice.", "attacked").aspect == "past-perfect"
    assert _group("They'd already been driven out.", "driven").past_perfect
    assert _group("They’d withdrawn their envoy.", "withdrawn").tense == "past"
    assert _group("She'd have signed the accord.", "signed").counterfactual
    assert _group("He'd never agree to talks.", "agree").tense == "future"
    # a base spelt like a participle reads as "would"
    assert _group("They'd need more troops.", "need").hypothetical
    # a split "'d" reads the same way
    assert contracted_had(["they", "'d", "been", "warned"], 1)
    assert not contracted_had(["they", "'d", "be", "warned"], 1)
    assert read_contractions(["who'd", "fled"]) == ["had", "fled"] and read_contractions(["who'd", "flee"])[0] == "would"


def test_contractions_read_as_their_auxiliary():
    assert read_contractions(["they'd", "have", "attacked"]) == ["would", "have", "attacked"]
    assert read_contractions(["he’d", "already", "left"]) == ["had", "already", "left"]
    low = ["the", "d'ivoire", "rebels", "attacked"]  # no contraction: the same words
    assert read_contractions(low) is low


def test_will_have_and_are_joined_to_a_pronoun_open_the_group():
    # the tokeniser keeps "they'll", "we've", "they're" as one token, read as the auxiliary it carries
    assert _group("They'll attack the depot.", "attack").future
    assert _group("They’ll attack the depot.", "attack").tense == "future"
    assert _group("We've attacked the depot.", "attacked").tense == "perfect"
    assert _group("They're attacking the depot.", "attacking").progressive
    assert _group("They're blamed for the attack.", "blamed").passive
    assert _group("They'll not attack the depot.", "attack").negated
    assert read_contractions(["they'll", "attack"]) == ["will", "attack"]
    assert read_contractions(["we’ve", "met"]) == ["have", "met"]


def test_a_name_is_not_a_modal():
    # "Theresa May has blamed": the name, not "may have" (a counterfactual)
    group = _group("British Prime Minister Theresa May has blamed Russia.", "blamed")
    assert group.perfect and not group.hypothetical and not group.counterfactual


def test_object_head_and_particle():
    assert _object("The army launched a major ground offensive on Monday.", "launched").head == "offensive"
    assert _object("The army regained most of the towns near the city.", "regained").head == "towns"
    call = _object("The governor called for calm after the shooting.", "called")
    assert (call.particle, call.head) == ("for", "calm")
    assert _object("Israel took part in the talks.", "took").head == "part"
    # the head ends before a determiner or a participle that starts another phrase
    assert _object("The city passed a law this year banning rallies.", "passed").head == "law"
    assert _object("The senate passed a resolution calling for sanctions.", "passed").head == "resolution"
    # a possessive is not the head
    assert _object("Police held the party's leader overnight.", "held").head == "leader"
    assert _object("Police held him overnight.", "held").head == "him"


def test_may_before_a_finite_verb_is_a_name():
    group = _group("May has received strong backing from the United States.", "received")
    assert group.perfect and not group.counterfactual


def test_a_reported_clause_with_its_own_subject():
    from wirehouse.enrich.clauses import reported_subject

    def own(text, say, verb):
        _toks, low = _tokens(text)
        return reported_subject(low, low.index(say) + 1, low.index(verb))

    assert own("The rebels say the heavy bombing forced them out.", "say", "forced")
    assert own("He said the insurer has given him the list.", "said", "given")
    assert own("A farmer said fighting was raging near the town.", "said", "fighting")
    assert not own("Iraq said it would allow the inspectors back.", "said", "allow")
    assert not own("Russia said its jets struck the town.", "said", "struck")
    assert not own("Iran said that the men who attacked the embassy fled.", "said", "attacked")
    assert not own("Israel said troops advanced and attacked the camp.", "said", "attacked")
    assert not own("Iran said it was ready to sign the deal.", "said", "sign")
    assert not own("Obama said he'd meet the leaders.", "said", "meet")
    assert not own("A spokesman said the agency is planning new offices.", "said", "planning")


def test_contractions_are_read_in_work_linear_in_the_text(enricher, contractions_looked_at, monkeypatch):
    """Reading contractions once per text, not once per sentence or coded verb: the words looked
    at grow with the text, not with its square (a 40-sentence story costs about 4x a 10-sentence one)."""
    from wirehouse.enrich import clauses, events

    monkeypatch.setattr(events, "contracted_aux", clauses.contracted_aux)  # the counting one
    looked = contractions_looked_at
    sentence = ("Iraq's army said they'd attacked the militants near Fallujah on Monday, and officials "
                "said they'll meet Kuwait's envoy. ")

    def words_looked_at(sentences: int) -> int:
        looked.clear()
        enricher.enrich(sentence * sentences)
        return len(looked)

    short, long = words_looked_at(10), words_looked_at(40)
    assert short > 0
    assert long <= 5 * short


def test_a_reported_clause_after_a_verb():
    from wirehouse.enrich.clauses import reported_clause

    def rc(sentence, verb, object_first=False):
        low = sentence.lower().split()
        return reported_clause(low, low.index(verb) + 1, len(low), object_first)

    assert rc("rebels claimed that the soldiers had fled .", "claimed")
    assert rc("rebels claimed the soldiers fled the town .", "claimed")
    assert rc("the minister argued the sanctions on oil would fail .", "argued")
    assert rc("the premier reassured the officials that the dam was safe .", "reassured", object_first=True)
    assert not rc("the premier reassured the officials of his support .", "reassured", object_first=True)
    assert not rc("vietnam claimed the disputed island .", "claimed")
    assert not rc("jordan recalled its ambassador to israel .", "recalled")
    assert not rc("iran claimed that island , officials said .", "claimed")


def test_a_condition_on_the_other_side():
    from wirehouse.enrich.clauses import condition_on_other, inverted_condition

    def cond(sentence, verb):
        low = sentence.lower().split()
        return condition_on_other(low, low.index(verb) + 1, len(low))

    assert cond("chad will cut aid unless niger releases the hostages .", "cut")
    assert cond("chad vowed to cut aid if niger does not release them .", "cut")
    assert cond("chad vowed to cut aid if they fail to pay .", "cut")
    assert cond("chad vowed to cut aid should they make the mistake .", "cut")
    assert not cond("chad vowed to send aid if the floods return .", "send")
    assert not cond("chad will send aid . niger will not pay unless asked .", "send")
    low = "niger should pay , and should they refuse , chad will act .".split()
    assert not inverted_condition(low, 1) and inverted_condition(low, 5)

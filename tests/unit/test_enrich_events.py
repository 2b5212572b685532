from datetime import date
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "amn-2017-10-20-anbar.txt"


def events(enricher, text, **kw):
    return enricher.enrich(text, **kw).events


def test_attack_with_actors(enricher):
    ev = events(enricher, "Iraqi troops attacked Islamic State positions near Mosul on Tuesday.",
                published=date(2017, 10, 20))
    assert ev and ev[0].root_code == "19"
    assert (ev[0].source_actor, ev[0].target_actor) == ("IRQMIL", "IMGMUSISI")
    assert ev[0].event_date == date(2017, 10, 17)
    assert ev[0].place is not None and ev[0].place.name.endswith("Mosul")


def test_passive_voice(enricher):
    ev = events(enricher, "The Kenyan police were attacked by al-Shabaab.")
    assert ev and (ev[0].source_actor, ev[0].target_actor) == ("SOMINS", "KENCOP")


def test_compound_actors_reciprocal(enricher):
    ev = events(enricher, "Jordan and Britain agreed to hold joint military exercises.")
    pairs = {(e.source_actor, e.target_actor) for e in ev}
    assert pairs == {("JOR", "GBR"), ("GBR", "JOR")}
    assert all(e.root_code == "03" for e in ev)


def test_negation_and_threat(enricher):
    assert not [e for e in events(enricher, "Russia did not attack Ukraine.") if e.root_code in ("18", "19", "20")]
    ev = events(enricher, "Russia threatened to attack Ukraine.")
    assert ev and ev[0].root_code == "13"
    ev = events(enricher, "Iran refused to meet the IAEA inspectors.")
    assert ev and ev[0].root_code == "12"
    assert not [e for e in events(enricher, "Israel may strike Iran.") if e.root_code in ("18", "19", "20")]


def test_event_fields_from_code_table(enricher):
    e = events(enricher, "Turkey condemned Syria.")[0]
    assert (e.code, e.root_code, e.quad_class) == ("111", "11", 3)
    assert -10 <= e.goldstein <= 10 and 0 <= e.confidence <= 1 and -100 <= e.tone <= 100


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is absent")
def test_seed_article(enricher):
    text = SEED.read_text(encoding="utf-8")
    res = enricher.enrich(text, published=date(2017, 10, 20))
    actors = {(a.text, a.code) for a in res.actors}
    assert ("Iraqi Army", "IRQMIL") in actors
    assert ("Popular Mobilization Forces", "IRQMIL") in actors
    assert ("ISIS", "IMGMUSISI") in actors and ("Islamic State", "IMGMUSISI") in actors
    places = {p.text: p for p in res.places}
    assert places["Anbar"].feature_kind == "admin1" and places["Anbar"].country_code == "IRQ"
    assert places["Rawa"].country_code == "IRQ"
    assert any(e.root_code in ("18", "19") and {e.source_actor, e.target_actor} == {"IRQMIL", "IMGMUSISI"}
               for e in res.events)


def test_contract_shape(enricher):
    row = enricher.contract("x.txt", "Iraqi troops attacked ISIS in Mosul.")
    assert set(row) == {"source", "actors", "places", "events"}
    assert set(row["events"][0]) == {"sentence_start", "sentence_end", "source_actor", "target_actor", "code",
                                     "root_code", "quad_class", "goldstein", "verb_start", "verb_end",
                                     "source_start", "source_end", "target_start", "target_end"}
    assert set(row["places"][0]) == {"text", "start", "end", "name", "country_code", "lat", "lon", "geonameid"}


def _roots(enricher, text):
    return {e.root_code for e in events(enricher, text)}


def test_future_cooperation_is_intent_and_future_force_a_threat(enricher):
    assert _roots(enricher, "Turkey will provide aid to Syria.") == {"03"}
    assert _roots(enricher, "Israel vowed to attack Hezbollah.") == {"13"}
    assert _roots(enricher, "Nigeria said it will withdraw its troops from Chad unless talks resume.") == {"13"}


def test_reported_obligation_is_a_demand(enricher):
    ev = events(enricher, "Russia said on Tuesday that Ukraine must return the seized ships.")
    assert ev and {(e.source_actor, e.target_actor, e.root_code) for e in ev} == {("RUS", "UKR", "10")}


def test_light_verb_with_event_noun(enricher):
    assert _roots(enricher, "Israel and Lebanon renewed negotiations on Monday.") == {"04"}
    assert _roots(enricher, "Russia launched a new offensive against Ukraine.") == {"19"}


def test_trailing_reporter_is_not_a_target(enricher):
    ev = events(enricher, "Jordan and Britain signed a trade deal, the White House announced.")
    assert {(e.source_actor, e.target_actor) for e in ev} == {("JOR", "GBR"), ("GBR", "JOR")}


def test_refusal_to_act_is_a_rejection(enricher):
    ev = events(enricher, "Pakistan has refused to deploy troops in Iraq.")
    assert ev and ev[0].root_code == "12" and ev[0].source_actor == "PAK"


def test_stopping_an_activity(enricher):
    assert _roots(enricher, "Israel halted negotiations with the Palestinians.") == {"16"}
    assert _roots(enricher, "Sudan's government lifted the curfew in Khartoum.") == {"08"}
    assert _roots(enricher, "The union called off the strike after talks with the government.") == {"08"}


def test_exercises_and_weapons_as_event_nouns(enricher):
    assert _roots(enricher, "Belarusian troops began readiness drills near Grodno.") == {"15"}
    ev = events(enricher, "Russian forces fired missiles at Kyiv overnight.")
    assert ev and ev[0].code == "195"


def test_infinitive_complement_and_relative_clause(enricher):
    assert _roots(enricher, "Ethnic Albanians have sworn to fight the Macedonian army.") == {"13"}
    assert _roots(enricher, "Hundreds demonstrated in Belgrade, where police arrested ten people.") == {"14"}


def test_dateline_is_not_where_events_happen(enricher):
    text = ("BEIRUT, LEBANON – The Iraqi Army attacked Islamic State fighters near Rawa on Sunday. "
            "Officials said the offensive in Anbar would continue.")
    events = enricher.enrich(text, dateline="BEIRUT, LEBANON").events
    assert events and events[0].place is not None
    assert events[0].place.name != "Beirut" and events[0].place.country_code == "IRQ"


def test_a_sentence_naming_only_a_country_happens_at_the_articles_place_in_it(enricher):
    text = ("Iraqi troops attacked Islamic State militants on Monday, the army said. The fighting took place "
            "in western Anbar, near Rawa. Residents of Anbar fled.")
    (event,) = [e for e in enricher.enrich(text, published=date(2017, 10, 20)).events if e.root_code == "19"]
    assert event.place.name == "Al Anbar" and event.place.feature_kind == "admin1"
    # a country-level sentence in an article whose places lie in another country stays at the country
    other = ("Iraqi troops attacked Islamic State militants on Monday, the army said. Aid arrived in Aleppo "
             "and Homs.")
    (event,) = [e for e in enricher.enrich(other, published=date(2017, 10, 20)).events if e.root_code == "19"]
    assert event.place.feature_kind == "country" and event.place.country_code == "IRQ"


def _triples(evs):
    return {(e.source_actor, e.target_actor, e.root_code) for e in evs}


def test_one_event_per_coordinated_predicate(enricher):
    text = "The UN human rights office criticised the arrests and urged the Malian authorities to free them."
    ev = events(enricher, text)
    assert _triples(ev) == {("IGOUNO", "MLIGOV", "11"), ("IGOUNO", "MLIGOV", "02")}
    assert {text[e.verb_start:e.verb_end] for e in ev} == {"criticised", "urged"}
    # a participle of force after the main clause shares its subject and, naming none, its target
    ev = events(enricher, "Mexican soldiers clashed with gunmen of the Sinaloa Cartel, killing eight and seizing rifles.")
    assert {e.root_code for e in ev} == {"19", "17"} and {e.source_actor for e in ev} == {"MEXMIL"}
    # the same act of force told twice is one event
    ev = events(enricher, "Syrian troops shelled the town and killed three civilians.")
    assert [e.root_code for e in ev] == ["19"]
    # a verb after an infinitive complement belongs to the complement, not to the main verb
    ev = events(enricher, "The UN envoy urged Israel to halt its strikes and respect the agreement.")
    assert {e.root_code for e in ev} == {"02"}


def test_reported_speech_keeps_the_actor_of_the_act(enricher):
    ev = events(enricher, "Kenyan officials said Somali militants attacked a police post in Mandera.")
    assert _triples(ev) == {("SOMINS", "KENCOP", "19")}


def test_targets_and_places(enricher):
    # a place after "in" is where the act happens; the named actor is the target
    ev = events(enricher, "Saudi Arabia has mobilised support in the United States for the Palestinians.")
    assert all(e.target_actor != "USA" for e in ev)
    # what the source calls its own is its means, not the target
    ev = events(enricher, "Jordan recalled its ambassador to Israel on Wednesday.")
    assert _triples(ev) == {("JOR", "ISR", "16")}
    # an attack whose perpetrator is not named: unidentified armed forces of the place
    ev = events(enricher, "A roadside bomb near the town of Samarra killed two Iraqi soldiers.")
    assert _triples(ev) == {("IRQUAF", "IRQMIL", "18")}
    # its evidence is the word naming the attack, which is also an actor mention (the warehouse
    # requires every event actor to be mentioned in its article)
    text = "A roadside bomb near the town of Samarra killed two Iraqi soldiers."
    assert text[ev[0].source_start:ev[0].source_end] == "bomb"
    assert ("bomb", "IRQUAF") in {(a.text, a.code) for a in enricher.enrich(text).actors}
    # force against a place with no actor named there targets the place's country, read from the place
    text = "Israel reimposed blockades in the West Bank on Friday."
    res = enricher.enrich(text)
    assert {(e.source_actor, e.target_actor, e.root_code) for e in res.events} == {("ISR", "PSE", "17")}
    assert ("West Bank", "PSE") in {(a.text, a.code) for a in res.actors}


def test_evidence_offsets_follow_coreference(enricher):
    text = "President Putin met Chancellor Merkel in Berlin. He also criticised the Ukrainian government."
    ev = [e for e in events(enricher, text) if e.root_code == "11"]
    assert ev and ev[0].source_actor == "RUSGOV"
    # the pronoun's event points at the mention it resolved to, in the sentence before
    assert text[ev[0].source_start:ev[0].source_end] == "President Putin"
    assert ev[0].source_end <= ev[0].sentence_start
    assert text[ev[0].target_start:ev[0].target_end] == "Ukrainian government"


def test_short_name_keeps_its_first_full_mention(enricher):
    text = "Mohammad Javad Zarif, Iran's foreign minister, met his Omani counterpart. Zarif later criticised Washington."
    ev = [e for e in events(enricher, text) if e.root_code == "11"]
    assert ev and (ev[0].source_actor, ev[0].target_actor) == ("IRNGOV", "USA")
    assert text[ev[0].source_start:ev[0].source_end] == "Mohammad Javad Zarif"
    # a title given in apposition beats the person dictionary
    res = enricher.enrich("Kenzo Oshima, the United Nations relief coordinator, demanded that Iraq open its borders.")
    assert {(a.text, a.code) for a in res.actors} >= {("Kenzo Oshima", "IGOUNO")}


def test_unconventional_violence_is_assault_not_military_force(enricher):
    def roots(text):
        return {e.root_code for e in events(enricher, text)}

    assert roots("Gunmen shot dead an Iraqi activist in Nasiriyah on Tuesday.") == {"18"}
    assert roots("Islamic State militants killed two Iraqi soldiers with a roadside bomb near Jalawla.") == {"18"}
    # a state's forces, and battle between fighters, stay military force
    assert roots("Iraqi troops attacked Islamic State positions near Mosul.") == {"19"}
    assert roots("The Houthis fired a ballistic missile at Israel on Saturday.") == {"19"}


def test_own_data_files_are_well_formed():
    import csv

    from wirehouse.enrich.dictionaries import DATA

    for name in ("verbs_core.csv", "agents_core.csv", "groups.csv", "ethnic_groups.csv"):
        with open(DATA / name, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(line for line in f if not line.startswith("#")))
        bad = [r for r in rows[1:] if len(r) != len(rows[0])]
        assert not bad, f"{name}: rows with a wrong number of fields: {bad[:3]}"


def test_same_country_bodies_keep_their_own_mentions(enricher):
    text = "Colombia's interior minister met community leaders in Tibu on Sunday."
    ev = events(enricher, text)
    assert [(e.source_actor, e.target_actor, e.root_code) for e in ev] == [("COLGOV", "COLGOV", "04")]
    assert text[ev[0].source_start:ev[0].source_end] == "Colombia's interior minister"
    assert text[ev[0].target_start:ev[0].target_end] == "leaders"


def test_own_country_named_is_not_the_target(enricher):
    # a state body and its own country's name or adjective: the body restated, no target
    res = enricher.enrich("Egypt's president promised that Egypt would reopen the crossing.")
    assert all(e.target_actor != "EGY" for e in (*res.events, *res.flagged))
    res = enricher.enrich("Kenya's foreign ministry denied any Kenyan involvement in the raid on Monday.")
    assert all(e.target_actor != "KEN" for e in (*res.events, *res.flagged))
    # a city of it is where its people are ("a curfew in Algiers"), and a body named after it is a body
    ev = events(enricher, "Algeria's president imposed a curfew in Algiers on Monday.")
    assert ("DZAGOV", "DZA") in {(e.source_actor, e.target_actor) for e in ev}
    ev = events(enricher, "Kenya's president criticised the Kenya Revenue Authority on Monday.")
    assert ("KENGOV", "KEN") in {(e.source_actor, e.target_actor) for e in ev}


def test_seas_named_after_a_country_are_no_actor(enricher):
    for text, name in (("China's navy sent two warships to the South China Sea.", "China"),
                       ("Japan criticised North Korea over the launch, which raised tension on the Korean "
                        "Peninsula.", "Korean"),
                       ("Iranian boats harassed a tanker in the Indian Ocean.", "Indian")):
        assert name not in {a.text for a in enricher.enrich(text).actors}, text


def test_condemning_an_act_targets_its_doer_not_the_next_clause(enricher):
    text = ("Nigerian troops killed five Boko Haram fighters near Maiduguri on Monday. Amnesty International "
            "condemned the killings and expressed solidarity with the families of the victims.")
    ev = [e for e in events(enricher, text) if e.root_code == "11"]
    assert [(e.source_actor, e.target_actor) for e in ev] == [("NGOHRIAMN", "NGAMIL")]
    assert text[ev[0].target_start:ev[0].target_end] == "Nigerian troops"
    # an actor attached to the act is its doer, named
    ev = events(enricher, "Turkey condemned the attack by Syrian forces and called for restraint.")
    assert ("TUR", "SYRMIL", "11") in {(e.source_actor, e.target_actor, e.root_code) for e in ev}


def test_a_name_restated_in_brackets_keeps_the_coordination(enricher):
    ev = events(enricher, "Mali and the African Union (AU) agreed on Monday to hold talks with the rebels.")
    assert {(e.source_actor, e.target_actor) for e in ev} == {("MLI", "IGOAFRAFU"), ("IGOAFRAFU", "MLI")}


def test_participles_used_as_adjectives_are_no_predicate(enricher):
    ev = events(enricher, "Somalia's internationally recognised government accused al-Shabaab of attacking civilians.")
    assert {(e.source_actor, e.root_code) for e in ev} == {("SOMGOV", "11")}
    assert "recognised" not in {e.sentence[e.verb_start - e.sentence_start:e.verb_end - e.sentence_start] for e in ev}
    res = enricher.enrich("Health officials in Sanaa recorded 6,000 suspected cases of cholera in August.")
    assert not [e for e in (*res.events, *res.flagged) if e.root_code == "11"]


def test_a_passive_say_verb_is_no_speaker(enricher):
    # "two men who were seen leaving": the men are whom the police detained, not a speaker
    ev = events(enricher, "Police in Manila detained two men who were seen leaving the motorcycle before the blast.")
    assert ("PHLCOP", "17") in {(e.source_actor, e.root_code) for e in ev}
    assert all(e.target_actor for e in ev if e.root_code == "17")


def _coded_roots(enricher, text):
    enr = enricher.enrich(text)
    return [e.root_code for e in list(enr.events) + list(enr.flagged)]


def test_scheduled_act_is_an_intent(enricher):
    # "is to V", "are due to V": an act announced for later is an intent (03), not the act
    assert _coded_roots(enricher, "The Turkish president is to visit Germany on Friday.")[:1] == ["03"]
    assert _coded_roots(enricher, "Japan and South Korea are due to sign a trade pact in May.")[:1] == ["03"]
    assert _coded_roots(enricher, "The Turkish president visited Germany on Friday.")[:1] == ["04"]
    # a purpose noun before "is to" states an aim, no act
    assert "04" not in _coded_roots(enricher, "The aim is to visit Germany on Friday.")


def test_agreeing_to_yield_is_yielding(enricher):
    # acceding to a demand ("agreed to reinstate", "agreed to release") is the yield itself (08)
    assert _coded_roots(enricher, "The Kenyan government agreed to reinstate the sacked judges.")[:1] == ["08"]
    assert _coded_roots(enricher, "Kenya agreed on Friday to release the detained Ugandan opposition leader.")[:1] == ["08"]
    # agreeing to let someone act accedes to no demand
    assert "08" not in _coded_roots(enricher, "The Kenyan governor agreed to allow Ugandan traders to use the port.")
    # agreeing to meet stays an intent to cooperate
    assert _coded_roots(enricher, "Kenya agreed on Friday to meet Ugandan officials.")[:1] == ["03"]


def test_refusing_an_act_is_a_rejection(enricher):
    assert _coded_roots(enricher, "The Indian parliament refused to consider the Pakistani proposal.")[:1] == ["12"]
    ev = enricher.enrich("The Kenyan minister declined to comment on the Ugandan report.")
    assert [e.code for e in list(ev.events) + list(ev.flagged)][:1] == ["011"]


def test_force_verb_used_for_words(enricher):
    assert _coded_roots(enricher, "The French minister clashed with the Italian prime minister over the migration plan.")[:1] == ["11"]
    assert _coded_roots(enricher, "The Spanish opposition leader hit back, accusing the Spanish prime minister of lying.")[:1] == ["11"]
    # fighting over ground is force
    assert _coded_roots(enricher, "Syrian troops clashed with rebels over control of the town.")[:1] == ["19"]


def test_trade_duties_and_restrictions_are_coercion(enricher):
    # duties on a country's goods are economic sanctions (16), new restrictions administrative ones (17)
    assert _coded_roots(enricher, "India announced new tariffs on Chinese steel on Monday.")[:1] == ["16"]
    assert _coded_roots(enricher, "Beijing announced retaliatory duties on American pork.")[:1] == ["16"]
    assert _coded_roots(enricher, "The Egyptian government announced new restrictions on foreign journalists.")[:1] == ["17"]
    assert _coded_roots(enricher, "The Egyptian government lifted restrictions on foreign journalists.")[:1] == ["08"]


def test_bombs_are_non_military_bombing(enricher):
    # a bomb or blast with no army weapon named is CAMEO's 183, whoever the victims
    assert _coded_roots(enricher, "Three Afghan soldiers died in the blast, the army said.")[:1] == ["18"]
    assert _coded_roots(enricher, "A bomb killed two Nigerian soldiers in Maiduguri on Monday.")[:1] == ["18"]
    assert _coded_roots(enricher, "Israeli jets bombed Hamas positions in Gaza, killing four.")[:1] == ["19"]


def test_reported_wrongdoing_is_a_charge(enricher):
    # "X says Y stole ...": the event is X accusing Y (112), not the theft
    ev = enricher.enrich("The Greek government said the Turkish ship violated Greek waters.")
    coded = [(e.source_actor, e.code) for e in list(ev.events) + list(ev.flagged)]
    assert coded[:1] == [("GRCGOV", "112")]
    assert _coded_roots(enricher, "The Kenyan finance minister says two Ugandan businessmen stole $2 billion.")[:1] == ["11"]


def test_cooperation_nouns_take_the_verb_of_their_clause(enricher):
    # a stated future of cooperation is an intent (03); done, diplomatic cooperation (05); stopped, 16
    assert _coded_roots(enricher, "The Chinese foreign minister said China will strengthen cooperation with Russia.")[:1] == ["03"]
    assert _coded_roots(enricher, "Vietnam and Russia strengthened ties on Monday.")[:1] == ["05"]
    assert _coded_roots(enricher, "Russia suspended cooperation with NATO on Monday.")[:1] == ["16"]
    # only as the verb's own object: not after a gerund or behind a preposition
    assert "05" not in _coded_roots(enricher, "The Indian minister said India attaches importance to developing the partnership with Japan.")


def test_filling_an_office_has_no_root(enricher):
    assert _coded_roots(enricher, "The Egyptian president appointed a new defence minister on Tuesday, sacking the army chief.") == []
    assert _coded_roots(enricher, "The Egyptian president named a prime minister on Tuesday, plucking him from obscurity.") == []
    # "named" without an office, or an appointment told in passing, does not stop the act
    assert _coded_roots(enricher, "A man named Ali attacked Egyptian police in Cairo.")[:1] == ["19"]
    assert _coded_roots(enricher, "The newly appointed Egyptian envoy met Israeli officials.")[:1] == ["04"]


def test_lawsuits_are_legal_action(enricher):
    # CAMEO 115 (bring a lawsuit), a complaint (11), not an arrest (17)
    assert _coded_roots(enricher, "Several US states are suing British banks over rate rigging.")[:1] == ["11"]
    assert _coded_roots(enricher, "The Kenyan government filed a lawsuit against the Ugandan company.")[:1] == ["11"]


def test_military_operation_that_kills_is_force(enricher):
    # the offensive named as the doer: military force (19), not an unnamed attacker's violence (18)
    assert _coded_roots(enricher, "The Russian-backed offensive in eastern Ghouta has killed more than 1,600 civilians.")[:1] == ["19"]
    assert _coded_roots(enricher, "Gunmen killed 12 Nigerian villagers in Zamfara on Monday.")[:1] == ["18"]


def test_strike_as_attack_and_as_labour_action(enricher):
    # "a drone strike" names an attack (a noun); striking something is force; workers strike intransitively
    assert _coded_roots(enricher, "A US drone strike killed five Taliban fighters in Pakistan on Monday.")[:1] == ["19"]
    assert _coded_roots(enricher, "Israeli jets strike Hamas targets in Gaza.")[:1] == ["19"]
    assert _coded_roots(enricher, "Kenyan teachers strike on Monday.")[:1] == ["14"]
    assert _coded_roots(enricher, "South African miners strike for higher wages.")[:1] == ["14"]


def test_announced_expulsions_are_the_expulsion(enricher):
    assert _coded_roots(enricher, "Russia announced the expulsions of British diplomats.")[:1] == ["16"]


def test_announced_reduction_of_relations_is_the_act(enricher):
    # a plain "will" before expelling or closing: a decision announced (16); a condition or "may": a threat (13)
    assert _coded_roots(enricher, "Russia will expel 60 American diplomats, the Russian foreign minister said.")[:1] == ["16"]
    assert _coded_roots(enricher, "Russia will expel American diplomats if Washington does not reverse its decision.")[:1] == ["13"]
    assert _coded_roots(enricher, "Russia may expel American diplomats.")[:1] == ["13"]


def test_repression_and_ordered_closure(enricher):
    # dispersing protesters is repression (17); ordering a party or paper to close or disband an
    # administrative sanction (172), not a demand (10); an order to withdraw stays the withdrawal
    assert _coded_roots(enricher, "Egyptian police dispersed protesters in Cairo on Friday.")[:1] == ["17"]
    ev = enricher.enrich("Malaysian authorities ordered the opposition party to disband on Thursday.")
    assert [e.code for e in list(ev.events) + list(ev.flagged)][:1] == ["172"]
    assert _coded_roots(enricher, "The Nigerian army ordered troops to withdraw from Maiduguri.")[:1] == ["08"]


def test_reported_blame_is_an_accusation(enricher):
    ev = enricher.enrich("The Georgian foreign ministry said Russia bears the blame for the violence.")
    assert [(e.source_actor, e.root_code) for e in list(ev.events) + list(ev.flagged)][:1] == [("GEOGOV", "11")]
    ev = enricher.enrich("The Iraqi prime minister said Iran was to blame for the attacks.")
    assert [(e.source_actor, e.root_code) for e in list(ev.events) + list(ev.flagged)][:1] == [("IRQGOV", "11")]
    assert "11" not in _coded_roots(enricher, "The Kenyan minister said Uganda would bear the cost of the road.")


def test_instituted_restrictions_and_seizing_on_words(enricher):
    # verbs that bring in a measure take the measure's code; "seized on" words is no seizure
    assert _coded_roots(enricher, "The Syrian government has instituted tight restrictions on foreign journalists.")[:1] == ["17"]
    assert _coded_roots(enricher, "The Kenyan government enforced a curfew in Mombasa.")[:1] == ["17"]
    assert "17" not in _coded_roots(enricher, "Western leaders seized on an admission by the Syrian government.")
    assert _coded_roots(enricher, "Egyptian police seized on Monday two Muslim Brotherhood leaders.")[:1] == ["17"]


def test_the_subject_of_a_passive_is_the_victim_of_the_attack_that_follows(enricher):
    def triples(text):
        return [(e.source_actor, e.target_actor, e.root_code) for e in enricher.enrich(text).events]
    # a participle after a passive: the troops are hurt, not the attackers
    assert ("CHLUAF", "CHLMIL", "19") in triples(
        "A Chilean army truck was destroyed in the attacks, wounding three Chilean soldiers.")
    assert ("PERUAF", "PERCOP", "18") in triples(
        "A Peruvian police patrol was hit by a roadside bomb on Monday, killing two officers.")
    # a coordinated active verb keeps the subject ("were pelted with stones and arrested 19 people")
    assert any(s == "CHLCOP" for s, _t, _r in triples(
        "Chilean police said officers had been pelted with stones and arrested 19 protesters on Monday."))


def _coded(enricher, text):
    enr = enricher.enrich(text)
    return [(e.code, e.flag) for e in list(enr.events) + list(enr.flagged)]


def test_verb_sense_from_the_object_head(enricher):
    # a place taken is an occupation (192), whatever the verb's own code (an arrest, a confiscation)
    assert _coded_roots(enricher, "Turkish troops seized the town of Afrin on Sunday.")[:1] == ["19"]
    assert _coded_roots(enricher, "Syrian troops regained most of the villages near Homs on Tuesday.")[:1] == ["19"]
    assert _coded_roots(enricher, "Egyptian police seized two Muslim Brotherhood leaders on Monday.")[:1] == ["17"]
    # a document released is a statement; people released are a release (0841)
    assert "08" not in _coded_roots(enricher, "The Iranian foreign ministry released a list of demands for Britain.")
    assert _coded_roots(enricher, "Iran released two British sailors on Tuesday.")[:1] == ["08"]
    # a law passed is no yielding (08); a resolution takes the code of what it calls for
    assert "08" not in _coded_roots(enricher, "The Kenyan parliament passed a law on Tuesday on foreign media.")
    assert _coded_roots(enricher, "The Chilean senate passed a resolution calling for sanctions on Peru.")[:1] == ["10"]
    # taking part: the event is what one takes part in
    assert _coded_roots(enricher, "Ghana took part in the talks with Togo on Monday.")[:1] == ["04"]


def test_counterfactual_and_wished_acts(enricher):
    # "could have attacked": it did not happen, no event (force under a plain modal is a threat)
    assert not _coded_roots(enricher, "Russia could have attacked Georgia.")
    assert _coded_roots(enricher, "Russia would attack Georgia.")[:1] == ["13"]
    # "would like to meet" is an intent, as "wants to meet" is
    assert _coded_roots(enricher, "The Chilean president would like to meet the Peruvian president.")[:1] == ["03"]


def test_past_perfect_without_a_report_is_background(enricher):
    assert ("190", "background") in _coded(enricher, "The rebels had attacked the Malian army before the talks.")
    # reported, it is news ("police said the rebels had attacked")
    reported = enricher.enrich("Malian police said the rebels had attacked the army on Monday.")
    assert any(e.root_code == "19" for e in reported.events)


def test_a_possibility_in_the_writers_voice_is_speculation(enricher):
    assert {f for _c, f in _coded(enricher, "Iran could sign a gas deal with Russia.")} == {"speculation"}
    reported = enricher.enrich("Iran said it could sign a gas deal with Russia.")
    assert any(e.root_code == "03" for e in reported.events)


def test_a_call_for_calm_is_an_appeal(enricher):
    assert _coded_roots(enricher, "The Malian president called for calm after the clashes in Gao.")[:1] == ["02"]
    assert _coded_roots(enricher, "Malian opposition leaders called for the resignation of the president.")[:1] == ["10"]


def test_nouns_after_a_possessive_or_before_a_report(enricher):
    # "the country's bid", "the ministry's planning": nouns; "the army command says": the report's subject
    assert "10" not in _coded_roots(enricher, "The Chilean senate praised the country's bid for OECD membership.")
    assert _coded_roots(enricher, "The Syrian army command says it has regained most of the villages near Homs.")[:1] == ["19"]
    # "he's clashed": the contraction of "has", an auxiliary
    assert "11" in _coded_roots(enricher, "He's clashed with the Kenyan prime minister over the budget.")


def test_a_law_passed_is_coded_by_what_it_does(enricher):
    assert _coded_roots(enricher, "The Kenyan parliament passed a law this year banning opposition rallies.")[:1] == ["17"]


def test_the_sources_own_country_as_a_possessor_is_not_the_target(enricher):
    ev = enricher.enrich("The Kenyan foreign ministry said the operation was almost done, expressing Nairobi's "
                         "concern over US attempts to prolong its presence in Somalia.")
    assert [(e.source_actor, e.target_actor) for e in list(ev.events) + list(ev.flagged)][:1] == [("KENGOV", "USA")]
    # a reported verb after "to" is no noun before "said" ("refused to consider said bills")
    assert _coded_roots(enricher, "The Kenyan parliament refused to consider said bills.")[:1] == ["12"]


def test_an_act_failed_or_unwilling_is_not_the_act(enricher):
    # "failed to V": neither the act nor a rejection; "unwilling to V" a cooperation refused (12)
    assert not _coded_roots(enricher, "Chile failed to negotiate a settlement with Peru.")
    assert _coded_roots(enricher, "The Chilean president was unwilling to meet the Peruvian president.")[:1] == ["12"]
    assert not [r for r in _coded_roots(enricher, "The Chilean army was reluctant to attack the rebels.")
                if r in ("18", "19", "20")]


def _all(enricher, text):
    enr = enricher.enrich(text)
    return list(enr.events) + list(enr.flagged)


def test_a_reported_act_with_its_own_subject_is_not_the_speakers(enricher):
    # the reported clause names its own doer, no actor: the speaker did not do it
    assert not [e for e in _all(enricher, "The opposition says the shelling forced them to leave the town.")
                if e.source_actor and e.source_actor.endswith("OPP")]
    assert not [e for e in _all(enricher, "The Syrian army spokesman said the military campaign had secured the capital.")
                if e.source_actor and e.source_actor.startswith("SYR")]
    # armed force keeps its coding: the speaker's own means ("the jets") are often its subject
    ev = [e for e in _all(enricher, "The Nigerian air force said the jets struck rebel camps in Sokoto on Monday.")
          if e.root_code in ("18", "19")]
    assert ev and ev[0].source_actor.startswith("NGA")
    # the convention stands: a reported act of a named actor is that actor's, and the speaker's own
    # pronoun or possessive keeps the speaker as the doer
    ev = events(enricher, "Police said gunmen attacked a checkpoint in Kirkuk on Monday.")
    assert ev and ev[0].root_code == "19" and not ev[0].source_actor.endswith("COP")
    ev = events(enricher, "Russia said its jets struck Islamic State positions near Palmyra.")
    assert ev and (ev[0].source_actor, ev[0].root_code) == ("RUS", "19")
    ev = events(enricher, "Lavrov said Russia would retaliate against the United States.")
    assert ev and ev[0].root_code == "13"


def test_contracted_d_is_read_as_would_or_had_by_the_event_coder(enricher):
    def coded(text):
        enr = enricher.enrich(text)
        return {e.code for e in enr.events}, {e.code for e in enr.flagged}

    # "'d" before a base or "have" is "would": a counterfactual is no event, a wish an intent
    for subject in ("they would", "they'd", "they’d"):
        shown, flagged = coded(f"Officials said {subject} have attacked Ukraine.")
        assert not any(c.startswith("19") for c in shown | flagged)
    for subject in ("it would", "it'd"):
        assert {c[:2] for c in coded(f"Iran said {subject} like to meet Saudi officials.")[0]} == {"03"}
    assert coded("Russia said it'd sign a deal with Ukraine.") == coded("Russia said it would sign a deal with Ukraine.")
    assert coded("Russia said it'd attack Ukraine.") == coded("Russia said it would attack Ukraine.")
    # before a participle it is "had": the act told, as with "had"
    assert coded("Russia said they’d signed a deal with Ukraine.") == coded(
        "Russia said they had signed a deal with Ukraine.")


def test_a_word_after_no_is_a_noun(enricher):
    from wirehouse.enrich import events as _events
    from wirehouse.enrich.sentences import tokenize

    def verbs(text):
        toks = tokenize(text)
        low = [t[0].lower() for t in toks]
        return [low[h.i] for h in _events.find_verbs(enricher.dicts, toks, low, 0, len(low), set())]

    assert verbs("Iran said it had no contact with Saudi officials.") == ["said"]
    assert verbs("Officials said there was no attack on the base.") == ["said"]
    assert "attack" not in verbs("Israel said no attack had been planned against Iran.")
    assert "contact" in verbs("Iran said it had contact with Saudi officials.")
    # an intent denied is read off the intent word: a refusal (12), as before
    assert "plans" in verbs("Israel said it has no plans to strike Iran.")
    assert [e.root_code for e in events(enricher, "Israel said on Monday it has no plans to strike Iran.")] == ["12"]


def test_will_joined_to_a_pronoun_is_read_as_will(enricher):
    def coded(text):
        enr = enricher.enrich(text)
        return {e.code for e in enr.events}, {e.code for e in enr.flagged}

    # force under "will" is a threat (13), cooperation an intent (03), whether "will" stands alone or not
    assert coded("Russia said they'll attack Ukraine.") == coded("Russia said they will attack Ukraine.")
    assert {c[:2] for c in coded("Russia said it’ll attack Ukraine.")[0]} == {"13"}
    assert {c[:2] for c in coded("Turkey said it'll provide aid to Syria.")[0]} == {"03"}
    assert coded("Russia said they've attacked Ukraine.") == coded("Russia said they have attacked Ukraine.")


def test_an_idiom_of_effort_is_no_negation(enricher):
    """"spare no effort to V", "leave no stone unturned to V", "made every effort to V", "wasted no
    time in V-ing": the verb after the idiom is the act (an intent under "will"), never negated by
    the idiom's "no"."""
    def coded(text):
        enr = enricher.enrich(text)
        return [(e.source_actor, e.code[:2], e.target_actor, e.is_negated) for e in (*enr.events, *enr.flagged)]

    assert coded("Ghana will spare no effort to assist Togo after the floods.") == [("GHA", "03", "TGO", False)]
    assert coded("The Ugandan army spared no effort to support the Congolese government on Friday.") \
        == [("UGAMIL", "05", "CODGOV", False)]
    assert coded("Chile will leave no stone unturned to help Peru.")[0][1:] == ("03", "PER", False)
    assert coded("Norway wasted no time in condemning Belarus on Tuesday.") == [("NOR", "11", "BLR", False)]
    assert coded("The Bolivian police did their best to disperse the miners on Monday.")[0][1] == "17"
    # without the idiom "no" still tells a denied intent, and "not" still negates
    assert coded("Israel said on Monday it has no plans to strike Iran.")[0][1:] == ("12", "IRN", True)
    assert not [c for c in coded("Ghana will not assist Togo.") if c[1] == "07"]


def test_a_verbs_bare_form_after_be_is_an_adjective(enricher):
    from wirehouse.enrich import events as _events
    from wirehouse.enrich.sentences import tokenize

    def verbs(text):
        toks = tokenize(text)
        low = [t[0].lower() for t in toks]
        return [low[h.i] for h in _events.find_verbs(enricher.dicts, toks, low, 0, len(low), set())]

    assert "appropriate" not in verbs("The Peruvian minister stressed that the ruling was wholly appropriate.")
    assert "free" not in verbs("The Cuban government said its citizens were free to leave.")
    # a participle after "be" is a passive, and a base that is also a participle stays a verb
    assert "appropriated" in verbs("The farms were appropriated by the Zimbabwean government.")
    assert "hit" in verbs("The Malian army was hit by a roadside bomb.")
    assert "free" in verbs("The Cuban government will free the prisoners.")
    assert "hurt" in verbs("Two Malian soldiers were hurt in the ambush.")
    assert "overrun" in verbs("The Malian army post was overrun.")


def test_a_verb_of_assertion_before_a_reported_clause_is_a_statement(enricher):
    """"reassured the officials that ...", "recalled that the troops had fought", "admitted that ...":
    the speaker asserts the clause (010, or 015 for an admission); the verb's own sense ("reassure"
    as support 051, "recall" as recalling envoys 161) is for its plain object."""
    def coded(text):
        enr = enricher.enrich(text)
        return [(e.source_actor, e.code, e.target_actor) for e in (*enr.events, *enr.flagged)]

    assert [c[1][:2] for c in coded("The Thai premier reassured Laotian officials that the dam would stay open.")] \
        == ["01"]
    # "recalled that Ugandan troops had fought": the speaker recalls, the troops fought (no recall of envoys)
    assert [c[1][:2] for c in coded("The Kenyan president recalled that Ugandan troops had fought beside "
                                    "Kenya's army on Monday.")] == ["19"]
    assert coded("Serbia admitted that its police had detained the Kosovar officials.")[0][1] == "015"
    # a plain object keeps the verb's own sense
    assert coded("Jordan recalled its ambassador to Israel on Monday.")[0][1] == "161"
    assert coded("The Thai premier reassured Laotian officials of his support on Monday.")[0][1][:2] == "05"
    # a claim about the other side stays a charge (110)
    assert coded("Hamas claimed that Israeli troops had shot two fishermen on Sunday.")[0][1] == "110"


def test_countering_a_claim_is_a_denial_and_confirming_an_attack_no_attack(enricher):
    """"countered the allegations" is a denial (016) as "denied the reports" is; "push" with a plain
    object promotes an agenda (no demand); the reporter of an attack is not its doer."""
    def coded(text):
        enr = enricher.enrich(text)
        return [(e.source_actor, e.code, e.target_actor) for e in (*enr.events, *enr.flagged)]

    assert coded("A Sudanese army spokesman countered the allegations by Chad on Monday.")[0][1] == "016"
    assert coded("Sudan refuted the claims of Chadian officials on Monday.")[0][1] == "016"
    # the reporter of an attack is not its doer
    assert not [c for c in coded("The Kenyan army confirmed the attack on the Somali border post on Monday.")
                if c[1][:2] in ("18", "19", "20")]
    assert [c[1][:2] for c in coded("Kenyan troops launched an attack on the Somali border post on Monday.")] == ["19"]
    assert not [c for c in coded("Mongolia will push the implementation of its agreements with China.")
                if c[1][:2] == "10"]
    assert coded("The Chinese envoy pushed Mongolia to reopen the border on Monday.")[0][1][:2] == "10"
    assert coded("Chile is pushing hard for Peru to reopen the border, officials said on Monday.")[0][1][:2] == "10"


def test_a_condition_on_the_other_side_makes_a_threat(enricher):
    """An act promised or announced on a condition the other side must meet ("if they do not ...",
    "unless ...", "should they ...") is a threat (13); a condition of circumstance is not, and the
    verb inside an inverted condition ("should they use") is no act and no obligation."""
    def coded(text):
        enr = enricher.enrich(text)
        return [(e.source_actor, e.code, e.target_actor) for e in (*enr.events, *enr.flagged)]

    assert coded("The Dutch minister promised to go after the Belgian firm if they don't pay the fine.")[0][1][:2] \
        == "13"
    assert coded("Turkey pledged to send troops to Syria if the Kurdish militia does not withdraw.")[0][1][:2] == "13"
    assert coded("Ghana promised to help Togo if the floods return.")[0][1][:2] == "03"
    # "should they": a condition, not a demand of the speaker on them
    ev = coded("The Peruvian president said the region would isolate Bolivia should they close the border.")
    assert not [c for c in ev if c[1][:2] == "10"]
    assert coded("The Peruvian president said the Bolivian government should reopen the border.")[0][1] == "100"
    # the condition's verb is no act, also after an idiom of effort
    from wirehouse.enrich import events as _events
    from wirehouse.enrich.sentences import tokenize

    for condition in ("should they shell", "should they make every effort to shell"):
        toks = tokenize(f"The ministry said {condition} the villages, the army would respond.")
        low = [t[0].lower() for t in toks]
        verbs = [low[h.i] for h in _events.find_verbs(enricher.dicts, toks, low, 0, len(low), set())]
        assert "shell" not in verbs, condition


def test_the_main_verb_resumes_after_a_relative_clause(enricher):
    """"a spokesman who was not authorized to speak denied ...": the relative clause has its own
    finite verb; the verb after it is the main clause's (a denial), not the clause's ("authorized",
    negated: a rejection). A verb joined to the relative's own ("who stormed ... and killed")
    stays inside it."""
    from wirehouse.enrich import events as _events

    low = "a spokesman who was not authorized to speak denied the reports .".split()
    assert not _events._in_subordinate_clause(low, low.index("denied"))
    assert _events._in_subordinate_clause(low, low.index("authorized"))
    low = "militants who stormed the base and killed the guards fled .".split()
    assert _events._in_subordinate_clause(low, low.index("killed"))
    low = "the soldier who was killed by a buried bomb while on patrol".split()
    assert _events._in_subordinate_clause(low, low.index("bomb"))
    low = "the agency that oversees aid to the camps".split()
    assert _events._in_subordinate_clause(low, low.index("oversees"))
    enr = enricher.enrich("A Kenyan army spokesman who was not authorized to speak to reporters denied the "
                          "Somali reports on Monday.")
    roots = [e.root_code for e in (*enr.events, *enr.flagged)]
    assert roots and set(roots) == {"01"}

from pathlib import Path


def codes(enricher, text):
    return {(a.text, a.code) for a in enricher.enrich(text).actors}


def test_country_role_compounds(enricher):
    c = codes(enricher, "The Iraqi Army and the Kenyan police met Ukraine's foreign minister.")
    assert ("Iraqi Army", "IRQMIL") in c
    assert ("Kenyan police", "KENCOP") in c
    assert ("Ukraine's foreign minister", "UKRGOV") in c


def test_named_groups(enricher):
    text = ("Islamic State and ISIS and ISIL, Hamas, Hezbollah, the Houthis, al-Shabaab, Boko Haram, al-Qaeda, "
            "NATO, the UN, the European Union, Amnesty International, Human Rights Watch, UNHCR, the IAEA.")
    got = {a.code for a in enricher.enrich(text).actors}
    for code in ["IMGMUSISI", "PSEREBHMS", "LBNREB", "YEMREB", "SOMINS", "NGAREB", "IMGMUSAQD", "IGOWSTNAT",
                 "IGOUNO", "IGOEUREEC", "NGOHRIAMN", "NGOHRI", "IGOUNOREFHCR", "IGOUNOIAE"]:
        assert code in got, code


def test_short_forms_resolve_to_earlier_actor(enricher):
    text = "The Iraqi Army advanced on Mosul. Later the army said ISIS fighters fled. The militants regrouped."
    ms = enricher.enrich(text).actors
    by_text = {a.text: a.code for a in ms}
    assert by_text["army"] == "IRQMIL"
    assert by_text["militants"] == "IMGMUSISI"


def test_protesters_take_country_context(enricher):
    ms = enricher.enrich("Protesters gathered in Nairobi on Monday.").actors
    assert any(a.text == "Protesters" and a.code == "KENCVL" for a in ms)


def test_offsets_exact(enricher):
    text = "Moscow said the Russian army would respond to NATO."
    for a in enricher.enrich(text).actors:
        assert text[a.start:a.end] == a.text


def test_user_dictionary(tmp_path: Path):
    from wirehouse.enrich import Enricher

    f = tmp_path / "mine.csv"
    f.write_text("phrase,code,name\nAcme Liberation Front,ZZZREB,Acme front\n", encoding="utf-8")
    e = Enricher.load(extra_dictionaries=[f])
    assert any(a.code == "ZZZREB" for a in e.enrich("The Acme Liberation Front attacked a base.").actors)
    y = tmp_path / "mine.yaml"
    y.write_text("- phrase: Blue Brigade\n  code: USAREB\n", encoding="utf-8")
    e = Enricher.load(extra_dictionaries=[y])
    assert any(a.code == "USAREB" for a in e.enrich("The Blue Brigade said so.").actors)


def test_capital_that_acts_is_the_government(enricher):
    codes = {a.text: a.code for a in enricher.enrich("Moscow said the talks had failed.").actors}
    assert codes["Moscow"] == "RUSGOV"
    codes = {a.text: a.code for a in enricher.enrich("Protesters gathered in Moscow on Sunday.").actors}
    assert codes.get("Moscow", "RUS") == "RUS"


def test_rights_groups_are_ngos(enricher):
    codes = {a.text: a.code for a in enricher.enrich("Rights groups condemned the arrests in Iraq.").actors}
    assert codes["Rights groups"] == "NGOHRI"


def test_ethnic_groups_are_residents_of_the_country_around_them(enricher):
    def codes(text):
        return {a.text: a.code for a in enricher.enrich(text).actors}

    assert codes("Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia.")["Albanians"] == "SRBCVLALB"
    assert codes("Bosnian Serbs demanded a truce.")["Bosnian Serbs"] == "BIHCVLSRP"
    assert codes("Kurdish officials in Erbil criticised the plan.")["Kurdish officials"].startswith("IRQGOV")
    assert codes("Syrian troops shelled Kurdish fighters near Kobani.")["Kurdish fighters"].startswith("SYRREB")
    # their own country when the sentence names it, though another country is nearer
    assert codes("Burmese troops attacked Karen rebels near the Thai border.")["Karen rebels"] == "MMRREBKAR"
    assert "Karen" not in codes("Karen said she was tired.")


def test_an_organisations_staff_and_bodies_are_the_organisation(enricher):
    def codes(text):
        return {a.text: a.code for a in enricher.enrich(text).actors}

    assert codes("The UN's humanitarian coordinator for Afghanistan urged the Taliban.")[
        "UN's humanitarian coordinator for Afghanistan"] == "IGOUNO"
    assert codes("The UN human rights monitoring mission in Ukraine condemned Russia.")[
        "UN human rights monitoring mission in Ukraine"] == "IGOUNO"
    assert "IGOMEAARL" in codes("The Arab League's secretary-general also denounced the attack.").values()


def test_congress_is_the_legislature_of_the_country_around_it(enricher):
    def codes(text):
        return {a.text: a.code for a in enricher.enrich(text).actors}

    assert codes("Peruvian union leaders demanded that Congress approve a new law.")["Congress"] == "PERLEG"
    assert codes("Obama criticised Congress on Monday.")["Congress"] == "USALEG"


def places_of(result, name):
    return {p.country_code for p in result.places if p.text == name}


def test_town_named_like_a_capital_takes_its_country(enricher):
    text = ("PARIS, Ky. — Paris police arrested two men Tuesday after a break-in on Main Street, and Paris "
            "officials said the city would add patrols. Bourbon County deputies searched a farm near Paris.")
    r = enricher.enrich(text)
    assert places_of(r, "Paris") == {"USA"}  # the geoparser's decision the actors must follow
    by_text = {a.text: a.code for a in r.actors}
    assert by_text["Paris police"] == "USACOP"
    assert by_text["Paris officials"] == "USAGOV"
    assert not [a for a in r.actors if a.code.startswith("FRA")]
    assert not [a for a in r.actors if a.text in ("Paris", "PARIS")]  # a town alone is no country actor


def test_town_named_like_a_country_is_its_local_government(enricher):
    text = ("LEBANON, Pa. — Lebanon officials said Monday the city council will vote on the budget next week. "
            "Lebanon County commissioners met with the council in Lebanon to discuss road repairs.")
    r = enricher.enrich(text)
    assert "USA" in places_of(r, "Lebanon")
    by_text = {a.text: a.code for a in r.actors}
    assert by_text["Lebanon officials"] == "USAGOV"
    assert not [a for a in r.actors if a.code.startswith("LBN")]


def test_the_country_keeps_its_code(enricher):
    text = ("BEIRUT — Lebanon accused Israel on Monday of violating its airspace, and Lebanese officials said "
            "they would complain to the United Nations. Beirut said the flights must stop.")
    r = enricher.enrich(text)
    assert places_of(r, "Lebanon") == {"LBN"}
    by_text = {a.text: a.code for a in r.actors}
    assert by_text["Lebanon"] == "LBN"
    assert by_text["Lebanese officials"] == "LBNGOV"
    assert by_text["Beirut"] == "LBNGOV"


def test_georgia_the_state_and_the_country(enricher):
    state = ("ATLANTA — Georgia police arrested three men in Savannah on Friday, and Georgia lawmakers in "
             "Atlanta passed a new budget for Fulton County schools.")
    r = enricher.enrich(state)
    assert places_of(r, "Georgia") == {"USA"}
    by_text = {a.text: a.code for a in r.actors}
    assert by_text["Georgia police"] == "USACOP"
    assert not [a for a in r.actors if a.code.startswith("GEO")]
    country = ("TBILISI — Georgia accused Russia on Friday of moving troops into South Ossetia, and Georgian "
               "police arrested two men near Gori.")
    r = enricher.enrich(country)
    assert places_of(r, "Georgia") == {"GEO"}
    by_text = {a.text: a.code for a in r.actors}
    assert by_text["Georgia"] == "GEO"
    assert by_text["Georgian police"] == "GEOCOP"


def test_a_town_that_acts_is_its_government(enricher):
    text = ("PARIS, Texas — Paris collected $597,667 in sales tax in March, up 22 percent. Jessica Kay, 18, "
            "of Paris died Saturday in a Dallas hospital, and north Georgia is drought-free.")
    r = enricher.enrich(text)
    assert places_of(r, "Paris") == {"USA"}
    found = [(a.text, a.code, text[a.end:a.end + 10]) for a in r.actors if a.text == "Paris"]
    assert found == [("Paris", "USAGOV", " collected")]  # not "of Paris died"
    assert not [a for a in r.actors if a.text == "Georgia"]

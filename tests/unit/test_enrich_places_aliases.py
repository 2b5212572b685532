"""Country names and their short forms resolve to the right country: the alias table checked
against the CAMEO country list (tests/fixtures/reference/cameo_countries.csv), and the forms of
news copy whose words hold another country's name."""

import csv
from pathlib import Path

from wirehouse.enrich.dictionaries import norm_key

CAMEO = Path(__file__).resolve().parents[1] / "fixtures" / "reference" / "cameo_countries.csv"
# CAMEO codes that ISO 3166 (the product's codes) spells otherwise
CAMEO_TO_ISO = {"ROM": "ROU", "TMP": "TLS", "MTN": "MNE", "IMY": "IMN"}
GONE = {"ANT"}  # the Netherlands Antilles, dissolved in 2010: no country of today


def _cameo_rows():
    with open(CAMEO, encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def test_every_cameo_country_label_names_its_country(enricher):
    d = enricher.dicts
    wrong = []
    for r in _cameo_rows():
        if r["code"] in GONE:
            continue
        hit = d.country_aliases.entries.get(norm_key(r["label"]))
        want = CAMEO_TO_ISO.get(r["code"], r["code"])
        if not hit or hit[0][0] != want or want not in d.countries:
            wrong.append((r["label"], hit, want))
    assert not wrong


def test_every_alias_names_a_country_of_the_list(enricher):
    d = enricher.dicts
    assert [a for a, v in d.country_aliases.entries.items() if v[0][0] not in d.countries] == []


def _places(enricher, text):
    return {p.text: p for p in enricher.enrich(text).places}


def test_the_norths_names_are_the_norths(enricher):
    text = ("Envoys of the Democratic People's Republic of Korea met officials of the Republic of Korea; "
            "the DPRK later fired a missile, and ROK forces went on alert.")
    ps = _places(enricher, text)
    assert ps["Democratic People's Republic of Korea"].country_code == "PRK"
    assert ps["DPRK"].country_code == "PRK"
    assert ps["Republic of Korea"].country_code == "KOR" and ps["ROK"].country_code == "KOR"
    assert "PRK" in {a.country_code for a in enricher.enrich("The DPRK fired a missile on Sunday.").actors}


def test_the_two_congos(enricher):
    ps = _places(enricher, "Refugees crossed from the Democratic Republic of Congo into the Republic of Congo.")
    assert ps["Democratic Republic of Congo"].country_code == "COD"
    assert ps["Republic of Congo"].country_code == "COG"


def test_a_territory_named_after_a_country_is_not_that_country(enricher):
    ps = _places(enricher, "The storm hit Puerto Rico and the U.S. Virgin Islands before Kosovo's envoy spoke.")
    assert ps["U.S. Virgin Islands"].country_code == "VIR"
    assert abs(ps["U.S. Virgin Islands"].lat - 18.3) < 1.0
    assert ps["Kosovo"].country_code == "KSV"

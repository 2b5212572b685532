"""Parts of continents are regions of their own, at the middle of their countries' capitals: not the
continent's point, nor a country whose name they hold ("Central America" is not the United States)."""

from wirehouse.enrich.places import _km


def _places(enricher, text):
    return {p.text: p for p in enricher.enrich(text).places}


def test_a_part_of_a_continent_is_a_region_of_its_own(enricher):
    ps = _places(enricher, "Smugglers cross North Africa, while Eastern Europe and South Asia watch.")
    for name in ("North Africa", "Eastern Europe", "South Asia"):
        assert ps[name].feature_kind == "region" and ps[name].country_code is None
    africa = _places(enricher, "Aid to Africa grew.")["Africa"]
    # North Africa lies on the Mediterranean, thousands of km from the middle of the continent
    assert ps["North Africa"].lat > 25 and _km(ps["North Africa"], africa) > 2000


def test_a_region_named_with_a_countrys_name_is_not_that_country(enricher):
    r = enricher.enrich("Gangs in Central America recruited teenagers, and Central American migrants fled.")
    ps = {p.text: p for p in r.places}
    assert ps["Central America"].feature_kind == "region" and ps["Central America"].lat < 20
    assert all(p.country_code != "USA" for p in r.places)
    assert all(a.code is None or not a.code.startswith("USA") for a in r.actors)


def test_a_country_whose_name_starts_like_a_region_stays_the_country(enricher):
    ps = _places(enricher, "South Africa and North Korea signed a deal.")
    assert ps["South Africa"].country_code == "ZAF" and ps["North Korea"].country_code == "PRK"


def test_a_compass_name_is_a_division_only_in_a_country_the_article_names(enricher):
    # "West Coast" is also a name of Western Australia and a region of New Zealand
    ps = _places(enricher, "The crown prince spent a week on the West Coast after stops in Boston and Chicago.")
    assert "West Coast" not in ps
    ps = _places(enricher, "Aqueducts of North West England and a jail in North Central West Virginia.")
    assert all(p.country_code in (None, "GBR", "USA") for p in ps.values())
    # where the article names the country, the division is reported
    ps = _places(enricher, "Floods hit the Upper East region of Ghana; Accra sent aid.")
    assert ps["Upper East"].country_code == "GHA" and ps["Upper East"].feature_kind == "admin1"

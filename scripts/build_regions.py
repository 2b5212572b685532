#!/usr/bin/env python
"""Regenerate ``regions.csv`` of ``wirehouse.enrich``: the parts of continents that news copy names
("North Africa", "Eastern Europe", "Central America", "South Asia"), each at the middle of its
countries' capitals (dev-only; needs only this package's own data files).

Membership is that of the UN M49 sub-regions (United Nations Statistics Division, "Standard country
or area codes for statistical use"), listed below by ISO alpha-3 code; a capital's point is the
largest town of its name in its country in the package's gazetteer. A part of a continent is no
country: it gets the kind ``region`` and no country code, as the continents do.

Usage: python scripts/build_regions.py
"""

from __future__ import annotations

import csv
from pathlib import Path

from wirehouse.enrich.dictionaries import DATA, Gazetteer, fold_key

# name used in news copy -> (the names it is also written as, the M49 members)
REGIONS = {
    "North Africa": (["Northern Africa"], "DZA EGY LBY MAR SDN TUN ESH"),
    "Central Africa": (["Middle Africa"], "AGO CMR CAF TCD COG COD GNQ GAB STP"),
    "Southern Africa": ([], "BWA SWZ LSO NAM ZAF"),
    "Central America": ([], "BLZ CRI SLV GTM HND MEX NIC PAN"),
    "East Asia": (["Eastern Asia"], "CHN HKG MAC PRK JPN MNG KOR TWN"),
    "South Asia": (["Southern Asia"], "AFG BGD BTN IND IRN MDV NPL PAK LKA"),
    "Western Asia": ([], "ARM AZE BHR CYP GEO IRQ ISR JOR KWT LBN OMN QAT SAU PSE SYR TUR ARE YEM"),
    "Eastern Europe": ([], "BLR BGR CZE HUN POL MDA ROU RUS SVK UKR"),
    "Northern Europe": ([], "DNK EST FIN ISL IRL LVA LTU NOR SWE GBR"),
    "Southern Europe": ([], "ALB AND BIH HRV GRC ITA MLT MNE MKD PRT SMR SRB SVN ESP"),
    "Western Europe": ([], "AUT BEL FRA DEU LIE LUX MCO NLD CHE"),
}


def capital_points(gaz: Gazetteer) -> dict[str, tuple[float, float, int]]:
    """ISO alpha-3 -> (lat, lon, population) of the country's capital."""
    out = {}
    with open(DATA / "countries.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            towns = [p for p in gaz.get(fold_key(r["capital"])) or () if p.kind == "city" and p.country == r["code"]]
            if towns:
                seat = max(towns, key=lambda p: p.population)
                out[r["code"]] = (seat.lat, seat.lon, int(r["population"] or 0))
    return out


def main() -> None:
    gaz = Gazetteer.load(DATA / "gazetteer.tsv.gz")
    seats = capital_points(gaz)
    rows = []
    for name, (also, members) in REGIONS.items():
        found = [seats[c] for c in members.split() if c in seats]
        lat = round(sum(s[0] for s in found) / len(found), 2)
        lon = round(sum(s[1] for s in found) / len(found), 2)
        population = sum(s[2] for s in found)
        for alias in [name] + also:
            rows.append([alias, name, lat, lon, population, members])
    out = DATA / "regions.csv"
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["alias", "name", "lat", "lon", "population", "members"])
        w.writerows(rows)
    print(f"{out.name}: {len(rows)} rows")


if __name__ == "__main__":
    main()

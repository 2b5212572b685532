"""Datelines: the place printed before the first sentence of a news story.

    "BEIRUT, LEBANON (12:50 P.M.) – Moments ago, ..."  -> "BEIRUT, LEBANON"
    "KYIV, Ukraine (HW) — Ukrainian forces ..."        -> "KYIV, Ukraine"
    "BAGHDAD — The Iraqi army ..."                     -> "BAGHDAD"
    "WASHINGTON (Reuters) - ..."                       -> "WASHINGTON"

The dateline stays in the text; this only reports where it is.
"""

from __future__ import annotations

import re

# A city in capitals (letters, spaces, dots, apostrophes, hyphens; up to five words), an
# optional ", Region/Country" in any case ("Bosnia and Herzegovina", "Republic of the Congo"), an optional "(agency or time)", then a dash or colon.
_CITY = r"[A-Z][A-Z\u00C0-\u00DE.'\u2019\-]+(?:\s+[A-Z][A-Z\u00C0-\u00DE.'\u2019\-]*){0,4}"
_REGION = r"[A-Z][\w.'\u2019\-]*(?:\s+(?:(?:and|of|the|de|del|da|do|du|la|el|al)\s+)?[A-Z][\w.'\u2019\-]*){0,3}"
_DATELINE = re.compile(
    rf"^\s*(?P<place>{_CITY}(?:,\s*{_REGION}){{0,2}})"
    r"\s*(?:\((?P<note>[^()\n]{1,40})\)\s*)?"
    r"(?:[\u2013\u2014\u2012\u2015]|--?|:)\s+(?=\S)"
)
_MAX_PARAGRAPHS = 3
# all-capital labels that open a line the same way but are not places
_NOT_PLACES = frozenset(
    "UPDATE UPDATED BREAKING EXCLUSIVE ANALYSIS OPINION EDITORIAL COMMENT LIVE VIDEO WATCH PHOTOS "
    "PHOTO READ ALSO NOTE CORRECTION CLARIFICATION WARNING ALERT FILE FACTBOX EXPLAINER REVIEW "
    "INTERVIEW SPONSORED ADVERTISEMENT AD PODCAST LISTEN GALLERY TAGS TOPICS SHARE RELATED EDITOR EDITOR'S EDITORS".split()
)


def find_dateline(text: str | None) -> str | None:
    """The dateline place at the start of the text (or of one of its first paragraphs), or None."""
    if not text:
        return None
    paragraphs = [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    for paragraph in paragraphs[:_MAX_PARAGRAPHS]:
        m = _DATELINE.match(paragraph)
        if m:
            place = m.group("place").strip().rstrip(",")
            city = place.split(",")[0]
            # at least one run of two capital letters: "BEIRUT", not "The" or "Moments ago"
            words = set(re.findall(r"[A-Z']+", city))
            if words <= _NOT_PLACES:
                continue
            if len(city) >= 2 and city.upper() == city and re.search(r"[A-Z]{2}", city):
                return place
    return None

"""A page title without the site's name: "Teen shot on Dalmora Street - KXYZ News 9 - Harbourton, Texas".

Pages title themselves with the outlet after the headline: " - KXYZ News 9", " | WXYZ-TV", " :: Example.com",
often with the station's city and its slogan. Left in, the station's call letters are the rarest words two
reports share (two shootings the same station covered a week apart look like one story), its city is read
as the place of the event, and its channel number as a count. The trailing parts that name an outlet go
(they are kept in Article.dropped); a subtitle that says something ("- Five injured in nightclub
shooting") stays.
"""
from __future__ import annotations

import re

# ` - `, ` | `, ` :: `, ` – `, ` — ` between a headline and the site's name (a hyphen inside a word is no separator)
_SEPARATOR = re.compile(r"\s+(?:-|\||::|–|—)\s+")
# Words of an outlet's name or slogan: "News", "Weather & Sports", "Channel 4", "NewsChannel 11", "KOTV.com"
_SITE_WORDS = re.compile(
    r"(?i)\b(?:news|newschannel|newscenter\d*|weather|sports|channel|tv|radio|headlines|stormtracker)\b"
    r"|\w\.(?:com|net|org|tv)\b|\b\d+news\b")
# A network and a channel number: "CBS 58", "FOX10", "NBC-2", "FOX Carolina 21"
_NETWORK = re.compile(r"(?i)\b(?:abc|nbc|cbs|fox|cw|pbs)(?:\s+[a-z]+)?[\s-]?\d+\b")
# Call letters of a North American station: "KSLA", "WMC", "KCTV5", "WAFF-TV"
_CALL_SIGN = re.compile(r"\b[KW][A-Z]{2,3}(?:-(?:TV|FM|AM|DT))?\d*\b")
MAX_SITE_WORDS = 15  # a site's name and slogan; longer is a sentence
LEADING_SITE_WORDS = 5  # a station's name before the headline: "WXYZ News Channel 12"


def _names_outlet(part: str, outlet: str | None) -> bool:
    """Whether a title part is an outlet's name: the page's own outlet, outlet words, or call letters
    (not in a part all in capitals, which is a shouted headline: "MAN SHOT - WEST SIDE")."""
    words = part.split()
    if not words or len(words) > MAX_SITE_WORDS:
        return False
    if outlet and outlet.strip().lower() in part.lower():
        return True
    if _SITE_WORDS.search(part) or _NETWORK.search(part):
        return True
    shouted = part.upper() == part and len(words) > 1
    return not shouted and bool(_CALL_SIGN.search(part))


def _station(part: str) -> bool:
    """Whether a short part is a station's name by its call letters or network and channel ("KXYZ News 4",
    "CBS 21"): a station that puts its name before the headline."""
    words = part.split()
    if not 0 < len(words) <= LEADING_SITE_WORDS:
        return False
    return bool(_NETWORK.search(part)) or (part.upper() != part and bool(_CALL_SIGN.search(part)))


def split_site_name(title: str, outlet: str | None = None) -> tuple[str, str | None]:
    """The title without its trailing site name, and that site name (None when there is none).

    From the first part after the headline that names an outlet (`_names_outlet`), every part goes:
    " - WXYZ Action News 5 - Harbourton, Texas" takes the station's city with it. The headline itself,
    the first part, always stays, unless it is a station's name and what follows names none
    ("KXYZ News 9 - Five injured in shooting").
    """
    title = title.strip().rstrip("|-").rstrip()  # "Man shot - KOTV.com |"
    parts = _SEPARATOR.split(title)
    seps = _SEPARATOR.findall(title)
    if len(parts) < 2:
        return title, None
    if _station(parts[0]) and not any(_names_outlet(p, outlet) for p in parts[1:]):
        return title[len(parts[0]) + len(seps[0]):].strip(), parts[0]  # "WXYZ News 4 - Five hurt in shooting"
    for i in range(1, len(parts)):
        if _names_outlet(parts[i], outlet) and all(len(p.split()) <= MAX_SITE_WORDS for p in parts[i:]):
            head = "".join(p + s for p, s in zip(parts[:i - 1], seps)) + parts[i - 1]
            site = "".join(s + p for s, p in zip(seps[i - 1:], parts[i:]))
            return head.strip(), site.strip(" -|:–—") or None
    return title, None


__all__ = ["split_site_name"]

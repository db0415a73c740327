"""The records the places stage works on, and a facility that hides its city's name.

`Span` is a stretch of tokens that may name a place and `Context` what an article's sure places
say about where it is set (see `sitroom.pipeline.places`). spaCy tags a facility named after its
city ("Karachi Central Jail") as one organisation; `facility_city` finds the city inside it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sitroom.pipeline.gazetteer import Candidate
from sitroom.pipeline.gazetteer_names import FACILITY_NOUNS

BIG_CITY = 100_000  # a PERSON-tagged name this populous, in the article's countries, is taken as the city


@dataclass(frozen=True)
class Context:
    """What an article's unambiguous places and country words say: where it is set."""

    countries: list[str] = field(default_factory=list)  # ISO2, from unambiguous places, most mentioned first
    weak: list[str] = field(default_factory=list)  # ISO2, from country names, nationality and group words
    admins: list[str] = field(default_factory=list)  # "SY.12"
    anchors: list[tuple[float, float]] = field(default_factory=list)


@dataclass
class Span:
    """A stretch of tokens that may name a place, with its readings and how it was judged."""

    start: int  # token offsets, end exclusive
    end: int
    kind: str  # "entity" (GPE/LOC), "person", "org" (ORG/FAC), "norp", "ngram", "part" (inside an entity),
    #            "cue" (marked as a settlement by its words), "chain" (an admin chain's part, resolved)
    cands: list[Candidate]
    form: str = ""
    accepted: bool = False
    evidence: bool = False  # a cue, a coordination or a curated spelling backs it
    container: Candidate | None = None  # what the text says it lies in
    outer: Candidate | None = None  # and the wider unit around that (a chain's province)


def facility_city(stage: Any, doc: Any, lo: int, hi: int, spans: list[Span]) -> bool:
    """A facility named after its city ("Karachi Central Jail"): the city, if the name starts with a
    big one, is where the facility is. False (nothing added) otherwise."""
    if hi - lo < 2 or doc[hi - 1].lemma_.lower() not in FACILITY_NOUNS:
        return False
    for end in range(min(hi - 1, lo + 3), lo, -1):
        cands, form = stage.lookup(doc, lo, end)
        big = [c for c in cands if c.precision == "place" and c.population >= BIG_CITY]
        if big:
            spans.append(Span(lo, end, "cue", big, form, evidence=True))
            return True
    return False


__all__ = ["BIG_CITY", "Context", "Span", "facility_city"]

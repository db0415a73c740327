"""The records the places stage works on, and two ways an entity that is no place name hides one.

`Span` is a stretch of tokens that may name a place and `Context` what an article's sure places
say about where it is set (see `sitroom.pipeline.places`). spaCy tags some place phrases as one
organisation: a comma chain ("Cuernavaca, Morelos") and a facility named after its city
("Karachi Central Jail"); `comma_chain` and `facility_city` find the places inside them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sitroom.pipeline.gazetteer import Candidate
from sitroom.pipeline.gazetteer_names import FACILITY_NOUNS, is_cap

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


def comma_chain(stage: Any, doc: Any, lo: int, hi: int, spans: list[Span]) -> bool:
    """A comma chain ending in an admin unit or country, "Cuernavaca, Morelos" (tagged as one
    organisation, say) or "Rivnopil, Donetsk": its parts become resolved spans, an unknown part
    lies in the next part found. False (nothing added) unless the last part is such a unit and
    every other part is found inside it or unknown."""
    parts, start = [], lo
    for k in range(lo, hi + 1):
        if k == hi or doc[k].text == ",":
            if k > start:
                parts.append((start, k))
            start = k + 1
    if len(parts) < 2 or not all(is_cap(doc[a]) for a, _ in parts):
        return False
    names = [stage.text_of(doc, a, b) for a, b in parts]
    found = stage.gazetteer.resolve_chain(names)
    # every part but the last unknown or inside the next: "Moscow, Beijing" is no Moscow in Beijing
    if found[-1] is None or any(f is None and stage.gazetteer.candidates(n)[0] for n, f in zip(names, found)):
        return False
    for n, ((a, b), c) in enumerate(zip(parts, found)):
        if c is not None:
            spans.append(Span(a, b, "chain", [c], "", True, True))
        else:
            container = next(x for x in found[n + 1:] if x is not None)
            spans.append(Span(a, b, "cue", [], "", True, True, container))
    return True


def in_unit_after(stage: Any, doc: Any, sp: Span) -> list[Candidate]:
    """The readings of a name that lie in the admin unit written after it, "Kostiantynivka, Donetsk"
    or "Udy, Kharkiv" (a town, its province: how coders and wires place a small town); [] if the
    name has no comma and unit after it, or no reading in that unit."""
    end = sp.end
    if not sp.cands or end + 1 >= len(doc) or doc[end].text != "," or not is_cap(doc[end + 1]):
        return []
    for b in range(min(end + 4, len(doc)), end + 1, -1):
        if not all(is_cap(t) or t.text == "-" for t in doc[end + 1:b]):
            continue
        units = {(u.country_code, u.admin1code) for u in stage.gazetteer.admin_units(stage.text_of(doc, end + 1, b))
                 if u.precision == "admin1"}
        inside = [c for c in sp.cands if c.precision == "place" and (c.country_code, c.admin1code) in units]
        if inside:
            return inside
    return []


NAME_PARTICLES = {"de", "del", "de la", "la", "las", "los", "el", "al", "das", "dos", "da", "do", "du", "des"}


def comma_runs(doc: Any) -> list[tuple[int, int]]:
    """Stretches written "Name, Name[, Name]" and ending a clause ("shelled Rivnopil, Donetsk."):
    capitalised runs joined by commas, for `comma_chain` to read as a place in its province. No
    person's name starts one, and none ends in a possessive ("Ali, Egypt's foreign minister")."""
    out, k, n = [], 0, len(doc)

    def run_end(i: int) -> int:  # "Naucalpan de Juarez", "Mogi das Cruzes", "Prestea-Huni Valley"
        while i < n and (is_cap(doc[i]) or ((doc[i].text == "-" or doc[i].lower_ in NAME_PARTICLES) and i + 1 < n
                                            and is_cap(doc[i + 1]))):
            i += 1
        return i

    while k < n:
        end = run_end(k) if is_cap(doc[k]) else k
        if end == k:
            k += 1
            continue
        lo, parts = k, 1
        while end + 1 < n and doc[end].text == "," and (nxt := run_end(end + 1)) > end + 1:
            end, parts = nxt, parts + 1
        closes = end == n or doc[end].is_punct or (doc[end].is_lower and doc[end].lower_ not in ("'s", "’s"))
        bracketed = lo > 0 and doc[lo - 1].text == "("  # "(Mamprusi East, North East)": an admin chain, read apart
        if parts > 1 and closes and not bracketed and doc[lo].ent_type_ != "PERSON":
            out.append((lo, end))
        k = end
    return out


__all__ = ["BIG_CITY", "Context", "Span", "comma_chain", "comma_runs", "facility_city", "in_unit_after"]

"""Places written as chains of units: "X (Konye, Meme, Sud-Ouest)", "Rivnopil, Donetsk", "Cuernavaca, Morelos".

Coders and wires place a small place by the units around it, most specific first, in brackets or
after commas. The parts become resolved spans, and a part the gazetteer does not know lies in the
next part it does (see `sitroom.pipeline.places`, whose stage is `stage` here).
"""
from __future__ import annotations

from typing import Any

from sitroom.pipeline.actors import group_acronym
from sitroom.pipeline.gazetteer import Candidate
from sitroom.pipeline.gazetteer_names import (AREA_NOUNS, LOCATIVE, NAME_PARTICLES, SETTLEMENT_NOUNS, bracket_parts,
                                              glue, is_cap, starts_run)
from sitroom.pipeline.places_spans import Context, Span



def bracket_chains(stage: Any, doc: Any, spans: list[Span], ctx: Context) -> list[Span]:
    """Admin chains in brackets after a name, "X (Konye, Meme, Sud-Ouest)": the parts become
    resolved spans, and X (found or not) lies in the most specific part found."""
    g, out = stage.gazetteer, []
    for op in (t for t in doc if t.text == "(" and t.i >= 1):
        parts, j = bracket_parts(doc, op.i)
        if not parts:
            continue
        names = [stage.text_of(doc, p[0], p[-1] + 1) for p in parts]
        if group_acronym(names[-1]):
            continue  # "security forces (NISA)": who they are, not where
        found = g.resolve_chain(names, ctx.countries, ctx.weak)
        if not any(found) and len(parts) == 1:
            found = district_town(stage, doc, op.i, names[0], ctx)
        if not any(found):
            continue
        e = op.i
        s = name_start(doc, e - 1 if doc[e - 1].lower_ in SETTLEMENT_NOUNS | AREA_NOUNS else e, e, particles=False)
        whole = name_start(doc, s, e, particles=True)  # "Chapadao do Sul (Mato Grosso do Sul)"
        if whole < s and stage.gazetteer.candidates(stage.text_of(doc, whole, e))[0]:
            s = whole  # but "Ras al Naqoura" is known only as "Naqoura"
        s, e = city_before_dash(doc, s, e)
        spans[:] = [sp for sp in spans if sp.end <= s or sp.start >= j]
        if s < e and is_cap(doc[s]):
            cands, form = stage.gazetteer.candidates(stage.text_of(doc, s, e))
            out.append(Span(s, e, "cue", cands, form, True, True, next(c for c in found if c), found[-1]))
        out += [Span(p[0], p[-1] + 1, "chain", [c], "", True, True) for p, c in zip(parts, found) if c]
    spans += out
    spans.sort(key=lambda sp: sp.start)
    return out


def name_start(doc: Any, s: int, e: int, particles: bool) -> int:
    """Where the capitalised name ending before token s starts (s itself if none), at most six
    tokens before e; with `particles`, lower-case particles inside it count ("Chapadao do Sul")."""
    while s > 0 and e - s < 6 and (glue(doc, s - 1) or starts_run(doc[s - 1]) or (
            particles and doc[s - 1].lower_ in NAME_PARTICLES and s > 1 and starts_run(doc[s - 2]) and s < e)):
        s -= 1
    while s < e and glue(doc, s):
        s += 1
    return s


DASHES = frozenset({"-", "–", "—"})


def city_before_dash(doc: Any, s: int, e: int) -> tuple[int, int]:
    """"Manaus - East Zone (Amazonas)", "Cucuta - East (Norte de Santander)": a city's part after a
    spaced dash; the city before it is the place the brackets locate. (s, e) unchanged otherwise."""
    if s < 2 or doc[s - 1].text not in DASHES or not doc[s - 2].whitespace_ or not is_cap(doc[s - 2]):
        return s, e
    end = s - 1
    start = name_start(doc, end - 1, end, particles=True)
    return (start, end) if start < end and is_cap(doc[start]) else (s, e)


def district_town(stage: Any, doc: Any, op: int, name: str, ctx: Context) -> list[Candidate | None]:
    """"the outskirts of Ramieh (Bint Jbeil)": one bracketed town after a place the text introduces
    ("of", "in", "near" before it) names the district around that town, as coders write it."""
    s = name_start(doc, op - 1, op, particles=True)  # "Ras al Naqoura": lower-case particles inside the name
    if s == 0 or doc[s - 1].lower_ not in LOCATIVE | {"of"}:
        return [None]
    towns = [c for c in stage.gazetteer.candidates(name)[0] if c.precision == "place"]
    known = {c.country_code for c in stage.gazetteer.candidates(stage.text_of(doc, s, op))[0]}
    if known:  # "Khanty-Mansiysk (Siberia)": a known place's bracket must be in its country
        towns = [c for c in towns if c.country_code in known]
    return [stage.gazetteer.rank(towns, ctx.countries, weak_countries=ctx.weak)[0] if towns else None]


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


__all__ = ["NAME_PARTICLES", "bracket_chains", "comma_chain", "comma_runs", "district_town", "in_unit_after"]

"""ACLED records: code each coder's `notes` with sitroom and compare with what the coder recorded.

Only `notes` is input; the event date is given as the publication date so "on Monday"
resolves as it would for a news article of that day. Each note is scored on the most
salient event sitroom finds in it: its ACLED type and sub-type, its conservative death
toll, ACLED's interaction code of its first actor, and its place (admin1 name and the
distance to the coder's coordinates). A note with no event counts as a miss everywhere.

The same note repeats under several event ids in some exports; it is evaluated once,
so a copied row cannot weigh twice (and folds split by note text stay disjoint).
"""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from sitroom.eval.common import CLASS_COLUMNS, EvalResult, Options, class_rows, confusion_examples, select
from sitroom.eval.metrics import confusions, haversine_km, median, safe_div
from sitroom.eval.runner import Item, Progress, analyse_items
from sitroom.eval.salience import conservative_killed, grievance_of_protest, main_event, territory_taken
from sitroom.pipeline.acled_model import load_model as load_acled_model
from sitroom.pipeline.base import Mention
from sitroom.pipeline.gazetteer import get_gazetteer
from sitroom.records import PLACE_FINENESS, Actor, EventMention, Place

NONE = "(none)"


def labelled_type(text: str) -> tuple[str, str] | None:
    """The type and sub-type a coder's label before the note always goes with ("Movement of forces:",
    "Interception:"), from resources/acled_conventions.json; None for no label or one it does not know."""
    label = coder_label(text)
    found = _conventions()["labels"].get(label) if label else None
    return (found[0], found[1]) if found else None


def _type_of(ev: EventMention | None, text: str) -> tuple[str, str]:
    """ACLED type of the note: its coder's label's, else its main event's, else the learned prior's
    reading of the whole note (a note always has a type; sitroom's rules code none for, say, a statement)."""
    labelled = labelled_type(text)
    if labelled is not None:
        return labelled
    if ev is not None and ev.acled_event_type:
        return ev.acled_event_type, ev.acled_sub_event_type or NONE
    model = load_acled_model()
    if model is None:
        return NONE, NONE
    event_type, sub_type, _p = model.predict(text)
    return event_type, sub_type
STATE = {"MIL", "GOV", "COP", "LEG", "JUD", "SPY"}
CIVILIAN = {"CVL", "REF", "MED", "NGO", "BUS", "EDU", "LAB", "AGR", "REL", "HLH", "ELI", "JRN"}
IDENTITY_WORDS = re.compile(r"ethnic|communal|clan|tribal|herder|pastoralist|farmer|vigilant|ethnic militia|"
                            r"fulani|dozo|mai[- ]mai|anti[- ]balaka|koglweogo", re.IGNORECASE)
# A militia named after a people or a place ("a Katsina militia", "the Borana militia") is what ACLED
# codes a communal militia; one named by an acronym ("the UPC militia") or a cause is political.
NAMED_FOR_PEOPLE = re.compile(
    r"\b(?!Pro\b|Islamist\b|Government\b|Militia\b)[A-Z][a-z][\w'-]*\s+(?:communal\s+)?militia")


@dataclass(frozen=True)
class Gold:
    """The coder's answer for one note."""

    event_type: str
    sub_event_type: str
    fatalities: int | None
    inter1: str
    admin1: str
    lat: float | None
    lon: float | None


@lru_cache(maxsize=1)
def _conventions() -> dict:
    return json.loads(resources.files("sitroom.resources").joinpath("acled_conventions.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _named_groups() -> list[tuple[re.Pattern, str]]:
    """(name pattern, ACLED category) for the armed groups of resources/acled_conventions.json, longest
    first; short names (acronyms) match in their own case, full names in any."""
    out = []
    for group in _conventions()["groups"]:
        for alias in group["aliases"]:
            flags = 0 if len(alias) <= 12 and alias.replace("/", "").isupper() else re.IGNORECASE
            out.append((len(alias), re.compile(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", flags), group["inter"]))
    return [(pattern, inter) for _, pattern, inter in sorted(out, key=lambda x: -x[0])]


def named_group_inter(words: str) -> str | None:
    """ACLED's category for an armed group named in `words`, if the table knows it."""
    return next((inter for pattern, inter in _named_groups() if pattern.search(words)), None)


def inter_code(actor: Actor | None, event: EventMention | None, place: Place | None = None) -> str | None:
    """ACLED's interaction code for an actor: 1 state forces, 2 rebels, 3 political militias,
    4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces.
    `place`, where the event happened if the event itself does not say."""
    if actor is None:
        return None
    sector = actor.sector
    words = f"{actor.name} {actor.text}"
    if place is None and event is not None:
        place = event.place
    where = place.country if place is not None else None
    if sector == "IGO":
        return "8"
    if sector in STATE:
        # external forces (8) are a state's forces outside their own country
        return "8" if actor.country and where and actor.country != where else "1"
    named = named_group_inter(words) if sector in ("REB", "UAF", None) else None
    if named is not None:
        return named  # ACLED's own category for a group it names: the CPC is a political militia
    if sector == "REB":
        return "2"
    if sector == "UAF" and actor.country and where and actor.country != where:
        return "8"  # a foreign armed group: mercenaries and contractors are "external/other forces"
    if sector == "UAF":
        return "4" if IDENTITY_WORDS.search(words) or NAMED_FOR_PEOPLE.search(words) else "3"
    if event is not None and event.acled_event_type in ("Riots", "Protests") and (
            sector == "OPP" or sector in CIVILIAN or sector is None):
        return "5" if event.acled_event_type == "Riots" else "6"
    if sector == "OPP":
        return "6"
    if sector in CIVILIAN:
        return "7"
    return None


def note_place(mentions: Sequence[Mention]) -> Place | None:
    """Where a note with no placed event happened: the finest place among the first ones it names
    ("Al Shabaab were seen in Bulo village (Jamaame, Lower Juba)": the village's reading)."""
    first = [m for m in mentions[:3] if m.value.lat is not None]
    if not first:
        return None
    return min(first, key=lambda m: (PLACE_FINENESS.get(m.value.precision, 5), m.start)).value


CODED = re.compile(r"\bcoded (?:separately )?(?:to|as|in|at) ", re.IGNORECASE)


def coded_place(text: str, mentions: Sequence[Mention]) -> Place | None:
    """The place a coder says the event was coded to ("(location coded to Kobo Zuria, North Wello,
    Amhara)", "coded to Morelia"), if sitroom locates it."""
    for m in CODED.finditer(text):
        at = next((x for x in mentions if 0 <= x.start - m.end() <= 2), None)
        if at is not None and at.value.lat is not None:
            return at.value
    return None


def note_location(place: Place | None, text: str, mentions: Sequence[Mention]) -> Place | None:
    """Where a note says its event happened: the place it was coded to; else the event's own place,
    or, where that is only a country or province, the finest place the note names inside it ("rockets
    fired toward southern Israel, causing sirens to sound in Sderot (Ashqelon, HaDarom)"); a country
    alone gives way to a settlement anywhere, as ACLED places an attack where it struck."""
    coded = coded_place(text, mentions)
    if coded is not None:
        return coded
    if place is None or place.lat is None:  # none, or named but not located: the note's own place
        return note_place(mentions) or place
    if place.precision in ("country", "admin1"):
        finer = note_place(mentions)
        if finer is None or PLACE_FINENESS.get(finer.precision, 5) >= PLACE_FINENESS[place.precision]:
            return place
        if finer.country == place.country and (place.precision == "country" or finer.admin1 == place.admin1):
            return finer
        if place.precision == "country" and finer.precision in ("place", "near"):
            return finer  # "rockets fired from Lebanon toward posts near Margaliyyot": the target's place
    return place


# A coder's label before the note proper ("Movement of forces: On 7 April ..."): not a party.
_LABEL = re.compile(r"^[A-Z][A-Za-z /&-]{0,40}:\s")


def coder_label(text: str) -> str | None:
    """The label a coder put before a note ("Movement of forces: ..."), lower-cased; None if none."""
    label = _LABEL.match(text)
    return label.group(0).split(":")[0].strip().lower() if label else None


def first_actor(ev: EventMention | None, mentions: Iterable[Mention], text: str = "") -> Actor | None:
    """Actor 1 of a note: its main event's first actor, else the first party the note names with a
    known sector that is not the event's target (coders' notes name actor 1 first: "an IED planted
    by Al Shabaab detonated, targeting ..." has no subject the parse can give the explosion)."""
    if ev is not None and ev.actors:
        return ev.actors[0]
    targets = {r.name for r in ev.recipients} if ev is not None else set()
    label = _LABEL.match(text)
    after = label.end() if label else 0
    # civilians named in an attack's note are its victims or witnesses, never its perpetrator: ACLED
    # codes a crowd's violence as a riot, and an attack by no one named to an unidentified armed group
    # and police or officials named after the attack's own sentence investigate it ("Police believe ...")
    attack = ev is not None and ev.event == "ASSAULT"
    return next((m.value for m in mentions if m.value.sector and m.value.name not in targets and m.start >= after
                 and not (attack and m.value.sector == "CVL")
                 and not (attack and m.value.sector in ("COP", "GOV", "JUD") and m.start >= ev.span[1])), None)


def note_inter(ev: EventMention | None, mentions: Iterable[Mention], text: str, place: Place | None) -> str | None:
    """The inter1 code of a note's actor 1, with ACLED conventions the actor alone cannot give: an
    interception is coded to the intercepting state's forces (1), a protest to its protesters (6) and a
    riot to its rioters (5), and an attack whose perpetrator the note does not name to an unidentified
    armed group (3)."""
    if coder_label(text) == "interception":
        return "1"
    if ev is not None and ev.acled_event_type in ("Protests", "Riots"):
        # ACLED's first actor of a protest is always its protesters, of a riot its rioters, even where
        # police intervene ("police dispersed the demonstrators" is a protest with intervention)
        return "6" if ev.acled_event_type == "Protests" else "5"
    actor = first_actor(ev, mentions, text)
    code = inter_code(actor, ev, place)
    if actor is None and ev is not None and ev.event == "ASSAULT":
        return "3"
    return code


def fold_text(name: str | None) -> str:
    """Accent-, case- and punctuation-insensitive form of a place name ("Ségou" = "segou")."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"\b(province|region|state|governorate|district|county|prefecture|department)\b", " ", text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


DIRECTION_SUFFIXES = {"nord", "sud", "est", "ouest", "north", "south", "east", "west", "central", "centre"}


def _admin1_codes(name: str, country: str) -> set[str]:
    """Every admin1 code a name denotes in a country, in any spelling the gazetteer knows."""
    g = get_gazetteer()
    cc = g.iso2(country)
    return {f"{c.country_code}.{c.admin1code}" for c in g.admin_units(name) + g.lookup(name)
            if c.precision == "admin1" and c.country_code == cc}


def same_admin1(pred: str | None, gold: str, country: str | None = None) -> bool:
    """Whether two spellings name one province: folded alike, or alike once an Arabic article and
    the spaces are dropped ("Al Nabatieh" = "Nabatieh", "Ndjamena" = "N'Djamena") or doubled letters
    are written once ("Hiiraan" = "Hiraan"), or one is the other's short form ("Veracruz" for
    "Veracruz de Ignacio de la Llave"), or the gazetteer knows both as names of one unit in the
    place's `country` ("Aqaba" = "Al Aqabah", "Auvergne-Rhone-Alpes" = "Rhone-Alpes")."""
    a, b = fold_text(pred), fold_text(gold)
    if not a or not b:
        return False
    if a == b:
        return True
    a, b = (re.sub(r"^(al|el|ad|as|ar|an|at|az)\s+", "", x) for x in (a, b))
    if a.replace(" ", "") == b.replace(" ", ""):
        return True
    if re.sub(r"(.)\1+", r"\1", a.replace(" ", "")) == re.sub(r"(.)\1+", r"\1", b.replace(" ", "")):
        return True  # transliterations that double a vowel or not ("Hiiraan" = "Hiraan", "Banaadir" = "Banadir")
    short, long = sorted((a, b), key=len)
    if " " not in short and len(short) >= 5 and long.split()[0] == short and (
            " de " in f" {long} " or (b == short and long.split()[1:] and long.split()[-1] in DIRECTION_SUFFIXES)):
        return True  # "Veracruz de Ignacio de la Llave"; "Nouakchott Ouest" lies in ACLED's "Nouakchott"
    # another spelling of the same unit, by the gazetteer's names for it ("Aqaba" = "Al Aqabah")
    return bool(country) and bool(_admin1_codes(pred or "", country) & _admin1_codes(gold, country))


def _float(x: str | None) -> float | None:
    try:
        return float(x) if x not in (None, "") else None
    except ValueError:
        return None


def _int(x: str | None) -> int | None:
    try:
        return int(float(x)) if x not in (None, "") else None
    except ValueError:
        return None


def load(path: Path, options: Options = Options()) -> Iterator[Item[Gold]]:
    """Rows with notes, filtered by country and year, each distinct note once."""
    countries = {c.casefold() for c in options.countries}
    seen: set[str] = set()
    with open(path, encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh)):
            notes = (row.get("notes") or "").strip()
            date = (row.get("event_date") or "").strip()[:10]
            if not notes or notes in seen:
                continue
            if countries and (row.get("country") or "").casefold() not in countries:
                continue
            if options.years and not (date[:4].isdigit() and options.years[0] <= int(date[:4]) <= options.years[1]):
                continue
            seen.add(notes)
            gold = Gold(row.get("event_type") or "", row.get("sub_event_type") or "", _int(row.get("fatalities")),
                        (row.get("inter1") or "").strip(), row.get("admin1") or "", _float(row.get("latitude")),
                        _float(row.get("longitude")))
            yield Item(row.get("event_id") or str(n), notes, date if re.fullmatch(r"\d{4}-\d\d-\d\d", date)
                       else None, gold)


def _pairs(rows: list[tuple[str, str, int]]) -> str:
    return "; ".join(f"{g} -> {p} ({n})" for g, p, n in rows)


def evaluate(path: Path, options: Options = Options(), progress: Progress | None = None) -> EvalResult:
    """Type, sub-type, fatalities, interaction code, admin1 and distance scores over the selected notes."""
    items = select(list(load(path, options)), options)
    reasons: list[str] = []
    g_type, p_type, g_sub, p_sub, texts = [], [], [], [], []
    fat_ok, fat_nz_ok, admin_ok, within, dists = [], [], [], [], []
    g_inter, p_inter, fat_pairs = [], [], []
    for out in analyse_items(items, progress=progress):
        if out.state is None:
            reasons.append(out.error or "not analysed")
            continue
        gold: Gold = out.item.gold
        events = out.state.events or ()
        ev = main_event(e for e in events if e.acled_event_type) or main_event(events)
        ev = grievance_of_protest(ev, events, out.state.doc) or ev  # the protest, not the killing it is about
        ev = territory_taken(ev, events) or ev  # a clash coded by its outcome
        texts.append(out.item.text)
        g_type.append(gold.event_type)
        g_sub.append(gold.sub_event_type)
        guess = _type_of(ev, out.item.text)
        p_type.append(guess[0])
        p_sub.append(guess[1])
        if gold.fatalities is not None:
            ok = conservative_killed(ev) == gold.fatalities
            fat_ok.append(ok)
            fat_pairs.append((gold.fatalities, conservative_killed(ev)))
            if gold.fatalities > 0:
                fat_nz_ok.append(ok)
        place = note_location(ev.place if ev else None, out.item.text, out.state.places or ())
        if gold.inter1:
            g_inter.append(gold.inter1)
            p_inter.append(note_inter(ev, out.state.actors or (), out.item.text, place) or NONE)
        if gold.admin1:
            admin_ok.append(place is not None and same_admin1(place.admin1, gold.admin1, place.country))
        if gold.lat is not None and gold.lon is not None:
            if place is not None and place.lat is not None and place.lon is not None:
                km = haversine_km(place.lat, place.lon, gold.lat, gold.lon)
                dists.append(km)
                within.append(km <= 25.0)
            else:
                within.append(False)
    metrics = {
        "event_type_accuracy": safe_div(sum(g == p for g, p in zip(g_type, p_type)), len(g_type)),
        "sub_event_type_accuracy": safe_div(sum(g == p for g, p in zip(g_sub, p_sub)), len(g_sub)),
        "fatalities_exact": safe_div(sum(fat_ok), len(fat_ok)),
        "fatalities_exact_nonzero": safe_div(sum(fat_nz_ok), len(fat_nz_ok)),
        "inter1_accuracy": safe_div(sum(g == p for g, p in zip(g_inter, p_inter)), len(g_inter)),
        "admin1_accuracy": safe_div(sum(admin_ok), len(admin_ok)),
        "within_25km": safe_div(sum(within), len(within)),
        "median_km": median(dists),
    }
    result = EvalResult("acled", metrics, CLASS_COLUMNS, class_rows(g_sub, p_sub), len(g_sub), Counter(reasons),
                        confusion_examples(g_sub, p_sub, texts))
    under = sum(p < g for g, p in fat_pairs)
    result.notes += [
        "event type confusions: " + _pairs(confusions(g_type, p_type, 6)),
        "inter1 confusions (gold -> sitroom): " + _pairs(confusions(g_inter, p_inter, 6)),
        f"fatalities: {under} rows under-counted, {len(fat_pairs) - under - sum(fat_ok)} over-counted, "
        f"of {len(fat_pairs)} ({len(fat_nz_ok)} with deaths)",
        f"rows with inter1: {len(g_inter)}; with admin1: {len(admin_ok)}; with a sitroom place: {len(dists)} "
        f"of {len(within)}"]
    return result
